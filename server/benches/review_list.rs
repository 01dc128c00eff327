//! Benchmark (run with `cargo bench -p server --bench review_list`, not part
//! of the tests): every query of the staff list over 1,000, 100,000 and
//! 1,000,000 applications (`SESAME_BENCH_SIZES=1000,100000` to choose), in
//! SQLite and, when `SESAME_BENCH_PG_URL` names a PostgreSQL database to
//! create others from (`postgres://postgres@127.0.0.1:5432/postgres`), in
//! PostgreSQL too.
//!
//! The cases are the store's real queries: page 1 under each sort
//! (`store::review::page`), a search by name, login, INE and address, filter
//! combinations, the list's total (`store::review::count`), the dashboard's
//! counts per formation, previous / next on the review page
//! (`store::review::neighbours`) and a page deep in the list (keyset), 100
//! samples each; p50 and p99 are printed, and at the end each case's p50
//! as a multiple of its p50 at the smallest size (how it grows).

mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use app::domain::confirmation::AnswerFilter;
use app::server::store::review::{self, Cursor, Filter, SortColumn};
use app::server::store::{campaigns, Conn};

/// Candidates, their INE (one in two), and one application each spread
/// over ten formations, with statuses, transmissions and decisions, written
/// by SQL (the search key as `store::accounts` folds it).
async fn seed(conn: &mut Conn, postgres: bool, n: i64) -> (i64, i64) {
    let campaign = campaigns::ensure_campaign(&mut *conn, "BENCH", "Campagne de mesure", "2026/2027", 0).await.unwrap();
    let centre = campaigns::ensure_centre(&mut *conn, campaign, "CENTRE", "", "").await.unwrap();
    let mut formations = Vec::new();
    for i in 0..10 {
        let title = format!("FORMATION {i}");
        let f = campaigns::NewFormation {
            centre_id: centre,
            title: &title,
            keywords: "",
            window_start: "2026-01-01",
            window_end: "2026-12-31",
            return_deadline: "2026-12-31",
            capacity: 100,
        };
        formations.push(campaigns::ensure_formation(&mut *conn, &f).await.unwrap());
    }
    let first = formations[0];
    let (series, pad): (String, fn(u8, &str) -> String) = if postgres {
        (format!("generate_series(1::bigint, {n}) AS n(i)"), |width: u8, e: &str| {
            format!("lpad(({e})::text, {width}, '0')")
        })
    } else {
        (
            format!(
                "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) SELECT i FROM n) AS n"
            ),
            |width: u8, e: &str| format!("printf('%0{width}d', {e})"),
        )
    };
    let (nom, login, ine) = (pad(7, "(i * 7919) % 1000003"), pad(7, "i"), pad(9, "i"));
    let statements = [
        format!(
            "INSERT INTO candidates (campaign_id, login, nom, prenom, email, email_norm, password_hash, created_at, validated_at, activation_deadline, search_key, ine_key)
             SELECT {campaign}, 'L' || {login}, 'NOM' || {nom}, 'Prénom', 'c' || i || '@example.fr', 'c' || i || '@example.fr', 'x', 0, 0, 0,
                    'nom' || {nom} || ' prenom l' || {login} || ' c' || i || ' example fr' || CASE WHEN i % 2 = 0 THEN ' ' || {ine} || 'ab' ELSE '' END,
                    CASE WHEN i % 2 = 0 THEN {ine} || 'AB' ELSE '' END
             FROM {series}"
        ),
        format!(
            "INSERT INTO dossier_ine (candidate_id, campaign_id, ine, sans_ine, updated_at)
             SELECT id, {campaign}, ine_key, 0, 0 FROM candidates WHERE ine_key <> ''"
        ),
        format!(
            "INSERT INTO applications (candidate_id, formation_id, created_at, status, transmitted_at, received_at, decision, decision_rank)
             SELECT id, {first} + (id % 10), 1750000000,
                    CASE id % 4 WHEN 0 THEN 'en_attente' WHEN 1 THEN 'receptionne' WHEN 2 THEN 'complet' ELSE 'incomplet' END,
                    CASE WHEN id % 4 = 0 THEN NULL ELSE 1750000000 + id * 60 END, CASE WHEN id % 4 = 0 THEN NULL ELSE 1750000000 + id * 60 END,
                    CASE WHEN id % 4 = 2 AND id % 3 = 0 THEN 'favorable' WHEN id % 4 = 2 AND id % 3 = 1 THEN 'liste_complementaire' END,
                    CASE WHEN id % 4 = 2 AND id % 3 = 1 THEN id END
             FROM candidates"
        ),
    ];
    // A bulk import as one statement: on PostgreSQL the counters' trigger
    // would update the same few counter rows a million times in one
    // transaction (each a new row version that only the commit frees), so
    // it is set aside and the counters are written once, as migration
    // 0022 does. Online, each change is its own transaction.
    if postgres {
        sqlx::query("ALTER TABLE applications DISABLE TRIGGER USER").execute(&mut *conn).await.unwrap();
    }
    for sql in &statements {
        sqlx::query(sql).execute(&mut *conn).await.unwrap();
    }
    if postgres {
        sqlx::query("ALTER TABLE applications ENABLE TRIGGER USER").execute(&mut *conn).await.unwrap();
        sqlx::query(
            "INSERT INTO application_counts (formation_id, status, decision, answer, n)
             SELECT formation_id, status, COALESCE(decision, ''), '', COUNT(*) FROM applications
             GROUP BY formation_id, status, COALESCE(decision, '')",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    // Fresh statistics, as autovacuum gives a live PostgreSQL database.
    // SQLite gathers none unless told (`ANALYZE`): measured as deployed,
    // without.
    if postgres {
        sqlx::query("ANALYZE").execute(&mut *conn).await.unwrap();
    }
    (campaign, first)
}

/// p50 and p99 of the samples, in ms.
fn summary(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)].as_secs_f64() * 1e3;
    (at(0.50), at(0.99))
}

const SAMPLES: usize = 100;

/// Each case's p50 by (backend, size), for the growth table.
type Results = BTreeMap<(String, String), BTreeMap<i64, (f64, f64)>>;

/// Runs `$body` (which may `.await`) `SAMPLES` times, prints p50 and p99
/// and keeps them.
macro_rules! measure {
    ($results:expr, $backend:expr, $label:expr, $n:expr, $body:expr) => {{
        let mut samples = Vec::with_capacity(SAMPLES);
        for _ in 0..SAMPLES {
            let start = Instant::now();
            $body;
            samples.push(start.elapsed());
        }
        let (p50, p99) = summary(samples);
        println!("  {:>8} | {}: p50 {p50:.2} ms, p99 {p99:.2} ms", $n, $label);
        $results.entry(($backend.to_owned(), $label.to_string())).or_default().insert($n, (p50, p99));
    }};
}

const SORTS: [(&str, SortColumn); 7] = [
    ("transmission", SortColumn::Transmitted),
    ("nom", SortColumn::Name),
    ("login", SortColumn::Login),
    ("INE", SortColumn::Ine),
    ("formation", SortColumn::Formation),
    ("statut", SortColumn::Status),
    ("décision", SortColumn::Decision),
];

async fn bench(results: &mut Results, backend: &str, state: &app::server::AppState, n: i64) {
    let mut conn = state.db.pool.acquire().await.unwrap();
    let seeded = Instant::now();
    let (campaign, formation) = seed(&mut conn, backend == "PostgreSQL", n).await;
    println!("{backend}: {n} applications seeded in {:.1} s", seeded.elapsed().as_secs_f64());
    for (name, column) in SORTS {
        for descending in [false, true] {
            let label = format!("page 1 by {name}{}", if descending { ", descending" } else { "" });
            measure!(results, backend, label, n, {
                let page = review::page(
                    &mut conn,
                    None,
                    campaign,
                    &Filter::default(),
                    (column, descending),
                    25,
                    Cursor::Offset(0),
                )
                .await
                .unwrap();
                assert_eq!(page.rows.len(), 25);
            });
        }
    }
    let middle = n / 2;
    let searches = [
        ("search a name", "NOM0007919"),
        ("search a login", &format!("L{middle:07}") as &str),
        ("search an INE", &format!("{:09}ab", middle - middle % 2)),
        ("search an address", &format!("c{middle}@example")),
    ];
    for (label, text) in searches {
        let filter = Filter { search: Some(text.to_owned()), ..Filter::default() };
        measure!(results, backend, label, n, {
            let page =
                review::page(&mut conn, None, campaign, &filter, (SortColumn::Name, false), 25, Cursor::Offset(0))
                    .await
                    .unwrap();
            assert!(!page.rows.is_empty(), "{label}: {text}");
            assert!(review::count(&mut conn, None, campaign, &filter).await.unwrap().n > 0);
        });
    }
    let filters = [
        (
            "one formation, Complet, by name",
            Filter { formation_id: Some(formation), status: Some("complet".into()), ..Filter::default() },
        ),
        (
            "favourable, awaiting the answer, by name",
            Filter {
                decision: Some(Some("favorable".into())),
                answer: Some(AnswerFilter::Awaited),
                ..Filter::default()
            },
        ),
        (
            "no decision yet, one formation, by name",
            Filter { formation_id: Some(formation + 3), decision: Some(None), ..Filter::default() },
        ),
        (
            "transmitted in one day, by name",
            Filter {
                transmitted_from: Some(1750000000 + middle * 60),
                transmitted_until: Some(1750000000 + middle * 60 + 86_400),
                ..Filter::default()
            },
        ),
    ];
    for (label, filter) in filters {
        measure!(results, backend, label, n, {
            let page =
                review::page(&mut conn, None, campaign, &filter, (SortColumn::Name, false), 25, Cursor::Offset(0))
                    .await
                    .unwrap();
            assert!(!page.rows.is_empty(), "{label}");
            assert!(review::count(&mut conn, None, campaign, &filter).await.unwrap().n > 0);
        });
    }
    measure!(results, backend, "total of the whole list", n, {
        assert_eq!(review::count(&mut conn, None, campaign, &Filter::default()).await.unwrap().n, n);
    });
    measure!(results, backend, "counts per formation (dashboard)", n, {
        assert_eq!(review::formation_counts(&mut conn, None, campaign).await.unwrap().len(), 10);
    });
    for (name, column) in [("transmission", SortColumn::Transmitted), ("nom", SortColumn::Name)] {
        measure!(results, backend, format!("previous / next by {name}"), n, {
            let (previous, next) =
                review::neighbours(&mut conn, None, campaign, &Filter::default(), (column, true), middle)
                    .await
                    .unwrap();
            assert!(previous.is_some() && next.is_some());
        });
        measure!(results, backend, format!("page in the middle by {name} (keyset)"), n, {
            let page =
                review::page(&mut conn, None, campaign, &Filter::default(), (column, false), 25, Cursor::After(middle))
                    .await
                    .unwrap();
            assert_eq!(page.rows.len(), 25);
        });
    }
}

fn sizes() -> Vec<i64> {
    std::env::var("SESAME_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,100000,1000000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("SESAME_BENCH_SIZES: numbers separated by commas"))
        .collect()
}

#[tokio::main]
async fn main() {
    let postgres = std::env::var("SESAME_BENCH_PG_URL").ok();
    let sizes = sizes();
    let mut results = Results::new();
    for &n in &sizes {
        let (state, dir) = support::state(&format!("review{n}")).await;
        bench(&mut results, "SQLite", &state, n).await;
        drop(state);
        let _ = std::fs::remove_dir_all(dir);
        if let Some(admin) = &postgres {
            let (state, dir, db) = support::postgres_state(admin, &format!("review{n}")).await;
            bench(&mut results, "PostgreSQL", &state, n).await;
            state.db.pool.close().await;
            support::drop_postgres(admin, &db).await;
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    println!("\nHow each case grows: p99 in ms at each size, and p50 as a multiple of the first size's");
    for ((backend, label), by_size) in &results {
        let base = by_size.get(&sizes[0]).map(|(p50, _)| *p50).unwrap_or(f64::NAN);
        let cells = by_size
            .iter()
            .map(|(n, (p50, p99))| format!("{n}: p99 {p99:.2} ms, ×{:.1}", p50 / base))
            .collect::<Vec<_>>()
            .join(" | ");
        println!("  {backend:<10} {label:<45} {cells}");
    }
}
