//! The malformed-request corpus (issue 12): every server function, reached
//! anonymously, as a candidate and as an admin, with bodies no form sends
//! (empty, binary, broken escapes, absurd numbers, nested brackets, JSON
//! under a form type, very long values), and the file routes with ids that
//! are not ids. Each answer is a 4xx (or a success for a harmless call),
//! never a 5xx, and the server still answers afterwards.

use axum::body::Body;
use axum::http::{header, Method, Request};

use crate::support::TestApp;
use app::domain::review::StaffRole;
use sesame_server::staff;

const PASSWORD: &str = "Abcdefgh1!";

fn bodies() -> Vec<Vec<u8>> {
    vec![
        Vec::new(),
        b"\x00\xff\xfe%%%=&&==%".to_vec(),
        b"id=abc&application=-1&piece=99999999999999999999&version=1e9&fichier=x&token=%00&email=%ZZ&formation=&statut=%F0%28%8C%28".to_vec(),
        "a[b][c][d][e]=1&".repeat(200).into_bytes(),
        br#"{"id":1,"application":2}"#.to_vec(),
        format!("nom={}&prenom=%0D%0ABcc:x@y&email=a@b&id=1&application=1&piece=1&version=0", "é".repeat(20_000)).into_bytes(),
        b"id=1&id=2&id=3&application=1&application=x".to_vec(),
    ]
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Vec<u8>,
    cookie: Option<&str>,
    content_type: &str,
) -> u16 {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, "application/json");
    if let Some(c) = cookie {
        request = request.header(header::COOKIE, c);
    }
    app.send(request.body(Body::from(body)).unwrap()).await.status.as_u16()
}

on_both_databases!(no_malformed_request_gets_a_server_error, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let candidate = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    staff::add(&app.state, "admin@sesame.test", "Admin", StaffRole::Admin, "Gestion-Test-2026").await.unwrap();
    let admin = app.staff_sign_in("admin@sesame.test", "Gestion-Test-2026").await.cookie.unwrap();

    let mut paths: Vec<(&'static str, Method)> = leptos::server_fn::axum::server_fn_paths().collect();
    paths.sort_by_key(|(p, _)| *p);
    assert!(paths.len() > 40, "the server functions are registered: {}", paths.len());
    let mut server_errors = Vec::new();
    for (path, method) in &paths {
        // Signing out would end the sessions used below.
        if path.ends_with("/deconnexion") || path.ends_with("/compte/supprimer") {
            continue;
        }
        for who in [None, Some(candidate.as_str()), Some(admin.as_str())] {
            for body in bodies() {
                for content_type in ["application/x-www-form-urlencoded", "application/json"] {
                    let (uri, payload) = if *method == Method::GET {
                        (
                            format!(
                                "{path}?{}",
                                String::from_utf8_lossy(&body).replace(' ', "%20").replace('#', "%23")
                            ),
                            Vec::new(),
                        )
                    } else {
                        (path.to_string(), body.clone())
                    };
                    let Ok(_) = uri.parse::<axum::http::Uri>() else { continue };
                    let status = send(&app, method.clone(), &uri, payload, who, content_type).await;
                    if status >= 500 {
                        server_errors.push(format!(
                            "{status} {method} {path} ({}, {content_type}) {:?}",
                            if who.is_some() { "signed in" } else { "anonymous" },
                            String::from_utf8_lossy(&body).chars().take(60).collect::<String>()
                        ));
                    }
                }
            }
        }
    }
    // File routes, with ids that are not ids.
    for path in [
        "/fichiers/abc",
        "/fichiers/-1",
        "/fichiers/99999999999999999999",
        "/fichiers/modele/%00",
        "/fichiers/candidature/x/lettre-admission",
        "/fichiers/candidature/1/dossier",
        "/fichiers/mes-donnees/xml",
        "/gestion/candidatures/export?format=%ff",
    ] {
        for who in [None, Some(candidate.as_str()), Some(admin.as_str())] {
            let status = send(&app, Method::GET, path, Vec::new(), who, "text/plain").await;
            if status >= 500 {
                server_errors.push(format!("{status} GET {path}"));
            }
        }
    }
    for path in ["/fichiers/candidature/1/piece/x", "/fichiers/candidature/-5/piece/1", "/gestion/pieces/abc/modele"] {
        for who in [None, Some(candidate.as_str()), Some(admin.as_str())] {
            let status = send(&app, Method::POST, path, b"%PDF-1.7 garbage".to_vec(), who, "application/pdf").await;
            if status >= 500 {
                server_errors.push(format!("{status} POST {path}"));
            }
        }
    }
    assert!(server_errors.is_empty(), "{} server errors:\n{}", server_errors.len(), server_errors.join("\n"));
    assert_eq!(app.get("/healthz", None).await.status.as_u16(), 200);
    assert!(
        app.call("/api/candidatures/liste", &[], Some(&candidate)).await.status.is_success(),
        "the candidate's session still works"
    );
});
