//! The file store itself (issue 16): a folder or an S3 bucket behind one
//! interface, large files in parts, `sesame storage migrate`, readiness.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use crate::support::{self, TestApp};
use app::server::files::{self, migrate::migrate, FileStore};

const MIB: usize = 1024 * 1024;

// 11 MiB goes to S3 in three parts (5 + 5 + 1); 13 MiB is refused after
// two parts went up, and the upload is aborted.
on_every_store!(a_large_piece_goes_up_in_parts_and_comes_back_whole, |app: TestApp| async move {
    let app = app.with_settings(|s| s.max_upload_bytes = 12 * MIB as u64);
    let (me, application, cv, _) = crate::pieces::setup(&app, "lea@example.fr").await;
    let big = crate::pieces::pdf(11 * MIB);
    let sent = crate::pieces::upload(&app, &me, application, cv, "gros.pdf", big.clone()).await;
    assert_eq!(sent.status, StatusCode::NO_CONTENT, "{}", sent.body);
    let stored = app.stored_files().await;
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(app.stored_file(&stored[0]).await.unwrap(), big);

    // Sent as the network hands it over (64 KiB at a time): refused at the
    // chunk past 12 MiB, once two parts of 5 MiB went up.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        crate::pieces::pdf(13 * MIB).chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let request = Request::post(app::views::pieces::upload_path(application, cv))
        .header(header::COOKIE, &me)
        .header("x-nom-fichier", "trop.pdf")
        .body(Body::from_stream(futures::stream::iter(chunks)))
        .unwrap();
    let too_big = app.send(request).await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", too_big.body);
    assert_eq!(app.stored_files().await, stored, "the refused file left nothing");
    assert_eq!(unfinished_uploads(&app.state.settings.files).await, 0, "its multipart upload was aborted");

    let file_id: i64 =
        sqlx::Row::get(&sqlx::query("SELECT id FROM files").fetch_one(&app.state.db.pool).await.unwrap(), "id");
    let response = crate::pieces::download(&app, &me, file_id).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_LENGTH], (11 * MIB).to_string().as_str());
    let body = axum::body::to_bytes(response.into_body(), 16 * MIB).await.unwrap();
    assert!(body.as_ref() == big.as_slice(), "the download is the file, streamed from the store");
});

/// Multipart uploads begun and neither completed nor aborted under the
/// store's prefix (S3's ListMultipartUploads; moto takes it unsigned).
async fn unfinished_uploads(store: &FileStore) -> usize {
    let app::server::files::Location::Bucket(b) = store.location() else { return 0 };
    let url = format!("{}/{}?uploads&prefix={}/", b.endpoint.unwrap(), b.bucket, b.prefix);
    let listing = reqwest::get(&url).await.unwrap().text().await.unwrap();
    assert!(listing.contains("ListMultipartUploadsResult"), "{listing}");
    listing.matches("<Upload>").count()
}

fn folder() -> FileStore {
    let name: String = app::server::auth::tokens::random_token().chars().filter(char::is_ascii_alphanumeric).collect();
    FileStore::folder(std::env::temp_dir().join(format!("sesame-migrate-{}", &name[..12])))
}

async fn put(store: &FileStore, bytes: &[u8]) -> String {
    files::store_bytes(store, bytes, app::domain::upload::FileKind::Pdf).await.unwrap().stored_name
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_copies_every_file_once_checked_and_resumes() {
    let source = folder();
    let bucket = support::test_bucket();
    let names =
        [put(&source, b"%PDF-1 un").await, put(&source, b"%PDF-1 deux").await, put(&source, &[b'%'; 70_000]).await];
    // Debris of an interrupted upload is not a stored file, and what is
    // not Sésame's stays where it is.
    std::fs::write(source.local_root().unwrap().join("tmp").join("half"), b"%PDF").unwrap();
    std::fs::write(source.local_root().unwrap().join("Cargo.toml"), b"[package]").unwrap();

    let first = migrate(&source, &bucket, |_, _| {}).await;
    assert_eq!((first.copied, first.present, first.failed.len()), (3, 0, 0), "{first:?}");
    assert_eq!(first.copied_bytes, 9 + 11 + 70_000);
    for name in &names {
        assert_eq!(bucket.read(name).await.unwrap(), source.read(name).await.unwrap());
    }
    assert!(bucket.size("Cargo.toml").await.is_err());
    assert!(files::migrate::missing(&bucket, names.iter().cloned()).await.is_empty());

    // Run again: nothing to do. One copy lost, or cut short: only it goes again.
    let again = migrate(&source, &bucket, |_, _| {}).await;
    assert_eq!((again.copied, again.present), (0, 3), "{again:?}");
    bucket.delete(&names[0]).await.unwrap();
    let mut writer = bucket.writer(&names[1]).await.unwrap();
    writer.write(bytes::Bytes::from_static(b"%PDF")).await.unwrap();
    writer.finish().await.unwrap();
    let mut heard = Vec::new();
    let resumed = migrate(&source, &bucket, |name, what| heard.push((name.to_owned(), what.to_owned()))).await;
    assert_eq!((resumed.copied, resumed.present), (2, 1), "{resumed:?}");
    assert_eq!(bucket.read(&names[1]).await.unwrap().as_ref(), b"%PDF-1 deux");
    assert_eq!(heard.iter().filter(|(_, what)| what == "copié").count(), 2);

    // And back, from the bucket to a new folder.
    let back = folder();
    let report = migrate(&bucket, &back, |_, _| {}).await;
    assert_eq!((report.copied, report.failed.len()), (3, 0), "{report:?}");
    assert_eq!(back.read(&names[2]).await.unwrap().len(), 70_000);

    // A store that does not answer: every file named as failed, none copied.
    let nowhere = unreachable_bucket();
    let failed = migrate(&source, &nowhere, |_, _| {}).await;
    assert_eq!((failed.copied, failed.failed.len()), (0, 3), "{failed:?}");
    // A folder that is not there (a wrong path) is a failure, not "nothing
    // to copy"; and the check on the database's names sees what is missing.
    let wrong = migrate(&FileStore::folder("/nonexistent/sesame/files"), &bucket, |_, _| {}).await;
    assert_eq!((wrong.copied, wrong.failed.len()), (0, 1), "{wrong:?}");
    let elsewhere = folder();
    assert_eq!(files::migrate::missing(&elsewhere, names.iter().cloned()).await.len(), 3);
    let _ = std::fs::remove_dir_all(source.local_root().unwrap());
    let _ = std::fs::remove_dir_all(back.local_root().unwrap());
}

/// A bucket on a loopback port nothing listens on.
fn unreachable_bucket() -> FileStore {
    loopback_bucket(std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port())
}

/// A bucket whose server is on this loopback port.
fn loopback_bucket(port: u16) -> FileStore {
    let location =
        app::server::files::Location::parse(&format!("s3://nowhere?endpoint=http://127.0.0.1:{port}"), || {
            Ok(app::server::files::Credentials { access_key_id: "x".into(), secret_access_key: "y".into() })
        })
        .unwrap();
    FileStore::open(&location).unwrap()
}

on_both_databases!(ready_means_the_bucket_answers_too, |app: TestApp| async move {
    let on_s3 = app.with_settings(|s| s.files = support::test_bucket());
    assert_eq!(on_s3.get("/readyz", None).await.status, StatusCode::OK);
    assert!(on_s3.stored_files().await.is_empty(), "the probe leaves nothing behind");
    let down = on_s3.with_settings(|s| s.files = unreachable_bucket());
    let reply = down.get("/readyz", None).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.body, "file store not writable");

    // A store that takes the connection and never answers: not ready, in
    // `PROBE_LIMIT`, not at the client's own timeout.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = tokio::spawn(async move {
        let mut kept = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            kept.push(socket);
        }
    });
    let mute = down.with_settings(|s| s.files = loopback_bucket(port));
    let start = std::time::Instant::now();
    let reply = mute.get("/readyz", None).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(start.elapsed() < files::PROBE_LIMIT + std::time::Duration::from_secs(5), "{:?}", start.elapsed());
    held.abort();
});
