//! The deadline hour (issue 14), against the release server on loopback:
//! `scripts/deadline-hour.sh` (options below after `--`).
//!
//! 1. Checks the free disk for what the candidates will upload.
//! 2. Seeds the demo and N candidates through the store (`sesame demo
//!    --candidats N`) in a fresh SQLite file or PostgreSQL database.
//! 3. Starts `sesame serve` (release build) on a free loopback port.
//! 4. goose: the candidates arrive evenly over the compressed hour, each
//!    signs in, opens their application, uploads six pieces, transmits;
//!    the staff page and search the list meanwhile (`journey`).
//! 5. Reports per step requests/s, p50/p99 and errors, the server's peak
//!    memory and CPU, per 10-second window where it saturates, and checks
//!    in the staff list that every application arrived.
//! 6. Stops the server, removes the data and the database.
//!
//! Bounded: N candidates once each, and the whole run stops by itself
//! after `--limite-minutes` whatever happens.

mod files;
mod journey;
mod report;
mod server;

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use goose::config::GooseConfiguration;
use goose::prelude::*;

#[derive(Parser)]
#[command(about = "L'heure de la date limite : une simulation de charge contre le serveur de production.")]
struct Options {
    /// Candidates, each going once through the journey.
    #[arg(long, default_value_t = 10_000)]
    candidats: u32,
    /// Staff members paging and searching the list meanwhile.
    #[arg(long, default_value_t = 20)]
    personnels: u32,
    /// The compressed hour: the candidates arrive evenly over these minutes.
    #[arg(long, default_value_t = 10.0)]
    minutes: f64,
    /// postgres://hôte:port/base: runs on PostgreSQL (a database is created
    /// for the run, then dropped); SQLite otherwise.
    #[arg(long)]
    postgres: Option<String>,
    /// The release server.
    #[arg(long, default_value = "target/release/sesame")]
    serveur: PathBuf,
    /// Its site folder (the release bundle of the run command).
    #[arg(long, default_value = "target/site")]
    site: PathBuf,
    /// Where the run's data goes (removed afterwards).
    #[arg(long, default_value = "target/deadline-hour")]
    donnees: PathBuf,
    /// Stops everything after this many minutes.
    #[arg(long, default_value_t = 60.0)]
    limite_minutes: f64,
}

/// The most the run may store.
const MAX_BYTES: u64 = 10 * 1024 * 1024 * 1024;

#[tokio::main]
async fn main() {
    let options = Options::parse();
    if let Err(e) = run(options).await {
        eprintln!("deadline-hour : {e}");
        std::process::exit(1);
    }
}

async fn run(o: Options) -> Result<(), String> {
    if o.candidats == 0 || o.personnels == 0 || o.minutes <= 0.0 {
        return Err("--candidats, --personnels et --minutes doivent être positifs".into());
    }
    let started = Instant::now();
    let pool = files::Pool::new();
    let expected = pool.mean_journey_bytes() * u64::from(o.candidats);
    let data = std::path::absolute(o.donnees.join(std::process::id().to_string())).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&data).map_err(|e| format!("{} : {e}", data.display()))?;
    let free = server::free_bytes(&data).ok_or("espace libre illisible (df)")?;
    println!(
        "pièces : {} Mo attendus ({} Mo par candidat en moyenne), {} Mo libres sur le disque",
        expected / 1_000_000,
        pool.mean_journey_bytes() as f64 / 1e6,
        free / 1_000_000
    );
    if expected > MAX_BYTES || expected * 5 / 4 > free {
        let _ = std::fs::remove_dir_all(&data);
        return Err(format!(
            "trop de données pour ce disque ou pour la limite de 10 Go : réduisez --candidats (au plus {})",
            (MAX_BYTES.min(free * 4 / 5) / pool.mean_journey_bytes().max(1))
        ));
    }
    let database = server::Database::create(o.postgres.as_deref(), &data)?;
    let setup = server::Setup {
        binary: o.serveur.clone(),
        site: std::path::absolute(&o.site).map_err(|e| e.to_string())?,
        data: data.clone(),
        database: database.url(),
        listen: server::free_address(),
    };
    let outcome = attack(&o, &setup, &database, pool, started).await;
    database.drop_it();
    let stored = server::stored_bytes(&data);
    // The server's log outlives the data: an error of the run is read there.
    let kept = o.donnees.join(format!("serve-{}.log", database.label().to_lowercase()));
    if std::fs::copy(data.join("serve.log"), &kept).is_ok() {
        println!("journal du serveur : {}", kept.display());
    }
    let _ = std::fs::remove_dir_all(&data);
    println!("données de la simulation supprimées ({} Mo)", stored / 1_000_000);
    outcome
}

async fn attack(
    o: &Options,
    setup: &server::Setup,
    database: &server::Database,
    pool: files::Pool,
    started: Instant,
) -> Result<(), String> {
    println!("==> {} : {} candidats et la démo, par le store", database.label(), o.candidats);
    let seeding = setup.seed(o.candidats)?;
    println!("    {seeding:.1} s ({:.0} candidats/s)", f64::from(o.candidats) / seeding);
    let mut child = setup.serve()?;
    let pid = child.id();
    // Whatever happens, the run ends: the server and the data with it.
    let limit = std::time::Duration::from_secs_f64(o.limite_minutes * 60.0);
    let data = setup.data.clone();
    std::thread::spawn(move || {
        std::thread::sleep(limit.saturating_sub(started.elapsed()));
        eprintln!("deadline-hour : limite de temps atteinte, arrêt");
        let _ = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        let _ = std::fs::remove_dir_all(&data);
        std::process::exit(2);
    });
    if let Err(e) = server::ready(setup.listen, &mut child).await {
        server::stop(&mut child);
        return Err(format!("{e} (journal : {})", setup.data.join("serve.log").display()));
    }
    let host = format!("http://{}", setup.listen);
    let attack_start = Instant::now();
    journey::set_plan(journey::Plan {
        candidates: o.candidats,
        pool,
        start: attack_start,
        staff_logins: vec![
            ("admin@sesame.localhost", "Admin-Sesame-2026"),
            ("gestionnaire@sesame.localhost", "Gestion-Sesame-2026"),
        ],
    });
    let mut sampler = server::Sampler::start(pid, attack_start);
    let metrics = goose(o, &host).await;
    let seconds = attack_start.elapsed().as_secs_f64();
    sampler.finish();
    let arrived = report::received(&host).await;
    let peak = server::peak_rss_kib(pid);
    server::stop(&mut child);
    let metrics = metrics.map_err(|e| format!("goose : {e}"))?;
    report::print(&report::Run {
        database: database.label(),
        candidates: o.candidats,
        staff: o.personnels,
        minutes: o.minutes,
        seconds,
        metrics: &metrics,
        timeline: &journey::TIMELINE.lock().unwrap(),
        server: &sampler.server.lock().unwrap(),
        tool: &sampler.tool.lock().unwrap(),
        server_peak_rss_kib: peak,
        arrived,
        stored_bytes: server::stored_bytes(&setup.data.join("files")),
    });
    Ok(())
}

async fn goose(o: &Options, host: &str) -> Result<GooseMetrics, GooseError> {
    // Serial: one staff member, then `weight` candidates, and again; so the
    // staff arrive along the hour with the candidates.
    let weight = o.candidats.div_ceil(o.personnels) as usize;
    let users = (o.candidats + o.personnels) as usize;
    let rate = users as f64 / (o.minutes * 60.0);
    GooseAttack::initialize_with_config(GooseConfiguration::default())?
        .register_scenario(journey::staff_scenario()?)
        .register_scenario(journey::candidate_scenario(weight)?)
        .set_scheduler(GooseScheduler::Serial)
        .set_default(GooseDefault::Host, host)?
        .set_default(GooseDefault::Users, users)?
        .set_default(GooseDefault::IncreaseRate, format!("{rate:.3}").as_str())?
        .set_default(GooseDefault::Iterations, 1)?
        .set_default(GooseDefault::Quiet, 1)?
        .set_default(GooseDefault::NoPrintMetrics, true)?
        .set_default(GooseDefault::NoTelnet, true)?
        .execute()
        .await
}
