//! Pièces justificatives through HTTP, on SQLite and PostgreSQL: files
//! judged by content and size, written whole or not at all, served only to
//! their owner as attachments, "Non concerné", and "Transmettre" once.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

use crate::support::{self, TestApp};
use app::domain::application::DossierStatus;
use app::domain::pieces::PieceStatus;
use app::domain::upload::{UploadProblem, DEFAULT_MAX_BYTES};
use app::error::AppError;
use app::views::applications::ApplicationDetail;
use app::views::pieces::PiecesView;

const PASSWORD: &str = "Abcdefgh1!";

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

pub(crate) fn pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(size, b'x');
    bytes
}

/// A candidate with a complete dossier and an application to a formation
/// whose centre asks for two pieces: one required, one conditional.
pub(crate) async fn setup(app: &TestApp, email: &str) -> (String, i64, i64, i64) {
    use app::server::store::{campaigns, pieces};
    app.state.clock.freeze_at(chrono::DateTime::parse_from_rfc3339("2026-06-15T10:00:00Z").unwrap().timestamp());
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let campaign = campaigns::active(&mut conn).await.unwrap().unwrap().id;
    let centre = campaigns::ensure_centre(&mut conn, campaign, "CENTRE", "", "").await.unwrap();
    let f = campaigns::NewFormation {
        centre_id: centre,
        title: "F",
        keywords: "",
        window_start: "2026-06-01",
        window_end: "2026-07-01",
        return_deadline: "2026-07-01",
        capacity: 10,
    };
    let formation = campaigns::ensure_formation(&mut conn, &f).await.unwrap();
    let cv = pieces::ensure_piece(&mut conn, centre, None, "CURRICULUM VITAE", true, 0).await.unwrap();
    let capture = pieces::ensure_piece(&mut conn, centre, Some(formation), "CAPTURE D'ECRAN", false, 1).await.unwrap();
    drop(conn);
    let login = app.validated_account(email, PASSWORD).await;
    let me = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    crate::applications::complete_dossier(app, &me).await;
    let applied = app.call("/api/candidatures/candidater", &[("formation", &formation.to_string())], Some(&me)).await;
    assert!(ok(&applied), "{}", applied.body);
    let id = app.call("/api/candidatures/liste", &[], Some(&me)).await;
    let id = serde_json::from_str::<Vec<app::views::applications::ApplicationLine>>(&id.body).unwrap()[0].id;
    (me, id, cv, capture)
}

pub(crate) async fn upload(
    app: &TestApp,
    me: &str,
    application: i64,
    piece: i64,
    name: &str,
    bytes: Vec<u8>,
) -> support::Reply {
    post_file(app, me, &app::views::pieces::upload_path(application, piece), name, bytes).await
}

/// "Ajouter un autre fichier": combined with the piece's current file.
async fn add(app: &TestApp, me: &str, application: i64, piece: i64, name: &str, bytes: Vec<u8>) -> support::Reply {
    post_file(app, me, &app::views::pieces::add_path(application, piece), name, bytes).await
}

async fn post_file(app: &TestApp, me: &str, path: &str, name: &str, bytes: Vec<u8>) -> support::Reply {
    let request =
        Request::post(path).header(header::COOKIE, me).header("x-nom-fichier", name).body(Body::from(bytes)).unwrap();
    app.send(request).await
}

/// A file downloaded by the candidate, the whole answer (headers, body).
pub(crate) async fn download(app: &TestApp, me: &str, file_id: i64) -> axum::response::Response {
    let request = Request::get(app::views::pieces::download_path(file_id))
        .header(header::COOKIE, me)
        .body(Body::empty())
        .unwrap();
    app.router.clone().oneshot(request).await.unwrap()
}

async fn view(app: &TestApp, me: &str, application: i64) -> PiecesView {
    let reply = app.call("/api/candidatures/pieces", &[("application", &application.to_string())], Some(me)).await;
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

fn refused(reply: &support::Reply) -> Option<UploadProblem> {
    match serde_json::from_str::<AppError>(&reply.body) {
        Ok(AppError::FileRefused(p)) => Some(p),
        _ => None,
    }
}

async fn files_on_disk(app: &TestApp) -> Vec<String> {
    app.stored_files().await
}

on_every_store!(files_are_judged_by_content_and_size_and_kept_whole, |app: TestApp| async move {
    let (me, application, cv, _) = setup(&app, "lea@example.fr").await;
    let exe = upload(&app, &me, application, cv, "cv.pdf", b"MZ\x90\x00\x03\x00\x00\x00binary".to_vec()).await;
    assert_eq!(exe.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused(&exe), Some(UploadProblem::NotPdfOrJpeg));
    assert_eq!(refused(&upload(&app, &me, application, cv, "vide.pdf", Vec::new()).await), Some(UploadProblem::Empty));
    let big = upload(&app, &me, application, cv, "gros.pdf", pdf(DEFAULT_MAX_BYTES as usize + 1)).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(refused(&big), Some(UploadProblem::TooLarge { max: DEFAULT_MAX_BYTES }));
    assert!(files_on_disk(&app).await.is_empty(), "refused files leave nothing: {:?}", files_on_disk(&app).await);
    assert_eq!(app.count("files").await, 0);

    // A body cut off midway (the connection drops): nothing is kept.
    let parts: Vec<Result<Vec<u8>, std::io::Error>> =
        vec![Ok(pdf(64 * 1024)), Err(std::io::Error::other("connexion coupée"))];
    let request = Request::post(app::views::pieces::upload_path(application, cv))
        .header(header::COOKIE, &me)
        .body(Body::from_stream(futures::stream::iter(parts)))
        .unwrap();
    assert_eq!(app.send(request).await.status, StatusCode::BAD_REQUEST);
    assert!(
        files_on_disk(&app).await.is_empty(),
        "an interrupted upload leaves nothing: {:?}",
        files_on_disk(&app).await
    );
    assert_eq!(app.count("files").await, 0);

    let good =
        upload(&app, &me, application, cv, "Mon%20CV%20%C3%A9t%C3%A9.PDF", pdf(DEFAULT_MAX_BYTES as usize)).await;
    assert_eq!(good.status, StatusCode::NO_CONTENT, "{}", good.body);
    let v = view(&app, &me, application).await;
    let line = v.pieces.iter().find(|p| p.piece_id == cv).unwrap();
    assert_eq!((line.status, line.file_name.as_deref()), (PieceStatus::Transmise, Some("Mon CV été.pdf")));
    assert_eq!(files_on_disk(&app).await.len(), 1);

    // Replacing keeps one file; the old one is gone from disk.
    let jpeg = [vec![0xFF, 0xD8, 0xFF, 0xE0], vec![0u8; 1000]].concat();
    assert_eq!(upload(&app, &me, application, cv, "photo.jpeg", jpeg.clone()).await.status, StatusCode::NO_CONTENT);
    assert_eq!(files_on_disk(&app).await.len(), 1);
    assert_eq!(app.count("files").await, 1);

    let file_id = view(&app, &me, application).await.pieces.iter().find(|p| p.piece_id == cv).unwrap().file_id.unwrap();
    let response = download(&app, &me, file_id).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/jpeg");
    assert_eq!(response.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment;"));
    let body = axum::body::to_bytes(response.into_body(), 1 << 22).await.unwrap();
    assert_eq!(body.to_vec(), jpeg);

    // Someone else's file and application: 404, and nothing changes.
    let (tom, tom_application, _, _) = setup(&app, "tom@example.fr").await;
    assert_eq!(app.get(&app::views::pieces::download_path(file_id), Some(&tom)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(upload(&app, &tom, application, cv, "x.pdf", pdf(100)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(upload(&app, &me, tom_application, cv, "x.pdf", pdf(100)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&app::views::pieces::download_path(file_id), None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(files_on_disk(&app).await.len(), 1);
});

on_both_databases!(transmission_needs_every_piece_and_happens_once, |app: TestApp| async move {
    let (me, application, cv, capture) = setup(&app, "lea@example.fr").await;
    let id = application.to_string();
    assert!(!view(&app, &me, application).await.may_transmit);
    assert!(!ok(&app.call("/api/candidatures/transmettre", &[("application", &id)], Some(&me)).await));

    // A required piece cannot be "Non concerné"; a conditional one can.
    let waive = |piece: i64| {
        let (app, me, id) = (&app, me.clone(), id.clone());
        async move {
            let piece = piece.to_string();
            app.call(
                "/api/candidatures/pieces/reponse",
                &[("application", id.as_str()), ("piece", piece.as_str()), ("non_concerne", "1")],
                Some(&me),
            )
            .await
        }
    };
    assert_eq!(waive(cv).await.status, StatusCode::CONFLICT);
    assert!(ok(&waive(capture).await));
    assert_eq!(upload(&app, &me, application, cv, "cv.pdf", pdf(5000)).await.status, StatusCode::NO_CONTENT);
    // "Supprimer" puts the piece back to En attente and removes the file.
    assert!(ok(&app
        .call("/api/candidatures/pieces/reponse", &[("application", &id), ("piece", &cv.to_string())], Some(&me))
        .await));
    assert!(files_on_disk(&app).await.is_empty());
    assert!(!view(&app, &me, application).await.may_transmit);
    assert_eq!(upload(&app, &me, application, cv, "cv.pdf", pdf(5000)).await.status, StatusCode::NO_CONTENT);
    assert!(view(&app, &me, application).await.may_transmit);

    let fields = [("application", id.as_str())];
    let clicks =
        futures::future::join_all((0..3).map(|_| app.call("/api/candidatures/transmettre", &fields, Some(&me)))).await;
    assert_eq!(
        clicks.iter().filter(|r| ok(r)).count(),
        1,
        "{:?}",
        clicks.iter().map(|r| (r.status, &r.body)).collect::<Vec<_>>()
    );
    let receipts =
        app.mails_to("lea@example.fr").await.into_iter().filter(|(s, _)| s.contains("Accusé de réception")).count();
    assert_eq!(receipts, 1);
    let detail: ApplicationDetail =
        serde_json::from_str(&app.call("/api/candidatures/recapitulatif", &[("id", &id)], Some(&me)).await.body)
            .unwrap();
    assert_eq!(detail.line.status, DossierStatus::Receptionne);
    assert!(detail.transmitted.is_some() && detail.received.is_some() && !detail.may_cancel);
    // After transmission the candidate changes nothing.
    assert_eq!(upload(&app, &me, application, cv, "cv.pdf", pdf(5000)).await.status, StatusCode::CONFLICT);
    assert!(!view(&app, &me, application).await.editable);
});

/// The headers of a 640×480 colour photo, as a camera writes them (the
/// image data does not matter to a PDF, which embeds it as it is).
fn photo() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
    bytes.extend([0xFF, 0xC0, 0x00, 17, 8, 0x01, 0xE0, 0x02, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    bytes.extend([0u8; 2000]);
    bytes.extend([0xFF, 0xD9]);
    bytes
}

async fn fetch(app: &TestApp, me: &str, path: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let request = Request::get(path).header(header::COOKIE, me).body(Body::empty()).unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let body = axum::body::to_bytes(response.into_body(), 1 << 24).await.unwrap().to_vec();
    (status, headers, body)
}

on_every_store!(several_files_for_one_piece_become_one_pdf, |app: TestApp| async move {
    let (me, application, cv, _) = setup(&app, "lea@example.fr").await;
    let page = app::server::pdf::text_document("Relevé de notes", &["Semestre 1"]);
    // Adding to a piece without a file is a plain upload.
    assert_eq!(add(&app, &me, application, cv, "releve.pdf", page.clone()).await.status, StatusCode::NO_CONTENT);
    assert_eq!(add(&app, &me, application, cv, "verso.jpg", photo()).await.status, StatusCode::NO_CONTENT);
    let third = add(&app, &me, application, cv, "annexe.pdf", page.clone()).await;
    assert_eq!(third.status, StatusCode::NO_CONTENT, "{}", third.body);
    let line = view(&app, &me, application).await.pieces.into_iter().find(|p| p.piece_id == cv).unwrap();
    assert_eq!(
        (line.file_name.as_deref(), line.file_parts, line.status),
        (Some("releve.pdf"), 3, PieceStatus::Transmise)
    );
    assert_eq!(files_on_disk(&app).await.len(), 1, "only the combined file stays: {:?}", files_on_disk(&app).await);
    assert_eq!(app.count("files").await, 1);

    let file = line.file_id.unwrap();
    let (status, headers, body) = fetch(&app, &me, &app::views::pieces::download_path(file)).await;
    assert_eq!(
        (status, &headers[header::CONTENT_TYPE]),
        (StatusCode::OK, &"application/pdf".parse::<axum::http::HeaderValue>().unwrap())
    );
    assert_eq!(app::server::pdf::page_count(&body), Ok(3));

    // "Voir": the same file, shown rather than downloaded, still never sniffed.
    let (status, headers, _) = fetch(&app, &me, &app::views::pieces::view_path(file)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("inline;"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let (tom, _, _, _) = setup(&app, "tom@example.fr").await;
    assert_eq!(fetch(&app, &tom, &app::views::pieces::view_path(file)).await.0, StatusCode::NOT_FOUND);

    // A file that cannot be combined changes nothing.
    let broken =
        add(&app, &me, application, cv, "photo.jpg", [vec![0xFF, 0xD8, 0xFF, 0xE0], vec![0u8; 500]].concat()).await;
    assert_eq!(refused(&broken), Some(UploadProblem::Unreadable));
    let after = view(&app, &me, application).await.pieces.into_iter().find(|p| p.piece_id == cv).unwrap();
    assert_eq!((after.file_id, after.file_parts), (Some(file), 3));
    assert_eq!(files_on_disk(&app).await.len(), 1, "{:?}", files_on_disk(&app).await);

    // "Remplacer" starts again from one file.
    assert_eq!(upload(&app, &me, application, cv, "cv.pdf", page).await.status, StatusCode::NO_CONTENT);
    let line = view(&app, &me, application).await.pieces.into_iter().find(|p| p.piece_id == cv).unwrap();
    assert_eq!((line.file_name.as_deref(), line.file_parts), (Some("cv.pdf"), 1));
    assert_eq!(files_on_disk(&app).await.len(), 1);
});

on_every_store!(model_files_are_served_to_their_campaign_only, |app: TestApp| async move {
    use app::domain::review::StaffRole;
    use sqlx::Row;
    let (me, application, cv, capture) = setup(&app, "lea@example.fr").await;
    let charte = app::server::pdf::text_document("Charte d'engagement", &["Je m'engage."]);
    let stored =
        app::server::files::store_bytes(&app.state.settings.files, &charte, app::domain::upload::FileKind::Pdf)
            .await
            .unwrap();
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    app::server::store::pieces::set_model(&mut conn, cv, &stored.stored_name, "charte.pdf").await.unwrap();
    // Next year's campaign, in preparation, already has its own model.
    let next = app::server::store::campaigns::ensure_campaign(&mut conn, "NEXT", "Campagne suivante", "2027/2028", 0)
        .await
        .unwrap();
    sqlx::query("UPDATE campaigns SET active = 0 WHERE id = $1").bind(next).execute(&mut *conn).await.unwrap();
    let next_centre =
        app::server::store::campaigns::ensure_centre(&mut conn, next, "CENTRE SUIVANT", "", "").await.unwrap();
    let next_piece =
        app::server::store::pieces::ensure_piece(&mut conn, next_centre, None, "CHARTE 2027", true, 0).await.unwrap();
    let draft = app::server::files::store_bytes(
        &app.state.settings.files,
        b"%PDF-1.4 brouillon",
        app::domain::upload::FileKind::Pdf,
    )
    .await
    .unwrap();
    app::server::store::pieces::set_model(&mut conn, next_piece, &draft.stored_name, "charte-2027.pdf").await.unwrap();
    let this_centre: i64 = sqlx::query("SELECT centre_id FROM pieces WHERE id = $1")
        .bind(cv)
        .fetch_one(&mut *conn)
        .await
        .unwrap()
        .get("centre_id");
    drop(conn);

    let detail: ApplicationDetail = serde_json::from_str(
        &app.call("/api/candidatures/recapitulatif", &[("id", &application.to_string())], Some(&me)).await.body,
    )
    .unwrap();
    assert_eq!(detail.models, vec![(cv, "CURRICULUM VITAE".to_owned())]);
    assert!(view(&app, &me, application).await.pieces.iter().any(|p| p.piece_id == cv && p.has_model));
    let (status, headers, body) = fetch(&app, &me, &app::views::pieces::model_path(cv)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(body, charte);
    assert_eq!(app.get(&app::views::pieces::model_path(cv), None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(fetch(&app, &me, &app::views::pieces::model_path(capture)).await.0, StatusCode::NOT_FOUND);
    // The campaign in preparation is nobody's business but its staff's.
    assert_eq!(fetch(&app, &me, &app::views::pieces::model_path(next_piece)).await.0, StatusCode::NOT_FOUND);
    let this_year =
        crate::review::staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[this_centre]).await;
    let next_year =
        crate::review::staff_member(&app, "prepa@sesame.test", StaffRole::Gestionnaire, &[next_centre]).await;
    let admin = crate::review::staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;
    assert_eq!(fetch(&app, &this_year, &app::views::pieces::model_path(next_piece)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(fetch(&app, &this_year, &app::views::pieces::model_path(cv)).await.0, StatusCode::OK);
    assert_eq!(fetch(&app, &next_year, &app::views::pieces::model_path(cv)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(fetch(&app, &next_year, &app::views::pieces::model_path(next_piece)).await.0, StatusCode::OK);
    assert_eq!(fetch(&app, &admin, &app::views::pieces::model_path(next_piece)).await.0, StatusCode::OK);
});

on_both_databases!(an_incomplete_dossier_reopens_the_refused_pieces, |app: TestApp| async move {
    let (me, application, cv, capture) = setup(&app, "lea@example.fr").await;
    let id = application.to_string();
    assert_eq!(upload(&app, &me, application, cv, "cv.pdf", pdf(5000)).await.status, StatusCode::NO_CONTENT);
    assert_eq!(upload(&app, &me, application, capture, "capture.pdf", pdf(5000)).await.status, StatusCode::NO_CONTENT);
    assert!(ok(&app.call("/api/candidatures/transmettre", &[("application", &id)], Some(&me)).await));
    // Staff (next issue) refuse the CV, validate the capture, mark the dossier Incomplet.
    for (piece, status) in [(cv, "refusee"), (capture, "validee")] {
        sqlx::query("UPDATE candidate_pieces SET status = $1, comment = 'illisible' WHERE piece_id = $2")
            .bind(status)
            .bind(piece)
            .execute(&app.state.db.pool)
            .await
            .unwrap();
    }
    sqlx::query("UPDATE applications SET status = 'incomplet' WHERE id = $1")
        .bind(application)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let v = view(&app, &me, application).await;
    assert!(v.editable && !v.may_transmit);
    let editable: Vec<(i64, bool)> = v.pieces.iter().map(|p| (p.piece_id, p.editable)).collect();
    assert_eq!(editable, vec![(cv, true), (capture, false)]);
    // The validated piece stays as it is; the refused one is replaced.
    assert_eq!(upload(&app, &me, application, capture, "autre.pdf", pdf(5000)).await.status, StatusCode::CONFLICT);
    assert_eq!(upload(&app, &me, application, cv, "cv-lisible.pdf", pdf(6000)).await.status, StatusCode::NO_CONTENT);
    assert!(view(&app, &me, application).await.may_transmit);
    assert!(ok(&app.call("/api/candidatures/transmettre", &[("application", &id)], Some(&me)).await));
    let detail: ApplicationDetail =
        serde_json::from_str(&app.call("/api/candidatures/recapitulatif", &[("id", &id)], Some(&me)).await.body)
            .unwrap();
    assert_eq!(detail.line.status, DossierStatus::Receptionne);
    let receipts =
        app.mails_to("lea@example.fr").await.into_iter().filter(|(s, _)| s.contains("Accusé de réception")).count();
    assert_eq!(receipts, 2, "each transmission is acknowledged once");
});

/// A small PDF uploaded for a piece (other test modules use it).
pub(crate) async fn upload_pdf(app: &TestApp, me: &str, application: i64, piece: i64) -> support::Reply {
    upload(app, me, application, piece, "piece.pdf", pdf(3000)).await
}

// The date limite de retour (2026-07-01 here, a Paris day, included): a
// candidate who has not transmitted by its last minute can change nothing
// more, and is told the date; an Incomplet dossier still takes the
// replacements staff asked for.
on_both_databases!(the_return_deadline_closes_the_pieces, |app: TestApp| async move {
    let (_, application, cv, capture) = setup(&app, "lea@example.fr").await;
    let id = application.to_string();
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap().timestamp();
    app.state.clock.freeze_at(at("2026-07-01T21:59:00Z")); // 23:59 in Paris, summer time
    let me = app.sign_in("lea@example.fr", PASSWORD).await.cookie.unwrap();
    assert_eq!(upload(&app, &me, application, cv, "cv.pdf", pdf(4000)).await.status, StatusCode::NO_CONTENT);
    app.state.clock.freeze_at(at("2026-07-01T22:00:30Z")); // 00:00:30 on 2 July in Paris
    let closed = |reply: &support::Reply| {
        reply.status == StatusCode::CONFLICT
            && serde_json::from_str::<AppError>(&reply.body).ok()
                == Some(AppError::ReturnClosed(app::domain::date::Day::new(2026, 7, 1).unwrap()))
    };
    assert!(closed(&upload(&app, &me, application, capture, "capture.pdf", pdf(4000)).await));
    assert!(closed(
        &app.call("/api/candidatures/pieces/reponse", &[("application", &id), ("piece", &cv.to_string())], Some(&me))
            .await
    ));
    assert!(closed(
        &app.call(
            "/api/candidatures/pieces/reponse",
            &[("application", &id), ("piece", &capture.to_string()), ("non_concerne", "1")],
            Some(&me)
        )
        .await
    ));
    assert!(closed(&app.call("/api/candidatures/transmettre", &[("application", &id)], Some(&me)).await));
    let v = view(&app, &me, application).await;
    assert!(!v.editable && !v.may_transmit);
    assert_eq!(v.closed_on, app::domain::date::Day::new(2026, 7, 1));
    assert_eq!(
        v.pieces.iter().find(|p| p.piece_id == cv).unwrap().status,
        PieceStatus::Transmise,
        "the file sent in time stays"
    );

    // Found Incomplet (set here as staff would, past the formation's date):
    // closed too unless staff gave a day of their own, which then holds.
    sqlx::query("UPDATE candidate_pieces SET status = 'refusee', comment = 'illisible' WHERE piece_id = $1")
        .bind(cv)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE applications SET status = 'incomplet' WHERE id = $1")
        .bind(application)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert!(closed(&upload(&app, &me, application, cv, "cv-lisible.pdf", pdf(4000)).await));
    sqlx::query("UPDATE applications SET reopened_until = '2026-07-10' WHERE id = $1")
        .bind(application)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(upload(&app, &me, application, cv, "cv-lisible.pdf", pdf(4000)).await.status, StatusCode::NO_CONTENT);
    app.state.clock.freeze_at(at("2026-07-10T22:00:30Z"));
    let me = app.sign_in("lea@example.fr", PASSWORD).await.cookie.unwrap();
    let late = app.call("/api/candidatures/transmettre", &[("application", &id)], Some(&me)).await;
    assert_eq!(
        serde_json::from_str::<AppError>(&late.body).ok(),
        Some(AppError::ReturnClosed(app::domain::date::Day::new(2026, 7, 10).unwrap())),
        "{}",
        late.body
    );
});
