//! `GET /gestion/candidatures/export/{csv|xlsx}?<the list's query>`: the
//! staff list as filtered on screen, as a download. Staff only; the
//! staff member's scope applies as in the list (another centre's formation
//! is 404).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use app::error::AppError;
use app::server::auth::session::AccountKind;
use app::server::{export, review};
use app::views::review::ListQuery;

use crate::http::ServerState;
use crate::uploads::failure;

pub fn routes() -> Router<ServerState> {
    Router::new().route("/gestion/candidatures/export/{format}", get(download))
}

async fn download(
    State(state): State<ServerState>,
    Path(format): Path<String>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Response {
    let app = &state.app;
    let outcome = async {
        let signed = crate::uploads::signed_as(app, &headers, AccountKind::Staff).await?;
        if format != "csv" && format != "xlsx" {
            return Err(AppError::NotFound);
        }
        let lines = review::export(app, &signed, &query).await?;
        let bytes = tokio::task::spawn_blocking(move || match format.as_str() {
            "csv" => Ok((export::csv(&lines), "text/csv; charset=utf-8", "csv")),
            _ => export::xlsx(&lines)
                .map(|b| (b, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"))
                .map_err(|error| AppError::internal("XLSX export", error)),
        })
        .await
        .map_err(|error| AppError::internal("export task", error))??;
        Ok(bytes)
    }
    .await;
    match outcome {
        Ok((bytes, content_type, extension)) => {
            let day = app::server::clock::paris_ymd(app.clock.now());
            let name = format!("candidatures-{}-{:02}-{:02}.{extension}", day.0, day.1, day.2);
            let mut response = bytes.into_response();
            let h = response.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            response
        }
        Err(error) => failure(error),
    }
}
