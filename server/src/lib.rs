//! The `sesame` server: configuration, HTTP router, mail worker, scheduled
//! jobs, demo seed and command line. The application itself (pages,
//! server functions, use cases) lives in the `app` crate.

pub mod assets;
pub mod burst;
pub mod config;
pub mod demo;
pub mod establishments;
pub mod exports;
pub mod http;
pub mod jobs;
pub mod listen;
pub mod mailer;
pub mod same_origin;
pub mod staff;
pub mod uploads;

pub use config::Config;
