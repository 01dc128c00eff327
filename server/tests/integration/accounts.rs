//! Candidate accounts through HTTP against the real router, on SQLite and
//! PostgreSQL: creation, duplicates, activation, expiry, sign-in, lockout,
//! reset, password change, staff separation, malformed requests.

use crate::support;

use app::domain::review::StaffRole;
use axum::http::StatusCode;
use support::{link_token, login_in, TestApp};

const PASSWORD: &str = "Abcdefgh1!";

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

on_both_databases!(creation_queues_the_guide_activation_mail, |app: TestApp| async move {
    let reply = app.create_account("lea@example.fr", PASSWORD).await;
    assert!(ok(&reply), "{} {}", reply.status, reply.body);
    assert_eq!(app.count("candidates").await, 1);
    let mails = app.mails_to("lea@example.fr").await;
    assert_eq!(mails.len(), 1);
    let (subject, text) = &mails[0];
    assert_eq!(subject, "Sésame - Validation de votre compte");
    assert!(text.starts_with("Bonjour Léa MARTIN,"), "{text}");
    assert!(text.contains("pour la campagne Campagne eCesure 2026/2027"));
    assert_eq!(login_in(text).len(), 8);
    assert!(text.contains("http://sesame.test/compte/valider/"));
    assert!(text.contains("vous devez valider votre compte avant le "));
});

on_both_databases!(invalid_input_is_refused_field_by_field_and_changes_nothing, |app: TestApp| async move {
    let reply = app
        .call(
            "/api/compte/creer",
            &[
                ("nom", ""),
                ("prenom", "Léa"),
                ("email", "lea@"),
                ("email_confirmation", "lea@"),
                ("password", "court"),
                ("password_confirmation", "court"),
            ],
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    let error: app::error::AppError = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(error.field("nom"), Some(&app::domain::Problem::Required));
    assert_eq!(error.field("email"), Some(&app::domain::Problem::EmailInvalid));
    assert!(matches!(error.field("password"), Some(app::domain::Problem::PasswordRules(_))));
    assert_eq!(app.count("candidates").await, 0);
    assert_eq!(app.count("outbox").await, 0);
});

on_both_databases!(a_second_account_for_one_address_is_never_created, |app: TestApp| async move {
    assert!(ok(&app.create_account("lea@example.fr", PASSWORD).await));
    let again = app.create_account("LEA@Example.FR", "Autremot2!x").await;
    assert!(ok(&again), "same answer as a creation: {}", again.body);
    assert_eq!(app.count("candidates").await, 1);
    let mails = app.mails_to("lea@example.fr").await;
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[1].0, "Sésame - Votre compte existe déjà");
});

on_both_databases!(activation_then_sign_in_with_login_or_address, |app: TestApp| async move {
    app.create_account("lea@example.fr", PASSWORD).await;
    let (_, text) = app.mails_to("lea@example.fr").await.remove(0);
    let login = login_in(&text);
    let refused = app.sign_in(&login, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "not validated yet");
    let token = link_token(&text, "/compte/valider/");
    let validated = app.call("/api/compte/valider", &[("token", &token)], None).await;
    assert_eq!(validated.status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<String>(&validated.body).unwrap(), login);
    let used_again = app.call("/api/compte/valider", &[("token", &token)], None).await;
    assert_eq!(used_again.status, StatusCode::GONE);
    for identifier in [login.as_str(), &login.to_lowercase(), "LEA@example.fr"] {
        let reply = app.sign_in(identifier, PASSWORD).await;
        assert!(ok(&reply), "{identifier}: {}", reply.body);
        let cookie = reply.cookie.expect("a session cookie");
        let frame = app.call("/api/session/cadre", &[], Some(&cookie)).await;
        assert!(frame.body.contains(&login), "{}", frame.body);
    }
});

on_both_databases!(links_expire_and_the_job_deletes_unvalidated_accounts, |app: TestApp| async move {
    app.create_account("lea@example.fr", PASSWORD).await;
    let (_, text) = app.mails_to("lea@example.fr").await.remove(0);
    let token = link_token(&text, "/compte/valider/");
    app.state.clock.advance(5 * 86_400 + 1);
    let late = app.call("/api/compte/valider", &[("token", &token)], None).await;
    assert_eq!(late.status, StatusCode::GONE);
    let mailer = sesame_server::mailer::Mailer::new(
        sesame_server::mailer::Transport::Files(std::env::temp_dir().join("sesame-test-outbox")),
        "Sésame <ne-pas-repondre@sesame.test>".parse().unwrap(),
    );
    let done = sesame_server::jobs::run(&app.state, &mailer, sesame_server::jobs::Job::PurgeUnvalidated).await.unwrap();
    assert!(done.starts_with("1 "), "{done}");
    assert_eq!(app.count("candidates").await, 0);
    assert!(ok(&app.create_account("lea@example.fr", PASSWORD).await), "the address is free again");
    assert_eq!(app.count("candidates").await, 1);
});

on_both_databases!(lost_activation_code_sends_a_new_link_and_says_the_same_for_strangers, |app: TestApp| async move {
    app.create_account("lea@example.fr", PASSWORD).await;
    let known = app.call("/api/compte/code-activation", &[("email", "lea@example.fr")], None).await;
    let unknown = app.call("/api/compte/code-activation", &[("email", "nobody@example.fr")], None).await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.body, unknown.body);
    let mails = app.mails_to("lea@example.fr").await;
    assert_eq!(mails.len(), 2);
    let token = link_token(&mails[1].1, "/compte/valider/");
    let reply = app.call("/api/compte/valider", &[("token", &token)], None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let old = link_token(&mails[0].1, "/compte/valider/");
    assert_ne!(old, token);
});

on_both_databases!(repeated_failures_lock_known_and_unknown_identifiers_alike, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    for _ in 0..5 {
        assert_eq!(app.sign_in(&login, "Wrong-pass1").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.sign_in("nobody@example.fr", "Wrong-pass1").await.status, StatusCode::UNAUTHORIZED);
    }
    let locked = app.sign_in(&login, PASSWORD).await;
    let stranger = app.sign_in("nobody@example.fr", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(stranger.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.body, stranger.body);
    assert_eq!(
        app.sign_in("lea@example.fr", PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the account itself is locked"
    );
    app.state.clock.advance(15 * 60 + 1);
    assert!(ok(&app.sign_in(&login, PASSWORD).await), "unlocked after a quarter of an hour");
});

on_both_databases!(reset_link_changes_the_password_once_and_ends_sessions, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let session = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    let known = app.call("/api/compte/mot-de-passe-oublie", &[("email", "lea@example.fr")], None).await;
    let unknown = app.call("/api/compte/mot-de-passe-oublie", &[("email", "nobody@example.fr")], None).await;
    assert_eq!((known.status, known.body.clone()), (unknown.status, unknown.body));
    let (subject, text) = app.mails_to("lea@example.fr").await.pop().unwrap();
    assert_eq!(subject, "Sésame - Vos identifiants de connexion");
    assert_eq!(login_in(&text), login);
    let token = link_token(&text, "/compte/reinitialiser/");
    let link = app.call("/api/compte/lien-reinitialisation", &[("token", &token)], None).await;
    assert_eq!(
        serde_json::from_str::<app::views::account::ResetLink>(&link.body).unwrap(),
        app::views::account::ResetLink::Reset
    );
    let weak = app
        .call(
            "/api/compte/reinitialiser",
            &[("token", &token), ("password", "faible"), ("password_confirmation", "faible")],
            None,
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    let new = "Nouveau-mot2passe";
    let reset = app
        .call(
            "/api/compte/reinitialiser",
            &[("token", &token), ("password", new), ("password_confirmation", new)],
            None,
        )
        .await;
    assert!(ok(&reset), "{}", reset.body);
    let twice = app
        .call(
            "/api/compte/reinitialiser",
            &[("token", &token), ("password", new), ("password_confirmation", new)],
            None,
        )
        .await;
    assert_eq!(twice.status, StatusCode::GONE);
    assert_eq!(app.sign_in(&login, PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert!(ok(&app.sign_in(&login, new).await));
    let frame = app.call("/api/session/cadre", &[], Some(&session)).await;
    assert!(frame.body.contains("\"me\":null"), "old session ended: {}", frame.body);
});

on_both_databases!(reset_links_expire_after_two_hours, |app: TestApp| async move {
    app.validated_account("lea@example.fr", PASSWORD).await;
    app.call("/api/compte/mot-de-passe-oublie", &[("email", "lea@example.fr")], None).await;
    let token = link_token(&app.mails_to("lea@example.fr").await.pop().unwrap().1, "/compte/reinitialiser/");
    app.state.clock.advance(2 * 3600 + 1);
    let new = "Nouveau-mot2passe";
    let late = app
        .call(
            "/api/compte/reinitialiser",
            &[("token", &token), ("password", new), ("password_confirmation", new)],
            None,
        )
        .await;
    assert_eq!(late.status, StatusCode::GONE);
});

on_both_databases!(a_password_change_ends_the_other_sessions, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let here = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    let elsewhere = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    let wrong = app
        .call(
            "/api/compte/mot-de-passe",
            &[
                ("current_password", "Nope-nope1"),
                ("password", "Nouveau-mot2passe"),
                ("password_confirmation", "Nouveau-mot2passe"),
            ],
            Some(&here),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let changed = app
        .call(
            "/api/compte/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("password", "Nouveau-mot2passe"),
                ("password_confirmation", "Nouveau-mot2passe"),
            ],
            Some(&here),
        )
        .await;
    assert!(ok(&changed), "{}", changed.body);
    assert!(app.call("/api/session/cadre", &[], Some(&here)).await.body.contains(&login), "this session stays");
    assert!(app.call("/api/session/cadre", &[], Some(&elsewhere)).await.body.contains("\"me\":null"), "the other ends");
});

on_both_databases!(sessions_end_after_45_idle_minutes_and_on_sign_out, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let a = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    app.state.clock.advance(44 * 60);
    assert!(app.call("/api/session/cadre", &[], Some(&a)).await.body.contains(&login));
    app.state.clock.advance(44 * 60);
    assert!(app.call("/api/session/cadre", &[], Some(&a)).await.body.contains(&login), "activity kept it alive");
    app.state.clock.advance(46 * 60);
    assert!(app.call("/api/session/cadre", &[], Some(&a)).await.body.contains("\"me\":null"));
    let b = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    app.call("/api/session/deconnexion", &[], Some(&b)).await;
    assert!(app.call("/api/session/cadre", &[], Some(&b)).await.body.contains("\"me\":null"));
});

on_both_databases!(staff_and_candidates_stay_on_their_side, |app: TestApp| async move {
    sesame_server::staff::add(&app.state, "gest@sesame.test", "Gest", StaffRole::Gestionnaire, "Gestion-Test-2026")
        .await
        .unwrap();
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let candidate = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    assert_eq!(
        app.sign_in("gest@sesame.test", "Gestion-Test-2026").await.status,
        StatusCode::UNAUTHORIZED,
        "staff use /gestion"
    );
    let staff_reply = app.staff_sign_in("gest@sesame.test", "Gestion-Test-2026").await;
    assert!(ok(&staff_reply), "{}", staff_reply.body);
    let staff = staff_reply.cookie.unwrap();
    assert_eq!(app.staff_sign_in("lea@example.fr", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.call("/api/gestion/tableau-de-bord", &[], None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.call("/api/gestion/tableau-de-bord", &[], Some(&candidate)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("/api/gestion/tableau-de-bord", &[], Some(&staff)).await.status, StatusCode::OK);
});

on_both_databases!(malformed_requests_get_4xx_never_a_panic, |app: TestApp| async move {
    let missing = app.call("/api/compte/creer", &[("nom", "x")], None).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST, "{}", missing.body);
    let huge = "x".repeat(100 * 1024);
    let big = app.call("/api/session/connexion", &[("identifiant", &huge), ("mot_de_passe", "x")], None).await;
    assert!(big.status.is_client_error(), "{}", big.status);
    let unknown = app.call("/api/nope", &[], None).await;
    assert!(unknown.status.is_client_error(), "{}", unknown.status);
    let long_id = app.sign_in(&"a".repeat(300), "x").await;
    assert_eq!(long_id.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::OK);
});

on_both_databases!(concurrent_creations_for_one_address_make_one_account, |app: TestApp| async move {
    let (a, b) =
        tokio::join!(app.create_account("lea@example.fr", PASSWORD), app.create_account("lea@example.fr", PASSWORD));
    assert!(ok(&a) || ok(&b));
    assert_eq!(app.count("candidates").await, 1);
    assert_eq!(app.mails_to("lea@example.fr").await.iter().filter(|(s, _)| s.contains("Validation")).count(), 1);
});

// A "name" carrying a link or markup would be written into the mails sent
// to its owner and to staff: refused field by field, nothing created.
on_both_databases!(names_cannot_carry_links_into_mails, |app: TestApp| async move {
    for (nom, prenom) in [("https://piege.example", "Léa"), ("Martin", "<b>Léa</b>"), ("Martin", "{{lien}}")] {
        let fields = [
            ("nom", nom),
            ("prenom", prenom),
            ("email", "lea@example.fr"),
            ("email_confirmation", "lea@example.fr"),
            ("password", PASSWORD),
            ("password_confirmation", PASSWORD),
        ];
        let reply = app.call("/api/compte/creer", &fields, None).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
        let error: app::error::AppError = serde_json::from_str(&reply.body).unwrap();
        let field = if nom.starts_with("http") { "nom" } else { "prenom" };
        assert_eq!(error.field(field), Some(&app::domain::Problem::NameInvalid), "{}", reply.body);
    }
    assert_eq!(app.count("candidates").await, 0);
    assert!(app.mails_to("lea@example.fr").await.is_empty());
    assert!(ok(&app.create_account("lea@example.fr", PASSWORD).await), "Jean-Édouard d'Arc and the like still pass");
});
