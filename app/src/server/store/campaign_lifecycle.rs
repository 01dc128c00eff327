//! A campaign's life (issue 6): the campaigns admins see, a new campaign
//! carrying the active one's configuration over, the switch of the active
//! campaign (the previous one archived), and the destruction of an
//! archived campaign's dossiers and files after its retention period.

use super::columns::Flag;
use super::{Conn, StoreResult};
use crate::domain::campaign::{CampaignState, NewCampaign};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CampaignRow {
    pub id: i64,
    pub code: String,
    pub label: String,
    pub university_year: String,
    #[sqlx(try_from = "Flag")]
    pub active: bool,
    pub archived_at: Option<i64>,
    pub retention_days: i64,
    pub destroyed_at: Option<i64>,
    pub destroyed_summary: Option<String>,
    /// Live applications.
    #[sqlx(rename = "n")]
    pub applications: i64,
}

/// Every campaign, newest first, with its live applications counted.
pub async fn all(conn: &mut Conn) -> StoreResult<Vec<CampaignRow>> {
    Ok(sqlx::query_as(
        "SELECT k.id, k.code, k.label, k.university_year, k.active, k.archived_at, k.retention_days, k.destroyed_at, k.destroyed_summary,
           (SELECT COUNT(*) FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id
            WHERE c.campaign_id = k.id AND a.cancelled_at IS NULL) AS n
         FROM campaigns k ORDER BY k.id DESC",
    )
    .fetch_all(conn)
    .await?)
}

impl CampaignRow {
    pub fn state(&self) -> CampaignState {
        CampaignState::of(self.active, self.archived_at, self.destroyed_at)
    }
}

/// One campaign's label and state, without counting its applications
/// (asked on every list and configuration page that names a campaign).
/// label, university year, active, archived at, destroyed at.
type StateRow = (String, String, Flag, Option<i64>, Option<i64>);

pub async fn state_of(conn: &mut Conn, id: i64) -> StoreResult<Option<(String, CampaignState)>> {
    let row: Option<StateRow> =
        sqlx::query_as("SELECT label, university_year, active, archived_at, destroyed_at FROM campaigns WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(label, year, active, archived_at, destroyed_at)| {
        (format!("{label} ({year})"), CampaignState::of(active.into(), archived_at, destroyed_at))
    }))
}

/// Creates a prepared campaign with the configuration of campaign `from`:
/// its settings and decision reasons, its centres with their staff, its
/// formations (every day one year later, checked by `shift`) and the pieces
/// they ask for. Returns its id and the pieces whose model file is to be
/// copied: (the old piece, the new one); files are the caller's business.
pub async fn create_from(
    conn: &mut Conn,
    new: &NewCampaign,
    from: i64,
    now: i64,
    shift: impl Fn(&str) -> String,
) -> StoreResult<(i64, Vec<(i64, i64)>)> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO campaigns (code, label, university_year, active, created_at, accept_ines, ine_required_for_french, max_applications, retention_days)
         SELECT $1, $2, $3, 0, $4, accept_ines, ine_required_for_french, max_applications, $5 FROM campaigns WHERE id = $6 RETURNING id",
    )
    .bind(&new.code)
    .bind(&new.label)
    .bind(&new.university_year)
    .bind(now)
    .bind(new.retention_days)
    .bind(from)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO decision_reasons (campaign_id, label, position) SELECT $1, label, position FROM decision_reasons WHERE campaign_id = $2")
        .bind(id)
        .bind(from)
        .execute(&mut *conn)
        .await?;
    let centres: Vec<i64> = sqlx::query_scalar("SELECT id FROM centres WHERE campaign_id = $1 ORDER BY id")
        .bind(from)
        .fetch_all(&mut *conn)
        .await?;
    let mut models = Vec::new();
    for old in centres {
        models.extend(copy_centre(conn, old, id, &shift).await?);
    }
    Ok((id, models))
}

/// A formation as `copy_centre` carries it over (its days shifted).
#[derive(sqlx::FromRow)]
struct FormationCopy {
    id: i64,
    title: String,
    keywords: String,
    url: String,
    window_start: String,
    window_end: String,
    return_deadline: String,
    mode: String,
    treatment: String,
    capacity: i64,
    /// Copied as stored (0/1).
    waiting_list: i64,
    publication_day: Option<String>,
    confirmation_day: Option<String>,
}

/// Copies a centre into `campaign`; returns the pieces with a model file.
async fn copy_centre(
    conn: &mut Conn,
    old: i64,
    campaign: i64,
    shift: &impl Fn(&str) -> String,
) -> StoreResult<Vec<(i64, i64)>> {
    let centre: i64 = sqlx::query_scalar(
        "INSERT INTO centres (campaign_id, label, contact_address, contact_email, signatory)
         SELECT $1, label, contact_address, contact_email, signatory FROM centres WHERE id = $2 RETURNING id",
    )
    .bind(campaign)
    .bind(old)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO staff_centres (staff_id, centre_id) SELECT staff_id, $1 FROM staff_centres WHERE centre_id = $2",
    )
    .bind(centre)
    .bind(old)
    .execute(&mut *conn)
    .await?;
    let mut pieces = Vec::new();
    let mut models = Vec::new();
    let old_pieces: Vec<(i64, Option<String>)> =
        sqlx::query_as("SELECT id, model_stored_name FROM pieces WHERE centre_id = $1 ORDER BY id")
            .bind(old)
            .fetch_all(&mut *conn)
            .await?;
    for (old_piece, model) in old_pieces {
        let new_piece: i64 = sqlx::query_scalar(
            "INSERT INTO pieces (centre_id, label, required, position, common) SELECT $1, label, required, position, common FROM pieces WHERE id = $2 RETURNING id",
        )
        .bind(centre)
        .bind(old_piece)
        .fetch_one(&mut *conn)
        .await?;
        pieces.push((old_piece, new_piece));
        if model.is_some() {
            models.push((old_piece, new_piece));
        }
    }
    let formations: Vec<FormationCopy> = sqlx::query_as(
        "SELECT id, title, keywords, url, window_start, window_end, return_deadline, mode, treatment, capacity, waiting_list, publication_day, confirmation_day
         FROM formations WHERE centre_id = $1 ORDER BY id",
    )
    .bind(old)
    .fetch_all(&mut *conn)
    .await?;
    for f in formations {
        let formation: i64 = sqlx::query_scalar(
            "INSERT INTO formations (centre_id, title, keywords, url, window_start, window_end, return_deadline, mode, treatment, capacity, waiting_list, publication_day, confirmation_day)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(centre)
        .bind(&f.title)
        .bind(&f.keywords)
        .bind(&f.url)
        .bind(shift(&f.window_start))
        .bind(shift(&f.window_end))
        .bind(shift(&f.return_deadline))
        .bind(&f.mode)
        .bind(&f.treatment)
        .bind(f.capacity)
        .bind(f.waiting_list)
        .bind(f.publication_day.as_deref().map(shift))
        .bind(f.confirmation_day.as_deref().map(shift))
        .fetch_one(&mut *conn)
        .await?;
        let old_formation = f.id;
        for (old_piece, piece) in &pieces {
            sqlx::query(
                "INSERT INTO formation_pieces (formation_id, piece_id) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM formation_pieces WHERE formation_id = $3 AND piece_id = $4)",
            )
            .bind(formation)
            .bind(*piece)
            .bind(old_formation)
            .bind(*old_piece)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(models)
}

/// Makes prepared campaign `id` the active one and archives the one that
/// was; false when `id` is not a prepared campaign (any more).
pub async fn activate(conn: &mut Conn, id: i64, now: i64) -> StoreResult<bool> {
    // The active campaign's row is taken first: two activations at once
    // queue, and the second archives what the first opened (one active
    // campaign, never two). Then the claim: a second click finds it done.
    sqlx::query("UPDATE campaigns SET id = id WHERE active = 1").execute(&mut *conn).await?;
    let claimed = sqlx::query("UPDATE campaigns SET active = 1 WHERE id = $1 AND active = 0 AND archived_at IS NULL")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if claimed.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("UPDATE campaigns SET active = 0, archived_at = $2 WHERE active = 1 AND id <> $1")
        .bind(id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(true)
}

pub async fn set_retention(conn: &mut Conn, id: i64, days: i64) -> StoreResult<bool> {
    let done = sqlx::query("UPDATE campaigns SET retention_days = $2 WHERE id = $1 AND destroyed_at IS NULL")
        .bind(id)
        .bind(days)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Archived campaigns whose retention has run out at `now`.
pub async fn due_for_destruction(conn: &mut Conn, now: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM campaigns WHERE archived_at IS NOT NULL AND destroyed_at IS NULL AND archived_at + retention_days * 86400 <= $1 ORDER BY id",
    )
    .bind(now)
    .fetch_all(conn)
    .await?)
}

/// What a destruction removed.
#[derive(Clone, Debug, Default)]
pub struct Destroyed {
    pub applications: u64,
    pub accounts: u64,
    /// Stored names of the files whose rows went: the caller deletes them
    /// from disk once the transaction is committed.
    pub files: Vec<String>,
}

impl Destroyed {
    pub fn summary(&self) -> String {
        format!(
            "{} candidature(s), {} fichier(s), {} compte(s) supprimé(s)",
            self.applications,
            self.files.len(),
            self.accounts
        )
    }
}

const OF_CAMPAIGN_FORMATIONS: &str =
    "SELECT f.id FROM formations f JOIN centres c ON c.id = f.centre_id WHERE c.campaign_id = $1";
const OF_CAMPAIGN_PIECES: &str =
    "SELECT p.id FROM pieces p JOIN centres c ON c.id = p.centre_id WHERE c.campaign_id = $1";

/// Destroys archived campaign `id`'s applications (with their history,
/// decisions and notes), the pieces sent for it and their files, and the
/// accounts of its candidates left with no application who have not signed
/// in since the archive. `None` when another run did it already.
pub async fn destroy(conn: &mut Conn, id: i64, now: i64) -> StoreResult<Option<Destroyed>> {
    // The period is checked again here: a retention extended since the
    // campaign was listed keeps it.
    let claimed = sqlx::query(
        "UPDATE campaigns SET destroyed_at = $2 WHERE id = $1 AND archived_at IS NOT NULL AND destroyed_at IS NULL AND archived_at + retention_days * 86400 <= $2",
    )
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    if claimed.rows_affected() != 1 {
        return Ok(None);
    }
    let archived_at: i64 =
        sqlx::query_scalar("SELECT archived_at FROM campaigns WHERE id = $1").bind(id).fetch_one(&mut *conn).await?;
    let candidates: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT DISTINCT candidate_id FROM applications WHERE formation_id IN ({OF_CAMPAIGN_FORMATIONS})
         UNION SELECT id AS candidate_id FROM candidates WHERE campaign_id = $1"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Destroyed {
        applications: sqlx::query(&format!(
            "DELETE FROM applications WHERE formation_id IN ({OF_CAMPAIGN_FORMATIONS})"
        ))
        .bind(id)
        .execute(&mut *conn)
        .await?
        .rows_affected(),
        ..Destroyed::default()
    };
    let files: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT file_id FROM candidate_pieces WHERE file_id IS NOT NULL AND piece_id IN ({OF_CAMPAIGN_PIECES})"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query(&format!("DELETE FROM candidate_pieces WHERE piece_id IN ({OF_CAMPAIGN_PIECES})"))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for file in files {
        if let Some(name) = super::pieces::delete_file(conn, file).await? {
            out.files.push(name);
        }
    }
    for candidate in candidates {
        let idle = sqlx::query(
            "SELECT 1 AS x FROM candidates k WHERE k.id = $1 AND COALESCE(k.last_seen_at, k.created_at) < $2
               AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = k.id)",
        )
        .bind(candidate)
        .bind(archived_at)
        .fetch_optional(&mut *conn)
        .await?
        .is_some();
        if idle {
            out.files.extend(super::accounts::delete_candidate(conn, candidate).await?);
            out.accounts += 1;
        }
    }
    sqlx::query("UPDATE campaigns SET destroyed_summary = $2 WHERE id = $1")
        .bind(id)
        .bind(out.summary())
        .execute(conn)
        .await?;
    Ok(Some(out))
}
