//! The staff list at scale (issue 14, migration 0022): the counts the
//! database keeps beside the applications, the keyset pages, the bounded
//! total and the search through its index, checked against plain queries
//! that read every row, on both databases.

use app::domain::confirmation::AnswerFilter;
use app::server::store::review::{self, Cursor, Filter, SortColumn, COUNT_CAP};
use app::server::store::{accounts, campaigns, dossier, Conn};

use crate::support::TestApp;

/// Names with the traps of a sort: the same name twice, case and accents.
const NAMES: [(&str, &str); 8] = [
    ("Martin", "Léa"),
    ("MARTIN", "Paul"),
    ("martin", "Léa"),
    ("Durand", "Zoé"),
    ("Élie", "Ana"),
    ("N'Diaye", "Moussa"),
    ("Le Bihan", "Erwan"),
    ("Zola", "Émile"),
];

const STATUSES: [&str; 4] = ["en_attente", "receptionne", "complet", "incomplet"];

struct World {
    campaign: i64,
    /// Two formations in centre A, one in centre B.
    formations: [i64; 3],
    centre_a: i64,
    applications: Vec<i64>,
}

async fn formation(conn: &mut Conn, centre: i64, title: &str) -> i64 {
    let f = campaigns::NewFormation {
        centre_id: centre,
        title,
        keywords: "",
        window_start: "2026-01-01",
        window_end: "2026-12-31",
        return_deadline: "2026-12-31",
        capacity: 10,
    };
    campaigns::ensure_formation(conn, &f).await.unwrap()
}

/// `n` candidates (names from `NAMES`, an INE for one in three) with one
/// or two applications each, in every status, some decided.
async fn world(app: &TestApp, n: i64) -> World {
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let campaign =
        campaigns::ensure_campaign(&mut conn, "LISTE", "Campagne de la liste", "2026/2027", 0).await.unwrap();
    let centre_a = campaigns::ensure_centre(&mut conn, campaign, "CENTRE A", "", "").await.unwrap();
    let centre_b = campaigns::ensure_centre(&mut conn, campaign, "CENTRE B", "", "").await.unwrap();
    let formations = [
        formation(&mut conn, centre_a, "LICENCE").await,
        formation(&mut conn, centre_a, "MASTER").await,
        formation(&mut conn, centre_b, "DOCTORAT").await,
    ];
    let mut applications = Vec::new();
    for i in 0..n {
        let (nom, prenom) = NAMES[(i as usize * 5) % NAMES.len()];
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO candidates (campaign_id, login, nom, prenom, email, email_norm, password_hash, created_at, validated_at, activation_deadline)
             VALUES ($1, $2, $3, $4, $5, $5, 'x', 0, 0, 0) RETURNING id",
        )
        .bind(campaign)
        .bind(format!("L{i:07}"))
        .bind(nom)
        .bind(prenom)
        .bind(format!("c{i}@liste.example"))
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        let wanted = if i % 2 == 0 { 2 } else { 1 };
        for j in 0..wanted {
            let status = STATUSES[((i + j) % 4) as usize];
            let decision = match i % 5 {
                0 if status == "complet" => Some("favorable"),
                1 if status == "complet" => Some("liste_complementaire"),
                _ => None,
            };
            let transmitted = (status != "en_attente").then_some(1_750_000_000 + (i % 7) * 3600);
            let a: i64 = sqlx::query_scalar(
                "INSERT INTO applications (candidate_id, formation_id, created_at, status, transmitted_at, decision, decision_rank)
                 VALUES ($1, $2, 0, $3, $4, $5, $6) RETURNING id",
            )
            .bind(id)
            .bind(formations[((i + j) % 3) as usize])
            .bind(status)
            .bind(transmitted)
            .bind(decision)
            .bind((decision == Some("liste_complementaire")).then_some(i % 3))
            .fetch_one(&mut *conn)
            .await
            .unwrap();
            applications.push(a);
        }
    }
    accounts::fill_search_keys(&mut conn).await.unwrap();
    // The INE goes through the store, as the dossier writes it: the search
    // key and the sort follow.
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM candidates WHERE campaign_id = $1 ORDER BY id")
        .bind(campaign)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    for (i, id) in ids.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        dossier::put_ine(&mut conn, *id, campaign, Some(&format!("{:09}K{}", 900_000 + i, i % 10)), 0).await.unwrap();
    }
    World { campaign, formations, centre_a, applications }
}

/// The counts by formation, status, decision and answer, as a query that
/// reads every application would give them.
async fn fresh_counts(conn: &mut Conn, campaign: i64) -> Vec<(i64, String, String, String, i64)> {
    let mut rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT a.formation_id, a.status, COALESCE(a.decision, '') AS decision,
                CASE WHEN a.withdrawn_at IS NOT NULL THEN 'desiste' WHEN a.confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END AS answer,
                COUNT(*) AS n
         FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id
         WHERE a.cancelled_at IS NULL AND c.campaign_id = $1
         GROUP BY a.formation_id, a.status, COALESCE(a.decision, ''),
                  CASE WHEN a.withdrawn_at IS NOT NULL THEN 'desiste' WHEN a.confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END
",
    )
    .bind(campaign)
    .fetch_all(conn)
    .await
    .unwrap();
    rows.sort();
    rows
}

async fn kept_counts(conn: &mut Conn, campaign: i64) -> Vec<(i64, String, String, String, i64)> {
    let mut out: Vec<(i64, String, String, String, i64)> = review::formation_counts(conn, None, campaign)
        .await
        .unwrap()
        .into_iter()
        .flat_map(|f| f.groups.into_iter().map(move |(s, d, a, n)| (f.formation_id, s, d, a, n)))
        .collect();
    out.sort();
    out
}

on_both_databases!(the_kept_counts_follow_every_change, |app: TestApp| async move {
    let w = world(&app, 40).await;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    assert_eq!(kept_counts(&mut conn, w.campaign).await, fresh_counts(&mut conn, w.campaign).await);
    // Every kind of change an application goes through, and some it never
    // should, row by row and in bulk.
    let changes = [
        "UPDATE applications SET status = 'complet' WHERE id % 3 = 0",
        "UPDATE applications SET decision = 'favorable' WHERE status = 'complet' AND id % 2 = 0",
        "UPDATE applications SET confirmed_at = 5 WHERE decision = 'favorable' AND id % 4 = 0",
        "UPDATE applications SET withdrawn_at = 6 WHERE decision = 'favorable' AND id % 8 = 2",
        "UPDATE applications SET cancelled_at = 7 WHERE id % 7 = 0",
        "UPDATE applications SET cancelled_at = NULL WHERE id % 14 = 0",
        "UPDATE applications SET version = version + 1",
        "UPDATE applications SET status = status, decision = decision",
        "UPDATE applications SET decision = NULL, confirmed_at = NULL, withdrawn_at = NULL WHERE id % 5 = 1",
    ];
    for sql in changes {
        sqlx::query(sql).execute(&mut *conn).await.unwrap();
        assert_eq!(kept_counts(&mut conn, w.campaign).await, fresh_counts(&mut conn, w.campaign).await, "after {sql}");
    }
    // An application moved to another formation, an account deleted (its
    // applications go with it), and a new application.
    sqlx::query("UPDATE applications SET formation_id = $1 WHERE id = $2")
        .bind(w.formations[0])
        .bind(w.applications[2])
        .execute(&mut *conn)
        .await
        .unwrap();
    let candidate: i64 = sqlx::query_scalar("SELECT candidate_id FROM applications WHERE id = $1")
        .bind(w.applications[0])
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    sqlx::query("DELETE FROM candidates WHERE id = $1").bind(candidate).execute(&mut *conn).await.unwrap();
    sqlx::query("INSERT INTO applications (candidate_id, formation_id, created_at, status) SELECT MIN(id), $1, 0, 'en_attente' FROM candidates WHERE campaign_id = $2")
        .bind(w.formations[2])
        .bind(w.campaign)
        .execute(&mut *conn)
        .await
        .unwrap();
    assert_eq!(kept_counts(&mut conn, w.campaign).await, fresh_counts(&mut conn, w.campaign).await);
    // Twenty transactions moving applications between the same groups in
    // both directions at once: none deadlocks, the counts hold.
    let moves = futures::future::join_all((0..20).map(|i| {
        let pool = app.state.db.pool.clone();
        let id = w.applications[i % w.applications.len()];
        async move {
            let (from, to) = if i % 2 == 0 { ("complet", "incomplet") } else { ("incomplet", "complet") };
            let mut tx = pool.begin().await.unwrap();
            sqlx::query("UPDATE applications SET status = $1 WHERE id = $2 AND status = $3")
                .bind(to)
                .bind(id)
                .bind(from)
                .execute(&mut *tx)
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
    }))
    .await;
    assert_eq!(moves.len(), 20);
    assert_eq!(kept_counts(&mut conn, w.campaign).await, fresh_counts(&mut conn, w.campaign).await);
});

/// The whole filtered list in one read.
async fn everything(
    conn: &mut Conn,
    scope: Option<i64>,
    campaign: i64,
    filter: &Filter,
    sort: (SortColumn, bool),
) -> Vec<i64> {
    let page = review::page(conn, scope, campaign, filter, sort, 100_000, Cursor::Offset(0)).await.unwrap();
    assert!(!page.more);
    page.rows.iter().map(|r| r.id).collect()
}

const SORTS: [SortColumn; 7] = [
    SortColumn::Transmitted,
    SortColumn::Name,
    SortColumn::Login,
    SortColumn::Ine,
    SortColumn::Formation,
    SortColumn::Status,
    SortColumn::Decision,
];

on_both_databases!(keyset_pages_walk_the_same_list_both_ways, |app: TestApp| async move {
    let w = world(&app, 30).await;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let filters = [
        Filter::default(),
        Filter { formation_id: Some(w.formations[1]), ..Filter::default() },
        Filter { status: Some("complet".into()), decision: Some(None), ..Filter::default() },
        Filter { answer: Some(AnswerFilter::Awaited), ..Filter::default() },
    ];
    for filter in &filters {
        for column in SORTS {
            for descending in [false, true] {
                let sort = (column, descending);
                let all = everything(&mut conn, None, w.campaign, filter, sort).await;
                // Forwards, seven at a time from page 1, then backwards from the last page.
                let mut walked: Vec<i64> = Vec::new();
                let mut cursor = Cursor::Offset(0);
                let last_page: Vec<i64> = loop {
                    let page = review::page(&mut conn, None, w.campaign, filter, sort, 7, cursor).await.unwrap();
                    let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
                    walked.extend(&ids);
                    if !page.more {
                        break ids;
                    }
                    cursor = Cursor::After(*ids.last().unwrap());
                };
                assert_eq!(walked, all, "forwards, {sort:?}, {filter:?}");
                let mut back: Vec<i64> = last_page.clone();
                while let Some(first) = back.first().copied() {
                    let page = review::page(&mut conn, None, w.campaign, filter, sort, 7, Cursor::Before(first))
                        .await
                        .unwrap();
                    let mut ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
                    assert_eq!(page.more, ids.len() == 7 && all.first() != ids.first(), "{sort:?}");
                    if ids.is_empty() {
                        break;
                    }
                    ids.extend(back);
                    back = ids;
                }
                assert_eq!(back, all, "backwards, {sort:?}, {filter:?}");
                // Previous / next of each row are its neighbours in the list.
                for (i, id) in all.iter().enumerate() {
                    let (previous, next) =
                        review::neighbours(&mut conn, None, w.campaign, filter, sort, *id).await.unwrap();
                    assert_eq!(previous, i.checked_sub(1).map(|p| all[p]), "{sort:?}");
                    assert_eq!(next, all.get(i + 1).copied(), "{sort:?}");
                }
                // And an offset gives the same page as the keyset.
                if all.len() > 10 {
                    let page =
                        review::page(&mut conn, None, w.campaign, filter, sort, 3, Cursor::Offset(4)).await.unwrap();
                    assert_eq!(page.rows.iter().map(|r| r.id).collect::<Vec<_>>(), all[4..7].to_vec());
                }
            }
        }
    }
});

on_both_databases!(a_cursor_outside_the_scope_reads_nothing, |app: TestApp| async move {
    let w = world(&app, 12).await;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let staff: i64 = sqlx::query_scalar(
        "INSERT INTO staff (email, email_norm, display_name, role, password_hash, created_at) VALUES ('g@liste.test', 'g@liste.test', 'G', 'gestionnaire', 'x', 0) RETURNING id",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    review::assign_centre(&mut conn, staff, w.centre_a).await.unwrap();
    let mine = everything(&mut conn, Some(staff), w.campaign, &Filter::default(), (SortColumn::Name, false)).await;
    let all = everything(&mut conn, None, w.campaign, &Filter::default(), (SortColumn::Name, false)).await;
    assert!(!mine.is_empty() && mine.len() < all.len());
    let foreign = all.iter().find(|id| !mine.contains(id)).copied().unwrap();
    for cursor in [Cursor::After(foreign), Cursor::Before(foreign), Cursor::After(i64::MAX)] {
        let page =
            review::page(&mut conn, Some(staff), w.campaign, &Filter::default(), (SortColumn::Name, false), 25, cursor)
                .await
                .unwrap();
        assert!(page.rows.is_empty() && !page.more, "{cursor:?}");
    }
    assert_eq!(
        review::neighbours(&mut conn, Some(staff), w.campaign, &Filter::default(), (SortColumn::Name, false), foreign)
            .await
            .unwrap(),
        (None, None)
    );
    // Their total is their centre's.
    let total = review::count(&mut conn, Some(staff), w.campaign, &Filter::default()).await.unwrap();
    assert_eq!((total.n, total.exact), (mine.len() as i64, true));
});

on_both_databases!(the_search_finds_names_logins_addresses_and_ines, |app: TestApp| async move {
    let w = world(&app, 12).await;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let sort = (SortColumn::Name, false);
    let found = |q: &str| Filter { search: Some(q.to_owned()), ..Filter::default() };
    // The candidate's logins, once each (a candidate may have two applications).
    let logins = |rows: &[review::ListRow]| {
        let mut logins = rows.iter().map(|r| r.login.clone()).collect::<Vec<_>>();
        logins.dedup();
        logins
    };
    for (q, login) in [
        ("l0000007", "L0000007"),
        ("C7@LISTE", "L0000007"),
        // An INE written by the dossier, whole or in part, any case.
        ("000900006k6", "L0000006"),
        ("900006K", "L0000006"),
    ] {
        let page = review::page(&mut conn, None, w.campaign, &found(q), sort, 25, Cursor::Offset(0)).await.unwrap();
        assert_eq!(logins(&page.rows), vec![login], "{q}");
        let total = review::count(&mut conn, None, w.campaign, &found(q)).await.unwrap();
        assert_eq!(total, review::Total { n: page.rows.len() as i64, exact: true }, "{q}");
    }
    // Accents and case aside: "elie" finds Élie; "n diaye" finds N'Diaye.
    for (q, nom) in [("elie", "Élie"), ("n diaye", "N'Diaye"), ("MARTIN LEA", "Martin")] {
        let page = review::page(&mut conn, None, w.campaign, &found(q), sort, 25, Cursor::Offset(0)).await.unwrap();
        assert!(!page.rows.is_empty() && page.rows.iter().all(|r| r.nom.to_lowercase() == nom.to_lowercase()), "{q}");
    }
    // A changed INE is found by its new value only.
    let six: i64 =
        sqlx::query_scalar("SELECT id FROM candidates WHERE login = 'L0000006'").fetch_one(&mut *conn).await.unwrap();
    dossier::put_ine(&mut conn, six, w.campaign, Some("1234567890F"), 1).await.unwrap();
    assert!(review::page(&mut conn, None, w.campaign, &found("900006k"), sort, 25, Cursor::Offset(0))
        .await
        .unwrap()
        .rows
        .is_empty());
    let page =
        review::page(&mut conn, None, w.campaign, &found("34567890f"), sort, 25, Cursor::Offset(0)).await.unwrap();
    assert_eq!(logins(&page.rows), vec!["L0000006"]);
});

on_both_databases!(a_large_search_is_counted_up_to_a_bound, |app: TestApp| async move {
    let w = world(&app, 2).await;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    // COUNT_CAP + 50 more applications, written in one statement each.
    let series = if app.backend == app::server::db::Backend::Postgres {
        format!("generate_series(1, {}) AS n(i)", COUNT_CAP + 50)
    } else {
        format!(
            "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {}) SELECT i FROM n) AS n",
            COUNT_CAP + 50
        )
    };
    sqlx::query(&format!(
        "INSERT INTO candidates (campaign_id, login, nom, prenom, email, email_norm, password_hash, created_at, validated_at, activation_deadline, search_key)
         SELECT {}, 'M' || i, 'Masse', 'Test', 'm' || i || '@masse.example', 'm' || i || '@masse.example', 'x', 0, 0, 0, 'masse test m' || i || ' masse example' FROM {series}",
        w.campaign
    ))
    .execute(&mut *conn)
    .await
    .unwrap();
    sqlx::query("INSERT INTO applications (candidate_id, formation_id, created_at, status) SELECT id, $1, 0, 'en_attente' FROM candidates WHERE nom = 'Masse'")
        .bind(w.formations[0])
        .execute(&mut *conn)
        .await
        .unwrap();
    let masse = Filter { search: Some("masse".into()), ..Filter::default() };
    assert_eq!(
        review::count(&mut conn, None, w.campaign, &masse).await.unwrap(),
        review::Total { n: COUNT_CAP, exact: false }
    );
    // Without a search the counters give the exact total.
    let all = review::count(&mut conn, None, w.campaign, &Filter::default()).await.unwrap();
    assert_eq!(all, review::Total { n: COUNT_CAP + 50 + w.applications.len() as i64, exact: true });
    // A narrower search is exact again.
    let one = Filter { search: Some("m77 masse".into()), ..Filter::default() };
    assert_eq!(review::count(&mut conn, None, w.campaign, &one).await.unwrap(), review::Total { n: 1, exact: true });
});
