//! A candidate's own data (issue 6): "Télécharger mes données" as JSON
//! (to keep or carry elsewhere) and as PDF (to read), and "Supprimer mon
//! compte" when no application of the active campaign is in progress.
//!
//! Both downloads speak the candidate's language (`candidates.language`):
//! the PDF's headings and labels, and in the JSON the values written in
//! words (statuses, decisions, dates, country names); the JSON's keys are
//! its format and stay the same in every language.

use serde::Serialize;

use super::auth::session::Signed;
use super::clock::{paris_date_in, paris_date_time_in};
use super::files;
use super::mail;
use super::pdf;
use super::review::dossier_sheet_in;
use super::state::AppState;
use super::store::{accounts, applications, outbox, pieces};
use crate::domain::account_deletion::{may_delete_account, Standing};
use crate::domain::language::Language;
use crate::domain::problem::Problem;
use crate::error::AppError;
use crate::views::review::DossierSheet;

/// Everything Sésame holds about a candidate, in words (the candidate's
/// language's; dates as `Day::written` writes them, Europe/Paris).
#[derive(Clone, Debug, Serialize)]
pub struct PersonalData {
    pub compte: AccountData,
    pub dossier: DossierSheet,
    pub candidatures: Vec<ApplicationData>,
    pub courriels: Vec<MailData>,
    /// When this export was made (date and time, Europe/Paris).
    pub extrait_le: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AccountData {
    pub login: String,
    pub nom: String,
    pub prenom: String,
    pub adresse_mail: String,
    /// The language chosen for pages, mails and documents (`fr`, `en`).
    pub langue: Language,
}

#[derive(Clone, Debug, Serialize)]
pub struct ApplicationData {
    pub formation: String,
    pub centre: String,
    pub campagne: String,
    pub annee_universitaire: String,
    pub creee_le: String,
    pub statut: String,
    pub transmise_le: Option<String>,
    pub decision: Option<String>,
    pub confirmee_le: Option<String>,
    pub desistement_le: Option<String>,
    pub annulee_le: Option<String>,
    pub pieces: Vec<PieceData>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PieceData {
    pub piece: String,
    pub statut: String,
    pub commentaire: String,
    pub fichier: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MailData {
    pub objet: String,
    pub ecrit_le: String,
    pub envoye_le: Option<String>,
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn collect(state: &AppState, signed: &Signed) -> Result<PersonalData, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let me = accounts::candidate_by_id(&mut conn, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    let language = me.language;
    let day = |t: i64| paris_date_in(t, language);
    let dossier = dossier_sheet_in(state, &mut conn, me.id, language).await?;
    let mut candidatures = Vec::new();
    for a in applications::all_of_candidate(&mut conn, me.id).await? {
        let pieces = pieces::of_application(&mut conn, me.id, a.centre_id, a.formation_id)
            .await?
            .into_iter()
            .map(|p| PieceData {
                piece: p.label,
                statut: super::words::piece_status(p.status, language).to_owned(),
                commentaire: p.comment,
                fichier: p.file_name,
            })
            .collect();
        candidatures.push(ApplicationData {
            formation: a.formation,
            centre: a.centre,
            campagne: a.campaign,
            annee_universitaire: a.university_year,
            creee_le: day(a.created_at),
            statut: super::words::status(a.status, language).to_owned(),
            transmise_le: a.transmitted_at.map(day),
            decision: a.decision.as_ref().map(|d| super::words::decision(d, language)),
            confirmee_le: a.confirmed_at.map(day),
            desistement_le: a.withdrawn_at.map(day),
            annulee_le: a.cancelled_at.map(day),
            pieces,
        });
    }
    let courriels = outbox::to_address(&mut conn, &me.email)
        .await?
        .into_iter()
        .map(|(at, subject, sent)| MailData {
            objet: subject,
            ecrit_le: paris_date_time_in(at, language),
            envoye_le: sent.map(|t| paris_date_time_in(t, language)),
        })
        .collect();
    Ok(PersonalData {
        compte: AccountData {
            login: me.login,
            nom: me.nom,
            prenom: me.prenom,
            adresse_mail: me.email,
            langue: language,
        },
        dossier,
        candidatures,
        courriels,
        extrait_le: paris_date_time_in(state.clock.now(), language),
    })
}

/// The JSON download: (bytes, file name).
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn json(state: &AppState, signed: &Signed) -> Result<(Vec<u8>, String), AppError> {
    let data = collect(state, signed).await?;
    let bytes = serde_json::to_vec_pretty(&data).map_err(|error| AppError::internal("personal data as JSON", error))?;
    Ok((bytes, format!("mes-donnees-{}.json", data.compte.login)))
}

/// The PDF download: the same data as paragraphs.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn pdf(state: &AppState, signed: &Signed) -> Result<(Vec<u8>, String), AppError> {
    let d = collect(state, signed).await?;
    let language = d.compte.langue;
    let w = PdfWords::of(language);
    let mut text = vec![
        format!("{} {}.", w.extracted, d.extrait_le),
        language.labelled(
            w.account,
            format!("login {} — {} {} — {}", d.compte.login, d.compte.prenom, d.compte.nom, d.compte.adresse_mail),
        ),
    ];
    text.extend(super::letters::sheet_paragraphs(&d.dossier, language));
    for a in &d.candidatures {
        let mut line = language.labelled(
            w.application,
            format!(
                "{} ({}), {} — {} — {} {} — {}",
                language.quoted(&a.formation),
                a.centre,
                a.campagne,
                a.annee_universitaire,
                w.created,
                a.creee_le,
                a.statut
            ),
        );
        for (label, value) in [
            (w.transmitted, &a.transmise_le),
            (w.decision, &a.decision),
            (w.confirmed, &a.confirmee_le),
            (w.withdrawn, &a.desistement_le),
            (w.cancelled, &a.annulee_le),
        ] {
            if let Some(v) = value {
                line.push_str(&format!(" — {label} {v}"));
            }
        }
        text.push(line);
        text.extend(a.pieces.iter().map(|p| {
            let file = p.fichier.as_ref().map(|f| format!(" ({f})")).unwrap_or_default();
            let comment = if p.commentaire.is_empty() { String::new() } else { format!(" — {}", p.commentaire) };
            format!("– {}", language.labelled(&p.piece, format!("{}{file}{comment}", p.statut)))
        }));
    }
    text.push(language.labelled(w.mails, d.courriels.len()));
    text.extend(d.courriels.iter().map(|m| format!("– {}", language.labelled(&m.ecrit_le, &m.objet))));
    let refs: Vec<&str> = text.iter().map(String::as_str).collect();
    let bytes = pdf::text_document(&format!("{} — {} {}", w.title, d.compte.prenom, d.compte.nom), &refs);
    Ok((bytes, format!("mes-donnees-{}.pdf", d.compte.login)))
}

/// The PDF's headings and labels in one language.
struct PdfWords {
    title: &'static str,
    extracted: &'static str,
    account: &'static str,
    application: &'static str,
    created: &'static str,
    transmitted: &'static str,
    decision: &'static str,
    confirmed: &'static str,
    withdrawn: &'static str,
    cancelled: &'static str,
    mails: &'static str,
}

impl PdfWords {
    fn of(language: Language) -> PdfWords {
        match language {
            Language::Fr => PdfWords {
                title: "Mes données",
                extracted: "Extrait le",
                account: "Compte",
                application: "Candidature",
                created: "créée le",
                transmitted: "transmise le",
                decision: "décision",
                confirmed: "confirmée le",
                withdrawn: "désistement le",
                cancelled: "annulée le",
                mails: "Courriels envoyés",
            },
            Language::En => PdfWords {
                title: "My data",
                extracted: "Extracted on",
                account: "Account",
                application: "Application",
                created: "created on",
                transmitted: "submitted on",
                decision: "decision",
                confirmed: "confirmed on",
                withdrawn: "withdrawn on",
                cancelled: "cancelled on",
                mails: "Emails sent",
            },
        }
    }
}

/// "Supprimer mon compte": the password again, no application in progress;
/// the account, its dossier, applications, pieces and files go, and a last
/// mail says so. Files leave the disk once the deletion is committed.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn delete_account(state: &AppState, signed: &Signed, client: &str, password: &str) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let me = accounts::candidate_by_id(&mut conn, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    drop(conn);
    if !super::accounts::check_own_password(state, signed, client, &me.password_hash, password).await? {
        return Err(AppError::invalid(
            "mot_de_passe",
            if password.is_empty() { Problem::Required } else { Problem::PasswordWrong },
        ));
    }
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    // The candidate's row first: an application made in another tab waits.
    applications::lock_candidate(&mut tx, me.id).await?;
    let standings: Vec<Standing> = applications::all_of_candidate(&mut tx, me.id)
        .await?
        .into_iter()
        .filter(|a| a.campaign_active && a.cancelled_at.is_none())
        .map(|a| Standing { decision: a.decision.map(|d| d.kind), withdrawn: a.withdrawn_at.is_some() })
        .collect();
    may_delete_account(&standings).map_err(AppError::DeletionRefused)?;
    // The account and the mails written to it go; then the last one.
    let stored = accounts::delete_candidate(&mut tx, me.id).await?;
    let date = super::clock::paris_date_in(now, me.language);
    let vars = [
        ("prenom", me.prenom.as_str()),
        ("nom", me.nom.as_str()),
        ("login", me.login.as_str()),
        ("date", date.as_str()),
    ];
    let mail =
        mail::compose(&mut tx, &mail::ACCOUNT_DELETED, me.language, &vars, &state.settings.assistance_email).await?;
    mail::queue(&mut tx, &format!("account-deleted:{}", me.id), &me.email, &mail, now).await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    files::discard(&state.db.pool, &state.settings.files, &stored).await;
    Ok(())
}
