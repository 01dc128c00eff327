//! Account use cases: what the server functions call. Each parses its
//! input with the domain, does slow work (hashing) before opening a
//! transaction, and writes the change and its mail in one transaction.

use http::HeaderValue;

use super::auth::session::{self, AccountKind, Signed};
use super::auth::throttle::{self, Keys, Target, Verdict};
use super::auth::tokens::{random_bytes, random_token};
use super::clock::{paris_date_in, paris_date_time_in};
use super::mail;
use super::state::AppState;
use super::store::{self, accounts, campaigns, email_changes, resets, sessions, StoreError, Unique};
use crate::domain::account::{new_email, new_password, AccountForm, NewAccount};
use crate::domain::email::EmailAddress;
use crate::domain::language::Language;
use crate::domain::login::Login;
use crate::domain::{FieldErrors, Problem};
use crate::error::AppError;

pub const ACTIVATION_DAYS: i64 = 5;
pub const RESET_HOURS: i64 = 2;
pub const EMAIL_CHANGE_HOURS: i64 = 48;
/// Mails on request (new link, reset) per address and per hour.
const MAILS_PER_HOUR: i64 = 3;

/// "Créer un compte". An address that already has an account gets the same
/// answer, and its owner a mail saying so: the form never tells who has an
/// account.
#[tracing::instrument(skip_all)]
pub async fn create_candidate(state: &AppState, form: &AccountForm<'_>, language: Language) -> Result<(), AppError> {
    let account = NewAccount::parse(form)?;
    let hash = state.hasher.hash(&account.password).await?;
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    let campaign = campaigns::active(&mut tx).await?.ok_or_else(|| AppError::missing("active campaign"))?;
    let email_norm = account.email.normalized();
    if let Some(existing) = accounts::candidate_by_identifier(&mut tx, None, &email_norm).await? {
        let mail = mail::compose(
            &mut tx,
            &mail::ACCOUNT_EXISTS,
            existing.language,
            &[
                ("prenom", &existing.prenom),
                ("nom", &existing.nom),
                ("login", &existing.login),
                ("lien", &state.link("/compte/mot-de-passe-oublie")),
            ],
            &state.settings.assistance_email,
        )
        .await?;
        let key = format!("account-exists:{}:{}", existing.id, now / 3600);
        mail::queue(&mut tx, &key, &existing.email, &mail, now).await?;
        tx.commit().await?;
        state.mail_bell.notify_one();
        return Ok(());
    }
    let person =
        NewPerson { nom: &account.nom, prenom: &account.prenom, email: &account.email, password_hash: &hash, language };
    insert_with_activation(&mut tx, state, &campaign, &person, now).await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}

/// Who a new candidate account is for: as typed on "Création de compte",
/// or as the university gave them (`server::university`).
pub(crate) struct NewPerson<'a> {
    pub nom: &'a str,
    pub prenom: &'a str,
    pub email: &'a EmailAddress,
    pub password_hash: &'a str,
    /// The language of the pages they created it from.
    pub language: Language,
}

/// A new account (a fresh login, the activation deadline) and its
/// activation mail, in the caller's transaction; returns its id.
pub(crate) async fn insert_with_activation(
    tx: &mut store::Conn,
    state: &AppState,
    campaign: &campaigns::Campaign,
    person: &NewPerson<'_>,
    now: i64,
) -> Result<i64, AppError> {
    let token = random_token();
    let login = loop {
        let login = Login::from_random_bytes(random_bytes());
        if accounts::reserve_login(tx, login.as_str()).await? {
            break login;
        }
    };
    let deadline = now + ACTIVATION_DAYS * 86_400;
    let id = accounts::insert_candidate(
        tx,
        &accounts::NewCandidate {
            campaign_id: campaign.id,
            login: login.as_str(),
            nom: person.nom,
            prenom: person.prenom,
            email: person.email.as_str(),
            email_norm: &person.email.normalized(),
            password_hash: person.password_hash,
            activation_token_hash: &state.token_hash(&token),
            now,
            language: person.language,
            activation_deadline: deadline,
        },
    )
    .await?;
    let mail = mail::compose(
        tx,
        &mail::ACTIVATION,
        person.language,
        &[
            ("prenom", person.prenom),
            ("nom", person.nom),
            ("campagne", &campaign.label),
            ("login", login.as_str()),
            ("lien", &state.link(&format!("/compte/valider/{token}"))),
            ("date_limite", &paris_date_in(deadline, person.language)),
        ],
        &state.settings.assistance_email,
    )
    .await?;
    mail::queue(tx, &format!("activation:{id}"), person.email.as_str(), &mail, now).await?;
    Ok(id)
}

/// The validation link of the activation mail; returns the login.
#[tracing::instrument(skip_all)]
pub async fn validate(state: &AppState, token: &str) -> Result<String, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let candidate = accounts::validate_candidate(&mut conn, &state.token_hash(token), state.clock.now()).await?;
    candidate.map(|c| c.login).ok_or(AppError::LinkExpired)
}

/// Counts a mail sent on request to this address; false past the hourly quota.
async fn mail_quota(conn: &mut store::Conn, purpose: &str, email_norm: &str, now: i64) -> Result<bool, AppError> {
    let counter = store::throttle::hit(conn, &format!("mail:{purpose}:{email_norm}"), now, 3600).await?;
    Ok(counter.failures <= MAILS_PER_HOUR)
}

/// "J'ai perdu mon code d'activation": a new link for an account not yet
/// validated. Same answer whether the address has an account or not.
#[tracing::instrument(skip_all)]
pub async fn resend_activation(state: &AppState, email: &str) -> Result<(), AppError> {
    let email = EmailAddress::parse(email).map_err(|p| AppError::invalid("email", p))?;
    let now = state.clock.now();
    let token = random_token();
    let mut tx = state.db.pool.begin().await?;
    if mail_quota(&mut tx, "activation", &email.normalized(), now).await? {
        if let Some(c) =
            accounts::renew_activation(&mut tx, &email.normalized(), &state.token_hash(&token), now).await?
        {
            let campaign = campaigns::active(&mut tx).await?.map(|c| c.label).unwrap_or_default();
            let mail = mail::compose(
                &mut tx,
                &mail::ACTIVATION_AGAIN,
                c.language,
                &[
                    ("prenom", &c.prenom),
                    ("nom", &c.nom),
                    ("campagne", &campaign),
                    ("login", &c.login),
                    ("lien", &state.link(&format!("/compte/valider/{token}"))),
                    ("date_limite", &paris_date_in(c.activation_deadline, c.language)),
                ],
                &state.settings.assistance_email,
            )
            .await?;
            mail::queue(&mut tx, &format!("activation-again:{}:{now}", c.id), &c.email, &mail, now).await?;
        }
    }
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}

/// "J'ai oublié mon mot de passe": the login and a single-use link valid
/// two hours. Same answer whether the address has an account or not.
#[tracing::instrument(skip_all)]
pub async fn forgot_password(state: &AppState, email: &str) -> Result<(), AppError> {
    let email = EmailAddress::parse(email).map_err(|p| AppError::invalid("email", p))?;
    let now = state.clock.now();
    let token = random_token();
    let mut tx = state.db.pool.begin().await?;
    if mail_quota(&mut tx, "reset", &email.normalized(), now).await? {
        if let Some(c) = accounts::candidate_by_identifier(&mut tx, None, &email.normalized()).await? {
            let expires = now + RESET_HOURS * 3600;
            resets::insert(&mut tx, &state.token_hash(&token), "candidat", c.id, now, expires).await?;
            let mail = mail::compose(
                &mut tx,
                &mail::PASSWORD_RESET,
                c.language,
                &[
                    ("prenom", &c.prenom),
                    ("nom", &c.nom),
                    ("login", &c.login),
                    ("lien", &state.link(&format!("/compte/reinitialiser/{token}"))),
                    ("expiration", &paris_date_time_in(expires, c.language)),
                ],
                &state.settings.assistance_email,
            )
            .await?;
            mail::queue(&mut tx, &format!("reset:{}:{now}", c.id), &c.email, &mail, now).await?;
        }
    }
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}

#[tracing::instrument(skip_all)]
pub async fn reset_link_usable(state: &AppState, token: &str) -> Result<crate::views::account::ResetLink, AppError> {
    use crate::views::account::ResetLink;
    let mut conn = state.db.pool.acquire().await?;
    Ok(match resets::usable(&mut conn, &state.token_hash(token), state.clock.now()).await? {
        None => ResetLink::Unusable,
        Some(false) => ResetLink::Reset,
        Some(true) => ResetLink::Invitation,
    })
}

/// Sets the new password through a reset link and ends every session of
/// the account. The link works once. A reset also proves the address, so
/// an account not yet validated becomes validated.
/// Returns the kind of account ("candidat", "staff").
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    state: &AppState,
    token: &str,
    password: &str,
    confirmation: &str,
) -> Result<String, AppError> {
    let mut errors = FieldErrors::new();
    let password = new_password(&mut errors, "password", password, confirmation);
    let password = errors.into_result(|| password)?;
    let now = state.clock.now();
    // The link is checked before the slow hash: a forged token costs nothing.
    let mut conn = state.db.pool.acquire().await?;
    resets::usable(&mut conn, &state.token_hash(token), now).await?.ok_or(AppError::LinkExpired)?;
    drop(conn);
    let hash = state.hasher.hash(&password).await?;
    let mut tx = state.db.pool.begin().await?;
    let (kind, id) = resets::consume(&mut tx, &state.token_hash(token), now).await?.ok_or(AppError::LinkExpired)?;
    accounts::set_password(&mut tx, &kind, id, &hash).await?;
    sessions::delete_for_account(&mut tx, &kind, id, None).await?;
    // The other links of the account stop working, and its owner may sign
    // in again from any address.
    resets::revoke_for_account(&mut tx, &kind, id, now).await?;
    let account_kind = if kind == AccountKind::Staff.as_str() { AccountKind::Staff } else { AccountKind::Candidat };
    for purpose in [SIGN_IN, PASSWORD_CHECK] {
        store::throttle::clear_prefix(&mut tx, &throttle::account_pairs(purpose, account_kind, id)).await?;
    }
    tx.commit().await?;
    Ok(kind)
}

/// Throttling purposes: sign-in forms, and password checks behind a session.
const SIGN_IN: &str = "signin";
const PASSWORD_CHECK: &str = "password";

/// Checks a password under throttling (`auth::throttle`): the attempt is
/// counted before the slow check, so parallel attempts cannot exceed the
/// limit; `hash` None (no such account) is checked against a decoy.
async fn throttled_check(
    state: &AppState,
    purpose: &str,
    kind: AccountKind,
    target: Target,
    client: &str,
    hash: Option<&str>,
    password: &str,
) -> Result<bool, AppError> {
    let now = state.clock.now();
    let keys = Keys::new(purpose, kind, &target, client);
    let mut conn = state.db.pool.acquire().await?;
    let pair = store::throttle::hit(&mut conn, &keys.pair, now, throttle::WINDOW).await?;
    let account = store::throttle::hit(&mut conn, &keys.account, now, throttle::WINDOW).await?;
    let from_client = store::throttle::hit(&mut conn, &keys.client, now, throttle::WINDOW).await?;
    drop(conn);
    let wait = match throttle::verdict(pair, account, from_client, now) {
        Verdict::Refuse { retry_after, first } => {
            tracing::warn!(purpose, kind = kind.as_str(), client, retry_after, first, "password attempts refused");
            if let (true, Target::Account(id)) = (first, &target) {
                // The refusal stands whatever the mail does.
                if let Err(error) = offer_unlock(state, kind, *id, client).await {
                    tracing::error!(%error, "unlock link not queued");
                }
            }
            return Err(AppError::TooManyAttempts);
        }
        Verdict::Check(wait) => wait,
    };
    tokio::time::sleep(wait).await;
    let good = state.hasher.verify(password, hash).await?;
    if good {
        let mut conn = state.db.pool.acquire().await?;
        store::throttle::clear(&mut conn, &keys.pair).await?;
        store::throttle::clear(&mut conn, &keys.account).await?;
        store::throttle::take_back(&mut conn, &keys.client).await?;
    }
    Ok(good)
}

/// How long an unlock link lasts.
const UNLOCK_LINK_LIFETIME: i64 = 3600;

/// The owner of an account on which an address was just refused is told,
/// with a link that lifts the refusal of that address (a few such mails an
/// hour at most, whoever triggers them).
async fn offer_unlock(state: &AppState, kind: AccountKind, id: i64, client: &str) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    let owner = match kind {
        AccountKind::Candidat => accounts::candidate_by_id(&mut tx, id)
            .await?
            .filter(|c| c.validated)
            .map(|c| (c.email, format!("{} {}", c.prenom, c.nom), c.language)),
        // Staff mails are French.
        AccountKind::Staff => accounts::staff_by_id(&mut tx, id)
            .await?
            .filter(|s| s.active)
            .map(|s| (s.email, s.display_name, Language::Fr)),
    };
    let Some((email, name, language)) = owner else { return Ok(()) };
    if !mail_quota(&mut tx, "unlock", &email.to_lowercase(), now).await? {
        tx.commit().await?;
        return Ok(());
    }
    let token = random_token();
    let hash = state.token_hash(&token);
    let unlock = store::unlocks::Unlock { kind: kind.as_str().to_owned(), account_id: id, client: client.to_owned() };
    store::unlocks::insert(&mut tx, &hash, &unlock, now + UNLOCK_LINK_LIFETIME).await?;
    let limit = throttle::PAIR_LIMIT.to_string();
    let mail = mail::compose(
        &mut tx,
        &mail::UNLOCK,
        language,
        &[
            ("nom", &name),
            ("date", &paris_date_time_in(now, language)),
            ("essais", &limit),
            ("adresse", client),
            ("lien", &state.link(&format!("/compte/debloquer/{token}"))),
        ],
        &state.settings.assistance_email,
    )
    .await?;
    mail::queue(&mut tx, &format!("unlock:{}", &hash[..16.min(hash.len())]), &email, &mail, now).await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}

/// "Lever la suspension": the address the mail named may sign in to the
/// account again at once (sign-in and the checks behind a session).
#[tracing::instrument(skip_all)]
pub async fn unlock(state: &AppState, token: &str) -> Result<(), AppError> {
    let mut tx = state.db.pool.begin().await?;
    let u = store::unlocks::consume(&mut tx, &state.token_hash(token), state.clock.now())
        .await?
        .ok_or(AppError::LinkExpired)?;
    let kind = if u.kind == AccountKind::Staff.as_str() { AccountKind::Staff } else { AccountKind::Candidat };
    for purpose in [SIGN_IN, PASSWORD_CHECK] {
        store::throttle::clear(&mut tx, &Keys::new(purpose, kind, &Target::Account(u.account_id), &u.client).pair)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Checks a sign-in and opens a session; returns the `Set-Cookie` header.
/// Unknown identifier, wrong password and refused attempts are told apart
/// only by throttling, which treats them all the same. `client` is the
/// client address (`server::client::key`).
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    state: &AppState,
    kind: AccountKind,
    identifier: &str,
    password: &str,
    client: &str,
    headers: &http::HeaderMap,
) -> Result<SignedIn, AppError> {
    let mut errors = FieldErrors::new();
    if identifier.trim().is_empty() {
        errors.add("identifiant", Problem::Required);
    }
    if password.is_empty() {
        errors.add("mot_de_passe", Problem::Required);
    }
    if !errors.is_empty() || identifier.len() > 254 || password.len() > 512 {
        return Err(if errors.is_empty() { AppError::BadCredentials } else { AppError::Invalid(errors) });
    }
    let mut conn = state.db.pool.acquire().await?;
    let normalized = identifier.trim().to_lowercase();
    let mut candidate = None;
    let account = match kind {
        AccountKind::Candidat => {
            let login = Login::parse(identifier);
            candidate =
                accounts::candidate_by_identifier(&mut conn, login.as_ref().map(Login::as_str), &normalized).await?;
            candidate.as_ref().map(|c| (c.id, c.password_hash.clone(), c.validated))
        }
        AccountKind::Staff => {
            accounts::staff_by_email(&mut conn, &normalized).await?.map(|s| (s.id, s.password_hash, s.active))
        }
    };
    drop(conn);
    let (target, hash, usable) = match &account {
        Some((id, hash, usable)) => (Target::Account(*id), Some(hash.as_str()), *usable),
        None => (Target::Unknown(normalized.clone()), None, false),
    };
    let good = throttled_check(state, SIGN_IN, kind, target, client, hash, password).await? && usable;
    let Some((id, _, _)) = account.filter(|_| good) else {
        return Err(AppError::BadCredentials);
    };
    let (session, _) = session::open(state, kind, id).await?;
    let language = match &candidate {
        Some(c) => super::language::at_sign_in(state, headers, c.language),
        None => None,
    };
    Ok(SignedIn { session, language })
}

/// A session opened, and for a candidate the language cookie to set,
/// if any (`language::at_sign_in`).
#[derive(Debug)]
pub struct SignedIn {
    pub session: HeaderValue,
    pub language: Option<HeaderValue>,
}

/// The password of the signed-in account checked again (a change of
/// password or address, the deletion of the account), throttled like a
/// sign-in but under keys of its own.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn check_own_password(
    state: &AppState,
    signed: &Signed,
    client: &str,
    hash: &str,
    password: &str,
) -> Result<bool, AppError> {
    throttled_check(
        state,
        PASSWORD_CHECK,
        signed.kind,
        Target::Account(signed.account_id),
        client,
        Some(hash),
        password,
    )
    .await
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn sign_out(state: &AppState, signed: &Signed) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    sessions::delete(&mut conn, &signed.token_hash).await?;
    Ok(())
}

/// Changes the password of the signed-in account and ends its other sessions.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn change_password(
    state: &AppState,
    signed: &Signed,
    client: &str,
    current: &str,
    password: &str,
    confirmation: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let password = new_password(&mut errors, "password", password, confirmation);
    let mut conn = state.db.pool.acquire().await?;
    let hash = match signed.kind {
        AccountKind::Candidat => {
            accounts::candidate_by_id(&mut conn, signed.account_id).await?.map(|c| c.password_hash)
        }
        AccountKind::Staff => accounts::staff_by_id(&mut conn, signed.account_id).await?.map(|s| s.password_hash),
    }
    .ok_or(AppError::NotSignedIn)?;
    drop(conn);
    if !check_own_password(state, signed, client, &hash, current).await? {
        errors.add("current_password", Problem::PasswordWrong);
    }
    let password = errors.into_result(|| password)?;
    let new_hash = state.hasher.hash(&password).await?;
    let mut tx = state.db.pool.begin().await?;
    accounts::set_password(&mut tx, signed.kind.as_str(), signed.account_id, &new_hash).await?;
    sessions::delete_for_account(&mut tx, signed.kind.as_str(), signed.account_id, Some(&signed.token_hash)).await?;
    resets::revoke_for_account(&mut tx, signed.kind.as_str(), signed.account_id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// "Modifier mon adresse mail": checks the password, then mails a
/// single-use link to the new address and a notice to the current one. The
/// address changes only when the link is followed.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn request_email_change(
    state: &AppState,
    signed: &Signed,
    client: &str,
    email: &str,
    confirmation: &str,
    current_password: &str,
) -> Result<(), AppError> {
    if signed.kind != AccountKind::Candidat {
        return Err(AppError::NotFound);
    }
    let mut conn = state.db.pool.acquire().await?;
    let me = accounts::candidate_by_id(&mut conn, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    drop(conn);
    let current = EmailAddress::parse(&me.email)
        .map_err(|problem| AppError::internal("stored address", format_args!("{problem:?}")))?;
    let mut errors = match new_email(email, confirmation, &current) {
        Ok(_) => FieldErrors::new(),
        Err(errors) => errors,
    };
    if !check_own_password(state, signed, client, &me.password_hash, current_password).await? {
        errors.add("current_password", Problem::PasswordWrong);
    }
    let email = errors.into_result(|| new_email(email, confirmation, &current).ok())?;
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    if !mail_quota(&mut tx, "email-change", &current.normalized(), now).await? {
        return Err(AppError::TooManyAttempts);
    }
    // Two requests within a second are two events: the key carries a nonce.
    let key = format!("email-change:{}:{}", me.id, random_token());
    let taken = accounts::candidate_by_identifier(&mut tx, None, &email.normalized()).await?;
    if let Some(owner) = taken {
        // Read by the owner of that address: in their language.
        let mail = mail::compose(
            &mut tx,
            &mail::EMAIL_CHANGE_TAKEN,
            owner.language,
            &[("lien", &state.link("/compte/mot-de-passe-oublie"))],
            &state.settings.assistance_email,
        )
        .await?;
        mail::queue(&mut tx, &key, email.as_str(), &mail, now).await?;
    } else {
        let token = random_token();
        let expires = now + EMAIL_CHANGE_HOURS * 3600;
        email_changes::replace(
            &mut tx,
            &state.token_hash(&token),
            me.id,
            email.as_str(),
            &email.normalized(),
            now,
            expires,
        )
        .await?;
        let who = [("prenom", me.prenom.as_str()), ("nom", me.nom.as_str()), ("login", me.login.as_str())];
        let link = state.link(&format!("/compte/adresse/{token}"));
        let expiration = paris_date_time_in(expires, me.language);
        let mail = mail::compose(
            &mut tx,
            &mail::EMAIL_CHANGE,
            me.language,
            &[&who[..], &[("lien", &link), ("expiration", &expiration)]].concat(),
            &state.settings.assistance_email,
        )
        .await?;
        mail::queue(&mut tx, &key, email.as_str(), &mail, now).await?;
        let notice = mail::compose(
            &mut tx,
            &mail::EMAIL_CHANGE_NOTICE,
            me.language,
            &[&who[..], &[("nouvelle", email.as_str())]].concat(),
            &state.settings.assistance_email,
        )
        .await?;
        mail::queue(&mut tx, &format!("{key}:notice"), &me.email, &notice, now).await?;
    }
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}

/// The link of the mail above: the new address replaces the old one.
#[tracing::instrument(skip_all)]
pub async fn confirm_email_change(state: &AppState, token: &str) -> Result<String, AppError> {
    let mut tx = state.db.pool.begin().await?;
    let pending = email_changes::consume(&mut tx, &state.token_hash(token), state.clock.now())
        .await?
        .ok_or(AppError::LinkExpired)?;
    match accounts::set_candidate_email(&mut tx, pending.candidate_id, &pending.new_email, &pending.new_email_norm)
        .await
    {
        Err(StoreError::Duplicate(Unique::CandidateEmail)) => {
            return Err(AppError::invalid("email", Problem::EmailTaken))
        }
        other => other?,
    }
    tx.commit().await?;
    Ok(pending.new_email)
}

/// The address waiting for confirmation, shown on "Mon compte".
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn pending_email(state: &AppState, signed: &Signed) -> Result<Option<String>, AppError> {
    if signed.kind != AccountKind::Candidat {
        return Ok(None);
    }
    let mut conn = state.db.pool.acquire().await?;
    Ok(email_changes::pending_for(&mut conn, signed.account_id, state.clock.now()).await?)
}
