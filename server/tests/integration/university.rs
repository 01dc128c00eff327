//! Sign-in through the university's CAS, against a real CAS 3.0 server
//! (django-cas-server, started by `scripts/cas.sh`: `SESAME_TEST_CAS_URL`),
//! on SQLite and PostgreSQL: the first sign-in, its form and validation
//! mail, later sign-ins straight in; unknown, replayed and foreign-service
//! tickets; the CAS server unreachable; an existing account with the same
//! address joined only through its mailed link; staff tied to a CAS
//! identifier; the directory (Debian's slapd, `scripts/ldap.sh`:
//! `SESAME_TEST_LDAP_*`) read at each CAS sign-in, absent, down or silent.

use crate::support;

use app::domain::review::StaffRole;
use axum::http::StatusCode;
use support::{link_token, TestApp};

/// Sésame's address in these tests: the CAS server's service pattern
/// accepts loopback addresses only.
const PUBLIC: &str = "http://127.0.0.1:3999";
pub(crate) const STUDENT_PASSWORD: &str = "Etudiant-Cas-2026";

fn cas_url() -> String {
    std::env::var("SESAME_TEST_CAS_URL")
        .expect("SESAME_TEST_CAS_URL must name a CAS server (scripts/test.sh starts one: scripts/cas.sh)")
}

/// The test app, its CAS configured.
fn with_cas(app: TestApp) -> TestApp {
    with_cas_at(app, &cas_url())
}

fn with_cas_at(app: TestApp, cas: &str) -> TestApp {
    app.with_settings(|s| {
        s.public_url = PUBLIC.into();
        s.university = Some(app::server::sso::University::new("l'Université d'Exemple".into(), cas.into()));
    })
}

/// The directory of the tests' slapd, or one at `url`.
fn directory_at(url: Option<&str>) -> app::server::sso::directory::Directory {
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} must be set (scripts/ldap.sh)"));
    let password = std::fs::read_to_string(var("SESAME_TEST_LDAP_PASSWORD_FILE")).unwrap();
    app::server::sso::directory::Directory {
        url: url.map(str::to_owned).unwrap_or_else(|| var("SESAME_TEST_LDAP_URL")),
        base: var("SESAME_TEST_LDAP_BASE"),
        bind_dn: var("SESAME_TEST_LDAP_BIND_DN"),
        password: password.trim_end().to_owned(),
        starttls: false,
    }
}

/// The test app, its CAS and directory configured.
pub(crate) fn with_cas_and_directory(app: TestApp, directory_url: Option<&str>) -> TestApp {
    let directory = directory_at(directory_url);
    app.with_settings(|s| {
        s.public_url = PUBLIC.into();
        s.university = Some(
            app::server::sso::University::new("l'Université d'Exemple".into(), cas_url()).with_directory(directory),
        );
    })
}

pub(crate) async fn sign_in_form(app: &TestApp, cookie: &str) -> app::views::account::UniversitySignIn {
    let form = app.call("/api/universite/verifier", &[], Some(cookie)).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    serde_json::from_str(&form.body).unwrap()
}

/// Signs in on the CAS server's own form, as a browser does, and returns the
/// ticket it sends back to `service`.
pub(crate) async fn cas_ticket(service: &str, user: &str, password: &str) -> String {
    let client =
        reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let login = format!("{}/login", cas_url());
    let page = client.get(&login).query(&[("service", service)]).send().await.unwrap().text().await.unwrap();
    let mut fields: Vec<(String, String)> = hidden_inputs(&page);
    fields.push(("username".into(), user.into()));
    fields.push(("password".into(), password.into()));
    let answer = client.post(&login).query(&[("service", service)]).form(&fields).send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::FOUND, "CAS sign-in of {user}: {}", answer.text().await.unwrap());
    let to = answer.headers()["location"].to_str().unwrap().to_owned();
    let ticket = to.split("ticket=").nth(1).unwrap_or_else(|| panic!("no ticket in {to}"));
    ticket.split('&').next().unwrap().to_owned()
}

/// The hidden inputs of the CAS sign-in form (CSRF token, login ticket…).
fn hidden_inputs(html: &str) -> Vec<(String, String)> {
    let attribute = |tag: &str, name: &str| {
        let key = format!("{name}=\"");
        tag.find(&key).map(|i| tag[i + key.len()..].split('"').next().unwrap_or("").to_owned())
    };
    html.split("<input")
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(""))
        .filter(|tag| tag.contains("type=\"hidden\""))
        .filter_map(|tag| Some((attribute(tag, "name")?, attribute(tag, "value").unwrap_or_default())))
        .collect()
}

pub(crate) fn candidate_service() -> String {
    format!("{PUBLIC}/cas/retour")
}

/// Back from CAS with the ticket: the redirect and the cookie set.
pub(crate) async fn back(app: &TestApp, path: &str, ticket: &str) -> support::Reply {
    app.get(&format!("{path}?ticket={ticket}"), None).await
}

pub(crate) async fn first_sign_in(app: &TestApp, user: &str) -> String {
    let ticket = cas_ticket(&candidate_service(), user, STUDENT_PASSWORD).await;
    let reply = back(app, "/cas/retour", &ticket).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location.as_deref(), Some("/compte/universite"));
    reply.cookie.expect("the first sign-in's cookie")
}

on_both_databases!(a_first_cas_sign_in_asks_the_address_then_mails_the_validation, |app: TestApp| async move {
    let app = with_cas(app);
    // The button leads to the CAS server with Sésame's exact service address.
    let go = app.get("/cas/connexion", None).await;
    assert_eq!(go.status, StatusCode::SEE_OTHER);
    assert_eq!(
        go.location.as_deref(),
        Some(format!("{}/login?service=http%3A%2F%2F127.0.0.1%3A3999%2Fcas%2Fretour", cas_url()).as_str())
    );
    let cookie = first_sign_in(&app, "etu.martin").await;
    assert_eq!(app.count("candidates").await, 0, "no account before the form is sent");
    // "Vérifier les informations…": what CAS released.
    let form = app.call("/api/universite/verifier", &[], Some(&cookie)).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let form: app::views::account::UniversitySignIn = serde_json::from_str(&form.body).unwrap();
    assert_eq!(form.uid, "etu.martin");
    assert_eq!((form.nom.as_str(), form.prenom.as_str()), ("Martin", "Léa"));
    assert!(form.names_from_university);
    assert_eq!(form.email, "lea.martin@etu.univ-exemple.fr");
    // A bad address is refused field by field, and changes nothing.
    let bad =
        app.call("/api/universite/confirmer", &[("nom", ""), ("prenom", ""), ("email", "lea@")], Some(&cookie)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let error: app::error::AppError = serde_json::from_str(&bad.body).unwrap();
    assert!(error.field("email").is_some());
    assert_eq!(error.field("nom"), None, "the names the university gave are not the form's");
    assert_eq!(app.count("candidates").await, 0);
    // The student chooses another address; the names stay the university's.
    let sent = app
        .call(
            "/api/universite/confirmer",
            &[("nom", "Autre"), ("prenom", "Nom"), ("email", "lea.perso@example.fr")],
            Some(&cookie),
        )
        .await;
    assert!(sent.status.is_success(), "{} {}", sent.status, sent.body);
    let row: (String, String, Option<String>) =
        sqlx::query_as("SELECT nom, prenom, cas_uid FROM candidates").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(row, ("MARTIN".into(), "Léa".into(), Some("etu.martin".into())));
    let mails = app.mails_to("lea.perso@example.fr").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, "Sésame - Validation de votre compte");
    // Sent twice (a double click, a second tab): one account, one mail.
    let again = app
        .call("/api/universite/confirmer", &[("nom", ""), ("prenom", ""), ("email", "x@example.fr")], Some(&cookie))
        .await;
    assert_eq!(again.status, StatusCode::GONE, "{}", again.body);
    assert_eq!(app.count("candidates").await, 1);
    // Before validation, a CAS sign-in does not go in, and says why.
    let early =
        back(&app, "/cas/retour", &cas_ticket(&candidate_service(), "etu.martin", STUDENT_PASSWORD).await).await;
    assert_eq!(early.location.as_deref(), Some("/connexion?universite=a-valider"));
    assert_eq!(early.cookie, None);
    // The validation link, then CAS sign-ins go straight in.
    let token = link_token(&mails[0].1, "/compte/valider/");
    let validated = app.call("/api/compte/valider", &[("token", &token)], None).await;
    assert_eq!(validated.status, StatusCode::OK, "{}", validated.body);
    let later =
        back(&app, "/cas/retour", &cas_ticket(&candidate_service(), "etu.martin", STUDENT_PASSWORD).await).await;
    assert_eq!(later.location.as_deref(), Some("/"));
    let session = later.cookie.expect("a session");
    assert!(session.starts_with("sesame_session="), "{session}");
    let frame = app.call("/api/session/cadre", &[], Some(&session)).await;
    assert!(frame.body.contains("Léa MARTIN"), "{}", frame.body);
    // No password signs in to an account made through CAS.
    let login = serde_json::from_str::<String>(&validated.body).unwrap();
    for password in ["!cas", "", "Etudiant-Cas-2026"] {
        let reply = app.sign_in(&login, password).await;
        assert!(!reply.status.is_success(), "{password:?} signed in");
    }
});

on_both_databases!(unknown_replayed_and_foreign_tickets_are_refused, |app: TestApp| async move {
    let app = with_cas(app);
    let refused = Some("/connexion?universite=refusee");
    // Unknown, malformed, missing.
    for path in ["/cas/retour?ticket=ST-1-inconnu", "/cas/retour?ticket=ST-1%26service%3Devil", "/cas/retour"] {
        let reply = app.get(path, None).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(reply.location.as_deref(), refused, "{path}");
        assert_eq!(reply.cookie, None, "{path}");
    }
    // Replayed: a ticket is good once.
    let ticket = cas_ticket(&candidate_service(), "etu.dupont", STUDENT_PASSWORD).await;
    assert_eq!(back(&app, "/cas/retour", &ticket).await.location.as_deref(), Some("/compte/universite"));
    let replay = back(&app, "/cas/retour", &ticket).await;
    assert_eq!(replay.location.as_deref(), refused);
    assert_eq!(replay.cookie, None);
    // Issued to another service (another site on the same CAS).
    let foreign = cas_ticket("http://127.0.0.1:4000/autre-application", "etu.dupont", STUDENT_PASSWORD).await;
    let reply = back(&app, "/cas/retour", &foreign).await;
    assert_eq!(reply.location.as_deref(), refused);
    // A candidate's ticket is not a staff one: another service address.
    let candidate = cas_ticket(&candidate_service(), "pers.gestion", "Personnel-Cas-2026").await;
    let reply = back(&app, "/gestion/cas/retour", &candidate).await;
    assert_eq!(reply.location.as_deref(), Some("/gestion/connexion?universite=refusee"));
    // The first sign-in's form without its cookie, or with a forged one.
    for cookie in [None, Some("sesame_universite=forged")] {
        let reply = app.call("/api/universite/verifier", &[], cookie).await;
        assert_eq!(reply.status, StatusCode::GONE, "{cookie:?}: {}", reply.body);
    }
    assert_eq!(app.count("candidates").await, 0);
    assert_eq!(app.count("sessions").await, 0);
});

on_both_databases!(a_cas_server_that_does_not_answer_is_explained, |app: TestApp| async move {
    // A port where nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}/cas", closed.local_addr().unwrap());
    drop(closed);
    let app = with_cas_at(app, &dead);
    let reply = app.get("/cas/retour?ticket=ST-1-abc", None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location.as_deref(), Some("/connexion?universite=indisponible"));
    assert_eq!(reply.cookie, None);
});

on_both_databases!(without_cas_configured_its_routes_do_not_exist, |app: TestApp| async move {
    for path in ["/cas/connexion", "/cas/retour?ticket=ST-1-abc", "/gestion/cas/connexion"] {
        assert_eq!(app.get(path, None).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let frame = app.call("/api/session/cadre", &[], None).await;
    assert!(frame.body.contains("\"university\":null"), "{}", frame.body);
});

on_both_databases!(an_existing_account_is_joined_only_through_its_mailed_link, |app: TestApp| async move {
    let app = with_cas(app);
    // Camille already has an external account with the address CAS gives.
    let login =
        app.validated_named_account("Dupont", "Camille", "camille.dupont@etu.univ-exemple.fr", "Abcdefgh1!").await;
    let cookie = first_sign_in(&app, "etu.dupont").await;
    let sent = app
        .call(
            "/api/universite/confirmer",
            &[("nom", ""), ("prenom", ""), ("email", "Camille.Dupont@etu.univ-exemple.fr")],
            Some(&cookie),
        )
        .await;
    assert!(sent.status.is_success(), "{} {}", sent.status, sent.body);
    // Nothing taken over: one account, not tied, its password still good.
    assert_eq!(app.count("candidates").await, 1);
    let tied: Option<String> =
        sqlx::query_scalar("SELECT cas_uid FROM candidates").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(tied, None);
    let refused =
        back(&app, "/cas/retour", &cas_ticket(&candidate_service(), "etu.dupont", STUDENT_PASSWORD).await).await;
    assert_eq!(refused.location.as_deref(), Some("/compte/universite"), "still a first sign-in");
    let mails = app.mails_to("camille.dupont@etu.univ-exemple.fr").await;
    let (subject, text) = mails.last().unwrap();
    assert_eq!(subject, "Sésame - Rattacher votre compte à votre connexion l'Université d'Exemple");
    assert!(text.contains(&login), "{text}");
    // The link, opened: joined once; a second use is refused.
    let token = link_token(text, "/compte/rattacher/");
    let joined = app.call("/api/universite/rattacher", &[("token", &token)], None).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    assert_eq!(serde_json::from_str::<String>(&joined.body).unwrap(), login);
    let twice = app.call("/api/universite/rattacher", &[("token", &token)], None).await;
    assert_eq!(twice.status, StatusCode::GONE);
    let now = back(&app, "/cas/retour", &cas_ticket(&candidate_service(), "etu.dupont", STUDENT_PASSWORD).await).await;
    assert_eq!(now.location.as_deref(), Some("/"));
    assert!(app.sign_in(&login, "Abcdefgh1!").await.status.is_success(), "the password still signs in");
});

on_both_databases!(staff_sign_in_through_cas_only_when_tied, |app: TestApp| async move {
    let app = with_cas(app);
    let staff_service = format!("{PUBLIC}/gestion/cas/retour");
    let ticket = cas_ticket(&staff_service, "pers.gestion", "Personnel-Cas-2026").await;
    let untied = back(&app, "/gestion/cas/retour", &ticket).await;
    assert_eq!(untied.location.as_deref(), Some("/gestion/connexion?universite=sans-compte"));
    assert_eq!(app.count("sessions").await, 0);
    // Tied by an admin, a gestionnaire signs in with their scope.
    use sesame_server::staff;
    let id = staff::add(
        &app.state,
        "marie.gestion@univ-exemple.fr",
        "Marie Gestion",
        StaffRole::Gestionnaire,
        "Gestion-Test-2026",
    )
    .await
    .unwrap();
    staff::tie_cas_uid(&app.state, id, "pers.gestion").await.unwrap();
    // One identifier, one account.
    let other =
        staff::add(&app.state, "autre@univ-exemple.fr", "Autre", StaffRole::Admin, "Gestion-Test-2026").await.unwrap();
    assert!(staff::tie_cas_uid(&app.state, other, "pers.gestion").await.is_err());
    let ticket = cas_ticket(&staff_service, "pers.gestion", "Personnel-Cas-2026").await;
    let tied = back(&app, "/gestion/cas/retour", &ticket).await;
    assert_eq!(tied.location.as_deref(), Some("/gestion"));
    let session = tied.cookie.expect("a staff session");
    let frame = app.call("/api/session/cadre", &[], Some(&session)).await;
    let frame: app::views::session::FrameData = serde_json::from_str(&frame.body).unwrap();
    assert_eq!(frame.me.and_then(|m| m.staff), Some(StaffRole::Gestionnaire));
    // A student's CAS identity is not a staff one.
    let student = cas_ticket(&staff_service, "etu.martin", STUDENT_PASSWORD).await;
    assert_eq!(
        back(&app, "/gestion/cas/retour", &student).await.location.as_deref(),
        Some("/gestion/connexion?universite=sans-compte")
    );
    // A deactivated staff member no longer signs in through CAS.
    sqlx::query("UPDATE staff SET active = 0 WHERE id = $1").bind(id).execute(&app.state.db.pool).await.unwrap();
    let ticket = cas_ticket(&staff_service, "pers.gestion", "Personnel-Cas-2026").await;
    assert_eq!(
        back(&app, "/gestion/cas/retour", &ticket).await.location.as_deref(),
        Some("/gestion/connexion?universite=sans-compte")
    );
});

on_both_databases!(the_directory_completes_what_cas_said, |app: TestApp| async move {
    let app = with_cas_and_directory(app, None);
    let cookie = first_sign_in(&app, "etu.martin").await;
    let form = sign_in_form(&app, &cookie).await;
    assert_eq!(form.ine.as_deref(), Some("0612345678D"));
    assert_eq!(form.birth_date.as_deref(), Some("15/04/2003"));
    assert_eq!(form.student_number.as_deref(), Some("21901234"));
    assert!(!form.directory_unavailable);
    let sent = app
        .call("/api/universite/confirmer", &[("nom", ""), ("prenom", ""), ("email", &form.email)], Some(&cookie))
        .await;
    assert!(sent.status.is_success(), "{}", sent.body);
    // What the directory said is kept on the account.
    let record: String =
        sqlx::query_scalar("SELECT university_record FROM candidates").fetch_one(&app.state.db.pool).await.unwrap();
    let person: app::server::sso::Person = serde_json::from_str(&record).unwrap();
    assert_eq!(person.postal_address, ["12 rue des Lilas", "31400 Toulouse", "France"]);
    assert_eq!(person.directory, app::server::sso::FromDirectory::Found);
});

on_both_databases!(a_person_the_directory_does_not_know_goes_on_with_cas, |app: TestApp| async move {
    let app = with_cas_and_directory(app, None);
    let cookie = first_sign_in(&app, "etu.sansannuaire").await;
    let form = sign_in_form(&app, &cookie).await;
    assert_eq!((form.nom.as_str(), form.prenom.as_str()), ("Absent", "Paul"));
    assert_eq!(form.ine, None);
    assert!(!form.directory_unavailable, "the directory answered");
});

on_both_databases!(a_directory_down_or_silent_never_holds_a_sign_in_up, |app: TestApp| async move {
    // Down: nothing listens. Silent: a listener that accepts and never answers.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let down = format!("ldap://{}", closed.local_addr().unwrap());
    drop(closed);
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_url = format!("ldap://{}", silent.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let base = app;
    for url in [silent_url.as_str(), down.as_str()] {
        let app = with_cas_and_directory(base.clone_for_test(), Some(url));
        let cookie = first_sign_in(&app, "etu.dupont").await;
        let form = sign_in_form(&app, &cookie).await;
        assert!(form.directory_unavailable, "{url}");
        assert_eq!(form.email, "camille.dupont@etu.univ-exemple.fr", "CAS's word");
        if url == down {
            let sent = app
                .call(
                    "/api/universite/confirmer",
                    &[("nom", ""), ("prenom", ""), ("email", &form.email)],
                    Some(&cookie),
                )
                .await;
            assert!(sent.status.is_success(), "{}", sent.body);
        }
    }
    // The account made while the directory was down has no record; once
    // validated, the next sign-in with the directory back fetches it.
    let record: Option<String> =
        sqlx::query_scalar("SELECT university_record FROM candidates").fetch_one(&base.state.db.pool).await.unwrap();
    assert_eq!(record, None);
    sqlx::query("UPDATE candidates SET validated_at = 1").execute(&base.state.db.pool).await.unwrap();
    let app = with_cas_and_directory(base, None);
    let reply =
        back(&app, "/cas/retour", &cas_ticket(&candidate_service(), "etu.dupont", STUDENT_PASSWORD).await).await;
    assert_eq!(reply.location.as_deref(), Some("/"));
    let record: String =
        sqlx::query_scalar("SELECT university_record FROM candidates").fetch_one(&app.state.db.pool).await.unwrap();
    assert!(record.contains("\"directory\":\"Found\""), "{record}");
});

on_both_databases!(a_first_sign_in_and_a_join_link_expire_and_are_purged, |app: TestApp| async move {
    let app = with_cas(app);
    app.validated_named_account("Dupont", "Camille", "camille.dupont@etu.univ-exemple.fr", "Abcdefgh1!").await;
    // A join link mailed, then a second first sign-in left unsent.
    let cookie = first_sign_in(&app, "etu.dupont").await;
    let form = sign_in_form(&app, &cookie).await;
    let sent = app
        .call("/api/universite/confirmer", &[("nom", ""), ("prenom", ""), ("email", &form.email)], Some(&cookie))
        .await;
    assert!(sent.status.is_success(), "{}", sent.body);
    let (_, text) = app.mails_to("camille.dupont@etu.univ-exemple.fr").await.pop().unwrap();
    let token = link_token(&text, "/compte/rattacher/");
    let left = first_sign_in(&app, "etu.martin").await;
    assert_eq!((app.count("university_sign_ins").await, app.count("university_joins").await), (1, 1));
    // Thirty minutes on, the form is gone; 48 hours on, the link.
    app.state.clock.advance(30 * 60 + 1);
    let late = app.call("/api/universite/verifier", &[], Some(&left)).await;
    assert_eq!(late.status, StatusCode::GONE, "{}", late.body);
    app.state.clock.advance(48 * 3600);
    let late = app.call("/api/universite/rattacher", &[("token", &token)], None).await;
    assert_eq!(late.status, StatusCode::GONE, "{}", late.body);
    let mailer = sesame_server::mailer::Mailer::new(
        sesame_server::mailer::Transport::Files(std::env::temp_dir().join("sesame-test-outbox")),
        "Sésame <ne-pas-repondre@sesame.test>".parse().unwrap(),
    );
    sesame_server::jobs::run(&app.state, &mailer, sesame_server::jobs::Job::PurgeExpired).await.unwrap();
    assert_eq!((app.count("university_sign_ins").await, app.count("university_joins").await), (0, 0));
    let tied: Option<String> =
        sqlx::query_scalar("SELECT cas_uid FROM candidates").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(tied, None, "an expired link joins nothing");
});

on_both_databases!(parallel_tabs_sending_the_first_sign_in_make_one_account, |app: TestApp| async move {
    let app = with_cas(app);
    let cookie = first_sign_in(&app, "etu.martin").await;
    // Ten tabs (or clicks) send the form at once, each with its own address.
    let addresses: Vec<String> = (0..10).map(|i| format!("lea.{i}@example.fr")).collect();
    let app = &app;
    let cookie = cookie.as_str();
    let sends = futures::future::join_all(addresses.iter().map(|email| async move {
        app.call("/api/universite/confirmer", &[("nom", ""), ("prenom", ""), ("email", email.as_str())], Some(cookie))
            .await
    }))
    .await;
    assert!(sends.iter().all(|r| r.status.is_success() || r.status == StatusCode::GONE), "no 5xx");
    assert!(sends.iter().any(|r| r.status.is_success()));
    assert_eq!(app.count("candidates").await, 1, "one account");
    assert_eq!(app.count("outbox").await, 1, "one mail");
    assert_eq!(app.count("university_sign_ins").await, 0);
});
