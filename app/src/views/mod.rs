//! The data the browser and the server exchange: what a server function
//! answers and what a page shows. Plain serde types, compiled for both
//! sides; they import the domain only, never `api/` or `server/`, so the
//! use cases (`server/`) build them and the server functions (`api/`)
//! carry them without either depending on the other.

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
