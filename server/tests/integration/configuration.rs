//! Configuration through HTTP, on SQLite and PostgreSQL: formations with
//! their date rules and pieces, model files, campaign settings and decision
//! reasons, staff accounts, mail templates; each within its scope.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use crate::review::{staff_member, world};
use crate::support::{self, TestApp};
use app::domain::problem::Problem;
use app::domain::review::StaffRole;
use app::error::AppError;
use app::views::configuration::{CampaignView, ConfigOverview, FormationEdit};
use app::views::mail_templates::MailPreview;
use app::views::staff_accounts::StaffAccounts;

const PASSWORD: &str = "Abcdefgh1!";

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

fn problem(reply: &support::Reply, field: &str) -> Option<Problem> {
    serde_json::from_str::<AppError>(&reply.body).ok().and_then(|e| e.field(field).cloned())
}

/// A consistent formation of `centre`, with some fields changed or added.
pub(crate) fn formation_fields<'a>(centre: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("centre", centre),
        ("title", "MASTER CHIMIE"),
        ("window_start", "2026-06-01"),
        ("window_end", "2026-07-15"),
        ("return_deadline", "2026-07-20"),
        ("mode", "Dossier dématérialisé"),
        ("treatment", "Accès contrôlé"),
        ("capacity", "12"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
}

on_both_databases!(a_gestionnaire_configures_a_formation_and_a_candidate_applies_to_it, |app: TestApp| async move {
    let w = world(&app).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let (centre, other) = (w.centre.to_string(), w.other_centre.to_string());
    // A piece only some formations ask for.
    let reply = app
        .call(
            "/api/gestion/configuration/piece",
            &[("centre", &centre), ("label", "Lettre de motivation"), ("required", "1")],
            Some(&gest),
        )
        .await;
    assert!(ok(&reply), "{}", reply.body);
    let letter: i64 = serde_json::from_str(&reply.body).unwrap();
    // Another centre's pieces and a blank label are refused, field by field.
    let reply = app.call("/api/gestion/configuration/piece", &[("centre", &other), ("label", " ")], Some(&gest)).await;
    assert_eq!(
        (problem(&reply, "centre"), problem(&reply, "label")),
        (Some(Problem::UnknownChoice), Some(Problem::Required))
    );

    // Dates that do not make sense: every rule told, nothing created.
    let before = app.count("formations").await;
    let bad = formation_fields(
        &centre,
        &[("window_end", "2026-05-01"), ("publication", "2026-08-01"), ("confirmation", "2026-07-25")],
    );
    let reply = app.call("/api/gestion/configuration/formation/enregistrer", &bad, Some(&gest)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    assert_eq!(problem(&reply, "window_end"), Some(Problem::EndBeforeStart));
    assert_eq!(problem(&reply, "confirmation"), Some(Problem::ConfirmationBeforePublication));
    assert_eq!(app.count("formations").await, before);

    let piece_box = format!("pieces[{letter}]");
    let fields = formation_fields(&centre, &[(&piece_box, "1")]);
    let reply = app.call("/api/gestion/configuration/formation/enregistrer", &fields, Some(&gest)).await;
    assert!(ok(&reply), "{}", reply.body);
    let formation: i64 = serde_json::from_str(&reply.body).unwrap();
    let edit: FormationEdit = serde_json::from_str(
        &app.call("/api/gestion/configuration/formation", &[("id", &formation.to_string())], Some(&gest)).await.body,
    )
    .unwrap();
    assert_eq!((edit.form.window_end.as_str(), edit.pieces_named.clone()), ("2026-07-15", vec![letter]));

    // A candidate applies: the new formation asks for the centre's common
    // pieces and the letter; the older formation does not ask for the letter.
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let me = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    crate::applications::complete_dossier(&app, &me).await;
    let reply = app.call("/api/candidatures/candidater", &[("formation", &formation.to_string())], Some(&me)).await;
    assert!(ok(&reply), "{}", reply.body);
    let lines = app.call("/api/candidatures/liste", &[], Some(&me)).await;
    let id = serde_json::from_str::<Vec<app::views::applications::ApplicationLine>>(&lines.body).unwrap()[0].id;
    let pieces: app::views::pieces::PiecesView = serde_json::from_str(
        &app.call("/api/candidatures/pieces", &[("application", &id.to_string())], Some(&me)).await.body,
    )
    .unwrap();
    let labels: Vec<String> = pieces.pieces.iter().map(|p| p.label.clone()).collect();
    assert_eq!(labels, vec!["CURRICULUM VITAE", "CAPTURE D'ECRAN", "Lettre de motivation"]);
    let overview: ConfigOverview =
        serde_json::from_str(&app.call("/api/gestion/configuration", &[], Some(&gest)).await.body).unwrap();
    let letter_row = overview.pieces.iter().find(|p| p.id == letter).unwrap();
    assert_eq!((letter_row.common, letter_row.formations.clone()), (false, vec![formation]));
    assert!(!overview.formations.iter().any(|f| f.id == formation && f.applications != 1));

    // Out of scope: another centre's gestionnaire and a commission member.
    let other_gest = staff_member(&app, "autre@sesame.test", StaffRole::Gestionnaire, &[w.other_centre]).await;
    assert_eq!(
        app.call("/api/gestion/configuration/formation", &[("id", &formation.to_string())], Some(&other_gest))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let formation_id = formation.to_string();
    let fields = formation_fields(&other, &[("id", &formation_id)]);
    assert_eq!(
        app.call("/api/gestion/configuration/formation/enregistrer", &fields, Some(&other_gest)).await.status,
        StatusCode::NOT_FOUND
    );
    let commission = staff_member(&app, "jury@sesame.test", StaffRole::Commission, &[w.centre]).await;
    assert_eq!(app.call("/api/gestion/configuration", &[], Some(&commission)).await.status, StatusCode::NOT_FOUND);
    // Gestionnaires do not reach admin settings.
    assert_eq!(app.call("/api/gestion/configuration/campagne", &[], Some(&gest)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("/api/gestion/personnels", &[], Some(&gest)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("/api/gestion/modeles-mail", &[], Some(&gest)).await.status, StatusCode::NOT_FOUND);
});

async fn send_model(app: &TestApp, cookie: &str, piece: i64, name: &str, bytes: Vec<u8>) -> support::Reply {
    let request = Request::post(app::views::configuration::model_upload_path(piece, None))
        .header(header::COOKIE, cookie)
        .header("x-nom-fichier", name)
        .body(Body::from(bytes))
        .unwrap();
    app.send(request).await
}

on_every_store!(model_files_are_given_by_staff_of_the_centre, |app: TestApp| async move {
    let w = world(&app).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let other = staff_member(&app, "autre@sesame.test", StaffRole::Gestionnaire, &[w.other_centre]).await;
    assert_eq!(
        send_model(&app, &other, w.cv, "modele.pdf", crate::pieces::pdf(2000)).await.status,
        StatusCode::NOT_FOUND
    );
    let refused = send_model(&app, &gest, w.cv, "modele.txt", b"pas un PDF".to_vec()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let reply = send_model(&app, &gest, w.cv, "mod%C3%A8le.pdf", crate::pieces::pdf(2000)).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    let first = app.get(&app::views::pieces::model_path(w.cv), Some(&gest)).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.starts_with("%PDF"));
    // A new model replaces the old one, whose file goes.
    assert_eq!(send_model(&app, &gest, w.cv, "v2.pdf", crate::pieces::pdf(3000)).await.status, StatusCode::NO_CONTENT);
    let overview: ConfigOverview =
        serde_json::from_str(&app.call("/api/gestion/configuration", &[], Some(&gest)).await.body).unwrap();
    assert_eq!(overview.pieces.iter().find(|p| p.id == w.cv).unwrap().model_name.as_deref(), Some("v2.pdf"));
    assert_eq!(app.stored_files().await.len(), 1, "the replaced model file is removed");
});

on_both_databases!(admins_keep_the_campaign_settings_and_decision_reasons, |app: TestApp| async move {
    world(&app).await;
    let admin = staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;
    let reply = app
        .call(
            "/api/gestion/configuration/campagne/enregistrer",
            &[("label", ""), ("university_year", "2026/2028"), ("max_applications", "-2")],
            Some(&admin),
        )
        .await;
    assert_eq!(problem(&reply, "label"), Some(Problem::Required));
    assert_eq!(problem(&reply, "university_year"), Some(Problem::YearInvalid));
    assert_eq!(problem(&reply, "max_applications"), Some(Problem::CapacityInvalid));
    let reply = app
        .call(
            "/api/gestion/configuration/campagne/enregistrer",
            &[("label", "Campagne 2026"), ("university_year", "2026/2027"), ("max_applications", "2")],
            Some(&admin),
        )
        .await;
    assert!(ok(&reply), "{}", reply.body);
    assert!(ok(&app.call("/api/gestion/configuration/motif", &[("motif", "Dossier hors délai")], Some(&admin)).await));
    let twice = app.call("/api/gestion/configuration/motif", &[("motif", "Dossier hors délai")], Some(&admin)).await;
    assert_eq!(problem(&twice, "motif"), Some(Problem::AlreadyExists));
    assert!(ok(&app
        .call("/api/gestion/configuration/motif/supprimer", &[("motif", "Prérequis non satisfaits")], Some(&admin))
        .await));
    let c: CampaignView =
        serde_json::from_str(&app.call("/api/gestion/configuration/campagne", &[], Some(&admin)).await.body).unwrap();
    assert_eq!((c.label.as_str(), c.max_applications), ("Campagne 2026", 2));
    assert_eq!(c.reasons, vec!["Capacité d'accueil atteinte", "Projet insuffisamment motivé", "Dossier hors délai"]);
});

on_both_databases!(admins_create_change_and_deactivate_staff_accounts, |app: TestApp| async move {
    let w = world(&app).await;
    let admin = staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;
    let centre_box = format!("centres[{}]", w.centre);
    // A gestionnaire needs a centre; every field is told.
    let reply = app
        .call(
            "/api/gestion/personnels/enregistrer",
            &[("email", "x"), ("name", ""), ("role", "gestionnaire")],
            Some(&admin),
        )
        .await;
    assert_eq!(
        (problem(&reply, "email"), problem(&reply, "name"), problem(&reply, "centres")),
        (Some(Problem::EmailInvalid), Some(Problem::Required), Some(Problem::Required))
    );
    let fields = [
        ("email", "Nouveau@Sesame.test"),
        ("name", "Noé Nouveau"),
        ("role", "gestionnaire"),
        (centre_box.as_str(), "1"),
    ];
    assert!(ok(&app.call("/api/gestion/personnels/enregistrer", &fields, Some(&admin)).await));
    assert_eq!(
        problem(&app.call("/api/gestion/personnels/enregistrer", &fields, Some(&admin)).await, "email"),
        Some(Problem::AlreadyExists)
    );
    // No password yet: signing in fails like any wrong password.
    let early = app.staff_sign_in("nouveau@sesame.test", "Gestion-Test-2026").await;
    assert!(early.cookie.is_none());
    // The invitation's link chooses the password, then the account works in its centre.
    let (subject, text) = app.mails_to("Nouveau@Sesame.test").await.pop().expect("invitation mail");
    assert!(subject.contains("Votre compte de gestion"), "{subject}");
    let token = support::link_token(&text, "/compte/reinitialiser/");
    let link = |reply: support::Reply| serde_json::from_str::<app::views::account::ResetLink>(&reply.body).unwrap();
    assert_eq!(
        link(app.call("/api/compte/lien-reinitialisation", &[("token", &token)], None).await),
        app::views::account::ResetLink::Invitation
    );
    let reply = app
        .call(
            "/api/compte/reinitialiser",
            &[
                ("token", &token),
                ("password", "Gestion-Nouveau-2026"),
                ("password_confirmation", "Gestion-Nouveau-2026"),
            ],
            None,
        )
        .await;
    assert!(ok(&reply), "{}", reply.body);
    assert_eq!(
        link(app.call("/api/compte/lien-reinitialisation", &[("token", &token)], None).await),
        app::views::account::ResetLink::Unusable
    );
    let reply = app.staff_sign_in("nouveau@sesame.test", "Gestion-Nouveau-2026").await;
    let noe = reply.cookie.expect("signed in");
    assert!(ok(&app.call("/api/gestion/configuration", &[], Some(&noe)).await));
    let list: StaffAccounts =
        serde_json::from_str(&app.call("/api/gestion/personnels", &[], Some(&admin)).await.body).unwrap();
    let account = list.accounts.iter().find(|a| a.email == "Nouveau@Sesame.test").unwrap().clone();
    assert_eq!((account.role.code(), account.centres.clone(), account.active), ("gestionnaire", vec![w.centre], true));
    // Deactivated: signed out at once, and no sign-in any more.
    let id = account.id.to_string();
    let change = [("id", id.as_str()), ("name", "Noé Nouveau"), ("role", "commission"), (centre_box.as_str(), "1")];
    assert!(ok(&app.call("/api/gestion/personnels/enregistrer", &change, Some(&admin)).await));
    assert_eq!(app.call("/api/gestion/configuration", &[], Some(&noe)).await.status, StatusCode::UNAUTHORIZED);
    let again = app.staff_sign_in("nouveau@sesame.test", "Gestion-Nouveau-2026").await;
    assert!(again.cookie.is_none());
    // An admin keeps their own account active and admin.
    let me = list.me.to_string();
    let reply = app
        .call("/api/gestion/personnels/enregistrer", &[("id", &me), ("name", "Admin"), ("role", "admin")], Some(&admin))
        .await;
    assert_eq!(problem(&reply, "active"), Some(Problem::OwnAccount));
});

on_both_databases!(mail_templates_are_edited_previewed_and_reset, |app: TestApp| async move {
    let w = world(&app).await;
    let admin = staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;
    let key = "candidature_creee";
    let unknown = app
        .call(
            "/api/gestion/modele-mail/enregistrer",
            &[
                ("key", key),
                ("langue", "fr"),
                ("subject", "Objet {{inconnue}}"),
                ("body", "Bonjour"),
                ("action", "enregistrer"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(problem(&unknown, "subject"), Some(Problem::UnknownVariable { name: "{{inconnue}}".into() }));
    let body = "Bonjour {{prenom}}, votre candidature à « {{formation}} » est enregistrée : {{lien}}";
    let preview = app
        .call(
            "/api/gestion/modele-mail/enregistrer",
            &[
                ("key", key),
                ("langue", "fr"),
                ("subject", "Candidature enregistrée"),
                ("body", body),
                ("action", "apercu"),
            ],
            Some(&admin),
        )
        .await;
    let preview: Option<MailPreview> = serde_json::from_str(&preview.body).unwrap();
    assert!(preview.unwrap().text.starts_with("Bonjour Léa, votre candidature à « Licence Chimie »"));
    assert_eq!(app.count("mail_templates").await, 0, "a preview saves nothing");
    assert!(ok(&app
        .call(
            "/api/gestion/modele-mail/enregistrer",
            &[
                ("key", key),
                ("langue", "fr"),
                ("subject", "Candidature enregistrée"),
                ("body", body),
                ("action", "enregistrer")
            ],
            Some(&admin)
        )
        .await));
    // The next mail of this kind has the new words.
    let login = app.validated_account("lea@example.fr", PASSWORD).await;
    let me = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    crate::applications::complete_dossier(&app, &me).await;
    assert!(ok(&app.call("/api/candidatures/candidater", &[("formation", &w.formation.to_string())], Some(&me)).await));
    let (subject, text) = app.mails_to("lea@example.fr").await.pop().unwrap();
    assert_eq!(subject, "Candidature enregistrée");
    assert!(text.contains("« FORMATION A »"), "{text}");
    // Reset: the default text again.
    assert!(ok(&app
        .call(
            "/api/gestion/modele-mail/enregistrer",
            &[("key", key), ("langue", "fr"), ("subject", ""), ("body", ""), ("action", "retablir")],
            Some(&admin)
        )
        .await));
    let t: app::views::mail_templates::TemplateEdit = serde_json::from_str(
        &app.call("/api/gestion/modele-mail", &[("key", key), ("langue", "fr")], Some(&admin)).await.body,
    )
    .unwrap();
    assert!(!t.edited && t.subject.contains("Confirmation de votre candidature"));
    assert_eq!(
        app.call("/api/gestion/modele-mail", &[("key", "inconnu"), ("langue", "fr")], Some(&admin)).await.status,
        StatusCode::NOT_FOUND
    );
});
