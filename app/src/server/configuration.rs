//! Configuration by staff: centres, formations with their dates and the
//! pieces they ask for, pieces with their model files, the campaign's
//! settings and decision reasons.
//!
//! Admins configure everything; gestionnaires the formations and pieces of
//! their centres (and their centres' contact details); commission members
//! nothing: for them, as for anything outside a scope, it is `NotFound`.

use super::auth::session::Signed;
use super::files::{self, Stored};
use super::review::{scope, StaffScope};
use super::state::AppState;
use super::store::configuration::{self as store, CampaignSettings, PieceConfig};
use super::store::{campaigns, pieces, Conn};
use crate::domain::campaign::CampaignState;
use crate::domain::email::EmailAddress;
use crate::domain::formation::{parse_piece, FormationForm};
use crate::domain::problem::{required_text, FieldErrors, Problem};
use crate::domain::review::StaffRole;
use crate::error::AppError;
use crate::views::configuration::{
    CampaignChoice, CampaignView, CentreView, ConfigOverview, FormationEdit, FormationLine, PieceView,
};

/// The configuring staff member and the campaign configured: the active
/// one, or (`?campagne=`) one in preparation. An archived campaign is not
/// configured any more.
struct Configurer {
    scope: StaffScope,
    campaign: i64,
    centres: Vec<CentreView>,
}

impl Configurer {
    fn bound(&self) -> Option<i64> {
        (self.scope.role != StaffRole::Admin).then_some(self.scope.staff_id)
    }

    fn centre_ids(&self) -> Vec<i64> {
        self.centres.iter().map(|c| c.id).collect()
    }

    /// A formation or piece of a centre of the configured campaign, in scope.
    fn owns(&self, centre: i64) -> Result<(), AppError> {
        if self.centres.iter().any(|c| c.id == centre) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    fn admin_only(&self) -> Result<(), AppError> {
        if self.scope.role == StaffRole::Admin {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
}

async fn configurer(conn: &mut Conn, signed: &Signed, campaign: Option<i64>) -> Result<Configurer, AppError> {
    let scope = scope(conn, signed).await?;
    if !scope.role.may_change() {
        return Err(AppError::NotFound);
    }
    let campaign = configured_campaign(conn, campaign).await?;
    let bound = (scope.role != StaffRole::Admin).then_some(scope.staff_id);
    let centres = store::centres(conn, bound, campaign).await?;
    Ok(Configurer { scope, campaign, centres })
}

/// The campaign asked for when it may be configured (active or in
/// preparation), else the active one.
async fn configured_campaign(conn: &mut Conn, asked: Option<i64>) -> Result<i64, AppError> {
    match asked {
        None => Ok(campaigns::active(conn).await?.ok_or(AppError::NotFound)?.id),
        Some(id) => match super::store::campaign_lifecycle::state_of(conn, id).await?.ok_or(AppError::NotFound)?.1 {
            CampaignState::Active | CampaignState::Prepared => Ok(id),
            CampaignState::Archived | CampaignState::Destroyed => Err(AppError::NotFound),
        },
    }
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn overview(state: &AppState, signed: &Signed, campaign: Option<i64>) -> Result<ConfigOverview, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let me = configurer(&mut conn, signed, campaign).await?;
    let formations = store::formations(&mut conn, me.bound(), me.campaign).await?;
    let pieces = store::pieces(&mut conn, me.bound(), me.campaign).await?;
    // The campaigns that may be configured: the active one and those in preparation.
    let campaigns: Vec<CampaignChoice> = super::store::campaign_lifecycle::all(&mut conn)
        .await?
        .into_iter()
        .map(|c| CampaignChoice { id: c.id, label: format!("{} ({})", c.label, c.university_year), state: c.state() })
        .filter(|c| matches!(c.state, CampaignState::Active | CampaignState::Prepared))
        .collect();
    Ok(ConfigOverview {
        campaign: campaigns.iter().find(|c| c.id == me.campaign).cloned().ok_or(AppError::NotFound)?,
        campaigns,
        max_upload_bytes: state.settings.max_upload_bytes,
        admin: me.scope.role == StaffRole::Admin,
        centres: me.centres.clone(),
        formations: formations
            .into_iter()
            .map(|f| FormationLine {
                id: f.id,
                centre: f.centre,
                title: f.title,
                window_start: f.window_start,
                window_end: f.window_end,
                return_deadline: f.return_deadline,
                capacity: f.capacity,
                applications: f.applications,
            })
            .collect(),
        pieces: pieces.into_iter().map(piece_view).collect(),
    })
}

fn piece_view(p: PieceConfig) -> PieceView {
    PieceView {
        id: p.id,
        centre_id: p.centre_id,
        centre: p.centre,
        label: p.label,
        required: p.required,
        common: p.common,
        model_name: p.model_name,
        formations: p.formations,
    }
}

/// The formation form filled from the stored formation (`None`: a new
/// one), with the pieces of its centre to choose from.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn formation(
    state: &AppState,
    signed: &Signed,
    campaign: Option<i64>,
    id: Option<i64>,
) -> Result<FormationEdit, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let me = configurer(&mut conn, signed, campaign).await?;
    let all_pieces = store::pieces(&mut conn, me.bound(), me.campaign).await?;
    let (form, named) = match id {
        None => (
            FormationForm {
                centre: me.centres.first().map(|c| c.id.to_string()).unwrap_or_default(),
                mode: crate::domain::formation::MODES[0].to_owned(),
                treatment: crate::domain::formation::TREATMENTS[0].to_owned(),
                ..Default::default()
            },
            Vec::new(),
        ),
        Some(id) => {
            let f = store::formation(&mut conn, me.bound(), id).await?.ok_or(AppError::NotFound)?;
            me.owns(f.centre_id)?;
            let named = store::formation_pieces(&mut conn, id).await?;
            let form = FormationForm {
                centre: f.centre_id.to_string(),
                title: f.title,
                keywords: f.keywords,
                url: f.url,
                window_start: f.window_start,
                window_end: f.window_end,
                return_deadline: f.return_deadline,
                publication: f.publication.unwrap_or_default(),
                confirmation: f.confirmation.unwrap_or_default(),
                mode: f.mode,
                treatment: f.treatment,
                capacity: f.capacity.to_string(),
                waiting_list: f.waiting_list,
            };
            (form, named)
        }
    };
    Ok(FormationEdit {
        id,
        form,
        pieces_named: named,
        centres: me.centres.clone(),
        pieces: all_pieces.into_iter().map(piece_view).collect(),
    })
}

/// Creates or updates a formation with the pieces it names, in one
/// transaction; returns its id.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_formation(
    state: &AppState,
    signed: &Signed,
    campaign: Option<i64>,
    id: Option<i64>,
    form: &FormationForm,
    named: &[i64],
) -> Result<i64, AppError> {
    let mut tx = state.db.pool.begin().await?;
    let me = configurer(&mut tx, signed, campaign).await?;
    let formation = form.parse(&me.centre_ids())?;
    if let Some(id) = id {
        me.owns(store::formation(&mut tx, me.bound(), id).await?.ok_or(AppError::NotFound)?.centre_id)?;
    }
    let saved = store::save_formation(&mut tx, id, &formation).await?.ok_or(AppError::NotFound)?;
    store::set_formation_pieces(&mut tx, saved, formation.centre_id, named).await?;
    tx.commit().await?;
    Ok(saved)
}

/// A piece as its form sends it.
pub struct PieceForm<'a> {
    pub centre: &'a str,
    pub label: &'a str,
    pub required: bool,
    /// Asked by every formation of the centre.
    pub common: bool,
}

/// Creates (`id` None) or updates a piece of a centre in scope.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_piece(
    state: &AppState,
    signed: &Signed,
    campaign: Option<i64>,
    id: Option<i64>,
    form: &PieceForm<'_>,
) -> Result<i64, AppError> {
    let mut tx = state.db.pool.begin().await?;
    let me = configurer(&mut tx, signed, campaign).await?;
    let piece = parse_piece(form.centre, form.label, form.required, form.common, &me.centre_ids())?;
    if let Some(id) = id {
        me.owns(store::piece_centre(&mut tx, me.bound(), id).await?.ok_or(AppError::NotFound)?)?;
    }
    let saved = store::save_piece(&mut tx, id, &piece).await?.ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(saved)
}

/// May this staff member give this piece a model file?
#[tracing::instrument(skip_all, fields(account = signed.account_id, piece))]
pub async fn authorize_model(
    state: &AppState,
    signed: &Signed,
    campaign: Option<i64>,
    piece: i64,
) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let me = configurer(&mut conn, signed, campaign).await?;
    me.owns(store::piece_centre(&mut conn, me.bound(), piece).await?.ok_or(AppError::NotFound)?)
}

/// Records a model file received for a piece (a PDF or a photo, checked
/// by content like every upload) and removes the one it replaces.
#[tracing::instrument(skip_all, fields(account = signed.account_id, piece))]
pub async fn receive_model(
    state: &AppState,
    signed: &Signed,
    campaign: Option<i64>,
    piece: i64,
    stored: Stored,
    name: &str,
) -> Result<(), AppError> {
    let store = &state.settings.files;
    let recorded = async {
        let mut tx = state.db.pool.begin().await?;
        let me = configurer(&mut tx, signed, campaign).await?;
        me.owns(store::piece_centre(&mut tx, me.bound(), piece).await?.ok_or(AppError::NotFound)?)?;
        let name = crate::domain::upload::clean_name(name, stored.kind);
        let previous = pieces::set_model(&mut tx, piece, &stored.stored_name, &name).await?;
        tx.commit().await?;
        Ok::<_, AppError>(previous)
    }
    .await;
    match recorded {
        Ok(previous) => {
            files::discard(&state.db.pool, store, previous.as_slice()).await;
            Ok(())
        }
        Err(error) => {
            files::remove(store, &stored.stored_name).await;
            Err(error)
        }
    }
}

/// A centre as its form sends it.
pub struct CentreForm<'a> {
    pub label: &'a str,
    pub contact_address: &'a str,
    pub contact_email: &'a str,
    pub signatory: &'a str,
}

fn parse_centre(id: i64, form: &CentreForm<'_>) -> Result<CentreView, AppError> {
    let mut errors = FieldErrors::new();
    let label = errors.take("label", required_text(form.label, 200));
    let contact_address = errors.take("contact_address", required_text(form.contact_address, 500));
    let contact_email =
        errors.take("contact_email", EmailAddress::parse(form.contact_email).map(|e| e.as_str().to_owned()));
    let signatory = errors.take("signatory", required_text(form.signatory, 200));
    let parsed = (|| {
        Some(CentreView {
            id,
            label: label?,
            contact_address: contact_address?,
            contact_email: contact_email?,
            signatory: signatory?,
        })
    })();
    Ok(errors.into_result(|| parsed)?)
}

/// Creates a centre (admins) or updates one in scope.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_centre(
    state: &AppState,
    signed: &Signed,
    campaign: Option<i64>,
    id: Option<i64>,
    form: &CentreForm<'_>,
) -> Result<i64, AppError> {
    let centre = parse_centre(id.unwrap_or_default(), form)?;
    let mut tx = state.db.pool.begin().await?;
    let me = configurer(&mut tx, signed, campaign).await?;
    let saved = match id {
        None => {
            me.admin_only()?;
            store::insert_centre(&mut tx, me.campaign, &centre).await?
        }
        Some(id) => {
            if !me.centre_ids().contains(&id) || !store::update_centre(&mut tx, &centre).await? {
                return Err(AppError::NotFound);
            }
            id
        }
    };
    tx.commit().await?;
    Ok(saved)
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn campaign(state: &AppState, signed: &Signed, campaign: Option<i64>) -> Result<CampaignView, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let me = configurer(&mut conn, signed, campaign).await?;
    me.admin_only()?;
    let s = store::campaign_settings(&mut conn, me.campaign).await?.ok_or(AppError::NotFound)?;
    let reasons = campaigns::decision_reasons(&mut conn, me.campaign).await?;
    Ok(CampaignView {
        code: s.code,
        label: s.label,
        university_year: s.university_year,
        max_applications: s.max_applications,
        reasons,
    })
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_campaign(
    state: &AppState,
    signed: &Signed,
    campaign: Option<i64>,
    label: &str,
    year: &str,
    max_applications: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let label = errors.take("label", required_text(label, 200));
    let year = errors.take("university_year", crate::domain::campaign::parse_university_year(year));
    let max = errors.take(
        "max_applications",
        match max_applications.trim() {
            "" => Ok(0),
            raw => raw.parse::<i64>().ok().filter(|n| (0..=100).contains(n)).ok_or(Problem::CapacityInvalid),
        },
    );
    let (label, year, max) = errors.into_result(|| Some((label?, year?, max?)))?;
    let mut tx = state.db.pool.begin().await?;
    let me = configurer(&mut tx, signed, campaign).await?;
    me.admin_only()?;
    let current = store::campaign_settings(&mut tx, me.campaign).await?.ok_or(AppError::NotFound)?;
    store::save_campaign_settings(
        &mut tx,
        &CampaignSettings { label, university_year: year, max_applications: max, ..current },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a reason of défavorable decisions to the campaign's list.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn add_reason(state: &AppState, signed: &Signed, campaign: Option<i64>, label: &str) -> Result<(), AppError> {
    let label = required_text(label, 200).map_err(|p| AppError::invalid("motif", p))?;
    let mut conn = state.db.pool.acquire().await?;
    let me = configurer(&mut conn, signed, campaign).await?;
    me.admin_only()?;
    match store::add_reason(&mut conn, me.campaign, &label).await {
        Err(super::store::StoreError::Duplicate(super::store::Unique::ReasonLabel)) => {
            Err(AppError::invalid("motif", Problem::AlreadyExists))
        }
        other => Ok(other?),
    }
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn remove_reason(
    state: &AppState,
    signed: &Signed,
    campaign: Option<i64>,
    label: &str,
) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let me = configurer(&mut conn, signed, campaign).await?;
    me.admin_only()?;
    if store::remove_reason(&mut conn, me.campaign, label).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
