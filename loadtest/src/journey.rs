//! What the simulated people do, as goose scenarios.
//!
//! A **candidate** (one journey each, arriving evenly over the compressed
//! hour) signs in, opens their application, sends their six pieces one
//! after the other (each followed by the refresh of the list the page
//! makes), transmits, and sees the application transmitted; a few seconds
//! of thought between steps. A **staff member** signs in and, until every
//! candidate is done, pages and searches the list, a second or two between
//! requests. Each person comes from their own address through the
//! university's reverse proxy (`X-Forwarded-For`).
//!
//! Every request is also counted per 10-second window (count, slowest,
//! failures), to show when the server saturates.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use goose::goose::GooseResponse;
use goose::prelude::*;

use crate::files::Pool;
use crate::server::PASSWORD;

pub const WINDOW_SECONDS: f64 = 10.0;

/// What the run shares with every simulated person.
pub struct Plan {
    pub candidates: u32,
    pub pool: Pool,
    pub start: Instant,
    pub staff_logins: Vec<(&'static str, &'static str)>,
}

static PLAN: OnceLock<Plan> = OnceLock::new();
static NEXT_CANDIDATE: AtomicU32 = AtomicU32::new(1);
static NEXT_STAFF: AtomicU32 = AtomicU32::new(0);
pub static STARTED: AtomicU32 = AtomicU32::new(0);
pub static FINISHED: AtomicU32 = AtomicU32::new(0);
pub static TIMELINE: Mutex<Vec<Window>> = Mutex::new(Vec::new());

/// One 10-second window of the run.
#[derive(Clone, Default)]
pub struct Window {
    pub requests: u64,
    pub failures: u64,
    pub times_ms: Vec<f64>,
    pub candidates_started: u32,
    pub candidates_finished: u32,
}

fn plan() -> &'static Plan {
    PLAN.get().expect("the plan is set before the attack")
}

pub fn set_plan(plan: Plan) {
    let _ = PLAN.set(plan);
}

fn window_index() -> usize {
    (plan().start.elapsed().as_secs_f64() / WINDOW_SECONDS) as usize
}

fn in_window(change: impl FnOnce(&mut Window)) {
    let index = window_index();
    let mut timeline = TIMELINE.lock().unwrap();
    if timeline.len() <= index {
        timeline.resize(index + 1, Window::default());
    }
    change(&mut timeline[index]);
}

/// Sends `request`, counts it in its window, and fails it (for goose's
/// figures too) when the status is not the one expected.
async fn send(user: &mut GooseUser, request: GooseRequest<'_>) -> Result<GooseResponse, Box<TransactionError>> {
    let started = Instant::now();
    let response = user.request(request).await?;
    let ms = started.elapsed().as_secs_f64() * 1e3;
    let failed = !response.request.success;
    if let Err(error) = &response.response {
        // reqwest says "error sending request"; the cause (a timeout, a
        // connection reset by the server…) is further down the chain.
        let mut cause = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(s) = source {
            cause.push_str(&format!(" : {s}"));
            source = s.source();
        }
        eprintln!(
            "{:.1} s, {} : {cause} (après {ms:.0} ms)",
            plan().start.elapsed().as_secs_f64(),
            response.request.name
        );
    }
    in_window(|w| {
        w.requests += 1;
        w.failures += u64::from(failed);
        w.times_ms.push(ms);
    });
    Ok(response)
}

fn named<'a>(method: GooseMethod, path: &'a str, name: &'a str, builder: reqwest::RequestBuilder) -> GooseRequest<'a> {
    GooseRequest::builder().method(method).path(path).name(name).set_request_builder(builder).build()
}

async fn get(user: &mut GooseUser, path: &str, name: &str) -> Result<String, Box<TransactionError>> {
    let builder = user.get_request_builder(&GooseMethod::Get, path)?;
    let response = send(user, named(GooseMethod::Get, path, name, builder)).await?;
    Ok(match response.response {
        Ok(r) => r.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    })
}

/// A server function, called as the page's WASM calls it (a form body,
/// JSON back).
async fn call(
    user: &mut GooseUser,
    path: &str,
    name: &str,
    fields: &[(&str, &str)],
) -> Result<String, Box<TransactionError>> {
    let builder = user.get_request_builder(&GooseMethod::Post, path)?.header("accept", "application/json").form(fields);
    let response = send(user, named(GooseMethod::Post, path, name, builder)).await?;
    Ok(match response.response {
        Ok(r) => r.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    })
}

/// Each person's own client: their address behind the proxy, their cookies.
async fn as_person(user: &mut GooseUser, address: String) -> TransactionResult {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", address.parse().expect("an address is a header value"));
    headers.insert(
        "user-agent",
        reqwest::header::HeaderValue::from_static("Mozilla/5.0 (Linux; Android 14) sesame-loadtest"),
    );
    let builder =
        reqwest::Client::builder().cookie_store(true).default_headers(headers).timeout(Duration::from_secs(60));
    user.set_client_builder(builder).await.map_err(Box::new)
}

/// The candidate's state between steps.
#[derive(Clone)]
struct Candidate {
    number: u32,
    application: i64,
    pieces: Vec<i64>,
}

pub fn candidate_scenario(weight: usize) -> Result<Scenario, GooseError> {
    Ok(scenario!("candidat")
        .set_weight(weight)?
        .set_wait_time(Duration::from_millis(500), Duration::from_millis(2500))?
        .register_transaction(transaction!(candidate_signs_in).set_name("se connecter"))
        .register_transaction(transaction!(candidate_opens_application).set_name("ouvrir sa candidature"))
        .register_transaction(transaction!(candidate_uploads_pieces).set_name("envoyer six pièces"))
        .register_transaction(transaction!(candidate_transmits).set_name("transmettre")))
}

async fn candidate_signs_in(user: &mut GooseUser) -> TransactionResult {
    let number = NEXT_CANDIDATE.fetch_add(1, Ordering::Relaxed);
    if number > plan().candidates {
        return Ok(());
    }
    STARTED.fetch_add(1, Ordering::Relaxed);
    in_window(|w| w.candidates_started += 1);
    as_person(user, format!("10.{}.{}.{}", number >> 16, (number >> 8) & 255, number & 255)).await?;
    user.set_session_data(Candidate { number, application: 0, pieces: Vec::new() });
    get(user, "/connexion", "page de connexion").await?;
    // The address: `sesame demo --candidats` gives each its own (server/src/crowd.rs).
    let email = format!("foule{number:06}@sesame.localhost");
    call(user, "/api/session/connexion", "connexion", &[("identifiant", &email), ("mot_de_passe", PASSWORD)]).await?;
    Ok(())
}

async fn candidate_opens_application(user: &mut GooseUser) -> TransactionResult {
    if user.get_session_data::<Candidate>().is_none() {
        return Ok(());
    }
    get(user, "/", "accueil").await?;
    let list = call(user, "/api/candidatures/liste", "mes candidatures (données)", &[]).await?;
    let application =
        serde_json::from_str::<serde_json::Value>(&list).ok().and_then(|v| v.get(0)?.get("id")?.as_i64()).unwrap_or(0);
    get(user, &format!("/candidatures/{application}"), "page de la candidature").await?;
    let pieces = pieces(user, application).await?;
    if let Some(c) = user.get_session_data_mut::<Candidate>() {
        c.application = application;
        c.pieces = pieces;
    }
    Ok(())
}

async fn pieces(user: &mut GooseUser, application: i64) -> Result<Vec<i64>, Box<TransactionError>> {
    let text = call(user, "/api/candidatures/pieces", "pièces (données)", &[("application", &application.to_string())])
        .await?;
    Ok(serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| Some(v.get("pieces")?.as_array()?.iter().filter_map(|p| p.get("piece_id")?.as_i64()).collect()))
        .unwrap_or_default())
}

async fn candidate_uploads_pieces(user: &mut GooseUser) -> TransactionResult {
    let Some(c) = user.get_session_data::<Candidate>() else { return Ok(()) };
    let (number, application, list) = (c.number, c.application, c.pieces.clone());
    for (slot, piece) in list.iter().enumerate() {
        let file = plan().pool.piece(number, slot);
        let path = format!("/fichiers/candidature/{application}/piece/{piece}");
        let builder = user
            .get_request_builder(&GooseMethod::Post, &path)?
            .header("x-nom-fichier", file.name.as_str())
            .header("content-type", "application/octet-stream")
            .body(file.bytes.clone());
        let request = GooseRequest::builder()
            .method(GooseMethod::Post)
            .path(path.as_str())
            .name("pièce (envoi)")
            .expect_status_code(204)
            .set_request_builder(builder)
            .build();
        send(user, request).await?;
        pieces(user, application).await?;
    }
    Ok(())
}

async fn candidate_transmits(user: &mut GooseUser) -> TransactionResult {
    let Some(c) = user.get_session_data::<Candidate>() else { return Ok(()) };
    let application = c.application;
    let outcome = async {
        call(user, "/api/candidatures/transmettre", "transmission", &[("application", &application.to_string())])
            .await?;
        get(user, &format!("/candidatures/{application}?transmise=1"), "page de la candidature").await
    }
    .await;
    // Counted whatever happened, so that the staff stop when all are through.
    FINISHED.fetch_add(1, Ordering::Relaxed);
    in_window(|w| w.candidates_finished += 1);
    outcome.map(|_| ())
}

pub fn staff_scenario() -> Result<Scenario, GooseError> {
    Ok(scenario!("personnel")
        .set_weight(1)?
        .register_transaction(transaction!(staff_signs_in).set_name("se connecter (gestion)"))
        .register_transaction(transaction!(staff_works).set_name("parcourir la liste")))
}

async fn staff_signs_in(user: &mut GooseUser) -> TransactionResult {
    let n = NEXT_STAFF.fetch_add(1, Ordering::Relaxed);
    as_person(user, format!("10.255.{}.{}", n >> 8, n & 255)).await?;
    let logins = &plan().staff_logins;
    let (login, password) = logins[n as usize % logins.len()];
    get(user, "/gestion/connexion", "page de connexion (gestion)").await?;
    call(
        user,
        "/api/session/connexion-gestion",
        "connexion (gestion)",
        &[("identifiant", login), ("mot_de_passe", password)],
    )
    .await?;
    Ok(())
}

/// Until every candidate has transmitted: the list's first page, a name
/// searched, a page further, the transmitted ones by name, a dossier's
/// count per status, with a pause between each.
async fn staff_works(user: &mut GooseUser) -> TransactionResult {
    const NAMES: [&str; 6] = ["MARTIN", "DUBOIS", "LEROY", "foule00012", "Chloé", "PETIT B"];
    let mut turn = 0usize;
    while FINISHED.load(Ordering::Relaxed) < plan().candidates {
        let path = match turn % 4 {
            0 => "/gestion/candidatures".to_owned(),
            1 => format!("/gestion/candidatures?q={}", NAMES[turn / 4 % NAMES.len()].replace(' ', "+")),
            2 => format!("/gestion/candidatures?page={}", 2 + turn % 7),
            _ => "/gestion/candidatures?statut=receptionne&tri=nom".to_owned(),
        };
        let name = ["liste (page 1)", "liste (recherche)", "liste (page suivante)", "liste (filtre et tri)"][turn % 4];
        get(user, &path, name).await?;
        turn += 1;
        tokio::time::sleep(Duration::from_millis(1000 + (turn as u64 * 389) % 2000)).await;
    }
    Ok(())
}
