//! Mail templates edited by admins: the list, one template's text in one
//! language with its variables, a preview with sample values, save, and
//! reset to the default text written in `mail.rs`. Each template a
//! candidate may receive has a French and an English text; staff-only ones
//! are French.

use super::auth::session::Signed;
use super::mail::{self, Template};
use super::review::scope;
use super::state::AppState;
use super::store::{mail_templates, Conn};
use crate::domain::language::Language;
use crate::domain::mail_template::parse_template;
use crate::domain::review::StaffRole;
use crate::error::AppError;
use crate::views::mail_templates::{MailPreview, TemplateEdit, TemplateLine, TemplateVersion};

async fn admin(conn: &mut Conn, signed: &Signed) -> Result<i64, AppError> {
    let me = scope(conn, signed).await?;
    if me.role == StaffRole::Admin {
        Ok(me.staff_id)
    } else {
        Err(AppError::NotFound)
    }
}

/// The template of this key in this language (its code: `fr`, `en`); a
/// language it is not written in is not found.
fn template(key: &str, language: &str) -> Result<(&'static Template, Language), AppError> {
    let t = mail::by_key(key).ok_or(AppError::NotFound)?;
    let language = Language::from_code(language).ok_or(AppError::NotFound)?;
    if t.languages().contains(&language) {
        Ok((t, language))
    } else {
        Err(AppError::NotFound)
    }
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn list(state: &AppState, signed: &Signed) -> Result<Vec<TemplateLine>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    admin(&mut conn, signed).await?;
    let edited = mail_templates::edited(&mut conn).await?;
    Ok(mail::ALL
        .iter()
        .map(|t| TemplateLine {
            key: t.key.to_owned(),
            name: t.name.to_owned(),
            versions: t
                .languages()
                .iter()
                .map(|&language| TemplateVersion {
                    language,
                    edited: edited.iter().any(|(k, l)| k == t.key && *l == language),
                })
                .collect(),
        })
        .collect())
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn one(state: &AppState, signed: &Signed, key: &str, language: &str) -> Result<TemplateEdit, AppError> {
    let (t, language) = template(key, language)?;
    let mut conn = state.db.pool.acquire().await?;
    admin(&mut conn, signed).await?;
    let current = mail_templates::get(&mut conn, key, language).await?;
    let default = t.text(language);
    let (subject, body) = current.clone().unwrap_or_else(|| (default.subject.to_owned(), default.body.to_owned()));
    Ok(TemplateEdit {
        key: t.key.to_owned(),
        name: t.name.to_owned(),
        language,
        subject,
        body,
        variables: t.variables(),
        edited: current.is_some(),
    })
}

/// Saves the text of one language; it may use only the template's
/// variables, whatever the language.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save(
    state: &AppState,
    signed: &Signed,
    key: &str,
    language: &str,
    subject: &str,
    body: &str,
) -> Result<(), AppError> {
    let (t, language) = template(key, language)?;
    let (subject, body) = parse_template(subject, body, &t.variables())?;
    let mut conn = state.db.pool.acquire().await?;
    let me = admin(&mut conn, signed).await?;
    mail_templates::put(&mut conn, key, language, &subject, &body, me, state.clock.now()).await?;
    Ok(())
}

/// The default text again, in one language (the other keeps its own).
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn reset(state: &AppState, signed: &Signed, key: &str, language: &str) -> Result<(), AppError> {
    let (_, language) = template(key, language)?;
    let mut conn = state.db.pool.acquire().await?;
    admin(&mut conn, signed).await?;
    mail_templates::reset(&mut conn, key, language).await?;
    Ok(())
}

/// What a candidate reading this language would read, with sample values
/// written in it and its footer; refused like a save.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn preview(
    state: &AppState,
    signed: &Signed,
    key: &str,
    language: &str,
    subject: &str,
    body: &str,
) -> Result<MailPreview, AppError> {
    let (t, language) = template(key, language)?;
    let (subject, body) = parse_template(subject, body, &t.variables())?;
    let mut conn = state.db.pool.acquire().await?;
    admin(&mut conn, signed).await?;
    let link = state.link("/candidatures/1");
    let samples: Vec<(String, String)> = t
        .variables()
        .into_iter()
        .map(|name| {
            let value = match sample(&name, language) {
                Some(value) => value,
                None if name == "connexion" => state.link("/gestion/connexion"),
                None => link.clone(),
            };
            (name, value)
        })
        .collect();
    let vars: Vec<(&str, &str)> = samples.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let m = mail::build_text(language, &subject, &body, &vars, &state.settings.assistance_email);
    Ok(MailPreview { subject: m.subject, text: m.text })
}

/// A variable's sample value in a language (`None`: a link).
fn sample(name: &str, language: Language) -> Option<String> {
    let en = language == Language::En;
    let day = crate::domain::date::Day::new(2027, 3, 15).expect("a calendar day");
    // 15 March 2027, noon in Paris.
    let noon = super::clock::paris_day_start(day) + 12 * 3600;
    Some(match name {
        "date" | "date_limite" => day.written(language),
        "expiration" => super::clock::paris_date_time_in(noon + 6 * 3600, language),
        "decision" => super::words::decision(
            &crate::domain::decision::Decision {
                kind: crate::domain::decision::DecisionKind::Favorable,
                rank: None,
                reason: None,
            },
            language,
        ),
        "a_faire" => super::decisions::answer_by(language, &day.written(language)),
        "motif" => super::answers::withdrawal_reason(language, false, noon, noon),
        "pieces" if en => "– Relevé de notes: document illisible".to_owned(),
        "pieces" => "– Relevé de notes : document illisible".to_owned(),
        other => match other {
            "prenom" => "Léa",
            "nom" => "MARTIN",
            "login" => "AZEMZZJ3",
            "campagne" => "Campagne 2026/2027",
            "formation" => "Licence Chimie",
            "centre" => "UFR Sciences",
            "annee" => "2026/2027",
            "universite" => "Université",
            "nouvelle" | "email" => "lea.martin@exemple.fr",
            "role" => "gestionnaire",
            "adresse" => "203.0.113.7",
            "essais" => "5",
            _ => return None,
        }
        .to_owned(),
    })
}
