//! The dossier's Informations personnelles and INE pop-up through HTTP, on
//! SQLite and PostgreSQL.

use crate::support;

use app::domain::review::StaffRole;
use axum::http::StatusCode;
use support::TestApp;

use app::domain::ine::IneProblem;
use app::domain::Problem;
use app::error::AppError;

const PASSWORD: &str = "Abcdefgh1!";

async fn candidate(app: &TestApp, email: &str) -> String {
    let login = app.validated_account(email, PASSWORD).await;
    app.sign_in(&login, PASSWORD).await.cookie.expect("a session")
}

fn problem(reply: &support::Reply, field: &str) -> Option<Problem> {
    serde_json::from_str::<AppError>(&reply.body).ok().and_then(|e| e.field(field).cloned())
}

pub(crate) fn identity(ine: &str) -> Vec<(&str, &str)> {
    vec![
        ("civilite", "Mme"),
        ("nom_naissance", "Martin"),
        ("nom_usuel", ""),
        ("prenom", "Léa"),
        ("autre_prenom", ""),
        ("date_naissance", "03/07/2004"),
        ("pays_naissance", "FR"),
        ("departement_naissance", "31"),
        ("ville_naissance", "Toulouse"),
        ("nationalite", "FR"),
        ("telephone", ""),
        ("portable", "06 12 34 56 78"),
        ("ine", ine),
    ]
}

on_both_databases!(only_a_signed_in_candidate_reaches_the_dossier, |app: TestApp| async move {
    assert_eq!(app.call("/api/dossier/informations-personnelles", &[], None).await.status, StatusCode::UNAUTHORIZED);
    sesame_server::staff::add(&app.state, "g@sesame.test", "G", StaffRole::Gestionnaire, "Gestion-Test-2026")
        .await
        .unwrap();
    let staff = app.staff_sign_in("g@sesame.test", "Gestion-Test-2026").await.cookie.unwrap();
    assert_eq!(
        app.call("/api/dossier/informations-personnelles", &[], Some(&staff)).await.status,
        StatusCode::NOT_FOUND
    );
    let me = candidate(&app, "lea@example.fr").await;
    let page = app.call("/api/dossier/informations-personnelles", &[], Some(&me)).await;
    assert_eq!(page.status, StatusCode::OK);
    let page: app::views::dossier::IdentityPage = serde_json::from_str(&page.body).unwrap();
    assert!(!page.ine_answered, "the pop-up shows first");
    assert_eq!(page.form.nom_naissance, "MARTIN", "prefilled from the account");
});

on_both_databases!(the_pop_up_refuses_a_wrong_ine_with_its_reason_and_keeps_a_good_one, |app: TestApp| async move {
    let me = candidate(&app, "lea@example.fr").await;
    let wrong = app.call("/api/dossier/ine", &[("ine", "1234567890A")], Some(&me)).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(&wrong, "ine"), Some(Problem::Ine(IneProblem::Key)));
    let ines = app.call("/api/dossier/ine", &[("ine", "123456789AB")], Some(&me)).await;
    assert_eq!(problem(&ines, "ine"), Some(Problem::Ine(IneProblem::InesRefused)));
    assert_eq!(app.count("dossier_ine").await, 0);
    let good = app.call("/api/dossier/ine", &[("ine", "12345 67890-v")], Some(&me)).await;
    assert!(good.status.is_success() || good.status.is_redirection(), "{}", good.body);
    let page: app::views::dossier::IdentityPage =
        serde_json::from_str(&app.call("/api/dossier/informations-personnelles", &[], Some(&me)).await.body).unwrap();
    assert!(page.ine_answered);
    assert_eq!(page.form.ine, "1234567890V");
});

on_both_databases!(a_campaign_can_accept_ines_numbers, |app: TestApp| async move {
    sqlx::query("UPDATE campaigns SET accept_ines = 1").execute(&app.state.db.pool).await.unwrap();
    let me = candidate(&app, "lea@example.fr").await;
    let ines = app.call("/api/dossier/ine", &[("ine", "123456789AB")], Some(&me)).await;
    assert!(ines.status.is_success() || ines.status.is_redirection(), "{}", ines.body);
});

on_both_databases!(one_ine_belongs_to_one_candidate_per_campaign, |app: TestApp| async move {
    let lea = candidate(&app, "lea@example.fr").await;
    let tom = candidate(&app, "tom@example.fr").await;
    let first = app.call("/api/dossier/ine", &[("ine", "1234567890V")], Some(&lea)).await;
    assert!(first.status.is_success() || first.status.is_redirection());
    let second = app.call("/api/dossier/ine", &[("ine", "1234567890V")], Some(&tom)).await;
    assert_eq!(problem(&second, "ine"), Some(Problem::IneTaken));
    let none = app.call("/api/dossier/ine", &[("ine", ""), ("sans_ine", "1")], Some(&tom)).await;
    assert!(none.status.is_success() || none.status.is_redirection(), "Je n'ai pas d'INE: {}", none.body);
    let also_none = app.call("/api/dossier/ine", &[("ine", ""), ("sans_ine", "1")], Some(&lea)).await;
    assert!(also_none.status.is_success() || also_none.status.is_redirection(), "several candidates without INE");
});

on_both_databases!(informations_personnelles_are_checked_field_by_field_then_saved, |app: TestApp| async move {
    let me = candidate(&app, "lea@example.fr").await;
    let sections = app.call("/api/dossier/sections", &[], Some(&me)).await;
    assert!(sections.body.contains("\"complete\":false"), "{}", sections.body);

    let mut bad = identity("1234567890V");
    bad.retain(|(k, _)| *k != "departement_naissance" && *k != "date_naissance" && *k != "nationalite");
    bad.extend([("departement_naissance", ""), ("date_naissance", "31/02/2004"), ("nationalite", "XX")]);
    let refused = app.call("/api/dossier/informations-personnelles/enregistrer", &bad, Some(&me)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(problem(&refused, "departement_naissance"), Some(Problem::Required));
    assert_eq!(problem(&refused, "date_naissance"), Some(Problem::DateInvalid));
    assert_eq!(problem(&refused, "nationalite"), Some(Problem::UnknownChoice));
    assert_eq!(app.count("dossier_identity").await, 0, "nothing saved");

    let saved =
        app.call("/api/dossier/informations-personnelles/enregistrer", &identity("1234567890V"), Some(&me)).await;
    assert!(saved.status.is_success() || saved.status.is_redirection(), "{}", saved.body);
    let sections = app.call("/api/dossier/sections", &[], Some(&me)).await;
    assert!(sections.body.contains("\"complete\":true"), "{}", sections.body);
    let page: app::views::dossier::IdentityPage =
        serde_json::from_str(&app.call("/api/dossier/informations-personnelles", &[], Some(&me)).await.body).unwrap();
    assert_eq!(page.form.date_naissance, "03/07/2004");
    assert_eq!(page.form.departement_naissance, "31");
    assert_eq!(page.form.ine, "1234567890V");

    // Born abroad: no département kept.
    let mut abroad = identity("1234567890V");
    for (k, v) in abroad.iter_mut() {
        if *k == "pays_naissance" {
            *v = "DE";
        }
    }
    let saved = app.call("/api/dossier/informations-personnelles/enregistrer", &abroad, Some(&me)).await;
    assert!(saved.status.is_success() || saved.status.is_redirection(), "{}", saved.body);
    let page: app::views::dossier::IdentityPage =
        serde_json::from_str(&app.call("/api/dossier/informations-personnelles", &[], Some(&me)).await.body).unwrap();
    assert_eq!(page.form.departement_naissance, "");
});

on_both_databases!(a_candidate_sees_only_their_own_dossier, |app: TestApp| async move {
    let lea = candidate(&app, "lea@example.fr").await;
    let tom = candidate(&app, "tom@example.fr").await;
    app.call("/api/dossier/informations-personnelles/enregistrer", &identity("1234567890V"), Some(&lea)).await;
    let page: app::views::dossier::IdentityPage =
        serde_json::from_str(&app.call("/api/dossier/informations-personnelles", &[], Some(&tom)).await.body).unwrap();
    assert_eq!(page.form.ine, "");
    assert!(!page.complete);
});

fn address<'a>(pays: &'a str, code_postal: &'a str, commune: &'a str, ville: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("pays", pays),
        ("ligne1", "118 route de Narbonne"),
        ("ligne2", ""),
        ("ligne3", ""),
        ("code_postal", code_postal),
        ("commune", commune),
        ("ville", ville),
    ]
}

on_both_databases!(the_address_commune_comes_from_the_postal_code, |app: TestApp| async move {
    let me = candidate(&app, "lea@example.fr").await;
    let communes = app.call("/api/reference/communes", &[("code_postal", "31000")], None).await;
    assert_eq!(communes.body, r#"[["31555","Toulouse"]]"#);

    let unknown = app.call("/api/dossier/adresse/enregistrer", &address("FR", "99999", "", ""), Some(&me)).await;
    assert_eq!(problem(&unknown, "code_postal"), Some(Problem::PostalCodeUnknown));
    let not_of_this_code =
        app.call("/api/dossier/adresse/enregistrer", &address("FR", "31000", "75056", ""), Some(&me)).await;
    assert_eq!(problem(&not_of_this_code, "commune"), Some(Problem::UnknownChoice));
    assert_eq!(app.count("dossier_address").await, 0);

    let saved = app.call("/api/dossier/adresse/enregistrer", &address("FR", "31000", "", ""), Some(&me)).await;
    assert!(saved.status.is_success() || saved.status.is_redirection(), "{}", saved.body);
    let page: app::views::dossier::AddressPage =
        serde_json::from_str(&app.call("/api/dossier/adresse", &[], Some(&me)).await.body).unwrap();
    assert_eq!(page.form.commune, "31555", "the only commune of 31000 is taken");
    assert_eq!(page.communes, vec![("31555".to_owned(), "Toulouse".to_owned())]);

    let abroad = app.call("/api/dossier/adresse/enregistrer", &address("DE", "10115", "", "Berlin"), Some(&me)).await;
    assert!(abroad.status.is_success() || abroad.status.is_redirection(), "{}", abroad.body);
    let page: app::views::dossier::AddressPage =
        serde_json::from_str(&app.call("/api/dossier/adresse", &[], Some(&me)).await.body).unwrap();
    assert_eq!((page.form.pays.as_str(), page.form.ville.as_str(), page.form.commune.as_str()), ("DE", "Berlin", ""));
    let sections = app.call("/api/dossier/sections", &[], Some(&me)).await;
    assert!(sections.body.contains(r#"{"kind":"Address","complete":true,"entries":null}"#), "{}", sections.body);
});

fn bac<'a>(annee: &'a str, serie: &'a str, departement: &'a str, commune: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("situation", "oui"),
        ("annee", annee),
        ("serie", serie),
        ("mention", "AB"),
        ("pays", "FR"),
        ("departement", departement),
        ("commune", commune),
        ("etablissement", "Lycée Pierre-de-Fermat"),
    ]
}

on_both_databases!(one_baccalaureat_whose_series_depends_on_its_year, |app: TestApp| async move {
    let me = candidate(&app, "lea@example.fr").await;
    let old_series =
        app.call("/api/dossier/baccalaureat/enregistrer", &bac("2022", "S", "31", "31555"), Some(&me)).await;
    assert_eq!(problem(&old_series, "serie"), Some(Problem::UnknownChoice), "no S series after 2020");
    let wrong_commune =
        app.call("/api/dossier/baccalaureat/enregistrer", &bac("2022", "BG", "32", "31555"), Some(&me)).await;
    assert_eq!(problem(&wrong_commune, "commune"), Some(Problem::UnknownChoice));
    let missing = app.call("/api/dossier/baccalaureat/enregistrer", &[("annee", "2022")], Some(&me)).await;
    assert_eq!(problem(&missing, "situation"), Some(Problem::Required));
    assert_eq!(app.count("dossier_bac").await, 0);

    let saved = app.call("/api/dossier/baccalaureat/enregistrer", &bac("2015", "S", "31", "31555"), Some(&me)).await;
    assert!(saved.status.is_success() || saved.status.is_redirection(), "{}", saved.body);
    let page: app::views::dossier::BacPage =
        serde_json::from_str(&app.call("/api/dossier/baccalaureat", &[], Some(&me)).await.body).unwrap();
    assert_eq!(
        (page.form.annee.as_str(), page.form.serie.as_str(), page.form.commune.as_str()),
        ("2015", "S", "31555")
    );
    assert_eq!(page.commune_nom, "Toulouse");

    let none = app.call("/api/dossier/baccalaureat/enregistrer", &[("situation", "non")], Some(&me)).await;
    assert!(none.status.is_success() || none.status.is_redirection(), "{}", none.body);
    assert_eq!(app.count("dossier_bac").await, 1, "only one baccalauréat");
    let page: app::views::dossier::BacPage =
        serde_json::from_str(&app.call("/api/dossier/baccalaureat", &[], Some(&me)).await.body).unwrap();
    assert_eq!(page.form.situation, "non");
});

on_both_databases!(stages_and_jobs_are_added_changed_and_deleted_by_their_owner_only, |app: TestApp| async move {
    let lea = candidate(&app, "lea@example.fr").await;
    let tom = candidate(&app, "tom@example.fr").await;
    let stage = [
        ("kind", "stage"),
        ("annee", "2024"),
        ("duree", "2 mois"),
        ("heures", "35"),
        ("employeur", "CHU de Toulouse"),
        ("descriptif", "Stage infirmier"),
    ];
    let added = app.call("/api/dossier/experiences/enregistrer", &stage, Some(&lea)).await;
    assert!(added.status.is_success() || added.status.is_redirection(), "{}", added.body);
    let no_description = app
        .call(
            "/api/dossier/experiences/enregistrer",
            &[("kind", "stage"), ("annee", "2024"), ("duree", "1 mois"), ("employeur", "X"), ("descriptif", "")],
            Some(&lea),
        )
        .await;
    assert_eq!(problem(&no_description, "descriptif"), Some(Problem::Required));
    let job_without_title = app
        .call(
            "/api/dossier/experiences/enregistrer",
            &[
                ("kind", "emploi"),
                ("annee", "2023"),
                ("duree", "CDD 3 mois"),
                ("employeur", "Librairie"),
                ("descriptif", ""),
            ],
            Some(&lea),
        )
        .await;
    assert_eq!(problem(&job_without_title, "intitule"), Some(Problem::Required));

    let page: app::views::dossier::ExperiencesPage =
        serde_json::from_str(&app.call("/api/dossier/experiences", &[("kind", "stage")], Some(&lea)).await.body)
            .unwrap();
    assert_eq!(page.items.len(), 1);
    let id = page.items[0].0.to_string();

    // Another candidate can neither change nor delete it.
    let mut theirs = stage.to_vec();
    theirs.push(("id", &id));
    assert_eq!(
        app.call("/api/dossier/experiences/enregistrer", &theirs, Some(&tom)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("/api/dossier/experiences/supprimer", &[("kind", "stage"), ("id", &id)], Some(&tom)).await.status,
        StatusCode::NOT_FOUND
    );
    let toms: app::views::dossier::ExperiencesPage =
        serde_json::from_str(&app.call("/api/dossier/experiences", &[("kind", "stage")], Some(&tom)).await.body)
            .unwrap();
    assert!(toms.items.is_empty());

    let mut changed = vec![
        ("kind", "stage"),
        ("annee", "2025"),
        ("duree", "3 mois"),
        ("heures", ""),
        ("employeur", "CHU de Toulouse"),
        ("descriptif", "Stage infirmier, urgences"),
    ];
    changed.push(("id", &id));
    let edited = app.call("/api/dossier/experiences/enregistrer", &changed, Some(&lea)).await;
    assert!(edited.status.is_success() || edited.status.is_redirection(), "{}", edited.body);
    let page: app::views::dossier::ExperiencesPage =
        serde_json::from_str(&app.call("/api/dossier/experiences", &[("kind", "stage")], Some(&lea)).await.body)
            .unwrap();
    assert_eq!((page.items.len(), page.items[0].1.annee.as_str(), page.items[0].1.heures.as_str()), (1, "2025", ""));
    let sections = app.call("/api/dossier/sections", &[], Some(&lea)).await;
    assert!(sections.body.contains(r#"{"kind":"Stages","complete":true,"entries":1}"#), "{}", sections.body);

    let deleted = app.call("/api/dossier/experiences/supprimer", &[("kind", "stage"), ("id", &id)], Some(&lea)).await;
    assert!(deleted.status.is_success() || deleted.status.is_redirection(), "{}", deleted.body);
    assert_eq!(app.count("dossier_experiences").await, 0);
    assert_eq!(
        app.call("/api/dossier/experiences", &[("kind", "autre")], Some(&lea)).await.status,
        StatusCode::NOT_FOUND
    );
});

on_both_databases!(cursus_years_are_kept_like_the_guide_example, |app: TestApp| async move {
    let lea = candidate(&app, "lea@example.fr").await;
    let tom = candidate(&app, "tom@example.fr").await;
    let year = [
        ("pays", "FR"),
        ("departement", "31"),
        ("commune", "31555"),
        ("etablissement", "Université de Toulouse"),
        ("annee", "2024"),
        ("formation", "LIC"),
        ("libelle", "L1 Sciences de la Vie"),
        ("obtenu", "O"),
        ("mention", "AB"),
    ];
    let added = app.call("/api/dossier/cursus/enregistrer", &year, Some(&lea)).await;
    assert!(added.status.is_success() || added.status.is_redirection(), "{}", added.body);
    let mut wrong = year.to_vec();
    wrong.retain(|(k, _)| *k != "obtenu" && *k != "commune");
    wrong.extend([("obtenu", "peut-être"), ("commune", "32013")]);
    let refused = app.call("/api/dossier/cursus/enregistrer", &wrong, Some(&lea)).await;
    assert_eq!(problem(&refused, "obtenu"), Some(Problem::UnknownChoice));
    assert_eq!(problem(&refused, "commune"), Some(Problem::UnknownChoice));
    let page: app::views::dossier::CursusPage =
        serde_json::from_str(&app.call("/api/dossier/cursus", &[], Some(&lea)).await.body).unwrap();
    assert_eq!(page.rows.len(), 1);
    let row = &page.rows[0];
    assert_eq!(
        (row.pays_nom.as_str(), row.departement_nom.as_str(), row.commune_nom.as_str()),
        ("France", "Haute-Garonne", "Toulouse")
    );
    let id = row.id.to_string();
    assert_eq!(
        app.call("/api/dossier/cursus/supprimer", &[("id", &id)], Some(&tom)).await.status,
        StatusCode::NOT_FOUND
    );
    let deleted = app.call("/api/dossier/cursus/supprimer", &[("id", &id)], Some(&lea)).await;
    assert!(deleted.status.is_success() || deleted.status.is_redirection());
    assert_eq!(app.count("dossier_cursus").await, 0);
});

/// A formation of the test campaign and an application to it, as issue 4's
/// "Candidater" will create.
async fn apply(app: &TestApp, login: &str) {
    use app::server::store::campaigns;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let campaign = campaigns::active(&mut conn).await.unwrap().unwrap().id;
    let centre = campaigns::ensure_centre(&mut conn, campaign, "Centre", "", "").await.unwrap();
    let formation = campaigns::ensure_formation(
        &mut conn,
        &campaigns::NewFormation {
            centre_id: centre,
            title: "F",
            keywords: "",
            window_start: "2026-01-01",
            window_end: "2026-12-31",
            return_deadline: "2026-12-31",
            capacity: 10,
        },
    )
    .await
    .unwrap();
    sqlx::query("INSERT INTO applications (candidate_id, formation_id, created_at) SELECT id, $1, 0 FROM candidates WHERE login = $2")
        .bind(formation)
        .bind(login)
        .execute(&mut *conn)
        .await
        .unwrap();
}

on_both_databases!(informations_personnelles_are_read_only_after_a_first_application, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let me = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    let saved =
        app.call("/api/dossier/informations-personnelles/enregistrer", &identity("1234567890V"), Some(&me)).await;
    assert!(saved.status.is_success() || saved.status.is_redirection(), "{}", saved.body);
    apply(&app, &login).await;

    let page: app::views::dossier::IdentityPage =
        serde_json::from_str(&app.call("/api/dossier/informations-personnelles", &[], Some(&me)).await.body).unwrap();
    assert!(page.locked);
    let mut changed = identity("0123456789M");
    changed[3] = ("prenom", "Lou");
    let refused = app.call("/api/dossier/informations-personnelles/enregistrer", &changed, Some(&me)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(&refused, "identite"), Some(Problem::Locked));
    let ine = app.call("/api/dossier/ine", &[("ine", "0123456789M")], Some(&me)).await;
    assert_eq!(problem(&ine, "identite"), Some(Problem::Locked));
    let page: app::views::dossier::IdentityPage =
        serde_json::from_str(&app.call("/api/dossier/informations-personnelles", &[], Some(&me)).await.body).unwrap();
    assert_eq!((page.form.prenom.as_str(), page.form.ine.as_str()), ("Léa", "1234567890V"), "nothing changed");
    // The mail address still changes (guide 04.6).
    let mail = app
        .call(
            "/api/compte/adresse",
            &[("email", "lea@example.org"), ("email_confirmation", "lea@example.org"), ("current_password", PASSWORD)],
            Some(&me),
        )
        .await;
    assert!(mail.status.is_success() || mail.status.is_redirection(), "{}", mail.body);
    // Other sections stay editable.
    let address = app
        .call(
            "/api/dossier/adresse/enregistrer",
            &[
                ("pays", "FR"),
                ("ligne1", "1 rue de la Paix"),
                ("ligne2", ""),
                ("ligne3", ""),
                ("code_postal", "31000"),
                ("commune", "31555"),
                ("ville", ""),
            ],
            Some(&me),
        )
        .await;
    assert!(address.status.is_success() || address.status.is_redirection(), "{}", address.body);
});

on_both_databases!(admins_set_the_campaign_ine_rules_and_others_cannot, |app: TestApp| async move {
    use app::domain::review::StaffRole;
    use sesame_server::staff::add;
    add(&app.state, "admin@sesame.test", "A", StaffRole::Admin, "Admin-Test-2026!").await.unwrap();
    add(&app.state, "g@sesame.test", "G", StaffRole::Gestionnaire, "Gestion-Test-2026").await.unwrap();
    let admin = app.staff_sign_in("admin@sesame.test", "Admin-Test-2026!").await.cookie.unwrap();
    let gestionnaire = app.staff_sign_in("g@sesame.test", "Gestion-Test-2026").await.cookie.unwrap();
    let me = candidate(&app, "lea@example.fr").await;

    let dashboard: app::views::staff::Dashboard =
        serde_json::from_str(&app.call("/api/gestion/tableau-de-bord", &[], Some(&gestionnaire)).await.body).unwrap();
    assert!(dashboard.ine_settings.is_none(), "a gestionnaire does not see them");
    assert_eq!(
        app.call("/api/gestion/campagne/ine", &[("accept_ines", "1")], Some(&gestionnaire)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("/api/gestion/campagne/ine", &[("accept_ines", "1")], Some(&me)).await.status,
        StatusCode::NOT_FOUND
    );
    let refused = app.call("/api/dossier/ine", &[("ine", "123456789AB")], Some(&me)).await;
    assert_eq!(problem(&refused, "ine"), Some(Problem::Ine(IneProblem::InesRefused)));

    let saved = app
        .call("/api/gestion/campagne/ine", &[("accept_ines", "1"), ("ine_required_for_french", "1")], Some(&admin))
        .await;
    assert!(saved.status.is_success(), "{}", saved.body);
    let dashboard: app::views::staff::Dashboard =
        serde_json::from_str(&app.call("/api/gestion/tableau-de-bord", &[], Some(&admin)).await.body).unwrap();
    let settings = dashboard.ine_settings.unwrap();
    assert!(settings.rules.accept_ines && settings.required_for_french);
    let accepted = app.call("/api/dossier/ine", &[("ine", "123456789AB")], Some(&me)).await;
    assert!(accepted.status.is_success() || accepted.status.is_redirection(), "{}", accepted.body);

    // Unchecked boxes are absent from the form: both rules off again.
    assert!(app.call("/api/gestion/campagne/ine", &[], Some(&admin)).await.status.is_success());
    let dashboard: app::views::staff::Dashboard =
        serde_json::from_str(&app.call("/api/gestion/tableau-de-bord", &[], Some(&admin)).await.body).unwrap();
    assert_eq!(dashboard.ine_settings.unwrap(), Default::default());
});
