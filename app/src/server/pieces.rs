//! Pièces justificatives use cases: the table of an application, receiving
//! a file (checked while it streams to disk, then recorded in one
//! transaction), deleting, "Non concerné", downloading, and "Transmettre".

use super::auth::session::{AccountKind, Signed};
use super::clock::{paris_date_in, paris_day};
use super::files;
use super::mail;
use super::state::AppState;
use super::store::applications::{self, ApplicationRow};
use super::store::{accounts, pieces, Conn};
use crate::domain::application::DossierStatus;
use crate::domain::date::Day;
use crate::domain::pieces::{
    may_change_piece, may_change_pieces, may_change_shared_piece, may_transmit, return_closed, PieceState, PieceStatus,
};
use crate::domain::upload::{clean_name, combined_max, FileKind, UploadProblem, MAX_PARTS};
use crate::error::AppError;
use crate::views::pieces::{PieceLine, PiecesView};

async fn application(conn: &mut Conn, signed: &Signed, id: i64) -> Result<(ApplicationRow, DossierStatus), AppError> {
    let a = applications::one_of_candidate(conn, signed.account_id, id).await?.ok_or(AppError::NotFound)?;
    let status = a.status;
    Ok((a, status))
}

/// The day the application's pieces closed, when they have (the date
/// limite de retour, `domain::pieces::return_closed`).
fn closed_on(state: &AppState, a: &ApplicationRow, status: DossierStatus) -> Result<Option<Day>, AppError> {
    let deadline = Day::parse_iso(&a.formation.return_deadline)
        .ok_or_else(|| AppError::internal("return deadline unreadable", &a.formation.return_deadline))?;
    let reopened = a.reopened_until.as_deref().and_then(Day::parse_iso);
    Ok(return_closed(status, paris_day(state.clock.now()), deadline, reopened))
}

async fn lines(
    conn: &mut Conn,
    signed: &Signed,
    a: &ApplicationRow,
    dossier: DossierStatus,
) -> Result<Vec<(PieceLine, PieceState)>, AppError> {
    let rows =
        pieces::of_application(&mut *conn, signed.account_id, a.formation.centre_id, a.formation.formation_id).await?;
    let users = pieces::users_in_centre(conn, signed.account_id, a.formation.centre_id).await?;
    rows.into_iter()
        .map(|p| {
            let status = p.status;
            let others: Vec<DossierStatus> =
                users.iter().filter(|(piece, _)| *piece == p.piece_id).map(|(_, status)| *status).collect();
            let own = may_change_piece(dossier, status);
            let editable = own && may_change_shared_piece(status, others);
            let state = PieceState { required: p.required, status, has_file: p.file_id.is_some() };
            let line = PieceLine {
                piece_id: p.piece_id,
                label: p.label,
                required: p.required,
                common: p.common,
                status,
                comment: p.comment,
                file_id: p.file_id,
                file_name: p.file_name,
                file_parts: p.file_parts,
                editable,
                held_by_other: own && !editable,
                has_model: p.has_model,
            };
            Ok((line, state))
        })
        .collect()
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, application_id))]
pub async fn view(state: &AppState, signed: &Signed, application_id: i64) -> Result<PiecesView, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let (a, status) = application(&mut conn, signed, application_id).await?;
    let all = lines(&mut conn, signed, &a, status).await?;
    let states: Vec<PieceState> = all.iter().map(|(_, s)| *s).collect();
    let closed = closed_on(state, &a, status)?;
    let open = may_change_pieces(status) && closed.is_none();
    Ok(PiecesView {
        editable: open,
        may_transmit: open && may_transmit(&states),
        closed_on: closed,
        max_bytes: state.settings.max_upload_bytes,
        pieces: all.into_iter().map(|(l, _)| l).collect(),
    })
}

/// The piece, when it is one of this application's and the application
/// still accepts changes.
async fn editable_piece(
    state: &AppState,
    conn: &mut Conn,
    signed: &Signed,
    application_id: i64,
    piece_id: i64,
) -> Result<PieceLine, AppError> {
    let (a, status) = application(conn, signed, application_id).await?;
    if let Some(day) = closed_on(state, &a, status)? {
        return Err(AppError::ReturnClosed(day));
    }
    let piece = lines(conn, signed, &a, status)
        .await?
        .into_iter()
        .map(|(l, _)| l)
        .find(|l| l.piece_id == piece_id)
        .ok_or(AppError::NotFound)?;
    if !piece.editable {
        return Err(AppError::Conflict);
    }
    Ok(piece)
}

/// Checks who may upload before the body is read.
#[tracing::instrument(skip_all, fields(account = signed.account_id, application_id, piece_id))]
pub async fn authorize_upload(
    state: &AppState,
    signed: &Signed,
    application_id: i64,
    piece_id: i64,
) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    editable_piece(state, &mut conn, signed, application_id, piece_id).await.map(|_| ())
}

/// A file received for a piece (checked and in place): it becomes the
/// piece's file, or, when `adding`, it is combined with the current one
/// into one PDF. Every file that ends up unused is removed.
#[tracing::instrument(skip_all, fields(account = signed.account_id, application_id, piece_id))]
pub async fn receive(
    state: &AppState,
    signed: &Signed,
    application_id: i64,
    piece_id: i64,
    stored: files::Stored,
    original_name: &str,
    adding: bool,
) -> Result<(), AppError> {
    let store = &state.settings.files;
    let base = if adding { current_file(state, signed, application_id, piece_id).await } else { Ok(None) };
    let base = match base {
        Ok(base) => base,
        Err(error) => {
            files::remove(store, &stored.stored_name).await;
            return Err(error);
        }
    };
    let Some((base_id, base)) = base else {
        let name = clean_name(original_name, stored.kind);
        return record(state, signed, application_id, piece_id, stored, &name, 1, None).await;
    };
    let combined = if base.parts >= MAX_PARTS {
        Err(AppError::FileRefused(UploadProblem::CombinedTooLarge {
            max: combined_max(state.settings.max_upload_bytes),
        }))
    } else {
        files::combine(
            store,
            &state.pdf_work,
            signed.account_id,
            (&base.stored_name, base.kind),
            &stored,
            combined_max(state.settings.max_upload_bytes),
        )
        .await
    };
    files::remove(store, &stored.stored_name).await;
    let name = clean_name(&base.original_name, FileKind::Pdf);
    record(state, signed, application_id, piece_id, combined?, &name, base.parts + 1, Some(base_id)).await
}

/// The piece's current file, when it may still change.
async fn current_file(
    state: &AppState,
    signed: &Signed,
    application_id: i64,
    piece_id: i64,
) -> Result<Option<(i64, pieces::FileRow)>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let piece = editable_piece(state, &mut conn, signed, application_id, piece_id).await?;
    let Some(file_id) = piece.file_id else { return Ok(None) };
    Ok(pieces::file_of(&mut conn, signed.account_id, file_id).await?.map(|f| (file_id, f)))
}

/// Makes `stored` the piece's file in one transaction; removes it if that
/// fails, and the file it replaces once it succeeds. `replacing` is the
/// file a combination started from: if another upload changed the piece
/// meanwhile, nothing is recorded.
#[allow(clippy::too_many_arguments)]
async fn record(
    state: &AppState,
    signed: &Signed,
    application_id: i64,
    piece_id: i64,
    stored: files::Stored,
    name: &str,
    parts: i64,
    replacing: Option<i64>,
) -> Result<(), AppError> {
    let store = &state.settings.files;
    let outcome = async {
        let now = state.clock.now();
        let mut tx = state.db.pool.begin().await?;
        applications::lock_candidate(&mut tx, signed.account_id).await?;
        let piece = editable_piece(state, &mut tx, signed, application_id, piece_id).await?;
        if replacing.is_some() && piece.file_id != replacing {
            return Err(AppError::Conflict);
        }
        let file = pieces::NewFile {
            candidate_id: signed.account_id,
            stored_name: &stored.stored_name,
            original_name: name,
            kind: stored.kind.code(),
            size: stored.size as i64,
            parts,
            now,
        };
        let file_id = pieces::insert_file(&mut tx, &file).await?;
        let replaced =
            pieces::answer(&mut tx, signed.account_id, piece_id, PieceStatus::Transmise.code(), Some(file_id), now)
                .await?;
        let gone = match replaced {
            Some(old) => pieces::delete_file(&mut tx, old).await?,
            None => None,
        };
        tx.commit().await?;
        Ok::<_, AppError>(gone)
    }
    .await;
    match outcome {
        Ok(gone) => {
            files::discard(&state.db.pool, store, gone.as_slice()).await;
            Ok(())
        }
        Err(error) => {
            files::remove(store, &stored.stored_name).await;
            Err(error)
        }
    }
}

/// "Supprimer" (back to En attente) or "Non concerné" (conditional pieces).
#[tracing::instrument(skip_all, fields(account = signed.account_id, application_id, piece_id))]
pub async fn set_answer(
    state: &AppState,
    signed: &Signed,
    application_id: i64,
    piece_id: i64,
    not_concerned: bool,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    applications::lock_candidate(&mut tx, signed.account_id).await?;
    let piece = editable_piece(state, &mut tx, signed, application_id, piece_id).await?;
    if not_concerned && piece.required {
        return Err(AppError::Conflict);
    }
    let status = if not_concerned { PieceStatus::NonConcerne } else { PieceStatus::EnAttente };
    let replaced = pieces::answer(&mut tx, signed.account_id, piece_id, status.code(), None, now).await?;
    let gone = match replaced {
        Some(old) => pieces::delete_file(&mut tx, old).await?,
        None => None,
    };
    tx.commit().await?;
    files::discard(&state.db.pool, &state.settings.files, gone.as_slice()).await;
    Ok(())
}

/// A file to download: (stored name, name to show, kind), only the
/// candidate's own.
#[tracing::instrument(skip_all, fields(account = signed.account_id, file_id))]
pub async fn download(state: &AppState, signed: &Signed, file_id: i64) -> Result<(String, String, FileKind), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let f = pieces::file_of(&mut conn, signed.account_id, file_id).await?.ok_or(AppError::NotFound)?;
    Ok((f.stored_name, f.original_name, f.kind))
}

/// A file for staff whose scope `review::may_read_file` checked.
#[tracing::instrument(skip_all, fields(file_id))]
pub async fn staff_download(state: &AppState, file_id: i64) -> Result<(String, String, FileKind), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let f = pieces::file_by_id(&mut conn, file_id).await?.ok_or(AppError::NotFound)?;
    Ok((f.stored_name, f.original_name, f.kind))
}

/// The model file of a piece: to candidates while its campaign is the
/// active one, to staff of its campaign (admins: any); 404 otherwise, a
/// campaign in preparation included.
#[tracing::instrument(skip_all, fields(account = signed.account_id, piece_id))]
pub async fn model(state: &AppState, signed: &Signed, piece_id: i64) -> Result<(String, String, FileKind), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let reader = match signed.kind {
        AccountKind::Candidat => pieces::ModelReader::Candidate,
        AccountKind::Staff => {
            pieces::ModelReader::Staff { scope_staff: super::review::scope(&mut conn, signed).await?.bound() }
        }
    };
    let m = pieces::model_for(&mut conn, piece_id, reader).await?.ok_or(AppError::NotFound)?;
    let kind = m
        .stored_name
        .rsplit('.')
        .next()
        .and_then(FileKind::from_code)
        .ok_or_else(|| AppError::internal("model file kind unknown", &m.stored_name))?;
    Ok((m.stored_name, m.name, kind))
}

/// "Transmettre ma candidature": once, whatever the clicks and tabs.
#[tracing::instrument(skip_all, fields(account = signed.account_id, application_id))]
pub async fn transmit(state: &AppState, signed: &Signed, application_id: i64) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    applications::lock_candidate(&mut tx, signed.account_id).await?;
    let (a, status) = application(&mut tx, signed, application_id).await?;
    let states: Vec<PieceState> = lines(&mut tx, signed, &a, status).await?.into_iter().map(|(_, s)| s).collect();
    if !may_change_pieces(status) {
        return Err(AppError::Conflict);
    }
    if let Some(day) = closed_on(state, &a, status)? {
        return Err(AppError::ReturnClosed(day));
    }
    if !may_transmit(&states) {
        return Err(AppError::Invalid(crate::domain::FieldErrors::new()));
    }
    if !pieces::transmit(&mut tx, signed.account_id, application_id, now).await? {
        return Err(AppError::Conflict);
    }
    super::store::review::add_event(&mut tx, application_id, None, "transmission", "", now).await?;
    let me = accounts::candidate_by_id(&mut tx, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    let mail = mail::compose(
        &mut tx,
        &mail::APPLICATION_RECEIVED,
        me.language,
        &[
            ("prenom", &me.prenom),
            ("nom", &me.nom),
            ("formation", &a.formation.title),
            ("centre", &a.formation.centre),
            ("date", &paris_date_in(now, me.language)),
            ("lien", &state.link(&format!("/candidatures/{application_id}"))),
        ],
        &state.settings.assistance_email,
    )
    .await?;
    mail::queue(&mut tx, &format!("application-received:{application_id}:{}", a.version), &me.email, &mail, now)
        .await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}
