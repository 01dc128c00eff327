//! The staff list exported as it is filtered: CSV (semicolons and a BOM,
//! as French spreadsheets expect) and XLSX (a real workbook: dates as
//! dates, ranks as numbers, a header row, filters, frozen panes). In
//! French, as staff read it; the last column is the language the
//! candidate reads (their mails and documents), named as the staff
//! dossier page names it: "Français", "English".

use crate::domain::language::Language;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::words;
use crate::domain::application::DossierStatus;
use crate::domain::decision::Decision;

/// One exported row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportLine {
    pub nom: String,
    pub prenom: String,
    pub login: String,
    pub email: String,
    pub ine: String,
    pub formation: String,
    pub status: DossierStatus,
    /// Day of transmission in Europe/Paris: (year, month, day).
    pub transmitted: Option<(i32, u32, u32)>,
    pub decision: Option<Decision>,
    /// The dossier's sections the university gave (its directory, its
    /// student records), named; empty for an external candidate.
    pub from_university: String,
    /// The candidate's language.
    pub language: Language,
}

const HEADERS: [&str; 13] = [
    "Nom",
    "Prénom",
    "Login",
    "Adresse mail",
    "INE",
    "Formation",
    "Statut du dossier",
    "Transmis le",
    "Décision",
    "Rang",
    "Motif",
    "Fourni par l'université",
    "Langue",
];

/// A CSV field, quoted when it must be; a leading `=`, `+`, `-` or `@`
/// is neutralised so that a spreadsheet never runs it as a formula.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

pub fn csv(lines: &[ExportLine]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&HEADERS.join(";"));
    out.push_str("\r\n");
    for l in lines {
        let transmitted = l.transmitted.map(|(y, m, d)| format!("{d:02}/{m:02}/{y}")).unwrap_or_default();
        let rank = l.decision.as_ref().and_then(|d| d.rank).map(|r| r.to_string()).unwrap_or_default();
        let reason = l.decision.as_ref().and_then(|d| d.reason.clone()).unwrap_or_default();
        let fields = [
            l.nom.as_str(),
            &l.prenom,
            &l.login,
            &l.email,
            &l.ine,
            &l.formation,
            words::status(l.status, Language::Fr),
            &transmitted,
            l.decision.as_ref().map(|d| words::decision_kind(d.kind, Language::Fr)).unwrap_or(""),
            &rank,
            &reason,
            &l.from_university,
            l.language.name(),
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

pub fn xlsx(lines: &[ExportLine]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Candidatures")?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, l) in lines.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, text) in [&l.nom, &l.prenom, &l.login, &l.email, &l.ine, &l.formation].iter().enumerate() {
            sheet.write_string(r, c as u16, text.as_str())?;
        }
        sheet.write_string(r, 6, words::status(l.status, Language::Fr))?;
        if let Some((y, m, d)) = l.transmitted {
            sheet.write_datetime_with_format(r, 7, ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?, &date)?;
        }
        sheet.write_string(
            r,
            8,
            l.decision.as_ref().map(|d| words::decision_kind(d.kind, Language::Fr)).unwrap_or(""),
        )?;
        if let Some(rank) = l.decision.as_ref().and_then(|d| d.rank) {
            sheet.write_number(r, 9, rank as f64)?;
        }
        if let Some(reason) = l.decision.as_ref().and_then(|d| d.reason.as_deref()) {
            sheet.write_string(r, 10, reason)?;
        }
        sheet.write_string(r, 11, l.from_university.as_str())?;
        sheet.write_string(r, 12, l.language.name())?;
    }
    sheet.autofilter(0, 0, lines.len() as u32, HEADERS.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::DecisionKind;

    fn line(nom: &str) -> ExportLine {
        ExportLine {
            nom: nom.to_owned(),
            prenom: "Léa".to_owned(),
            login: "ABCD2345".to_owned(),
            email: "lea@example.fr".to_owned(),
            ine: String::new(),
            formation: "GESTION CESURE; FSI".to_owned(),
            status: DossierStatus::Complet,
            transmitted: Some((2026, 6, 15)),
            decision: Some(Decision { kind: DecisionKind::ListeComplementaire, rank: Some(3), reason: None }),
            from_university: "Baccalauréat, Cursus interne".to_owned(),
            language: Language::Fr,
        }
    }

    #[test]
    fn csv_quotes_what_it_must_and_never_carries_a_formula() {
        let english = ExportLine { language: Language::En, ..line("SMITH") };
        let text = String::from_utf8(csv(&[line("MARTIN"), line("=HYPERLINK(\"x\")"), english])).unwrap();
        let rows: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(rows[0], HEADERS.join(";"));
        assert_eq!(
            rows[1],
            "MARTIN;Léa;ABCD2345;lea@example.fr;;\"GESTION CESURE; FSI\";Complet;15/06/2026;Liste complémentaire;3;;Baccalauréat, Cursus interne;Français"
        );
        assert!(rows[2].starts_with("\"'=HYPERLINK(\"\"x\"\")\";"), "{}", rows[2]);
        assert!(rows[3].starts_with("SMITH;") && rows[3].ends_with(";English"), "{}", rows[3]);
        assert!(rows[0].ends_with(";Fourni par l'université;Langue"), "{}", rows[0]);
    }

    #[test]
    fn xlsx_is_a_workbook() {
        let bytes = xlsx(&[line("MARTIN")]).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
