//! Integration tests: the real router and use cases on SQLite and on
//! PostgreSQL, and the mail worker against a real SMTP capture. One test
//! binary (one link) for all of them.

#[macro_use]
mod support;

mod accounts;
mod answers;
mod applications;
mod campaigns;
mod cross_site;
mod configuration;
mod deletions;
mod dossier;
mod job_leases;
mod listener;
mod email_change;
mod reference;
mod sign_in_throttling;
mod review;
mod security_headers;
mod mail;
mod malformed;
mod pieces;
mod personal_data;
