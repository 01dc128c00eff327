//! Pièces justificatives: the pieces an application needs, the candidate's
//! files and answers.

use super::columns::Flag;
use super::{Conn, StoreResult};
use crate::domain::application::DossierStatus;
use crate::domain::pieces::PieceStatus;
use crate::domain::upload::FileKind;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PieceRow {
    #[sqlx(rename = "id")]
    pub piece_id: i64,
    pub label: String,
    #[sqlx(try_from = "Flag")]
    pub required: bool,
    /// Common to the whole centre (not only this formation).
    #[sqlx(try_from = "Flag")]
    pub common: bool,
    /// En attente while the candidate has not answered.
    pub status: PieceStatus,
    pub comment: String,
    pub file_id: Option<i64>,
    #[sqlx(rename = "original_name")]
    pub file_name: Option<String>,
    #[sqlx(rename = "parts")]
    pub file_parts: i64,
    /// A model file to download exists.
    #[sqlx(try_from = "Flag")]
    pub has_model: bool,
}

/// The pieces of a formation (its own, then its centre's), with the
/// candidate's answer to each.
pub async fn of_application(
    conn: &mut Conn,
    candidate_id: i64,
    centre_id: i64,
    formation_id: i64,
) -> StoreResult<Vec<PieceRow>> {
    Ok(sqlx::query_as(
        "SELECT p.id, p.label, p.required, p.common, CASE WHEN p.model_stored_name IS NULL THEN 0 ELSE 1 END AS has_model,
                COALESCE(cp.status, 'en_attente') AS status, COALESCE(cp.comment, '') AS comment, cp.file_id, f.original_name,
                COALESCE(f.parts, 1) AS parts
         FROM pieces p
         LEFT JOIN candidate_pieces cp ON cp.piece_id = p.id AND cp.candidate_id = $1
         LEFT JOIN files f ON f.id = cp.file_id
         WHERE p.centre_id = $2
           AND (p.common = 1 OR EXISTS (SELECT 1 FROM formation_pieces fp WHERE fp.piece_id = p.id AND fp.formation_id = $3))
         ORDER BY p.position, p.id",
    )
    .bind(candidate_id)
    .bind(centre_id)
    .bind(formation_id)
    .fetch_all(conn)
    .await?)
}

/// For each piece of the centre, the status of every live application of
/// the candidate that asks for it: (piece id, dossier status).
pub async fn users_in_centre(
    conn: &mut Conn,
    candidate_id: i64,
    centre_id: i64,
) -> StoreResult<Vec<(i64, DossierStatus)>> {
    Ok(sqlx::query_as(
        "SELECT p.id, a.status FROM pieces p
         JOIN formations f ON f.centre_id = p.centre_id
         JOIN applications a ON a.formation_id = f.id AND a.candidate_id = $1 AND a.cancelled_at IS NULL
         WHERE p.centre_id = $2
           AND (p.common = 1 OR EXISTS (SELECT 1 FROM formation_pieces fp WHERE fp.piece_id = p.id AND fp.formation_id = f.id))",
    )
    .bind(candidate_id)
    .bind(centre_id)
    .fetch_all(conn)
    .await?)
}

pub struct NewFile<'a> {
    pub candidate_id: i64,
    pub stored_name: &'a str,
    pub original_name: &'a str,
    pub kind: &'a str,
    pub size: i64,
    /// Files combined into this one (1: a single upload).
    pub parts: i64,
    pub now: i64,
}

pub async fn insert_file(conn: &mut Conn, f: &NewFile<'_>) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO files (candidate_id, stored_name, original_name, kind, size, parts, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(f.candidate_id)
    .bind(f.stored_name)
    .bind(f.original_name)
    .bind(f.kind)
    .bind(f.size)
    .bind(f.parts)
    .bind(f.now)
    .fetch_one(conn)
    .await?)
}

/// Sets the candidate's answer to a piece; returns the file it replaces.
pub async fn answer(
    conn: &mut Conn,
    candidate_id: i64,
    piece_id: i64,
    status: &str,
    file_id: Option<i64>,
    now: i64,
) -> StoreResult<Option<i64>> {
    let previous: Option<i64> = sqlx::query_scalar::<_, Option<i64>>(
        "SELECT file_id FROM candidate_pieces WHERE candidate_id = $1 AND piece_id = $2",
    )
    .bind(candidate_id)
    .bind(piece_id)
    .fetch_optional(&mut *conn)
    .await?
    .flatten();
    sqlx::query(
        "INSERT INTO candidate_pieces (candidate_id, piece_id, status, file_id, comment, updated_at) VALUES ($1, $2, $3, $4, '', $5)
         ON CONFLICT (candidate_id, piece_id) DO UPDATE SET status = excluded.status, file_id = excluded.file_id, comment = '', updated_at = excluded.updated_at",
    )
    .bind(candidate_id)
    .bind(piece_id)
    .bind(status)
    .bind(file_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(previous.filter(|p| Some(*p) != file_id))
}

/// Removes a file row no answer points to any more; returns its stored
/// name, noted in `pending_deletions` in the same transaction.
pub async fn delete_file(conn: &mut Conn, file_id: i64) -> StoreResult<Option<String>> {
    let name: Option<String> = sqlx::query_scalar("DELETE FROM files WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM candidate_pieces WHERE file_id = $1) RETURNING stored_name")
        .bind(file_id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(name) = name else { return Ok(None) };
    super::deletions::queue(conn, &name).await?;
    Ok(Some(name))
}

#[derive(sqlx::FromRow)]
pub struct FileRow {
    pub stored_name: String,
    pub original_name: String,
    pub kind: FileKind,
    pub parts: i64,
}

/// A file, only if it is this candidate's.
pub async fn file_of(conn: &mut Conn, candidate_id: i64, file_id: i64) -> StoreResult<Option<FileRow>> {
    Ok(sqlx::query_as("SELECT stored_name, original_name, kind, parts FROM files WHERE id = $1 AND candidate_id = $2")
        .bind(file_id)
        .bind(candidate_id)
        .fetch_optional(conn)
        .await?)
}

/// A file whoever it belongs to (the caller checked the reader's scope).
pub async fn file_by_id(conn: &mut Conn, file_id: i64) -> StoreResult<Option<FileRow>> {
    Ok(sqlx::query_as("SELECT stored_name, original_name, kind, parts FROM files WHERE id = $1")
        .bind(file_id)
        .fetch_optional(conn)
        .await?)
}

/// A piece's model file (`name`: empty when none was recorded).
#[derive(sqlx::FromRow)]
pub struct ModelRow {
    #[sqlx(rename = "model_stored_name")]
    pub stored_name: String,
    #[sqlx(rename = "model_name")]
    pub name: String,
}

/// The model file of a piece, if it has one.
pub async fn model_of(conn: &mut Conn, piece_id: i64) -> StoreResult<Option<ModelRow>> {
    Ok(sqlx::query_as(
        "SELECT model_stored_name, COALESCE(model_name, '') AS model_name FROM pieces WHERE id = $1 AND model_stored_name IS NOT NULL",
    )
    .bind(piece_id)
    .fetch_optional(conn)
    .await?)
}

/// Who asks for a model file: a candidate reads those of the active
/// campaign; staff those of a campaign where they have a centre (admins:
/// every campaign not destroyed).
#[derive(Clone, Copy, Debug)]
pub enum ModelReader {
    Candidate,
    Staff { scope_staff: Option<i64> },
}

/// A piece's model file, when this reader may have it.
pub async fn model_for(conn: &mut Conn, piece_id: i64, reader: ModelReader) -> StoreResult<Option<ModelRow>> {
    let (candidate, scope_staff) = match reader {
        ModelReader::Candidate => (1_i64, None),
        ModelReader::Staff { scope_staff } => (0, scope_staff),
    };
    Ok(sqlx::query_as(
        "SELECT p.model_stored_name, COALESCE(p.model_name, '') AS model_name FROM pieces p JOIN centres c ON c.id = p.centre_id JOIN campaigns k ON k.id = c.campaign_id
         WHERE p.id = $1 AND p.model_stored_name IS NOT NULL AND k.destroyed_at IS NULL
           AND CASE WHEN $2 = 1 THEN k.active = 1
                    WHEN $3 IS NULL THEN 1 = 1
                    ELSE EXISTS (SELECT 1 FROM staff_centres sc JOIN centres c2 ON c2.id = sc.centre_id WHERE sc.staff_id = $3 AND c2.campaign_id = k.id) END",
    )
    .bind(piece_id)
    .bind(candidate)
    .bind(scope_staff)
    .fetch_optional(conn)
    .await?)
}

/// Gives a piece its model file (stored under `models/`); returns the one it replaces.
pub async fn set_model(conn: &mut Conn, piece_id: i64, stored_name: &str, name: &str) -> StoreResult<Option<String>> {
    let previous = model_of(&mut *conn, piece_id).await?.map(|m| m.stored_name).filter(|p| p != stored_name);
    sqlx::query("UPDATE pieces SET model_stored_name = $2, model_name = $3 WHERE id = $1")
        .bind(piece_id)
        .bind(stored_name)
        .bind(name)
        .execute(&mut *conn)
        .await?;
    // The replaced file leaves the disk after the commit, or by the purge job.
    if let Some(previous) = &previous {
        super::deletions::queue(conn, previous).await?;
    }
    Ok(previous)
}

/// For the demo seed: the piece, created once.
pub async fn ensure_piece(
    conn: &mut Conn,
    centre_id: i64,
    formation_id: Option<i64>,
    label: &str,
    required: bool,
    position: i64,
) -> StoreResult<i64> {
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM pieces WHERE centre_id = $1 AND label = $2")
        .bind(centre_id)
        .bind(label)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO pieces (centre_id, label, required, common, position) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(centre_id)
    .bind(label)
    .bind(required as i64)
    .bind(formation_id.is_none() as i64)
    .bind(position)
    .fetch_one(&mut *conn)
    .await?;
    if let Some(formation_id) = formation_id {
        sqlx::query("INSERT INTO formation_pieces (formation_id, piece_id) VALUES ($1, $2)")
            .bind(formation_id)
            .bind(id)
            .execute(conn)
            .await?;
    }
    Ok(id)
}

/// Moves the application from En attente (or Incomplet) to Réceptionné;
/// false when it was not in such a state any more (a second click).
pub async fn transmit(conn: &mut Conn, candidate_id: i64, application_id: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE applications SET status = 'receptionne', transmitted_at = $3, received_at = $3, version = version + 1
         WHERE id = $1 AND candidate_id = $2 AND cancelled_at IS NULL AND status IN ('en_attente', 'incomplet')",
    )
    .bind(application_id)
    .bind(candidate_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
