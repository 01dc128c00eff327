//! A page renders whole while the same process builds other routers.
//!
//! Building a router lists the app's routes by running the app with every
//! resource held back by a flag global to the process; a page whose
//! resource was first polled meanwhile waited for ever and was answered
//! 503 after 20 s (leptos-rs/leptos#4773). The integration tests build a
//! router per test, side by side, and met it now and then; here it is met
//! on purpose: signed-in pages (each with its resources) rendered while
//! routers are built on other threads.

use axum::http::StatusCode;
use std::time::Duration;

use crate::support::TestApp;

/// Far above a page's few milliseconds, far below the 20 s after which a
/// stuck page is answered 503.
const PATIENCE: Duration = Duration::from_secs(8);

on_both_databases!(pages_render_while_other_routers_are_built, |app: TestApp| async move {
    let login = app.validated_account("lea@example.org", "Motdepasse-2026").await;
    let me = app.sign_in(&login, "Motdepasse-2026").await.cookie.expect("a session");
    let app = std::sync::Arc::new(app);
    for round in 0..20 {
        let builders: Vec<_> = (0..2)
            .map(|_| {
                let app = app.clone();
                tokio::task::spawn_blocking(move || drop(app.router_with(|_| {})))
            })
            .collect();
        let paths = ["/", "/candidatures/offre", "/candidatures", "/dossier/informations-personnelles", "/compte"];
        let pages = paths.map(|path| {
            let (app, me) = (&app, &me);
            async move { (path, tokio::time::timeout(PATIENCE, app.get(path, Some(me))).await) }
        });
        for (path, reply) in futures::future::join_all(pages).await {
            let reply = reply.unwrap_or_else(|_| panic!("round {round}: {path} not rendered in {PATIENCE:?}"));
            assert_eq!(reply.status, StatusCode::OK, "round {round}: {path}: {}", reply.body);
            assert!(reply.body.contains("</html>"), "round {round}: {path} cut short");
        }
        for builder in builders {
            builder.await.unwrap();
        }
    }
});
