//! Staff review use cases: the list of applications a staff member may
//! see, one dossier, verdicts on pieces and on the dossier (each in one
//! transaction with its audit line and its mail), private notes.
//!
//! Scope: admins see every centre, the others the centres assigned to them
//! (`staff_centres`); anything else is `NotFound`, exactly as if it did
//! not exist. Every change carries the version it was made from: a change
//! from an older version (someone else saved meanwhile) is `Conflict`.

use super::auth::session::Signed;
use super::clock::{paris_date, paris_date_time, paris_day_start};
use super::mail;
use super::refdata;
use super::state::AppState;
use super::store::review::{self, Cursor, Filter, SortColumn};
use super::store::{accounts, campaigns, decisions, dossier, pieces, Conn};
use crate::domain::application::DossierStatus;
use crate::domain::confirmation::AnswerFilter;
use crate::domain::date::Day;
use crate::domain::decision::may_decide;
use crate::domain::experience::ExperienceKind;
use crate::domain::language::Language;
use crate::domain::pieces::PieceStatus;
use crate::domain::problem::{FieldErrors, Problem};
use crate::domain::review::{check_dossier_verdict, may_judge_pieces, parse_piece_verdict, DossierVerdict, StaffRole};
use crate::error::AppError;
use crate::views::review::{
    DecisionLine, DossierSheet, EventLine, EventWhat, ListColumn, ListLine, ListQuery, NoteLine, PageLink,
    ReviewDetail, ReviewList, ReviewPiece,
};

/// Rows per page of the list.
pub const PAGE_SIZE: i64 = 25;
/// A dossier Réceptionné for longer than this is flagged in the list.
pub const OVERDUE_DAYS: i64 = 7;
pub const NOTE_MAX: usize = 2000;

/// Who is asking, and what they may see.
pub struct StaffScope {
    pub staff_id: i64,
    pub role: StaffRole,
}

impl StaffScope {
    /// The staff id bounding queries to assigned centres; `None`: all.
    pub(crate) fn bound(&self) -> Option<i64> {
        (!self.role.sees_everything()).then_some(self.staff_id)
    }
}

pub(crate) async fn scope(conn: &mut Conn, signed: &Signed) -> Result<StaffScope, AppError> {
    let staff =
        accounts::staff_by_id(conn, signed.account_id).await?.filter(|s| s.active).ok_or(AppError::NotSignedIn)?;
    Ok(StaffScope { staff_id: staff.id, role: staff.role })
}

fn day_bound(raw: Option<&str>) -> Option<Day> {
    let raw = raw?.trim();
    Day::parse_iso(raw).or_else(|| Day::parse_french(raw).ok())
}

/// The query's filters and sort, checked: a bad value is dropped, never an error.
fn filter_of(query: &ListQuery) -> (Filter, (SortColumn, bool)) {
    let filter = Filter {
        formation_id: query.formation,
        status: query.statut.as_deref().and_then(DossierStatus::from_code).map(|s| s.code().to_owned()),
        decision: match query.decision.as_deref() {
            Some("aucune") => Some(None),
            Some(code) => crate::domain::decision::DecisionKind::from_code(code).map(|k| Some(k.code().to_owned())),
            None => None,
        },
        answer: query.reponse.as_deref().and_then(AnswerFilter::from_code),
        search: query.q.clone(),
        transmitted_from: day_bound(query.du.as_deref()).map(paris_day_start),
        // "au" includes that whole day.
        transmitted_until: day_bound(query.au.as_deref()).map(|d| paris_day_start(d) + 86_400),
    };
    let column = match query.tri.as_deref() {
        Some("nom") => SortColumn::Name,
        Some("formation") => SortColumn::Formation,
        Some("statut") => SortColumn::Status,
        Some("login") => SortColumn::Login,
        Some("ine") => SortColumn::Ine,
        Some("decision") => SortColumn::Decision,
        _ => SortColumn::Transmitted,
    };
    (filter, (column, query.ordre.as_deref() == Some("desc")))
}

async fn campaign(conn: &mut Conn) -> Result<i64, AppError> {
    Ok(campaigns::active(conn).await?.ok_or(AppError::NotFound)?.id)
}

/// The campaign a list shows: the active one, or (`?campagne=`) a campaign
/// archived and not destroyed, read-only: `(id, Some(its label))`.
async fn listed_campaign(conn: &mut Conn, query: &ListQuery) -> Result<(i64, Option<String>), AppError> {
    use crate::domain::campaign::CampaignState;
    match query.campagne {
        None => Ok((campaign(conn).await?, None)),
        Some(id) => {
            let (label, state) =
                super::store::campaign_lifecycle::state_of(conn, id).await?.ok_or(AppError::NotFound)?;
            match state {
                CampaignState::Active => Ok((id, None)),
                CampaignState::Archived => Ok((id, Some(label))),
                CampaignState::Prepared | CampaignState::Destroyed => Err(AppError::NotFound),
            }
        }
    }
}

/// The formations the staff member sees; a filter on any other is `NotFound`.
async fn formations_in_scope(
    conn: &mut Conn,
    scope: &StaffScope,
    campaign: i64,
    filter: &Filter,
) -> Result<Vec<(i64, String)>, AppError> {
    let mine = review::formations_in_scope(conn, scope.bound(), campaign).await?;
    match filter.formation_id {
        Some(f) if !mine.iter().any(|(id, _)| *id == f) => Err(AppError::NotFound),
        _ => Ok(mine),
    }
}

/// The dashboard's counts per formation, for the staff member's centres.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn formation_stats(
    state: &AppState,
    signed: &Signed,
) -> Result<Vec<crate::views::staff::FormationStats>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let scope = scope(&mut conn, signed).await?;
    let Some(campaign) = campaigns::active(&mut conn).await? else { return Ok(Vec::new()) };
    let counts = review::formation_counts(&mut conn, scope.bound(), campaign.id).await?;
    Ok(counts
        .into_iter()
        .map(|f| {
            let mut s = crate::views::staff::FormationStats {
                formation_id: f.formation_id,
                title: f.title,
                centre: f.centre,
                capacity: f.capacity,
                ..Default::default()
            };
            for (status, decision, answer, n) in f.groups {
                match status.as_str() {
                    "en_attente" => s.en_attente += n,
                    "receptionne" => s.receptionne += n,
                    "complet" => s.complet += n,
                    _ => s.incomplet += n,
                }
                match (decision.as_str(), answer.as_str()) {
                    // A withdrawal no longer holds a place.
                    ("favorable", "desiste") => s.withdrawn += n,
                    ("favorable", "confirme") => {
                        s.favorable += n;
                        s.confirmed += n;
                    }
                    ("favorable", _) => s.favorable += n,
                    ("liste_complementaire", _) => s.liste_complementaire += n,
                    ("defavorable", _) => s.defavorable += n,
                    _ => {}
                }
            }
            s
        })
        .collect())
}

/// The liste complémentaire of each formation in scope, in rank order.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn waiting_lists(
    state: &AppState,
    signed: &Signed,
) -> Result<Vec<crate::views::staff::WaitingList>, AppError> {
    use crate::views::staff::{WaitingLine, WaitingList};
    let mut conn = state.db.pool.acquire().await?;
    let scope = scope(&mut conn, signed).await?;
    let Some(campaign) = campaigns::active(&mut conn).await? else { return Ok(Vec::new()) };
    let mut lists: Vec<WaitingList> = Vec::new();
    for r in review::waiting_lists(&mut conn, scope.bound(), campaign.id).await? {
        if lists.last().map(|l| l.formation_id) != Some(r.formation_id) {
            lists.push(WaitingList {
                formation_id: r.formation_id,
                title: r.formation,
                centre: r.centre,
                lines: Vec::new(),
            });
        }
        let list = lists.last_mut().expect("pushed above");
        list.lines.push(WaitingLine {
            application_id: r.application_id,
            rank: r.rank.unwrap_or_default(),
            name: format!("{} {}", r.nom, r.prenom),
            login: r.login,
        });
    }
    Ok(lists)
}

/// At most this many rows in an export.
pub const EXPORT_MAX: i64 = 200_000;

/// The whole filtered list, sorted as on screen, for CSV and XLSX.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn export(
    state: &AppState,
    signed: &Signed,
    query: &ListQuery,
) -> Result<Vec<super::export::ExportLine>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let scope = scope(&mut conn, signed).await?;
    let (campaign, _) = listed_campaign(&mut conn, query).await?;
    let (filter, sort) = filter_of(query);
    formations_in_scope(&mut conn, &scope, campaign, &filter).await?;
    let rows =
        review::page(&mut conn, scope.bound(), campaign, &filter, sort, EXPORT_MAX, Cursor::Offset(0)).await?.rows;
    // The university's students: which sections of their dossier it gave.
    let internal = review::internal_candidates(&mut conn, campaign).await?;
    let mut given = std::collections::HashMap::<i64, String>::new();
    for r in &rows {
        if let Some(&candidate) = internal.get(&r.id) {
            if let std::collections::hash_map::Entry::Vacant(slot) = given.entry(candidate) {
                let sheet = dossier_sheet(state, &mut conn, candidate).await?;
                let names: Vec<&str> = sheet
                    .from_university
                    .iter()
                    .map(|k| super::words::section(*k, crate::domain::language::Language::Fr))
                    .collect();
                slot.insert(names.join(", "));
            }
        }
    }
    rows.into_iter()
        .map(|r| {
            let from_university = internal.get(&r.id).and_then(|c| given.get(c)).cloned().unwrap_or_default();
            Ok(super::export::ExportLine {
                from_university,
                status: r.status,
                nom: r.nom,
                prenom: r.prenom,
                login: r.login,
                email: r.email,
                ine: r.ine.unwrap_or_default(),
                formation: r.formation,
                transmitted: r.transmitted_at.map(super::clock::paris_ymd),
                decision: r.decision,
                language: r.language,
            })
        })
        .collect()
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn list(state: &AppState, signed: &Signed, query: &ListQuery) -> Result<ReviewList, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let scope = scope(&mut conn, signed).await?;
    let (campaign, archived_campaign) = listed_campaign(&mut conn, query).await?;
    let (filter, sort) = filter_of(query);
    let mine = formations_in_scope(&mut conn, &scope, campaign, &filter).await?;
    let mut page = query.page.unwrap_or(1).clamp(1, 1_000_000);
    let cursor = match (query.apres, query.avant) {
        (Some(id), _) => Cursor::After(id),
        (None, Some(id)) => Cursor::Before(id),
        (None, None) => Cursor::Offset((page - 1) * PAGE_SIZE),
    };
    let read = review::page(&mut conn, scope.bound(), campaign, &filter, sort, PAGE_SIZE, cursor).await?;
    // Nothing before a page read backwards: it is the first.
    if matches!(cursor, Cursor::Before(_)) && !read.more {
        page = 1;
    }
    let (has_previous, has_next) = match cursor {
        Cursor::Before(_) => (read.more, true),
        Cursor::After(_) => (true, read.more),
        Cursor::Offset(_) => (page > 1, read.more),
    };
    let previous = has_previous.then(|| match read.rows.first() {
        Some(first) if page > 2 => PageLink { page: page - 1, after: None, before: Some(first.id) },
        _ => PageLink { page: 1, after: None, before: None },
    });
    let next = has_next
        .then(|| read.rows.last().map(|last| PageLink { page: page + 1, after: Some(last.id), before: None }))
        .flatten();
    let total = review::count(&mut conn, scope.bound(), campaign, &filter).await?;
    let rows = read.rows;
    let now = state.clock.now();
    let lines = rows
        .into_iter()
        .map(|r| {
            let status = r.status;
            Ok(ListLine {
                id: r.id,
                version: r.version,
                nom: r.nom,
                prenom: r.prenom,
                login: r.login,
                email: r.email,
                ine: r.ine,
                formation: r.formation,
                status,
                decision: r.decision,
                transmitted: r.transmitted_at.map(paris_date),
                overdue: status == DossierStatus::Receptionne
                    && r.transmitted_at.is_some_and(|t| now - t > OVERDUE_DAYS * 86_400),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let columns =
        ListColumn::parse_list(super::store::staff_accounts::list_columns(&mut conn, scope.staff_id).await?.as_deref());
    let reasons = campaigns::decision_reasons(&mut conn, campaign).await?;
    Ok(ReviewList {
        lines,
        total: total.n,
        total_exact: total.exact,
        page,
        pages: total.exact.then(|| ((total.n + PAGE_SIZE - 1) / PAGE_SIZE).max(page)),
        previous,
        next,
        formations: mine,
        overdue_days: OVERDUE_DAYS,
        columns,
        may_change: scope.role.may_change() && archived_campaign.is_none(),
        reasons,
        archived_campaign,
    })
}

/// Keeps the list columns this staff member chose ("login,statut,…").
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_columns(state: &AppState, signed: &Signed, columns: &str) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let scope = scope(&mut conn, signed).await?;
    super::store::staff_accounts::set_list_columns(&mut conn, scope.staff_id, columns).await?;
    Ok(())
}

/// A candidate's whole dossier, codes turned into names.
/// The candidate's dossier as staff read it, with what the university
/// gave (Cursus interne, and which sections come from it).
pub(crate) async fn dossier_sheet(state: &AppState, conn: &mut Conn, candidate: i64) -> Result<DossierSheet, AppError> {
    dossier_sheet_in(state, conn, candidate, Language::Fr).await
}

/// The same, countries named in `language` (the candidate's own documents).
pub(crate) async fn dossier_sheet_in(
    state: &AppState,
    conn: &mut Conn,
    candidate: i64,
    language: Language,
) -> Result<DossierSheet, AppError> {
    let university = super::school_records::of_candidate(state, conn, candidate).await?;
    let mut d = DossierSheet {
        identity: dossier::identity(conn, candidate).await?,
        address: dossier::address(conn, candidate).await?,
        bac: dossier::bac(conn, candidate).await?,
        cursus: dossier::cursus(conn, candidate).await?.into_iter().map(|(_, c)| c).collect(),
        stages: dossier::experiences(conn, candidate, ExperienceKind::Stage)
            .await?
            .into_iter()
            .map(|(_, x)| x)
            .collect(),
        jobs: dossier::experiences(conn, candidate, ExperienceKind::Emploi)
            .await?
            .into_iter()
            .map(|(_, x)| x)
            .collect(),
        ..DossierSheet::default()
    };
    // The INE answer is kept apart from Informations personnelles.
    if let (Some(identity), Some((ine, sans_ine))) = (d.identity.as_mut(), dossier::ine(conn, candidate).await?) {
        identity.ine = ine.unwrap_or_default();
        identity.sans_ine = sans_ine;
    }
    let today = super::clock::paris_day(state.clock.now());
    d.from_university = super::school_records::sections_from_university(&university, &d, today);
    d.internal = university.record.map(|r| r.years).unwrap_or_default();
    Ok(sheet(d, language))
}

/// Codes of countries, départements and communes as names (countries in
/// `language`; départements and communes have French names only).
fn sheet(mut d: DossierSheet, language: Language) -> DossierSheet {
    if let Some(i) = d.identity.as_mut() {
        i.pays_naissance = refdata::country_name_in(&i.pays_naissance, language);
        i.nationalite = refdata::country_name_in(&i.nationalite, language);
        if !i.departement_naissance.is_empty() {
            i.departement_naissance = refdata::departement_name(&i.departement_naissance);
        }
    }
    if let Some(a) = d.address.as_mut() {
        a.pays = refdata::country_name_in(&a.pays, language);
        if !a.commune.is_empty() {
            a.commune = refdata::commune_name(&a.commune);
        }
    }
    if let Some(b) = d.bac.as_mut() {
        if !b.pays.is_empty() {
            b.pays = refdata::country_name_in(&b.pays, language);
        }
        if !b.commune.is_empty() {
            b.commune = refdata::commune_name(&b.commune);
        }
    }
    for c in d.cursus.iter_mut() {
        c.pays = refdata::country_name_in(&c.pays, language);
        if !c.commune.is_empty() {
            c.commune = refdata::commune_name(&c.commune);
        }
    }
    d
}

fn event_line(e: review::EventRow) -> EventLine {
    let mut parts = e.detail.splitn(3, '\t');
    let what = match e.kind.as_str() {
        "transmission" => EventWhat::Transmitted,
        "piece" => {
            let status = parts.next().and_then(PieceStatus::from_code);
            let label = parts.next().unwrap_or_default().to_owned();
            let comment = parts.next().unwrap_or_default().to_owned();
            match status {
                Some(status) => EventWhat::Piece { label, status, comment },
                None => EventWhat::Other(e.detail.clone()),
            }
        }
        "dossier" => {
            DossierStatus::from_code(&e.detail).map(EventWhat::Dossier).unwrap_or(EventWhat::Other(e.detail.clone()))
        }
        "decision" | "decision_draft" => match super::decisions::from_event_detail(&e.detail) {
            Some(decision) => EventWhat::Decision { decision, published: e.kind == "decision" },
            None => EventWhat::Other(e.detail.clone()),
        },
        _ => EventWhat::Other(e.detail.clone()),
    };
    EventLine { at: paris_date_time(e.at), who: e.who, what }
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn detail(state: &AppState, signed: &Signed, id: i64, query: &ListQuery) -> Result<ReviewDetail, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let scope = scope(&mut conn, signed).await?;
    let a = review::one(&mut conn, scope.bound(), id).await?.ok_or(AppError::NotFound)?;
    let status = a.status;
    let candidate = a.candidate_id;
    let pieces = pieces::of_application(&mut conn, candidate, a.centre_id, a.formation_id)
        .await?
        .into_iter()
        .map(|p| {
            Ok(ReviewPiece {
                piece_id: p.piece_id,
                label: p.label,
                required: p.required,
                status: p.status,
                comment: p.comment,
                file_id: p.file_id,
                file_name: p.file_name,
                file_parts: p.file_parts,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let dossier = dossier_sheet(state, &mut conn, candidate).await?;
    let events = review::events(&mut conn, id).await?.into_iter().map(event_line).collect();
    let notes = review::notes(&mut conn, id)
        .await?
        .into_iter()
        .map(|(at, who, text)| NoteLine { at: paris_date_time(at), who, text })
        .collect();
    let (campaign, _) = listed_campaign(&mut conn, query).await?;
    let (filter, sort) = filter_of(query);
    let (previous, next) = review::neighbours(&mut conn, scope.bound(), campaign, &filter, sort, id).await?;
    let decisions = decisions::history(&mut conn, id)
        .await?
        .into_iter()
        .map(|d| DecisionLine {
            decision: d.decision,
            prepared: paris_date_time(d.created_at),
            prepared_by: d.created_by,
            published: d.published_at.map(paris_date_time),
            published_by: d.published_by,
        })
        .collect();
    let reasons = campaigns::decision_reasons(&mut conn, campaign).await?;
    Ok(ReviewDetail {
        id,
        version: a.version,
        nom: a.nom,
        prenom: a.prenom,
        login: a.login,
        email: a.email,
        language: a.language,
        formation: a.formation,
        centre: a.centre,
        status,
        created: paris_date(a.created_at),
        transmitted: a.transmitted_at.map(paris_date),
        pieces,
        dossier,
        events,
        notes,
        may_change: scope.role.may_change() && a.in_active_campaign,
        may_decide: scope.role.may_change() && a.in_active_campaign && may_decide(status),
        archived_campaign: (!a.in_active_campaign).then(|| a.campaign.clone()),
        decision: a.decision.clone(),
        decisions,
        reasons,
        previous,
        next,
    })
}

/// A staff change under way: its transaction, who makes it, the application.
pub(crate) struct Change {
    pub tx: sqlx::Transaction<'static, sqlx::Any>,
    pub scope: StaffScope,
    pub application: review::ReviewRow,
}

/// Opens the transaction of a change to application `id` made from
/// `version`. Its first statement is the write that claims the version:
/// on SQLite it takes the write lock at once, so two staff saving together
/// queue instead of deadlocking; the loser finds the version moved
/// (`Conflict`). Out of scope is `NotFound` whatever the version.
pub(crate) async fn begin_change(state: &AppState, signed: &Signed, id: i64, version: i64) -> Result<Change, AppError> {
    let scope = {
        let mut conn = state.db.pool.acquire().await?;
        scope(&mut conn, signed).await?
    };
    let mut tx = state.db.pool.begin().await?;
    let claimed = review::claim_version(&mut tx, id, version).await?;
    let application = review::one(&mut tx, scope.bound(), id).await?.ok_or(AppError::NotFound)?;
    if !scope.role.may_change() {
        return Err(AppError::ReviewRefused(crate::domain::review::ReviewRefusal::ReadOnly));
    }
    if !application.in_active_campaign {
        return Err(AppError::ReviewRefused(crate::domain::review::ReviewRefusal::Archived));
    }
    if !claimed {
        return Err(AppError::Conflict);
    }
    Ok(Change { tx, scope, application })
}

/// Which piece of which application version a verdict is about, and the
/// file the staff member saw (None: the piece had no file).
pub struct PieceJudged {
    pub application: i64,
    pub version: i64,
    pub piece: i64,
    pub file: Option<i64>,
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn judge_piece(
    state: &AppState,
    signed: &Signed,
    judged: PieceJudged,
    verdict: &str,
    comment: &str,
) -> Result<(), AppError> {
    let PieceJudged { application: id, version, piece: piece_id, file } = judged;
    let (verdict, comment) = parse_piece_verdict(verdict, comment)?;
    let now = state.clock.now();
    let Change { mut tx, scope, application: a } = begin_change(state, signed, id, version).await?;
    may_judge_pieces(a.status).map_err(AppError::ReviewRefused)?;
    let piece = pieces::of_application(&mut tx, a.candidate_id, a.centre_id, a.formation_id)
        .await?
        .into_iter()
        .find(|p| p.piece_id == piece_id)
        .ok_or(AppError::NotFound)?;
    if piece.file_id != file {
        // Not the file this verdict was given on.
        return Err(AppError::Conflict);
    }
    let status = verdict.status();
    if !review::set_piece(&mut tx, a.candidate_id, piece_id, file, status.code(), &comment, now).await? {
        if piece.status != PieceStatus::EnAttente {
            return Err(AppError::Conflict);
        }
        // The candidate never answered this piece: nothing to judge.
        let mut errors = FieldErrors::new();
        errors.add("verdict", Problem::Required);
        return Err(AppError::Invalid(errors));
    }
    let detail = format!("{}\t{}\t{}", status.code(), piece.label, comment);
    review::add_event(&mut tx, id, Some(scope.staff_id), "piece", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Complet or Incomplet; `date_limite` (Incomplet only, optional): the
/// day the candidate has to replace the refused pieces, today at the
/// earliest; without it, the formation's date limite de retour.
#[tracing::instrument(skip_all, fields(account = signed.account_id, id, version))]
pub async fn set_status(
    state: &AppState,
    signed: &Signed,
    id: i64,
    version: i64,
    statut: &str,
    date_limite: Option<&str>,
) -> Result<(), AppError> {
    let verdict =
        DossierVerdict::from_code(statut).ok_or_else(|| AppError::invalid("statut", Problem::UnknownChoice))?;
    let now = state.clock.now();
    let given = match date_limite.map(str::trim).filter(|d| !d.is_empty()) {
        Some(_) if verdict != DossierVerdict::Incomplet => None,
        Some(raw) => {
            let day = day_bound(Some(raw)).ok_or_else(|| AppError::invalid("date_limite", Problem::DateInvalid))?;
            if day < crate::server::clock::paris_day(now) {
                return Err(AppError::invalid("date_limite", Problem::DayPassed));
            }
            Some(day)
        }
        None => None,
    };
    let Change { mut tx, scope, application: a } = begin_change(state, signed, id, version).await?;
    let current = a.status;
    let pieces = pieces::of_application(&mut tx, a.candidate_id, a.centre_id, a.formation_id).await?;
    let statuses: Vec<PieceStatus> = pieces.iter().map(|p| p.status).collect();
    check_dossier_verdict(current, verdict, &statuses).map_err(AppError::ReviewRefused)?;
    let status = verdict.status();
    let reopened_until = given.map(|d| d.iso());
    review::set_status(&mut tx, id, status.code(), reopened_until.as_deref()).await?;
    let candidate = accounts::candidate_by_id(&mut tx, a.candidate_id).await?.ok_or(AppError::NotFound)?;
    let language = candidate.language;
    let until = match given {
        Some(day) => day.written(language),
        None => review::formation_deadline(&mut tx, a.formation_id)
            .await?
            .and_then(|d| Day::parse_iso(&d))
            .map(|d| d.written(language))
            .unwrap_or_default(),
    };
    review::add_event(&mut tx, id, Some(scope.staff_id), "dossier", status.code(), now).await?;
    let refused: Vec<String> = pieces
        .iter()
        .filter(|p| p.status == PieceStatus::Refusee)
        .map(|p| {
            if p.comment.is_empty() {
                format!("– {}", p.label)
            } else {
                format!("– {}", language.labelled(&p.label, &p.comment))
            }
        })
        .collect();
    let template = match verdict {
        DossierVerdict::Complet => &mail::DOSSIER_COMPLETE,
        DossierVerdict::Incomplet => &mail::DOSSIER_INCOMPLETE,
    };
    let message = mail::compose(
        &mut tx,
        template,
        language,
        &[
            ("prenom", &candidate.prenom),
            ("nom", &candidate.nom),
            ("formation", &a.formation),
            ("centre", &a.centre),
            ("pieces", &refused.join("\n")),
            ("date_limite", &until),
            ("lien", &state.link(&format!("/candidatures/{id}"))),
        ],
        &state.settings.assistance_email,
    )
    .await?;
    // The claimed version makes the key unique to this change.
    mail::queue(&mut tx, &format!("dossier-{}:{id}:{version}", status.code()), &candidate.email, &message, now).await?;
    tx.commit().await?;
    state.mail_bell.notify_one();
    Ok(())
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn add_note(state: &AppState, signed: &Signed, id: i64, note: &str) -> Result<(), AppError> {
    let note = note.trim();
    let mut errors = FieldErrors::new();
    if note.is_empty() {
        errors.add("note", Problem::Required);
    } else if note.chars().count() > NOTE_MAX {
        errors.add("note", Problem::TooLong { max: NOTE_MAX });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut conn = state.db.pool.acquire().await?;
    let scope = scope(&mut conn, signed).await?;
    // Commission members may write notes: they give an opinion, change no status.
    let application = review::one(&mut conn, scope.bound(), id).await?.ok_or(AppError::NotFound)?;
    if !application.in_active_campaign {
        return Err(AppError::ReviewRefused(crate::domain::review::ReviewRefusal::Archived));
    }
    review::add_note(&mut conn, id, scope.staff_id, note, state.clock.now()).await?;
    Ok(())
}

/// Whether this staff member may read this candidate file.
#[tracing::instrument(skip_all, fields(account = signed.account_id, file_id))]
pub async fn may_read_file(state: &AppState, signed: &Signed, file_id: i64) -> Result<bool, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let scope = scope(&mut conn, signed).await?;
    Ok(review::file_in_scope(&mut conn, scope.bound(), file_id).await?)
}
