//! The `sesame` server: configuration, HTTP router, mail worker, scheduled
//! jobs, demo seed and command line. The application itself (pages,
//! server functions, use cases) lives in the `app` crate.

pub mod assets;
pub mod burst;
pub mod config;
pub mod crowd;
pub mod demo;
pub mod establishments;
pub mod exports;
pub mod http;
pub mod jobs;
pub mod language;
pub mod listen;
pub mod mailer;
pub mod metrics;
pub mod page_cache;
pub mod same_origin;
pub mod staff;
pub mod university;
pub mod uploads;
pub mod whole_page;

pub use config::Config;

/// mimalloc for the server, its tests and benchmarks: page rendering
/// allocates and frees many small objects on every worker thread, where
/// glibc's malloc took a quarter of the time (`cargo bench -p server --bench
/// pages`, README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
