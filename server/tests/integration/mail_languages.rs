//! Mails in the candidate's language (issue 17): an account made from
//! English pages gets every mail in English (dates, decision, footer,
//! `<html lang>`), a French one in French; an admin edits each language's
//! text on its own, and each reaches only the candidates of its language.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use crate::review::{detail, judge, parsed, set_status, staff_member, world, World};
use crate::support::{self, TestApp};
use app::domain::language::Language;
use app::domain::review::StaffRole;
use app::domain::Problem;
use app::error::AppError;
use app::views::mail_templates::{MailPreview, TemplateEdit, TemplateLine, TemplateVersion};

const PASSWORD: &str = "Abcdefgh1!";

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

/// "Créer un compte" sent by a browser with these headers (its
/// `Accept-Language`, a `langue` cookie).
async fn create_account_with(app: &TestApp, prenom: &str, email: &str, headers: &[(&str, &str)]) {
    let fields = [
        ("nom", "Lovelace"),
        ("prenom", prenom),
        ("email", email),
        ("email_confirmation", email),
        ("password", PASSWORD),
        ("password_confirmation", PASSWORD),
    ];
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let mut request = Request::post("/api/compte/creer")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let reply = app.send(request.body(Body::from(body)).unwrap()).await;
    assert!(ok(&reply), "{}", reply.body);
}

/// The session cookie of a sign-in (which may set the `langue` cookie too).
async fn session(app: &TestApp, login: &str) -> String {
    let reply = app.sign_in(login, PASSWORD).await;
    let name = format!("{}=", app::server::auth::session::COOKIE_NAME);
    reply.cookies.iter().find(|c| c.starts_with(&name)).cloned().unwrap_or_else(|| panic!("{:?}", reply.cookies))
}

/// The account's activation link followed; returns the login.
async fn validate(app: &TestApp, email: &str) -> String {
    let (_, text) = app.mails_to(email).await.pop().expect("activation mail");
    let token = support::link_token(&text, "/compte/valider/");
    let reply = app.call("/api/compte/valider", &[("token", &token)], None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

/// A validated candidate (the account made with these headers) who applied
/// to the formation, uploaded both pieces and transmitted; returns
/// (session cookie, application id).
async fn transmitted_with(app: &TestApp, w: &World, email: &str, headers: &[(&str, &str)]) -> (String, i64) {
    create_account_with(app, "Ada", email, headers).await;
    let me = session(app, &validate(app, email).await).await;
    let id = crate::review::apply_and_transmit(app, w, &me).await;
    (me, id)
}

/// The HTML parts of the mails queued to this address, oldest first.
async fn html_to(app: &TestApp, to: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT body_html FROM outbox WHERE to_addr = $1 ORDER BY id")
        .bind(to)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
}

async fn stored_language(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar("SELECT language FROM candidates WHERE email = $1")
        .bind(email)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

const ENGLISH_FOOTER: &str =
    "\n\n--\nThis email was sent automatically; please do not reply to it.\nSésame — support: assistance@sesame.test";
const FRENCH_FOOTER: &str = "\n\n--\nCe courriel a été envoyé automatiquement, merci de ne pas y répondre.\nSésame — assistance : assistance@sesame.test";

on_both_databases!(english_candidates_read_their_mails_in_english, |app: TestApp| async move {
    let w = world(&app).await; // 15/06/2026, 12:00 in Paris
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let (_, id) =
        transmitted_with(&app, &w, "ada@example.org", &[("accept-language", "en-GB,en;q=0.9,fr;q=0.5")]).await;
    assert_eq!(stored_language(&app, "ada@example.org").await, "en");
    let mails = app.mails_to("ada@example.org").await;
    let subjects: Vec<&str> = mails.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "Sésame - Activate your account",
            "Sésame - Your application has been registered",
            "Sésame - We have received your application"
        ]
    );
    let (_, activation) = &mails[0];
    assert!(activation.starts_with("Dear Ada LOVELACE,\n\n"), "{activation}");
    assert!(activation.contains("Login: "), "{activation}");
    assert!(activation.contains("before 20 June 2026"), "the deadline in English: {activation}");
    assert!(activation.ends_with(ENGLISH_FOOTER), "{activation}");
    let (_, applied) = &mails[1];
    assert!(applied.contains("programme “FORMATION A” (CENTRE A)"), "{applied}");
    assert!(applied.contains("before 1 July 2026"), "{applied}");
    let (_, received) = &mails[2];
    assert!(received.contains("was submitted on 15 June 2026. Its status is now “Received”."), "{received}");
    assert!(received.ends_with(ENGLISH_FOOTER));
    for html in html_to(&app, "ada@example.org").await {
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"), "{html}");
    }

    // Staff refuse a piece: the dossier incomplete, said in English with
    // the formation's deadline written in English.
    let d = parsed(&detail(&app, &gest, id).await);
    assert!(ok(&judge(&app, &gest, id, d.version, w.cv, "refusee", "Illisible").await));
    let d = parsed(&detail(&app, &gest, id).await);
    assert!(ok(&judge(&app, &gest, id, d.version, w.capture, "validee", "").await));
    let d = parsed(&detail(&app, &gest, id).await);
    assert!(ok(&set_status(&app, &gest, id, d.version, "incomplet").await));
    let (subject, text) = app.mails_to("ada@example.org").await.pop().unwrap();
    assert_eq!(subject, "Application - your dossier is incomplete");
    assert!(text.contains("\n\n– CURRICULUM VITAE: Illisible\n\n"), "{text}");
    assert!(text.contains("by 1 July 2026 at the latest"), "{text}");

    // A French candidate of the same formation: French, as before.
    let (_, french) = crate::review::transmitted(&app, &w, "lea@example.fr", "Martin").await;
    assert_eq!(stored_language(&app, "lea@example.fr").await, "fr");
    let (subject, text) = app.mails_to("lea@example.fr").await.pop().unwrap();
    assert_eq!(subject, "Sésame - Accusé de réception de votre dossier");
    assert!(text.contains("a été transmise le 15/06/2026"), "{text}");
    assert!(text.ends_with(FRENCH_FOOTER), "{text}");
    assert!(html_to(&app, "lea@example.fr").await.iter().all(|h| h.contains("<html lang=\"fr\">")));

    // Its decision in French (the English one: the next test).
    publish_favourable(&app, &gest, &w, french).await;
    let (subject, text) = app.mails_to("lea@example.fr").await.pop().unwrap();
    assert_eq!(subject, "Candidature - décision");
    assert!(text.contains("\n\nFavorable (liste principale)\n\n"), "{text}");
    assert!(text.contains("avant le 22/06/2026 (23:59)"), "{text}");
});

/// Both pieces validated, the dossier Complet, a favourable decision
/// prepared and published.
async fn publish_favourable(app: &TestApp, gest: &str, w: &World, id: i64) {
    for piece in [w.cv, w.capture] {
        let v = parsed(&detail(app, gest, id).await).version;
        assert!(ok(&judge(app, gest, id, v, piece, "validee", "").await));
    }
    let v = parsed(&detail(app, gest, id).await).version;
    assert!(ok(&set_status(app, gest, id, v, "complet").await));
    let v = parsed(&detail(app, gest, id).await).version;
    assert!(ok(&crate::review::decide(app, gest, id, v, &[("decision", "favorable")]).await));
    let v = parsed(&detail(app, gest, id).await).version;
    let fields = [("application", id.to_string()), ("version", v.to_string())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert!(ok(&app.call("/api/gestion/candidature/decision/publier", &fields, Some(gest)).await));
}

on_both_databases!(a_decision_reaches_an_english_candidate_in_english, |app: TestApp| async move {
    let w = world(&app).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    // The switch's cookie wins over the browser's French.
    let (me, id) =
        transmitted_with(&app, &w, "ada@example.org", &[("cookie", "langue=en"), ("accept-language", "fr-FR")]).await;
    assert_eq!(stored_language(&app, "ada@example.org").await, "en");
    publish_favourable(&app, &gest, &w, id).await;
    let mails = app.mails_to("ada@example.org").await;
    let (subject, _) = &mails[mails.len() - 2];
    assert_eq!(subject, "Application - your dossier is complete");
    let (subject, text) = mails.last().unwrap().clone();
    assert_eq!(subject, "Application - decision");
    assert!(text.contains("\n\nOffer of admission (main list)\n\n"), "{text}");
    assert!(text.contains("by 22 June 2026 at 23:59 (Paris time)"), "{text}");
    // Confirmed: the date in English.
    assert!(ok(&app.call("/api/candidatures/confirmer", &[("application", &id.to_string())], Some(&me)).await));
    let (subject, text) = app.mails_to("ada@example.org").await.pop().unwrap();
    assert_eq!(subject, "Application - confirmation");
    assert!(text.contains("On 15 June 2026, you confirmed your application"), "{text}");
    assert!(text.ends_with(ENGLISH_FOOTER));
});

async fn template(app: &TestApp, admin: &str, key: &str, langue: &str) -> support::Reply {
    app.call("/api/gestion/modele-mail", &[("key", key), ("langue", langue)], Some(admin)).await
}

async fn save(app: &TestApp, admin: &str, langue: &str, subject: &str, body: &str, action: &str) -> support::Reply {
    let fields =
        [("key", "dossier_receptionne"), ("langue", langue), ("subject", subject), ("body", body), ("action", action)];
    app.call("/api/gestion/modele-mail/enregistrer", &fields, Some(admin)).await
}

fn problem(reply: &support::Reply, field: &str) -> Option<Problem> {
    serde_json::from_str::<AppError>(&reply.body).ok().and_then(|e| e.field(field).cloned())
}

on_both_databases!(an_edited_english_text_reaches_english_candidates_only, |app: TestApp| async move {
    let w = world(&app).await;
    let admin = staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;

    // The English text may use only the template's variables, like the French one.
    let unknown = save(&app, &admin, "en", "Received", "Hello {{first_name}}", "enregistrer").await;
    assert_eq!(problem(&unknown, "body"), Some(Problem::UnknownVariable { name: "{{first_name}}".into() }));
    let body_en = "Hello {{prenom}}, your application to “{{formation}}” is with us: {{lien}}";
    let preview = save(&app, &admin, "en", "Received: {{formation}}", body_en, "apercu").await;
    let preview: MailPreview = serde_json::from_str::<Option<MailPreview>>(&preview.body).unwrap().unwrap();
    assert_eq!(preview.subject, "Received: Licence Chimie");
    assert!(preview.text.starts_with("Hello Léa, your application to “Licence Chimie” is with us"), "{}", preview.text);
    assert!(preview.text.ends_with(ENGLISH_FOOTER), "the English footer: {}", preview.text);
    assert_eq!(app.count("mail_templates").await, 0, "a preview saves nothing");
    assert!(ok(&save(&app, &admin, "en", "Received: {{formation}}", body_en, "enregistrer").await));
    assert!(ok(
        &save(&app, &admin, "fr", "Dossier reçu", "Bonjour {{prenom}}, c'est reçu : {{lien}}", "enregistrer").await
    ));

    // The list shows each language's text and whether it was edited.
    let lines: Vec<TemplateLine> =
        serde_json::from_str(&app.call("/api/gestion/modeles-mail", &[], Some(&admin)).await.body).unwrap();
    let versions = |key: &str| lines.iter().find(|l| l.key == key).unwrap().versions.clone();
    let both = |fr, en| {
        vec![
            TemplateVersion { language: Language::Fr, edited: fr },
            TemplateVersion { language: Language::En, edited: en },
        ]
    };
    assert_eq!(versions("dossier_receptionne"), both(true, true));
    assert_eq!(versions("activation"), both(false, false));
    assert_eq!(versions("invitation_personnel"), vec![TemplateVersion { language: Language::Fr, edited: false }]);
    // A staff mail has no English text; no language but ours.
    for (key, langue) in [("invitation_personnel", "en"), ("activation", "de"), ("activation", "")] {
        assert_eq!(template(&app, &admin, key, langue).await.status, StatusCode::NOT_FOUND, "{key} {langue}");
    }
    let english: TemplateEdit = serde_json::from_str(&template(&app, &admin, "activation", "en").await.body).unwrap();
    assert_eq!((english.language, english.edited), (Language::En, false));
    assert_eq!(english.subject, "{{product}} - Activate your account");
    // The screen (French, as every staff page) edits the English text.
    let page = app.get("/gestion/modeles-mail?modele=dossier_receptionne&langue=en", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"fr\""), "staff pages are French");
    assert!(page.body.contains("name=\"langue\" value=\"en\""), "{}", page.body);
    assert!(page.body.contains("Received: {{formation}}"), "the edited English subject");
    assert!(page.body.contains("modele=activation&amp;langue=en"), "each template's English version is listed");
    assert!(!page.body.contains("modele=invitation_personnel&amp;langue=en"), "staff mails are French only");

    // Each candidate gets the text of their language.
    transmitted_with(&app, &w, "ada@example.org", &[("accept-language", "en")]).await;
    let (subject, text) = app.mails_to("ada@example.org").await.pop().unwrap();
    assert_eq!(subject, "Received: FORMATION A");
    assert!(text.starts_with("Hello Ada, your application to “FORMATION A” is with us: http://sesame.test/"), "{text}");
    assert!(text.ends_with(ENGLISH_FOOTER));
    crate::review::transmitted(&app, &w, "lea@example.fr", "Martin").await;
    let (subject, text) = app.mails_to("lea@example.fr").await.pop().unwrap();
    assert_eq!(subject, "Dossier reçu");
    assert!(
        text.starts_with("Bonjour Léa, c'est reçu : http://sesame.test/") && text.ends_with(FRENCH_FOOTER),
        "{text}"
    );

    // Resetting the English text leaves the French one edited.
    assert!(ok(&save(&app, &admin, "en", "", "", "retablir").await));
    assert_eq!(app.count("mail_templates").await, 1);
    let en: TemplateEdit =
        serde_json::from_str(&template(&app, &admin, "dossier_receptionne", "en").await.body).unwrap();
    assert_eq!((en.edited, en.subject.as_str()), (false, "{{product}} - We have received your application"));
    let fr: TemplateEdit =
        serde_json::from_str(&template(&app, &admin, "dossier_receptionne", "fr").await.body).unwrap();
    assert_eq!((fr.edited, fr.subject.as_str(), fr.variables), (true, "Dossier reçu", en.variables));
});
