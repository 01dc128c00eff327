//! A candidate's own data (issue 6), on SQLite and PostgreSQL: the
//! download as JSON and PDF, and the deletion of an account, refused while
//! an application is in progress.

use axum::http::StatusCode;

use crate::review::{staff_member, transmitted, world};
use crate::support::{self, TestApp};
use app::domain::account_deletion::DeletionRefused;
use app::domain::review::StaffRole;
use app::domain::Problem;
use app::error::AppError;

const PASSWORD: &str = "Abcdefgh1!";

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

/// A candidate with a complete dossier who applied to the world's
/// formation: (login, session cookie, application id).
pub(crate) async fn applied(app: &TestApp, w: &crate::review::World, email: &str) -> (String, String, i64) {
    let login = app.validated_account(email, PASSWORD).await;
    let me = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    crate::applications::complete_dossier(app, &me).await;
    assert!(ok(&app.call("/api/candidatures/candidater", &[("formation", &w.formation.to_string())], Some(&me)).await));
    let lines = app.call("/api/candidatures/liste", &[], Some(&me)).await;
    let id = serde_json::from_str::<Vec<app::views::applications::ApplicationLine>>(&lines.body).unwrap()[0].id;
    (login, me, id)
}

async fn delete(app: &TestApp, me: &str, password: &str) -> support::Reply {
    app.call("/api/compte/supprimer", &[("mot_de_passe", password)], Some(me)).await
}

on_every_store!(a_candidate_downloads_everything_held_about_them, |app: TestApp| async move {
    let w = world(&app).await;
    let (me, _) = transmitted(&app, &w, "lea@example.fr", "MARTIN").await;
    let reply = app.get("/fichiers/mes-donnees/json", Some(&me)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(data["compte"]["adresse_mail"], "lea@example.fr");
    assert_eq!(data["compte"]["nom"], "MARTIN");
    assert!(data["dossier"]["identity"].is_object() && data["dossier"]["address"].is_object());
    let application = &data["candidatures"][0];
    assert_eq!(application["formation"], "FORMATION A");
    assert_eq!(application["statut"], "Réceptionné");
    assert_eq!(application["pieces"].as_array().unwrap().len(), 2);
    assert!(application["pieces"][0]["fichier"].is_string());
    let mails = data["courriels"].as_array().unwrap();
    assert!(
        mails.iter().any(|m| m["objet"].as_str().unwrap().contains("Accusé de réception de votre dossier")),
        "{mails:?}"
    );

    let pdf = app.get("/fichiers/mes-donnees/pdf", Some(&me)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with("%PDF"));
    for words in ["Mes donn", "FORMATION A", "lea@example.fr", "CURRICULUM VITAE"] {
        assert!(pdf.body.contains(words), "the PDF says {words}");
    }
    // Nobody else's: staff get 404, nobody 401, an unknown format 404.
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    assert_eq!(app.get("/fichiers/mes-donnees/json", Some(&gest)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/fichiers/mes-donnees/json", None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/fichiers/mes-donnees/xml", Some(&me)).await.status, StatusCode::NOT_FOUND);
});

on_every_store!(an_account_is_deleted_only_with_its_password_and_nothing_in_progress, |app: TestApp| async move {
    let w = world(&app).await;
    let (lea, _) = transmitted(&app, &w, "lea@example.fr", "MARTIN").await;
    // Zoé applied, sent a piece, then cancelled: nothing is in progress.
    let (login, zoe, id) = applied(&app, &w, "zoe@example.fr").await;
    assert_eq!(crate::pieces::upload_pdf(&app, &zoe, id, w.cv).await.status, StatusCode::NO_CONTENT);
    let stored: String = sqlx::Row::get(
        &sqlx::query("SELECT f.stored_name FROM files f JOIN candidates k ON k.id = f.candidate_id WHERE k.email = 'zoe@example.fr'").fetch_one(&app.state.db.pool).await.unwrap(),
        "stored_name",
    );
    assert!(app.stored_file(&stored).await.is_some());
    let before = app.count("candidates").await;

    // A wrong password, and an application in progress: refused, nothing changes.
    let wrong = delete(&app, &zoe, "Wrong-password-1").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        serde_json::from_str::<AppError>(&wrong.body).unwrap().field("mot_de_passe"),
        Some(&Problem::PasswordWrong)
    );
    let busy = delete(&app, &lea, PASSWORD).await;
    assert_eq!(
        serde_json::from_str::<AppError>(&busy.body).ok(),
        Some(AppError::DeletionRefused(DeletionRefused { in_progress: 1 }))
    );
    let busy = delete(&app, &zoe, PASSWORD).await;
    assert_eq!(busy.status, StatusCode::CONFLICT);
    assert_eq!(app.count("candidates").await, before);
    assert!(app.stored_file(&stored).await.is_some());

    assert!(ok(&app.call("/api/candidatures/annuler", &[("id", &id.to_string())], Some(&zoe)).await));
    let done = delete(&app, &zoe, PASSWORD).await;
    assert!(ok(&done), "{}", done.body);
    assert_eq!(app.count("candidates").await, before - 1);
    assert!(app.stored_file(&stored).await.is_none(), "the file left the store");
    assert_eq!(app.count("files").await, 2, "Léa's files stay");
    // Signed out, unable to sign in again, mailed once.
    assert_eq!(app.call("/api/candidatures/liste", &[], Some(&zoe)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.sign_in("zoe@example.fr", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    let mails = app.mails_to("zoe@example.fr").await;
    assert_eq!(mails.iter().filter(|(s, _)| s == "Suppression de votre compte").count(), 1);
    assert!(mails.iter().find(|(s, _)| s == "Suppression de votre compte").unwrap().1.contains(&login));
    // The login is never given again.
    let used: i64 = sqlx::Row::get(
        &sqlx::query("SELECT COUNT(*) AS n FROM used_logins WHERE login = $1")
            .bind(&login)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap(),
        "n",
    );
    assert_eq!(used, 1);
});
