//! Benchmark (run with `cargo bench -p server --bench review_list`, not part
//! of the tests): the staff list of applications over 100,000 applications,
//! paged by the database, in SQLite and, when `SESAME_BENCH_PG_URL` names a
//! PostgreSQL database to create others from
//! (`postgres://postgres@127.0.0.1:5432/postgres`), in PostgreSQL too.
//!
//! Each case runs the real query (`store::review::list`: the count and one
//! page of 25), the dashboard's counts per formation
//! (`store::review::formation_counts`) and, for the review page, the
//! previous / next lookup (`store::review::neighbours`), 100 times; p50 and
//! p99 are printed, with the same over 1,000 applications for the ratio.

mod support;

use std::time::{Duration, Instant};

use app::server::store::review::{self, Filter, SortColumn};
use app::server::store::{campaigns, Conn};

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
    let candidates = if postgres {
        format!(
            "INSERT INTO candidates (campaign_id, login, nom, prenom, email, email_norm, password_hash, created_at, validated_at, activation_deadline)
             SELECT {campaign}, 'L' || lpad(i::text, 7, '0'), 'NOM' || lpad(((i * 7919) % 100000)::text, 5, '0'), 'Prénom', 'c' || i || '@example.fr',
                    'c' || i || '@example.fr', 'x', 0, 0, 0 FROM generate_series(1, {n}) AS i"
        )
    } else {
        format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})
             INSERT INTO candidates (campaign_id, login, nom, prenom, email, email_norm, password_hash, created_at, validated_at, activation_deadline)
             SELECT {campaign}, printf('L%07d', i), printf('NOM%05d', (i * 7919) % 100000), 'Prénom', printf('c%d@example.fr', i), printf('c%d@example.fr', i), 'x', 0, 0, 0 FROM n"
        )
    };
    sqlx::query(&candidates).execute(&mut *conn).await.unwrap();
    app::server::store::accounts::fill_search_keys(&mut *conn).await.unwrap();
    sqlx::query(&format!(
        "INSERT INTO applications (candidate_id, formation_id, created_at, status, transmitted_at, received_at)
         SELECT id, {first} + (id % 10), 1750000000, CASE id % 4 WHEN 0 THEN 'en_attente' WHEN 1 THEN 'receptionne' WHEN 2 THEN 'complet' ELSE 'incomplet' END,
                CASE WHEN id % 4 = 0 THEN NULL ELSE 1750000000 + id * 60 END, CASE WHEN id % 4 = 0 THEN NULL ELSE 1750000000 + id * 60 END
         FROM candidates"
    ))
    .execute(&mut *conn)
    .await
    .unwrap();
    // Fresh statistics, as autovacuum gives a live PostgreSQL database.
    // SQLite gathers none unless told (`ANALYZE`), and with them it chose a
    // slower plan for the list (≈ 6× on page 1 at 100,000 rows): measured
    // as deployed, without.
    if postgres {
        sqlx::query("ANALYZE").execute(&mut *conn).await.unwrap();
    }
    (campaign, first)
}

/// p50 and p99 of the samples.
fn summary(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)].as_secs_f64() * 1e3;
    (at(0.50), at(0.99))
}

const SAMPLES: usize = 100;

/// Runs `$body` (which may `.await`) `SAMPLES` times and prints p50 and p99.
macro_rules! measure {
    ($label:expr, $n:expr, $body:expr) => {{
        let mut samples = Vec::with_capacity(SAMPLES);
        for _ in 0..SAMPLES {
            let start = Instant::now();
            $body;
            samples.push(start.elapsed());
        }
        let (p50, p99) = summary(samples);
        println!("  {:>6} | {}: p50 {p50:.1} ms, p99 {p99:.1} ms", $n, $label);
    }};
}

async fn bench(backend: &str, state: &app::server::AppState, n: i64) {
    let mut conn = state.db.pool.acquire().await.unwrap();
    let seeded = Instant::now();
    let (campaign, formation) = seed(&mut conn, backend == "PostgreSQL", n).await;
    println!("{backend}: {n} applications seeded in {:.1} s", seeded.elapsed().as_secs_f64());
    let cases: Vec<(&str, Filter, (SortColumn, bool))> = vec![
        ("list page 1, newest transmissions first", Filter::default(), (SortColumn::Transmitted, true)),
        ("list by name", Filter::default(), (SortColumn::Name, false)),
        (
            "list one formation, Complet",
            Filter { formation_id: Some(formation), status: Some("complet".into()), ..Filter::default() },
            (SortColumn::Transmitted, false),
        ),
        (
            "list search an address",
            Filter { search: Some("c42@".into()), ..Filter::default() },
            (SortColumn::Name, false),
        ),
    ];
    for (what, filter, sort) in cases {
        measure!(what, n, {
            let (rows, total) = review::list(&mut conn, None, campaign, &filter, sort, (25, 0)).await.unwrap();
            assert!(total > 0 && !rows.is_empty());
        });
    }
    measure!("counts per formation (dashboard)", n, {
        assert_eq!(review::formation_counts(&mut conn, None, campaign).await.unwrap().len(), 10);
    });
    let middle = n / 2;
    measure!("previous / next on the review page", n, {
        review::neighbours(&mut conn, None, campaign, &Filter::default(), (SortColumn::Transmitted, true), middle)
            .await
            .unwrap();
    });
}

#[tokio::main]
async fn main() {
    let postgres = std::env::var("SESAME_BENCH_PG_URL").ok();
    for n in [1_000i64, 100_000] {
        let (state, dir) = support::state(&format!("review{n}")).await;
        bench("SQLite", &state, n).await;
        drop(state);
        let _ = std::fs::remove_dir_all(dir);
        if let Some(admin) = &postgres {
            let (state, dir, db) = support::postgres_state(admin, &format!("review{n}")).await;
            bench("PostgreSQL", &state, n).await;
            state.db.pool.close().await;
            support::drop_postgres(admin, &db).await;
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
