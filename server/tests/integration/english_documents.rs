//! Issue 17, on SQLite and PostgreSQL: a candidate who chose English gets
//! their documents in English (the admission letter, the dossier PDF, "my
//! data" as JSON and PDF), a French candidate's stay French; staff see each
//! candidate's language in the exports; countries are searched and named
//! in the page's language.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

use crate::answers::decided;
use crate::review::{staff_member, transmitted, world};
use crate::support::TestApp;
use app::domain::language::Language;
use app::domain::lookup::Suggestion;
use app::domain::review::StaffRole;

/// The candidate's id, their language set as the switch keeps it, and
/// their nationality made German (a country whose name differs in
/// French and English).
async fn speaks(app: &TestApp, email: &str, language: Language) {
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM candidates WHERE email = $1")
        .bind(email)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    app::server::store::accounts::set_language(&mut conn, id, language).await.unwrap();
    sqlx::query("UPDATE dossier_identity SET nationalite = 'DE' WHERE candidate_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .unwrap();
}

/// A GET's status and body as bytes (a workbook is no text).
async fn bytes(app: &TestApp, path: &str, cookie: &str) -> (StatusCode, Vec<u8>) {
    let request = Request::get(path).header("cookie", cookie).body(Body::empty()).unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    (status, axum::body::to_bytes(response.into_body(), 1 << 24).await.unwrap().to_vec())
}

/// A file of a zip archive (an XLSX), found through its central directory.
fn unzipped(archive: &[u8], name: &str) -> Vec<u8> {
    use std::io::Read;
    let u16_at = |at: usize| u16::from_le_bytes([archive[at], archive[at + 1]]) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(archive[at..at + 4].try_into().unwrap()) as usize;
    let end = archive.windows(4).rposition(|w| w == b"PK\x05\x06").expect("an end of central directory");
    let mut entry = u32_at(end + 16);
    for _ in 0..u16_at(end + 10) {
        assert_eq!(&archive[entry..entry + 4], b"PK\x01\x02");
        let (method, size) = (u16_at(entry + 10), u32_at(entry + 20));
        let (name_len, extra_len, comment_len) = (u16_at(entry + 28), u16_at(entry + 30), u16_at(entry + 32));
        let local = u32_at(entry + 42);
        if &archive[entry + 46..entry + 46 + name_len] == name.as_bytes() {
            let data = local + 30 + u16_at(local + 26) + u16_at(local + 28);
            let stored = &archive[data..data + size];
            return match method {
                0 => stored.to_vec(),
                8 => {
                    let mut out = Vec::new();
                    flate2::read::DeflateDecoder::new(stored).read_to_end(&mut out).unwrap();
                    out
                }
                other => panic!("compression method {other}"),
            };
        }
        entry += 46 + name_len + extra_len + comment_len;
    }
    panic!("no {name} in the archive")
}

on_both_databases!(documents_speak_the_candidates_language, |app: TestApp| async move {
    let w = world(&app).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let (fr_me, fr_id) = transmitted(&app, &w, "lea@example.fr", "MARTIN").await;
    let (en_me, en_id) = transmitted(&app, &w, "john@example.org", "SMITH").await;
    speaks(&app, "lea@example.fr", Language::Fr).await;
    speaks(&app, "john@example.org", Language::En).await;
    for id in [fr_id, en_id] {
        decided(&app, &gest, &w, id, &[("decision", "favorable")]).await;
    }

    // The admission letter. (PDF text is WinAnsi: read as UTF-8, only its
    // ASCII survives, so the checks are ASCII words.)
    let letter = app.get(&format!("/fichiers/candidature/{en_id}/lettre-admission"), Some(&en_me)).await;
    assert_eq!(letter.status, StatusCode::OK);
    assert!(letter.body.starts_with("%PDF"));
    for words in
        ["Admission letter", "15 June 2026", "To: Ms", "born on 3 July 2004", "Subject: admission to", "FORMATION A"]
    {
        assert!(letter.body.contains(words), "the English letter says {words}");
    }
    for words in ["Lettre d'admission", "Destinataire", "15/06/2026", "Objet"] {
        assert!(!letter.body.contains(words), "the English letter does not say {words}");
    }
    let lettre = app.get(&format!("/fichiers/candidature/{fr_id}/lettre-admission"), Some(&fr_me)).await;
    assert_eq!(lettre.status, StatusCode::OK);
    for words in ["Lettre d'admission", "15/06/2026", "Destinataire : Mme", "03/07/2004", "FORMATION A"] {
        assert!(lettre.body.contains(words), "the French letter says {words}");
    }
    for words in ["Admission letter", "June", "Subject"] {
        assert!(!lettre.body.contains(words), "the French letter does not say {words}");
    }

    // "Download my file": the cover in English, the country in English,
    // the pieces' labels as staff typed them; the pieces that could not be
    // joined (these test files are no real PDFs) said so in English. (The
    // text is wrapped in lines: the checks are words that start a line or
    // stand alone.)
    let (status, dossier) = bytes(&app, &format!("/fichiers/candidature/{en_id}/dossier"), &en_me).await;
    assert_eq!(status, StatusCode::OK);
    let dossier = String::from_utf8_lossy(&dossier);
    for words in [
        "Application file",
        "Personal details: Ms",
        "Germany",
        "Address: 1 rue de la Paix",
        "Supporting documents",
        "CURRICULUM VITAE: Accepted",
        "could not be included",
    ] {
        assert!(dossier.contains(words), "the English dossier says {words}");
    }
    for words in ["Dossier de candidature", "Allemagne", "Informations personnelles", "Adresse :"] {
        assert!(!dossier.contains(words), "the English dossier does not say {words}");
    }
    let (status, dossier) = bytes(&app, &format!("/fichiers/candidature/{fr_id}/dossier"), &fr_me).await;
    assert_eq!(status, StatusCode::OK);
    let dossier = String::from_utf8_lossy(&dossier);
    for words in ["Dossier de candidature", "nationalit", "Allemagne", "CURRICULUM VITAE : Valid", "Adresse : 1 rue"] {
        assert!(dossier.contains(words), "the French dossier says {words}");
    }
    for words in ["Application file", "Germany", "Supporting documents"] {
        assert!(!dossier.contains(words), "the French dossier does not say {words}");
    }

    // "My data": the JSON's keys stay, its values in words are English.
    let data: serde_json::Value =
        serde_json::from_str(&app.get("/fichiers/mes-donnees/json", Some(&en_me)).await.body).unwrap();
    assert_eq!(data["compte"]["langue"], "en");
    assert_eq!(data["dossier"]["identity"]["nationalite"], "Germany");
    assert_eq!(data["dossier"]["identity"]["pays_naissance"], "France");
    let application = &data["candidatures"][0];
    assert_eq!(application["statut"], "Complete");
    assert_eq!(application["decision"], "Offer of admission (main list)");
    assert_eq!(application["transmise_le"], "15 June 2026");
    assert_eq!(application["pieces"][0]["statut"], "Accepted");
    assert!(data["extrait_le"].as_str().unwrap().ends_with(" at 12:00"), "{}", data["extrait_le"]);
    let donnees: serde_json::Value =
        serde_json::from_str(&app.get("/fichiers/mes-donnees/json", Some(&fr_me)).await.body).unwrap();
    assert_eq!(donnees["compte"]["langue"], "fr");
    assert_eq!(donnees["dossier"]["identity"]["nationalite"], "Allemagne");
    assert_eq!(donnees["candidatures"][0]["statut"], "Complet");
    assert_eq!(donnees["candidatures"][0]["decision"], "Favorable (liste principale)");
    assert_eq!(donnees["candidatures"][0]["transmise_le"], "15/06/2026");
    assert_eq!(donnees["extrait_le"], "15/06/2026 à 12:00");
    let pdf = app.get("/fichiers/mes-donnees/pdf", Some(&en_me)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    for words in ["My data", "Account: login", "Germany", "Application:", "submitted", "June", "Emails sent:"] {
        assert!(pdf.body.contains(words), "the English data PDF says {words}");
    }
    assert!(!pdf.body.contains("Mes donn") && !pdf.body.contains("Compte :"));
    let pdf = app.get("/fichiers/mes-donnees/pdf", Some(&fr_me)).await;
    for words in
        ["Mes donn", "Compte : login", "Allemagne", "Candidature :", "transmise", "15/06/2026", "Courriels envoy"]
    {
        assert!(pdf.body.contains(words), "the French data PDF says {words}");
    }
    assert!(!pdf.body.contains("My data") && !pdf.body.contains("Germany"));

    // Staff read French, each candidate's language in its own column.
    let csv = app.get("/gestion/candidatures/export/csv?tri=nom", Some(&gest)).await;
    assert_eq!(csv.status, StatusCode::OK);
    let rows: Vec<&str> = csv.body.trim_start_matches('\u{feff}').trim_end().split("\r\n").collect();
    assert!(rows[0].ends_with(";Langue"), "{}", rows[0]);
    assert!(rows[1].starts_with("MARTIN;") && rows[1].ends_with(";Français"), "{}", rows[1]);
    assert!(rows[2].starts_with("SMITH;") && rows[2].ends_with(";English"), "{}", rows[2]);
    assert!(rows[2].contains(";Favorable (liste principale);"), "staff words stay French: {}", rows[2]);
    let (status, workbook) = bytes(&app, "/gestion/candidatures/export/xlsx?tri=nom", &gest).await;
    assert_eq!(status, StatusCode::OK);
    let strings = String::from_utf8(unzipped(&workbook, "xl/sharedStrings.xml")).unwrap();
    for words in ["<t>Langue</t>", "<t>Français</t>", "<t>English</t>"] {
        assert!(strings.contains(words), "the workbook has {words}: {strings}");
    }
    // The staff dossier stays French whatever the candidate's language.
    let staff_view = crate::review::detail(&app, &gest, en_id).await;
    assert!(staff_view.body.contains("Allemagne") && !staff_view.body.contains("Germany"), "{}", staff_view.body);
});

fn suggestions(reply: &crate::support::Reply) -> Vec<Suggestion> {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

on_both_databases!(countries_are_searched_and_named_in_the_pages_language, |app: TestApp| async move {
    let english = suggestions(&app.get("/api/reference/recherche?liste=pays&q=germ&langue=en", None).await);
    assert_eq!((english[0].code.as_str(), english[0].label.as_str()), ("DE", "Germany"));
    for french in
        ["/api/reference/recherche?liste=pays&q=allem", "/api/reference/recherche?liste=pays&q=allem&langue=fr"]
    {
        let found = suggestions(&app.get(french, None).await);
        assert_eq!((found[0].code.as_str(), found[0].label.as_str()), ("DE", "Allemagne"));
    }
    assert!(suggestions(&app.get("/api/reference/recherche?liste=pays&q=allem&langue=en", None).await).is_empty());
    assert!(suggestions(&app.get("/api/reference/recherche?liste=pays&q=germ&langue=fr", None).await).is_empty());
    // A language we do not have is French; communes keep their French names.
    let other = suggestions(&app.get("/api/reference/recherche?liste=pays&q=allem&langue=de", None).await);
    assert_eq!(other[0].label, "Allemagne");
    let communes =
        suggestions(&app.get("/api/reference/recherche?liste=communes&q=toulou&scope=31&langue=en", None).await);
    assert_eq!(communes[0].label, "Toulouse");
    let everything = suggestions(&app.get("/api/reference/recherche?liste=pays&q=&langue=en", None).await);
    assert_eq!(everything[0].label, "Afghanistan");
    assert!(everything.iter().any(|s| s.label == "Åland Islands"), "sorted by English name, accents aside");

    // The dossier's forms: the saved codes, their names in the page's language.
    let login = app.validated_account("john@example.org", "Abcdefgh1!").await;
    let me = app.sign_in(&login, "Abcdefgh1!").await.cookie.unwrap();
    crate::applications::complete_dossier(&app, &me).await;
    let page = |cookie: String| {
        let app = app.clone_for_test();
        async move {
            let reply = app.call("/api/dossier/informations-personnelles", &[], Some(&cookie)).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            serde_json::from_str::<app::views::dossier::IdentityPage>(&reply.body).unwrap()
        }
    };
    let in_english = page(format!("{me}; langue=en")).await;
    assert_eq!(in_english.form.nationalite, "FR", "the code is what is saved");
    assert!(in_english.countries.contains(&("DE".to_owned(), "Germany".to_owned())));
    let in_french = page(format!("{me}; langue=fr")).await;
    assert!(in_french.countries.contains(&("DE".to_owned(), "Allemagne".to_owned())));
});
