//! The type-ahead's server side: `GET /api/reference/recherche`, public,
//! answering JSON suggestions; malformed requests get a 4xx, never a panic.

use axum::http::StatusCode;

use crate::support::TestApp;
use app::domain::lookup::Suggestion;

fn suggestions(body: &str) -> Vec<Suggestion> {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

on_both_databases!(communes_and_countries_are_suggested_as_typed, |app: TestApp| async move {
    let reply = app.get("/api/reference/recherche?liste=communes&q=toulou&scope=31", None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let found = suggestions(&reply.body);
    assert_eq!(found[0].code, "31555");
    assert_eq!(found[0].label, "Toulouse");
    assert!(found[0].detail.contains("31000") && found[0].detail.contains("Haute-Garonne"), "{}", found[0].detail);

    let everywhere = suggestions(&app.get("/api/reference/recherche?liste=communes&q=st%20etienne", None).await.body);
    assert_eq!(everywhere[0].label, "Saint-Étienne");
    assert!(everywhere.len() <= app::views::reference::SUGGESTIONS);

    let countries = suggestions(&app.get("/api/reference/recherche?liste=pays&q=maroc", None).await.body);
    assert_eq!(countries[0].code, "MA");
    let none = suggestions(&app.get("/api/reference/recherche?liste=communes&q=zzzzqq", None).await.body);
    assert!(none.is_empty());
});

on_both_databases!(malformed_lookups_are_refused_cleanly, |app: TestApp| async move {
    assert_eq!(app.get("/api/reference/recherche?liste=inconnue&q=a", None).await.status, StatusCode::NOT_FOUND);
    assert!(app.get("/api/reference/recherche", None).await.status.is_client_error());
    let long = format!("/api/reference/recherche?liste=communes&q={}", "a".repeat(5000));
    assert_eq!(app.get(&long, None).await.status, StatusCode::OK);
    assert!(!app.get("/api/reference/recherche?liste=communes&q=%FF%FE", None).await.status.is_server_error());
});

on_both_databases!(establishments_are_suggested_within_the_chosen_commune, |app: TestApp| async move {
    use app::server::store::establishments::upsert;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    upsert(&mut conn, "0310036W", "Lycée Pierre de Fermat", "31555", "Lycée").await.unwrap();
    upsert(&mut conn, "0310038Y", "Lycée Saint-Sernin", "31555", "Lycée").await.unwrap();
    upsert(&mut conn, "0690026D", "Lycée du Parc", "69123", "Lycée").await.unwrap();
    // Importing again updates, never duplicates.
    upsert(&mut conn, "0310036W", "Lycée Pierre-de-Fermat", "31555", "Lycée").await.unwrap();
    drop(conn);
    let found =
        suggestions(&app.get("/api/reference/recherche?liste=etablissements&q=fermat&scope=31555", None).await.body);
    assert_eq!(found.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(), ["Lycée Pierre-de-Fermat"]);
    let st = suggestions(
        &app.get("/api/reference/recherche?liste=etablissements&q=st%20sernin&scope=31555", None).await.body,
    );
    assert_eq!(st[0].label, "Lycée Saint-Sernin");
    let all = suggestions(&app.get("/api/reference/recherche?liste=etablissements&q=&scope=31555", None).await.body);
    assert_eq!(all.len(), 2, "a commune's establishments, none from elsewhere");
    assert!(
        suggestions(&app.get("/api/reference/recherche?liste=etablissements&q=parc", None).await.body).is_empty(),
        "no commune, no list"
    );
    assert!(suggestions(
        &app.get("/api/reference/recherche?liste=etablissements&q=100%25_%27&scope=31555", None).await.body
    )
    .is_empty());
    assert_eq!(app.count("establishments").await, 3);
});
