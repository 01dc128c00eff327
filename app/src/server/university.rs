//! The university's own people, signed in through its CAS (guide ecesure,
//! 02.2): the ticket the browser comes back with, the first sign-in's
//! "Vérifier les informations et renseigner votre adresse mail", the
//! validation mail, and an existing account joined only through a link
//! mailed to its address. Staff tied to a CAS identifier sign in the same
//! way on `/gestion/connexion`.

use http::HeaderValue;

use super::accounts::{insert_with_activation, NewPerson};
use super::auth::session::{self, AccountKind};
use super::auth::tokens::random_token;
use super::mail;
use super::sso::{self, cas, FromDirectory, Person, University};
use super::state::AppState;
use super::store::{accounts, campaigns, university, StoreError, Unique};
use crate::domain::university::UniversityAccount;
use crate::error::AppError;
use crate::views::account::{UniversityNotice, UniversitySignIn};

/// The browser's cookie between the ticket and the first sign-in's form.
const SIGN_IN_COOKIE: session::CookieName =
    session::CookieName { plain: "sesame_universite", host: "__Host-sesame_universite" };
/// The first sign-in's form must be sent within this long after CAS.
pub const SIGN_IN_SECONDS: i64 = 30 * 60;
pub const JOIN_HOURS: i64 = 48;
/// The password of an account made through CAS: no password verifies
/// against it (`Hasher::verify`); "Mot de passe oublié" may give it one.
const NO_PASSWORD: &str = "!cas";

/// Where the CAS server sends the browser back, exactly as given at sign-in
/// (the CAS server checks that the ticket's service is this one).
pub fn service(state: &AppState, kind: AccountKind) -> String {
    state.link(match kind {
        AccountKind::Candidat => "/cas/retour",
        AccountKind::Staff => "/gestion/cas/retour",
    })
}

fn university(state: &AppState) -> Result<&University, AppError> {
    state.settings.university.as_ref().ok_or(AppError::NotFound)
}

/// The CAS sign-in page of the university, for this kind of account.
pub fn login_url(state: &AppState, kind: AccountKind) -> Result<String, AppError> {
    Ok(cas::login_url(&university(state)?.cas_url, &service(state, kind)))
}

/// What the ticket led to.
#[derive(Debug)]
pub enum TicketOutcome {
    /// Signed in: the session cookie, and the language's for a candidate.
    SignedIn(super::accounts::SignedIn),
    /// A first sign-in: the cookie that carries it to the form.
    FirstSignIn(HeaderValue),
    /// Not signed in, with what to tell.
    Refused(UniversityNotice),
}

/// The browser came back from CAS with `ticket`.
#[tracing::instrument(skip_all, fields(kind = kind.as_str()))]
pub async fn sign_in_with_ticket(
    state: &AppState,
    kind: AccountKind,
    ticket: &str,
    headers: &http::HeaderMap,
) -> Result<TicketOutcome, AppError> {
    let uni = university(state)?;
    let user = match cas::validate(&uni.client, &uni.cas_url, &service(state, kind), ticket).await {
        Ok(user) => user,
        Err(failure) => {
            tracing::warn!(%failure, "CAS ticket not accepted");
            return Ok(TicketOutcome::Refused(match failure {
                cas::CasFailure::Unavailable(_) | cas::CasFailure::Malformed(_) => UniversityNotice::Unavailable,
                _ => UniversityNotice::TicketRefused,
            }));
        }
    };
    let mut person = Person::from_cas(&user);
    if let Some(directory) = &uni.directory {
        let lookup = directory.look_up(&person.uid).await;
        if let sso::directory::Lookup::Unavailable(cause) = &lookup {
            tracing::warn!(%cause, "directory unavailable: the sign-in goes on with what CAS said");
        }
        person.complete(lookup);
    }
    let mut conn = state.db.pool.acquire().await?;
    match kind {
        AccountKind::Staff => match university::active_staff_by_cas_uid(&mut conn, &person.uid).await? {
            Some(id) => {
                drop(conn);
                let (session, _) = session::open(state, kind, id).await?;
                Ok(TicketOutcome::SignedIn(super::accounts::SignedIn { session, language: None }))
            }
            None => Ok(TicketOutcome::Refused(UniversityNotice::NoStaffAccount)),
        },
        AccountKind::Candidat => match university::candidate_by_cas_uid(&mut conn, &person.uid).await? {
            Some(c) if c.validated => {
                keep_record(&mut conn, state, c.id, &person).await?;
                let language = super::language::at_sign_in(state, headers, c.language);
                drop(conn);
                let (session, _) = session::open(state, kind, c.id).await?;
                Ok(TicketOutcome::SignedIn(super::accounts::SignedIn { session, language }))
            }
            Some(_) => Ok(TicketOutcome::Refused(UniversityNotice::AwaitingValidation)),
            None => {
                let token = random_token();
                let json = as_json(&person)?;
                university::insert_sign_in(&mut conn, &state.token_hash(&token), &person.uid, &json, state.clock.now())
                    .await?;
                Ok(TicketOutcome::FirstSignIn(sign_in_cookie(state, &token, Some(SIGN_IN_SECONDS))))
            }
        },
    }
}

/// What the directory said is kept on the account when it answered;
/// otherwise the last record stays, to be fetched again next time.
async fn keep_record(
    conn: &mut super::store::Conn,
    state: &AppState,
    candidate_id: i64,
    person: &Person,
) -> Result<(), AppError> {
    if person.directory != FromDirectory::Unavailable {
        university::save_record(conn, candidate_id, &as_json(person)?, state.clock.now()).await?;
    }
    Ok(())
}

fn as_json(person: &Person) -> Result<String, AppError> {
    serde_json::to_string(person).map_err(|e| AppError::internal("person as JSON", e))
}

fn sign_in_cookie_name(state: &AppState) -> &'static str {
    SIGN_IN_COOKIE.get(state.settings.secure_cookies)
}

fn sign_in_cookie(state: &AppState, token: &str, max_age: Option<i64>) -> HeaderValue {
    session::http_only_cookie(sign_in_cookie_name(state), token, max_age, state.settings.secure_cookies)
}

/// The cookie that ends the first sign-in in the browser.
pub fn clearing_sign_in_cookie(state: &AppState) -> HeaderValue {
    sign_in_cookie(state, "", Some(0))
}

async fn pending(state: &AppState, headers: &http::HeaderMap) -> Result<Option<(String, Person)>, AppError> {
    let Some(token) = session::cookie_value(headers, sign_in_cookie_name(state)) else { return Ok(None) };
    let hash = state.token_hash(&token);
    let mut conn = state.db.pool.acquire().await?;
    let since = state.clock.now() - SIGN_IN_SECONDS;
    let Some((_, json)) = university::sign_in(&mut conn, &hash, since).await? else { return Ok(None) };
    let person: Person = serde_json::from_str(&json).map_err(|e| AppError::internal("stored person", e))?;
    Ok(Some((hash, person)))
}

/// "Vérifier les informations et renseigner votre adresse mail": what the
/// form shows, or `LinkExpired` when there is no first sign-in in progress.
pub async fn sign_in_form(state: &AppState, headers: &http::HeaderMap) -> Result<UniversitySignIn, AppError> {
    let uni = university(state)?;
    let (_, person) = pending(state, headers).await?.ok_or(AppError::LinkExpired)?;
    let names_from_university = person.nom.is_some() && person.prenom.is_some();
    Ok(UniversitySignIn {
        university: uni.name.clone(),
        directory_unavailable: person.directory == FromDirectory::Unavailable,
        student_number: person.student_number,
        ine: person.ine,
        birth_date: person.birth_date.as_deref().and_then(crate::domain::date::Day::parse_iso).map(|d| d.french()),
        uid: person.uid,
        nom: person.nom.unwrap_or_default(),
        prenom: person.prenom.unwrap_or_default(),
        names_from_university,
        email: person.email.unwrap_or_default(),
    })
}

/// The first sign-in's form sent: a new account tied to the CAS identifier
/// and its validation mail, or, when the address is an existing account's,
/// the join link mailed to it. The same answer either way.
#[tracing::instrument(skip_all)]
pub async fn confirm_sign_in(
    state: &AppState,
    headers: &http::HeaderMap,
    nom: &str,
    prenom: &str,
    email: &str,
) -> Result<(), AppError> {
    let uni = university(state)?;
    let (hash, person) = pending(state, headers).await?.ok_or(AppError::LinkExpired)?;
    // Names the university gave are kept as given; the form shows them read-only.
    let form = UniversityAccount::parse(
        person.nom.as_deref().unwrap_or(nom),
        person.prenom.as_deref().unwrap_or(prenom),
        email,
    )?;
    let now = state.clock.now();
    let token = random_token();
    let mut tx = state.db.pool.begin().await?;
    if !university::take_sign_in(&mut tx, &hash).await? {
        // Another tab or click got there first: that one made the account.
        return Ok(());
    }
    let campaign = campaigns::active(&mut tx).await?.ok_or_else(|| AppError::missing("active campaign"))?;
    let email_norm = form.email.normalized();
    if let Some(existing) = accounts::candidate_by_identifier(&mut tx, None, &email_norm).await? {
        let expires = now + JOIN_HOURS * 3600;
        university::insert_join(&mut tx, &state.token_hash(&token), existing.id, &person.uid, expires).await?;
        let mail = mail::compose(
            &mut tx,
            &mail::UNIVERSITY_JOIN,
            existing.language,
            &[
                ("prenom", &existing.prenom),
                ("nom", &existing.nom),
                ("login", &existing.login),
                ("universite", &uni.name),
                ("lien", &state.link(&format!("/compte/rattacher/{token}"))),
            ],
            &state.settings.assistance_email,
        )
        .await?;
        mail::queue(&mut tx, &format!("university-join:{}:{now}", existing.id), &existing.email, &mail, now).await?;
    } else {
        let new = NewPerson {
            nom: &form.nom,
            prenom: &form.prenom,
            email: &form.email,
            password_hash: NO_PASSWORD,
            language: super::language::of_request(headers, state.settings.secure_cookies),
        };
        let id = insert_with_activation(&mut tx, state, &campaign, &new, now).await?;
        match university::set_candidate_cas_uid(&mut tx, id, &person.uid).await {
            // Tied meanwhile by a join link: that account stays the student's.
            Err(StoreError::Duplicate(Unique::CandidateCasUid)) => return Ok(()),
            other => other?,
        };
        keep_record(&mut tx, state, id, &person).await?;
    }
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}

/// The join link opened: the existing account is tied to the CAS
/// identifier (and, its address now proven, validated). Returns the login.
#[tracing::instrument(skip_all)]
pub async fn join(state: &AppState, token: &str) -> Result<String, AppError> {
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    let (candidate_id, uid) =
        university::take_join(&mut tx, &state.token_hash(token), now).await?.ok_or(AppError::LinkExpired)?;
    let tied = match university::set_candidate_cas_uid(&mut tx, candidate_id, &uid).await {
        Err(StoreError::Duplicate(Unique::CandidateCasUid)) => false,
        other => other?,
    };
    if !tied {
        // The identifier is another account's, or this one has another.
        return Err(AppError::LinkExpired);
    }
    accounts::mark_validated(&mut tx, candidate_id, now).await?;
    let candidate =
        accounts::candidate_by_id(&mut tx, candidate_id).await?.ok_or_else(|| AppError::missing("joined account"))?;
    tx.commit().await?;
    Ok(candidate.login)
}

/// For the sign-in pages: the university's name when its CAS is configured.
pub fn name(state: &AppState) -> Option<String> {
    state.settings.university.as_ref().map(|u| u.name.clone())
}
