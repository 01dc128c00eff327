//! Server-only half of the app crate (feature `ssr`): everything the
//! server functions need besides the domain. The `server` crate builds an
//! [`AppState`] and hands it to every request as Leptos context.

pub mod accounts;
pub mod answers;
pub mod applications;
pub mod auth;
pub mod bulk;
pub mod campaign_lifecycle;
pub mod campaigns;
pub mod client;
pub mod clock;
pub mod configuration;
pub mod csp;
pub mod dashboard;
pub mod db;
pub mod decisions;
pub mod dossier;
pub mod errors;
pub mod export;
pub mod files;
pub mod frame;
pub mod language;
pub mod letters;
pub mod mail;
pub mod mail_templates;
pub mod pdf;
pub mod pdf_work;
pub mod personal_data;
pub mod pieces;
pub mod refdata;
pub mod review;
pub mod school_records;
pub mod sso;
pub mod staff_accounts;
pub mod state;
pub mod store;
pub mod university;
pub mod words;

pub use state::AppState;
