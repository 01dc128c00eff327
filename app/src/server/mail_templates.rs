//! Mail templates edited by admins: the list, one template with its
//! variables, a preview with sample values, save, and reset to the default
//! text written in `mail.rs`.

use super::auth::session::Signed;
use super::mail::{self, Template};
use super::review::scope;
use super::state::AppState;
use super::store::{mail_templates, Conn};
use crate::domain::mail_template::parse_template;
use crate::domain::review::StaffRole;
use crate::error::AppError;
use crate::views::mail_templates::{MailPreview, TemplateEdit, TemplateLine};

async fn admin(conn: &mut Conn, signed: &Signed) -> Result<i64, AppError> {
    let me = scope(conn, signed).await?;
    if me.role == StaffRole::Admin {
        Ok(me.staff_id)
    } else {
        Err(AppError::NotFound)
    }
}

fn template(key: &str) -> Result<&'static Template, AppError> {
    mail::by_key(key).ok_or(AppError::NotFound)
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
            edited: edited.iter().any(|k| k == t.key),
        })
        .collect())
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn one(state: &AppState, signed: &Signed, key: &str) -> Result<TemplateEdit, AppError> {
    let t = template(key)?;
    let mut conn = state.db.pool.acquire().await?;
    admin(&mut conn, signed).await?;
    let current = mail_templates::get(&mut conn, key).await?;
    let (subject, body) = current.clone().unwrap_or_else(|| (t.subject.to_owned(), t.body.to_owned()));
    Ok(TemplateEdit {
        key: t.key.to_owned(),
        name: t.name.to_owned(),
        subject,
        body,
        variables: t.variables(),
        edited: current.is_some(),
    })
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save(state: &AppState, signed: &Signed, key: &str, subject: &str, body: &str) -> Result<(), AppError> {
    let t = template(key)?;
    let (subject, body) = parse_template(subject, body, &t.variables())?;
    let mut conn = state.db.pool.acquire().await?;
    let me = admin(&mut conn, signed).await?;
    mail_templates::put(&mut conn, key, &subject, &body, me, state.clock.now()).await?;
    Ok(())
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn reset(state: &AppState, signed: &Signed, key: &str) -> Result<(), AppError> {
    template(key)?;
    let mut conn = state.db.pool.acquire().await?;
    admin(&mut conn, signed).await?;
    mail_templates::reset(&mut conn, key).await?;
    Ok(())
}

/// What a candidate would read, with sample values; refused like a save.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn preview(
    state: &AppState,
    signed: &Signed,
    key: &str,
    subject: &str,
    body: &str,
) -> Result<MailPreview, AppError> {
    let t = template(key)?;
    let (subject, body) = parse_template(subject, body, &t.variables())?;
    let mut conn = state.db.pool.acquire().await?;
    admin(&mut conn, signed).await?;
    let link = state.link("/candidatures/1");
    let samples: Vec<(String, String)> = t
        .variables()
        .into_iter()
        .map(|name| {
            let value = match name.as_str() {
                "prenom" => "Léa".to_owned(),
                "nom" => "MARTIN".to_owned(),
                "login" => "AZEMZZJ3".to_owned(),
                "campagne" => "Campagne 2026/2027".to_owned(),
                "formation" => "Licence Chimie".to_owned(),
                "centre" => "UFR Sciences".to_owned(),
                "date" | "date_limite" => "15/03/2027".to_owned(),
                "expiration" => "15/03/2027 à 18:00".to_owned(),
                "decision" => "Favorable (liste principale)".to_owned(),
                "pieces" => "– Relevé de notes : document illisible".to_owned(),
                "nouvelle" | "email" => "lea.martin@exemple.fr".to_owned(),
                "role" => "gestionnaire".to_owned(),
                "adresse" => "203.0.113.7".to_owned(),
                "essais" => "5".to_owned(),
                "connexion" => state.link("/gestion/connexion"),
                _ => link.clone(),
            };
            (name, value)
        })
        .collect();
    let vars: Vec<(&str, &str)> = samples.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let m = mail::build_text(&subject, &body, &vars, &state.settings.assistance_email);
    Ok(MailPreview { subject: m.subject, text: m.text })
}
