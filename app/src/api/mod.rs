//! Server functions, grouped by what they serve. They are thin: read the
//! request's context, call a use case in `server::`, answer.

pub mod account;
pub mod applications;
pub mod campaigns;
pub mod configuration;
pub mod dossier;
pub mod mail_templates;
pub mod pieces;
pub mod reference;
pub mod review;
pub mod session;
pub mod staff;
pub mod staff_accounts;
pub mod university;

#[cfg(feature = "ssr")]
pub(crate) mod context;
#[cfg(feature = "ssr")]
pub use context::provide as provide_request_context;
