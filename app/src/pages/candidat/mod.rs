//! The candidate's screens: the home page, signing in, the account and its
//! link pages, the applications, the dossier.

pub mod account;
pub mod account_created;
pub mod application;
pub mod applications;
pub mod create_account;
pub mod dossier;
pub mod email_change;
pub mod forgot_password;
pub mod home;
pub mod lost_activation;
pub mod offer;
pub mod reset;
pub mod sign_in;
pub mod university_join;
pub mod university_sign_in;
pub mod unlock;
pub mod validate;
