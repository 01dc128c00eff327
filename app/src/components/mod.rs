//! Reusable pieces of UI: the page frame, form fields, messages, the data
//! tables, and the parts several screens share.

pub mod address_request;
pub mod applications;
pub mod combobox;
pub mod configuration;
pub mod dialog;
pub mod dossier_checklist;
pub mod experience_list;
pub mod field;
pub mod frame;
pub mod idle;
pub mod ine_field;
pub mod language;
pub mod loading;
pub mod mail_sent;
pub mod messages;
pub mod password_rules;
pub mod pieces;
pub mod review;
pub mod school_records;
pub mod status;
pub mod table;
pub mod university;
pub mod unsaved;
#[cfg(feature = "hydrate")]
pub mod upload;
