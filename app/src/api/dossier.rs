//! The candidate's dossier: Informations personnelles, the INE pop-up, and
//! the checklist of sections.

// A server function takes its form's fields as arguments; the browser's
// stub that `#[server]` generates does not carry the function's own
// `#[allow]`, hence the module's.
#![cfg_attr(feature = "hydrate", allow(clippy::too_many_arguments))]

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::address::AddressForm;
#[cfg(feature = "ssr")]
use crate::domain::bac::BacForm;
#[cfg(feature = "ssr")]
use crate::domain::cursus::CursusForm;
#[cfg(feature = "ssr")]
use crate::domain::experience::{ExperienceForm, ExperienceKind};
#[cfg(feature = "ssr")]
use crate::domain::identity::IdentityForm;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::views::dossier::SectionKind;
use crate::views::dossier::{
    AddressPage, BacPage, CursusPage, ExperiencesPage, IdentityPage, InternalCursusPage, Section,
};

#[server(prefix = "/api", endpoint = "dossier/sections")]
pub async fn load_sections() -> Result<Vec<Section>, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::dossier::checklist(&state, &signed).await
}

#[server(prefix = "/api", endpoint = "dossier/informations-personnelles")]
pub async fn load_identity() -> Result<IdentityPage, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::dossier::identity_page(&state, &signed, super::context::language()).await
}

#[server(prefix = "/api", endpoint = "dossier/ine")]
pub async fn save_ine(ine: String, sans_ine: Option<String>) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::dossier::save_ine(&state, &signed, &ine, sans_ine.is_some()).await?;
    leptos_axum::redirect("/dossier/informations-personnelles");
    Ok(())
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "dossier/informations-personnelles/enregistrer")]
pub async fn save_identity(
    civilite: String,
    nom_naissance: String,
    nom_usuel: String,
    prenom: String,
    autre_prenom: String,
    date_naissance: String,
    pays_naissance: String,
    departement_naissance: Option<String>,
    ville_naissance: String,
    nationalite: String,
    telephone: String,
    portable: String,
    ine: String,
    sans_ine: Option<String>,
) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    let form = IdentityForm {
        civilite,
        nom_naissance,
        nom_usuel,
        prenom,
        autre_prenom,
        date_naissance,
        pays_naissance,
        departement_naissance: departement_naissance.unwrap_or_default(),
        ville_naissance,
        nationalite,
        telephone,
        portable,
        ine,
        sans_ine: sans_ine.is_some(),
    };
    crate::server::dossier::save_identity(&state, &signed, &form).await?;
    leptos_axum::redirect(&format!("/?enregistre={}", SectionKind::Identity.slug()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "dossier/adresse")]
pub async fn load_address() -> Result<AddressPage, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::dossier::address_page(&state, &signed, super::context::language()).await
}

#[server(prefix = "/api", endpoint = "dossier/adresse/enregistrer")]
pub async fn save_address(
    pays: String,
    ligne1: String,
    ligne2: String,
    ligne3: String,
    code_postal: String,
    commune: Option<String>,
    ville: String,
) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    let form = AddressForm { pays, ligne1, ligne2, ligne3, code_postal, commune: commune.unwrap_or_default(), ville };
    crate::server::dossier::save_address(&state, &signed, &form).await?;
    leptos_axum::redirect(&format!("/?enregistre={}", SectionKind::Address.slug()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "dossier/cursus-interne")]
pub async fn load_internal_cursus() -> Result<InternalCursusPage, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::dossier::internal_cursus_page(&state, &signed).await
}

#[server(prefix = "/api", endpoint = "dossier/baccalaureat")]
pub async fn load_bac() -> Result<BacPage, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::dossier::bac_page(&state, &signed, super::context::language()).await
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "dossier/baccalaureat/enregistrer")]
pub async fn save_bac(
    situation: Option<String>,
    annee: Option<String>,
    serie: Option<String>,
    mention: Option<String>,
    pays: Option<String>,
    departement: Option<String>,
    commune: Option<String>,
    etablissement: Option<String>,
) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    let form = BacForm {
        situation: situation.unwrap_or_default(),
        annee: annee.unwrap_or_default(),
        serie: serie.unwrap_or_default(),
        mention: mention.unwrap_or_default(),
        pays: pays.unwrap_or_default(),
        departement: departement.unwrap_or_default(),
        commune: commune.unwrap_or_default(),
        etablissement: etablissement.unwrap_or_default(),
    };
    crate::server::dossier::save_bac(&state, &signed, &form).await?;
    leptos_axum::redirect(&format!("/?enregistre={}", SectionKind::Bac.slug()));
    Ok(())
}

#[cfg(feature = "ssr")]
fn kind_of(code: &str) -> Result<ExperienceKind, AppError> {
    ExperienceKind::parse(code).ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
fn section_of(kind: ExperienceKind) -> SectionKind {
    match kind {
        ExperienceKind::Stage => SectionKind::Stages,
        ExperienceKind::Emploi => SectionKind::Experiences,
    }
}

#[server(prefix = "/api", endpoint = "dossier/experiences")]
pub async fn load_experiences(kind: String) -> Result<ExperiencesPage, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::dossier::experiences_page(&state, &signed, kind_of(&kind)?).await
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "dossier/experiences/enregistrer")]
pub async fn save_experience(
    kind: String,
    id: Option<String>,
    annee: String,
    duree: String,
    heures: Option<String>,
    intitule: Option<String>,
    employeur: String,
    descriptif: String,
) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    let kind = kind_of(&kind)?;
    let id = match id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    let form = ExperienceForm {
        annee,
        duree,
        heures: heures.unwrap_or_default(),
        intitule: intitule.unwrap_or_default(),
        employeur,
        descriptif,
    };
    crate::server::dossier::save_experience(&state, &signed, kind, id, &form).await?;
    leptos_axum::redirect(section_of(kind).path());
    Ok(())
}

#[server(prefix = "/api", endpoint = "dossier/experiences/supprimer")]
pub async fn delete_experience(kind: String, id: i64) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    let kind = kind_of(&kind)?;
    crate::server::dossier::delete_experience(&state, &signed, kind, id).await?;
    leptos_axum::redirect(section_of(kind).path());
    Ok(())
}

#[server(prefix = "/api", endpoint = "dossier/cursus")]
pub async fn load_cursus() -> Result<CursusPage, AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::dossier::cursus_page(&state, &signed, super::context::language()).await
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "dossier/cursus/enregistrer")]
pub async fn save_cursus(
    id: Option<String>,
    pays: String,
    departement: Option<String>,
    commune: Option<String>,
    etablissement: String,
    annee: String,
    formation: String,
    libelle: String,
    obtenu: String,
    mention: Option<String>,
) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    let id = match id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    let form = CursusForm {
        pays,
        departement: departement.unwrap_or_default(),
        commune: commune.unwrap_or_default(),
        etablissement,
        annee,
        formation,
        libelle,
        obtenu,
        mention: mention.unwrap_or_default(),
    };
    crate::server::dossier::save_cursus(&state, &signed, id, &form).await?;
    leptos_axum::redirect(SectionKind::Cursus.path());
    Ok(())
}

#[server(prefix = "/api", endpoint = "dossier/cursus/supprimer")]
pub async fn delete_cursus(id: i64) -> Result<(), AppError> {
    let (state, signed) = super::context::candidate().await?;
    crate::server::dossier::delete_cursus(&state, &signed, id).await?;
    leptos_axum::redirect(SectionKind::Cursus.path());
    Ok(())
}
