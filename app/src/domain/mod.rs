//! Pure rules of Sésame, compiled for the browser and the server alike.
//! No I/O here: values are parsed into types that cannot be invalid
//! ("parse, don't validate"), and every refusal is a [`Problem`] the UI
//! turns into French words (see `crate::i18n_problem`).

pub mod account;
pub mod account_deletion;
pub mod address;
pub mod application;
pub mod bac;
pub mod campaign;
pub mod choice;
pub mod confirmation;
pub mod cursus;
pub mod date;
pub mod decision;
pub mod email;
pub mod experience;
pub mod formation;
pub mod identity;
pub mod ine;
pub mod jpeg;
pub mod language;
pub mod login;
pub mod lookup;
pub mod mail_template;
pub mod password;
pub mod phone;
pub mod pieces;
pub mod place;
pub mod problem;
pub mod review;
pub mod school_record;
pub mod search;
pub mod staff_account;
pub mod university;
pub mod upload;

pub use problem::{FieldErrors, Problem};
