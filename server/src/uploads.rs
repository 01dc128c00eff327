//! Files of pièces justificatives over plain HTTP (not server functions):
//! the upload streams the request body to disk with its own size limit, the
//! download answers an attachment. Both check the session and answer 404
//! for anything that is not the candidate's.
//!
//! A piece's upload comes two ways to the same route: the WASM's
//! XMLHttpRequest (the raw file as the body, its name in `X-Nom-Fichier`,
//! answered 204 or the error as JSON), and the row's plain form before the
//! WASM or without it (`multipart/form-data`, answered 303 back to the
//! page, with the refusal in its URL as Leptos carries a server function's).

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;

use app::error::AppError;
use app::server::auth::session::{self, AccountKind, Signed};
use app::server::{configuration, files, letters, personal_data, pieces, review, AppState};

use crate::http::ServerState;

/// What a plain form post of a piece may send in all, read to its end after
/// a refusal so that the browser, still sending, reads the answer (a
/// connection closed under its feet would show a network error instead).
const FORM_POST_MAX: usize = 64 * 1024 * 1024;

pub fn routes(max_upload_bytes: u64) -> Router<ServerState> {
    let piece_upload = Router::new()
        .route("/fichiers/candidature/{application}/piece/{piece}", post(upload))
        .layer(RequestBodyLimitLayer::new(FORM_POST_MAX.max(max_upload_bytes as usize + 64 * 1024)));
    Router::new()
        .route("/fichiers/{file}", get(download))
        .route("/fichiers/modele/{piece}", get(model))
        .route("/gestion/pieces/{piece}/modele", post(upload_model))
        .route("/fichiers/candidature/{application}/lettre-admission", get(admission_letter))
        .route("/fichiers/candidature/{application}/dossier", get(whole_dossier))
        .route("/fichiers/mes-donnees/{format}", get(my_data))
        // The body check in `files::receive` gives the French message; this
        // layer only stops a client that keeps sending well beyond it.
        .layer(RequestBodyLimitLayer::new(max_upload_bytes as usize + 64 * 1024))
        .merge(piece_upload)
}

/// An error as JSON with its status (what server functions answer too).
pub(crate) fn failure(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "application/json")], serde_json::to_string(&error).unwrap_or_default())
        .into_response()
}

/// The signed-in account when it is of this kind: 404 to the other kind,
/// 401 to nobody.
pub(crate) async fn signed_as(state: &AppState, headers: &HeaderMap, kind: AccountKind) -> Result<Signed, AppError> {
    match session::current(state, headers).await? {
        Some(s) if s.kind == kind => Ok(s),
        Some(_) => Err(AppError::NotFound),
        None => Err(AppError::NotSignedIn),
    }
}

/// The original file name, sent percent-encoded in `X-Nom-Fichier`.
fn original_name(headers: &HeaderMap) -> String {
    let raw = headers.get("x-nom-fichier").and_then(|v| v.to_str().ok()).unwrap_or("piece");
    percent_decode(raw)
}

fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) =
                std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `?ajout=1`: add the file to the piece's current one (one PDF);
/// `?vue=1`: show a file in the browser rather than download it.
#[derive(serde::Deserialize, Default)]
struct Options {
    ajout: Option<String>,
    vue: Option<String>,
}

async fn upload(
    State(state): State<ServerState>,
    Path((application, piece)): Path<(i64, i64)>,
    Query(options): Query<Options>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let app = &state.app;
    if let Some(boundary) = form_boundary(&headers) {
        return upload_form(app, application, piece, options.ajout.is_some(), &headers, boundary, body).await;
    }
    let outcome = async {
        let signed = signed_as(app, &headers, AccountKind::Candidat).await?;
        pieces::authorize_upload(app, &signed, application, piece).await?;
        let stored =
            files::receive(&app.settings.files, body.into_data_stream(), app.settings.max_upload_bytes).await?;
        let size = stored.size;
        pieces::receive(app, &signed, application, piece, stored, &original_name(&headers), options.ajout.is_some())
            .await
            .map(|()| size)
    }
    .await;
    crate::metrics::upload(outcome.as_ref().map(|size| *size).map_err(|_| ()));
    match outcome.map(|_| ()) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => failure(error),
    }
}

/// The boundary of a `multipart/form-data` body: a row's plain form.
fn form_boundary(headers: &HeaderMap) -> Option<String> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    multer::parse_boundary(content_type).ok()
}

/// A row's plain form (no WASM): the same checks as the XMLHttpRequest's,
/// every file of the form in turn (the first replaces the piece's file
/// unless `adding`, the others are added to it, as the WASM sends them),
/// then back to the page with the outcome.
async fn upload_form(
    app: &AppState,
    application: i64,
    piece: i64,
    adding: bool,
    headers: &HeaderMap,
    boundary: String,
    body: Body,
) -> Response {
    let signed = async {
        let signed = signed_as(app, headers, AccountKind::Candidat).await?;
        pieces::authorize_upload(app, &signed, application, piece).await?;
        Ok(signed)
    }
    .await;
    // Not the candidate's: answered at once, nothing read.
    let signed = match signed {
        Ok(signed) => signed,
        Err(error) => return back_to_page(application, piece, Err(error)),
    };
    let mut form = multer::Multipart::new(body.into_data_stream(), boundary);
    let outcome = receive_form(app, &signed, application, piece, adding, &mut form).await;
    if outcome.is_err() {
        // The rest of what the browser sends (bounded by the route's limit).
        while let Ok(Some(mut field)) = form.next_field().await {
            while let Ok(Some(_)) = field.chunk().await {}
        }
    }
    back_to_page(application, piece, outcome)
}

async fn receive_form(
    app: &AppState,
    signed: &Signed,
    application: i64,
    piece: i64,
    adding: bool,
    form: &mut multer::Multipart<'static>,
) -> Result<(), AppError> {
    let unreadable = |e: multer::Error| AppError::BadRequest(format!("formulaire illisible : {e}"));
    let mut received = 0;
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        if field.name() != Some(app::views::pieces::FILE_FIELD) {
            continue;
        }
        let name = field.file_name().unwrap_or("piece").to_owned();
        let stored = files::receive(&app.settings.files, field, app.settings.max_upload_bytes).await;
        let size = stored.as_ref().map(|s| s.size).ok();
        let recorded = match stored {
            Ok(stored) => pieces::receive(app, signed, application, piece, stored, &name, adding || received > 0).await,
            Err(error) => Err(error),
        };
        crate::metrics::upload(recorded.as_ref().ok().and(size).ok_or(()));
        recorded?;
        received += 1;
    }
    if received == 0 {
        return Err(AppError::FileRefused(app::domain::upload::UploadProblem::Empty));
    }
    Ok(())
}

/// 303 back to the pieces page, at the piece's row: "received", or the
/// refusal in the URL (`__path`, `__err`) as Leptos carries a server
/// function's after a plain form post; the page reads it from there.
fn back_to_page(application: i64, piece: i64, outcome: Result<(), AppError>) -> Response {
    use app::views::pieces::{received_page, row_id, upload_path};
    use leptos::server_fn::error::ServerFnUrlError;
    let to = match outcome {
        Ok(()) => received_page(application, piece),
        Err(error) => {
            let page = format!("http://sesame/candidatures/{application}");
            match ServerFnUrlError::new(upload_path(application, piece), error).to_url(&page) {
                Ok(url) => format!("{}?{}#{}", url.path(), url.query().unwrap_or_default(), row_id(piece)),
                Err(_) => format!("/candidatures/{application}"),
            }
        }
    };
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

/// `?campagne=`: the campaign in preparation the piece belongs to.
#[derive(serde::Deserialize, Default)]
struct CampaignChoice {
    campagne: Option<i64>,
}

/// A piece's model file, sent by staff who configure its centre.
async fn upload_model(
    State(state): State<ServerState>,
    Path(piece): Path<i64>,
    Query(choice): Query<CampaignChoice>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let app = &state.app;
    let outcome = async {
        let signed = signed_as(app, &headers, AccountKind::Staff).await?;
        configuration::authorize_model(app, &signed, choice.campagne, piece).await?;
        let stored =
            files::receive(&app.settings.files, body.into_data_stream(), app.settings.max_upload_bytes).await?;
        configuration::receive_model(app, &signed, choice.campagne, piece, stored, &original_name(&headers)).await
    }
    .await;
    match outcome {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => failure(error),
    }
}

async fn download(
    State(state): State<ServerState>,
    Path(file): Path<i64>,
    Query(options): Query<Options>,
    headers: HeaderMap,
) -> Response {
    let app = &state.app;
    let outcome = async {
        match session::current(app, &headers).await? {
            Some(s) if s.kind == AccountKind::Candidat => pieces::download(app, &s, file).await,
            // Staff read the files of the candidates of their centres.
            Some(s) if review::may_read_file(app, &s, file).await? => pieces::staff_download(app, file).await,
            Some(_) => Err(AppError::NotFound),
            None => Err(AppError::NotSignedIn),
        }
    }
    .await;
    send_file(app, outcome, options.vue.is_some()).await
}

async fn model(State(state): State<ServerState>, Path(piece): Path<i64>, headers: HeaderMap) -> Response {
    let app = &state.app;
    let outcome = async {
        let signed = session::current(app, &headers).await?.ok_or(AppError::NotSignedIn)?;
        pieces::model(app, &signed, piece).await
    }
    .await;
    send_file(app, outcome, false).await
}

/// "Télécharger lettre d'admission" (a PDF made on request).
async fn admission_letter(
    State(state): State<ServerState>,
    Path(application): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let app = &state.app;
    let made = async {
        let signed = signed_as(app, &headers, AccountKind::Candidat).await?;
        letters::admission_letter(app, &signed, application).await
    }
    .await;
    send_made(made, PDF)
}

/// "Télécharger mon dossier": the dossier and every piece, one PDF.
async fn whole_dossier(State(state): State<ServerState>, Path(application): Path<i64>, headers: HeaderMap) -> Response {
    let app = &state.app;
    let made = async {
        let signed = signed_as(app, &headers, AccountKind::Candidat).await?;
        letters::dossier(app, &signed, application).await
    }
    .await;
    send_made(made, PDF)
}

const PDF: &str = "application/pdf";

/// "Télécharger mes données": `json` or `pdf`.
async fn my_data(State(state): State<ServerState>, Path(format): Path<String>, headers: HeaderMap) -> Response {
    let app = &state.app;
    let signed = match signed_as(app, &headers, AccountKind::Candidat).await {
        Ok(signed) => signed,
        Err(error) => return failure(error),
    };
    match format.as_str() {
        "json" => send_made(personal_data::json(app, &signed).await, "application/json"),
        "pdf" => send_made(personal_data::pdf(app, &signed).await, PDF),
        _ => failure(AppError::NotFound),
    }
}

fn send_made(made: Result<(Vec<u8>, String), AppError>, content_type: &'static str) -> Response {
    match made {
        Ok((bytes, name)) => {
            let mut response = Body::from(bytes).into_response();
            describe(&mut response, &name, content_type, false);
            response
        }
        Err(error) => failure(error),
    }
}

/// Streams a checked file, as an attachment or (`inline`) to be shown;
/// its type is the one its content was checked to be, never sniffed.
async fn send_file(
    app: &AppState,
    found: Result<(String, String, app::domain::upload::FileKind), AppError>,
    inline: bool,
) -> Response {
    let opened = match found {
        Ok((stored_name, name, kind)) => files::open(&app.settings.files, &stored_name).await.map(|f| (f, name, kind)),
        Err(error) => Err(error),
    };
    let ((stream, size), name, kind) = match opened {
        Ok(opened) => opened,
        Err(error) => return failure(error),
    };
    let mut response = Body::from_stream(stream).into_response();
    response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    describe(&mut response, &name, kind.content_type(), inline);
    response
}

/// The headers of a file answer: its checked type, its name, never cached.
fn describe(response: &mut Response, name: &str, content_type: &'static str, inline: bool) {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition =
        format!("{}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}", if inline { "inline" } else { "attachment" });
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if inline {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("frame-ancestors 'self'"));
    }
}
