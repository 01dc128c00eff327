//! The Content-Security-Policy of every page, sent with the page's own
//! nonce (a fresh one per response, `leptos_axum` makes it and puts it on
//! every inline script Leptos writes: hydration, streamed resources).
//!
//! * scripts: only those carrying the nonce, and what they load
//!   (`'strict-dynamic'`: the WASM's JavaScript glue); the WASM itself
//!   needs `'wasm-unsafe-eval'`, never `'unsafe-eval'`;
//! * styles: the site's stylesheet, and inline `style` attributes (two
//!   bars of the staff dashboard), hence `'unsafe-inline'` for styles only;
//! * frames: our own files (the staff viewer shows a PDF in an iframe);
//!   pages are never framed elsewhere (`frame-ancestors 'none'`);
//! * forms post to Sésame only; no plugins; no `<base>`.

use http::header::CONTENT_SECURITY_POLICY;
use http::HeaderValue;
use leptos::prelude::use_context;

pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-src 'self'; worker-src 'self' blob:; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Puts the policy on the response being rendered (called by the shell).
pub fn send() {
    let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&policy(&nonce.to_string())) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scripts_need_the_nonce_and_nothing_frames_the_pages() {
        let p = super::policy("abc");
        assert!(p.contains("script-src 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval';"));
        assert!(
            !p.contains("'unsafe-eval'")
                && !p.split(';').any(|d| d.contains("script-src") && d.contains("unsafe-inline"))
        );
        assert!(
            p.contains("frame-ancestors 'none'") && p.contains("object-src 'none'") && p.contains("base-uri 'none'")
        );
    }
}
