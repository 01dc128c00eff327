//! Campaign end (issue 6), on SQLite and PostgreSQL: the waiting lists on
//! the dashboard and their export, a new campaign carrying the
//! configuration over, its activation archiving the old one (read-only for
//! staff, out of the candidates' view), and the destruction of an archived
//! campaign's dossiers and files after its retention period.

use axum::http::StatusCode;

use crate::answers::decided;
use crate::review::{detail, judge, parsed, staff_member, transmitted, world};
use crate::support::{self, TestApp};
use app::domain::campaign::CampaignState;
use app::domain::review::ReviewRefusal;
use app::domain::review::StaffRole;
use app::domain::Problem;
use app::error::AppError;
use app::views::applications::{ApplicationLine, OfferCentre};
use app::views::campaigns::CampaignLine;
use app::views::review::ReviewList;
use app::views::staff::Dashboard;

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

fn json<T: serde::de::DeserializeOwned>(reply: &support::Reply) -> T {
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {} {}", reply.status, reply.body))
}

async fn list(app: &TestApp, staff: &str, fields: &[(&str, &str)]) -> ReviewList {
    json(&app.call("/api/gestion/candidatures", fields, Some(staff)).await)
}

async fn campaigns(app: &TestApp, admin: &str) -> Vec<CampaignLine> {
    json(&app.call("/api/gestion/campagnes", &[], Some(admin)).await)
}

async fn create(app: &TestApp, who: &str, code: &str, label: &str, year: &str, retention: &str) -> support::Reply {
    app.call(
        "/api/gestion/campagnes/creer",
        &[("code", code), ("label", label), ("university_year", year), ("retention_days", retention)],
        Some(who),
    )
    .await
}

fn field(reply: &support::Reply, name: &str) -> Option<Problem> {
    serde_json::from_str::<AppError>(&reply.body).ok().and_then(|e| e.field(name).cloned())
}

on_both_databases!(the_dashboard_shows_each_waiting_list_in_rank_order_and_exports_it, |app: TestApp| async move {
    let w = world(&app).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let other = staff_member(&app, "other@sesame.test", StaffRole::Gestionnaire, &[w.other_centre]).await;
    let (alpha_me, alpha) = transmitted(&app, &w, "alpha@example.fr", "ALPHA").await;
    let (_, beta) = transmitted(&app, &w, "beta@example.fr", "BETA").await;
    let (_, gamma) = transmitted(&app, &w, "gamma@example.fr", "GAMMA").await;
    decided(&app, &gest, &w, alpha, &[("decision", "favorable")]).await;
    decided(&app, &gest, &w, beta, &[("decision", "liste_complementaire"), ("rang", "2")]).await;
    decided(&app, &gest, &w, gamma, &[("decision", "liste_complementaire"), ("rang", "1")]).await;

    let board: Dashboard = json(&app.call("/api/gestion/tableau-de-bord", &[], Some(&gest)).await);
    assert_eq!(board.waiting.len(), 1);
    let ranked: Vec<(i64, &str)> = board.waiting[0].lines.iter().map(|l| (l.rank, l.name.as_str())).collect();
    assert_eq!(ranked.len(), 2);
    assert_eq!((ranked[0].0, ranked[1].0), (1, 2));
    assert!(ranked[0].1.starts_with("GAMMA") && ranked[1].1.starts_with("BETA"), "{ranked:?}");
    let board: Dashboard = json(&app.call("/api/gestion/tableau-de-bord", &[], Some(&other)).await);
    assert!(board.waiting.is_empty(), "another centre's waiting list is not shown");

    // The export of the waiting list, in rank order, nobody else in it.
    let query = board_query(&app, &gest).await;
    let csv = app.get(&format!("/gestion/candidatures/export/csv?{query}"), Some(&gest)).await;
    assert_eq!(csv.status, StatusCode::OK);
    let (g, b) = (csv.body.find("GAMMA").expect("gamma exported"), csv.body.find("BETA").expect("beta exported"));
    assert!(g < b && !csv.body.contains("ALPHA"), "{}", csv.body);
    assert_eq!(
        app.get(&format!("/gestion/candidatures/export/csv?{query}"), Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );

    // The answers: awaited, then confirmed.
    let formation = w.formation.to_string();
    let awaited = list(&app, &gest, &[("query[formation]", &formation), ("query[reponse]", "attendue")]).await;
    assert_eq!(awaited.lines.iter().map(|l| l.id).collect::<Vec<_>>(), vec![alpha]);
    assert!(ok(&app
        .call("/api/candidatures/confirmer", &[("application", &alpha.to_string())], Some(&alpha_me))
        .await));
    assert_eq!(list(&app, &gest, &[("query[reponse]", "attendue")]).await.total, 0);
    assert_eq!(
        list(&app, &gest, &[("query[reponse]", "confirmee")]).await.lines.iter().map(|l| l.id).collect::<Vec<_>>(),
        vec![alpha]
    );
    assert_eq!(list(&app, &gest, &[("query[reponse]", "desistee")]).await.total, 0);
    assert_eq!(
        list(&app, &gest, &[("query[reponse]", "maintenue")]).await.lines.iter().map(|l| l.id).collect::<Vec<_>>(),
        vec![alpha]
    );
});

/// The query of the dashboard's first waiting list.
async fn board_query(app: &TestApp, staff: &str) -> String {
    let board: Dashboard = json(&app.call("/api/gestion/tableau-de-bord", &[], Some(staff)).await);
    board.waiting[0].query()
}

on_every_store!(
    a_new_campaign_carries_the_configuration_and_its_activation_archives_the_old_one,
    |app: TestApp| async move {
        let w = world(&app).await;
        sqlx::query(
            "UPDATE formations SET publication_day = '2026-07-10', confirmation_day = '2026-07-20' WHERE id = $1",
        )
        .bind(w.formation)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
        let admin = staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;
        let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
        let (_, old) = transmitted(&app, &w, "lea@example.fr", "MARTIN").await;
        // The CV has a model file: the new campaign gets its own copy.
        let model = app::server::files::store_bytes(
            &app.state.settings.files,
            b"%PDF-1.4 modele de CV",
            app::domain::upload::FileKind::Pdf,
        )
        .await
        .unwrap();
        let mut conn = app.state.db.pool.acquire().await.unwrap();
        app::server::store::pieces::set_model(&mut conn, w.cv, &model.stored_name, "modele-cv.pdf").await.unwrap();
        drop(conn);

        // Admins only; bad input refused field by field, nothing created.
        assert_eq!(create(&app, &gest, "2027", "Campagne 2027", "2027/2028", "30").await.status, StatusCode::NOT_FOUND);
        let bad = create(&app, &admin, "20 27", " ", "2027/2029", "5").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field(&bad, "code"), Some(Problem::CodeInvalid));
        assert_eq!(field(&bad, "label"), Some(Problem::Required));
        assert_eq!(field(&bad, "university_year"), Some(Problem::YearInvalid));
        assert_eq!(field(&bad, "retention_days"), Some(Problem::RetentionInvalid));
        assert_eq!(app.count("campaigns").await, 1);
        assert_eq!(
            field(&create(&app, &admin, "T", "Encore", "2027/2028", "30").await, "code"),
            Some(Problem::AlreadyExists)
        );

        assert!(ok(&create(&app, &admin, "2027", "Campagne eCesure 2027/2028", "2027/2028", "30").await));
        let all = campaigns(&app, &admin).await;
        assert_eq!(
            all.iter().map(|c| (c.code.as_str(), c.state)).collect::<Vec<_>>(),
            vec![("2027", CampaignState::Prepared), ("T", CampaignState::Active)]
        );
        let new = all[0].id;
        // Centres with their staff, formations a year later, the pieces they ask for.
        let pool = &app.state.db.pool;
        let row = sqlx::query(
        "SELECT f.id, f.window_start, f.window_end, f.return_deadline, f.publication_day, f.confirmation_day, c.id AS centre
         FROM formations f JOIN centres c ON c.id = f.centre_id WHERE c.campaign_id = $1 AND f.title = 'FORMATION A'",
    )
    .bind(new)
    .fetch_one(pool)
    .await
    .unwrap();
        use sqlx::Row;
        let days: Vec<Option<String>> =
            ["window_start", "window_end", "return_deadline", "publication_day", "confirmation_day"]
                .iter()
                .map(|c| row.try_get::<Option<String>, _>(*c).unwrap())
                .collect();
        assert_eq!(
            days,
            ["2027-06-01", "2027-07-01", "2027-07-01", "2027-07-10", "2027-07-20"].map(|d| Some(d.to_owned())).to_vec()
        );
        let (new_formation, new_centre): (i64, i64) = (row.try_get("id").unwrap(), row.try_get("centre").unwrap());
        let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM pieces WHERE centre_id = $1")
            .bind(new_centre)
            .fetch_one(pool)
            .await
            .unwrap()
            .get("n");
        assert_eq!(n, 2);
        let copy: Option<String> =
            sqlx::query("SELECT model_stored_name FROM pieces WHERE centre_id = $1 AND label = 'CURRICULUM VITAE'")
                .bind(new_centre)
                .fetch_one(pool)
                .await
                .unwrap()
                .get("model_stored_name");
        let copy = copy.expect("the model file is carried over");
        assert_ne!(copy, model.stored_name);
        assert_eq!(app.stored_file(&copy).await.unwrap(), b"%PDF-1.4 modele de CV");
        let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM staff_centres WHERE centre_id = $1")
            .bind(new_centre)
            .fetch_one(pool)
            .await
            .unwrap()
            .get("n");
        assert_eq!(n, 1, "the gestionnaire of the centre keeps it in the new campaign");
        let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM decision_reasons WHERE campaign_id = $1")
            .bind(new)
            .fetch_one(pool)
            .await
            .unwrap()
            .get("n");
        assert!(n > 0, "the decision reasons are carried over");

        // The campaign in preparation is configured before it opens: the gestionnaire
        // moves the new formation's dates; that formation is out of reach of the
        // active campaign's pages, and the active formation keeps its dates.
        let (new_q, centre_s, formation_s) = (new.to_string(), new_centre.to_string(), new_formation.to_string());
        let overview: app::views::configuration::ConfigOverview =
            json(&app.call("/api/gestion/configuration", &[("campagne", &new_q)], Some(&gest)).await);
        assert_eq!(overview.campaign.state, CampaignState::Prepared);
        assert!(
            overview.formations.iter().any(|f| f.id == new_formation)
                && !overview.formations.iter().any(|f| f.id == w.formation)
        );
        let mut fields = crate::configuration::formation_fields(
            &centre_s,
            &[
                ("id", &formation_s),
                ("title", "FORMATION A"),
                ("window_start", "2027-05-15"),
                ("window_end", "2027-07-15"),
                ("return_deadline", "2027-07-20"),
            ],
        );
        let refused = app.call("/api/gestion/configuration/formation/enregistrer", &fields, Some(&gest)).await;
        assert_eq!(field(&refused, "centre"), Some(Problem::UnknownChoice), "not a centre of the active campaign");
        fields.push(("campagne", &new_q));
        let saved = app.call("/api/gestion/configuration/formation/enregistrer", &fields, Some(&gest)).await;
        assert!(ok(&saved), "{}", saved.body);
        let start: String = sqlx::query("SELECT window_start FROM formations WHERE id = $1")
            .bind(new_formation)
            .fetch_one(pool)
            .await
            .unwrap()
            .get("window_start");
        assert_eq!(start, "2027-05-15");
        let start: String = sqlx::query("SELECT window_start FROM formations WHERE id = $1")
            .bind(w.formation)
            .fetch_one(pool)
            .await
            .unwrap()
            .get("window_start");
        assert_eq!(start, "2026-06-01");

        // Activation the next day: one transition, whatever the clicks.
        app.state.clock.advance(86_400);
        let admin = app.staff_sign_in("admin@sesame.test", "Gestion-Test-2026").await.cookie.unwrap();
        let gest = app.staff_sign_in("gest@sesame.test", "Gestion-Test-2026").await.cookie.unwrap();
        let new_id = new.to_string();
        let fields = [("id", new_id.as_str())];
        let clicks = futures::future::join_all(
            (0..2).map(|_| app.call("/api/gestion/campagnes/activer", &fields, Some(&admin))),
        )
        .await;
        assert_eq!(
            clicks.iter().filter(|r| ok(r)).count(),
            1,
            "{:?}",
            clicks.iter().map(|r| &r.body).collect::<Vec<_>>()
        );
        let all = campaigns(&app, &admin).await;
        assert_eq!(
            all.iter().map(|c| c.state).collect::<Vec<_>>(),
            vec![CampaignState::Active, CampaignState::Archived]
        );
        assert!(all[1].archived.is_some() && all[1].destruction.is_some());
        let old_campaign = all[1].id;

        // The candidate: the old application is out of view, the offer is the new campaign's.
        let me = app.sign_in("lea@example.fr", "Abcdefgh1!").await.cookie.unwrap();
        assert!(json::<Vec<ApplicationLine>>(&app.call("/api/candidatures/liste", &[], Some(&me)).await).is_empty());
        assert_eq!(
            app.call("/api/candidatures/recapitulatif", &[("id", &old.to_string())], Some(&me)).await.status,
            StatusCode::NOT_FOUND
        );
        let offer: Vec<OfferCentre> = json(&app.call("/api/candidatures/offre", &[], Some(&me)).await);
        let offered: Vec<i64> = offer.iter().flat_map(|c| c.formations.iter().map(|f| f.id)).collect();
        assert!(offered.contains(&new_formation) && !offered.contains(&w.formation), "{offered:?}");

        // Staff: the archived campaign reads, nothing changes.
        let d = parsed(&detail(&app, &gest, old).await);
        assert!(!d.may_change && !d.may_decide);
        assert_eq!(d.archived_campaign.as_deref(), Some("Campagne eCesure 2026/2027 (2026/2027)"));
        let refused = judge(&app, &gest, old, d.version, w.cv, "validee", "").await;
        assert_eq!(
            serde_json::from_str::<AppError>(&refused.body).ok(),
            Some(AppError::ReviewRefused(ReviewRefusal::Archived))
        );
        assert_eq!(parsed(&detail(&app, &gest, old).await).version, d.version);
        let note = app
            .call("/api/gestion/candidature/note", &[("application", &old.to_string()), ("note", "Vu")], Some(&gest))
            .await;
        assert_eq!(note.status, StatusCode::CONFLICT);
        assert_eq!(list(&app, &gest, &[]).await.total, 0, "the list shows the active campaign");
        let archived = list(&app, &gest, &[("query[campagne]", &old_campaign.to_string())]).await;
        assert_eq!((archived.total, archived.may_change, archived.archived_campaign.is_some()), (1, false, true));
        assert_eq!(
            app.call("/api/gestion/candidatures", &[("query[campagne]", &new.to_string())], Some(&gest)).await.status,
            StatusCode::OK
        );
        assert!(list(&app, &gest, &[]).await.formations.iter().any(|(id, _)| *id == new_formation));
        // An admin changing the gestionnaire's account keeps their archived centres.
        let gest_id: i64 = sqlx::query("SELECT id FROM staff WHERE email_norm = 'gest@sesame.test'")
            .fetch_one(pool)
            .await
            .unwrap()
            .get("id");
        let (gest_s, centre_box) = (gest_id.to_string(), format!("centres[{new_centre}]"));
        let change = [
            ("id", gest_s.as_str()),
            ("name", "Gestion Renommée"),
            ("role", "gestionnaire"),
            (centre_box.as_str(), "1"),
            ("active", "1"),
        ];
        let changed = app.call("/api/gestion/personnels/enregistrer", &change, Some(&admin)).await;
        assert!(ok(&changed), "{}", changed.body);
        assert_eq!(list(&app, &gest, &[("query[campagne]", &old_campaign.to_string())]).await.total, 1);

        // Back in the new campaign, the candidate's archived application counts
        // neither against its limit nor keeps the identity locked; their INE
        // comes with them, unless another account of the campaign holds it.
        sqlx::query("UPDATE campaigns SET max_applications = 1 WHERE id = $1").bind(new).execute(pool).await.unwrap();
        sqlx::query("UPDATE formations SET window_start = '2026-06-01', window_end = '2026-07-31', return_deadline = '2026-07-31' WHERE id = $1")
        .bind(new_formation)
        .execute(pool)
        .await
        .unwrap();
        let lea_id: i64 = sqlx::query("SELECT id FROM candidates WHERE email = 'lea@example.fr'")
            .fetch_one(pool)
            .await
            .unwrap()
            .get("id");
        sqlx::query("UPDATE dossier_ine SET ine = '1234567890A', sans_ine = 0 WHERE candidate_id = $1")
            .bind(lea_id)
            .execute(pool)
            .await
            .unwrap();
        let zoe = app.validated_account("zoe@example.fr", "Abcdefgh1!").await;
        let zoe_id: i64 = sqlx::query("SELECT id FROM candidates WHERE login = $1")
            .bind(&zoe)
            .fetch_one(pool)
            .await
            .unwrap()
            .get("id");
        sqlx::query("INSERT INTO dossier_ine (candidate_id, campaign_id, ine, sans_ine, updated_at) VALUES ($1, $2, '1234567890A', 0, 0)")
        .bind(zoe_id)
        .bind(new)
        .execute(pool)
        .await
        .unwrap();
        let apply = |me: String| {
            let formation = new_formation.to_string();
            let app = &app;
            async move { app.call("/api/candidatures/candidater", &[("formation", &formation)], Some(&me)).await }
        };
        let identity = app.call("/api/dossier/informations-personnelles", &[], Some(&me)).await;
        assert!(
            !json::<app::views::dossier::IdentityPage>(&identity).locked,
            "the identity opens again for the new campaign"
        );
        let taken = apply(me.clone()).await;
        assert_eq!(
            serde_json::from_str::<AppError>(&taken.body).ok(),
            Some(AppError::ApplyRefused(app::domain::application::ApplyRefusal::IneTaken))
        );
        sqlx::query("DELETE FROM dossier_ine WHERE candidate_id = $1").bind(zoe_id).execute(pool).await.unwrap();
        let applied = apply(me.clone()).await;
        assert!(ok(&applied), "{}", applied.body);
        let moved: i64 = sqlx::query("SELECT campaign_id FROM dossier_ine WHERE candidate_id = $1")
            .bind(lea_id)
            .fetch_one(pool)
            .await
            .unwrap()
            .get("campaign_id");
        assert_eq!(moved, new);

        // An archived campaign is not configured any more.
        let old_q = old_campaign.to_string();
        assert_eq!(
            app.call("/api/gestion/configuration", &[("campagne", &old_q)], Some(&admin)).await.status,
            StatusCode::NOT_FOUND
        );
        let (old_centre, old_formation) = (w.centre.to_string(), w.formation.to_string());
        let fields =
            crate::configuration::formation_fields(&old_centre, &[("id", &old_formation), ("title", "CHANGED")]);
        assert!(!ok(&app.call("/api/gestion/configuration/formation/enregistrer", &fields, Some(&admin)).await));
        let title: String = sqlx::query("SELECT title FROM formations WHERE id = $1")
            .bind(w.formation)
            .fetch_one(pool)
            .await
            .unwrap()
            .get("title");
        assert_eq!(title, "FORMATION A");
    }
);

on_every_store!(an_archived_campaign_is_destroyed_after_its_retention_period_once, |app: TestApp| async move {
    let w = world(&app).await;
    let admin = staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;
    let (_, gone) = transmitted(&app, &w, "idle@example.fr", "IDLE").await;
    let (_, kept) = transmitted(&app, &w, "back@example.fr", "BACK").await;
    let stored: Vec<String> = sqlx::query("SELECT stored_name FROM files")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| sqlx::Row::get(r, "stored_name"))
        .collect();
    assert_eq!(stored.len(), 4);
    assert_eq!(app.stored_files().await, {
        let mut s = stored.clone();
        s.sort();
        s
    });

    assert!(ok(&create(&app, &admin, "2027", "Campagne 2027", "2027/2028", "30").await));
    let new = campaigns(&app, &admin).await[0].id;
    app.state.clock.advance(86_400);
    let admin = app.staff_sign_in("admin@sesame.test", "Gestion-Test-2026").await.cookie.unwrap();
    assert!(ok(&app.call("/api/gestion/campagnes/activer", &[("id", &new.to_string())], Some(&admin)).await));
    let old = campaigns(&app, &admin).await[1].id;
    // Retention: bad input refused; 30 days kept.
    let bad = app
        .call(
            "/api/gestion/campagnes/conservation",
            &[("id", &old.to_string()), ("retention_days", "10")],
            Some(&admin),
        )
        .await;
    assert_eq!(field(&bad, "retention_days"), Some(Problem::RetentionInvalid));
    assert!(ok(&app
        .call(
            "/api/gestion/campagnes/conservation",
            &[("id", &old.to_string()), ("retention_days", "30")],
            Some(&admin)
        )
        .await));
    // One candidate comes back after the archive: their account stays.
    app.state.clock.advance(3_600);
    assert!(ok(&app.sign_in("back@example.fr", "Abcdefgh1!").await));

    app.state.clock.advance(29 * 86_400);
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let early = app::server::store::campaign_lifecycle::destroy(&mut conn, old, app.state.clock.now()).await.unwrap();
    assert!(early.is_none(), "not before its retention period, even when asked directly");
    drop(conn);
    assert_eq!(app::server::campaign_lifecycle::destroy_due(&app.state).await.unwrap(), "aucune campagne à détruire");
    assert_eq!(app.count("applications").await, 2);
    app.state.clock.advance(86_400);
    let (a, b) = tokio::join!(
        app::server::campaign_lifecycle::destroy_due(&app.state),
        app::server::campaign_lifecycle::destroy_due(&app.state)
    );
    let said = [a.unwrap(), b.unwrap()];
    assert_eq!(
        said.iter().filter(|s| s.contains("2 candidature(s), 4 fichier(s), 1 compte(s)")).count(),
        1,
        "{said:?}"
    );
    assert_eq!(app.count("applications").await, 0);
    assert_eq!(app.count("files").await, 0);
    assert_eq!(app.count("candidate_pieces").await, 0);
    assert!(app.stored_files().await.is_empty(), "the files left the store");
    let emails: Vec<String> = sqlx::query("SELECT email FROM candidates")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| sqlx::Row::get(r, "email"))
        .collect();
    assert_eq!(emails, vec!["back@example.fr".to_owned()]);
    assert!(app.mails_to("idle@example.fr").await.is_empty(), "the mails written to a destroyed account go with it");
    let admin = app.staff_sign_in("admin@sesame.test", "Gestion-Test-2026").await.cookie.unwrap();
    let c = campaigns(&app, &admin).await.into_iter().find(|c| c.id == old).unwrap();
    assert_eq!(c.state, CampaignState::Destroyed);
    assert!(c.destroyed_summary.unwrap().contains("2 candidature(s)"));
    assert_eq!(
        app.call("/api/gestion/candidatures", &[("query[campagne]", &old.to_string())], Some(&admin)).await.status,
        StatusCode::NOT_FOUND
    );
    let _ = (gone, kept);
});
