//! Server functions, grouped by what they serve. They are thin: read the
//! request's context, call a use case in `server::`, answer.

pub mod account;
pub mod applications;
pub mod dossier;
pub mod pieces;
pub mod reference;
pub mod review;
pub mod session;
pub mod staff;

#[cfg(feature = "ssr")]
pub(crate) mod context;
