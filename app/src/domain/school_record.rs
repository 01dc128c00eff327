//! What the university knows of one of its students (guide ecesure 04:
//! "une partie des informations sont remontées directement du logiciel de
//! scolarité"): the student records' bac and years of studies at the
//! university (Cursus interne), and the directory's identity and address.
//! Those values prefill the dossier and are read-only there: the rules of
//! which fields they fix, and of the records export's lines, live here.

use serde::{Deserialize, Serialize};

use super::address::{Address, AddressForm};
use super::bac::{Bac, BacForm};
use super::date::{parse_birth_date, Day};
use super::identity::{FRANCE, NAME_MAX};
use super::ine::{Ine, IneRules};
use super::problem::{person_name, required_text, Problem};
use super::search::fold;

/// One year of studies at the university (Cursus interne).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InternalYear {
    /// The academic year, `2023-2024`.
    pub annee: String,
    /// The formation's code in the student records (étape, VET).
    pub code: String,
    pub libelle: String,
    /// The year's result as the records write it (`ADM`, `AJ`…), if known.
    pub resultat: String,
}

/// The student records' word on one student.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolRecord {
    pub student_number: String,
    pub ine: Option<String>,
    /// The bac as the dossier's form holds it (`situation` "oui").
    pub bac: Option<BacForm>,
    /// Oldest first.
    pub years: Vec<InternalYear>,
}

/// One line of a records export, its columns by name (see
/// `server::school_records` for the file formats).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordLine {
    pub numero_etudiant: String,
    #[serde(default)]
    pub ine: String,
    #[serde(default)]
    pub bac_annee: String,
    #[serde(default)]
    pub bac_serie: String,
    #[serde(default)]
    pub bac_mention: String,
    #[serde(default)]
    pub bac_pays: String,
    #[serde(default)]
    pub bac_departement: String,
    #[serde(default)]
    pub bac_commune: String,
    #[serde(default)]
    pub bac_etablissement: String,
    #[serde(default)]
    pub annee_universitaire: String,
    #[serde(default)]
    pub code_formation: String,
    #[serde(default)]
    pub libelle_formation: String,
    #[serde(default)]
    pub resultat: String,
}

/// What is wrong with one line: the column and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    /// 1 is the file's first line (the header in a CSV file; the first
    /// element in a JSON file).
    pub line: usize,
    pub column: &'static str,
    pub problem: Problem,
}

/// A student number: letters and digits, at most 20.
fn student_number(raw: &str) -> Result<String, Problem> {
    let value = raw.trim();
    if value.is_empty() {
        Err(Problem::Required)
    } else if value.len() > 20 || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        Err(Problem::CodeInvalid)
    } else {
        Ok(value.to_uppercase())
    }
}

/// An academic year `2023-2024` (the second year follows the first, the
/// first is at most `this_year`: the year under way at the latest).
fn academic_year(raw: &str, this_year: i32) -> Result<String, Problem> {
    let value = raw.trim();
    let years: Vec<Option<i32>> = value.split('-').map(|y| y.parse::<i32>().ok().filter(|_| y.len() == 4)).collect();
    match years.as_slice() {
        [] | [None] if value.is_empty() => Err(Problem::Required),
        [Some(a), Some(b)] if *b == a + 1 && (1950..=this_year).contains(a) => Ok(format!("{a}-{b}")),
        _ => Err(Problem::YearInvalid),
    }
}

/// A line read, or the problems of its columns.
pub type LineResult = Result<ParsedLine, Vec<(&'static str, Problem)>>;

/// One line read: the student, their INE and bac as this line gives them,
/// and a year of studies if the line has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedLine {
    pub student_number: String,
    pub ine: Option<String>,
    pub bac: Option<BacForm>,
    pub year: Option<InternalYear>,
}

impl ParsedLine {
    /// `commune_in` tells whether an INSEE code is a commune of a
    /// département, `country_known` whether a code is a country (the
    /// reference data); the bac follows the dossier's own rules (`Bac::parse`
    /// and the country), so a value the form would refuse is refused here.
    pub fn parse(
        line: &RecordLine,
        this_year: i32,
        rules: IneRules,
        commune_in: impl Fn(&str, &str) -> bool,
        country_known: impl Fn(&str) -> bool,
    ) -> LineResult {
        let mut problems = Vec::new();
        fn take(
            problems: &mut Vec<(&'static str, Problem)>,
            column: &'static str,
            parsed: Result<String, Problem>,
        ) -> Option<String> {
            parsed.map_err(|problem| problems.push((column, problem))).ok()
        }
        let student = take(&mut problems, "numero_etudiant", student_number(&line.numero_etudiant));
        let ine = match line.ine.trim() {
            "" => None,
            raw => {
                take(&mut problems, "ine", Ine::parse(raw, rules).map(|i| i.as_str().to_owned()).map_err(Problem::Ine))
            }
        };
        let bac_columns = [
            &line.bac_annee,
            &line.bac_serie,
            &line.bac_mention,
            &line.bac_pays,
            &line.bac_departement,
            &line.bac_commune,
            &line.bac_etablissement,
        ];
        let bac = if bac_columns.iter().all(|c| c.trim().is_empty()) {
            None
        } else {
            let pays = match line.bac_pays.trim() {
                "" => FRANCE.to_owned(),
                p => p.to_uppercase(),
            };
            let form = BacForm {
                situation: "oui".into(),
                annee: line.bac_annee.trim().into(),
                serie: line.bac_serie.trim().into(),
                mention: line.bac_mention.trim().into(),
                pays,
                departement: line.bac_departement.trim().into(),
                commune: line.bac_commune.trim().into(),
                etablissement: line.bac_etablissement.trim().into(),
            };
            match Bac::parse(&form, this_year, commune_in) {
                Ok(_) if !country_known(&form.pays) => {
                    problems.push(("bac_pays", Problem::UnknownChoice));
                    None
                }
                Ok(_) => Some(form),
                Err(errors) => {
                    for (field, problem) in errors.0 {
                        problems.push((bac_column(&field), problem));
                    }
                    None
                }
            }
        };
        let year_columns = [&line.annee_universitaire, &line.code_formation, &line.libelle_formation, &line.resultat];
        let year = if year_columns.iter().all(|c| c.trim().is_empty()) {
            None
        } else {
            let annee = take(&mut problems, "annee_universitaire", academic_year(&line.annee_universitaire, this_year));
            let code = take(&mut problems, "code_formation", required_text(&line.code_formation, 20));
            let libelle = take(&mut problems, "libelle_formation", required_text(&line.libelle_formation, 200));
            let resultat = match line.resultat.trim() {
                "" => Some(String::new()),
                _ => take(&mut problems, "resultat", required_text(&line.resultat, 40)),
            };
            match (annee, code, libelle, resultat) {
                (Some(annee), Some(code), Some(libelle), Some(resultat)) => {
                    Some(InternalYear { annee, code, libelle, resultat })
                }
                _ => None,
            }
        };
        match student {
            Some(student_number) if problems.is_empty() => Ok(ParsedLine { student_number, ine, bac, year }),
            _ => Err(problems),
        }
    }
}

/// The export's column of a field of the bac's form.
fn bac_column(field: &str) -> &'static str {
    match field {
        "annee" => "bac_annee",
        "serie" => "bac_serie",
        "mention" => "bac_mention",
        "pays" => "bac_pays",
        "departement" => "bac_departement",
        "commune" => "bac_commune",
        "etablissement" => "bac_etablissement",
        _ => "bac",
    }
}

/// The lines of an export gathered by student (lines numbered from 1):
/// each student's lines must agree on the INE and the bac, and name each
/// academic year once. Every problem of every line is reported; one
/// problem and nothing is gathered.
pub fn gather(lines: Vec<(usize, LineResult)>) -> Result<Vec<SchoolRecord>, Vec<LineProblem>> {
    let mut problems = Vec::new();
    let mut records: Vec<SchoolRecord> = Vec::new();
    let mut index = std::collections::HashMap::<String, usize>::new();
    for (number, parsed) in lines {
        let line = match parsed {
            Ok(line) => line,
            Err(found) => {
                problems.extend(found.into_iter().map(|(column, problem)| LineProblem {
                    line: number,
                    column,
                    problem,
                }));
                continue;
            }
        };
        let at = *index.entry(line.student_number.clone()).or_insert_with(|| {
            records.push(SchoolRecord { student_number: line.student_number.clone(), ..SchoolRecord::default() });
            records.len() - 1
        });
        let record = &mut records[at];
        let mut disagree = |column: &'static str| {
            problems.push(LineProblem { line: number, column, problem: Problem::Disagrees });
        };
        match (&record.ine, line.ine) {
            (_, None) => {}
            (None, Some(ine)) => record.ine = Some(ine),
            (Some(known), Some(ine)) if *known != ine => disagree("ine"),
            _ => {}
        }
        match (&record.bac, line.bac) {
            (_, None) => {}
            (None, Some(bac)) => record.bac = Some(bac),
            (Some(known), Some(bac)) if *known != bac => disagree("bac_annee"),
            _ => {}
        }
        if let Some(year) = line.year {
            if record.years.iter().any(|y| y.annee == year.annee) {
                disagree("annee_universitaire");
            } else {
                record.years.push(year);
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for record in &mut records {
        record.years.sort_by(|a, b| a.annee.cmp(&b.annee));
    }
    Ok(records)
}

/// What the university's directory said, as the dossier reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryFacts {
    pub nom: Option<String>,
    /// `supannNomdeNaissance`, when the directory has it (`sn` is the name
    /// in use, which may be a married name).
    #[serde(default)]
    pub birth_name: Option<String>,
    pub prenom: Option<String>,
    /// `AAAA-MM-JJ`.
    pub birth_date: Option<String>,
    pub ine: Option<String>,
    pub postal_address: Vec<String>,
}

/// Where a section's content came from, as staff read it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// Typed by the candidate.
    #[default]
    Candidate,
    /// Partly or wholly from the university's directory or student records.
    University,
}

/// The fields of Informations personnelles the university fixes, with
/// their values in the form's shape: the birth name (or else the name),
/// first name and birth date from the directory, the INE from the directory
/// or else the records. Only values the form itself accepts (`today` bounds
/// the birth date; the campaign's `rules` the INE): one the form would refuse
/// stays the candidate's to type, so that no one is stuck with it.
pub fn identity_fields(
    directory: Option<&DirectoryFacts>,
    record: Option<&SchoolRecord>,
    rules: IneRules,
    today: Day,
) -> Vec<(&'static str, String)> {
    let mut fields = Vec::new();
    if let Some(d) = directory {
        let nom = d.birth_name.as_deref().or(d.nom.as_deref()).and_then(|n| person_name(n, NAME_MAX).ok());
        if let Some(nom) = nom {
            fields.push(("nom_naissance", nom.to_uppercase()));
        }
        if let Some(prenom) = d.prenom.as_deref().and_then(|n| person_name(n, NAME_MAX).ok()) {
            fields.push(("prenom", prenom));
        }
        let day = d.birth_date.as_deref().and_then(iso_to_french).filter(|f| parse_birth_date(f, today).is_ok());
        if let Some(day) = day {
            fields.push(("date_naissance", day));
        }
    }
    let candidates = [directory.and_then(|d| d.ine.as_deref()), record.and_then(|r| r.ine.as_deref())];
    if let Some(ine) = candidates.into_iter().flatten().find_map(|i| Ine::parse(i, rules).ok()) {
        fields.push(("ine", ine.as_str().to_owned()));
    }
    fields
}

/// `AAAA-MM-JJ` as the form writes it, `JJ/MM/AAAA`.
fn iso_to_french(iso: &str) -> Option<String> {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => Some(format!("{d}/{m}/{y}")),
        _ => None,
    }
}

/// The directory's postal address as the Adresse form holds it, when it
/// reads as a French address: street lines (at most three), then
/// "code postal commune", then optionally "France". `communes_of` gives the
/// communes (INSEE code, name) of a postal code. Anything else (abroad, a
/// commune not found) prefills nothing: the candidate types it.
pub fn address_from_lines(
    lines: &[String],
    communes_of: impl Fn(&str) -> Vec<(String, String)>,
) -> Option<AddressForm> {
    let mut lines: Vec<&str> = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    if lines.last().is_some_and(|l| l.eq_ignore_ascii_case("france")) {
        lines.pop();
    }
    let last = lines.pop()?;
    let (code, town) = last.split_once(' ')?;
    if code.len() != 5 || !code.chars().all(|c| c.is_ascii_digit()) || lines.is_empty() || lines.len() > 3 {
        return None;
    }
    // "Toulouse Cedex 9" is Toulouse; names compare folded (case, accents,
    // hyphens: "SAINT-ETIENNE" is "Saint-Étienne").
    let key = |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    let folded = fold(town);
    let town = folded.split(" cedex").next().unwrap_or_default();
    let communes = communes_of(code);
    let commune = communes.iter().find(|(_, name)| key(name) == key(town))?;
    let line = |i: usize| lines.get(i).map(|l| l.to_string()).unwrap_or_default();
    let form = AddressForm {
        pays: FRANCE.into(),
        ligne1: line(0),
        ligne2: line(1),
        ligne3: line(2),
        code_postal: code.into(),
        commune: commune.0.clone(),
        ville: String::new(),
    };
    // Only an address the form accepts (lines of 38 characters at most…).
    Address::parse(&form, &communes_of).is_ok().then_some(form)
}

/// Fields the candidate sent that differ from what the university fixes
/// (each is refused with `Problem::FromSchoolRecords`; nothing is saved).
pub fn changed_fields<'a>(fixed: &'a [(&'static str, String)], sent: impl Fn(&str) -> String) -> Vec<&'a str> {
    let same = |a: &str, b: &str| a.trim().to_uppercase() == b.trim().to_uppercase();
    fixed.iter().filter(|(field, value)| !same(&sent(field), value)).map(|(field, _)| *field).collect()
}

/// The Adresse form's fields, by name.
pub fn address_fields(a: &AddressForm) -> Vec<(&'static str, String)> {
    vec![
        ("pays", a.pays.clone()),
        ("ligne1", a.ligne1.clone()),
        ("ligne2", a.ligne2.clone()),
        ("ligne3", a.ligne3.clone()),
        ("code_postal", a.code_postal.clone()),
        ("commune", a.commune.clone()),
        ("ville", a.ville.clone()),
    ]
}

/// The Baccalauréat form's fields, by name.
pub fn bac_fields(b: &BacForm) -> Vec<(&'static str, String)> {
    vec![
        ("situation", b.situation.clone()),
        ("annee", b.annee.clone()),
        ("serie", b.serie.clone()),
        ("mention", b.mention.clone()),
        ("pays", b.pays.clone()),
        ("departement", b.departement.clone()),
        ("commune", b.commune.clone()),
        ("etablissement", b.etablissement.clone()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: IneRules = IneRules { accept_ines: false };

    fn line(student: &str) -> RecordLine {
        RecordLine { numero_etudiant: student.into(), ..RecordLine::default() }
    }

    fn toulouse(commune: &str, dep: &str) -> bool {
        dep == "31" && commune == "31555"
    }

    fn france(code: &str) -> bool {
        code == "FR"
    }

    fn with_bac(mut l: RecordLine) -> RecordLine {
        l.bac_annee = "2021".into();
        l.bac_serie = "BG".into();
        l.bac_mention = "B".into();
        l.bac_departement = "31".into();
        l.bac_commune = "31555".into();
        l.bac_etablissement = "Lycée Pierre de Fermat".into();
        l
    }

    fn with_year(mut l: RecordLine, annee: &str) -> RecordLine {
        l.annee_universitaire = annee.into();
        l.code_formation = "LDR1".into();
        l.libelle_formation = "Licence Droit 1re année".into();
        l.resultat = "ADM".into();
        l
    }

    #[test]
    fn a_line_gives_the_bac_and_a_year() {
        let mut l = with_year(with_bac(line("21901234")), "2021-2022");
        l.ine = "0612345678d".into();
        let parsed = ParsedLine::parse(&l, 2026, RULES, toulouse, france).unwrap();
        assert_eq!(parsed.student_number, "21901234");
        assert_eq!(parsed.ine.as_deref(), Some("0612345678D"));
        let bac = parsed.bac.unwrap();
        assert_eq!((bac.situation.as_str(), bac.pays.as_str(), bac.serie.as_str()), ("oui", "FR", "BG"));
        assert_eq!(parsed.year.unwrap().annee, "2021-2022");
        // A country the dossier does not know; a year not yet begun.
        let mut abroad = with_bac(line("21901234"));
        (abroad.bac_pays, abroad.bac_departement, abroad.bac_commune) = ("ZZ".into(), String::new(), String::new());
        let problems = ParsedLine::parse(&abroad, 2026, RULES, toulouse, france).unwrap_err();
        assert_eq!(problems, [("bac_pays", Problem::UnknownChoice)]);
        let future = with_year(line("21901234"), "2027-2028");
        let problems = ParsedLine::parse(&future, 2026, RULES, toulouse, france).unwrap_err();
        assert_eq!(problems, [("annee_universitaire", Problem::YearInvalid)]);
    }

    #[test]
    fn a_bad_line_names_each_column() {
        let mut l = with_year(with_bac(line("")), "2021-2023");
        l.bac_serie = "S".into(); // no série S in 2021
        l.bac_commune = "75056".into();
        l.ine = "1234567890A".into();
        l.code_formation = String::new();
        l.bac_pays = "ZZ".into();
        let problems = ParsedLine::parse(&l, 2026, RULES, toulouse, france).unwrap_err();
        let columns: Vec<&str> = problems.iter().map(|(c, _)| *c).collect();
        for column in ["numero_etudiant", "ine", "bac_serie", "annee_universitaire", "code_formation"] {
            assert!(columns.contains(&column), "{column} in {columns:?}");
        }
    }

    #[test]
    fn lines_gather_by_student_and_must_agree() {
        let parse = |l: RecordLine| ParsedLine::parse(&l, 2026, RULES, toulouse, france);
        let good = vec![
            (2, parse(with_year(with_bac(line("21901234")), "2022-2023"))),
            (3, parse(with_year(with_bac(line("21901234")), "2021-2022"))),
            (4, parse(with_year(line("21905678"), "2023-2024"))),
        ];
        let records = gather(good).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].years.iter().map(|y| y.annee.as_str()).collect::<Vec<_>>(), ["2021-2022", "2022-2023"]);
        assert!(records[1].bac.is_none());
        let mut other_bac = with_bac(line("21901234"));
        other_bac.bac_mention = "TB".into();
        let bad = vec![
            (2, parse(with_year(with_bac(line("21901234")), "2021-2022"))),
            (3, parse(with_year(other_bac, "2022-2023"))),
            (4, parse(with_year(line("21901234"), "2021-2022"))),
            (5, parse(line(""))),
        ];
        let problems = gather(bad).unwrap_err();
        let lines: Vec<(usize, &str)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(lines, [(3, "bac_annee"), (4, "annee_universitaire"), (5, "numero_etudiant")]);
    }

    #[test]
    fn the_university_fixes_the_names_birth_date_and_a_valid_ine() {
        let today = Day::new(2026, 12, 7).unwrap();
        let directory = DirectoryFacts {
            nom: Some("Durand".into()),
            birth_name: Some("Martin".into()),
            prenom: Some("Léa".into()),
            birth_date: Some("2003-04-15".into()),
            ine: Some("1234567890A".into()), // a wrong key: not fixed
            postal_address: vec![],
        };
        let record = SchoolRecord { ine: Some("0612345678D".into()), ..SchoolRecord::default() };
        let fields = identity_fields(Some(&directory), Some(&record), RULES, today);
        assert_eq!(
            fields,
            [
                ("nom_naissance", "MARTIN".to_owned()),
                ("prenom", "Léa".to_owned()),
                ("date_naissance", "15/04/2003".to_owned()),
                ("ine", "0612345678D".to_owned()),
            ]
        );
        assert!(identity_fields(None, None, RULES, today).is_empty());
        // What the form would refuse is not fixed: a name of other signs, a
        // date that does not exist, a placeholder birth date.
        for (nom, date) in [("Martin (épouse X)", "2003-02-30"), ("Martin", "1900-01-01")] {
            let odd = DirectoryFacts {
                nom: Some(nom.into()),
                prenom: Some("Léa".into()),
                birth_date: Some(date.into()),
                ..DirectoryFacts::default()
            };
            let fixed: Vec<&str> = identity_fields(Some(&odd), None, RULES, today).iter().map(|(f, _)| *f).collect();
            assert!(!fixed.contains(&"date_naissance"), "{date}");
            assert_eq!(fixed.contains(&"nom_naissance"), nom == "Martin", "{nom}");
        }
        let sent = |f: &str| if f == "ine" { "0612345678d".to_owned() } else { "MARTIN".to_owned() };
        assert_eq!(changed_fields(&fields, sent), ["prenom", "date_naissance"]);
    }

    #[test]
    fn a_french_postal_address_prefills_the_address() {
        let communes = |code: &str| {
            if code == "31400" {
                vec![("31555".to_owned(), "Toulouse".to_owned())]
            } else if code == "31000" {
                vec![("31555".to_owned(), "Toulouse".to_owned()), ("31069".to_owned(), "Blagnac".to_owned())]
            } else {
                vec![]
            }
        };
        let lines = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let a = address_from_lines(&lines(&["12 rue des Lilas", "31400 Toulouse", "France"]), communes).unwrap();
        assert_eq!(
            (a.ligne1.as_str(), a.code_postal.as_str(), a.commune.as_str()),
            ("12 rue des Lilas", "31400", "31555")
        );
        let cedex = address_from_lines(&lines(&["Bât. A", "3 allée X", "31000 TOULOUSE"]), communes).unwrap();
        assert_eq!((cedex.ligne2.as_str(), cedex.commune.as_str()), ("3 allée X", "31555"));
        assert!(address_from_lines(&lines(&["1 Main Street", "Boston MA 02110", "USA"]), communes).is_none());
        assert!(address_from_lines(&lines(&["31000 Muret"]), communes).is_none());
        assert!(address_from_lines(&lines(&["1 rue X", "99999 Nulle-part"]), communes).is_none());
        let long = "Résidence universitaire Jean Jaurès, bâtiment C, chambre 12";
        assert!(address_from_lines(&lines(&[long, "31400 Toulouse"]), communes).is_none());
    }
}
