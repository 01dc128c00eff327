//! Reference data shipped with the binary (see `app/data/README.md`):
//! countries and départements, parsed once on first use.

use std::collections::HashMap;
use std::sync::LazyLock;

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

/// Communes by département: (INSEE code, name), sorted by name.
static COMMUNES_BY_DEPARTEMENT: LazyLock<HashMap<String, Vec<Choice>>> = LazyLock::new(|| {
    let mut index: HashMap<String, Vec<Choice>> = HashMap::new();
    for line in include_str!("../../data/communes.tsv").lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if let [code, name, dep, _] = cols.as_slice() {
            index.entry(dep.to_string()).or_default().push((code.to_string(), name.to_string()));
        }
    }
    for communes in index.values_mut() {
        communes.sort_by(|a, b| a.1.cmp(&b.1));
    }
    index
});

pub fn communes_of_departement(departement: &str) -> Vec<Choice> {
    COMMUNES_BY_DEPARTEMENT.get(departement).cloned().unwrap_or_default()
}

pub fn is_commune_of(code: &str, departement: &str) -> bool {
    COMMUNES_BY_DEPARTEMENT.get(departement).is_some_and(|list| list.iter().any(|(c, _)| c == code))
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
        assert!(communes_of_departement("31").len() > 500);
    }
}
