//! The candidate's dossier: Informations personnelles and the INE answer.

use super::columns::Flag;
use super::{Conn, StoreResult};
use crate::domain::address::{Address, AddressForm, Place};
use crate::domain::bac::{Bac, BacForm, NO_BAC};
use crate::domain::cursus::{Cursus, CursusForm};
use crate::domain::date::Day;
use crate::domain::experience::{Experience, ExperienceForm, ExperienceKind};
use crate::domain::identity::{Identity, IdentityForm, IneSettings};
use crate::domain::ine::IneRules;

/// Whether the candidate has made at least one application.
/// Whether the candidate applied in the active campaign (an application
/// of an archived campaign leaves the identity open for the next one).
pub async fn has_applied(conn: &mut Conn, candidate_id: i64) -> StoreResult<bool> {
    let sql = format!(
        "SELECT 1 AS one FROM applications WHERE candidate_id = $1 AND formation_id IN ({}) LIMIT 1",
        super::ACTIVE_FORMATIONS
    );
    let row = sqlx::query(&sql).bind(candidate_id).fetch_optional(conn).await?;
    Ok(row.is_some())
}

/// Moves the candidate's INE into `campaign_id`, where it must be unique:
/// `Duplicate(Unique::CandidateIne)` when another account of that campaign
/// holds it.
pub async fn move_ine(conn: &mut Conn, candidate_id: i64, campaign_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE dossier_ine SET campaign_id = $2 WHERE candidate_id = $1 AND campaign_id <> $2")
        .bind(candidate_id)
        .bind(campaign_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn ine_settings(conn: &mut Conn, campaign_id: i64) -> StoreResult<IneSettings> {
    let row: Option<(Flag, Flag)> =
        sqlx::query_as("SELECT accept_ines, ine_required_for_french FROM campaigns WHERE id = $1")
            .bind(campaign_id)
            .fetch_optional(conn)
            .await?;
    Ok(match row {
        Some((accept_ines, required_for_french)) => IneSettings {
            rules: IneRules { accept_ines: accept_ines.into() },
            required_for_french: required_for_french.into(),
        },
        None => IneSettings::default(),
    })
}

/// The INE answer: `Some((ine, sans_ine))` once the pop-up was answered.
pub async fn ine(conn: &mut Conn, candidate_id: i64) -> StoreResult<Option<(Option<String>, bool)>> {
    let row: Option<(Option<String>, Flag)> =
        sqlx::query_as("SELECT ine, sans_ine FROM dossier_ine WHERE candidate_id = $1")
            .bind(candidate_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(ine, sans_ine)| (ine, sans_ine.into())))
}

/// Records the INE answer; `Duplicate(Unique::CandidateIne)` when another
/// candidate of the campaign has this INE.
pub async fn put_ine(
    conn: &mut Conn,
    candidate_id: i64,
    campaign_id: i64,
    ine: Option<&str>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO dossier_ine (candidate_id, campaign_id, ine, sans_ine, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (candidate_id) DO UPDATE SET campaign_id = excluded.campaign_id, ine = excluded.ine, sans_ine = excluded.sans_ine, updated_at = excluded.updated_at",
    )
    .bind(candidate_id)
    .bind(campaign_id)
    .bind(ine)
    .bind(i64::from(ine.is_none()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    super::accounts::refresh_list_keys(conn, candidate_id).await
}

pub async fn put_identity(
    conn: &mut Conn,
    candidate_id: i64,
    campaign_id: i64,
    id: &Identity,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO dossier_identity (candidate_id, campaign_id, civilite, nom_naissance, nom_usuel, prenom, autre_prenom,
            date_naissance, pays_naissance, departement_naissance, ville_naissance, nationalite, telephone, portable, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (candidate_id) DO UPDATE SET civilite = excluded.civilite, nom_naissance = excluded.nom_naissance,
            nom_usuel = excluded.nom_usuel, prenom = excluded.prenom, autre_prenom = excluded.autre_prenom,
            date_naissance = excluded.date_naissance, pays_naissance = excluded.pays_naissance,
            departement_naissance = excluded.departement_naissance, ville_naissance = excluded.ville_naissance,
            nationalite = excluded.nationalite, telephone = excluded.telephone, portable = excluded.portable,
            updated_at = excluded.updated_at",
    )
    .bind(candidate_id)
    .bind(campaign_id)
    .bind(id.civilite.code())
    .bind(&id.nom_naissance)
    .bind(id.nom_usuel.as_deref())
    .bind(&id.prenom)
    .bind(id.autre_prenom.as_deref())
    .bind(id.date_naissance.iso())
    .bind(&id.pays_naissance)
    .bind(id.departement_naissance.as_deref())
    .bind(&id.ville_naissance)
    .bind(&id.nationalite)
    .bind(id.telephone.as_deref())
    .bind(id.portable.as_deref())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// `dossier_identity` as stored; optional columns read as empty fields.
#[derive(sqlx::FromRow)]
struct IdentityColumns {
    civilite: Option<String>,
    nom_naissance: Option<String>,
    nom_usuel: Option<String>,
    prenom: Option<String>,
    autre_prenom: Option<String>,
    date_naissance: String,
    pays_naissance: Option<String>,
    departement_naissance: Option<String>,
    ville_naissance: Option<String>,
    nationalite: Option<String>,
    telephone: Option<String>,
    portable: Option<String>,
}

/// The saved Informations personnelles, as the form shows them.
pub async fn identity(conn: &mut Conn, candidate_id: i64) -> StoreResult<Option<IdentityForm>> {
    let row: Option<IdentityColumns> = sqlx::query_as(
        "SELECT civilite, nom_naissance, nom_usuel, prenom, autre_prenom, date_naissance, pays_naissance,
                departement_naissance, ville_naissance, nationalite, telephone, portable
         FROM dossier_identity WHERE candidate_id = $1",
    )
    .bind(candidate_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| IdentityForm {
        civilite: r.civilite.unwrap_or_default(),
        nom_naissance: r.nom_naissance.unwrap_or_default(),
        nom_usuel: r.nom_usuel.unwrap_or_default(),
        prenom: r.prenom.unwrap_or_default(),
        autre_prenom: r.autre_prenom.unwrap_or_default(),
        date_naissance: Day::parse_iso(&r.date_naissance).map(|d| d.french()).unwrap_or(r.date_naissance),
        pays_naissance: r.pays_naissance.unwrap_or_default(),
        departement_naissance: r.departement_naissance.unwrap_or_default(),
        ville_naissance: r.ville_naissance.unwrap_or_default(),
        nationalite: r.nationalite.unwrap_or_default(),
        telephone: r.telephone.unwrap_or_default(),
        portable: r.portable.unwrap_or_default(),
        ine: String::new(),
        sans_ine: false,
    }))
}

pub async fn put_address(conn: &mut Conn, candidate_id: i64, a: &Address, now: i64) -> StoreResult<()> {
    let (commune_code, commune_nom, ville) = match &a.place {
        Place::France { commune_code, commune_nom } => (Some(commune_code.as_str()), Some(commune_nom.as_str()), None),
        Place::Abroad { ville } => (None, None, Some(ville.as_str())),
    };
    sqlx::query(
        "INSERT INTO dossier_address (candidate_id, pays, ligne1, ligne2, ligne3, code_postal, commune_code, commune_nom, ville, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (candidate_id) DO UPDATE SET pays = excluded.pays, ligne1 = excluded.ligne1, ligne2 = excluded.ligne2,
            ligne3 = excluded.ligne3, code_postal = excluded.code_postal, commune_code = excluded.commune_code,
            commune_nom = excluded.commune_nom, ville = excluded.ville, updated_at = excluded.updated_at",
    )
    .bind(candidate_id)
    .bind(&a.pays)
    .bind(a.lignes[0].as_deref())
    .bind(a.lignes[1].as_deref())
    .bind(a.lignes[2].as_deref())
    .bind(a.code_postal.as_deref())
    .bind(commune_code)
    .bind(commune_nom)
    .bind(ville)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// `dossier_address` as stored; optional columns read as empty fields.
#[derive(sqlx::FromRow)]
struct AddressColumns {
    pays: Option<String>,
    ligne1: Option<String>,
    ligne2: Option<String>,
    ligne3: Option<String>,
    code_postal: Option<String>,
    commune_code: Option<String>,
    ville: Option<String>,
}

pub async fn address(conn: &mut Conn, candidate_id: i64) -> StoreResult<Option<AddressForm>> {
    let row: Option<AddressColumns> = sqlx::query_as(
        "SELECT pays, ligne1, ligne2, ligne3, code_postal, commune_code, ville FROM dossier_address WHERE candidate_id = $1",
    )
    .bind(candidate_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| AddressForm {
        pays: r.pays.unwrap_or_default(),
        ligne1: r.ligne1.unwrap_or_default(),
        ligne2: r.ligne2.unwrap_or_default(),
        ligne3: r.ligne3.unwrap_or_default(),
        code_postal: r.code_postal.unwrap_or_default(),
        commune: r.commune_code.unwrap_or_default(),
        ville: r.ville.unwrap_or_default(),
    }))
}

pub async fn put_bac(conn: &mut Conn, candidate_id: i64, bac: &Bac, now: i64) -> StoreResult<()> {
    let none: Option<&str> = None;
    let q = sqlx::query(
        "INSERT INTO dossier_bac (candidate_id, serie, annee, mention, pays, departement, commune_code, etablissement, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (candidate_id) DO UPDATE SET serie = excluded.serie, annee = excluded.annee, mention = excluded.mention,
            pays = excluded.pays, departement = excluded.departement, commune_code = excluded.commune_code,
            etablissement = excluded.etablissement, updated_at = excluded.updated_at",
    )
    .bind(candidate_id);
    let q = match bac {
        Bac::None => q.bind(NO_BAC).bind(None::<i64>).bind(none).bind(none).bind(none).bind(none).bind(none),
        Bac::Obtained { annee, serie, mention, pays, departement, commune, etablissement } => q
            .bind(serie.as_str())
            .bind(Some(i64::from(*annee)))
            .bind(mention.as_deref())
            .bind(Some(pays.as_str()))
            .bind(departement.as_deref())
            .bind(commune.as_deref())
            .bind(Some(etablissement.as_str())),
    };
    q.bind(now).execute(conn).await?;
    Ok(())
}

/// `dossier_bac` as stored; optional columns read as empty fields.
#[derive(sqlx::FromRow)]
struct BacColumns {
    serie: Option<String>,
    annee: Option<i64>,
    mention: Option<String>,
    pays: Option<String>,
    departement: Option<String>,
    commune_code: Option<String>,
    etablissement: Option<String>,
}

pub async fn bac(conn: &mut Conn, candidate_id: i64) -> StoreResult<Option<BacForm>> {
    let row: Option<BacColumns> = sqlx::query_as(
        "SELECT serie, annee, mention, pays, departement, commune_code, etablissement FROM dossier_bac WHERE candidate_id = $1",
    )
    .bind(candidate_id)
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let serie = r.serie.unwrap_or_default();
    if serie == NO_BAC {
        return Ok(Some(BacForm { situation: "non".into(), ..BacForm::default() }));
    }
    Ok(Some(BacForm {
        situation: "oui".into(),
        annee: r.annee.map(|y| y.to_string()).unwrap_or_default(),
        serie,
        mention: r.mention.unwrap_or_default(),
        pays: r.pays.unwrap_or_default(),
        departement: r.departement.unwrap_or_default(),
        commune: r.commune_code.unwrap_or_default(),
        etablissement: r.etablissement.unwrap_or_default(),
    }))
}

/// Adds an entry, or changes the candidate's own entry `id`; false when
/// `id` is not one of theirs.
pub async fn put_experience(
    conn: &mut Conn,
    candidate_id: i64,
    kind: ExperienceKind,
    id: Option<i64>,
    x: &Experience,
    now: i64,
) -> StoreResult<bool> {
    let sql = match id {
        None => "INSERT INTO dossier_experiences (candidate_id, kind, annee, duree, heures, intitule, employeur, descriptif, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        Some(_) => "UPDATE dossier_experiences SET annee = $3, duree = $4, heures = $5, intitule = $6, employeur = $7, descriptif = $8
                 WHERE candidate_id = $1 AND kind = $2 AND id = $9",
    };
    let done = sqlx::query(sql)
        .bind(candidate_id)
        .bind(kind.code())
        .bind(i64::from(x.annee))
        .bind(&x.duree)
        .bind(x.heures)
        .bind(x.intitule.as_deref())
        .bind(&x.employeur)
        .bind(x.descriptif.as_deref())
        .bind(id.unwrap_or(now))
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes the candidate's own entry; false when it is not theirs.
pub async fn delete_experience(conn: &mut Conn, candidate_id: i64, kind: ExperienceKind, id: i64) -> StoreResult<bool> {
    let done = sqlx::query("DELETE FROM dossier_experiences WHERE candidate_id = $1 AND kind = $2 AND id = $3")
        .bind(candidate_id)
        .bind(kind.code())
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// `dossier_experiences` as stored; optional columns read as empty fields.
#[derive(sqlx::FromRow)]
struct ExperienceColumns {
    id: i64,
    annee: i64,
    duree: Option<String>,
    heures: Option<i64>,
    intitule: Option<String>,
    employeur: Option<String>,
    descriptif: Option<String>,
}

/// The candidate's entries of a kind, most recent year first: (id, form).
pub async fn experiences(
    conn: &mut Conn,
    candidate_id: i64,
    kind: ExperienceKind,
) -> StoreResult<Vec<(i64, ExperienceForm)>> {
    let rows: Vec<ExperienceColumns> = sqlx::query_as(
        "SELECT id, annee, duree, heures, intitule, employeur, descriptif FROM dossier_experiences
         WHERE candidate_id = $1 AND kind = $2 ORDER BY annee DESC, id",
    )
    .bind(candidate_id)
    .bind(kind.code())
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.id,
                ExperienceForm {
                    annee: r.annee.to_string(),
                    duree: r.duree.unwrap_or_default(),
                    heures: r.heures.map(|h| h.to_string()).unwrap_or_default(),
                    intitule: r.intitule.unwrap_or_default(),
                    employeur: r.employeur.unwrap_or_default(),
                    descriptif: r.descriptif.unwrap_or_default(),
                },
            )
        })
        .collect())
}

/// Adds a year of studies, or changes the candidate's own `id`; false when
/// `id` is not one of theirs.
pub async fn put_cursus(
    conn: &mut Conn,
    candidate_id: i64,
    id: Option<i64>,
    c: &Cursus,
    now: i64,
) -> StoreResult<bool> {
    let sql = match id {
        None => "INSERT INTO dossier_cursus (candidate_id, pays, departement, commune_code, etablissement, annee, formation, libelle, obtenu, mention, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        Some(_) => "UPDATE dossier_cursus SET pays = $2, departement = $3, commune_code = $4, etablissement = $5, annee = $6,
                 formation = $7, libelle = $8, obtenu = $9, mention = $10 WHERE candidate_id = $1 AND id = $11",
    };
    let done = sqlx::query(sql)
        .bind(candidate_id)
        .bind(&c.pays)
        .bind(c.departement.as_deref())
        .bind(c.commune.as_deref())
        .bind(&c.etablissement)
        .bind(i64::from(c.annee))
        .bind(&c.formation)
        .bind(&c.libelle)
        .bind(&c.obtenu)
        .bind(c.mention.as_deref())
        .bind(id.unwrap_or(now))
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_cursus(conn: &mut Conn, candidate_id: i64, id: i64) -> StoreResult<bool> {
    let done = sqlx::query("DELETE FROM dossier_cursus WHERE candidate_id = $1 AND id = $2")
        .bind(candidate_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// `dossier_cursus` as stored; optional columns read as empty fields.
#[derive(sqlx::FromRow)]
struct CursusColumns {
    id: i64,
    pays: Option<String>,
    departement: Option<String>,
    commune_code: Option<String>,
    etablissement: Option<String>,
    annee: i64,
    formation: Option<String>,
    libelle: Option<String>,
    obtenu: Option<String>,
    mention: Option<String>,
}

/// The candidate's years of studies, oldest first: (id, form).
pub async fn cursus(conn: &mut Conn, candidate_id: i64) -> StoreResult<Vec<(i64, CursusForm)>> {
    let rows: Vec<CursusColumns> = sqlx::query_as(
        "SELECT id, pays, departement, commune_code, etablissement, annee, formation, libelle, obtenu, mention
         FROM dossier_cursus WHERE candidate_id = $1 ORDER BY annee, id",
    )
    .bind(candidate_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.id,
                CursusForm {
                    pays: r.pays.unwrap_or_default(),
                    departement: r.departement.unwrap_or_default(),
                    commune: r.commune_code.unwrap_or_default(),
                    etablissement: r.etablissement.unwrap_or_default(),
                    annee: r.annee.to_string(),
                    formation: r.formation.unwrap_or_default(),
                    libelle: r.libelle.unwrap_or_default(),
                    obtenu: r.obtenu.unwrap_or_default(),
                    mention: r.mention.unwrap_or_default(),
                },
            )
        })
        .collect())
}
