//! Staff review: the centres a staff member works on, the list of
//! applications they see, one application with its candidate, verdicts,
//! the audit trail and private notes.
//!
//! Scope is part of every query: `scope_staff` is the staff member whose
//! assigned centres bound the rows, or `None` for an admin (every centre).

use super::columns::{Flag, InForce};
use crate::domain::search::search_pattern;

use super::{Conn, StoreResult};
use crate::domain::application::DossierStatus;
use crate::domain::decision::Decision;

/// The SQL condition limiting formations `f` to a staff member's centres
/// (`$n` is the staff id, or NULL for an admin).
fn scope_clause(n: usize) -> String {
    format!("(${n} IS NULL OR f.centre_id IN (SELECT centre_id FROM staff_centres WHERE staff_id = ${n}))")
}

pub async fn centres_of(conn: &mut Conn, staff_id: i64) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT centre_id FROM staff_centres WHERE staff_id = $1 ORDER BY centre_id")
        .bind(staff_id)
        .fetch_all(conn)
        .await?)
}

pub async fn assign_centre(conn: &mut Conn, staff_id: i64, centre_id: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO staff_centres (staff_id, centre_id) VALUES ($1, $2) ON CONFLICT (staff_id, centre_id) DO NOTHING",
    )
    .bind(staff_id)
    .bind(centre_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The formations of the campaign in the staff member's centres: (id, title).
pub async fn formations_in_scope(
    conn: &mut Conn,
    scope_staff: Option<i64>,
    campaign_id: i64,
) -> StoreResult<Vec<(i64, String)>> {
    let sql = format!(
        "SELECT f.id, f.title FROM formations f JOIN centres c ON c.id = f.centre_id WHERE c.campaign_id = $2 AND {} ORDER BY f.title",
        scope_clause(1)
    );
    Ok(sqlx::query_as(&sql).bind(scope_staff).bind(campaign_id).fetch_all(conn).await?)
}

/// Live applications of one formation by dossier status and by decision.
#[derive(Clone, Debug, Default)]
pub struct FormationCounts {
    pub formation_id: i64,
    pub title: String,
    pub centre: String,
    pub capacity: i64,
    /// (status code, decision code or "", answer: "confirme", "desiste" or "", how many)
    pub groups: Vec<(String, String, String, i64)>,
}

/// A line of `formation_counts`' grouped query (a formation without
/// applications has one line, with a NULL status).
#[derive(sqlx::FromRow)]
struct CountRow {
    id: i64,
    title: String,
    centre: String,
    capacity: i64,
    status: Option<String>,
    decision: String,
    answer: String,
    n: i64,
}

/// Counts for every formation the staff member sees, in one grouped query.
pub async fn formation_counts(
    conn: &mut Conn,
    scope_staff: Option<i64>,
    campaign_id: i64,
) -> StoreResult<Vec<FormationCounts>> {
    let sql = format!(
        "SELECT f.id, f.title, c.label AS centre, f.capacity, a.status, COALESCE(a.decision, '') AS decision,
           CASE WHEN a.withdrawn_at IS NOT NULL THEN 'desiste' WHEN a.confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END AS answer, COUNT(a.id) AS n
         FROM formations f JOIN centres c ON c.id = f.centre_id
         LEFT JOIN applications a ON a.formation_id = f.id AND a.cancelled_at IS NULL
         WHERE c.campaign_id = $2 AND {}
         GROUP BY f.id, f.title, c.label, f.capacity, a.status, COALESCE(a.decision, ''),
           CASE WHEN a.withdrawn_at IS NOT NULL THEN 'desiste' WHEN a.confirmed_at IS NOT NULL THEN 'confirme' ELSE '' END
         ORDER BY c.label, f.title, f.id",
        scope_clause(1)
    );
    let rows: Vec<CountRow> = sqlx::query_as(&sql).bind(scope_staff).bind(campaign_id).fetch_all(conn).await?;
    let mut out: Vec<FormationCounts> = Vec::new();
    for r in rows {
        let group = r.status.filter(|_| r.n > 0).map(|status| (status, r.decision, r.answer, r.n));
        match out.last_mut() {
            Some(last) if last.formation_id == r.id => last.groups.extend(group),
            _ => out.push(FormationCounts {
                formation_id: r.id,
                title: r.title,
                centre: r.centre,
                capacity: r.capacity,
                groups: group.into_iter().collect(),
            }),
        }
    }
    Ok(out)
}

/// One candidate still on a formation's liste complémentaire.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WaitingRow {
    #[sqlx(rename = "id")]
    pub application_id: i64,
    pub formation_id: i64,
    #[sqlx(rename = "title")]
    pub formation: String,
    pub centre: String,
    #[sqlx(rename = "decision_rank")]
    pub rank: Option<i64>,
    pub nom: String,
    pub prenom: String,
    pub login: String,
}

/// The waiting lists of the formations the staff member sees, formation
/// by formation, each in rank order.
pub async fn waiting_lists(
    conn: &mut Conn,
    scope_staff: Option<i64>,
    campaign_id: i64,
) -> StoreResult<Vec<WaitingRow>> {
    let sql = format!(
        "SELECT a.id, a.formation_id, f.title, c.label AS centre, a.decision_rank, k.nom, k.prenom, k.login
         FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id
         JOIN candidates k ON k.id = a.candidate_id
         WHERE a.cancelled_at IS NULL AND a.decision = 'liste_complementaire' AND c.campaign_id = $2 AND {}
         ORDER BY c.label, f.title, f.id, COALESCE(a.decision_rank, 0), a.id",
        scope_clause(1)
    );
    Ok(sqlx::query_as(&sql).bind(scope_staff).bind(campaign_id).fetch_all(conn).await?)
}

/// What the list is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub formation_id: Option<i64>,
    pub status: Option<String>,
    /// A decision code; `Some(None)`: no decision yet.
    pub decision: Option<Option<String>>,
    /// The answer to a favourable decision.
    pub answer: Option<crate::domain::confirmation::AnswerFilter>,
    /// Name, login, INE or mail address, case aside.
    pub search: Option<String>,
    /// Transmitted on or after / before these instants (UTC seconds).
    pub transmitted_from: Option<i64>,
    pub transmitted_until: Option<i64>,
}

/// Sortable columns, and the SQL each sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Login,
    Ine,
    Formation,
    Status,
    Transmitted,
    Decision,
}

impl SortColumn {
    /// The SQL terms it sorts by, in order.
    fn terms(self) -> &'static [&'static str] {
        match self {
            SortColumn::Name => &["LOWER(k.nom)", "LOWER(k.prenom)"],
            SortColumn::Formation => &["f.title"],
            SortColumn::Status => &["a.status"],
            SortColumn::Transmitted => &["a.transmitted_at"],
            SortColumn::Login => &["k.login"],
            // The same order on both databases (they place NULLs apart).
            SortColumn::Ine => &["COALESCE(di.ine, '')"],
            SortColumn::Decision => &["COALESCE(a.decision, '')", "COALESCE(a.decision_rank, 0)"],
        }
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ListRow {
    pub id: i64,
    pub nom: String,
    pub prenom: String,
    pub login: String,
    pub email: String,
    pub ine: Option<String>,
    #[sqlx(rename = "title")]
    pub formation: String,
    pub status: DossierStatus,
    #[sqlx(flatten, try_from = "InForce")]
    pub decision: Option<Decision>,
    pub transmitted_at: Option<i64>,
    pub version: i64,
}

const LIST_FROM: &str = "FROM applications a
     JOIN formations f ON f.id = a.formation_id
     JOIN centres c ON c.id = f.centre_id
     JOIN candidates k ON k.id = a.candidate_id
     LEFT JOIN dossier_ine di ON di.candidate_id = k.id";

/// `WHERE` for the filter, binding from `$2` (`$1` is the scope).
fn list_where(filter: &Filter) -> (String, Vec<Bind>) {
    let mut clauses = vec!["a.cancelled_at IS NULL".to_owned(), "c.campaign_id = $2".to_owned(), scope_clause(1)];
    let mut binds = Vec::new();
    let mut next = 3;
    let mut push = |clause: String, bind: Bind, clauses: &mut Vec<String>| {
        clauses.push(clause.replace("$?", &format!("${next}")));
        binds.push(bind);
        next += 1;
    };
    if let Some(f) = filter.formation_id {
        push("a.formation_id = $?".into(), Bind::Int(f), &mut clauses);
    }
    if let Some(s) = &filter.status {
        push("a.status = $?".into(), Bind::Text(s.clone()), &mut clauses);
    }
    match &filter.decision {
        Some(Some(d)) => push("a.decision = $?".into(), Bind::Text(d.clone()), &mut clauses),
        Some(None) => clauses.push("a.decision IS NULL".to_owned()),
        None => {}
    }
    if let Some(answer) = filter.answer {
        use crate::domain::confirmation::AnswerFilter;
        clauses.push(
            match answer {
                AnswerFilter::Confirmed => "a.confirmed_at IS NOT NULL AND a.withdrawn_at IS NULL",
                AnswerFilter::Withdrawn => "a.withdrawn_at IS NOT NULL",
                AnswerFilter::Awaited => {
                    "a.decision = 'favorable' AND a.confirmed_at IS NULL AND a.withdrawn_at IS NULL"
                }
                AnswerFilter::Standing => "a.decision = 'favorable' AND a.withdrawn_at IS NULL",
            }
            .to_owned(),
        );
    }
    if let Some(like) = filter.search.as_deref().and_then(search_pattern) {
        // The INE is ASCII letters and digits, which `LOWER` folds alike on both databases.
        push("(k.search_key LIKE $? OR LOWER(COALESCE(di.ine, '')) LIKE $?)".into(), Bind::Text(like), &mut clauses);
    }
    if let Some(t) = filter.transmitted_from {
        push("a.transmitted_at >= $?".into(), Bind::Int(t), &mut clauses);
    }
    if let Some(t) = filter.transmitted_until {
        push("a.transmitted_at < $?".into(), Bind::Int(t), &mut clauses);
    }
    (clauses.join(" AND "), binds)
}

#[derive(Clone, Debug)]
enum Bind {
    Int(i64),
    Text(String),
}

/// What `bind_all` needs of a query: sqlx's query types each have their
/// own `bind`.
trait Binder<'q>: Sized {
    fn bind_int(self, value: Option<i64>) -> Self;
    fn bind_text(self, value: &'q str) -> Self;
}

impl<'q, O> Binder<'q> for sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    fn bind_int(self, value: Option<i64>) -> Self {
        self.bind(value)
    }
    fn bind_text(self, value: &'q str) -> Self {
        self.bind(value)
    }
}

impl<'q, O> Binder<'q> for sqlx::query::QueryScalar<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    fn bind_int(self, value: Option<i64>) -> Self {
        self.bind(value)
    }
    fn bind_text(self, value: &'q str) -> Self {
        self.bind(value)
    }
}

/// Binds the scope, the campaign and the filter's values, in this order,
/// to any kind of query (rows, scalars).
fn bind_all<'q, Q: Binder<'q>>(mut query: Q, scope_staff: Option<i64>, campaign_id: i64, binds: &'q [Bind]) -> Q {
    query = query.bind_int(scope_staff).bind_int(Some(campaign_id));
    for b in binds {
        query = match b {
            Bind::Int(i) => query.bind_int(Some(*i)),
            Bind::Text(t) => query.bind_text(t.as_str()),
        };
    }
    query
}

/// One page of the list, sorted, and how many rows the filter matches.
/// Paging is the database's (`LIMIT`/`OFFSET` over an indexed order with
/// the id as tie-breaker), so a page costs the same at any size.
pub async fn list(
    conn: &mut Conn,
    scope_staff: Option<i64>,
    campaign_id: i64,
    filter: &Filter,
    sort: (SortColumn, bool),
    page: (i64, i64),
) -> StoreResult<(Vec<ListRow>, i64)> {
    let (condition, binds) = list_where(filter);
    let count_sql = format!("SELECT COUNT(*) AS n {LIST_FROM} WHERE {condition}");
    let total: i64 =
        bind_all(sqlx::query_scalar(&count_sql), scope_staff, campaign_id, &binds).fetch_one(&mut *conn).await?;
    let direction = if sort.1 { "DESC" } else { "ASC" };
    let order = sort.0.terms().iter().map(|c| format!("{c} {direction}")).collect::<Vec<_>>().join(", ");
    let (size, offset) = page;
    let sql = format!(
        "SELECT a.id, k.nom, k.prenom, k.login, k.email, di.ine, f.title, a.status, a.decision, a.decision_rank, a.decision_reason, a.transmitted_at, a.version
         {LIST_FROM} WHERE {condition} ORDER BY {order}, a.id {direction} LIMIT {size} OFFSET {offset}"
    );
    let rows = bind_all(sqlx::query_as(&sql), scope_staff, campaign_id, &binds).fetch_all(conn).await?;
    Ok((rows, total))
}

/// The ids just before and after `id` in the filtered, sorted list (for
/// "précédent" / "suivant" on the review page).
pub async fn neighbours(
    conn: &mut Conn,
    scope_staff: Option<i64>,
    campaign_id: i64,
    filter: &Filter,
    sort: (SortColumn, bool),
    id: i64,
) -> StoreResult<(Option<i64>, Option<i64>)> {
    // The whole ordered id list of the filter: ids only, cheap even for
    // large lists; the position of `id` in it gives both neighbours.
    let (condition, binds) = list_where(filter);
    let direction = if sort.1 { "DESC" } else { "ASC" };
    let order = sort.0.terms().iter().map(|c| format!("{c} {direction}")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT a.id {LIST_FROM} WHERE {condition} ORDER BY {order}, a.id {direction}");
    let ids: Vec<i64> = bind_all(sqlx::query_scalar(&sql), scope_staff, campaign_id, &binds).fetch_all(conn).await?;
    let at = ids.iter().position(|x| *x == id);
    Ok(match at {
        Some(i) => (i.checked_sub(1).map(|p| ids[p]), ids.get(i + 1).copied()),
        None => (None, None),
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReviewRow {
    pub id: i64,
    pub candidate_id: i64,
    pub nom: String,
    pub prenom: String,
    pub login: String,
    pub email: String,
    pub formation_id: i64,
    #[sqlx(rename = "title")]
    pub formation: String,
    pub centre_id: i64,
    pub centre: String,
    pub status: DossierStatus,
    #[sqlx(flatten, try_from = "InForce")]
    pub decision: Option<Decision>,
    pub created_at: i64,
    pub transmitted_at: Option<i64>,
    pub version: i64,
    /// Its campaign is the active one (an archived campaign is read-only).
    #[sqlx(rename = "active", try_from = "Flag")]
    pub in_active_campaign: bool,
    /// Its campaign: label (university year).
    pub campaign: String,
}

/// One live application, when it is in the staff member's scope.
pub async fn one(conn: &mut Conn, scope_staff: Option<i64>, id: i64) -> StoreResult<Option<ReviewRow>> {
    let sql = format!(
        "SELECT a.id, a.candidate_id, k.nom, k.prenom, k.login, k.email, f.id AS formation_id, f.title, c.id AS centre_id, c.label AS centre,
                a.status, a.decision, a.decision_rank, a.decision_reason, a.created_at, a.transmitted_at, a.version, kc.active,
                kc.label || ' (' || kc.university_year || ')' AS campaign
         FROM applications a JOIN formations f ON f.id = a.formation_id JOIN centres c ON c.id = f.centre_id JOIN candidates k ON k.id = a.candidate_id
         JOIN campaigns kc ON kc.id = c.campaign_id
         WHERE a.id = $2 AND a.cancelled_at IS NULL AND {}",
        scope_clause(1)
    );
    Ok(sqlx::query_as(&sql).bind(scope_staff).bind(id).fetch_optional(conn).await?)
}

/// Whether a candidate's file may be read by this staff member: the
/// candidate has a live application in one of their centres.
/// Whether a staff member reaches this file: it must be the current file
/// of a piece answered for a live application in their scope, a piece of
/// that application's own centre that the application asks for (common to
/// the centre, or one of its formation's), in an active or archived
/// campaign. Having *some* application in scope is not enough.
pub async fn file_in_scope(conn: &mut Conn, scope_staff: Option<i64>, file_id: i64) -> StoreResult<bool> {
    let sql = format!(
        "SELECT 1 AS ok FROM candidate_pieces cp
         JOIN pieces p ON p.id = cp.piece_id
         JOIN applications a ON a.candidate_id = cp.candidate_id AND a.cancelled_at IS NULL
         JOIN formations f ON f.id = a.formation_id AND f.centre_id = p.centre_id
         JOIN centres c ON c.id = f.centre_id
         JOIN campaigns k ON k.id = c.campaign_id
         WHERE cp.file_id = $2
           AND (p.common = 1 OR EXISTS (SELECT 1 FROM formation_pieces fp WHERE fp.piece_id = p.id AND fp.formation_id = a.formation_id))
           AND (k.active = 1 OR k.archived_at IS NOT NULL) AND k.destroyed_at IS NULL
           AND {} LIMIT 1",
        scope_clause(1)
    );
    Ok(sqlx::query(&sql).bind(scope_staff).bind(file_id).fetch_optional(conn).await?.is_some())
}

/// Takes the application for a change made from version `version`: bumps
/// the version; false when someone changed it meanwhile.
pub async fn claim_version(conn: &mut Conn, id: i64, version: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE applications SET version = version + 1 WHERE id = $1 AND version = $2 AND cancelled_at IS NULL",
    )
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The formation's date limite de retour (ISO).
pub async fn formation_deadline(conn: &mut Conn, formation_id: i64) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT return_deadline FROM formations WHERE id = $1")
        .bind(formation_id)
        .fetch_optional(conn)
        .await?)
}

/// The dossier's status, and the day given to complete it (Incomplet).
pub async fn set_status(conn: &mut Conn, id: i64, status: &str, reopened_until: Option<&str>) -> StoreResult<()> {
    sqlx::query("UPDATE applications SET status = $2, reopened_until = $3 WHERE id = $1")
        .bind(id)
        .bind(status)
        .bind(reopened_until)
        .execute(conn)
        .await?;
    Ok(())
}

/// A verdict on a piece the candidate answered, while its file is still
/// `file_id` (the one judged; None: no file); false otherwise.
pub async fn set_piece(
    conn: &mut Conn,
    candidate_id: i64,
    piece_id: i64,
    file_id: Option<i64>,
    status: &str,
    comment: &str,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE candidate_pieces SET status = $3, comment = $4, updated_at = $5
         WHERE candidate_id = $1 AND piece_id = $2 AND (file_id = $6 OR (file_id IS NULL AND $6 IS NULL))",
    )
    .bind(candidate_id)
    .bind(piece_id)
    .bind(status)
    .bind(comment)
    .bind(now)
    .bind(file_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn add_event(
    conn: &mut Conn,
    application_id: i64,
    staff_id: Option<i64>,
    kind: &str,
    detail: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO application_events (application_id, staff_id, at, kind, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(application_id)
    .bind(staff_id)
    .bind(now)
    .bind(kind)
    .bind(detail)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EventRow {
    pub at: i64,
    /// The staff member's name; `None`: the candidate.
    #[sqlx(rename = "display_name")]
    pub who: Option<String>,
    pub kind: String,
    pub detail: String,
}

pub async fn events(conn: &mut Conn, application_id: i64) -> StoreResult<Vec<EventRow>> {
    Ok(sqlx::query_as(
        "SELECT e.at, s.display_name, e.kind, e.detail FROM application_events e LEFT JOIN staff s ON s.id = e.staff_id
         WHERE e.application_id = $1 ORDER BY e.id DESC",
    )
    .bind(application_id)
    .fetch_all(conn)
    .await?)
}

pub async fn add_note(conn: &mut Conn, application_id: i64, staff_id: i64, body: &str, now: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO staff_notes (application_id, staff_id, at, body) VALUES ($1, $2, $3, $4)")
        .bind(application_id)
        .bind(staff_id)
        .bind(now)
        .bind(body)
        .execute(conn)
        .await?;
    Ok(())
}

/// (at, author, text), newest first.
pub async fn notes(conn: &mut Conn, application_id: i64) -> StoreResult<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT n.at, s.display_name, n.body FROM staff_notes n JOIN staff s ON s.id = n.staff_id WHERE n.application_id = $1 ORDER BY n.id DESC",
    )
    .bind(application_id)
    .fetch_all(conn)
    .await?)
}
