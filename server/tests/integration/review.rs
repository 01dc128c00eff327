//! Staff review through HTTP, on SQLite and PostgreSQL: scope (another
//! centre's gestionnaire gets 404 everywhere, files included), verdicts on
//! pieces and dossiers with their mails, concurrent edits, the list's
//! filters, sort and paging.

use axum::http::StatusCode;

use crate::support::{self, TestApp};
use app::domain::application::DossierStatus;
use app::domain::pieces::PieceStatus;
use app::domain::review::ReviewRefusal;
use app::domain::review::StaffRole;
use app::domain::Problem;
use app::error::AppError;
use app::views::review::{ReviewDetail, ReviewList};
use sesame_server::staff;

const PASSWORD: &str = "Abcdefgh1!";
const STAFF_PASSWORD: &str = "Gestion-Test-2026";

fn ok(reply: &support::Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

pub(crate) struct World {
    pub centre: i64,
    pub other_centre: i64,
    pub formation: i64,
    pub cv: i64,
    pub capture: i64,
}

/// Two centres; the first asks for a CV (required) and a capture (conditional).
pub(crate) async fn world(app: &TestApp) -> World {
    use app::server::store::{campaigns, pieces};
    app.state.clock.freeze_at(chrono::DateTime::parse_from_rfc3339("2026-06-15T10:00:00Z").unwrap().timestamp());
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let campaign = campaigns::active(&mut conn).await.unwrap().unwrap().id;
    let centre = campaigns::ensure_centre(&mut conn, campaign, "CENTRE A", "", "").await.unwrap();
    let other_centre = campaigns::ensure_centre(&mut conn, campaign, "CENTRE B", "", "").await.unwrap();
    let f = campaigns::NewFormation {
        centre_id: centre,
        title: "FORMATION A",
        keywords: "",
        window_start: "2026-06-01",
        window_end: "2026-07-01",
        return_deadline: "2026-07-01",
        capacity: 10,
    };
    let formation = campaigns::ensure_formation(&mut conn, &f).await.unwrap();
    let cv = pieces::ensure_piece(&mut conn, centre, None, "CURRICULUM VITAE", true, 0).await.unwrap();
    let capture = pieces::ensure_piece(&mut conn, centre, None, "CAPTURE D'ECRAN", false, 1).await.unwrap();
    World { centre, other_centre, formation, cv, capture }
}

pub(crate) async fn staff_member(app: &TestApp, email: &str, role: StaffRole, centres: &[i64]) -> String {
    let id = staff::add(&app.state, email, email, role, STAFF_PASSWORD).await.unwrap();
    staff::assign(&app.state, id, centres).await.unwrap();
    let reply = app.staff_sign_in(email, STAFF_PASSWORD).await;
    assert!(ok(&reply), "{}", reply.body);
    reply.cookie.unwrap()
}

/// A candidate who applied to the formation, uploaded both pieces and
/// transmitted; returns (cookie, application id).
pub(crate) async fn transmitted(app: &TestApp, w: &World, email: &str, nom: &str) -> (String, i64) {
    let login = app.validated_account(email, PASSWORD).await;
    let me = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    // The name changed behind the store's back: its search key is filled again.
    sqlx::query("UPDATE candidates SET nom = $1, search_key = '' WHERE email = $2")
        .bind(nom)
        .bind(email)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    app::server::store::accounts::fill_search_keys(&mut conn).await.unwrap();
    let id = apply_and_transmit(app, w, &me).await;
    (me, id)
}

/// The signed-in candidate `me` completes the dossier, applies to the
/// formation, uploads both pieces and transmits; returns the application id.
pub(crate) async fn apply_and_transmit(app: &TestApp, w: &World, me: &str) -> i64 {
    crate::applications::complete_dossier(app, me).await;
    assert!(ok(&app.call("/api/candidatures/candidater", &[("formation", &w.formation.to_string())], Some(me)).await));
    let lines = app.call("/api/candidatures/liste", &[], Some(me)).await;
    let id = serde_json::from_str::<Vec<app::views::applications::ApplicationLine>>(&lines.body).unwrap()[0].id;
    for piece in [w.cv, w.capture] {
        let reply = crate::pieces::upload_pdf(app, me, id, piece).await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    }
    assert!(ok(&app.call("/api/candidatures/transmettre", &[("application", &id.to_string())], Some(me)).await));
    id
}

pub(crate) async fn detail(app: &TestApp, staff: &str, id: i64) -> support::Reply {
    app.call("/api/gestion/candidature", &[("id", &id.to_string())], Some(staff)).await
}

pub(crate) fn parsed(reply: &support::Reply) -> ReviewDetail {
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

/// A verdict on the file the admin's page shows for the piece (as the
/// review page's form sends it).
pub(crate) async fn judge(
    app: &TestApp,
    staff: &str,
    id: i64,
    version: i64,
    piece: i64,
    verdict: &str,
    comment: &str,
) -> support::Reply {
    let shown: Option<i64> = sqlx::query_scalar("SELECT cp.file_id FROM candidate_pieces cp JOIN applications a ON a.candidate_id = cp.candidate_id WHERE a.id = $1 AND cp.piece_id = $2")
        .bind(id)
        .bind(piece)
        .fetch_optional(&app.state.db.pool)
        .await
        .unwrap()
        .flatten();
    judge_file(app, staff, id, version, piece, shown, verdict, comment).await
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn judge_file(
    app: &TestApp,
    staff: &str,
    id: i64,
    version: i64,
    piece: i64,
    file: Option<i64>,
    verdict: &str,
    comment: &str,
) -> support::Reply {
    let mut fields = vec![
        ("application", id.to_string()),
        ("version", version.to_string()),
        ("piece", piece.to_string()),
        ("verdict", verdict.to_owned()),
        ("commentaire", comment.to_owned()),
    ];
    fields.extend(file.map(|f| ("fichier", f.to_string())));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call("/api/gestion/candidature/piece", &fields, Some(staff)).await
}

pub(crate) async fn set_status(app: &TestApp, staff: &str, id: i64, version: i64, statut: &str) -> support::Reply {
    app.call(
        "/api/gestion/candidature/statut",
        &[("application", &id.to_string()), ("version", &version.to_string()), ("statut", statut)],
        Some(staff),
    )
    .await
}

async fn list(app: &TestApp, staff: &str, fields: &[(&str, &str)]) -> ReviewList {
    let reply = app.call("/api/gestion/candidatures", fields, Some(staff)).await;
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

fn refusal(reply: &support::Reply) -> Option<ReviewRefusal> {
    match serde_json::from_str::<AppError>(&reply.body) {
        Ok(AppError::ReviewRefused(r)) => Some(r),
        _ => None,
    }
}

on_every_store!(a_dossier_is_reviewed_piece_by_piece_and_the_candidate_is_mailed, |app: TestApp| async move {
    let w = world(&app).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let (me, id) = transmitted(&app, &w, "lea@example.fr", "Martin").await;
    let d = parsed(&detail(&app, &gest, id).await);
    assert_eq!((d.status, d.pieces.len(), d.may_change), (DossierStatus::Receptionne, 2, true));
    assert!(d.dossier.identity.is_some() && d.dossier.address.is_some());
    assert!(d.events.iter().any(|e| e.who.is_none()), "the transmission is in the history");

    // A refusal needs its reason; nothing changes without it.
    let bare = judge(&app, &gest, id, d.version, w.cv, "refusee", " ").await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(parsed(&detail(&app, &gest, id).await).version, d.version);
    // "Complet" before every piece is validated, "Incomplet" before a refusal: refused with the reason.
    assert_eq!(
        refusal(&set_status(&app, &gest, id, d.version, "complet").await),
        Some(ReviewRefusal::PiecesNotValidated)
    );
    assert_eq!(
        refusal(&set_status(&app, &gest, id, d.version, "incomplet").await),
        Some(ReviewRefusal::NothingRefused)
    );

    assert!(ok(&judge(&app, &gest, id, d.version, w.cv, "refusee", "Illisible : scannez en 300 dpi").await));
    let d = parsed(&detail(&app, &gest, id).await);
    assert!(ok(&judge(&app, &gest, id, d.version, w.capture, "validee", "").await));
    let d = parsed(&detail(&app, &gest, id).await);
    // The day given to complete the dossier: to come (it is 15/06/2026), and a day.
    let incomplete = |day: &'static str| {
        let app = &app;
        let gest = gest.clone();
        async move {
            let fields = [
                ("application", id.to_string()),
                ("version", d.version.to_string()),
                ("statut", "incomplet".to_owned()),
                ("date_limite", day.to_owned()),
            ];
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call("/api/gestion/candidature/statut", &fields, Some(&gest)).await
        }
    };
    for (day, problem) in [("2026-06-14", Problem::DayPassed), ("31/02/2026", Problem::DateInvalid)] {
        let refused = incomplete(day).await;
        assert_eq!(
            serde_json::from_str::<AppError>(&refused.body).ok().and_then(|e| e.field("date_limite").cloned()),
            Some(problem),
            "{}",
            refused.body
        );
    }
    assert_eq!(parsed(&detail(&app, &gest, id).await).status, DossierStatus::Receptionne, "nothing changed");
    assert!(ok(&incomplete("20/06/2026").await));
    let (subject, text) = app.mails_to("lea@example.fr").await.pop().unwrap();
    assert_eq!(subject, "Candidature - dossier incomplet");
    assert!(text.contains("CURRICULUM VITAE : Illisible : scannez en 300 dpi"), "{text}");
    assert!(text.contains("au plus tard le 20/06/2026"), "{text}");

    // The candidate sees the comment, replaces the refused piece, transmits again.
    let pieces: app::views::pieces::PiecesView = serde_json::from_str(
        &app.call("/api/candidatures/pieces", &[("application", &id.to_string())], Some(&me)).await.body,
    )
    .unwrap();
    let cv_line = pieces.pieces.iter().find(|p| p.piece_id == w.cv).unwrap();
    assert_eq!(
        (cv_line.status, cv_line.comment.as_str(), cv_line.editable),
        (PieceStatus::Refusee, "Illisible : scannez en 300 dpi", true)
    );
    assert_eq!(crate::pieces::upload_pdf(&app, &me, id, w.cv).await.status, StatusCode::NO_CONTENT);
    assert!(ok(&app.call("/api/candidatures/transmettre", &[("application", &id.to_string())], Some(&me)).await));

    let d = parsed(&detail(&app, &gest, id).await);
    assert_eq!(d.status, DossierStatus::Receptionne);
    assert!(ok(&judge(&app, &gest, id, d.version, w.cv, "validee", "").await));
    let d = parsed(&detail(&app, &gest, id).await);
    assert!(ok(&set_status(&app, &gest, id, d.version, "complet").await));
    assert_eq!(app.mails_to("lea@example.fr").await.pop().unwrap().0, "Candidature - dossier complet");
    let d = parsed(&detail(&app, &gest, id).await);
    assert_eq!(d.status, DossierStatus::Complet);
    // Who did what, newest first.
    assert!(d.events.len() >= 6, "{:?}", d.events);
    assert_eq!(d.events[0].who.as_deref(), Some("gest@sesame.test"));
});

on_both_databases!(staff_see_only_their_centres, |app: TestApp| async move {
    let w = world(&app).await;
    let (_, id) = transmitted(&app, &w, "lea@example.fr", "Martin").await;
    let other = staff_member(&app, "autre@sesame.test", StaffRole::Gestionnaire, &[w.other_centre]).await;
    let admin = staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;
    let d = parsed(&detail(&app, &admin, id).await);
    let file = d.pieces[0].file_id.unwrap();

    // Another centre's gestionnaire: 404 for the dossier, its changes, its files; an empty list.
    assert_eq!(detail(&app, &other, id).await.status, StatusCode::NOT_FOUND);
    assert_eq!(judge(&app, &other, id, d.version, w.cv, "validee", "").await.status, StatusCode::NOT_FOUND);
    assert_eq!(set_status(&app, &other, id, d.version, "complet").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.call("/api/gestion/candidature/note", &[("application", &id.to_string()), ("note", "x")], Some(&other))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get(&app::views::pieces::download_path(file), Some(&other)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&app::views::pieces::view_path(file), Some(&other)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(list(&app, &other, &[]).await.total, 0);
    assert_eq!(parsed(&detail(&app, &admin, id).await).version, d.version, "nothing changed");

    // The dashboard counts only what each one sees.
    let stats = |staff: String| {
        let app = &app;
        async move {
            let reply = app.call("/api/gestion/tableau-de-bord", &[], Some(&staff)).await;
            serde_json::from_str::<app::views::staff::Dashboard>(&reply.body)
                .unwrap_or_else(|e| panic!("{e}: {}", reply.body))
                .stats
        }
    };
    assert!(stats(other.clone()).await.iter().all(|s| s.total() == 0));
    let seen = stats(admin.clone()).await;
    let a = seen.iter().find(|s| s.formation_id == w.formation).unwrap();
    assert_eq!((a.total(), a.receptionne, a.capacity), (1, 1, 10));

    // The admin sees everything, files included (shown inline, framable by our pages only).
    assert_eq!(list(&app, &admin, &[]).await.total, 1);
    let shown = app.get(&app::views::pieces::view_path(file), Some(&admin)).await;
    assert_eq!(shown.status, StatusCode::OK);

    // A commission member of the centre reads and writes notes, changes no status.
    let commission = staff_member(&app, "jury@sesame.test", StaffRole::Commission, &[w.centre]).await;
    let seen = parsed(&detail(&app, &commission, id).await);
    assert!(!seen.may_change);
    assert_eq!(
        refusal(&judge(&app, &commission, id, seen.version, w.cv, "validee", "").await),
        Some(ReviewRefusal::ReadOnly)
    );
    assert!(ok(&app
        .call(
            "/api/gestion/candidature/note",
            &[("application", &id.to_string()), ("note", "Profil solide.")],
            Some(&commission)
        )
        .await));
    let notes = parsed(&detail(&app, &admin, id).await).notes;
    assert_eq!((notes.len(), notes[0].text.as_str()), (1, "Profil solide."));
    // Candidates never reach staff functions.
    let login = app.validated_account("tom@example.fr", PASSWORD).await;
    let tom = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    assert_eq!(detail(&app, &tom, id).await.status, StatusCode::NOT_FOUND);
});

// The attack of issue 12: a gestionnaire of centre A only, knowing that ids
// are sequential, asks for the file the candidate sent for centre B.
on_both_databases!(a_gestionnaire_reads_no_file_sent_to_another_centre, |app: TestApp| async move {
    use app::server::store::{campaigns, pieces};
    let w = world(&app).await;
    let (me, _) = transmitted(&app, &w, "lea@example.fr", "Martin").await;
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let f = campaigns::NewFormation {
        centre_id: w.other_centre,
        title: "FORMATION B",
        keywords: "",
        window_start: "2026-06-01",
        window_end: "2026-07-01",
        return_deadline: "2026-07-01",
        capacity: 10,
    };
    let formation_b = campaigns::ensure_formation(&mut conn, &f).await.unwrap();
    let letter = pieces::ensure_piece(&mut conn, w.other_centre, Some(formation_b), "LETTRE DE MOTIVATION", true, 0)
        .await
        .unwrap();
    drop(conn);
    assert!(ok(&app.call("/api/candidatures/candidater", &[("formation", &formation_b.to_string())], Some(&me)).await));
    let lines: Vec<app::views::applications::ApplicationLine> =
        serde_json::from_str(&app.call("/api/candidatures/liste", &[], Some(&me)).await.body).unwrap();
    let b = lines.iter().find(|l| l.formation == "FORMATION B").unwrap().id;
    assert_eq!(crate::pieces::upload_pdf(&app, &me, b, letter).await.status, StatusCode::NO_CONTENT);

    let gest_a = staff_member(&app, "gest-a@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let gest_b = staff_member(&app, "gest-b@sesame.test", StaffRole::Gestionnaire, &[w.other_centre]).await;
    let file_b =
        parsed(&detail(&app, &gest_b, b).await).pieces.iter().find(|p| p.piece_id == letter).unwrap().file_id.unwrap();
    assert_eq!(detail(&app, &gest_a, b).await.status, StatusCode::NOT_FOUND, "the application is out of A's scope");
    for path in [app::views::pieces::download_path(file_b), app::views::pieces::view_path(file_b)] {
        assert_eq!(app.get(&path, Some(&gest_a)).await.status, StatusCode::NOT_FOUND, "{path}: its file is too");
        assert_eq!(app.get(&path, Some(&gest_b)).await.status, StatusCode::OK, "{path}");
    }
    // B's gestionnaire reads B's file only, not the CV the candidate sent to A.
    let cv_a = parsed(&detail(&app, &gest_a, lines.iter().find(|l| l.formation == "FORMATION A").unwrap().id).await)
        .pieces[0]
        .file_id
        .unwrap();
    assert_eq!(app.get(&app::views::pieces::download_path(cv_a), Some(&gest_b)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&app::views::pieces::download_path(cv_a), Some(&gest_a)).await.status, StatusCode::OK);
    // Once the candidate withdraws the application to B, nobody at B reads its file.
    sqlx::query("UPDATE applications SET cancelled_at = 1 WHERE id = $1")
        .bind(b)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(app.get(&app::views::pieces::download_path(file_b), Some(&gest_b)).await.status, StatusCode::NOT_FOUND);
});

// The attack of issue 12: A1 is Complet over validated common pieces; the
// candidate applies to a second formation of the centre and, through it,
// replaces a validated piece, deletes one, declares one "Non concerné".
on_both_databases!(pieces_a_dossier_was_judged_with_stay_frozen, |app: TestApp| async move {
    use app::server::store::campaigns;
    let w = world(&app).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let (me, a1) = transmitted(&app, &w, "lea@example.fr", "Martin").await;
    let d = parsed(&detail(&app, &gest, a1).await);
    let files: Vec<Option<i64>> = d.pieces.iter().map(|p| p.file_id).collect();
    // A verdict given on another file than the one shown is refused.
    let stale = judge_file(&app, &gest, a1, d.version, w.cv, Some(files[1].unwrap()), "validee", "").await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    let missing = judge_file(&app, &gest, a1, d.version, w.cv, None, "validee", "").await;
    assert_eq!(missing.status, StatusCode::CONFLICT, "{}", missing.body);
    assert!(parsed(&detail(&app, &gest, a1).await).pieces.iter().all(|p| p.status == PieceStatus::Transmise));
    for piece in [w.cv, w.capture] {
        let d = parsed(&detail(&app, &gest, a1).await);
        assert!(ok(&judge(&app, &gest, a1, d.version, piece, "validee", "").await));
    }
    let d = parsed(&detail(&app, &gest, a1).await);
    assert!(ok(&set_status(&app, &gest, a1, d.version, "complet").await));

    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let f = campaigns::NewFormation {
        centre_id: w.centre,
        title: "FORMATION A2",
        keywords: "",
        window_start: "2026-06-01",
        window_end: "2026-07-01",
        return_deadline: "2026-07-01",
        capacity: 10,
    };
    let formation_2 = campaigns::ensure_formation(&mut conn, &f).await.unwrap();
    drop(conn);
    assert!(ok(&app.call("/api/candidatures/candidater", &[("formation", &formation_2.to_string())], Some(&me)).await));
    let lines: Vec<app::views::applications::ApplicationLine> =
        serde_json::from_str(&app.call("/api/candidatures/liste", &[], Some(&me)).await.body).unwrap();
    let a2 = lines.iter().find(|l| l.formation == "FORMATION A2").unwrap().id;
    let a2_s = a2.to_string();

    let seen: app::views::pieces::PiecesView =
        serde_json::from_str(&app.call("/api/candidatures/pieces", &[("application", &a2_s)], Some(&me)).await.body)
            .unwrap();
    assert!(seen.editable && seen.may_transmit, "A2 may be transmitted with the validated pieces");
    assert!(seen.pieces.iter().all(|p| !p.editable && p.held_by_other), "{:?}", seen.pieces);
    assert_eq!(crate::pieces::upload_pdf(&app, &me, a2, w.cv).await.status, StatusCode::CONFLICT);
    let delete = app
        .call("/api/candidatures/pieces/reponse", &[("application", &a2_s), ("piece", &w.cv.to_string())], Some(&me))
        .await;
    assert_eq!(delete.status, StatusCode::CONFLICT, "{}", delete.body);
    let waive = app
        .call(
            "/api/candidatures/pieces/reponse",
            &[("application", &a2_s), ("piece", &w.capture.to_string()), ("non_concerne", "1")],
            Some(&me),
        )
        .await;
    assert_eq!(waive.status, StatusCode::CONFLICT, "{}", waive.body);

    let d = parsed(&detail(&app, &gest, a1).await);
    assert_eq!(d.status, DossierStatus::Complet);
    assert!(d.pieces.iter().all(|p| p.status == PieceStatus::Validee));
    assert_eq!(
        d.pieces.iter().map(|p| p.file_id).collect::<Vec<_>>(),
        files,
        "the files staff validated are still there"
    );

    // Once A1 is withdrawn, A2's pieces are A2's alone again.
    sqlx::query("UPDATE applications SET cancelled_at = 1 WHERE id = $1")
        .bind(a1)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(crate::pieces::upload_pdf(&app, &me, a2, w.cv).await.status, StatusCode::NO_CONTENT);
});

on_both_databases!(two_staff_editing_at_once_never_overwrite_each_other, |app: TestApp| async move {
    let w = world(&app).await;
    let (_, id) = transmitted(&app, &w, "lea@example.fr", "Martin").await;
    let a = staff_member(&app, "a@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let b = staff_member(&app, "b@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let version = parsed(&detail(&app, &a, id).await).version;
    // Both read the same version and save at once: one wins, the other is told.
    let (first, second) = futures::join!(
        judge(&app, &a, id, version, w.cv, "validee", ""),
        judge(&app, &b, id, version, w.cv, "refusee", "Pièce périmée"),
    );
    assert_eq!([ok(&first), ok(&second)].iter().filter(|x| **x).count(), 1, "{} / {}", first.body, second.body);
    let loser = if ok(&first) { &second } else { &first };
    assert_eq!(loser.status, StatusCode::CONFLICT);
    let d = parsed(&detail(&app, &a, id).await);
    assert_eq!(d.version, version + 1);
    assert_eq!(d.events.iter().filter(|e| e.who.is_some()).count(), 1);
    // Double click on "Incomplet"/"Complet": one change, one mail.
    let d = parsed(&detail(&app, &a, id).await);
    let cv = d.pieces.iter().find(|p| p.piece_id == w.cv).unwrap().status;
    if cv == PieceStatus::Validee {
        assert!(ok(&judge(&app, &a, id, d.version, w.capture, "validee", "").await));
        let d = parsed(&detail(&app, &a, id).await);
        let clicks = futures::future::join_all((0..3).map(|_| set_status(&app, &a, id, d.version, "complet"))).await;
        assert_eq!(clicks.iter().filter(|r| ok(r)).count(), 1);
        assert_eq!(
            app.mails_to("lea@example.fr").await.iter().filter(|(s, _)| s == "Candidature - dossier complet").count(),
            1
        );
    } else {
        let clicks = futures::future::join_all((0..3).map(|_| set_status(&app, &a, id, d.version, "incomplet"))).await;
        assert_eq!(clicks.iter().filter(|r| ok(r)).count(), 1);
        assert_eq!(
            app.mails_to("lea@example.fr").await.iter().filter(|(s, _)| s == "Candidature - dossier incomplet").count(),
            1
        );
    }
});

on_both_databases!(the_list_filters_sorts_and_pages_in_the_database, |app: TestApp| async move {
    let w = world(&app).await;
    let (_, martin) = transmitted(&app, &w, "lea@example.fr", "Martin").await;
    app.state.clock.advance(86_400 * 10);
    let (_, durand) = transmitted(&app, &w, "paul@example.fr", "Durand").await;
    // One more, not transmitted (En attente).
    let login = app.validated_account("zoe@example.fr", PASSWORD).await;
    let zoe = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
    crate::applications::complete_dossier(&app, &zoe).await;
    assert!(ok(&app
        .call("/api/candidatures/candidater", &[("formation", &w.formation.to_string())], Some(&zoe))
        .await));
    // Signed in now (ten days later, yesterday's session would have expired).
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;

    let all = list(&app, &gest, &[]).await;
    assert_eq!((all.total, all.total_exact, all.pages), (3, true, Some(1)));
    let by_name = list(&app, &gest, &[("query[tri]", "nom")]).await;
    let names: Vec<&str> = by_name.lines.iter().map(|l| l.nom.as_str()).collect();
    assert_eq!(names, vec!["Durand", "Martin", "MARTIN"], "case aside, then by id");
    let received = list(
        &app,
        &gest,
        &[("query[statut]", "receptionne"), ("query[tri]", "transmission"), ("query[ordre]", "desc")],
    )
    .await;
    assert_eq!(received.lines.iter().map(|l| l.id).collect::<Vec<_>>(), vec![durand, martin]);
    // The first one has waited more than the set number of days.
    assert!(received.lines[1].overdue && !received.lines[0].overdue);
    let found = list(&app, &gest, &[("query[q]", "PAUL@example")]).await;
    assert_eq!(found.lines.iter().map(|l| l.id).collect::<Vec<_>>(), vec![durand]);
    let from_day = list(&app, &gest, &[("query[du]", "2026-06-20")]).await;
    assert_eq!(from_day.lines.iter().map(|l| l.id).collect::<Vec<_>>(), vec![durand]);
    // Malformed filters are ignored, never an error.
    assert_eq!(
        list(&app, &gest, &[("query[statut]", "n'importe"), ("query[du]", "32/13/2026"), ("query[page]", "-4")])
            .await
            .total,
        3
    );
    // Exports: the filtered list, as on screen.
    let csv = app.get("/gestion/candidatures/export/csv?statut=receptionne&tri=nom", Some(&gest)).await;
    assert_eq!(csv.status, StatusCode::OK);
    let rows: Vec<&str> = csv.body.trim_start_matches('\u{feff}').trim_end().split("\r\n").collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].starts_with("Nom;Prénom;Login;Adresse mail;INE;Formation;Statut du dossier;Transmis le"));
    assert!(rows[1].starts_with("Durand;") && rows[1].contains(";FORMATION A;Réceptionné;25/06/2026;"), "{}", rows[1]);
    assert!(rows[2].starts_with("Martin;") && rows[2].contains(";15/06/2026;"), "{}", rows[2]);
    let xlsx = app
        .send(
            axum::http::Request::get("/gestion/candidatures/export/xlsx")
                .header("cookie", &gest)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.body.starts_with("PK") && xlsx.body.contains("xl/worksheets/sheet1.xml"));
    assert_eq!(app.get("/gestion/candidatures/export/pdf", Some(&gest)).await.status, StatusCode::NOT_FOUND);
    // Another centre's gestionnaire: 404 on this formation, nothing in their own list.
    let other = staff_member(&app, "autre@sesame.test", StaffRole::Gestionnaire, &[w.other_centre]).await;
    let formation = w.formation.to_string();
    assert_eq!(
        app.get(&format!("/gestion/candidatures/export/csv?formation={formation}"), Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("/api/gestion/candidatures", &[("query[formation]", &formation)], Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    let theirs = app.get("/gestion/candidatures/export/csv", Some(&other)).await;
    assert_eq!(theirs.body.trim_start_matches('\u{feff}').trim_end().lines().count(), 1, "the header alone");
    assert_eq!(
        app.get("/gestion/candidatures/export/csv", Some(&zoe)).await.status,
        StatusCode::NOT_FOUND,
        "candidates never"
    );

    // Previous / next follow the same filtered order.
    let d = parsed(
        &app.call(
            "/api/gestion/candidature",
            &[
                ("id", &durand.to_string()),
                ("query[statut]", "receptionne"),
                ("query[tri]", "transmission"),
                ("query[ordre]", "desc"),
            ],
            Some(&gest),
        )
        .await,
    );
    assert_eq!((d.previous, d.next), (None, Some(martin)));
});

pub(crate) async fn line(app: &TestApp, me: String) -> app::views::applications::ApplicationLine {
    let reply = app.call("/api/candidatures/liste", &[], Some(&me)).await;
    serde_json::from_str::<Vec<app::views::applications::ApplicationLine>>(&reply.body).unwrap().remove(0)
}

pub(crate) async fn decide(
    app: &TestApp,
    staff: &str,
    id: i64,
    version: i64,
    fields: &[(&str, &str)],
) -> support::Reply {
    let (id, version) = (id.to_string(), version.to_string());
    let mut all = vec![("application", id.as_str()), ("version", version.as_str())];
    all.extend_from_slice(fields);
    app.call("/api/gestion/candidature/decision", &all, Some(staff)).await
}

on_both_databases!(a_decision_is_prepared_then_published_once, |app: TestApp| async move {
    use app::domain::decision::{Decision, DecisionKind};
    let w = world(&app).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let (me, id) = transmitted(&app, &w, "lea@example.fr", "Martin").await;
    let d = parsed(&detail(&app, &gest, id).await);
    assert!(!d.may_decide);
    assert_eq!(
        refusal(&decide(&app, &gest, id, d.version, &[("decision", "favorable")]).await),
        Some(ReviewRefusal::NotComplete)
    );
    for piece in [w.cv, w.capture] {
        let v = parsed(&detail(&app, &gest, id).await).version;
        assert!(ok(&judge(&app, &gest, id, v, piece, "validee", "").await));
    }
    let v = parsed(&detail(&app, &gest, id).await).version;
    assert!(ok(&set_status(&app, &gest, id, v, "complet").await));
    let d = parsed(&detail(&app, &gest, id).await);
    assert!(d.may_decide && d.reasons.len() == 3);

    // Field by field: a rank for the liste complémentaire, a known reason for a défavorable.
    let no_rank = decide(&app, &gest, id, d.version, &[("decision", "liste_complementaire"), ("rang", "zéro")]).await;
    assert_eq!(no_rank.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = decide(&app, &gest, id, d.version, &[("decision", "defavorable"), ("motif", "Parce que")]).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(ok(&decide(&app, &gest, id, d.version, &[("decision", "liste_complementaire"), ("rang", "3")]).await));
    // A draft the candidate does not see.
    assert_eq!(line(&app, me.clone()).await.decision, None);
    let d = parsed(&detail(&app, &gest, id).await);
    assert_eq!(d.decisions.len(), 1);
    assert!(d.decisions[0].published.is_none());
    // Changed before publication: still one draft.
    assert!(ok(&decide(&app, &gest, id, d.version, &[("decision", "favorable")]).await));
    let d = parsed(&detail(&app, &gest, id).await);
    assert_eq!(d.decisions.len(), 1);

    // "Valider la décision" clicked three times: one publication, one mail.
    let fields = [("application", id.to_string()), ("version", d.version.to_string())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let clicks = futures::future::join_all(
        (0..3).map(|_| app.call("/api/gestion/candidature/decision/publier", &fields, Some(&gest))),
    )
    .await;
    assert_eq!(clicks.iter().filter(|r| ok(r)).count(), 1);
    let favorable = Decision { kind: DecisionKind::Favorable, rank: None, reason: None };
    assert_eq!(line(&app, me.clone()).await.decision, Some(favorable.clone()));
    let mails: Vec<_> =
        app.mails_to("lea@example.fr").await.into_iter().filter(|(s, _)| s == "Candidature - décision").collect();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].1.contains("Favorable (liste principale)"), "{}", mails[0].1);
    let d = parsed(&detail(&app, &gest, id).await);
    assert_eq!(d.decision, Some(favorable));
    // The list filters by decision.
    assert_eq!(list(&app, &gest, &[("query[decision]", "favorable")]).await.total, 1);
    assert_eq!(list(&app, &gest, &[("query[decision]", "aucune")]).await.total, 0);
    assert_eq!(list(&app, &gest, &[("query[decision]", "defavorable")]).await.total, 0);
    assert!(d.decisions[0].published.is_some() && d.decisions[0].published_by.as_deref() == Some("gest@sesame.test"));
    // Nothing left to publish.
    let again = app
        .call(
            "/api/gestion/candidature/decision/publier",
            &[("application", &id.to_string()), ("version", &d.version.to_string())],
            Some(&gest),
        )
        .await;
    assert_eq!(refusal(&again), Some(ReviewRefusal::NoDraft));
});

/// The fields of a bulk action on these rows of the list.
fn bulk_fields<'a>(rows: &'a [(String, String)], more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    rows.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain(more.iter().copied()).collect()
}

fn selected(list: &ReviewList) -> Vec<(String, String)> {
    list.lines.iter().enumerate().map(|(i, l)| (format!("lignes[{i:03}]"), format!("{}:{}", l.id, l.version))).collect()
}

async fn bulk(app: &TestApp, staff: &str, fields: &[(&str, &str)]) -> app::views::review::BulkOutcome {
    let reply = app.call("/api/gestion/candidatures/lot", fields, Some(staff)).await;
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

on_both_databases!(bulk_actions_change_each_row_by_its_own_rules, |app: TestApp| async move {
    use app::domain::decision::{Decision, DecisionKind};
    let w = world(&app).await;
    let gest = staff_member(&app, "gest@sesame.test", StaffRole::Gestionnaire, &[w.centre]).await;
    let (alpha_me, alpha) = transmitted(&app, &w, "alpha@example.fr", "ALPHA").await;
    let (_, beta) = transmitted(&app, &w, "beta@example.fr", "BETA").await;
    for piece in [w.cv, w.capture] {
        let d = parsed(&detail(&app, &gest, alpha).await);
        assert!(ok(&judge(&app, &gest, alpha, d.version, piece, "validee", "").await));
    }
    // Nothing selected, or an unknown action: told on the form.
    let none = app.call("/api/gestion/candidatures/lot", &[("action", "complet")], Some(&gest)).await;
    assert_eq!(
        serde_json::from_str::<AppError>(&none.body).unwrap().field("lignes").cloned(),
        Some(app::domain::Problem::Required)
    );
    // "Complet" on both: the one with every piece validated changes, the other is refused with its reason.
    let rows = selected(&list(&app, &gest, &[("query[tri]", "nom")]).await);
    let outcome = bulk(&app, &gest, &bulk_fields(&rows, &[("action", "complet")])).await;
    assert_eq!(outcome.done, 1);
    assert_eq!(outcome.refused, vec![(beta, AppError::ReviewRefused(ReviewRefusal::PiecesNotValidated))]);
    assert_eq!(
        app.mails_to("alpha@example.fr").await.iter().filter(|(s, _)| s == "Candidature - dossier complet").count(),
        1
    );
    // The same selection again: the list it came from is stale for alpha.
    let again = bulk(&app, &gest, &bulk_fields(&rows, &[("action", "complet")])).await;
    assert_eq!(again.done, 0);
    assert!(again.refused.contains(&(alpha, AppError::Conflict)));
    // A decision for the complete dossiers, numbered from the rank given, then published.
    let rows = selected(&list(&app, &gest, &[("query[statut]", "complet")]).await);
    let no_rank = app
        .call(
            "/api/gestion/candidatures/lot",
            &bulk_fields(&rows, &[("action", "decision"), ("decision", "liste_complementaire")]),
            Some(&gest),
        )
        .await;
    assert_eq!(no_rank.status, StatusCode::UNPROCESSABLE_ENTITY);
    let outcome = bulk(
        &app,
        &gest,
        &bulk_fields(&rows, &[("action", "decision"), ("decision", "liste_complementaire"), ("rang", "4")]),
    )
    .await;
    assert_eq!((outcome.done, outcome.refused.len()), (1, 0));
    let rows = selected(&list(&app, &gest, &[("query[statut]", "complet")]).await);
    assert_eq!(bulk(&app, &gest, &bulk_fields(&rows, &[("action", "publier")])).await.done, 1);
    let waiting = Decision { kind: DecisionKind::ListeComplementaire, rank: Some(4), reason: None };
    assert_eq!(line(&app, alpha_me).await.decision, Some(waiting));
    // Commission members change nothing, row by row.
    let jury = staff_member(&app, "jury@sesame.test", StaffRole::Commission, &[w.centre]).await;
    let rows = selected(&list(&app, &jury, &[]).await);
    let outcome = bulk(&app, &jury, &bulk_fields(&rows, &[("action", "complet")])).await;
    assert_eq!(outcome.done, 0);
    assert!(outcome.refused.iter().all(|(_, e)| *e == AppError::ReviewRefused(ReviewRefusal::ReadOnly)));
    // Every column sorts, in the database (a decision by kind, then rank).
    for column in ["nom", "login", "ine", "formation", "statut", "transmission", "decision"] {
        assert_eq!(list(&app, &gest, &[("query[tri]", column), ("query[ordre]", "desc")]).await.total, 2, "{column}");
    }
    // The columns a staff member chose are kept for them.
    assert!(ok(&app
        .call("/api/gestion/candidatures/colonnes", &[("colonnes[statut]", "1"), ("colonnes[login]", "1")], Some(&gest))
        .await));
    use app::views::review::ListColumn;
    assert_eq!(list(&app, &gest, &[]).await.columns, vec![ListColumn::Login, ListColumn::Status]);
    assert_eq!(list(&app, &jury, &[]).await.columns, ListColumn::ALL.to_vec());
});

on_both_databases!(the_search_ignores_case_accents_and_punctuation, |app: TestApp| async move {
    let w = world(&app).await;
    let admin = staff_member(&app, "admin@sesame.test", StaffRole::Admin, &[]).await;
    let people =
        [("MÉNARD", "Élodie"), ("LE BIHAN", "Yann"), ("N'DIAYE", "Awa"), ("SAINT-ÉTIENNE", "Jean"), ("MARTIN", "Léa")];
    for (i, (nom, prenom)) in people.iter().enumerate() {
        let email = format!("personne{i}@example.fr");
        let login = app.validated_named_account(nom, prenom, &email, PASSWORD).await;
        let me = app.sign_in(&login, PASSWORD).await.cookie.unwrap();
        crate::applications::complete_dossier(&app, &me).await;
        let reply =
            app.call("/api/candidatures/candidater", &[("formation", &w.formation.to_string())], Some(&me)).await;
        assert!(ok(&reply), "{}", reply.body);
    }
    let cases: &[(&str, &[&str])] = &[
        ("Ménard", &["MÉNARD"]),
        ("ménard", &["MÉNARD"]),
        ("MÉNARD", &["MÉNARD"]),
        ("MENARD", &["MÉNARD"]),
        ("menard", &["MÉNARD"]),
        ("Élodie", &["MÉNARD"]),
        ("élodie", &["MÉNARD"]),
        ("ménard élodie", &["MÉNARD"]),
        ("Le Bihan", &["LE BIHAN"]),
        ("le  bihan", &["LE BIHAN"]),
        ("N'Diaye", &["N'DIAYE"]),
        ("n diaye", &["N'DIAYE"]),
        ("Saint-Étienne", &["SAINT-ÉTIENNE"]),
        ("saint etienne", &["SAINT-ÉTIENNE"]),
        ("lea", &["MARTIN"]),
        ("Ménardo", &[]),
        ("personne3@EXAMPLE.fr", &["SAINT-ÉTIENNE"]),
    ];
    for (q, expected) in cases {
        let found = list(&app, &admin, &[("query[q]", q)]).await;
        let mut names: Vec<&str> = found.lines.iter().map(|l| l.nom.as_str()).collect();
        names.sort();
        assert_eq!(names, *expected, "search « {q} »");
    }
});
