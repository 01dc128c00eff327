//! Sésame's application crate: the domain rules, the pages and components,
//! the server functions, and (feature `ssr`) the server-side services.
#![recursion_limit = "512"]

/// The i18n module leptos_i18n generates from `locales/` (its locale
/// builders' `new` return another type, which clippy would flag).
#[allow(clippy::new_ret_no_self)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
pub use generated::i18n;

/// A reactive translated text, for props that take a `Signal<String>`.
macro_rules! tr {
    ($i18n:ident, $($key:tt)+) => {
        ::leptos::prelude::Signal::derive(move || ::leptos_i18n::t_string!($i18n, $($key)+).to_string())
    };
}

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
pub mod root;
pub mod screens;
#[cfg(feature = "ssr")]
pub mod server;
pub mod views;

pub use root::{shell, App};

#[cfg(test)]
mod locales_agree;
