//! Mail templates as admins edit them (`/gestion/modeles-mail`): subject
//! and body with named variables, and a preview.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateLine {
    pub key: String,
    pub name: String,
    /// Staff changed its text.
    pub edited: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateEdit {
    pub key: String,
    pub name: String,
    pub subject: String,
    pub body: String,
    /// The variables its text may use.
    pub variables: Vec<String>,
    pub edited: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPreview {
    pub subject: String,
    pub text: String,
}
