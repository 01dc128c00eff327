//! What staff configure: centres, formations with their dates and pieces,
//! the campaign's settings and decision reasons. Scope is a parameter as
//! in `review`: `scope_staff` bounds rows to a staff member's centres,
//! `None` is an admin (every centre).

use super::columns::Flag;
use super::{Conn, StoreResult};
use crate::domain::formation::{Formation, PieceDefinition};
use crate::views::configuration::CentreView;

fn centre_scope(n: usize) -> String {
    format!("(${n} IS NULL OR c.id IN (SELECT centre_id FROM staff_centres WHERE staff_id = ${n}))")
}

/// The campaign's centres the staff member works on.
pub async fn centres(conn: &mut Conn, scope_staff: Option<i64>, campaign_id: i64) -> StoreResult<Vec<CentreView>> {
    let sql = format!(
        "SELECT c.id, c.label, c.contact_address, c.contact_email, c.signatory FROM centres c
         WHERE c.campaign_id = $2 AND {} ORDER BY c.label",
        centre_scope(1)
    );
    Ok(sqlx::query_as(&sql).bind(scope_staff).bind(campaign_id).fetch_all(conn).await?)
}

pub async fn insert_centre(conn: &mut Conn, campaign_id: i64, c: &CentreView) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("INSERT INTO centres (campaign_id, label, contact_address, contact_email, signatory) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(campaign_id)
        .bind(&c.label)
        .bind(&c.contact_address)
        .bind(&c.contact_email)
        .bind(&c.signatory)
        .fetch_one(conn)
        .await?)
}

pub async fn update_centre(conn: &mut Conn, c: &CentreView) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE centres SET label = $2, contact_address = $3, contact_email = $4, signatory = $5 WHERE id = $1",
    )
    .bind(c.id)
    .bind(&c.label)
    .bind(&c.contact_address)
    .bind(&c.contact_email)
    .bind(&c.signatory)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// For the demo seed: a signatory for a centre that has none.
pub async fn set_signatory_if_empty(conn: &mut Conn, centre_id: i64, signatory: &str) -> StoreResult<()> {
    sqlx::query("UPDATE centres SET signatory = $2 WHERE id = $1 AND signatory = ''")
        .bind(centre_id)
        .bind(signatory)
        .execute(conn)
        .await?;
    Ok(())
}

/// A formation as stored (days `YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct FormationRow {
    pub id: i64,
    pub centre_id: i64,
    pub centre: String,
    pub title: String,
    pub keywords: String,
    pub url: String,
    pub window_start: String,
    pub window_end: String,
    pub return_deadline: String,
    #[sqlx(rename = "publication_day")]
    pub publication: Option<String>,
    #[sqlx(rename = "confirmation_day")]
    pub confirmation: Option<String>,
    pub mode: String,
    pub treatment: String,
    pub capacity: i64,
    #[sqlx(try_from = "Flag")]
    pub waiting_list: bool,
    /// Live applications (not cancelled).
    pub applications: i64,
}

const FORMATION_COLUMNS: &str =
    "f.id, f.centre_id, c.label AS centre, f.title, f.keywords, f.url, f.window_start, f.window_end, f.return_deadline,
    f.publication_day, f.confirmation_day, f.mode, f.treatment, f.capacity, f.waiting_list,
    (SELECT COUNT(*) FROM applications a WHERE a.formation_id = f.id AND a.cancelled_at IS NULL) AS applications";

pub async fn formations(conn: &mut Conn, scope_staff: Option<i64>, campaign_id: i64) -> StoreResult<Vec<FormationRow>> {
    let sql = format!(
        "SELECT {FORMATION_COLUMNS} FROM formations f JOIN centres c ON c.id = f.centre_id
         WHERE c.campaign_id = $2 AND {} ORDER BY c.label, f.title",
        centre_scope(1)
    );
    Ok(sqlx::query_as(&sql).bind(scope_staff).bind(campaign_id).fetch_all(conn).await?)
}

pub async fn formation(conn: &mut Conn, scope_staff: Option<i64>, id: i64) -> StoreResult<Option<FormationRow>> {
    let sql = format!(
        "SELECT {FORMATION_COLUMNS} FROM formations f JOIN centres c ON c.id = f.centre_id WHERE f.id = $2 AND {}",
        centre_scope(1)
    );
    Ok(sqlx::query_as(&sql).bind(scope_staff).bind(id).fetch_optional(conn).await?)
}

/// Inserts (`id` None) or updates the formation; returns its id, or None
/// when the formation to update is gone.
pub async fn save_formation(conn: &mut Conn, id: Option<i64>, f: &Formation) -> StoreResult<Option<i64>> {
    let sql = match id {
        None => {
            "INSERT INTO formations (centre_id, title, keywords, url, window_start, window_end, return_deadline, publication_day, confirmation_day,
               mode, treatment, capacity, waiting_list)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"
        }
        Some(_) => {
            "UPDATE formations SET centre_id = $1, title = $2, keywords = $3, url = $4, window_start = $5, window_end = $6, return_deadline = $7,
               publication_day = $8, confirmation_day = $9, mode = $10, treatment = $11, capacity = $12, waiting_list = $13
             WHERE id = $14 RETURNING id"
        }
    };
    let query = sqlx::query_scalar(sql)
        .bind(f.centre_id)
        .bind(&f.title)
        .bind(&f.keywords)
        .bind(&f.url)
        .bind(f.window_start.iso())
        .bind(f.window_end.iso())
        .bind(f.return_deadline.iso())
        .bind(f.publication.map(|d| d.iso()))
        .bind(f.confirmation.map(|d| d.iso()))
        .bind(&f.mode)
        .bind(&f.treatment)
        .bind(f.capacity)
        .bind(f.waiting_list as i64);
    let query = match id {
        Some(id) => query.bind(id),
        None => query,
    };
    Ok(query.fetch_optional(conn).await?)
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PieceConfig {
    pub id: i64,
    pub centre_id: i64,
    pub centre: String,
    pub label: String,
    #[sqlx(try_from = "Flag")]
    pub required: bool,
    #[sqlx(try_from = "Flag")]
    pub common: bool,
    pub model_name: Option<String>,
    /// The formations that name it (for a piece that is not common), from
    /// `formation_pieces`.
    #[sqlx(skip)]
    pub formations: Vec<i64>,
}

pub async fn pieces(conn: &mut Conn, scope_staff: Option<i64>, campaign_id: i64) -> StoreResult<Vec<PieceConfig>> {
    let sql = format!(
        "SELECT p.id, p.centre_id, c.label AS centre, p.label, p.required, p.common, p.model_name FROM pieces p JOIN centres c ON c.id = p.centre_id
         WHERE c.campaign_id = $2 AND {} ORDER BY c.label, p.position, p.id",
        centre_scope(1)
    );
    let mut pieces: Vec<PieceConfig> =
        sqlx::query_as(&sql).bind(scope_staff).bind(campaign_id).fetch_all(&mut *conn).await?;
    let links: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT fp.piece_id, fp.formation_id FROM formation_pieces fp JOIN pieces p ON p.id = fp.piece_id JOIN centres c ON c.id = p.centre_id
         WHERE c.campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_all(&mut *conn)
    .await?;
    for piece in &mut pieces {
        piece.formations = links.iter().filter(|(p, _)| *p == piece.id).map(|(_, f)| *f).collect();
    }
    Ok(pieces)
}

/// Inserts (`id` None, placed last of its centre) or updates the piece.
pub async fn save_piece(conn: &mut Conn, id: Option<i64>, p: &PieceDefinition) -> StoreResult<Option<i64>> {
    let id = match id {
        None => {
            sqlx::query_scalar(
                "INSERT INTO pieces (centre_id, label, required, common, position)
                 VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM pieces WHERE centre_id = $1)) RETURNING id",
            )
            .bind(p.centre_id)
            .bind(&p.label)
            .bind(p.required as i64)
            .bind(p.common as i64)
            .fetch_optional(conn)
            .await?
        }
        Some(id) => {
            sqlx::query_scalar("UPDATE pieces SET label = $2, required = $3, common = $4 WHERE id = $1 AND centre_id = $5 RETURNING id")
                .bind(id)
                .bind(&p.label)
                .bind(p.required as i64)
                .bind(p.common as i64)
                .bind(p.centre_id)
                .fetch_optional(conn)
                .await?
        }
    };
    Ok(id)
}

/// The pieces a formation names (beside its centre's common ones).
pub async fn formation_pieces(conn: &mut Conn, formation_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT piece_id FROM formation_pieces WHERE formation_id = $1 ORDER BY piece_id")
        .bind(formation_id)
        .fetch_all(conn)
        .await?)
}

/// Replaces the pieces a formation names; only pieces of its own centre.
pub async fn set_formation_pieces(
    conn: &mut Conn,
    formation_id: i64,
    centre_id: i64,
    pieces: &[i64],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM formation_pieces WHERE formation_id = $1").bind(formation_id).execute(&mut *conn).await?;
    for piece in pieces {
        sqlx::query("INSERT INTO formation_pieces (formation_id, piece_id) SELECT $1, id FROM pieces WHERE id = $2 AND centre_id = $3")
            .bind(formation_id)
            .bind(*piece)
            .bind(centre_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The piece's centre, when the staff member may configure it.
pub async fn piece_centre(conn: &mut Conn, scope_staff: Option<i64>, piece_id: i64) -> StoreResult<Option<i64>> {
    let sql = format!(
        "SELECT c.id FROM pieces p JOIN centres c ON c.id = p.centre_id WHERE p.id = $2 AND {}",
        centre_scope(1)
    );
    Ok(sqlx::query_scalar(&sql).bind(scope_staff).bind(piece_id).fetch_optional(conn).await?)
}

/// The active campaign's settings an admin edits.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CampaignSettings {
    pub id: i64,
    pub code: String,
    pub label: String,
    pub university_year: String,
    pub max_applications: i64,
}

pub async fn campaign_settings(conn: &mut Conn, campaign_id: i64) -> StoreResult<Option<CampaignSettings>> {
    Ok(sqlx::query_as("SELECT id, code, label, university_year, max_applications FROM campaigns WHERE id = $1")
        .bind(campaign_id)
        .fetch_optional(conn)
        .await?)
}

pub async fn save_campaign_settings(conn: &mut Conn, s: &CampaignSettings) -> StoreResult<()> {
    sqlx::query("UPDATE campaigns SET label = $2, university_year = $3, max_applications = $4 WHERE id = $1")
        .bind(s.id)
        .bind(&s.label)
        .bind(&s.university_year)
        .bind(s.max_applications)
        .execute(conn)
        .await?;
    Ok(())
}

/// A new reason, last in the list (`Duplicate(Unique::ReasonLabel)` when
/// the label exists).
pub async fn add_reason(conn: &mut Conn, campaign_id: i64, label: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO decision_reasons (campaign_id, label, position)
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM decision_reasons WHERE campaign_id = $1))",
    )
    .bind(campaign_id)
    .bind(label)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes a reason from the list; decisions already given keep their words.
pub async fn remove_reason(conn: &mut Conn, campaign_id: i64, label: &str) -> StoreResult<bool> {
    let done = sqlx::query("DELETE FROM decision_reasons WHERE campaign_id = $1 AND label = $2")
        .bind(campaign_id)
        .bind(label)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
