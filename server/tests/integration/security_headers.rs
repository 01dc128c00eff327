//! The headers every page carries (issue 12): a Content-Security-Policy
//! with a fresh nonce per response, the same nonce on each inline script of
//! the page and on no other script; HSTS only behind https.

use axum::body::Body;
use axum::http::{header, Request};
use tower::ServiceExt;

use crate::support::TestApp;

async fn page(app: &TestApp, path: &str) -> (axum::http::HeaderMap, String) {
    let response = app.router.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 22).await.unwrap();
    (headers, String::from_utf8_lossy(&bytes).into_owned())
}

fn nonce_of(policy: &str) -> String {
    let start = policy.find("'nonce-").expect("a nonce in the policy") + 7;
    policy[start..].split('\'').next().unwrap().to_owned()
}

on_both_databases!(every_page_allows_only_its_own_scripts, |app: TestApp| async move {
    let (headers, html) = page(&app, "/connexion").await;
    // A page cut short (a render over `whole_page::PAGE_LIMIT`: 503) says so here.
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap_or_else(|| panic!("no policy; headers {headers:?}, body:\n{html}"))
        .to_str()
        .unwrap()
        .to_owned();
    assert!(policy.contains("frame-ancestors 'none'") && policy.contains("'strict-dynamic'"), "{policy}");
    let nonce = nonce_of(&policy);
    assert!(nonce.len() >= 16, "{nonce}");
    // Leptos writes an empty `<script></script>` marker: nothing to run, nothing to allow.
    let scripts = html.matches("<script").count() - html.matches("<script></script>").count();
    assert!(scripts >= 1, "the hydration script");
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every inline script carries this response's nonce:\n{html}"
    );
    assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "plain http here: no HSTS");

    let (again, _) = page(&app, "/connexion").await;
    assert_ne!(nonce_of(again[header::CONTENT_SECURITY_POLICY].to_str().unwrap()), nonce, "a fresh nonce each time");
    // A page that does not exist is a page too.
    let (missing, _) = page(&app, "/nulle-part").await;
    assert!(missing.get(header::CONTENT_SECURITY_POLICY).is_some());
});

on_both_databases!(behind_https_browsers_are_told_to_stay_on_https, |app: TestApp| async move {
    let router = app.router_with(|s| {
        s.public_url = "https://candidatures.univ.test".into();
        s.secure_cookies = true;
    });
    let response = router.oneshot(Request::get("/healthz").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.headers()[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000");
});

// The pages everyone sees alike are kept a second and shared (page_cache):
// a signed-in candidate's page is never the one kept, nor given to them.
on_both_databases!(a_shared_page_is_never_a_signed_in_one, |app: TestApp| async move {
    let login = app.validated_named_account("Zébulon", "Anatole", "anatole@example.fr", "Abcdefgh1!").await;
    let me = app.sign_in(&login, "Abcdefgh1!").await.cookie.unwrap();
    for path in sesame_server::page_cache::PATHS {
        // A visitor's copy kept first: the candidate still gets their own page.
        let visitor = app.get(path, None).await;
        let theirs = app.get(path, Some(&me)).await;
        assert!(!visitor.body.contains("Anatole"), "{path}");
        assert!(theirs.body.contains("Anatole") || theirs.status.is_redirection(), "{path}: {}", theirs.body);
    }
    // The candidate's page first, once the copies are stale: visitors never get it.
    tokio::time::sleep(sesame_server::page_cache::FRESH).await;
    for path in sesame_server::page_cache::PATHS {
        let _ = app.get(path, Some(&me)).await;
        let visitor = app.get(path, None).await;
        assert!(
            visitor.status.is_success() && !visitor.body.contains("Anatole"),
            "{path}: {} {}",
            visitor.status,
            visitor.body
        );
    }
});
