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
use crate::domain::language::Language;

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

/// Counts for every formation the staff member sees: the counters the
/// database keeps beside the applications (`application_counts`, migration
/// 0022), a few rows per formation whatever the number of applications.
pub async fn formation_counts(
    conn: &mut Conn,
    scope_staff: Option<i64>,
    campaign_id: i64,
) -> StoreResult<Vec<FormationCounts>> {
    let sql = format!(
        "SELECT f.id, f.title, c.label AS centre, f.capacity, ac.status, COALESCE(ac.decision, '') AS decision,
                COALESCE(ac.answer, '') AS answer, COALESCE(ac.n, 0) AS n
         FROM formations f JOIN centres c ON c.id = f.centre_id
         LEFT JOIN application_counts ac ON ac.formation_id = f.id AND ac.n > 0
         WHERE c.campaign_id = $2 AND {}
         ORDER BY c.label, f.title, f.id, ac.status, ac.decision, ac.answer",
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
    /// The SQL terms it sorts by, in order, before the id that breaks
    /// ties. Each has its index (migration 0022) and none is ever NULL,
    /// so that both databases order alike and a keyset page can start
    /// after any row.
    fn terms(self) -> &'static [&'static str] {
        match self {
            // The candidate's id before the application's: the candidate
            // index gives the order, and only one candidate's applications
            // are left to sort (many candidates share an empty INE).
            SortColumn::Name => &["LOWER(k.nom)", "LOWER(k.prenom)", "k.id"],
            SortColumn::Formation => &["f.title", "f.id"],
            SortColumn::Status => &["a.status"],
            SortColumn::Transmitted => &["COALESCE(a.transmitted_at, 0)"],
            SortColumn::Login => &["k.login"],
            SortColumn::Ine => &["k.ine_key", "k.id"],
            SortColumn::Decision => &["COALESCE(a.decision, '')", "COALESCE(a.decision_rank, 0)"],
        }
    }

    /// Whether each term is a number (else text), to read a cursor row's values.
    fn numeric(self) -> &'static [bool] {
        match self {
            SortColumn::Name => &[false, false, true],
            SortColumn::Formation | SortColumn::Ine => &[false, true],
            SortColumn::Status | SortColumn::Login => &[false],
            SortColumn::Transmitted => &[true],
            SortColumn::Decision => &[false, true],
        }
    }

    /// The joins, starting from the table whose index gives the order:
    /// SQLite keeps the order of a `CROSS JOIN` (PostgreSQL plans it as
    /// any join), so a sort on the candidate reads candidates in index
    /// order and stops after a page.
    fn from(self) -> &'static str {
        match self {
            SortColumn::Name | SortColumn::Login | SortColumn::Ine => LIST_FROM_CANDIDATES,
            SortColumn::Formation => LIST_FROM_FORMATIONS,
            SortColumn::Status | SortColumn::Transmitted | SortColumn::Decision => LIST_FROM,
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
    /// The candidate's language (the exports show it).
    pub language: Language,
}

const LIST_COLUMNS: &str = "a.id, k.nom, k.prenom, k.login, k.email, di.ine, f.title, a.status, a.decision, a.decision_rank, a.decision_reason, a.transmitted_at, a.version, k.language";

const LIST_FROM: &str = "FROM applications a
     JOIN formations f ON f.id = a.formation_id
     JOIN centres c ON c.id = f.centre_id
     JOIN candidates k ON k.id = a.candidate_id
     LEFT JOIN dossier_ine di ON di.candidate_id = k.id";

const LIST_FROM_CANDIDATES: &str = "FROM candidates k
     CROSS JOIN applications a
     JOIN formations f ON f.id = a.formation_id
     JOIN centres c ON c.id = f.centre_id
     LEFT JOIN dossier_ine di ON di.candidate_id = k.id";

const LIST_FROM_FORMATIONS: &str = "FROM formations f
     CROSS JOIN applications a
     JOIN centres c ON c.id = f.centre_id
     JOIN candidates k ON k.id = a.candidate_id
     LEFT JOIN dossier_ine di ON di.candidate_id = k.id";

/// The joins `LIST_FROM_*` leave to the `WHERE`.
fn join_clause(sort: SortColumn) -> Option<&'static str> {
    match sort {
        SortColumn::Name | SortColumn::Login | SortColumn::Ine => Some("a.candidate_id = k.id"),
        SortColumn::Formation => Some("a.formation_id = f.id"),
        SortColumn::Status | SortColumn::Transmitted | SortColumn::Decision => None,
    }
}

/// The search: SQLite's FTS5 trigram table (the candidates' ids whose key
/// holds the text), PostgreSQL's pg_trgm index on the key itself.
fn search_clause(conn: &Conn) -> &'static str {
    if conn.backend_name() == "SQLite" {
        "k.id IN (SELECT rowid FROM candidates_search WHERE search_key LIKE $?)"
    } else {
        "k.search_key LIKE $?"
    }
}

/// A `WHERE` being written: its clauses, and the values they bind from
/// `$3` on (`$1` is the scope, `$2` the campaign).
struct Where {
    clauses: Vec<String>,
    binds: Vec<Bind>,
}

impl Where {
    fn new(clauses: Vec<String>) -> Where {
        Where { clauses, binds: Vec::new() }
    }

    /// A clause with one value, written `$?`.
    fn bind(&mut self, clause: &str, value: Bind) {
        self.binds.push(value);
        self.clauses.push(clause.replace("$?", &format!("${}", self.binds.len() + 2)));
    }

    fn done(self) -> (String, Vec<Bind>) {
        (self.clauses.join(" AND "), self.binds)
    }
}

/// `WHERE` for the filter, binding from `$3` (`$1` is the scope, `$2` the campaign).
fn list_where(conn: &Conn, filter: &Filter) -> (String, Vec<Bind>) {
    let mut w = Where::new(vec!["a.cancelled_at IS NULL".to_owned(), "c.campaign_id = $2".to_owned(), scope_clause(1)]);
    if let Some(f) = filter.formation_id {
        w.bind("a.formation_id = $?", Bind::Int(f));
    }
    if let Some(s) = &filter.status {
        w.bind("a.status = $?", Bind::Text(s.clone()));
    }
    match &filter.decision {
        Some(Some(d)) => w.bind("a.decision = $?", Bind::Text(d.clone())),
        Some(None) => w.clauses.push("a.decision IS NULL".to_owned()),
        None => {}
    }
    if let Some(answer) = filter.answer {
        use crate::domain::confirmation::AnswerFilter;
        w.clauses.push(
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
        // The key holds the names, the login, the address and the INE, folded.
        w.bind(search_clause(conn), Bind::Text(like));
    }
    if let Some(t) = filter.transmitted_from {
        w.bind("a.transmitted_at >= $?", Bind::Int(t));
    }
    if let Some(t) = filter.transmitted_until {
        w.bind("a.transmitted_at < $?", Bind::Int(t));
    }
    w.done()
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

/// Where a page starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cursor {
    /// After this many rows (a page number from an old link, the export).
    Offset(i64),
    /// Just after this application, in the list's order (keyset: the
    /// index is read from that row on, at any depth).
    After(i64),
    /// Just before this application.
    Before(i64),
}

/// One page of the list, in the list's order.
#[derive(Clone, Debug)]
pub struct Page {
    pub rows: Vec<ListRow>,
    /// More rows lie beyond the page in the direction it was read: after
    /// it (`Offset`, `After`), before it (`Before`).
    pub more: bool,
}

/// `term₁ > v₁ OR (term₁ = v₁ AND (term₂ > v₂ OR …))`, written with a
/// range on the first term that an index can serve: the rows strictly
/// after (`>`) or before (`<`) the cursor row, in the order of `terms`
/// then the id, whose values are the parameters from `$first` on (the
/// terms', then the id).
fn keyset_clause(terms: &[&str], strictly: &str, first: usize) -> String {
    let all: Vec<(&str, String)> = terms
        .iter()
        .copied()
        .chain(std::iter::once("a.id"))
        .enumerate()
        .map(|(i, t)| (t, format!("${}", first + i)))
        .collect();
    let mut clause = String::new();
    for (i, (term, value)) in all.iter().enumerate().rev() {
        clause = if i + 1 == all.len() {
            format!("{term} {strictly} {value}")
        } else {
            format!("{term} {strictly}= {value} AND ({term} {strictly} {value} OR ({clause}))")
        };
    }
    clause
}

/// The sort values of the cursor row, to bind: none when the staff member
/// may not see it (another centre, another campaign, no such row).
async fn cursor_values(
    conn: &mut Conn,
    scope_staff: Option<i64>,
    campaign_id: i64,
    sort: SortColumn,
    id: i64,
) -> StoreResult<Option<Vec<Bind>>> {
    use sqlx::Row;
    let values = sort.terms().iter().enumerate().map(|(i, t)| format!("{t} AS v{i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT {values} {LIST_FROM} WHERE a.id = $3 AND c.campaign_id = $2 AND {}", scope_clause(1));
    let Some(row) = sqlx::query(&sql).bind(scope_staff).bind(campaign_id).bind(id).fetch_optional(&mut *conn).await?
    else {
        return Ok(None);
    };
    let mut binds = Vec::new();
    for (i, numeric) in sort.numeric().iter().enumerate() {
        binds.push(if *numeric { Bind::Int(row.try_get(i)?) } else { Bind::Text(row.try_get(i)?) });
    }
    binds.push(Bind::Int(id));
    Ok(Some(binds))
}

/// The SQL of one page: `size + 1` rows from the cursor (whose values come
/// as `from_values`), in the order read.
fn page_sql(
    conn: &Conn,
    filter: &Filter,
    sort: (SortColumn, bool),
    size: i64,
    cursor: Cursor,
    from_values: Option<Vec<Bind>>,
) -> (String, Vec<Bind>) {
    let (mut condition, mut binds) = list_where(conn, filter);
    if let Some(join) = join_clause(sort.0) {
        condition = format!("{join} AND {condition}");
    }
    let terms = sort.0.terms();
    // Reading backwards (a page before the cursor) flips the order.
    let descending = sort.1 != matches!(cursor, Cursor::Before(_));
    let direction = if descending { "DESC" } else { "ASC" };
    let order = terms.iter().map(|c| format!("{c} {direction}")).collect::<Vec<_>>().join(", ");
    let columns = LIST_COLUMNS;
    let from = sort.0.from();
    let limit = size + 1;
    let offset = match cursor {
        Cursor::Offset(offset) => offset.max(0),
        Cursor::After(_) | Cursor::Before(_) => 0,
    };
    if let Some(values) = from_values {
        let keyset = keyset_clause(terms, if descending { "<" } else { ">" }, binds.len() + 3);
        condition = format!("{condition} AND {keyset}");
        binds.extend(values);
    }
    (
        format!("SELECT {columns} {from} WHERE {condition} ORDER BY {order}, a.id {direction} LIMIT {limit} OFFSET {offset}"),
        binds,
    )
}

/// One page of the list, sorted: page 1, the next or previous page from a
/// row of the current one (keyset), or an offset. Each reads one index in
/// order and stops after `size + 1` rows, whatever the list's size. The
/// statement is planned with its values each time (not kept prepared):
/// PostgreSQL's generic plan for a kept statement cannot know how few rows
/// a search matches, and read the whole name index instead (0.9 s at
/// 1,000,000 applications against 14 ms).
pub async fn page(
    conn: &mut Conn,
    scope_staff: Option<i64>,
    campaign_id: i64,
    filter: &Filter,
    sort: (SortColumn, bool),
    size: i64,
    cursor: Cursor,
) -> StoreResult<Page> {
    if sort.0 == SortColumn::Formation && !matches!(cursor, Cursor::Offset(offset) if offset > 0) {
        return formation_walk(conn, scope_staff, campaign_id, filter, sort.1, size, cursor).await;
    }
    let from_values = match cursor {
        Cursor::Offset(_) => None,
        Cursor::After(id) | Cursor::Before(id) => {
            match cursor_values(conn, scope_staff, campaign_id, sort.0, id).await? {
                Some(values) => Some(values),
                None => return Ok(Page { rows: Vec::new(), more: false }),
            }
        }
    };
    let (sql, binds) = page_sql(conn, filter, sort, size, cursor, from_values);
    let mut rows: Vec<ListRow> =
        bind_all(sqlx::query_as(&sql).persistent(false), scope_staff, campaign_id, &binds).fetch_all(conn).await?;
    let more = rows.len() as i64 > size;
    rows.truncate(size.max(0) as usize);
    if matches!(cursor, Cursor::Before(_)) {
        rows.reverse();
    }
    Ok(Page { rows, more })
}

/// A page in formation order, formation by formation: the formations in
/// scope in title order (a few rows), then each one's applications in id
/// order from its index, until the page is full. PostgreSQL cannot read
/// "title, then id" from two indexes through a join, and sorted every
/// application of the campaign instead (1 s at 1,000,000).
async fn formation_walk(
    conn: &mut Conn,
    scope_staff: Option<i64>,
    campaign_id: i64,
    filter: &Filter,
    descending: bool,
    size: i64,
    cursor: Cursor,
) -> StoreResult<Page> {
    let backwards = matches!(cursor, Cursor::Before(_));
    let direction = if descending != backwards { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT f.id FROM formations f JOIN centres c ON c.id = f.centre_id WHERE c.campaign_id = $2 AND {}
         ORDER BY f.title {direction}, f.id {direction}",
        scope_clause(1)
    );
    let mut formations: Vec<i64> =
        sqlx::query_scalar(&sql).bind(scope_staff).bind(campaign_id).fetch_all(&mut *conn).await?;
    if let Some(only) = filter.formation_id {
        formations.retain(|f| *f == only);
    }
    // Where the cursor row sits (its sort values: title, formation, id),
    // read as for any other sort.
    let mut start: Option<(i64, i64)> = None;
    if let Cursor::After(id) | Cursor::Before(id) = cursor {
        let formation = match cursor_values(conn, scope_staff, campaign_id, SortColumn::Formation, id).await?.as_deref()
        {
            Some([_, Bind::Int(formation), _]) => *formation,
            _ => return Ok(Page { rows: Vec::new(), more: false }),
        };
        let Some(at) = formations.iter().position(|f| *f == formation) else {
            return Ok(Page { rows: Vec::new(), more: false });
        };
        formations.drain(..at);
        start = Some((formation, id));
    }
    let beyond = if direction == "DESC" { "<" } else { ">" };
    let mut rows: Vec<ListRow> = Vec::new();
    for formation in formations {
        let wanted = size + 1 - rows.len() as i64;
        if wanted <= 0 {
            break;
        }
        let (condition, mut binds) = list_where(conn, &Filter { formation_id: Some(formation), ..filter.clone() });
        let mut sql = format!("SELECT {LIST_COLUMNS} {LIST_FROM} WHERE {condition}");
        if let Some((_, id)) = start.filter(|(f, _)| *f == formation) {
            binds.push(Bind::Int(id));
            sql.push_str(&format!(" AND a.id {beyond} ${}", binds.len() + 2));
        }
        sql.push_str(&format!(" ORDER BY a.id {direction} LIMIT {wanted}"));
        let found: Vec<ListRow> = bind_all(sqlx::query_as(&sql).persistent(false), scope_staff, campaign_id, &binds)
            .fetch_all(&mut *conn)
            .await?;
        rows.extend(found);
    }
    let more = rows.len() as i64 > size;
    rows.truncate(size.max(0) as usize);
    if backwards {
        rows.reverse();
    }
    Ok(Page { rows, more })
}

/// How many rows a filter matches: exact, or "more than `COUNT_CAP`".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Total {
    pub n: i64,
    pub exact: bool,
}

/// Beyond this, a search or a date range is counted as "more than".
pub const COUNT_CAP: i64 = 10_000;

/// The list's total. Formation, status, decision and answer are the
/// counters' own groups: their sum is exact and reads a few rows per
/// formation. A search or a date range is counted row by row, up to
/// `COUNT_CAP`.
pub async fn count(conn: &mut Conn, scope_staff: Option<i64>, campaign_id: i64, filter: &Filter) -> StoreResult<Total> {
    let by_counters = filter.search.as_deref().and_then(search_pattern).is_none()
        && filter.transmitted_from.is_none()
        && filter.transmitted_until.is_none();
    if by_counters {
        let mut w = Where::new(vec!["c.campaign_id = $2".to_owned(), scope_clause(1)]);
        if let Some(f) = filter.formation_id {
            w.bind("ac.formation_id = $?", Bind::Int(f));
        }
        if let Some(s) = &filter.status {
            w.bind("ac.status = $?", Bind::Text(s.clone()));
        }
        match &filter.decision {
            Some(Some(d)) => w.bind("ac.decision = $?", Bind::Text(d.clone())),
            Some(None) => w.clauses.push("ac.decision = ''".to_owned()),
            None => {}
        }
        if let Some(answer) = filter.answer {
            use crate::domain::confirmation::AnswerFilter;
            w.clauses.push(
                match answer {
                    AnswerFilter::Confirmed => "ac.answer = 'confirme'",
                    AnswerFilter::Withdrawn => "ac.answer = 'desiste'",
                    AnswerFilter::Awaited => "ac.decision = 'favorable' AND ac.answer = ''",
                    AnswerFilter::Standing => "ac.decision = 'favorable' AND ac.answer <> 'desiste'",
                }
                .to_owned(),
            );
        }
        let (condition, binds) = w.done();
        let sql = format!(
            "SELECT CAST(COALESCE(SUM(ac.n), 0) AS BIGINT) AS n FROM application_counts ac
             JOIN formations f ON f.id = ac.formation_id JOIN centres c ON c.id = f.centre_id WHERE {condition}"
        );
        let n: i64 = bind_all(sqlx::query_scalar(&sql), scope_staff, campaign_id, &binds).fetch_one(conn).await?;
        return Ok(Total { n, exact: true });
    }
    let (condition, binds) = list_where(conn, filter);
    let sql =
        format!("SELECT COUNT(*) AS n FROM (SELECT a.id {LIST_FROM} WHERE {condition} LIMIT {}) capped", COUNT_CAP + 1);
    let n: i64 =
        bind_all(sqlx::query_scalar(&sql).persistent(false), scope_staff, campaign_id, &binds).fetch_one(conn).await?;
    Ok(Total { n: n.min(COUNT_CAP), exact: n <= COUNT_CAP })
}

/// The ids just before and after `id` in the filtered, sorted list (for
/// "précédent" / "suivant" on the review page): two keyset reads of one
/// row each.
pub async fn neighbours(
    conn: &mut Conn,
    scope_staff: Option<i64>,
    campaign_id: i64,
    filter: &Filter,
    sort: (SortColumn, bool),
    id: i64,
) -> StoreResult<(Option<i64>, Option<i64>)> {
    let before = page(conn, scope_staff, campaign_id, filter, sort, 1, Cursor::Before(id)).await?;
    let after = page(conn, scope_staff, campaign_id, filter, sort, 1, Cursor::After(id)).await?;
    Ok((before.rows.first().map(|r| r.id), after.rows.first().map(|r| r.id)))
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
    /// The candidate's language (their mails and documents).
    pub language: Language,
}

/// One live application, when it is in the staff member's scope.
pub async fn one(conn: &mut Conn, scope_staff: Option<i64>, id: i64) -> StoreResult<Option<ReviewRow>> {
    let sql = format!(
        "SELECT a.id, a.candidate_id, k.nom, k.prenom, k.login, k.email, f.id AS formation_id, f.title, c.id AS centre_id, c.label AS centre,
                a.status, a.decision, a.decision_rank, a.decision_reason, a.created_at, a.transmitted_at, a.version, kc.active,
                kc.label || ' (' || kc.university_year || ')' AS campaign, k.language
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

/// The applications of a campaign made by the university's own students
/// (a record kept from their CAS sign-in): application id → candidate id.
pub async fn internal_candidates(
    conn: &mut Conn,
    campaign_id: i64,
) -> StoreResult<std::collections::HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT a.id, a.candidate_id FROM applications a
         JOIN formations f ON f.id = a.formation_id
         JOIN centres c ON c.id = f.centre_id
         JOIN candidates k ON k.id = a.candidate_id
         WHERE c.campaign_id = $1 AND k.university_record IS NOT NULL",
    )
    .bind(campaign_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyset_reads_strictly_after_the_cursor_row_with_a_range_on_the_first_term() {
        assert_eq!(
            keyset_clause(&["LOWER(k.nom)", "LOWER(k.prenom)"], ">", 4),
            "LOWER(k.nom) >= $4 AND (LOWER(k.nom) > $4 OR (LOWER(k.prenom) >= $5 AND (LOWER(k.prenom) > $5 OR (a.id > $6))))"
        );
        assert_eq!(keyset_clause(&["a.status"], "<", 3), "a.status <= $3 AND (a.status < $3 OR (a.id < $4))");
    }

    #[test]
    fn every_sort_names_the_kind_of_each_term() {
        for sort in [
            SortColumn::Name,
            SortColumn::Login,
            SortColumn::Ine,
            SortColumn::Formation,
            SortColumn::Status,
            SortColumn::Transmitted,
            SortColumn::Decision,
        ] {
            assert_eq!(sort.terms().len(), sort.numeric().len(), "{sort:?}");
        }
    }
}
