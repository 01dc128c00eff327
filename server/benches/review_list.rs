//! Benchmark (run with `cargo bench -p server --bench review_list`, not part
//! of the tests): the staff list of applications over 100,000 applications
//! in SQLite, paged by the database.
//!
//! Each case runs the real query (`store::review::list`: the count and one
//! page of 25) and, for the review page, the previous / next lookup
//! (`store::review::neighbours`), 30 times; p50 and max are printed, with
//! the same over 1,000 applications for the ratio.

mod support;

use std::time::{Duration, Instant};

use app::server::store::review::{self, Filter, SortColumn};
use app::server::store::{campaigns, Conn};

async fn seed(conn: &mut Conn, n: i64) -> (i64, i64) {
    let campaign = campaigns::ensure_campaign(&mut *conn, "BENCH", "Campagne de mesure", "2026/2027", 0).await.unwrap();
    let centre = campaigns::ensure_centre(&mut *conn, campaign, "CENTRE", "", "").await.unwrap();
    let mut formations = Vec::new();
    for i in 0..10 {
        let title = format!("FORMATION {i}");
        let f = campaigns::NewFormation { centre_id: centre, title: &title, keywords: "", window_start: "2026-01-01", window_end: "2026-12-31", return_deadline: "2026-12-31", capacity: 100 };
        formations.push(campaigns::ensure_formation(&mut *conn, &f).await.unwrap());
    }
    let first = formations[0];
    sqlx::query(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})
         INSERT INTO candidates (campaign_id, login, nom, prenom, email, email_norm, password_hash, created_at, validated_at, activation_deadline)
         SELECT {campaign}, printf('L%07d', i), printf('NOM%05d', (i * 7919) % 100000), 'Prénom', printf('c%d@example.fr', i), printf('c%d@example.fr', i), 'x', 0, 0, 0 FROM n"
    ))
    .execute(&mut *conn)
    .await
    .unwrap();
    sqlx::query(&format!(
        "INSERT INTO applications (candidate_id, formation_id, created_at, status, transmitted_at, received_at)
         SELECT id, {first} + (id % 10), 1750000000, CASE id % 4 WHEN 0 THEN 'en_attente' WHEN 1 THEN 'receptionne' WHEN 2 THEN 'complet' ELSE 'incomplet' END,
                CASE WHEN id % 4 = 0 THEN NULL ELSE 1750000000 + id * 60 END, CASE WHEN id % 4 = 0 THEN NULL ELSE 1750000000 + id * 60 END
         FROM candidates"
    ))
    .execute(&mut *conn)
    .await
    .unwrap();
    (campaign, first)
}

/// p50 and max of 30 samples.
fn summary(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (samples[samples.len() / 2], *samples.last().unwrap())
}

#[tokio::main]
async fn main() {
    for n in [1_000i64, 100_000] {
        let (state, dir) = support::state(&format!("review{n}")).await;
        let mut conn = state.db.pool.acquire().await.unwrap();
        let seeded = Instant::now();
        let (campaign, formation) = seed(&mut conn, n).await;
        println!("{n} applications seeded in {:.1} s", seeded.elapsed().as_secs_f64());
        let cases: Vec<(&str, Filter, (SortColumn, bool))> = vec![
            ("page 1, newest transmissions first", Filter::default(), (SortColumn::Transmitted, true)),
            ("by name", Filter::default(), (SortColumn::Name, false)),
            ("one formation, Complet", Filter { formation_id: Some(formation), status: Some("complet".into()), ..Filter::default() }, (SortColumn::Transmitted, false)),
            ("search an address", Filter { search: Some("c42@".into()), ..Filter::default() }, (SortColumn::Name, false)),
        ];
        for (what, filter, sort) in cases {
            let mut samples = Vec::new();
            for _ in 0..30 {
                let start = Instant::now();
                let (rows, total) = review::list(&mut conn, None, campaign, &filter, sort, (25, 0)).await.unwrap();
                samples.push(start.elapsed());
                assert!(total > 0 && !rows.is_empty());
            }
            let (p50, max) = summary(samples);
            println!("  {n:>6} | list {what}: p50 {:.1} ms, max {:.1} ms", p50.as_secs_f64() * 1e3, max.as_secs_f64() * 1e3);
        }
        let middle = n / 2;
        let mut samples = Vec::new();
        for _ in 0..30 {
            let start = Instant::now();
            review::neighbours(&mut conn, None, campaign, &Filter::default(), (SortColumn::Transmitted, true), middle).await.unwrap();
            samples.push(start.elapsed());
        }
        let (p50, max) = summary(samples);
        println!("  {n:>6} | previous / next on the review page: p50 {:.1} ms, max {:.1} ms", p50.as_secs_f64() * 1e3, max.as_secs_f64() * 1e3);
        drop(conn);
        let _ = std::fs::remove_dir_all(dir);
    }
}
