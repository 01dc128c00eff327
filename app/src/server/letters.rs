//! Documents a candidate downloads (issue 6): "Télécharger lettre
//! d'admission" once a favourable decision is published (and not
//! withdrawn), and "Télécharger mon dossier": the whole dossier as text,
//! then every piece's file merged in the order of the pieces table.
//!
//! Both are written in the candidate's language (`candidates.language`,
//! issue 17): headings, labels, dates and country names. What the
//! candidate or staff typed stays as typed, and French official names
//! (formations, centres, the campaign) stay French.

use super::auth::session::Signed;
use super::clock::paris_date_in;
use super::pdf;
use super::review::dossier_sheet_in;
use super::state::AppState;
use super::store::{applications, decisions, pieces, Conn};
use crate::domain::date::written_form_day;
use crate::domain::decision::DecisionKind;
use crate::domain::language::Language;
use crate::domain::upload::FileKind;
use crate::error::AppError;
use crate::views::review::DossierSheet;

/// A title (`Mme`, `M.`) as the reader's language writes it.
fn civilite(code: &str, language: Language) -> &str {
    match (language, code.trim()) {
        (Language::En, "Mme") => "Ms",
        (Language::En, "M." | "M") => "Mr",
        (_, other) => other,
    }
}

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

fn full_name(sheet: &DossierSheet, fallback: &str, language: Language) -> String {
    match &sheet.identity {
        Some(i) => format!(
            "{} {} {}",
            civilite(&i.civilite, language),
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
    let language = me.language;
    let sheet = dossier_sheet_in(state, &mut conn, c.candidate_id, language).await?;
    let name = full_name(&sheet, &format!("{} {}", me.prenom, me.nom), language);
    let paragraphs = letter_paragraphs(&c, &sheet, &name, &me.login, decided, answer.confirmed_at, language);
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let title = match language {
        Language::Fr => "Lettre d'admission",
        Language::En => "Admission letter",
    };
    Ok((pdf::text_document(title, &refs), format!("lettre-admission-{id}.pdf")))
}

/// The admission letter's paragraphs, in the candidate's language.
fn letter_paragraphs(
    c: &Context,
    sheet: &DossierSheet,
    name: &str,
    login: &str,
    decided: i64,
    confirmed: Option<i64>,
    language: Language,
) -> Vec<String> {
    let day = |t: i64| paris_date_in(t, language);
    let ine = sheet.identity.as_ref().filter(|i| !i.ine.is_empty()).map(|i| format!(", INE {}", i.ine));
    let ine = ine.unwrap_or_default();
    let born_on = |i: &crate::domain::identity::IdentityForm| written_form_day(&i.date_naissance, language);
    let formation = language.quoted(&c.formation);
    match language {
        Language::Fr => {
            let born = sheet.identity.as_ref().map(|i| format!(", né(e) le {}", born_on(i))).unwrap_or_default();
            vec![
                format!("{} — {}", c.centre, c.centre_address),
                format!("Le {}", day(decided)),
                format!("Destinataire : {name}{born}{ine} (login {login})."),
                format!("Objet : admission en {formation} — {}, année universitaire {}.", c.campaign, c.year),
                format!(
                    "Nous avons le plaisir de vous informer que votre candidature à la formation {formation} a reçu un avis favorable le {}.",
                    day(decided)
                ),
                match confirmed {
                    Some(t) => format!("Vous avez confirmé votre candidature le {}.", day(t)),
                    None => "Pensez à confirmer votre candidature depuis votre espace de candidature avant la date limite indiquée.".to_owned(),
                },
                format!("Attention : cette autorisation n'est valable que pour l'année universitaire {}.", c.year),
                format!("{}, {}", if c.signatory.is_empty() { "La direction du centre" } else { &c.signatory }, c.centre),
            ]
        }
        Language::En => {
            let born = sheet.identity.as_ref().map(|i| format!(", born on {}", born_on(i))).unwrap_or_default();
            vec![
                format!("{} — {}", c.centre, c.centre_address),
                day(decided),
                format!("To: {name}{born}{ine} (login {login})."),
                format!("Subject: admission to {formation} — {}, academic year {}.", c.campaign, c.year),
                format!(
                    "We are pleased to inform you that your application to the programme {formation} received a favourable decision on {}.",
                    day(decided)
                ),
                match confirmed {
                    Some(t) => format!("You confirmed your application on {}.", day(t)),
                    None => "Please remember to confirm your application in your applicant space before the deadline given there.".to_owned(),
                },
                format!("Please note: this admission is valid only for the academic year {}.", c.year),
                format!("{}, {}", if c.signatory.is_empty() { "The centre's management" } else { &c.signatory }, c.centre),
            ]
        }
    }
}

fn dossier_paragraphs(
    c: &Context,
    sheet: &DossierSheet,
    login: &str,
    pieces: &[(String, String)],
    language: Language,
) -> Vec<String> {
    let formation = language.quoted(&c.formation);
    let mut out = match language {
        Language::Fr => vec![
            format!("Formation : {formation} ({}), {} — année universitaire {}.", c.centre, c.campaign, c.year),
            format!("Login : {login}"),
        ],
        Language::En => vec![
            format!("Programme: {formation} ({}), {} — academic year {}.", c.centre, c.campaign, c.year),
            format!("Login: {login}"),
        ],
    };
    out.extend(sheet_paragraphs(sheet, language));
    out.push(
        match language {
            Language::Fr => "Pièces justificatives (dans l'ordre des pages qui suivent) :",
            Language::En => "Supporting documents (in the order of the pages that follow):",
        }
        .to_owned(),
    );
    out.extend(pieces.iter().map(|(label, status)| format!("– {}", language.labelled(label, status))));
    out.into_iter().map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// A code of a closed list (série, mention, kind of formation…) by its
/// label in the reader's language; the code itself when it is none.
fn named<'a>(label: Option<&'static str>, code: &'a str) -> &'a str {
    label.unwrap_or(code)
}

/// The dossier's sections, one paragraph each (the dossier PDF and the
/// candidate's data download), in the candidate's language: the sheet's
/// countries already named in it (`review::dossier_sheet_in`), what the
/// candidate typed as typed.
pub(crate) fn sheet_paragraphs(sheet: &DossierSheet, language: Language) -> Vec<String> {
    use crate::domain::choice::label_of;
    use crate::domain::{bac, cursus};
    use crate::views::dossier::SectionKind;
    let section = |kind| super::words::section(kind, language);
    let mut out = Vec::new();
    if let Some(i) = &sheet.identity {
        let (born, in_, nationality, none, phone) = match language {
            Language::Fr => ("né(e) le", "à", "nationalité", "aucun", "téléphone"),
            Language::En => ("born on", "in", "nationality", "none", "telephone"),
        };
        let details = format!(
            "{} {} {} — {born} {} {in_} {} ({}) — {nationality} {} — INE {} — {phone} {} {}",
            civilite(&i.civilite, language),
            i.prenom,
            i.nom_naissance,
            written_form_day(&i.date_naissance, language),
            i.ville_naissance,
            i.pays_naissance,
            i.nationalite,
            if i.ine.is_empty() { none } else { &i.ine },
            i.telephone,
            i.portable
        );
        out.push(language.labelled(section(SectionKind::Identity), details));
    }
    if let Some(a) = &sheet.address {
        let address =
            format!("{} {} {} {} {} {} {}", a.ligne1, a.ligne2, a.ligne3, a.code_postal, a.commune, a.ville, a.pays);
        out.push(language.labelled(section(SectionKind::Address), address));
    }
    if let Some(b) = &sheet.bac {
        let situation = match (language, b.situation.as_str()) {
            (Language::En, "oui") => "yes",
            (Language::En, "non") => "no",
            (_, other) => other,
        };
        let year = b.annee.trim().parse().unwrap_or_default();
        let bac = format!(
            "{situation} {} {} {} — {} {} {}",
            b.annee,
            named(bac::serie_label(year, &b.serie, language), &b.serie),
            named(bac::mention_label(&b.mention, language), &b.mention),
            b.etablissement,
            b.commune,
            b.pays
        );
        out.push(language.labelled(section(SectionKind::Bac), bac));
    }
    for y in &sheet.internal {
        let year = format!("{} — {} {} — {}", y.annee, y.code, y.libelle, y.resultat);
        out.push(language.labelled(section(SectionKind::InternalCursus), year));
    }
    for x in &sheet.cursus {
        let year = format!(
            "{} — {} {} ({}) — {} {} {} {}",
            x.annee,
            named(label_of(cursus::FORMATIONS, &x.formation, language), &x.formation),
            x.libelle,
            named(label_of(cursus::OUTCOMES, &x.obtenu, language), &x.obtenu),
            x.etablissement,
            x.commune,
            x.pays,
            named(label_of(cursus::mention_list(), &x.mention, language), &x.mention)
        );
        out.push(language.labelled(section(SectionKind::Cursus), year));
    }
    let (stage, job) = match language {
        Language::Fr => ("Stage", "Expérience professionnelle"),
        Language::En => ("Internship", "Work experience"),
    };
    for (label, list) in [(stage, &sheet.stages), (job, &sheet.jobs)] {
        for x in list.iter() {
            let entry =
                format!("{} — {} — {} {} — {} — {}", x.annee, x.duree, x.intitule, x.heures, x.employeur, x.descriptif);
            out.push(language.labelled(label, entry));
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
    let language = me.language;
    let sheet = dossier_sheet_in(state, &mut conn, c.candidate_id, language).await?;
    let rows = pieces::of_application(&mut conn, c.candidate_id, c.centre_id, c.formation_id).await?;
    let mut files = Vec::new();
    let mut listed = Vec::new();
    for p in &rows {
        listed.push((p.label.clone(), super::words::piece_status(p.status, language).to_owned()));
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
    let text = dossier_paragraphs(&c, &sheet, &me.login, &listed, language);
    let refs: Vec<&str> = text.iter().map(String::as_str).collect();
    let title = match language {
        Language::Fr => format!("Dossier de candidature — {} {}", me.prenom, me.nom),
        Language::En => format!("Application file — {} {}", me.prenom, me.nom),
    };
    let cover = pdf::text_document(&title, &refs);
    let merged = state.pdf_work.run_with(c.candidate_id, inputs, move |read| -> Result<Vec<u8>, AppError> {
        let mut contents = Vec::with_capacity(read.len());
        for (label, name, kind, bytes) in read {
            // A PDF the merge cannot read (damaged, protected) is named on a
            // page of its own rather than failing the whole dossier.
            if kind == FileKind::Pdf && pdf::page_count(&bytes).is_err() {
                let notice = match language {
                    Language::Fr => format!("Le fichier « {name} » n'a pas pu être joint à ce document : il reste téléchargeable depuis votre espace de candidature."),
                    Language::En => format!("The file “{name}” could not be included in this document: you can still download it from your applicant space."),
                };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bac::BacForm;
    use crate::domain::cursus::CursusForm;
    use crate::domain::identity::IdentityForm;

    fn sheet() -> DossierSheet {
        DossierSheet {
            identity: Some(IdentityForm {
                civilite: "M.".into(),
                prenom: "John".into(),
                nom_naissance: "SMITH".into(),
                date_naissance: "03/07/2004".into(),
                ville_naissance: "Berlin".into(),
                pays_naissance: "Germany".into(),
                nationalite: "Germany".into(),
                ..IdentityForm::default()
            }),
            bac: Some(BacForm {
                situation: "oui".into(),
                annee: "2022".into(),
                serie: "0031".into(),
                mention: "TB".into(),
                ..BacForm::default()
            }),
            cursus: vec![CursusForm {
                annee: "2023".into(),
                formation: "MAS".into(),
                libelle: "Master of Science".into(),
                obtenu: "C".into(),
                pays: "Germany".into(),
                ..CursusForm::default()
            }],
            ..DossierSheet::default()
        }
    }

    #[test]
    fn the_dossier_reads_in_the_candidates_language_what_they_typed_as_typed() {
        let english = sheet_paragraphs(&sheet(), Language::En).join("\n");
        for words in [
            "Personal details: Mr John SMITH — born on 3 July 2004 in Berlin (Germany) — nationality Germany — INE none",
            "Baccalauréat (secondary school diploma): yes 2022",
            "Previous studies: 2023 — ",
            "Master of Science (In progress)",
        ] {
            assert!(english.contains(words), "{words} in:\n{english}");
        }
        let french = sheet_paragraphs(&sheet(), Language::Fr).join("\n");
        for words in
            ["Informations personnelles : M. John SMITH — né(e) le 03/07/2004 à Berlin", "Cursus externe : 2023"]
        {
            assert!(french.contains(words), "{words} in:\n{french}");
        }
        assert!(french.contains("(En cours)") && !french.contains("In progress"), "{french}");
    }

    #[test]
    fn forms_days_and_titles_follow_the_language() {
        assert_eq!(written_form_day("03/07/2004", Language::En), "3 July 2004");
        assert_eq!(written_form_day("03/07/2004", Language::Fr), "03/07/2004");
        assert_eq!(written_form_day("", Language::En), "");
        assert_eq!(civilite("Mme", Language::En), "Ms");
        assert_eq!(civilite("Mme", Language::Fr), "Mme");
    }
}
