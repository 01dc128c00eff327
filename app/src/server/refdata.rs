//! Reference data shipped with the binary (see `app/data/README.md`):
//! countries (named in French and in English), départements and communes
//! (French names only), parsed and indexed once on first use. Forms and
//! the database hold a country's ISO code; its name is the reader's
//! language's: the candidate's pages and documents in theirs, staff's in
//! French.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::domain::language::Language;
use crate::domain::lookup::{normalize, Entry, Index};

pub type Choice = (String, String);

fn parse(tsv: &str) -> Vec<Choice> {
    tsv.lines()
        .filter_map(|line| {
            let mut cols = line.split('\t');
            Some((cols.next()?.to_owned(), cols.next()?.to_owned()))
        })
        .collect()
}

/// ISO code, French name, English name; in the file's order (French names).
static COUNTRY_NAMES: LazyLock<Vec<(String, String, String)>> = LazyLock::new(|| {
    include_str!("../../data/pays.tsv")
        .lines()
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let (code, french) = (cols.next()?, cols.next()?);
            let english = cols.next().unwrap_or(french);
            Some((code.to_owned(), french.to_owned(), english.to_owned()))
        })
        .collect()
});

/// (code, name) in one language, sorted by name (accents aside).
fn countries_named(language: Language) -> Vec<Choice> {
    let mut list: Vec<Choice> = COUNTRY_NAMES
        .iter()
        .map(|(code, french, english)| {
            (code.clone(), if language == Language::En { english.clone() } else { french.clone() })
        })
        .collect();
    list.sort_by_cached_key(|(_, name)| normalize(name));
    list
}

static COUNTRIES: LazyLock<Vec<Choice>> = LazyLock::new(|| countries_named(Language::Fr));
static COUNTRIES_EN: LazyLock<Vec<Choice>> = LazyLock::new(|| countries_named(Language::En));
static DEPARTEMENTS: LazyLock<Vec<Choice>> = LazyLock::new(|| parse(include_str!("../../data/departements.tsv")));

/// Communes by postal code: (INSEE code, name), sorted by name.
static COMMUNES_BY_POSTAL_CODE: LazyLock<HashMap<String, Vec<Choice>>> = LazyLock::new(|| {
    let mut index: HashMap<String, Vec<Choice>> = HashMap::new();
    for line in include_str!("../../data/communes.tsv").lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if let [code, name, _dep, postal_codes] = cols.as_slice() {
            for cp in postal_codes.split(',') {
                index.entry(cp.to_owned()).or_default().push((code.to_string(), name.to_string()));
            }
        }
    }
    for communes in index.values_mut() {
        communes.sort_by(|a, b| a.1.cmp(&b.1));
    }
    index
});

/// Every commune, searchable by name, scoped by département.
static COMMUNES: LazyLock<Index> = LazyLock::new(|| {
    let departement_name: HashMap<&str, &str> = DEPARTEMENTS.iter().map(|(c, n)| (c.as_str(), n.as_str())).collect();
    let entries = include_str!("../../data/communes.tsv")
        .lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let [code, name, dep, postal_codes] = cols.as_slice() else { return None };
            let first_postal_code = postal_codes.split(',').next().unwrap_or_default();
            let detail = format!("{first_postal_code}, {}", departement_name.get(dep).copied().unwrap_or(dep));
            Some(Entry { code: code.to_string(), label: name.to_string(), detail, scope: dep.to_string() })
        })
        .collect();
    Index::new(entries)
});

fn country_index_of(countries: &[Choice]) -> Index {
    Index::new(
        countries
            .iter()
            .map(|(code, name)| Entry {
                code: code.clone(),
                label: name.clone(),
                detail: String::new(),
                scope: String::new(),
            })
            .collect(),
    )
}

static COUNTRY_INDEX: LazyLock<Index> = LazyLock::new(|| country_index_of(&COUNTRIES));
static COUNTRY_INDEX_EN: LazyLock<Index> = LazyLock::new(|| country_index_of(&COUNTRIES_EN));

/// The searchable communes (scope: département code).
pub fn communes() -> &'static Index {
    &COMMUNES
}

/// The searchable countries (no scope), by their names in this language.
pub fn country_index_in(language: Language) -> &'static Index {
    match language {
        Language::Fr => &COUNTRY_INDEX,
        Language::En => &COUNTRY_INDEX_EN,
    }
}

pub fn is_commune_of(code: &str, departement: &str) -> bool {
    COMMUNES.get(code).is_some_and(|c| c.scope == departement)
}

pub fn commune_name(code: &str) -> String {
    COMMUNES.get(code).map(|c| c.label.clone()).unwrap_or_default()
}

/// A country's name in this language (the code itself when it is not one).
pub fn country_name_in(code: &str, language: Language) -> String {
    COUNTRY_NAMES
        .iter()
        .find(|(c, _, _)| c == code)
        .map(|(_, french, english)| if language == Language::En { english.clone() } else { french.clone() })
        .unwrap_or_else(|| code.to_owned())
}

pub fn departement_name(code: &str) -> String {
    DEPARTEMENTS
        .iter()
        .find(|(c, _)| c == code)
        .map(|(c, name)| format!("{c} - {name}"))
        .unwrap_or_else(|| code.to_owned())
}

pub fn communes_of(postal_code: &str) -> Vec<Choice> {
    COMMUNES_BY_POSTAL_CODE.get(postal_code).cloned().unwrap_or_default()
}

/// ISO code and French name, sorted by name.
pub fn countries() -> &'static [Choice] {
    countries_in(Language::Fr)
}

/// ISO code and name in this language, sorted by that name.
pub fn countries_in(language: Language) -> &'static [Choice] {
    match language {
        Language::Fr => &COUNTRIES,
        Language::En => &COUNTRIES_EN,
    }
}

/// Code and name, sorted by code.
pub fn departements() -> &'static [Choice] {
    &DEPARTEMENTS
}

pub fn is_country(code: &str) -> bool {
    COUNTRY_NAMES.iter().any(|(c, _, _)| c == code)
}

pub fn is_departement(code: &str) -> bool {
    DEPARTEMENTS.iter().any(|(c, _)| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ships_countries_and_departements() {
        assert!(countries().len() > 240);
        assert!(is_country("FR") && is_country("DE") && !is_country("XX"));
        assert_eq!(departements().iter().find(|(c, _)| c == "31").map(|(_, n)| n.as_str()), Some("Haute-Garonne"));
        assert!(is_departement("2A") && is_departement("974") && !is_departement("99"));
        assert_eq!(communes_of("31000"), vec![("31555".to_owned(), "Toulouse".to_owned())]);
        assert!(communes_of("75005").iter().any(|(_, n)| n.contains("Paris")));
        assert!(communes_of("01400").len() > 1);
        assert!(communes_of("99999").is_empty());
        assert!(is_commune_of("31555", "31") && !is_commune_of("31555", "32"));
        assert_eq!(communes().search("toulouse", Some("31"), 5)[0].code, "31555");
        assert!(communes().search("", Some("31"), 1000).len() > 500);
        assert_eq!(communes().search("st etienne", None, 1)[0].label, "Saint-Étienne");
        assert_eq!(country_index_in(Language::Fr).search("allem", None, 5)[0].code, "DE");
    }

    #[test]
    fn countries_are_named_in_french_and_in_english() {
        assert_eq!(countries_in(Language::En).len(), countries().len());
        assert_eq!(country_name_in("DE", Language::En), "Germany");
        assert_eq!(country_name_in("DE", Language::Fr), "Allemagne");
        assert_eq!(country_name_in("GB", Language::Fr), "Royaume-Uni");
        assert_eq!(country_name_in("XX", Language::En), "XX", "not a country: the code as it is");
        assert_eq!(country_index_in(Language::En).search("germ", None, 5)[0].code, "DE");
        assert_eq!(country_index_in(Language::En).search("united king", None, 5)[0].code, "GB");
        assert!(country_index_in(Language::En).search("allem", None, 5).is_empty());
        assert!(country_index_in(Language::Fr).search("germ", None, 5).is_empty());
        // Sorted by the name the reader reads, accents aside.
        let english: Vec<&str> = countries_in(Language::En).iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(english[0], "Afghanistan");
        assert!(english.iter().position(|n| *n == "Åland Islands") < english.iter().position(|n| *n == "Albania"));
        assert_eq!(countries_in(Language::Fr)[0].1, "Afghanistan");
    }
}
