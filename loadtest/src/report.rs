//! What the run prints: per step and per request, the server's cost, the
//! run in 10-second windows, where it saturated, and whether every
//! application reached the staff list.

use goose::prelude::GooseMetrics;

use crate::journey::{Window, WINDOW_SECONDS};
use crate::server::Reading;

pub struct Run<'a> {
    pub database: &'static str,
    pub candidates: u32,
    pub staff: u32,
    pub minutes: f64,
    pub seconds: f64,
    pub metrics: &'a GooseMetrics,
    pub timeline: &'a [Window],
    pub server: &'a [Reading],
    pub tool: &'a [Reading],
    pub server_peak_rss_kib: u64,
    /// Transmitted applications in the staff list afterwards.
    pub arrived: Option<i64>,
    pub stored_bytes: u64,
}

/// How many applications the staff list shows as transmitted (received),
/// asked as the demo admin.
pub async fn received(host: &str) -> Option<i64> {
    let client = reqwest::Client::builder().cookie_store(true).build().ok()?;
    client
        .post(format!("{host}/api/session/connexion-gestion"))
        .header("accept", "application/json")
        .form(&[("identifiant", "admin@sesame.localhost"), ("mot_de_passe", "Admin-Sesame-2026")])
        .send()
        .await
        .ok()?;
    let list: serde_json::Value = client
        .post(format!("{host}/api/gestion/candidatures"))
        .header("accept", "application/json")
        .form(&[("query[statut]", "receptionne")])
        .send()
        .await
        .ok()?
        .json()
        .await
        .ok()?;
    list.get("total")?.as_i64()
}

fn ms(us: u64) -> f64 {
    us as f64 / 1e3
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// CPU used between two readings, as a percentage of one core.
fn cpu_percent(readings: &[Reading], from: f64, to: f64) -> f64 {
    let at = |t: f64| readings.iter().rev().find(|r| r.at <= t).or(readings.first()).copied().unwrap_or_default();
    let (a, b) = (at(from), at(to));
    if b.at <= a.at {
        return 0.0;
    }
    100.0 * (b.cpu_seconds - a.cpu_seconds) / (b.at - a.at)
}

pub fn print(run: &Run) {
    let m = run.metrics;
    println!();
    println!(
        "==> L'heure de la date limite, {} : {} candidats arrivés en {} min (comprimée), {} personnels",
        run.database, run.candidates, run.minutes, run.staff
    );
    println!(
        "    durée {:.0} s ; {:.1} candidats/s de bout en bout ; {} Mo de pièces reçues",
        run.seconds,
        f64::from(run.candidates) / run.seconds,
        run.stored_bytes / 1_000_000
    );

    println!("\n  Étapes (transactions goose, pensée exclue) :");
    println!("  {:<28} {:>8} {:>9} {:>9} {:>9} {:>7}", "étape", "nombre", "p50 ms", "p99 ms", "max ms", "erreurs");
    for scenario in &m.transactions {
        for t in scenario {
            let d = &t.run_times;
            if d.counter == 0 {
                continue;
            }
            println!(
                "  {:<28} {:>8} {:>9.1} {:>9.1} {:>9.1} {:>7}",
                t.transaction_name.name_for_transaction(),
                d.counter,
                ms(d.percentile_us(0.5)),
                ms(d.percentile_us(0.99)),
                ms(d.maximum_time_us),
                t.fail_count
            );
        }
    }

    println!("\n  Requêtes :");
    println!(
        "  {:<34} {:>8} {:>8} {:>9} {:>9} {:>9} {:>7}",
        "requête", "nombre", "req/s", "p50 ms", "p99 ms", "max ms", "erreurs"
    );
    let mut names: Vec<_> = m.requests.iter().collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    let mut failures = 0;
    for (name, r) in names {
        let d = &r.raw_data;
        failures += r.fail_count;
        println!(
            "  {:<34} {:>8} {:>8.1} {:>9.1} {:>9.1} {:>9.1} {:>7}",
            name,
            d.counter,
            d.counter as f64 / run.seconds,
            ms(d.percentile_us(0.5)),
            ms(d.percentile_us(0.99)),
            ms(d.maximum_time_us),
            r.fail_count
        );
        let mut odd: Vec<_> = r.status_code_counts.iter().filter(|(s, _)| !(200..400).contains(*s)).collect();
        odd.sort();
        for (status, n) in odd {
            println!("  {:<34} {n:>8} × {status}", "");
        }
    }

    let end = run.seconds;
    let server_cpu = cpu_percent(run.server, 0.0, end);
    let tool_cpu = cpu_percent(run.tool, 0.0, end);
    let max_rss = run.server.iter().map(|r| r.rss_kib).max().unwrap_or(0);
    println!("\n  Serveur : CPU moyen {server_cpu:.0} % d'un cœur (2 cœurs = 200 %), pic de mémoire résidente {} Mio (VmHWM {} Mio)", max_rss / 1024, run.server_peak_rss_kib / 1024);
    println!("  Outil de charge (goose, même machine) : CPU moyen {tool_cpu:.0} %");

    println!("\n  Par fenêtre de {WINDOW_SECONDS:.0} s :");
    println!(
        "  {:>6} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>8} {:>8}",
        "t (s)", "arrivés", "finis", "en cours", "req/s", "p50 ms", "p99 ms", "erreurs", "CPU %"
    );
    let (mut started, mut finished) = (0u32, 0u32);
    let mut saturated = None;
    let mut baseline_p99 = None;
    for (i, w) in run.timeline.iter().enumerate() {
        started += w.candidates_started;
        finished += w.candidates_finished;
        let mut times = w.times_ms.clone();
        times.sort_by(f64::total_cmp);
        let (from, to) = (i as f64 * WINDOW_SECONDS, (i + 1) as f64 * WINDOW_SECONDS);
        let cpu = cpu_percent(run.server, from, to.min(end));
        let p99 = percentile(&times, 0.99);
        if i >= 1 && baseline_p99.is_none() && !times.is_empty() {
            baseline_p99 = Some(p99);
        }
        if saturated.is_none() && (cpu >= 180.0 || baseline_p99.is_some_and(|b| p99 > 5.0 * b.max(10.0))) {
            saturated = Some((from, started - finished, w.requests as f64 / WINDOW_SECONDS, cpu, p99));
        }
        println!(
            "  {:>6.0} {:>8} {:>8} {:>8} {:>8.1} {:>9.1} {:>9.1} {:>8} {:>8.0}",
            from,
            started,
            finished,
            started - finished,
            w.requests as f64 / WINDOW_SECONDS,
            percentile(&times, 0.5),
            p99,
            w.failures,
            cpu
        );
    }
    match saturated {
        Some((t, busy, rps, cpu, p99)) => println!(
            "\n  Saturation à t = {t:.0} s : {busy} candidats en cours, {rps:.0} requêtes/s, CPU du serveur {cpu:.0} %, p99 {p99:.0} ms"
        ),
        None => println!("\n  Pas de saturation : CPU du serveur sous 180 % et p99 stable à chaque fenêtre"),
    }
    match run.arrived {
        Some(n) => println!(
            "  Liste des gestionnaires : {n} candidatures réceptionnées sur {} ({})",
            run.candidates,
            if n == i64::from(run.candidates) { "aucune perdue" } else { "MANQUANTES" }
        ),
        None => println!("  Liste des gestionnaires : illisible après la simulation"),
    }
    println!("  Erreurs : {failures}");
}
