//! One module per screen.

pub mod account;
pub mod applications;
pub mod campaigns;
pub mod configuration;
pub mod create_account;
pub mod dossier;
pub mod email_change;
pub mod gestion;
pub mod home;
pub mod lost_links;
pub mod mail_templates;
pub mod not_found;
pub mod pieces;
pub mod reset;
pub mod review;
pub mod sign_in;
pub mod staff_accounts;
pub mod unlock;
pub mod validate;
