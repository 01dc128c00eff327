//! The university's student records and what the dossier does with what
//! the university gives (issue 15), on SQLite and PostgreSQL: the records
//! export imported whole or not at all, each bad line named; the sections
//! it and the directory (Debian's slapd) fill, read-only against crafted
//! posts; Cursus interne for the university's students only; staff seeing
//! where each section came from, on the review page and in the export.

use crate::support::{self, link_token, TestApp};
use crate::university::{back, candidate_service, cas_ticket, first_sign_in, sign_in_form, with_cas_and_directory};

use app::domain::review::StaffRole;
use app::domain::Problem;
use app::error::AppError;
use app::server::school_records::{import, ExportFormat, ImportError};
use app::server::store::school_records;
use app::views::dossier::{AddressPage, BacPage, IdentityPage, InternalCursusPage, Section, SectionKind};
use axum::http::StatusCode;

const EXPORT: &str = include_str!("../../../testservers/scolarite/export.csv");

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

async fn imported(app: &TestApp) {
    let report = import(&app.state, EXPORT, ExportFormat::Csv).await.expect("the test export imports");
    assert_eq!((report.lines, report.students), (4, 2));
}

/// A student of the university, account made through CAS and validated,
/// signed in through CAS: the session cookie.
async fn student(app: &TestApp, user: &str) -> String {
    let cookie = first_sign_in(app, user).await;
    let form = sign_in_form(app, &cookie).await;
    let sent = app
        .call("/api/universite/confirmer", &[("nom", ""), ("prenom", ""), ("email", &form.email)], Some(&cookie))
        .await;
    assert!(sent.status.is_success(), "{}", sent.body);
    let mails = app.mails_to(&form.email).await;
    let token = link_token(&mails[0].1, "/compte/valider/");
    assert!(ok(&app.call("/api/compte/valider", &[("token", &token)], None).await));
    let ticket = cas_ticket(&candidate_service(), user, crate::university::STUDENT_PASSWORD).await;
    back(app, "/cas/retour", &ticket).await.cookie.expect("a session")
}

fn refused_fields(reply: &support::Reply) -> Vec<(String, Problem)> {
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    match serde_json::from_str::<AppError>(&reply.body).unwrap() {
        AppError::Invalid(errors) => errors.0,
        other => panic!("{other:?}"),
    }
}

fn from_records(fields: &[&str]) -> Vec<(String, Problem)> {
    fields.iter().map(|f| (f.to_string(), Problem::FromSchoolRecords)).collect()
}

async fn page<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str, me: &str) -> T {
    let reply = app.call(path, &[], Some(me)).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

/// Informations personnelles as Léa sends them; `changes` replace fields.
fn identity<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = crate::dossier::identity("0612345678D");
    fields.retain(|(name, _)| !["nom_naissance", "date_naissance"].contains(name));
    fields.extend([("nom_naissance", "MARTIN"), ("date_naissance", "15/04/2003")]);
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        fields.push((name, value));
    }
    fields
}

const ADDRESS: [(&str, &str); 7] = [
    ("pays", "FR"),
    ("ligne1", "12 rue des Lilas"),
    ("ligne2", ""),
    ("ligne3", ""),
    ("code_postal", "31400"),
    ("commune", "31555"),
    ("ville", ""),
];

const BAC: [(&str, &str); 8] = [
    ("situation", "oui"),
    ("annee", "2021"),
    ("serie", "BG"),
    ("mention", "B"),
    ("pays", "FR"),
    ("departement", "31"),
    ("commune", "31555"),
    ("etablissement", "Lycée Pierre de Fermat"),
];

fn with<'a>(base: &[(&'a str, &'a str)], name: &'a str, value: &'a str) -> Vec<(&'a str, &'a str)> {
    base.iter().map(|&(n, v)| if n == name { (n, value) } else { (n, v) }).collect()
}

on_both_databases!(a_records_export_is_imported_whole_or_not_at_all, |app: TestApp| async move {
    imported(&app).await;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let lea = school_records::find(&mut conn, "21901234").await.unwrap().expect("Léa's record");
    assert_eq!(lea.ine.as_deref(), Some("0612345678D"));
    let bac = lea.bac.expect("her bac");
    assert_eq!((bac.annee.as_str(), bac.serie.as_str(), bac.mention.as_str()), ("2021", "BG", "B"));
    let years: Vec<&str> = lea.years.iter().map(|y| y.annee.as_str()).collect();
    assert_eq!(years, ["2021-2022", "2022-2023", "2023-2024"]);

    // JSON, the same names; a later import replaces what it names.
    let json = r#"[
        {"numero_etudiant": "21905678", "annee_universitaire": "2024-2025", "code_formation": "LHI1",
         "libelle_formation": "Licence Histoire 1re année", "resultat": "ADM"},
        {"numero_etudiant": "21905678", "annee_universitaire": "2025-2026", "code_formation": "LHI2",
         "libelle_formation": "Licence Histoire 2e année"}
    ]"#;
    let report = import(&app.state, json, ExportFormat::Json).await.unwrap();
    assert_eq!((report.lines, report.students), (2, 1));
    let camille = school_records::find(&mut conn, "21905678").await.unwrap().unwrap();
    assert_eq!(camille.years.len(), 2);
    assert_eq!(camille.years[0].resultat, "ADM", "the 2024-2025 year is now a success");
    assert_eq!(school_records::count(&mut conn).await.unwrap(), 2);

    // Good lines, then bad ones: each bad line named, nothing imported.
    let bad = "numero_etudiant;bac_annee;bac_serie;annee_universitaire;code_formation;libelle_formation\n\
               30000001;;;2024-2025;X1;Année 1\n\
               30000002;2021;S;2024-2025;X1;Année 1\n\
               ;;;2024-2025;X1;Année 1\n\
               30000001;;;2024-2025;X2;Doublon\n\
               30000003;;;2024-2026;X1;Année 1\n\
               21901234;;;2024-2025;LDR4;Master 1\n";
    let Err(ImportError::Lines(problems)) = import(&app.state, bad, ExportFormat::Csv).await else {
        panic!("the bad export was imported")
    };
    let named: Vec<String> = problems.iter().map(|p| p.split(" : ").next().unwrap().to_owned()).collect();
    assert_eq!(
        named,
        [
            "ligne 3, colonne bac_serie",
            "ligne 3, colonne bac_departement",
            "ligne 3, colonne bac_etablissement",
            "ligne 4, colonne numero_etudiant",
            "ligne 5, colonne annee_universitaire",
            "ligne 6, colonne annee_universitaire",
        ]
    );
    assert!(problems[0].contains("valeur inconnue"), "{}", problems[0]);
    assert_eq!(school_records::count(&mut conn).await.unwrap(), 2);
    assert!(school_records::find(&mut conn, "30000001").await.unwrap().is_none());
    let lea_after = school_records::find(&mut conn, "21901234").await.unwrap().unwrap();
    assert_eq!(lea_after.years.len(), 3, "the good line of a refused file changed nothing");

    // A file that is no export at all, an element that is no line.
    assert!(matches!(
        import(&app.state, "nom;prenom\nMartin;Léa\n", ExportFormat::Csv).await,
        Err(ImportError::File(_))
    ));
    assert!(matches!(import(&app.state, "{\"a\": 1}", ExportFormat::Json).await, Err(ImportError::File(_))));
    let Err(ImportError::Lines(problems)) =
        import(&app.state, r#"[{"numero_etudiant": "40000001"}, 12]"#, ExportFormat::Json).await
    else {
        panic!("a number is no line")
    };
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("ligne 2 : illisible"), "{}", problems[0]);
    assert_eq!(school_records::count(&mut conn).await.unwrap(), 2);
});

on_both_databases!(what_the_university_gives_fills_the_dossier_read_only, |app: TestApp| async move {
    imported(&app).await;
    let app = with_cas_and_directory(app, None);
    let me = student(&app, "etu.martin").await;

    // Informations personnelles: names, birth date and INE are the
    // university's; no INE pop-up.
    let id: IdentityPage = page(&app, "/api/dossier/informations-personnelles", &me).await;
    assert_eq!(id.sourced, ["nom_naissance", "prenom", "date_naissance", "ine"]);
    assert!(id.ine_answered);
    assert_eq!((id.form.ine.as_str(), id.form.date_naissance.as_str()), ("0612345678D", "15/04/2003"));
    // Crafted posts that change them are refused, field by field, and
    // change nothing: the pop-up's, then the form's.
    let popup = app.call("/api/dossier/ine", &[("ine", "1234567890V")], Some(&me)).await;
    assert_eq!(refused_fields(&popup), from_records(&["ine"]));
    let none = app.call("/api/dossier/ine", &[("ine", ""), ("sans_ine", "1")], Some(&me)).await;
    assert_eq!(refused_fields(&none), from_records(&["ine"]));
    let path = "/api/dossier/informations-personnelles/enregistrer";
    let changed = app
        .call(
            path,
            &identity(&[("ine", "1234567890V"), ("prenom", "Lea"), ("date_naissance", "01/01/2000")]),
            Some(&me),
        )
        .await;
    assert_eq!(refused_fields(&changed), from_records(&["prenom", "date_naissance", "ine"]));
    let mut fields = identity(&[]);
    fields.push(("sans_ine", "1"));
    assert_eq!(refused_fields(&app.call(path, &fields, Some(&me)).await), from_records(&["ine"]));
    assert_eq!(app.count("dossier_identity").await + app.count("dossier_ine").await, 0);
    // Case aside, the same values pass, and are saved as the university
    // writes them.
    let saved = app.call(path, &identity(&[("nom_naissance", "martin"), ("prenom", "LÉA")]), Some(&me)).await;
    assert!(ok(&saved), "{}", saved.body);
    let names: (String, String) = sqlx::query_as("SELECT nom_naissance, prenom FROM dossier_identity")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(names, ("MARTIN".to_owned(), "Léa".to_owned()));
    let ine: Option<String> =
        sqlx::query_scalar("SELECT ine FROM dossier_ine").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(ine.as_deref(), Some("0612345678D"));

    // Adresse from the directory, Baccalauréat from the records.
    let address: AddressPage = page(&app, "/api/dossier/adresse", &me).await;
    assert!(address.sourced);
    assert_eq!((address.form.ligne1.as_str(), address.form.commune.as_str()), ("12 rue des Lilas", "31555"));
    let path = "/api/dossier/adresse/enregistrer";
    let moved = app.call(path, &with(&ADDRESS, "ligne1", "1 rue Ailleurs"), Some(&me)).await;
    assert_eq!(refused_fields(&moved), from_records(&["ligne1"]));
    assert_eq!(app.count("dossier_address").await, 0);
    assert!(ok(&app.call(path, &ADDRESS, Some(&me)).await));
    let bac: BacPage = page(&app, "/api/dossier/baccalaureat", &me).await;
    assert!(bac.sourced);
    assert_eq!(bac.form.etablissement, "Lycée Pierre de Fermat");
    let path = "/api/dossier/baccalaureat/enregistrer";
    let better = app.call(path, &with(&BAC, "mention", "TB"), Some(&me)).await;
    assert_eq!(refused_fields(&better), from_records(&["mention"]));
    let without = app.call(path, &[("situation", "non")], Some(&me)).await;
    assert!(refused_fields(&without).contains(&("situation".to_owned(), Problem::FromSchoolRecords)));
    assert_eq!(app.count("dossier_bac").await, 0);
    assert!(ok(&app.call(path, &BAC, Some(&me)).await));

    // The checklist: complete, with Cursus interne and its three years.
    let sections: Vec<Section> = page(&app, "/api/dossier/sections", &me).await;
    assert!(sections.iter().all(|s| s.complete));
    let internal = sections.iter().find(|s| s.kind == SectionKind::InternalCursus).expect("Cursus interne");
    assert_eq!(internal.entries, Some(3));
    let years: InternalCursusPage = page(&app, "/api/dossier/cursus-interne", &me).await;
    assert_eq!(years.student_number, "21901234");
    assert_eq!(years.years.iter().map(|y| y.code.as_str()).collect::<Vec<_>>(), ["LDR1", "LDR2", "LDR3"]);

    // The records change (a corrected mention): the saved bac no longer
    // says what they say, so the section waits for a new confirmation.
    let corrected = EXPORT.replace(";BG;B;", ";BG;TB;");
    import(&app.state, &corrected, ExportFormat::Csv).await.unwrap();
    let sections: Vec<Section> = page(&app, "/api/dossier/sections", &me).await;
    let bac_section = sections.iter().find(|s| s.kind == SectionKind::Bac).unwrap();
    assert!(!bac_section.complete, "a bac the records no longer give is not complete");
    let bac: BacPage = page(&app, "/api/dossier/baccalaureat", &me).await;
    assert_eq!(bac.form.mention, "TB");
    assert!(ok(&app.call(path, &with(&BAC, "mention", "TB"), Some(&me)).await));
    let sections: Vec<Section> = page(&app, "/api/dossier/sections", &me).await;
    assert!(sections.iter().all(|s| s.complete));

    // An external candidate: no Cursus interne, nothing fixed.
    let login = app.validated_account("externe@example.fr", "Abcdefgh1!").await;
    let other = app.sign_in(&login, "Abcdefgh1!").await.cookie.unwrap();
    let sections: Vec<Section> = page(&app, "/api/dossier/sections", &other).await;
    assert!(sections.iter().all(|s| s.kind != SectionKind::InternalCursus));
    assert_eq!(app.call("/api/dossier/cursus-interne", &[], Some(&other)).await.status, StatusCode::NOT_FOUND);
    let id: IdentityPage = page(&app, "/api/dossier/informations-personnelles", &other).await;
    assert!(id.sourced.is_empty() && !id.ine_answered);
    let bac: BacPage = page(&app, "/api/dossier/baccalaureat", &other).await;
    assert!(!bac.sourced);

    // A student the records know without a bac: the bac is theirs to type.
    let camille = student(&app, "etu.dupont").await;
    let bac: BacPage = page(&app, "/api/dossier/baccalaureat", &camille).await;
    assert!(!bac.sourced);
    assert!(ok(&app.call(path, &[("situation", "non")], Some(&camille)).await));
    let years: InternalCursusPage = page(&app, "/api/dossier/cursus-interne", &camille).await;
    assert_eq!(years.years.len(), 1);
});

on_both_databases!(staff_see_where_each_section_came_from, |app: TestApp| async move {
    imported(&app).await;
    let w = crate::review::world(&app).await;
    let app = with_cas_and_directory(app, None);
    let me = student(&app, "etu.martin").await;
    for (path, fields) in [
        ("/api/dossier/informations-personnelles/enregistrer", identity(&[])),
        ("/api/dossier/adresse/enregistrer", ADDRESS.to_vec()),
        ("/api/dossier/baccalaureat/enregistrer", BAC.to_vec()),
    ] {
        let reply = app.call(path, &fields, Some(&me)).await;
        assert!(ok(&reply), "{path}: {}", reply.body);
    }
    assert!(ok(&app.call("/api/candidatures/candidater", &[("formation", &w.formation.to_string())], Some(&me)).await));
    let lines = app.call("/api/candidatures/liste", &[], Some(&me)).await;
    let id = serde_json::from_str::<Vec<app::views::applications::ApplicationLine>>(&lines.body).unwrap()[0].id;
    for piece in [w.cv, w.capture] {
        assert_eq!(crate::pieces::upload_pdf(&app, &me, id, piece).await.status, StatusCode::NO_CONTENT);
    }
    assert!(ok(&app.call("/api/candidatures/transmettre", &[("application", &id.to_string())], Some(&me)).await));
    let (_, external) = crate::review::transmitted(&app, &w, "externe@example.fr", "EXTERNE").await;

    // An admin ties a gestionnaire of the first centre to the university's
    // CAS identifier from the staff accounts screen; that member then
    // signs in through CAS, with that scope.
    let admin = crate::review::staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;
    let centre = format!("centres[{}]", w.centre);
    let path = "/api/gestion/personnels/enregistrer";
    let account = |email: &'static str, uid: &'static str| {
        vec![
            ("email", email),
            ("name", "Marie Gestion"),
            ("role", "gestionnaire"),
            (centre.as_str(), "1"),
            ("cas_uid", uid),
        ]
    };
    let bad = app.call(path, &account("marie@univ-exemple.fr", "pers gestion"), Some(&admin)).await;
    assert_eq!(refused_fields(&bad), [("cas_uid".to_owned(), Problem::CodeInvalid)]);
    assert!(ok(&app.call(path, &account("marie@univ-exemple.fr", "pers.gestion"), Some(&admin)).await));
    let twice = app.call(path, &account("autre@univ-exemple.fr", "pers.gestion"), Some(&admin)).await;
    assert_eq!(refused_fields(&twice), [("cas_uid".to_owned(), Problem::AlreadyExists)]);
    let accounts: app::views::staff_accounts::StaffAccounts =
        serde_json::from_str(&app.call("/api/gestion/personnels", &[], Some(&admin)).await.body).unwrap();
    assert_eq!(accounts.accounts.iter().filter(|a| a.cas_uid == "pers.gestion").count(), 1);
    assert!(accounts.accounts.iter().all(|a| a.email != "autre@univ-exemple.fr"), "the refused account was made");
    let staff_service = candidate_service().replace("/cas/retour", "/gestion/cas/retour");
    let ticket = cas_ticket(&staff_service, "pers.gestion", "Personnel-Cas-2026").await;
    let signed = back(&app, "/gestion/cas/retour", &ticket).await;
    assert_eq!(signed.location.as_deref(), Some("/gestion"));
    let staff = signed.cookie.expect("a staff session");
    // Edited from a form without the field (a server without CAS): the
    // identifier stays. Changed: the member is signed out.
    let marie = accounts.accounts.iter().find(|a| a.cas_uid == "pers.gestion").unwrap().id.to_string();
    let edit = |uid: Option<&'static str>| {
        let mut fields = vec![("id", marie.as_str()), ("name", "Marie G."), ("role", "gestionnaire"), ("active", "1")];
        fields.push((centre.as_str(), "1"));
        fields.extend(uid.map(|uid| ("cas_uid", uid)));
        fields
    };
    assert!(ok(&app.call(path, &edit(None), Some(&admin)).await));
    let uid: Option<String> = sqlx::query_scalar("SELECT cas_uid FROM staff WHERE display_name = 'Marie G.'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(uid.as_deref(), Some("pers.gestion"));
    let still = crate::review::detail(&app, &staff, id).await;
    assert!(still.status.is_success(), "still signed in: {} {}", still.status, still.body);
    let detail: app::views::review::ReviewDetail =
        serde_json::from_str(&crate::review::detail(&app, &staff, id).await.body).unwrap();
    assert_eq!(
        detail.dossier.from_university,
        [SectionKind::Identity, SectionKind::Address, SectionKind::Bac, SectionKind::InternalCursus]
    );
    assert_eq!(detail.dossier.internal.len(), 3);
    let theirs: app::views::review::ReviewDetail =
        serde_json::from_str(&crate::review::detail(&app, &staff, external).await.body).unwrap();
    assert!(theirs.dossier.from_university.is_empty() && theirs.dossier.internal.is_empty());
    // Another centre's staff do not see it.
    let other = crate::review::staff_member(&app, "b@sesame.test", StaffRole::Gestionnaire, &[w.other_centre]).await;
    assert_eq!(crate::review::detail(&app, &other, id).await.status, StatusCode::NOT_FOUND);

    // The export says it per line.
    let csv = app.get("/gestion/candidatures/export/csv?tri=nom", Some(&staff)).await;
    assert_eq!(csv.status, StatusCode::OK);
    let text = csv.body;
    let header = text.lines().next().unwrap();
    assert!(header.ends_with(";Fourni par l'université;Langue"), "{header}");
    let lea = text.lines().find(|l| l.starts_with("MARTIN;")).expect("Léa's line");
    assert!(lea.ends_with(";Informations personnelles, Adresse, Baccalauréat, Cursus interne;Français"), "{lea}");
    let theirs = text.lines().find(|l| l.starts_with("EXTERNE;")).expect("the external line");
    assert!(theirs.ends_with(";;Français"), "nothing from the university: {theirs}");

    assert!(ok(&app.call(path, &edit(Some("pers.autre")), Some(&admin)).await));
    assert_eq!(crate::review::detail(&app, &staff, id).await.status, StatusCode::UNAUTHORIZED, "signed out");
});
