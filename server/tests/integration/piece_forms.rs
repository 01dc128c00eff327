//! A piece's row as a plain form (issue 14): before the WASM, or without
//! it, the candidate posts `multipart/form-data` to the piece's route. The
//! same checks as the WASM's upload (owner, content, size, cross-site),
//! then 303 back to the page, which shows the outcome.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use crate::support::{self, TestApp};
use app::domain::upload::{UploadProblem, DEFAULT_MAX_BYTES};
use app::error::AppError;
use app::views::pieces::{add_path, received_page, upload_path, PiecesView};
use leptos::server_fn::error::ServerFnUrlError;

const BOUNDARY: &str = "----sesame-formulaire-4c1d";
const OURS: [(&str, &str); 2] = [("origin", "http://sesame.test"), ("sec-fetch-site", "same-origin")];

/// A form's body as a browser writes it: each file a `fichier` part.
fn form_body(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"{name}\"\r\n\
                 Content-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// The row's form posted by a browser (its cookie, its headers).
async fn post_form(
    app: &TestApp,
    cookie: Option<&str>,
    path: &str,
    files: &[(&str, &[u8])],
    headers: &[(&str, &str)],
) -> support::Reply {
    let body = form_body(files);
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .header(header::CONTENT_LENGTH, body.len());
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.send(request.body(Body::from(body)).unwrap()).await
}

/// Where a 303 sends the browser back, and the refusal its URL carries.
fn back(reply: &support::Reply) -> (String, Option<(String, AppError)>) {
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let location = reply.location.clone().expect("a Location");
    let url = url::Url::parse(&format!("http://sesame.test{location}")).unwrap();
    let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let refusal = get("__err")
        .map(|err| (get("__path").expect("__path with __err"), ServerFnUrlError::<AppError>::decode_err(&err)));
    (location, refusal)
}

fn refusal(reply: &support::Reply) -> Option<AppError> {
    back(reply).1.map(|(_, error)| error)
}

async fn view(app: &TestApp, me: &str, application: i64) -> PiecesView {
    let reply = app.call("/api/candidatures/pieces", &[("application", &application.to_string())], Some(me)).await;
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

/// The page the browser is sent back to, as the server renders it.
async fn page_at(app: &TestApp, me: &str, location: &str) -> String {
    let path = location.split('#').next().unwrap();
    let reply = app.get(path, Some(me)).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    reply.body
}

async fn stored_files(app: &TestApp) -> usize {
    app.stored_files().await.len()
}

on_both_databases!(another_candidates_application_is_refused_to_a_form_post, |app: TestApp| async move {
    let (lea, lea_application, cv, _) = crate::pieces::setup(&app, "lea@example.fr").await;
    let (tom, tom_application, _, _) = crate::pieces::setup(&app, "tom@example.fr").await;
    let file = crate::pieces::pdf(3000);

    // Tom posts a file into Léa's application, from Sésame's own page.
    let into_lea = post_form(&app, Some(&tom), &upload_path(lea_application, cv), &[("cv.pdf", &file)], &OURS).await;
    assert_eq!(refusal(&into_lea), Some(AppError::NotFound));
    let adding = post_form(&app, Some(&tom), &add_path(lea_application, cv), &[("cv.pdf", &file)], &OURS).await;
    assert_eq!(refusal(&adding), Some(AppError::NotFound));
    // Léa, with a piece of her centre, into Tom's application.
    let into_tom = post_form(&app, Some(&lea), &upload_path(tom_application, cv), &[("cv.pdf", &file)], &OURS).await;
    assert_eq!(refusal(&into_tom), Some(AppError::NotFound));
    // Nobody signed in.
    let anonymous = post_form(&app, None, &upload_path(lea_application, cv), &[("cv.pdf", &file)], &OURS).await;
    assert_eq!(refusal(&anonymous), Some(AppError::NotSignedIn));

    assert_eq!(app.count("files").await, 0);
    assert_eq!(stored_files(&app).await, 0, "nothing written");
    assert!(view(&app, &lea, lea_application).await.pieces.iter().all(|p| p.file_id.is_none()));
    assert!(view(&app, &tom, tom_application).await.pieces.iter().all(|p| p.file_id.is_none()));
});

on_every_store!(a_form_post_stores_the_piece_and_comes_back_to_the_page, |app: TestApp| async move {
    let (me, application, cv, capture) = crate::pieces::setup(&app, "lea@example.fr").await;
    let sent = post_form(
        &app,
        Some(&me),
        &upload_path(application, cv),
        &[("Mon CV été.pdf", &crate::pieces::pdf(4000))],
        &OURS,
    )
    .await;
    let (location, refused) = back(&sent);
    assert_eq!(refused.map(|(_, e)| e), None);
    assert_eq!(location, received_page(application, cv));
    let line = view(&app, &me, application).await.pieces.into_iter().find(|p| p.piece_id == cv).unwrap();
    assert_eq!(line.file_name.as_deref(), Some("Mon CV été.pdf"));
    assert_eq!(stored_files(&app).await, 1);
    // The page says so, in the piece's row, without any script.
    let page = page_at(&app, &me, &location).await;
    assert!(page.contains(r#"<p role="status" class="piece-sent">Fichier déposé.</p>"#), "{page}");
    assert!(page.contains(&format!(r#"<tr id="piece-{cv}""#)), "the row the fragment names");
    // Each row is a real form posting to the piece's route.
    assert!(page.contains(&format!(r#"enctype="multipart/form-data" action="{}""#, upload_path(application, capture))));

    // Several files in one post: the first replaces, the others are added (one PDF).
    let page = app::server::pdf::text_document("Capture", &["Page"]);
    let two =
        post_form(&app, Some(&me), &upload_path(application, capture), &[("a.pdf", &page), ("b.pdf", &page)], &OURS)
            .await;
    assert_eq!(back(&two).0, received_page(application, capture));
    let line = view(&app, &me, application).await.pieces.into_iter().find(|p| p.piece_id == capture).unwrap();
    assert_eq!((line.file_name.as_deref(), line.file_parts), (Some("a.pdf"), 2));

    // "Ajouter un autre fichier" as a form (`?ajout=1`): added to the current file.
    let added = post_form(&app, Some(&me), &add_path(application, capture), &[("annexe.pdf", &page)], &OURS).await;
    assert_eq!(back(&added).0, received_page(application, capture));
    let line = view(&app, &me, application).await.pieces.into_iter().find(|p| p.piece_id == capture).unwrap();
    assert_eq!((line.file_name.as_deref(), line.file_parts), (Some("a.pdf"), 3));
    assert_eq!(stored_files(&app).await, 2, "one file a piece");
    assert_eq!(app.count("files").await, 2);
});

on_every_store!(a_form_post_is_refused_with_its_french_message, |app: TestApp| async move {
    let (me, application, cv, _) = crate::pieces::setup(&app, "lea@example.fr").await;
    let path = upload_path(application, cv);

    // An executable named .pdf: judged by its content.
    let exe = post_form(&app, Some(&me), &path, &[("cv.pdf", b"MZ\x90\x00\x03\x00\x00\x00binary")], &OURS).await;
    let (location, refused) = back(&exe);
    assert_eq!(refused, Some((path.clone(), AppError::FileRefused(UploadProblem::NotPdfOrJpeg))));
    assert!(location.ends_with(&format!("#piece-{cv}")), "{location}");
    let page = page_at(&app, &me, &location).await;
    assert!(
        page.contains(r#"<p role="alert" class="field-error">Ce fichier n'est ni un PDF ni une image JPEG"#),
        "{page}"
    );

    // Too big: refused while streaming, whether a little or much too big
    // (the rest is read, so the browser gets its answer).
    let over =
        post_form(&app, Some(&me), &path, &[("gros.pdf", &crate::pieces::pdf(DEFAULT_MAX_BYTES as usize + 1))], &OURS)
            .await;
    assert_eq!(refusal(&over), Some(AppError::FileRefused(UploadProblem::TooLarge { max: DEFAULT_MAX_BYTES })));
    let photo = crate::pieces::pdf(5 * DEFAULT_MAX_BYTES as usize);
    let far_over = post_form(&app, Some(&me), &path, &[("photo.pdf", &photo)], &OURS).await;
    assert_eq!(refusal(&far_over), Some(AppError::FileRefused(UploadProblem::TooLarge { max: DEFAULT_MAX_BYTES })));
    let page = page_at(&app, &me, &back(&far_over).0).await;
    assert!(page.contains("Ce fichier dépasse 2 Mo."), "{page}");

    // Empty, or "Envoyer" without a file (a browser sends an empty part).
    let empty = post_form(&app, Some(&me), &path, &[("", b"")], &OURS).await;
    assert_eq!(refusal(&empty), Some(AppError::FileRefused(UploadProblem::Empty)));
    let nothing = post_form(&app, Some(&me), &path, &[], &OURS).await;
    assert_eq!(refusal(&nothing), Some(AppError::FileRefused(UploadProblem::Empty)));

    assert_eq!(app.count("files").await, 0);
    assert_eq!(stored_files(&app).await, 0, "refused files leave nothing");
});

on_both_databases!(a_form_post_from_another_site_is_refused, |app: TestApp| async move {
    let (me, application, cv, _) = crate::pieces::setup(&app, "lea@example.fr").await;
    let path = upload_path(application, cv);
    let file = crate::pieces::pdf(3000);
    for headers in [
        &[("origin", "https://evil.example")][..],
        &[("origin", "null")][..],
        &[("sec-fetch-site", "cross-site")][..],
        &[("origin", "http://sesame.test"), ("sec-fetch-site", "same-site")][..],
    ] {
        let reply = post_form(&app, Some(&me), &path, &[("cv.pdf", &file)], headers).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(serde_json::from_str::<AppError>(&reply.body).ok(), Some(AppError::CrossSite), "{headers:?}");
    }
    assert_eq!(app.count("files").await, 0);
    assert_eq!(stored_files(&app).await, 0);
    // Sésame's own page, by the address it was reached at, passes.
    let by_host = [("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")];
    assert_eq!(refusal(&post_form(&app, Some(&me), &path, &[("cv.pdf", &file)], &by_host).await), None);
    assert_eq!(app.count("files").await, 1);
});
