//! "Modifier mon adresse mail": the new address takes effect only through
//! the link mailed to it, once; an address already in use changes nothing
//! and the form does not say so.

use axum::http::StatusCode;

use crate::support::{self, link_token, TestApp};
use app::domain::Problem;
use app::error::AppError;

const PASSWORD: &str = "Abcdefgh1!";

fn problem(reply: &support::Reply, field: &str) -> Option<Problem> {
    serde_json::from_str::<AppError>(&reply.body).ok().and_then(|e| e.field(field).cloned())
}

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

async fn ask(app: &TestApp, me: &str, email: &str, confirmation: &str, password: &str) -> support::Reply {
    app.call(
        "/api/compte/adresse",
        &[("email", email), ("email_confirmation", confirmation), ("current_password", password)],
        Some(me),
    )
    .await
}

on_both_databases!(a_new_address_takes_effect_through_its_link_once, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let me = app.sign_in(&login, PASSWORD).await.cookie.unwrap();

    let wrong = ask(&app, &me, "lea.martin@example.org", "lea.martin@example.org", "Pas-le-bon-1").await;
    assert_eq!(problem(&wrong, "current_password"), Some(Problem::PasswordWrong));
    let same = ask(&app, &me, "LEA@example.fr", "lea@example.fr", PASSWORD).await;
    assert_eq!(problem(&same, "email"), Some(Problem::EmailUnchanged));
    let mismatch = ask(&app, &me, "lea.martin@example.org", "lea@example.org", PASSWORD).await;
    assert_eq!(problem(&mismatch, "email_confirmation"), Some(Problem::EmailMismatch));
    assert_eq!(app.count("email_changes").await, 0, "a refused request stores nothing");

    assert!(ok(&ask(&app, &me, "lea.martin@example.org", "lea.martin@example.org", PASSWORD).await));
    let pending: Option<String> =
        serde_json::from_str(&app.call("/api/compte/adresse-en-attente", &[], Some(&me)).await.body).unwrap();
    assert_eq!(pending.as_deref(), Some("lea.martin@example.org"));
    let (subject, text) = app.mails_to("lea.martin@example.org").await.pop().expect("the link goes to the new address");
    assert!(subject.contains("nouvelle adresse mail"), "{subject}");
    let (notice, body) = app.mails_to("lea@example.fr").await.pop().unwrap();
    assert!(notice.contains("changement"), "{notice}");
    assert!(
        body.contains("lea.martin@example.org") && !body.contains("/compte/adresse/"),
        "the old address is told, without the link"
    );
    // Until the link is followed, the old address stays the account's.
    assert!(ok(&app.sign_in("lea@example.fr", PASSWORD).await));

    let token = link_token(&text, "/compte/adresse/");
    let done = app.call("/api/compte/adresse/confirmer", &[("token", &token)], None).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(serde_json::from_str::<String>(&done.body).unwrap(), "lea.martin@example.org");
    assert!(ok(&app.sign_in("lea.martin@example.org", PASSWORD).await));
    assert_eq!(app.sign_in("lea@example.fr", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    let again = app.call("/api/compte/adresse/confirmer", &[("token", &token)], None).await;
    assert_eq!(again.status, StatusCode::GONE, "a link serves once");
});

on_both_databases!(an_address_in_use_changes_nothing_and_is_not_revealed, |app: TestApp| async move {
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    app.validated_account("tom@example.fr", PASSWORD).await;
    let me = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    let before = app.mails_to("tom@example.fr").await.len();
    let reply = ask(&app, &me, "tom@example.fr", "tom@example.fr", PASSWORD).await;
    assert!(ok(&reply), "the same answer as for a free address: {}", reply.body);
    assert_eq!(app.count("email_changes").await, 0);
    let mails = app.mails_to("tom@example.fr").await;
    assert_eq!(mails.len(), before + 1);
    assert!(mails.last().unwrap().0.contains("impossible"));
    assert!(ok(&app.sign_in("lea@example.fr", PASSWORD).await), "Léa keeps her address");
});

on_both_databases!(the_later_request_wins_and_a_race_for_one_address_ends_cleanly, |app: TestApp| async move {
    let lea = app.validated_account("lea@example.fr", PASSWORD).await;
    let tom = app.validated_account("tom@example.fr", PASSWORD).await;
    let lea = app.sign_in(&lea, PASSWORD).await.cookie.unwrap();
    let tom = app.sign_in(&tom, PASSWORD).await.cookie.unwrap();
    assert!(ok(&ask(&app, &lea, "first@example.org", "first@example.org", PASSWORD).await));
    let first = link_token(&app.mails_to("first@example.org").await.pop().unwrap().1, "/compte/adresse/");
    assert!(ok(&ask(&app, &lea, "shared@example.org", "shared@example.org", PASSWORD).await));
    assert_eq!(
        app.call("/api/compte/adresse/confirmer", &[("token", &first)], None).await.status,
        StatusCode::GONE,
        "replaced by the later request"
    );
    assert!(ok(&ask(&app, &tom, "shared@example.org", "shared@example.org", PASSWORD).await));
    let links: Vec<String> =
        app.mails_to("shared@example.org").await.iter().map(|(_, text)| link_token(text, "/compte/adresse/")).collect();
    assert_eq!(links.len(), 2);
    let one = app.call("/api/compte/adresse/confirmer", &[("token", &links[0])], None).await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    let two = app.call("/api/compte/adresse/confirmer", &[("token", &links[1])], None).await;
    assert_eq!(problem(&two, "email"), Some(Problem::EmailTaken), "the second finds the address taken: {}", two.body);
    let pending: Option<String> =
        serde_json::from_str(&app.call("/api/compte/adresse-en-attente", &[], Some(&tom)).await.body).unwrap();
    assert_eq!(pending.as_deref(), Some("shared@example.org"), "nothing consumed by the refused attempt");
});
