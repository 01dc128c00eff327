//! Documents a candidate downloads (issue 6): "Télécharger lettre
//! d'admission" once a favourable decision is published (and not
//! withdrawn), and "Télécharger mon dossier": the whole dossier as text,
//! then every piece's file merged in the order of the pieces table.

use super::auth::session::Signed;
use super::clock::paris_date;
use super::pdf;
use super::review::dossier_sheet;
use super::state::AppState;
use super::store::{applications, decisions, pieces, Conn};
use crate::domain::decision::DecisionKind;
use crate::domain::upload::FileKind;
use crate::error::AppError;
use crate::views::review::DossierSheet;

struct Context {
    formation: String,
    centre: String,
    centre_address: String,
    signatory: String,
    campaign: String,
    year: String,
    candidate_id: i64,
    centre_id: i64,
    formation_id: i64,
}

async fn context(
    conn: &mut Conn,
    signed: &Signed,
    id: i64,
) -> Result<(Context, super::store::answers::AnswerRow), AppError> {
    let a = applications::one_of_candidate(conn, signed.account_id, id).await?.ok_or(AppError::NotFound)?;
    let answer = super::store::answers::one(conn, id, Some(signed.account_id)).await?.ok_or(AppError::NotFound)?;
    Ok((
        Context {
            formation: a.formation.title.clone(),
            centre: a.formation.centre.clone(),
            centre_address: a.formation.centre_address.clone(),
            signatory: answer.signatory.clone(),
            campaign: answer.campaign.clone(),
            year: answer.university_year.clone(),
            candidate_id: signed.account_id,
            centre_id: a.formation.centre_id,
            formation_id: a.formation.formation_id,
        },
        answer,
    ))
}

fn full_name(sheet: &DossierSheet, fallback: &str) -> String {
    match &sheet.identity {
        Some(i) => format!(
            "{} {} {}",
            i.civilite,
            i.prenom,
            if i.nom_usuel.is_empty() { &i.nom_naissance } else { &i.nom_usuel }
        )
        .trim()
        .to_owned(),
        None => fallback.to_owned(),
    }
}

/// "Télécharger lettre d'admission": (the PDF, its file name).
#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn admission_letter(state: &AppState, signed: &Signed, id: i64) -> Result<(Vec<u8>, String), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let (c, answer) = context(&mut conn, signed, id).await?;
    if answer.decision != Some(DecisionKind::Favorable) || answer.withdrawn_at.is_some() {
        return Err(AppError::NotFound);
    }
    let decided = decisions::history(&mut conn, id)
        .await?
        .into_iter()
        .filter_map(|d| d.published_at.filter(|_| d.decision.kind == DecisionKind::Favorable))
        .max()
        .ok_or(AppError::NotFound)?;
    let me =
        super::store::accounts::candidate_by_id(&mut conn, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    let sheet = dossier_sheet(state, &mut conn, c.candidate_id).await?;
    let name = full_name(&sheet, &format!("{} {}", me.prenom, me.nom));
    let born = sheet.identity.as_ref().map(|i| format!(", né(e) le {}", i.date_naissance)).unwrap_or_default();
    let ine =
        sheet.identity.as_ref().filter(|i| !i.ine.is_empty()).map(|i| format!(", INE {}", i.ine)).unwrap_or_default();
    let paragraphs = [
        format!("{} — {}", c.centre, c.centre_address),
        format!("Le {}", paris_date(decided)),
        format!("Destinataire : {name}{born}{ine} (login {}).", me.login),
        format!("Objet : admission en « {} » — {}, année universitaire {}.", c.formation, c.campaign, c.year),
        format!(
            "Nous avons le plaisir de vous informer que votre candidature à la formation « {} » a reçu un avis favorable le {}.",
            c.formation,
            paris_date(decided)
        ),
        match answer.confirmed_at {
            Some(t) => format!("Vous avez confirmé votre candidature le {}.", paris_date(t)),
            None => "Pensez à confirmer votre candidature depuis votre espace de candidature avant la date limite indiquée.".to_owned(),
        },
        format!("Attention : cette autorisation n'est valable que pour l'année universitaire {}.", c.year),
        format!("{}, {}", if c.signatory.is_empty() { "La direction du centre" } else { &c.signatory }, c.centre),
    ];
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    Ok((pdf::text_document("Lettre d'admission", &refs), format!("lettre-admission-{id}.pdf")))
}

fn dossier_paragraphs(c: &Context, sheet: &DossierSheet, login: &str, pieces: &[(String, String)]) -> Vec<String> {
    let mut out = vec![
        format!("Formation : « {} » ({}), {} — année universitaire {}.", c.formation, c.centre, c.campaign, c.year),
        format!("Login : {login}"),
    ];
    out.extend(sheet_paragraphs(sheet));
    out.push("Pièces justificatives (dans l'ordre des pages qui suivent) :".to_owned());
    out.extend(pieces.iter().map(|(label, status)| format!("– {label} : {status}")));
    out.into_iter().map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// The dossier's sections, one paragraph each (the dossier PDF and the
/// candidate's data download).
pub(crate) fn sheet_paragraphs(sheet: &DossierSheet) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(i) = &sheet.identity {
        out.push(format!(
            "Informations personnelles : {} {} {} — né(e) le {} à {} ({}) — nationalité {} — INE {} — téléphone {} {}",
            i.civilite,
            i.prenom,
            i.nom_naissance,
            i.date_naissance,
            i.ville_naissance,
            i.pays_naissance,
            i.nationalite,
            if i.ine.is_empty() { "aucun" } else { &i.ine },
            i.telephone,
            i.portable
        ));
    }
    if let Some(a) = &sheet.address {
        out.push(format!(
            "Adresse : {} {} {} {} {} {} {}",
            a.ligne1, a.ligne2, a.ligne3, a.code_postal, a.commune, a.ville, a.pays
        ));
    }
    if let Some(b) = &sheet.bac {
        out.push(format!(
            "Baccalauréat : {} {} {} {} — {} {} {}",
            b.situation, b.annee, b.serie, b.mention, b.etablissement, b.commune, b.pays
        ));
    }
    for y in &sheet.internal {
        out.push(format!("Cursus interne : {} — {} {} — {}", y.annee, y.code, y.libelle, y.resultat));
    }
    for x in &sheet.cursus {
        out.push(format!(
            "Cursus externe : {} — {} {} ({}) — {} {} {} {}",
            x.annee, x.formation, x.libelle, x.obtenu, x.etablissement, x.commune, x.pays, x.mention
        ));
    }
    for (label, list) in [("Stage", &sheet.stages), ("Expérience professionnelle", &sheet.jobs)] {
        for x in list.iter() {
            out.push(format!(
                "{label} : {} — {} — {} {} — {} — {}",
                x.annee, x.duree, x.intitule, x.heures, x.employeur, x.descriptif
            ));
        }
    }
    out.into_iter().map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// "Télécharger mon dossier": the dossier, then every piece's file.
#[tracing::instrument(skip_all, fields(account = signed.account_id, id))]
pub async fn dossier(state: &AppState, signed: &Signed, id: i64) -> Result<(Vec<u8>, String), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let (c, _) = context(&mut conn, signed, id).await?;
    let me =
        super::store::accounts::candidate_by_id(&mut conn, signed.account_id).await?.ok_or(AppError::NotSignedIn)?;
    let sheet = dossier_sheet(state, &mut conn, c.candidate_id).await?;
    let rows = pieces::of_application(&mut conn, c.candidate_id, c.centre_id, c.formation_id).await?;
    let mut files = Vec::new();
    let mut listed = Vec::new();
    for p in &rows {
        listed.push((p.label.clone(), super::words::piece_status(p.status).to_owned()));
        if let Some(file_id) = p.file_id {
            let f = pieces::file_of(&mut conn, c.candidate_id, file_id)
                .await?
                .ok_or_else(|| AppError::missing("file of a piece"))?;
            files.push((p.label.clone(), f.original_name.clone(), f.kind, f.stored_name));
        }
    }
    drop(conn);
    let store = state.settings.files.clone();
    let inputs = async move {
        let mut read = Vec::with_capacity(files.len());
        for (label, name, kind, stored_name) in files {
            read.push((label, name, kind, super::files::read(&store, &stored_name).await?));
        }
        Ok::<_, AppError>(read)
    };
    let text = dossier_paragraphs(&c, &sheet, &me.login, &listed);
    let refs: Vec<&str> = text.iter().map(String::as_str).collect();
    let cover = pdf::text_document(&format!("Dossier de candidature — {} {}", me.prenom, me.nom), &refs);
    let merged = state.pdf_work.run_with(c.candidate_id, inputs, move |read| -> Result<Vec<u8>, AppError> {
        let mut contents = Vec::with_capacity(read.len());
        for (label, name, kind, bytes) in read {
            // A PDF the merge cannot read (damaged, protected) is named on a
            // page of its own rather than failing the whole dossier.
            if kind == FileKind::Pdf && pdf::page_count(&bytes).is_err() {
                let notice = format!("Le fichier « {name} » n'a pas pu être joint à ce document : il reste téléchargeable depuis votre espace de candidature.");
                contents.push((FileKind::Pdf, pdf::text_document(&label, &[notice.as_str()])));
            } else {
                contents.push((kind, Vec::from(bytes)));
            }
        }
        let mut parts: Vec<(FileKind, &[u8])> = vec![(FileKind::Pdf, cover.as_slice())];
        parts.extend(contents.iter().map(|(k, b)| (*k, b.as_slice())));
        pdf::merge(&parts).map_err(|problem| AppError::internal("dossier PDF not assembled", format_args!("{problem:?}")))
    })
    .await??;
    Ok((merged, format!("dossier-candidature-{id}.pdf")))
}
