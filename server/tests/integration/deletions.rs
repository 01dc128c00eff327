//! Nothing personal survives a crash (issue 12), on SQLite and PostgreSQL:
//! a file whose row is deleted is noted in `pending_deletions` in the same
//! transaction, so a process that dies between the commit and the removal
//! leaves a note the purge job acts on; files no row names are swept once
//! they are a day old.

use axum::http::StatusCode;
use sqlx::Row;

use crate::review::world;
use crate::support::{self, TestApp};
use sesame_server::jobs::{self, Job};
use sesame_server::mailer::{Mailer, Transport};

const PASSWORD: &str = "Abcdefgh1!";

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

fn mailer() -> Mailer {
    Mailer::new(
        Transport::Files(std::env::temp_dir().join("sesame-test-outbox")),
        "Sésame <ne-pas-repondre@sesame.test>".parse().unwrap(),
    )
}

async fn pending(app: &TestApp) -> Vec<String> {
    sqlx::query("SELECT stored_name FROM pending_deletions ORDER BY stored_name")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("stored_name"))
        .collect()
}

async fn stored_names(app: &TestApp, email: &str) -> Vec<String> {
    sqlx::query("SELECT f.stored_name FROM files f JOIN candidates k ON k.id = f.candidate_id WHERE k.email = $1")
        .bind(email)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("stored_name"))
        .collect()
}

/// The process "crashes" right after the commit: the file cannot be removed
/// then (a directory stands in its place, which unlink refuses, even to
/// root). Afterwards the real file is back, as it would be after a restart.
fn jam(path: &std::path::Path) -> std::path::PathBuf {
    let aside = path.with_extension("aside");
    std::fs::rename(path, &aside).unwrap();
    std::fs::create_dir_all(path.join("x")).unwrap();
    aside
}

fn unjam(path: &std::path::Path, aside: &std::path::Path) {
    std::fs::remove_dir_all(path).unwrap();
    std::fs::rename(aside, path).unwrap();
}

on_both_databases!(a_crash_after_the_commit_leaves_no_file_behind, |app: TestApp| async move {
    let w = world(&app).await;
    let root = app.state.settings.files.clone();
    let (_, zoe, id) = crate::personal_data::applied(&app, &w, "zoe@example.fr").await;

    // A replaced piece: the old file cannot go at once; its note stays.
    assert_eq!(crate::pieces::upload_pdf(&app, &zoe, id, w.cv).await.status, StatusCode::NO_CONTENT);
    let first = stored_names(&app, "zoe@example.fr").await.pop().unwrap();
    let first_path = app::server::files::path_of(&root, &first).unwrap();
    let aside = jam(&first_path);
    assert_eq!(crate::pieces::upload_pdf(&app, &zoe, id, w.cv).await.status, StatusCode::NO_CONTENT);
    assert_eq!(pending(&app).await, vec![first.clone()], "the replaced file is noted in the transaction");
    unjam(&first_path, &aside);
    let done = jobs::run(&app.state, &mailer(), Job::PurgeExpired).await.unwrap();
    assert!(done.contains("1 fichier(s) en attente"), "{done}");
    assert!(!first_path.exists(), "the job removed the replaced file");
    assert!(pending(&app).await.is_empty());

    // The account deleted: the same crash, the same end.
    let second = stored_names(&app, "zoe@example.fr").await.pop().unwrap();
    let second_path = app::server::files::path_of(&root, &second).unwrap();
    assert!(ok(&app.call("/api/candidatures/annuler", &[("id", &id.to_string())], Some(&zoe)).await));
    let aside = jam(&second_path);
    let deleted = app.call("/api/compte/supprimer", &[("mot_de_passe", PASSWORD)], Some(&zoe)).await;
    assert!(ok(&deleted), "{}", deleted.body);
    assert_eq!(pending(&app).await, vec![second.clone()]);
    unjam(&second_path, &aside);
    assert!(second_path.exists(), "the file survived the crash");
    jobs::run(&app.state, &mailer(), Job::PurgeExpired).await.unwrap();
    assert!(!second_path.exists(), "the job removed the deleted account's file");
    assert!(pending(&app).await.is_empty());

    // Without a crash the removal follows the commit and leaves no note;
    // a note for a file already gone is simply dropped.
    sqlx::query("INSERT INTO pending_deletions (stored_name, queued_at) VALUES ('gone.pdf', 0)")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    jobs::run(&app.state, &mailer(), Job::PurgeExpired).await.unwrap();
    assert!(pending(&app).await.is_empty());
});

on_every_store!(files_no_row_names_are_swept_after_a_day, |app: TestApp| async move {
    let w = world(&app).await;
    let store = app.state.settings.files.clone();
    let kind = app::domain::upload::FileKind::Pdf;
    let page = app::server::pdf::text_document("Pièce", &["Texte"]);
    let orphan = app::server::files::store_bytes(&store, &page, kind).await.unwrap().stored_name;
    let model = app::server::files::store_bytes(&store, &page, kind).await.unwrap().stored_name;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    app::server::store::pieces::set_model(&mut conn, w.cv, &model, "modele.pdf").await.unwrap();
    drop(conn);
    let (_, zoe, id) = crate::personal_data::applied(&app, &w, "zoe@example.fr").await;
    assert_eq!(crate::pieces::upload_pdf(&app, &zoe, id, w.cv).await.status, StatusCode::NO_CONTENT);
    let piece = stored_names(&app, "zoe@example.fr").await.pop().unwrap();
    // What is not Sésame's in a shared folder or bucket is never touched,
    // however old.
    let mut foreign = store.writer("LISEZMOI.txt").await.unwrap();
    foreign.write(bytes::Bytes::from_static(b"sauvegarde")).await.unwrap();
    foreign.finish().await.unwrap();
    // A second later, a fresh file; a day after that instant, the job runs:
    // the files written before it are a day old, the fresh one is not.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let between = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let fresh = app::server::files::store_bytes(&store, &page, kind).await.unwrap().stored_name;
    app.state.clock.freeze_at(between + 86_400);
    let done = jobs::run(&app.state, &mailer(), Job::PurgeExpired).await.unwrap();
    assert!(done.contains("1 fichier(s) orphelin(s)"), "{done}");
    assert!(app.stored_file(&orphan).await.is_none(), "an old file no row names is swept");
    assert!(app.stored_file(&fresh).await.is_some(), "a fresh one may be on its way into a row");
    assert!(
        app.stored_file(&model).await.is_some() && app.stored_file(&piece).await.is_some(),
        "referenced files stay"
    );
    assert!(app.stored_file("LISEZMOI.txt").await.is_some(), "a name not ours stays");
    assert_eq!(app.stored_files().await.len(), 4);
});
