//! Cross-site request forgery (issue 12): a page of another site makes the
//! signed-in visitor's browser post to Sésame. Refused with 403 before any
//! handler runs, and nothing changes; the same requests from Sésame's own
//! pages go through.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use crate::support::{self, TestApp};
use app::error::AppError;

const PASSWORD: &str = "Abcdefgh1!";

/// A form post carrying the headers a browser adds.
pub(crate) async fn post_with(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
    headers: &[(&str, &str)],
) -> support::Reply {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(c) = cookie {
        request = request.header(header::COOKIE, c);
    }
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    app.send(request.body(Body::from(body)).unwrap()).await
}

fn refused(reply: &support::Reply) -> bool {
    reply.status == StatusCode::FORBIDDEN
        && serde_json::from_str::<AppError>(&reply.body).ok() == Some(AppError::CrossSite)
}

const EVIL: [(&str, &str); 2] = [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")];

on_both_databases!(another_site_cannot_act_for_a_signed_in_visitor, |app: TestApp| async move {
    let (me, application, cv, _) = crate::pieces::setup(&app, "lea@example.fr").await;
    let login: String = sqlx::query_scalar("SELECT login FROM candidates WHERE email = 'lea@example.fr'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();

    // Signing in (login CSRF), creating an account, changing the password: refused, nothing done.
    let sign_in =
        post_with(&app, "/api/session/connexion", &[("identifiant", &login), ("mot_de_passe", PASSWORD)], None, &EVIL)
            .await;
    assert!(refused(&sign_in) && sign_in.cookie.is_none(), "{} {}", sign_in.status, sign_in.body);
    let fields = [
        ("nom", "X"),
        ("prenom", "Y"),
        ("email", "x@example.fr"),
        ("email_confirmation", "x@example.fr"),
        ("password", PASSWORD),
        ("password_confirmation", PASSWORD),
    ];
    assert!(refused(&post_with(&app, "/api/compte/creer", &fields, None, &[("origin", "null")]).await));
    assert_eq!(app.count("candidates").await, 1);
    let withdraw = post_with(
        &app,
        "/api/candidatures/annuler",
        &[("id", &application.to_string())],
        Some(&me),
        &[("sec-fetch-site", "same-site")],
    )
    .await;
    assert!(refused(&withdraw), "{} {}", withdraw.status, withdraw.body);

    // An upload from another site: no file is stored.
    let before = app.count("files").await;
    let upload = Request::post(app::views::pieces::upload_path(application, cv))
        .header(header::COOKIE, &me)
        .header("origin", "https://evil.example")
        .header("x-nom-fichier", "cv.pdf")
        .body(Body::from(crate::pieces::pdf(3000)))
        .unwrap();
    assert!(refused(&app.send(upload).await));
    assert_eq!(app.count("files").await, before);
    let status: String = sqlx::query_scalar("SELECT status FROM applications WHERE id = $1")
        .bind(application)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "en_attente", "nothing changed");

    // Sésame's own pages: by its public address, by the address it was reached at, by fetch metadata.
    let ours = post_with(
        &app,
        "/api/session/connexion",
        &[("identifiant", &login), ("mot_de_passe", PASSWORD)],
        None,
        &[("origin", "http://sesame.test")],
    )
    .await;
    assert!(ours.cookie.is_some(), "{} {}", ours.status, ours.body);
    let by_host = [("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")];
    assert!(post_with(
        &app,
        "/api/session/connexion",
        &[("identifiant", &login), ("mot_de_passe", PASSWORD)],
        None,
        &by_host
    )
    .await
    .cookie
    .is_some());
    let same = [("origin", "https://evil.example"), ("sec-fetch-site", "same-origin")];
    assert!(post_with(
        &app,
        "/api/session/connexion",
        &[("identifiant", &login), ("mot_de_passe", PASSWORD)],
        None,
        &same
    )
    .await
    .cookie
    .is_some());
});
