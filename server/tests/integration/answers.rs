//! After the decision (issue 6), on SQLite and PostgreSQL: confirmation,
//! withdrawal, the deadline (Europe/Paris) and its automatic withdrawal,
//! the waiting list called into freed places, never above capacity, even
//! when two candidates withdraw at once.

use axum::http::StatusCode;

use crate::review::{decide, detail, judge, line, parsed, set_status, staff_member, transmitted, world, World};
use crate::support::{self, TestApp};
use app::domain::confirmation::AnswerRefusal;
use app::domain::decision::DecisionKind;
use app::domain::review::StaffRole;
use app::error::AppError;

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

/// Validates both pieces, marks the dossier Complet, prepares and publishes the decision.
pub(crate) async fn decided(app: &TestApp, gest: &str, w: &World, id: i64, decision: &[(&str, &str)]) {
    for piece in [w.cv, w.capture] {
        let d = parsed(&detail(app, gest, id).await);
        assert!(ok(&judge(app, gest, id, d.version, piece, "validee", "").await));
    }
    let d = parsed(&detail(app, gest, id).await);
    assert!(ok(&set_status(app, gest, id, d.version, "complet").await));
    let d = parsed(&detail(app, gest, id).await);
    assert!(ok(&decide(app, gest, id, d.version, decision).await));
    let d = parsed(&detail(app, gest, id).await);
    let publish = app
        .call(
            "/api/gestion/candidature/decision/publier",
            &[("application", &id.to_string()), ("version", &d.version.to_string())],
            Some(gest),
        )
        .await;
    assert!(ok(&publish), "{}", publish.body);
}

async fn summary(app: &TestApp, me: &str, id: i64) -> app::views::applications::ApplicationDetail {
    let reply = app.call("/api/candidatures/recapitulatif", &[("id", &id.to_string())], Some(me)).await;
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

fn refusal(reply: &support::Reply) -> Option<AnswerRefusal> {
    match serde_json::from_str::<AppError>(&reply.body) {
        Ok(AppError::AnswerRefused(r)) => Some(r),
        _ => None,
    }
}

async fn answer(app: &TestApp, me: &str, id: i64, what: &str) -> support::Reply {
    app.call(&format!("/api/candidatures/{what}"), &[("application", &id.to_string())], Some(me)).await
}

async fn set_capacity(app: &TestApp, formation: i64, capacity: i64) {
    sqlx::query("UPDATE formations SET capacity = $1, waiting_list = 1 WHERE id = $2")
        .bind(capacity)
        .bind(formation)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
}

/// Signs in again (sessions end after 45 idle minutes: the clock moved).
async fn again(app: &TestApp, email: &str) -> String {
    app.sign_in(email, "Abcdefgh1!").await.cookie.expect("signed in again")
}

fn subjects(mails: &[(String, String)], subject: &str) -> usize {
    mails.iter().filter(|(s, _)| s == subject).count()
}

on_every_store!(
    a_favourable_decision_is_confirmed_withdrawn_and_its_place_goes_down_the_waiting_list,
    |app: TestApp| async move {
        let w = world(&app).await;
        set_capacity(&app, w.formation, 1).await;
        sqlx::query("UPDATE centres SET signatory = 'Le responsable des admissions' WHERE id = $1")
            .bind(w.centre)
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
        let (alpha_me, alpha) = transmitted(&app, &w, "alpha@example.fr", "ALPHA").await;
        let (beta_me, beta) = transmitted(&app, &w, "beta@example.fr", "BETA").await;
        let (gamma_me, gamma) = transmitted(&app, &w, "gamma@example.fr", "GAMMA").await;
        decided(&app, &gest, &w, alpha, &[("decision", "favorable")]).await;
        decided(&app, &gest, &w, beta, &[("decision", "liste_complementaire"), ("rang", "1")]).await;
        decided(&app, &gest, &w, gamma, &[("decision", "liste_complementaire"), ("rang", "2")]).await;

        // Published on Monday 15 June 2026 (10:00 UTC): 7 days, until Monday 22 June 23:59 in Paris.
        let a = summary(&app, &alpha_me, alpha).await.answer.expect("an answer is awaited");
        assert!(a.may_confirm && a.may_withdraw);
        assert_eq!(a.last_day.map(|d| d.french()).as_deref(), Some("22/06/2026"));
        let (_, text) =
            app.mails_to("alpha@example.fr").await.into_iter().find(|(s, _)| s == "Candidature - décision").unwrap();
        assert!(text.contains("avant le 22/06/2026"), "{text}");
        assert!(summary(&app, &beta_me, beta).await.answer.is_none(), "the waiting list has nothing to answer");

        // The admission letter: the candidate's, with the formation, the year and the signatory.
        let letter = app.get(&format!("/fichiers/candidature/{alpha}/lettre-admission"), Some(&alpha_me)).await;
        assert_eq!(letter.status, StatusCode::OK);
        assert!(letter.body.starts_with("%PDF"));
        for words in ["Lettre d'admission", "FORMATION A", "2026/2027", "15/06/2026", "Destinataire", "Le responsable"]
        {
            assert!(letter.body.contains(words), "the letter says {words}");
        }
        assert_eq!(
            app.get(&format!("/fichiers/candidature/{beta}/lettre-admission"), Some(&beta_me)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(&format!("/fichiers/candidature/{alpha}/lettre-admission"), Some(&beta_me)).await.status,
            StatusCode::NOT_FOUND
        );
        // The whole dossier: a first page, then every piece's file.
        let whole = app
            .send(
                axum::http::Request::get(format!("/fichiers/candidature/{alpha}/dossier"))
                    .header("cookie", &alpha_me)
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(whole.status, StatusCode::OK, "{}", whole.body);
        assert!(whole.body.contains("CURRICULUM VITAE") && whole.body.contains("Dossier de candidature"));

        // Confirmed once, whatever the clicks.
        let clicks = futures::future::join_all((0..3).map(|_| answer(&app, &alpha_me, alpha, "confirmer"))).await;
        assert_eq!(clicks.iter().filter(|r| ok(r)).count(), 1);
        assert_eq!(subjects(&app.mails_to("alpha@example.fr").await, "Candidature - confirmation"), 1);
        assert_eq!(refusal(&answer(&app, &alpha_me, alpha, "confirmer").await), Some(AnswerRefusal::AlreadyConfirmed));
        // Somebody else's application: 404.
        assert_eq!(answer(&app, &beta_me, alpha, "desister").await.status, StatusCode::NOT_FOUND);

        // Withdrawing after confirming: final, and the first of the waiting list is called.
        assert!(ok(&answer(&app, &alpha_me, alpha, "desister").await));
        assert_eq!(refusal(&answer(&app, &alpha_me, alpha, "desister").await), Some(AnswerRefusal::AlreadyWithdrawn));
        assert_eq!(subjects(&app.mails_to("alpha@example.fr").await, "Candidature - désistement"), 1);
        assert_eq!(line(&app, beta_me.clone()).await.decision.map(|d| d.kind), Some(DecisionKind::Favorable));
        assert_eq!(subjects(&app.mails_to("beta@example.fr").await, "Candidature - avis favorable"), 1);
        assert_eq!(
            line(&app, gamma_me.clone()).await.decision.map(|d| (d.kind, d.rank)),
            Some((DecisionKind::ListeComplementaire, Some(2)))
        );

        // Beta lets the deadline pass. At 23:59 on the last day (Paris, summer time) it is still open…
        let beta_answer = summary(&app, &beta_me, beta).await.answer.unwrap();
        assert_eq!(beta_answer.last_day.map(|d| d.french()).as_deref(), Some("22/06/2026"));
        // A reminder leaves once, two days before the deadline.
        let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap().timestamp();
        app.state.clock.freeze_at(at("2026-06-20T12:00:00Z"));
        assert_eq!(app::server::answers::remind(&app.state).await.unwrap(), 0);
        app.state.clock.freeze_at(at("2026-06-21T00:00:00Z"));
        assert_eq!(app::server::answers::remind(&app.state).await.unwrap(), 1);
        assert_eq!(app::server::answers::remind(&app.state).await.unwrap(), 0);
        assert_eq!(subjects(&app.mails_to("beta@example.fr").await, "Candidature - confirmez votre candidature"), 1);
        let last_minute = at("2026-06-22T23:59:00+02:00");
        app.state.clock.freeze_at(last_minute);
        let (beta_me, gamma_me) = (again(&app, "beta@example.fr").await, again(&app, "gamma@example.fr").await);
        assert_eq!(app::server::answers::expire(&app.state).await.unwrap(), 0);
        assert!(summary(&app, &beta_me, beta).await.answer.unwrap().may_confirm);
        // …and at midnight it is over: withdrawn by the deadline, mailed, gamma called.
        app.state.clock.freeze_at(last_minute + 60);
        assert_eq!(refusal(&answer(&app, &beta_me, beta, "confirmer").await), Some(AnswerRefusal::DeadlinePassed));
        assert_eq!(app::server::answers::expire(&app.state).await.unwrap(), 1);
        assert_eq!(app::server::answers::expire(&app.state).await.unwrap(), 0, "a withdrawal runs once");
        let beta_answer = summary(&app, &beta_me, beta).await.answer.unwrap();
        assert_eq!(beta_answer.state, app::domain::confirmation::Answer::Withdrawn { by_deadline: true });
        assert_eq!(subjects(&app.mails_to("beta@example.fr").await, "Candidature - désistement"), 1);
        assert_eq!(line(&app, gamma_me.clone()).await.decision.map(|d| d.kind), Some(DecisionKind::Favorable));
        // Gamma's deadline starts from the call: 7 days after 23 June.
        assert_eq!(
            summary(&app, &gamma_me, gamma).await.answer.unwrap().last_day.map(|d| d.french()).as_deref(),
            Some("30/06/2026")
        );
        // The dashboard counts what stands: one favourable (gamma), two withdrawals.
        let gest = staff_member(&app, "gest2@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
        let board: app::views::staff::Dashboard =
            serde_json::from_str(&app.call("/api/gestion/tableau-de-bord", &[], Some(&gest)).await.body).unwrap();
        let s = board.stats.iter().find(|s| s.formation_id == w.formation).unwrap();
        assert_eq!((s.favorable, s.confirmed, s.withdrawn, s.liste_complementaire), (1, 0, 2, 0));
    }
);

on_both_databases!(two_withdrawals_at_once_never_fill_beyond_capacity, |app: TestApp| async move {
    let w = world(&app).await;
    set_capacity(&app, w.formation, 2).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let mut people = Vec::new();
    for (i, name) in ["A", "B", "C", "D", "E"].iter().enumerate() {
        let (me, id) = transmitted(&app, &w, &format!("{}@example.fr", name.to_lowercase()), name).await;
        let decision: Vec<(&str, &str)> = match i {
            0 | 1 => vec![("decision", "favorable")],
            _ => vec![("decision", "liste_complementaire"), ("rang", ["1", "2", "3"][i - 2])],
        };
        decided(&app, &gest, &w, id, &decision).await;
        people.push((me, id));
    }
    let (a, b) = (&people[0], &people[1]);
    let both = futures::future::join(answer(&app, &a.0, a.1, "desister"), answer(&app, &b.0, b.1, "desister")).await;
    assert!(ok(&both.0) && ok(&both.1), "{} {}", both.0.body, both.1.body);
    let mut kinds = Vec::new();
    for (me, _) in &people[2..] {
        kinds.push(line(&app, me.clone()).await.decision.map(|d| d.kind));
    }
    // Two places freed, two called, in rank order; the third still waits.
    assert_eq!(
        kinds,
        vec![Some(DecisionKind::Favorable), Some(DecisionKind::Favorable), Some(DecisionKind::ListeComplementaire)]
    );
    let holding: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM applications WHERE decision = 'favorable' AND withdrawn_at IS NULL")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(holding, 2);
});

on_both_databases!(
    the_deadline_job_runs_once_across_two_servers_and_staff_see_its_last_run,
    |app: TestApp| async move {
        use sesame_server::jobs::{self, Job, JobError};
        use sesame_server::mailer::{Mailer, Transport};
        let w = world(&app).await;
        let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
        let mut late = Vec::new();
        for name in ["A", "B", "C"] {
            let (_, id) = transmitted(&app, &w, &format!("{}@example.fr", name.to_lowercase()), name).await;
            decided(&app, &gest, &w, id, &[("decision", "favorable")]).await;
            late.push(id);
        }
        // A second server on the same database, with its own pool and mailer.
        let db = app::server::db::Db::connect(&app.url).await.unwrap();
        let second = app::server::AppState::new(db, (*app.state.settings).clone());
        let after = chrono::DateTime::parse_from_rfc3339("2026-06-23T08:00:00Z").unwrap().timestamp();
        app.state.clock.freeze_at(after);
        second.clock.freeze_at(after);
        let outbox = std::env::temp_dir().join(format!("sesame-jobs-{}", std::process::id()));
        let mailer =
            || Mailer::new(Transport::Files(outbox.clone()), "Sésame <ne-pas-repondre@sesame.test>".parse().unwrap());
        let (one, two) = futures::future::join(
            jobs::run(&app.state, &mailer(), Job::AnswerDeadlines),
            jobs::run(&second, &mailer(), Job::AnswerDeadlines),
        )
        .await;
        // Either one found the lease taken, or they ran one after the other:
        // the three withdrawals are made once in all.
        let ran: Vec<String> = [one, two]
            .into_iter()
            .filter_map(|r| match r {
                Ok(text) => Some(text),
                Err(JobError::Busy) => None,
                Err(e) => panic!("{e}"),
            })
            .collect();
        assert!(!ran.is_empty());
        assert_eq!(ran.iter().filter(|t| t.contains("3 désistement(s)")).count(), 1, "{ran:?}");
        assert!(ran.iter().all(|t| t.contains("3 désistement(s)") || t.contains("0 désistement(s)")), "{ran:?}");
        for name in ["a", "b", "c"] {
            assert_eq!(subjects(&app.mails_to(&format!("{name}@example.fr")).await, "Candidature - désistement"), 1);
        }
        // Run again: nothing more to do, and admins read when it ran and what it did.
        assert!(jobs::run(&second, &mailer(), Job::AnswerDeadlines).await.unwrap().contains("0 désistement(s)"));
        let admin = staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;
        let board: app::views::staff::Dashboard =
            serde_json::from_str(&app.call("/api/gestion/tableau-de-bord", &[], Some(&admin)).await.body).unwrap();
        let run = board.jobs.iter().find(|j| j.name == "answer-deadlines").expect("the job is listed");
        assert!(
            run.finished.as_deref().is_some_and(|t| t.starts_with("23/06/2026"))
                && run.result.contains("0 désistement(s)")
        );
        let _ = std::fs::remove_dir_all(outbox);
    }
);

on_both_databases!(an_application_not_transmitted_is_reminded_once_before_its_deadline, |app: TestApp| async move {
    let w = world(&app).await;
    // One candidate applies and waits; another transmits.
    let login = app.validated_account("lent@example.fr", "Abcdefgh1!").await;
    let me = app.sign_in(&login, "Abcdefgh1!").await.cookie.unwrap();
    crate::applications::complete_dossier(&app, &me).await;
    assert!(ok(&app.call("/api/candidatures/candidater", &[("formation", &w.formation.to_string())], Some(&me)).await));
    transmitted(&app, &w, "rapide@example.fr", "RAPIDE").await;
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap().timestamp();
    // The date limite de retour is 01/07/2026: three days before, not four.
    app.state.clock.freeze_at(at("2026-06-27T12:00:00Z"));
    assert_eq!(app::server::answers::remind_untransmitted(&app.state).await.unwrap(), 0);
    app.state.clock.freeze_at(at("2026-06-28T08:00:00Z"));
    assert_eq!(app::server::answers::remind_untransmitted(&app.state).await.unwrap(), 1);
    assert_eq!(app::server::answers::remind_untransmitted(&app.state).await.unwrap(), 0, "once");
    let mails = app.mails_to("lent@example.fr").await;
    let (_, text) = mails.iter().find(|(s, _)| s == "Candidature - dossier à transmettre").expect("reminded");
    assert!(text.contains("avant le 01/07/2026"), "{text}");
    assert_eq!(subjects(&app.mails_to("rapide@example.fr").await, "Candidature - dossier à transmettre"), 0);
});
