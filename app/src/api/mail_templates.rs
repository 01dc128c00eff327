//! Mail templates (`/gestion/modeles-mail`, admins): subject and body with
//! named variables, a preview, a reset to the default text.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::mail_templates::{MailPreview, TemplateEdit, TemplateLine};

#[server(prefix = "/api", endpoint = "gestion/modeles-mail")]
pub async fn load_templates() -> Result<Vec<TemplateLine>, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::mail_templates::list(&state, &staff).await
}

#[server(prefix = "/api", endpoint = "gestion/modele-mail")]
pub async fn load_template(key: String) -> Result<TemplateEdit, AppError> {
    let (state, staff) = super::context::staff().await?;
    crate::server::mail_templates::one(&state, &staff, &key).await
}

/// `action`: "apercu" shows the mail with sample values, "enregistrer"
/// saves it, "retablir" goes back to the default text.
#[server(prefix = "/api", endpoint = "gestion/modele-mail/enregistrer")]
pub async fn save_template(
    key: String,
    subject: String,
    body: String,
    action: String,
) -> Result<Option<MailPreview>, AppError> {
    let (state, staff) = super::context::staff().await?;
    use crate::server::mail_templates as t;
    match action.as_str() {
        "apercu" => t::preview(&state, &staff, &key, &subject, &body).await.map(Some),
        "retablir" => t::reset(&state, &staff, &key).await.map(|()| None),
        _ => t::save(&state, &staff, &key, &subject, &body).await.map(|()| None),
    }
}
