//! Reference data shipped with the binary (see `app/data/README.md`):
//! countries, départements and communes, parsed and indexed once on first
//! use.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::domain::lookup::{Entry, Index};

pub type Choice = (String, String);

fn parse(tsv: &str) -> Vec<Choice> {
    tsv.lines()
        .filter_map(|line| {
            let mut cols = line.split('\t');
            Some((cols.next()?.to_owned(), cols.next()?.to_owned()))
        })
        .collect()
}

static COUNTRIES: LazyLock<Vec<Choice>> = LazyLock::new(|| parse(include_str!("../../data/pays.tsv")));
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

static COUNTRY_INDEX: LazyLock<Index> = LazyLock::new(|| {
    Index::new(
        COUNTRIES
            .iter()
            .map(|(code, name)| Entry {
                code: code.clone(),
                label: name.clone(),
                detail: String::new(),
                scope: String::new(),
            })
            .collect(),
    )
});

/// The searchable communes (scope: département code).
pub fn communes() -> &'static Index {
    &COMMUNES
}

/// The searchable countries (no scope).
pub fn country_index() -> &'static Index {
    &COUNTRY_INDEX
}

pub fn is_commune_of(code: &str, departement: &str) -> bool {
    COMMUNES.get(code).is_some_and(|c| c.scope == departement)
}

pub fn commune_name(code: &str) -> String {
    COMMUNES.get(code).map(|c| c.label.clone()).unwrap_or_default()
}

pub fn country_name(code: &str) -> String {
    COUNTRIES.iter().find(|(c, _)| c == code).map(|(_, name)| name.clone()).unwrap_or_else(|| code.to_owned())
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
    &COUNTRIES
}

/// Code and name, sorted by code.
pub fn departements() -> &'static [Choice] {
    &DEPARTEMENTS
}

pub fn is_country(code: &str) -> bool {
    COUNTRIES.iter().any(|(c, _)| c == code)
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
        assert_eq!(country_index().search("allem", None, 5)[0].code, "DE");
    }
}
