//! "Candidater", the list, the summary and "Annuler" through HTTP, on
//! SQLite and PostgreSQL: the rules with their reasons, window edges in
//! Europe/Paris (daylight-saving days included), the campaign's limit under
//! concurrency, double clicks, and another candidate's application (404).

use axum::http::StatusCode;

use crate::support::{self, TestApp};
use app::domain::application::{ApplyRefusal, DossierStatus};
use app::domain::date::Day;
use app::error::AppError;
use app::views::applications::{ApplicationDetail, ApplicationLine};

const PASSWORD: &str = "Abcdefgh1!";

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

fn refusal(reply: &support::Reply) -> Option<ApplyRefusal> {
    match serde_json::from_str::<AppError>(&reply.body) {
        Ok(AppError::ApplyRefused(r)) => Some(r),
        _ => None,
    }
}

fn utc(text: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(text).unwrap().timestamp()
}

fn day(text: &str) -> Day {
    Day::parse_iso(text).unwrap()
}

/// A formation of the test campaign, open from `start` to `end` (days).
async fn formation(app: &TestApp, title: &str, start: &str, end: &str) -> i64 {
    use app::server::store::campaigns;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let campaign = campaigns::active(&mut conn).await.unwrap().unwrap().id;
    let centre = campaigns::ensure_centre(
        &mut conn,
        campaign,
        "DEMANDE DE CESURE - TEST",
        "1 rue du Test 31000 TOULOUSE",
        "c@sesame.test",
    )
    .await
    .unwrap();
    let f = campaigns::NewFormation {
        centre_id: centre,
        title,
        keywords: "",
        window_start: start,
        window_end: end,
        return_deadline: end,
        capacity: 10,
    };
    campaigns::ensure_formation(&mut conn, &f).await.unwrap()
}

async fn candidate(app: &TestApp, email: &str) -> String {
    let login = app.validated_account(email, PASSWORD).await;
    app.sign_in(&login, PASSWORD).await.cookie.expect("a session")
}

/// Informations personnelles, Adresse and Baccalauréat saved.
pub(crate) async fn complete_dossier(app: &TestApp, me: &str) {
    for (path, fields) in [
        ("/api/dossier/informations-personnelles/enregistrer", crate::dossier::identity("")),
        (
            "/api/dossier/adresse/enregistrer",
            vec![
                ("pays", "FR"),
                ("ligne1", "1 rue de la Paix"),
                ("ligne2", ""),
                ("ligne3", ""),
                ("code_postal", "31000"),
                ("commune", "31555"),
                ("ville", ""),
            ],
        ),
        ("/api/dossier/baccalaureat/enregistrer", vec![("situation", "non")]),
    ] {
        let mut fields = fields;
        if path.contains("informations") {
            fields.push(("sans_ine", "1"));
        }
        let reply = app.call(path, &fields, Some(me)).await;
        assert!(ok(&reply), "{path}: {}", reply.body);
    }
}

async fn apply(app: &TestApp, me: &str, formation: i64) -> support::Reply {
    app.call("/api/candidatures/candidater", &[("formation", &formation.to_string())], Some(me)).await
}

async fn lines(app: &TestApp, me: &str) -> Vec<ApplicationLine> {
    serde_json::from_str(&app.call("/api/candidatures/liste", &[], Some(me)).await.body).unwrap()
}

on_both_databases!(applying_follows_the_rules_and_mails_once, |app: TestApp| async move {
    let f = formation(&app, "GESTION CESURE TEST (ANNEE)", "2026-06-01", "2026-07-01").await;
    app.state.clock.freeze_at(utc("2026-06-15T10:00:00Z"));
    let me = candidate(&app, "lea@example.fr").await;
    let refused = apply(&app, &me, f).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refusal(&refused), Some(ApplyRefusal::DossierIncomplete));

    complete_dossier(&app, &me).await;
    let done = apply(&app, &me, f).await;
    assert!(ok(&done), "{}", done.body);
    let mails = app.mails_to("lea@example.fr").await;
    let confirmations: Vec<_> = mails.iter().filter(|(s, _)| s.contains("Confirmation de votre candidature")).collect();
    assert_eq!(confirmations.len(), 1);
    assert!(confirmations[0].1.contains("GESTION CESURE TEST (ANNEE)") && confirmations[0].1.contains("01/07/2026"));

    assert_eq!(refusal(&apply(&app, &me, f).await), Some(ApplyRefusal::AlreadyApplied));
    assert_eq!(app.count("applications").await, 1);
    let list = lines(&app, &me).await;
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].status, list[0].days_left, list[0].decision.clone()),
        (DossierStatus::EnAttente, Some(16), None)
    );
    let detail: ApplicationDetail = serde_json::from_str(
        &app.call("/api/candidatures/recapitulatif", &[("id", &list[0].id.to_string())], Some(&me)).await.body,
    )
    .unwrap();
    assert!(detail.may_cancel);
    assert_eq!(detail.contact_address, "1 rue du Test 31000 TOULOUSE");

    let id = list[0].id.to_string();
    assert!(ok(&app.call("/api/candidatures/annuler", &[("id", &id)], Some(&me)).await));
    let again = app.call("/api/candidatures/annuler", &[("id", &id)], Some(&me)).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "already cancelled: {}", again.body);
    let cancels = app.mails_to("lea@example.fr").await.into_iter().filter(|(s, _)| s.contains("Annulation")).count();
    assert_eq!(cancels, 1, "one cancellation, one mail");
    assert!(lines(&app, &me).await.is_empty());
    // Cancelled is final, but one may apply anew while the window is open.
    assert!(ok(&apply(&app, &me, f).await));
    assert_eq!(app.count("applications").await, 2);
    assert_eq!(
        app.call("/api/candidatures/candidater", &[("formation", "999999")], Some(&me)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("/api/candidatures/candidater", &[("formation", "abc")], Some(&me)).await.status,
        StatusCode::BAD_REQUEST
    );
});

on_both_databases!(windows_open_and_close_at_midnight_in_paris_on_dst_days, |app: TestApp| async move {
    // Summer time ends in the night of 25 October 2026 (Paris is UTC+1 after).
    let closing = formation(&app, "FERMETURE", "2026-10-01", "2026-10-25").await;
    // Summer time starts in the night of 29 March 2026 (Paris is UTC+1 before).
    let opening = formation(&app, "OUVERTURE", "2026-03-29", "2026-04-30").await;
    let lea = candidate(&app, "lea@example.fr").await;
    let tom = candidate(&app, "tom@example.fr").await;
    complete_dossier(&app, &lea).await;
    complete_dossier(&app, &tom).await;

    app.state.clock.freeze_at(utc("2026-10-25T23:59:59+01:00"));
    assert!(ok(&apply(&app, &lea, closing).await), "the last day is open until 23:59:59 in Paris");
    app.state.clock.freeze_at(utc("2026-10-26T00:00:00+01:00"));
    assert_eq!(refusal(&apply(&app, &tom, closing).await), Some(ApplyRefusal::Closed(day("2026-10-25"))));

    app.state.clock.freeze_at(utc("2026-03-28T23:59:59+01:00"));
    assert_eq!(refusal(&apply(&app, &lea, opening).await), Some(ApplyRefusal::NotYetOpen(day("2026-03-29"))));
    app.state.clock.freeze_at(utc("2026-03-29T00:00:00+01:00"));
    assert!(ok(&apply(&app, &lea, opening).await), "open from midnight in Paris");
});

on_both_databases!(the_campaign_limit_and_double_clicks_hold_under_concurrency, |app: TestApp| async move {
    sqlx::query("UPDATE campaigns SET max_applications = 2").execute(&app.state.db.pool).await.unwrap();
    app.state.clock.freeze_at(utc("2026-06-15T10:00:00Z"));
    let mut ids = Vec::new();
    for n in 0..4 {
        ids.push(formation(&app, &format!("F{n}"), "2026-06-01", "2026-07-01").await);
    }
    let me = candidate(&app, "lea@example.fr").await;
    complete_dossier(&app, &me).await;
    let replies = futures::future::join_all(ids.iter().map(|f| apply(&app, &me, *f))).await;
    assert_eq!(
        replies.iter().filter(|r| ok(r)).count(),
        2,
        "{:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert!(replies.iter().filter(|r| !ok(r)).all(|r| refusal(r) == Some(ApplyRefusal::LimitReached(2))));
    assert_eq!(app.count("applications").await, 2);

    sqlx::query("UPDATE campaigns SET max_applications = 0").execute(&app.state.db.pool).await.unwrap();
    let free = ids.iter().copied().find(|f| !replies.iter().zip(&ids).any(|(r, id)| ok(r) && id == f)).unwrap();
    let clicks = futures::future::join_all((0..3).map(|_| apply(&app, &me, free))).await;
    assert_eq!(clicks.iter().filter(|r| ok(r)).count(), 1, "three clicks, one application");
    let mails = app
        .mails_to("lea@example.fr")
        .await
        .into_iter()
        .filter(|(s, _)| s.contains("Confirmation de votre candidature"))
        .count();
    assert_eq!(mails, 3, "one mail per application");
});

on_both_databases!(another_candidates_application_is_not_found, |app: TestApp| async move {
    app.state.clock.freeze_at(utc("2026-06-15T10:00:00Z"));
    let f = formation(&app, "F", "2026-06-01", "2026-07-01").await;
    let lea = candidate(&app, "lea@example.fr").await;
    let tom = candidate(&app, "tom@example.fr").await;
    complete_dossier(&app, &lea).await;
    assert!(ok(&apply(&app, &lea, f).await));
    let id = lines(&app, &lea).await[0].id.to_string();
    assert_eq!(
        app.call("/api/candidatures/recapitulatif", &[("id", &id)], Some(&tom)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.call("/api/candidatures/annuler", &[("id", &id)], Some(&tom)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.call("/api/candidatures/recapitulatif", &[("id", &id)], None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(lines(&app, &lea).await.len(), 1, "still there");
});
