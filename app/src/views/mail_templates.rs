//! Mail templates as admins edit them (`/gestion/modeles-mail`): subject
//! and body with named variables, in French and in English, and a preview.

use serde::{Deserialize, Serialize};

use crate::domain::language::Language;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateLine {
    pub key: String,
    pub name: String,
    /// Its texts: French, and English unless only staff receive it.
    pub versions: Vec<TemplateVersion>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateVersion {
    pub language: Language,
    /// Staff changed its text in this language.
    pub edited: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateEdit {
    pub key: String,
    pub name: String,
    /// The language of this text.
    pub language: Language,
    pub subject: String,
    pub body: String,
    /// The variables its text may use (the same in every language).
    pub variables: Vec<String>,
    pub edited: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPreview {
    pub subject: String,
    pub text: String,
}
