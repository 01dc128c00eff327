//! Dossier use cases: read and save Informations personnelles and the INE
//! answer, and tell which sections are complete.

use super::auth::session::Signed;
use super::refdata;
use super::school_records::{self, Fixed, Saved, UniversityData};
use super::state::AppState;
use super::store::{accounts, dossier, StoreError, Unique};
use crate::domain::address::{Address, AddressForm};
use crate::domain::bac::{Bac, BacForm};
use crate::domain::cursus::{Cursus, CursusForm};
use crate::domain::date::Day;
use crate::domain::experience::{Experience, ExperienceForm, ExperienceKind};
use crate::domain::identity::{parse_ine, Identity, IdentityForm};
use crate::domain::ine::IneRules;
use crate::domain::language::Language;
use crate::domain::lookup::name_in;
use crate::domain::school_record::{address_fields, bac_fields, changed_fields};
use crate::domain::{FieldErrors, Problem};
use crate::error::AppError;
use crate::views::dossier::{
    AddressPage, BacPage, CursusPage, CursusRow, ExperiencesPage, IdentityPage, InternalCursusPage, Section,
    SectionKind,
};

/// Today in Europe/Paris.
pub fn today(state: &AppState) -> Day {
    super::clock::paris_day(state.clock.now())
}

/// The campaign whose rules apply to a candidate's dossier: the active one.
async fn campaign_of(conn: &mut super::store::Conn, signed: &Signed) -> Result<i64, AppError> {
    accounts::candidate_by_id(&mut *conn, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    Ok(super::store::campaigns::active(conn).await?.ok_or(AppError::NotFound)?.id)
}

/// Guide 04.6: once an application is made, Informations personnelles
/// (the INE included) no longer change; only the mail address does, from
/// "Mon compte".
async fn refuse_if_locked(conn: &mut super::store::Conn, signed: &Signed) -> Result<(), AppError> {
    if dossier::has_applied(conn, signed.account_id).await? {
        let mut errors = FieldErrors::new();
        errors.add("identite", Problem::Locked);
        return Err(AppError::Invalid(errors));
    }
    Ok(())
}

/// What the university fixes of the candidate's dossier, under the active
/// campaign's INE rules (those the pages apply).
async fn fixed(
    state: &AppState,
    conn: &mut super::store::Conn,
    candidate_id: i64,
) -> Result<(Fixed, UniversityData), AppError> {
    let university = school_records::of_candidate(state, conn, candidate_id).await?;
    let rules = match super::store::campaigns::active(conn).await? {
        Some(campaign) => dossier::ine_settings(conn, campaign.id).await?.rules,
        None => IneRules::default(),
    };
    Ok((university.fixed(rules, today(state)), university))
}

/// The university's values in place of the form's.
fn overlay(form: &mut IdentityForm, fixed: &[(&'static str, String)]) {
    for (field, value) in fixed {
        if let Some(slot) = identity_field_mut(form, field) {
            slot.clone_from(value);
        }
        if *field == "ine" {
            form.sans_ine = false;
        }
    }
}

fn identity_field_mut<'a>(form: &'a mut IdentityForm, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "nom_naissance" => &mut form.nom_naissance,
        "prenom" => &mut form.prenom,
        "date_naissance" => &mut form.date_naissance,
        "ine" => &mut form.ine,
        _ => return None,
    })
}

/// A sent form's value by field name.
fn sent_value<'a>(sent: &'a [(&'static str, String)]) -> impl Fn(&str) -> String + 'a {
    move |field| sent.iter().find(|(f, _)| *f == field).map(|(_, v)| v.clone()).unwrap_or_default()
}

/// Refuses, field by field, values that differ from what the university
/// fixes: read-only on the page, and so on the server.
fn refuse_changes(fixed: &[(&'static str, String)], sent: impl Fn(&str) -> String) -> Result<(), AppError> {
    let changed = changed_fields(fixed, sent);
    if changed.is_empty() {
        return Ok(());
    }
    let mut errors = FieldErrors::new();
    for field in changed {
        errors.add(field, Problem::FromSchoolRecords);
    }
    Err(AppError::Invalid(errors))
}

/// Informations personnelles, Adresse and Baccalauréat: each saved, and,
/// where the university fixes something, saved as it says (saved before
/// it said so, or since it changed: to be confirmed again).
struct RequiredSections {
    identity: bool,
    address: bool,
    bac: bool,
}

async fn required_sections(
    state: &AppState,
    conn: &mut super::store::Conn,
    candidate_id: i64,
) -> Result<(RequiredSections, UniversityData), AppError> {
    let mut identity = dossier::identity(conn, candidate_id).await?;
    let ine = dossier::ine(conn, candidate_id).await?;
    if let (Some(form), Some((value, sans))) = (identity.as_mut(), &ine) {
        form.ine = value.clone().unwrap_or_default();
        form.sans_ine = *sans;
    }
    let address = dossier::address(conn, candidate_id).await?;
    let bac = dossier::bac(conn, candidate_id).await?;
    let (fixed, university) = fixed(state, conn, candidate_id).await?;
    let stale: Vec<SectionKind> = fixed
        .agreement(&Saved { identity: identity.as_ref(), address: address.as_ref(), bac: bac.as_ref() })
        .into_iter()
        .filter(|(_, agrees)| !agrees)
        .map(|(kind, _)| kind)
        .collect();
    let sections = RequiredSections {
        identity: identity.is_some() && ine.is_some() && !stale.contains(&SectionKind::Identity),
        address: address.is_some() && !stale.contains(&SectionKind::Address),
        bac: bac.is_some() && !stale.contains(&SectionKind::Bac),
    };
    Ok((sections, university))
}

/// Countries named in `language`, the page's.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn identity_page(state: &AppState, signed: &Signed, language: Language) -> Result<IdentityPage, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let candidate = accounts::candidate_by_id(&mut conn, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    let campaign = campaign_of(&mut conn, signed).await?;
    let settings = dossier::ine_settings(&mut conn, campaign).await?;
    let ine = dossier::ine(&mut conn, candidate.id).await?;
    let saved = dossier::identity(&mut conn, candidate.id).await?;
    let complete = saved.is_some() && ine.is_some();
    let locked = dossier::has_applied(&mut conn, candidate.id).await?;
    let mut form = saved.unwrap_or_else(|| IdentityForm {
        nom_naissance: candidate.nom.clone(),
        prenom: candidate.prenom.clone(),
        pays_naissance: crate::domain::identity::FRANCE.into(),
        nationalite: crate::domain::identity::FRANCE.into(),
        ..IdentityForm::default()
    });
    if let Some((value, sans)) = &ine {
        form.ine = value.clone().unwrap_or_default();
        form.sans_ine = *sans;
    }
    // What the university fixes shows as it says it, whatever was saved.
    let fixed = fixed(state, &mut conn, candidate.id).await?.0.identity;
    overlay(&mut form, &fixed);
    let ine_fixed = fixed.iter().any(|(f, _)| *f == "ine");
    Ok(IdentityPage {
        form,
        ine_answered: ine.is_some() || ine_fixed,
        sourced: fixed.iter().map(|(f, _)| f.to_string()).collect(),
        complete,
        locked,
        settings,
        countries: refdata::countries_in(language).to_vec(),
        departements: refdata::departements().to_vec(),
    })
}

fn ine_taken(error: StoreError) -> AppError {
    match error {
        StoreError::Duplicate(Unique::CandidateIne) => {
            let mut errors = FieldErrors::new();
            errors.add("ine", Problem::IneTaken);
            AppError::Invalid(errors)
        }
        other => other.into(),
    }
}

/// The pop-up: an INE, or "Je n'ai pas d'INE".
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_ine(state: &AppState, signed: &Signed, raw: &str, sans_ine: bool) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    refuse_if_locked(&mut conn, signed).await?;
    let campaign = campaign_of(&mut conn, signed).await?;
    let settings = dossier::ine_settings(&mut conn, campaign).await?;
    let fixed: Vec<_> =
        fixed(state, &mut conn, signed.account_id).await?.0.identity.into_iter().filter(|(f, _)| *f == "ine").collect();
    refuse_changes(&fixed, |_| if sans_ine { String::new() } else { raw.to_owned() })?;
    // Saved as the university writes it.
    let raw = fixed.first().map(|(_, ine)| ine.as_str()).unwrap_or(raw);
    let mut errors = FieldErrors::new();
    let ine = if sans_ine {
        None
    } else {
        let parsed = parse_ine(raw, false, settings, false);
        match errors.take("ine", parsed.and_then(|i| i.ok_or(Problem::Required))) {
            Some(ine) => Some(ine),
            None => return Err(AppError::Invalid(errors)),
        }
    };
    let value = ine.as_ref().map(|i| i.as_str());
    dossier::put_ine(&mut conn, signed.account_id, campaign, value, state.clock.now()).await.map_err(ine_taken)
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_identity(state: &AppState, signed: &Signed, form: &IdentityForm) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    refuse_if_locked(&mut conn, signed).await?;
    let campaign = campaign_of(&mut conn, signed).await?;
    let settings = dossier::ine_settings(&mut conn, campaign).await?;
    let fixed = fixed(state, &mut conn, signed.account_id).await?.0.identity;
    drop(conn);
    refuse_changes(&fixed, |field| match field {
        "ine" if form.sans_ine => String::new(),
        "nom_naissance" => form.nom_naissance.clone(),
        "prenom" => form.prenom.clone(),
        "date_naissance" => form.date_naissance.clone(),
        "ine" => form.ine.clone(),
        _ => String::new(),
    })?;
    // Saved as the university writes it, not as sent.
    let mut form = form.clone();
    overlay(&mut form, &fixed);
    let form = &form;
    let parsed = Identity::parse(form, today(state), settings);
    // Codes must be among the choices offered.
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    for (field, value) in [("pays_naissance", &form.pays_naissance), ("nationalite", &form.nationalite)] {
        let code = value.trim().to_uppercase();
        if !code.is_empty() && !refdata::is_country(&code) && errors.get(field).is_none() {
            errors.add(field, Problem::UnknownChoice);
        }
    }
    if let Ok(id) = &parsed {
        if let Some(dep) = &id.departement_naissance {
            if !refdata::is_departement(dep) {
                errors.add("departement_naissance", Problem::UnknownChoice);
            }
        }
    }
    let identity = match parsed {
        Ok(identity) if errors.is_empty() => identity,
        _ => return Err(AppError::Invalid(errors)),
    };
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await?;
    dossier::put_ine(&mut tx, signed.account_id, campaign, identity.ine.as_ref().map(|i| i.as_str()), now)
        .await
        .map_err(ine_taken)?;
    dossier::put_identity(&mut tx, signed.account_id, campaign, &identity, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Informations personnelles (with the INE answer), Adresse and
/// Baccalauréat: what an application needs (issue 4).
pub async fn required_sections_complete(
    state: &AppState,
    conn: &mut super::store::Conn,
    candidate_id: i64,
) -> Result<bool, AppError> {
    let (s, _) = required_sections(state, conn, candidate_id).await?;
    Ok(s.identity && s.address && s.bac)
}

/// The sections of the dossier and whether each is complete.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn checklist(state: &AppState, signed: &Signed) -> Result<Vec<Section>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let (required, university) = required_sections(state, &mut conn, signed.account_id).await?;
    let cursus = dossier::cursus(&mut conn, signed.account_id).await?.len();
    let stages = dossier::experiences(&mut conn, signed.account_id, ExperienceKind::Stage).await?.len();
    let jobs = dossier::experiences(&mut conn, signed.account_id, ExperienceKind::Emploi).await?.len();
    let mut sections = vec![
        Section { kind: SectionKind::Identity, complete: required.identity, entries: None },
        Section { kind: SectionKind::Address, complete: required.address, entries: None },
        Section { kind: SectionKind::Bac, complete: required.bac, entries: None },
    ];
    // Cursus interne: the university's own students only (the passerelle
    // guide: "Vous n'êtes pas concerné par la partie 'cursus interne'").
    if let Some(record) = &university.record {
        sections.push(Section { kind: SectionKind::InternalCursus, complete: true, entries: Some(record.years.len()) });
    }
    sections.extend([
        Section { kind: SectionKind::Cursus, complete: true, entries: Some(cursus) },
        Section { kind: SectionKind::Stages, complete: true, entries: Some(stages) },
        Section { kind: SectionKind::Experiences, complete: true, entries: Some(jobs) },
    ]);
    Ok(sections)
}

/// Countries named in `language`, the page's.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn address_page(state: &AppState, signed: &Signed, language: Language) -> Result<AddressPage, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let fixed = fixed(state, &mut conn, signed.account_id).await?.0.address;
    let sourced = fixed.is_some();
    let form = match fixed {
        Some(form) => form,
        None => dossier::address(&mut conn, signed.account_id)
            .await?
            .unwrap_or_else(|| AddressForm { pays: crate::domain::identity::FRANCE.into(), ..AddressForm::default() }),
    };
    let communes = refdata::communes_of(form.code_postal.trim());
    Ok(AddressPage { form, countries: refdata::countries_in(language).to_vec(), communes, sourced })
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_address(state: &AppState, signed: &Signed, form: &AddressForm) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let fixed = fixed(state, &mut conn, signed.account_id).await?.0.address;
    if let Some(fixed) = &fixed {
        refuse_changes(&address_fields(fixed), sent_value(&address_fields(form)))?;
    }
    // Saved as the university writes it.
    let form = fixed.as_ref().unwrap_or(form);
    let mut address = Address::parse(form, refdata::communes_of);
    if let Ok(a) = &address {
        if !refdata::is_country(&a.pays) {
            let mut errors = FieldErrors::new();
            errors.add("pays", Problem::UnknownChoice);
            address = Err(errors);
        }
    }
    let address = address?;
    dossier::put_address(&mut conn, signed.account_id, &address, state.clock.now()).await?;
    Ok(())
}

/// Countries named in `language`, the page's.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn bac_page(state: &AppState, signed: &Signed, language: Language) -> Result<BacPage, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let fixed = fixed(state, &mut conn, signed.account_id).await?.0.bac;
    let sourced = fixed.is_some();
    let form = match fixed {
        Some(form) => form,
        None => dossier::bac(&mut conn, signed.account_id)
            .await?
            .unwrap_or_else(|| BacForm { pays: crate::domain::identity::FRANCE.into(), ..BacForm::default() }),
    };
    let commune_nom = refdata::commune_name(form.commune.trim());
    Ok(BacPage {
        sourced,
        form,
        this_year: today(state).year,
        countries: refdata::countries_in(language).to_vec(),
        departements: refdata::departements().to_vec(),
        commune_nom,
    })
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_bac(state: &AppState, signed: &Signed, form: &BacForm) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let fixed = fixed(state, &mut conn, signed.account_id).await?.0.bac;
    if let Some(fixed) = &fixed {
        refuse_changes(&bac_fields(fixed), sent_value(&bac_fields(form)))?;
    }
    // Saved as the university writes it.
    let form = fixed.as_ref().unwrap_or(form);
    let bac = Bac::parse(form, today(state).year, refdata::is_commune_of)?;
    if let Bac::Obtained { pays, .. } = &bac {
        if !refdata::is_country(pays) {
            let mut errors = FieldErrors::new();
            errors.add("pays", Problem::UnknownChoice);
            return Err(AppError::Invalid(errors));
        }
    }
    dossier::put_bac(&mut conn, signed.account_id, &bac, state.clock.now()).await?;
    Ok(())
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn experiences_page(
    state: &AppState,
    signed: &Signed,
    kind: ExperienceKind,
) -> Result<ExperiencesPage, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let items = dossier::experiences(&mut conn, signed.account_id, kind).await?;
    Ok(ExperiencesPage { kind, items })
}

/// Adds an entry (`id` None) or changes one of the candidate's own.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_experience(
    state: &AppState,
    signed: &Signed,
    kind: ExperienceKind,
    id: Option<i64>,
    form: &ExperienceForm,
) -> Result<(), AppError> {
    let entry = Experience::parse(kind, form, today(state).year)?;
    let mut conn = state.db.pool.acquire().await?;
    if dossier::put_experience(&mut conn, signed.account_id, kind, id, &entry, state.clock.now()).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn delete_experience(
    state: &AppState,
    signed: &Signed,
    kind: ExperienceKind,
    id: i64,
) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    if dossier::delete_experience(&mut conn, signed.account_id, kind, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Countries named in `language`, the page's.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn cursus_page(state: &AppState, signed: &Signed, language: Language) -> Result<CursusPage, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let items = dossier::cursus(&mut conn, signed.account_id).await?;
    let rows = items
        .into_iter()
        .map(|(id, form)| CursusRow {
            id,
            pays_nom: name_in(refdata::countries_in(language), &form.pays),
            departement_nom: name_in(refdata::departements(), &form.departement),
            commune_nom: refdata::commune_name(&form.commune),
            form,
        })
        .collect();
    Ok(CursusPage {
        rows,
        this_year: today(state).year,
        countries: refdata::countries_in(language).to_vec(),
        departements: refdata::departements().to_vec(),
    })
}

#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn save_cursus(
    state: &AppState,
    signed: &Signed,
    id: Option<i64>,
    form: &CursusForm,
) -> Result<(), AppError> {
    let cursus = Cursus::parse(form, today(state).year, refdata::is_commune_of)?;
    if !refdata::is_country(&cursus.pays) {
        let mut errors = FieldErrors::new();
        errors.add("pays", Problem::UnknownChoice);
        return Err(AppError::Invalid(errors));
    }
    let mut conn = state.db.pool.acquire().await?;
    if dossier::put_cursus(&mut conn, signed.account_id, id, &cursus, state.clock.now()).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn delete_cursus(state: &AppState, signed: &Signed, id: i64) -> Result<(), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    if dossier::delete_cursus(&mut conn, signed.account_id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Cursus interne: the years of studies at the university, as its student
/// records give them (read-only); `NotFound` for anyone they do not know.
#[tracing::instrument(skip_all, fields(account = signed.account_id))]
pub async fn internal_cursus_page(state: &AppState, signed: &Signed) -> Result<InternalCursusPage, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let university = school_records::of_candidate(state, &mut conn, signed.account_id).await?;
    let record = university.record.ok_or(AppError::NotFound)?;
    Ok(InternalCursusPage {
        university: super::university::name(state).unwrap_or_default(),
        student_number: record.student_number,
        years: record.years,
    })
}
