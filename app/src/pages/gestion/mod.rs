//! The staff's screens, under `/gestion`: sign-in and dashboard, the
//! dossiers (list and one dossier), configuration, campaigns, staff
//! accounts, mail templates.

pub mod campaign_settings;
pub mod campaigns;
pub mod configuration;
pub mod dashboard;
pub mod formation;
pub mod mail_templates;
pub mod review_dossier;
pub mod review_list;
pub mod sign_in;
pub mod staff_accounts;
