//! Attacks on sign-in and on the password checks behind a session, on
//! SQLite and PostgreSQL: parallel guessing, locking the owner out from
//! elsewhere, one form's failures spilling onto the other, old links and
//! sessions that outlive what should end them.

use axum::http::StatusCode;

use crate::support::{link_token, TestApp};
use app::domain::review::StaffRole;
use sesame_server::staff;

const PASSWORD: &str = "Abcdefgh1!";
const ATTACKER: &str = "198.51.100.66";
const OWNER: &str = "203.0.113.7";

fn ok(reply: &crate::support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

async fn sign_in_from(
    app: &TestApp,
    address: &str,
    path: &str,
    identifier: &str,
    password: &str,
) -> crate::support::Reply {
    app.call_from(address, path, &[("identifiant", identifier), ("mot_de_passe", password)], None).await
}

on_both_databases!(fifty_parallel_guesses_check_at_most_five_passwords, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let before = app.state.hasher.verified();
    let guesses =
        (0..50).map(|n| {
            let app = &app;
            let login = login.clone();
            async move {
                sign_in_from(app, ATTACKER, "/api/session/connexion", &login, &format!("Wrong-pass{n}!")).await.status
            }
        });
    let statuses = futures::future::join_all(guesses).await;
    let checked = app.state.hasher.verified() - before;
    assert!(checked <= 5, "{checked} passwords checked out of 50 sent at once; the limit is 5");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count() as u64, checked);
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count() as u64, 50 - checked);
    // Even the right password is refused from the guessing address…
    let refused = sign_in_from(&app, ATTACKER, "/api/session/connexion", &login, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.retry_after.as_deref(), Some("900"));
    // …but the owner, elsewhere, is not locked out by someone else's guesses.
    assert!(
        ok(&sign_in_from(&app, OWNER, "/api/session/connexion", &login, PASSWORD).await),
        "the owner signs in from their own address"
    );
});

on_both_databases!(a_third_party_cannot_lock_out_a_gestionnaire, |app: TestApp| async move {
    staff::add(&app.state, "gest@sesame.test", "Gest", StaffRole::Gestionnaire, "Gestion-Test-2026").await.unwrap();
    for _ in 0..12 {
        sign_in_from(&app, ATTACKER, "/api/session/connexion-gestion", "gest@sesame.test", "Wrong-pass1!").await;
    }
    assert_eq!(
        sign_in_from(&app, ATTACKER, "/api/session/connexion-gestion", "gest@sesame.test", "Gestion-Test-2026")
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert!(ok(
        &sign_in_from(&app, OWNER, "/api/session/connexion-gestion", "gest@sesame.test", "Gestion-Test-2026").await
    ));
    // The candidate form keeps counters of its own: the staff failures above
    // do not weigh on a candidate signing in from the same address.
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    assert!(ok(&sign_in_from(&app, ATTACKER, "/api/session/connexion", &login, PASSWORD).await));
});

on_both_databases!(the_guessing_address_is_refused_for_a_quarter_of_an_hour_only, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    for _ in 0..5 {
        assert_eq!(
            sign_in_from(&app, ATTACKER, "/api/session/connexion", &login, "Wrong-pass1!").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in_from(&app, ATTACKER, "/api/session/connexion", &login, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    app.state.clock.advance(15 * 60 + 1);
    assert!(ok(&sign_in_from(&app, ATTACKER, "/api/session/connexion", &login, PASSWORD).await));
});

on_both_databases!(password_checks_behind_a_session_are_throttled, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let me = sign_in_from(&app, OWNER, "/api/session/connexion", &login, PASSWORD).await.cookie.unwrap();
    let before = app.state.hasher.verified();
    let guesses = (0..20).map(|n| {
        let app = &app;
        let me = me.clone();
        async move {
            let guess = format!("Wrong-pass{n}!");
            let fields = [
                ("current_password", guess.as_str()),
                ("password", "Nouveau-pass1!"),
                ("password_confirmation", "Nouveau-pass1!"),
            ];
            app.call_from(ATTACKER, "/api/compte/mot-de-passe", &fields, Some(&me)).await.status
        }
    });
    let statuses = futures::future::join_all(guesses).await;
    assert!(
        app.state.hasher.verified() - before <= 5,
        "a stolen session cannot guess the password faster than the sign-in form"
    );
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
    let deletion = app.call_from(ATTACKER, "/api/compte/supprimer", &[("mot_de_passe", PASSWORD)], Some(&me)).await;
    assert_eq!(
        deletion.status,
        StatusCode::TOO_MANY_REQUESTS,
        "not even the right password, from the guessing address"
    );
    assert_eq!(app.count("candidates").await, 1);
});

on_both_databases!(a_reset_revokes_the_other_links_and_checks_its_token_first, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    for _ in 0..2 {
        assert!(ok(&app.call("/api/compte/mot-de-passe-oublie", &[("email", "lea@example.fr")], None).await));
        app.state.clock.advance(1);
    }
    let mails = app.mails_to("lea@example.fr").await;
    assert_eq!(mails.len(), 3, "{:?}", mails.iter().map(|m| &m.0).collect::<Vec<_>>());
    let first = link_token(&mails[mails.len() - 2].1, "/compte/reinitialiser/");
    let second = link_token(&mails[mails.len() - 1].1, "/compte/reinitialiser/");
    let forged = app
        .call(
            "/api/compte/reinitialiser",
            &[("token", "forged"), ("password", "Nouveau-pass1!"), ("password_confirmation", "Nouveau-pass1!")],
            None,
        )
        .await;
    assert_eq!(forged.status, StatusCode::GONE);
    let reset = |token: String| {
        let app = &app;
        async move {
            app.call(
                "/api/compte/reinitialiser",
                &[("token", &token), ("password", "Nouveau-pass1!"), ("password_confirmation", "Nouveau-pass1!")],
                None,
            )
            .await
        }
    };
    assert!(ok(&reset(second).await));
    assert_eq!(reset(first).await.status, StatusCode::GONE, "the older link died with the reset");
    assert!(ok(&app.sign_in(&login, "Nouveau-pass1!").await));
});

on_both_databases!(a_session_ends_twelve_hours_after_sign_in_however_active, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let me = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    for _ in 0..23 {
        app.state.clock.advance(30 * 60);
        let alive = app.call("/api/session/maintenir", &[], Some(&me)).await;
        assert_eq!(alive.body, "true");
    }
    app.state.clock.advance(31 * 60);
    assert_eq!(
        app.call("/api/session/maintenir", &[], Some(&me)).await.body,
        "false",
        "12 hours after sign-in the session is over"
    );
});

on_both_databases!(many_people_behind_one_address_sign_in_all_day, |app: TestApp| async move {
    // A campus behind one address: its successes never count against it.
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    for _ in 0..60 {
        assert!(ok(&sign_in_from(&app, OWNER, "/api/session/connexion", &login, PASSWORD).await));
    }
});

// A script posting the open forms as fast as it can from one address: past
// the burst limit (120 a minute by default) it gets 429 with Retry-After,
// and no mail is queued for those; another address is not held back.
on_both_databases!(one_address_cannot_flood_the_open_forms, |app: TestApp| async move {
    app.validated_account("lea@example.fr", PASSWORD).await;
    let before = app.count("outbox").await;
    let limit = app::server::state::DEFAULT_BURST_PER_MINUTE as usize;
    let replies = futures::future::join_all(
        (0..limit + 30)
            .map(|_| app.call_from(ATTACKER, "/api/compte/mot-de-passe-oublie", &[("email", "lea@example.fr")], None)),
    )
    .await;
    let refused: Vec<_> = replies.iter().filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS).collect();
    assert!(refused.len() >= 25, "{} refused", refused.len());
    assert!(refused.iter().all(|r| r
        .retry_after
        .as_deref()
        .and_then(|s| s.parse::<u64>().ok())
        .is_some_and(|s| (1..=60).contains(&s))));
    assert!(refused
        .iter()
        .all(|r| serde_json::from_str::<app::error::AppError>(&r.body).ok() == Some(app::error::AppError::TooFast)));
    let queued = app.count("outbox").await - before;
    assert!(queued <= 3, "the hourly mail quota still holds: {queued}");
    let other = app.call_from(OWNER, "/api/compte/mot-de-passe-oublie", &[("email", "lea@example.fr")], None).await;
    assert!(other.status.is_success() || other.status.is_redirection(), "{}", other.status);
});

// The owner mistypes five times from home: home is refused for a quarter of
// an hour, and the owner is mailed a link that lifts that refusal only —
// the attacker's address, refused too, stays refused; the link works once.
on_both_databases!(the_owner_is_mailed_a_link_that_lifts_the_refusal_of_their_address, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    for address in [OWNER, ATTACKER] {
        for _ in 0..5 {
            assert_eq!(
                sign_in_from(&app, address, "/api/session/connexion", &login, "Wrong-pass1!").await.status,
                StatusCode::UNAUTHORIZED
            );
        }
        assert_eq!(
            sign_in_from(&app, address, "/api/session/connexion", &login, PASSWORD).await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    let mails: Vec<(String, String)> =
        app.mails_to("lea@example.fr").await.into_iter().filter(|(s, _)| s.contains("Mots de passe erronés")).collect();
    assert_eq!(mails.len(), 2, "one mail per refused address");
    let (_, home) = mails.iter().find(|(_, text)| text.contains(OWNER)).expect("the mail names the owner's address");
    assert!(home.contains("un quart d'heure"), "{home}");
    let token = link_token(home, "/compte/debloquer/");

    // Following the link changes nothing; its button does, once.
    assert_eq!(app.get(&format!("/compte/debloquer/{token}"), None).await.status, StatusCode::OK);
    assert_eq!(
        sign_in_from(&app, OWNER, "/api/session/connexion", &login, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert!(ok(&app.call("/api/compte/debloquer", &[("token", &token)], None).await));
    assert_eq!(app.call("/api/compte/debloquer", &[("token", &token)], None).await.status, StatusCode::GONE);
    assert!(ok(&sign_in_from(&app, OWNER, "/api/session/connexion", &login, PASSWORD).await), "home is unlocked");
    assert_eq!(
        sign_in_from(&app, ATTACKER, "/api/session/connexion", &login, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the other address is not"
    );

    // Addresses taking turns cannot flood the owner's mailbox: three such mails an hour.
    for n in 0..2 {
        // A new quarter of an hour each time (no delays piling up), within the hour.
        app.state.clock.advance(16 * 60);
        let address = format!("198.51.100.{}", 10 + n);
        for _ in 0..6 {
            sign_in_from(&app, &address, "/api/session/connexion", &login, "Wrong-pass1!").await;
        }
    }
    let count =
        app.mails_to("lea@example.fr").await.into_iter().filter(|(s, _)| s.contains("Mots de passe erronés")).count();
    assert_eq!(count, 3, "the hourly quota of such mails");
    assert_eq!(app.call("/api/compte/debloquer", &[("token", "forged")], None).await.status, StatusCode::GONE);
});
