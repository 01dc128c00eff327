//! Integration tests: the real router and use cases on SQLite and on
//! PostgreSQL, and the mail worker against a real SMTP capture. One test
//! binary (one link) for all of them.

#[macro_use]
mod support;

mod accounts;
mod answers;
mod applications;
mod campaigns;
mod compression;
mod configuration;
mod cross_site;
mod deletions;
mod dossier;
mod email_change;
mod english_documents;
mod english_pages;
mod job_leases;
mod language;
mod list_at_scale;
mod listener;
mod mail;
mod mail_languages;
mod malformed;
mod metrics;
mod migrations;
mod personal_data;
mod piece_forms;
mod pieces;
mod reference;
mod review;
mod routers_side_by_side;
mod school_records;
mod security_headers;
mod sign_in_throttling;
mod storage;
mod university;
