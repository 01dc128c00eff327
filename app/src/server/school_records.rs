//! The university's student records (logiciel de scolarité: Apogée,
//! Pégase…) and what the university knows of a candidate who signed in
//! through its CAS (guide ecesure 04): the directory's identity and
//! address, the records' bac and Cursus interne.
//!
//! The records are reached through [`StudentRecords`], a connector with one
//! implementation here, [`ImportedExport`]: the rows `sesame scolarite
//! import FILE` loaded ([`import`]). A web-service connector (Pégase's
//! API, Apogée's web services) would implement the same trait; see
//! ARCHITECTURE.md, "The student records".
//!
//! ## The export's format
//! One line per year of studies at the university (a student with none:
//! one line without them), columns by name, any order, others ignored:
//!
//! | column | meaning |
//! |---|---|
//! | `numero_etudiant` | the student number (`supannEtuId`), required |
//! | `ine` | the INE, checked like the dossier's (any kind) |
//! | `bac_annee`, `bac_serie`, `bac_mention` | year, série code and mention code as the dossier lists them (`BG`, `STMG`…; `AB`, `B`, `TB`…) |
//! | `bac_pays`, `bac_departement`, `bac_commune`, `bac_etablissement` | the country (ISO code, `FR` when empty), département and commune (INSEE) codes, the establishment's name |
//! | `annee_universitaire` | `2023-2024` |
//! | `code_formation`, `libelle_formation`, `resultat` | the formation's code and label, the year's result (`ADM`, `AJ`…, optional) |
//!
//! CSV: UTF-8 (a BOM allowed), `;` or `,` between fields (read from the
//! header), double quotes around a field that holds one. JSON: an array of
//! objects with the same names. A student's lines must agree on the INE
//! and the bac. Every problem is reported with its line (CSV: the file's
//! line; JSON: the element's number) and column; one problem and nothing
//! is imported. An import replaces what earlier ones said of the students
//! it names, in one transaction; others are kept.

use futures::future::BoxFuture;

use super::refdata;
use super::sso::{FromDirectory, Person};
use super::state::AppState;
use super::store::{school_records, university, Conn};
use crate::domain::address::AddressForm;
use crate::domain::bac::BacForm;
use crate::domain::date::Day;
use crate::domain::identity::IdentityForm;
use crate::domain::ine::IneRules;
use crate::domain::school_record::{
    address_fields, address_from_lines, bac_fields, changed_fields, gather, identity_fields, DirectoryFacts,
    LineProblem, ParsedLine, RecordLine, SchoolRecord,
};
use crate::error::AppError;
use crate::views::dossier::SectionKind;
use crate::views::review::DossierSheet;

/// How long a page waits for the student records before going on without.
const RECORDS_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// Why the records could not be read (a web service down): the dossier
/// goes on without them.
#[derive(Debug, thiserror::Error)]
#[error("student records unavailable: {0}")]
pub struct RecordsUnavailable(pub String);

/// A source of student records, by student number. `conn` is the
/// request's database connection, for a connector that reads the database
/// (taking a second one from the pool while the request holds one could
/// exhaust it under load); a web-service connector ignores it.
pub trait StudentRecords: Send + Sync {
    fn find<'a>(
        &'a self,
        conn: &'a mut Conn,
        student_number: &'a str,
    ) -> BoxFuture<'a, Result<Option<SchoolRecord>, RecordsUnavailable>>;
}

/// The records imported from an export into the database.
pub struct ImportedExport;

impl StudentRecords for ImportedExport {
    fn find<'a>(
        &'a self,
        conn: &'a mut Conn,
        student_number: &'a str,
    ) -> BoxFuture<'a, Result<Option<SchoolRecord>, RecordsUnavailable>> {
        Box::pin(async move {
            school_records::find(conn, &student_number.trim().to_uppercase())
                .await
                .map_err(|e| RecordsUnavailable(e.to_string()))
        })
    }
}

/// What the university says of a candidate: nothing for an external one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UniversityData {
    /// The directory's word, when it knew the person at the last sign-in.
    pub directory: Option<DirectoryFacts>,
    pub record: Option<SchoolRecord>,
}

impl UniversityData {
    /// A student of the university (tied to its CAS, known to its records
    /// or directory).
    pub fn is_internal(&self) -> bool {
        self.directory.is_some() || self.record.is_some()
    }
}

/// Reads what was kept of the candidate's last CAS sign-in, then the
/// student records by the student number it gave. Records that cannot be
/// read are logged and left out: the dossier never waits on them.
pub async fn of_candidate(state: &AppState, conn: &mut Conn, candidate_id: i64) -> Result<UniversityData, AppError> {
    let Some(json) = university::record(conn, candidate_id).await? else { return Ok(UniversityData::default()) };
    let person: Person = match serde_json::from_str(&json) {
        Ok(person) => person,
        Err(cause) => {
            // Fetched again at the next CAS sign-in; the dossier goes on.
            tracing::error!(%cause, candidate_id, "kept university record unreadable");
            return Ok(UniversityData::default());
        }
    };
    let directory = (person.directory == FromDirectory::Found).then(|| DirectoryFacts {
        nom: person.nom.clone(),
        birth_name: person.birth_name.clone(),
        prenom: person.prenom.clone(),
        birth_date: person.birth_date.clone(),
        ine: person.ine.clone(),
        postal_address: person.postal_address.clone(),
    });
    let record = match person.student_number.as_deref() {
        None => None,
        Some(number) => match tokio::time::timeout(RECORDS_TIMEOUT, state.records.find(conn, number)).await {
            Ok(Ok(record)) => record,
            Ok(Err(unavailable)) => {
                tracing::warn!(%unavailable, "the dossier goes on without the student records");
                None
            }
            Err(_) => {
                tracing::warn!(timeout = ?RECORDS_TIMEOUT, "student records too slow: the dossier goes on without them");
                None
            }
        },
    };
    Ok(UniversityData { directory, record })
}

/// What the university fixes, section by section (nothing where it says
/// nothing): Informations personnelles' fields (`today` and the campaign's
/// INE `rules` decide which), the Adresse, the Baccalauréat.
pub struct Fixed {
    pub identity: Vec<(&'static str, String)>,
    pub address: Option<AddressForm>,
    pub bac: Option<BacForm>,
}

impl UniversityData {
    pub fn fixed(&self, rules: IneRules, today: Day) -> Fixed {
        Fixed {
            identity: identity_fields(self.directory.as_ref(), self.record.as_ref(), rules, today),
            address: self.directory.as_ref().and_then(|d| address_from_lines(&d.postal_address, refdata::communes_of)),
            bac: self.record.as_ref().and_then(|r| r.bac.clone()),
        }
    }
}

/// A dossier's saved sections, as the forms hold them (the INE in the
/// identity's form).
pub struct Saved<'a> {
    pub identity: Option<&'a IdentityForm>,
    pub address: Option<&'a AddressForm>,
    pub bac: Option<&'a BacForm>,
}

impl Fixed {
    /// Each saved section the university fixes something of, and whether
    /// the saved content is what it says (false: saved before it said so,
    /// or since it changed; to be confirmed again).
    pub fn agreement(&self, saved: &Saved<'_>) -> Vec<(SectionKind, bool)> {
        let agrees = |fixed: &[(&'static str, String)], saved: &[(&'static str, String)]| {
            changed_fields(fixed, |f| saved.iter().find(|(n, _)| *n == f).map(|(_, v)| v.clone()).unwrap_or_default())
                .is_empty()
        };
        let mut sections = Vec::new();
        if let (false, Some(identity)) = (self.identity.is_empty(), saved.identity) {
            let fields = [
                ("nom_naissance", identity.nom_naissance.clone()),
                ("prenom", identity.prenom.clone()),
                ("date_naissance", identity.date_naissance.clone()),
                ("ine", if identity.sans_ine { String::new() } else { identity.ine.clone() }),
            ];
            sections.push((SectionKind::Identity, agrees(&self.identity, &fields)));
        }
        if let (Some(fixed), Some(address)) = (&self.address, saved.address) {
            sections.push((SectionKind::Address, agrees(&address_fields(fixed), &address_fields(address))));
        }
        if let (Some(fixed), Some(bac)) = (&self.bac, saved.bac) {
            sections.push((SectionKind::Bac, agrees(&bac_fields(fixed), &bac_fields(bac))));
        }
        sections
    }
}

/// The sections of a dossier whose saved content is what the university
/// gives, and Cursus interne whenever the records know the student (staff
/// read it as the section's origin). Read before codes become names.
pub fn sections_from_university(university: &UniversityData, d: &DossierSheet, today: Day) -> Vec<SectionKind> {
    let fixed = university.fixed(IneRules { accept_ines: true }, today);
    let saved = Saved { identity: d.identity.as_ref(), address: d.address.as_ref(), bac: d.bac.as_ref() };
    let mut sections: Vec<SectionKind> =
        fixed.agreement(&saved).into_iter().filter(|(_, agrees)| *agrees).map(|(kind, _)| kind).collect();
    if university.record.is_some() {
        sections.push(SectionKind::InternalCursus);
    }
    sections
}

/// The two syntaxes of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    /// By the file's name: `.json` is JSON, anything else CSV.
    pub fn of_file(name: &str) -> ExportFormat {
        if name.to_ascii_lowercase().ends_with(".json") {
            ExportFormat::Json
        } else {
            ExportFormat::Csv
        }
    }
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    pub lines: usize,
    pub students: usize,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as an export at all (its header, its syntax).
    #[error("{0}")]
    File(String),
    /// Lines refused, each with its number, column and reason (French).
    #[error("{} ligne(s) refusée(s)", .0.len())]
    Lines(Vec<String>),
    #[error(transparent)]
    App(#[from] AppError),
}

/// The export's lines, numbered as the person who made the file counts
/// them, or why the file cannot be read.
/// The lines of a file with their numbers, each read or why not.
type NumberedLines = Vec<(usize, Result<RecordLine, String>)>;

fn read_lines(text: &str, format: ExportFormat) -> Result<NumberedLines, String> {
    let text = text.trim_start_matches('\u{feff}');
    match format {
        ExportFormat::Json => {
            let items: Vec<serde_json::Value> = serde_json::from_str(text)
                .map_err(|e| format!("JSON illisible (un tableau d'objets est attendu) : {e}"))?;
            Ok(items
                .into_iter()
                .enumerate()
                .map(|(i, item)| (i + 1, serde_json::from_value(as_text(item)).map_err(|e| e.to_string())))
                .collect())
        }
        ExportFormat::Csv => {
            let header = text.lines().next().ok_or("fichier vide")?;
            let delimiter = if header.contains(';') { b';' } else { b',' };
            let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
            let headers = reader.headers().map_err(|e| e.to_string())?.clone();
            if !headers.iter().any(|h| h.trim() == "numero_etudiant") {
                return Err("la ligne d'en-tête doit nommer les colonnes, dont numero_etudiant".into());
            }
            let trimmed: csv::StringRecord = headers.iter().map(str::trim).collect();
            Ok(reader
                .records()
                .map(|row| match row {
                    Ok(row) => {
                        let line = row.position().map(|p| p.line() as usize).unwrap_or_default();
                        (line, row.deserialize::<RecordLine>(Some(&trimmed)).map_err(|e| e.to_string()))
                    }
                    Err(e) => {
                        let line = e.position().map(|p| p.line() as usize).unwrap_or_default();
                        (line, Err(e.to_string()))
                    }
                })
                .filter(|(_, line)| line.as_ref().map_or(true, |l| *l != RecordLine::default()))
                .collect())
        }
    }
}

/// An element's numbers as text (`"numero_etudiant": 21901234`), `null` as
/// empty: exports write codes either way.
fn as_text(item: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match item {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(name, value)| {
                    let value = match value {
                        Value::Number(n) => Value::String(n.to_string()),
                        Value::Null => Value::String(String::new()),
                        other => other,
                    };
                    (name, value)
                })
                .collect(),
        ),
        other => other,
    }
}

/// Loads an export: every line checked, then every student written in one
/// transaction; any problem and nothing is written.
#[tracing::instrument(skip_all)]
pub async fn import(state: &AppState, text: &str, format: ExportFormat) -> Result<ImportReport, ImportError> {
    let lines = read_lines(text, format).map_err(ImportError::File)?;
    let this_year = super::dossier::today(state).year;
    let mut unreadable = Vec::new();
    let mut parsed = Vec::new();
    for (number, line) in lines {
        match line {
            Ok(line) => parsed.push((
                number,
                ParsedLine::parse(
                    &line,
                    this_year,
                    IneRules { accept_ines: true },
                    refdata::is_commune_of,
                    refdata::is_country,
                ),
            )),
            Err(cause) => unreadable.push(format!("ligne {number} : illisible ({cause})")),
        }
    }
    let count = parsed.len() + unreadable.len();
    let records = match gather(parsed) {
        Ok(records) if unreadable.is_empty() => records,
        Ok(_) => return Err(ImportError::Lines(unreadable)),
        Err(problems) => {
            let mut messages: Vec<String> = problems.iter().map(describe).collect();
            messages.extend(unreadable);
            return Err(ImportError::Lines(messages));
        }
    };
    let now = state.clock.now();
    let mut tx = state.db.pool.begin().await.map_err(AppError::from)?;
    for record in &records {
        school_records::put(&mut tx, record, now).await.map_err(AppError::from)?;
    }
    tx.commit().await.map_err(AppError::from)?;
    tracing::info!(lines = count, students = records.len(), "student records imported");
    Ok(ImportReport { lines: count, students: records.len() })
}

fn describe(p: &LineProblem) -> String {
    format!("ligne {}, colonne {} : {}", p.line, p.column, super::words::record_problem(&p.problem))
}
