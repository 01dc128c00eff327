//! Mail templates (`/gestion/modeles-mail`, admins): subject and body with
//! named variables, in French and in English (`langue`: `fr`, `en`), a
//! preview, a reset to the default text.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::mail_templates::{MailPreview, TemplateEdit, TemplateLine};

#[server(prefix = "/api", endpoint = "gestion/modeles-mail")]
pub async fn load_templates() -> Result<Vec<TemplateLine>, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::mail_templates::list(&state, &staff).await
}

#[server(prefix = "/api", endpoint = "gestion/modele-mail")]
pub async fn load_template(key: String, langue: String) -> Result<TemplateEdit, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::mail_templates::one(&state, &staff, &key, &langue).await
}

/// `action`: "apercu" shows the mail with sample values, "enregistrer"
/// saves it, "retablir" goes back to the default text; each for the text
/// of one language (`langue`).
#[server(prefix = "/api", endpoint = "gestion/modele-mail/enregistrer")]
pub async fn save_template(
    key: String,
    langue: String,
    subject: String,
    body: String,
    action: String,
) -> Result<Option<MailPreview>, AppError> {
    let (state, staff) = super::context::staff().await?;
    use crate::server::mail_templates as t;
    match action.as_str() {
        "apercu" => t::preview(&state, &staff, &key, &langue, &subject, &body).await.map(Some),
        "retablir" => t::reset(&state, &staff, &key, &langue).await.map(|()| None),
        _ => t::save(&state, &staff, &key, &langue, &subject, &body).await.map(|()| None),
    }
}
