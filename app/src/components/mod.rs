//! Reusable pieces of UI: the page frame, form fields, messages.

pub mod combobox;
pub mod dialog;
pub mod field;
pub mod frame;
pub mod idle;
pub mod ine_field;
pub mod loading;
pub mod messages;
pub mod password_rules;
pub mod status;
pub mod table;
pub mod unsaved;
#[cfg(feature = "hydrate")]
pub mod upload;
