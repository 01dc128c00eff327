//! The language switch (issue 17): `POST /langue` keeps the choice in a
//! cookie and on a signed-in candidate's account, sends back to this site
//! only, refuses what is not a language and cross-site posts; pages follow
//! the cookie, else the browser; staff pages stay French; a sign-in brings
//! the account's language to a new browser.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

use crate::support::{self, TestApp};
use app::domain::language::Language;
use app::domain::review::StaffRole;

const PASSWORD: &str = "Abcdefgh1!";

/// The switch's form, posted with these headers.
async fn switch(
    app: &TestApp,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
    headers: &[(&str, &str)],
) -> support::Reply {
    crate::cross_site::post_with(app, "/langue", fields, cookie, headers).await
}

async fn page(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> String {
    let mut request = Request::get(path);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let reply = app.send(request.body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}");
    reply.body
}

async fn sign_in_with_cookie(app: &TestApp, login: &str, cookie: &str) -> support::Reply {
    let reply = app
        .send(
            Request::post("/api/session/connexion")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .header(header::COOKIE, cookie)
                .body(Body::from(format!("identifiant={login}&mot_de_passe=Abcdefgh1%21")))
                .unwrap(),
        )
        .await;
    assert!(reply.status.is_success() || reply.status.is_redirection(), "{}", reply.body);
    reply
}

async fn stored_language(app: &TestApp, login: &str) -> String {
    sqlx::query_scalar("SELECT language FROM candidates WHERE login = $1")
        .bind(login)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

on_both_databases!(the_switch_sets_a_cookie_and_sends_back_here_only, |app: TestApp| async move {
    let reply = switch(&app, &[("langue", "en"), ("retour", "/compte/creer?x=1")], None, &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location.as_deref(), Some("/compte/creer?x=1"));
    assert_eq!(reply.cookies, vec!["langue=en".to_owned()]);
    for elsewhere in ["//evil.example/", "https://evil.example/", "/\\evil.example", "evil", ""] {
        let reply = switch(&app, &[("langue", "fr"), ("retour", elsewhere)], None, &[]).await;
        assert_eq!(reply.location.as_deref(), Some("/"), "{elsewhere:?}");
    }
    let reply = switch(&app, &[("langue", "fr"), ("retour", "/candidatures/é")], None, &[]).await;
    assert_eq!(reply.location.as_deref(), Some("/"), "not what a Location header carries");
    let big = "a".repeat(8 * 1024);
    let reply = switch(&app, &[("langue", "fr"), ("retour", &big)], None, &[]).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.cookies.is_empty());
    let reply = switch(&app, &[("langue", "de"), ("retour", "/")], None, &[]).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.cookies.is_empty(), "nothing set");
    assert!(reply.body.contains("Langue inconnue"), "{}", reply.body);
    let reply = switch(&app, &[("retour", "/")], None, &[]).await;
    assert!(reply.status.is_client_error(), "{:?}", reply.status);
    let cross = [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")];
    let reply = switch(&app, &[("langue", "en"), ("retour", "/")], None, &cross).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "another site cannot switch a visitor's language");
    assert!(reply.cookies.is_empty());
});

on_both_databases!(pages_follow_the_cookie_then_the_browser_and_staff_pages_stay_french, |app: TestApp| async move {
    let english = page(&app, "/connexion", &[("accept-language", "en-GB,en;q=0.9")]).await;
    assert!(english.contains("<html lang=\"en\""), "first visit follows Accept-Language");
    assert!(english.contains("Sign in"), "English words");
    let french = page(&app, "/connexion", &[("accept-language", "en-GB"), ("cookie", "langue=fr")]).await;
    assert!(french.contains("<html lang=\"fr\""), "the cookie wins");
    assert!(french.contains("Se connecter"));
    let staff = page(&app, "/gestion/connexion", &[("cookie", "langue=en"), ("accept-language", "en")]).await;
    assert!(staff.contains("<html lang=\"fr\""), "staff pages are French");
    assert!(!staff.contains("class=\"language-switch\""), "and show no switch");
    assert!(french.contains("class=\"language-switch\"") && english.contains("action=\"/langue\""));
    // The switch sends back to the page with its query.
    let with_query = page(&app, "/compte/creer?depuis=test", &[]).await;
    assert!(with_query.contains("name=\"retour\" value=\"/compte/creer?depuis=test\""), "{with_query}");
    // A shared cache is told that pages differ by cookie and language.
    let reply = app.get("/connexion", None).await;
    assert_eq!(reply.status, StatusCode::OK);
});

on_both_databases!(pages_tell_caches_what_they_vary_on, |app: TestApp| async move {
    let response = app.router.clone().oneshot(Request::get("/connexion").body(Body::empty()).unwrap()).await.unwrap();
    let vary: Vec<String> =
        response.headers().get_all(header::VARY).iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    assert!(vary.iter().any(|v| v.contains("Cookie") && v.contains("Accept-Language")), "{vary:?}");
});

on_both_databases!(a_staff_session_changes_no_candidate, |app: TestApp| async move {
    // A candidate whose id is the staff member's: the staff session's
    // switch must not reach the candidate's account.
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let candidate_id: i64 = sqlx::query_scalar("SELECT id FROM candidates WHERE login = $1")
        .bind(&login)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let staff = crate::review::staff_member(&app, "gestion@example.fr", StaffRole::Admin, &[]).await;
    let staff_id: i64 = sqlx::query_scalar("SELECT id FROM staff WHERE email_norm = 'gestion@example.fr'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let reply = switch(&app, &[("langue", "en"), ("retour", "/gestion")], Some(&staff), &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(stored_language(&app, &login).await, "fr", "candidate {candidate_id}, staff {staff_id}");
});

on_both_databases!(the_choice_is_kept_on_the_account_and_follows_the_candidate, |app: TestApp| async move {
    // Created from English pages: the account is English.
    let created = app
        .send(
            Request::post("/api/compte/creer")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .header(header::COOKIE, "langue=en")
                .body(Body::from(
                    "nom=Smith&prenom=Jane&email=jane%40example.org&email_confirmation=jane%40example.org&password=Abcdefgh1%21&password_confirmation=Abcdefgh1%21",
                ))
                .unwrap(),
        )
        .await;
    assert!(created.status.is_success() || created.status.is_redirection(), "{}", created.body);
    let (_, text) = app.mails_to("jane@example.org").await.pop().unwrap();
    let token = support::link_token(&text, "/compte/valider/");
    let login: String =
        serde_json::from_str(&app.call("/api/compte/valider", &[("token", &token)], None).await.body).unwrap();
    assert_eq!(stored_language(&app, &login).await, "en");

    // A new browser (no cookie, French Accept-Language): the sign-in
    // brings the account's English.
    let signed = app.sign_in(&login, PASSWORD).await;
    assert!(signed.cookies.iter().any(|c| c == "langue=en"), "{:?}", signed.cookies);
    let session = signed.cookies.iter().find(|c| c.contains("session")).unwrap().clone();

    // Switching while signed in keeps the choice on the account…
    let reply = switch(&app, &[("langue", "fr"), ("retour", "/")], Some(&session), &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(stored_language(&app, &login).await, "fr");

    // A shared computer: the cookie someone else left never changes the
    // account; the sign-in brings the account's language back.
    let shared = sign_in_with_cookie(&app, &login, "langue=en").await;
    assert!(shared.cookies.iter().any(|c| c == "langue=fr"), "{:?}", shared.cookies);
    assert_eq!(stored_language(&app, &login).await, "fr");
    let same = sign_in_with_cookie(&app, &login, "langue=fr").await;
    assert!(!same.cookies.iter().any(|c| c.starts_with("langue=")), "already right: no cookie");
    // Back to English for what follows.
    switch(&app, &[("langue", "en"), ("retour", "/")], Some(&session), &[]).await;
    assert_eq!(stored_language(&app, &login).await, "en");

    // Another candidate's switch never touches this account.
    let other = app.validated_account("other@example.org", PASSWORD).await;
    let other_session = app.sign_in(&other, PASSWORD).await.cookie.unwrap();
    switch(&app, &[("langue", "fr"), ("retour", "/")], Some(&other_session), &[]).await;
    assert_eq!(stored_language(&app, &login).await, "en");
    assert_eq!(stored_language(&app, &other).await, "fr");
    assert_eq!(Language::from_code(&stored_language(&app, &other).await), Some(Language::Fr));
});
