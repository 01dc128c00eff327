//! Issue 17, on SQLite and PostgreSQL: the candidate's pages rendered in
//! English carry the domain's words in English (bac mentions, kinds of
//! studies and their outcome, the formation's treatment and mode, a
//! default reason of a decision), and dates in words; official French terms
//! (séries, the French name in parentheses) stay. The same pages in French
//! are unchanged.

use axum::http::StatusCode;

use crate::answers::decided;
use crate::review::{staff_member, transmitted, world};
use crate::support::TestApp;
use app::domain::review::StaffRole;

/// A candidate's page, rendered on the server in `language`.
async fn page(app: &TestApp, path: &str, me: &str, language: &str) -> String {
    let reply = app.get(path, Some(&format!("{me}; langue={language}"))).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    assert!(
        reply.body.contains(&format!("<html lang=\"{language}\"")),
        "{path} in {language}: {}",
        &reply.body[..reply.body.len().min(300)]
    );
    reply.body
}

fn saved(reply: &crate::support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

on_both_databases!(candidate_pages_write_the_domains_words_in_english, |app: TestApp| async move {
    // 15 June 2026; the formation's date limite de retour is 1 July 2026.
    let w = world(&app).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let (me, id) = transmitted(&app, &w, "john@example.org", "SMITH").await;
    let bac = [
        ("situation", "oui"),
        ("annee", "2022"),
        ("serie", "STI2D"),
        ("mention", "TB"),
        ("pays", "FR"),
        ("departement", "31"),
        ("commune", "31555"),
        ("etablissement", "Lycee Pierre de Fermat"),
    ];
    let reply = app.call("/api/dossier/baccalaureat/enregistrer", &bac, Some(&me)).await;
    assert!(saved(&reply), "{}", reply.body);
    let year = [
        ("pays", "ES"),
        ("departement", ""),
        ("commune", ""),
        ("etablissement", "Universidad de Sevilla"),
        ("annee", "2026"),
        ("formation", "ETR"),
        ("libelle", "Grado en Biologia"),
        ("obtenu", "C"),
        ("mention", ""),
    ];
    let reply = app.call("/api/dossier/cursus/enregistrer", &year, Some(&me)).await;
    assert!(saved(&reply), "{}", reply.body);
    decided(&app, &gest, &w, id, &[("decision", "defavorable"), ("motif", "Capacité d'accueil atteinte")]).await;

    let en = page(&app, "/dossier/baccalaureat", &me, "en").await;
    assert!(en.contains("Very good (Très bien)"), "the mention in English, the French kept");
    assert!(en.contains("Pass (Passable)") && en.contains("Fairly good (Assez bien)"));
    assert!(en.contains("STI2D - Sciences et technologies"), "séries are official names");
    assert!(en.contains("Foreign qualification admitted as equivalent"));
    let fr = page(&app, "/dossier/baccalaureat", &me, "fr").await;
    assert!(fr.contains("Très bien") && !fr.contains("Very good") && !fr.contains("Foreign qualification"));

    let en = page(&app, "/dossier/cursus-externe", &me, "en").await;
    assert!(en.contains("Foreign diploma") && en.contains("In progress") && en.contains("Not obtained"));
    let fr = page(&app, "/dossier/cursus-externe", &me, "fr").await;
    assert!(fr.contains("Diplôme étranger") && fr.contains("En cours") && !fr.contains("Foreign diploma"));

    let en = page(&app, &format!("/candidatures/{id}"), &me, "en").await;
    assert!(en.contains("1 July 2026") && en.contains("15 June 2026"), "dates in words");
    assert!(!en.contains("01/07/2026") && !en.contains("15/06/2026"));
    assert!(en.contains("Selective admission (accès contrôlé)"));
    assert!(en.contains("All places are taken"), "a default reason in English");
    let fr = page(&app, &format!("/candidatures/{id}"), &me, "fr").await;
    assert!(fr.contains("01/07/2026") && fr.contains("15/06/2026") && !fr.contains("July"));
    assert!(!fr.contains("Selective admission") && !fr.contains("All places are taken"));

    let en = page(&app, "/candidatures", &me, "en").await;
    assert!(en.contains("1 July 2026") && !en.contains("01/07/2026"));
    assert!(en.contains("Selective admission (accès contrôlé)"));

    let en = page(&app, "/candidatures/offre", &me, "en").await;
    assert!(en.contains("1 June 2026") && en.contains("Online application (dossier dématérialisé)"));
    let fr = page(&app, "/candidatures/offre", &me, "fr").await;
    assert!(fr.contains("01/06/2026") && !fr.contains("Online application"));
});
