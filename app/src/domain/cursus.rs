//! "Cursus externe" (guide 04.4): every year of higher education, in France
//! or abroad, whether or not it led to a diploma.

use serde::{Deserialize, Serialize};

use super::bac::mention_choices;
use super::choice::{is_code, Choice};
use super::experience::parse_year;
use super::identity::FRANCE;
use super::place::departement_and_commune;
use super::problem::{required_text, FieldErrors, Problem};

/// The kinds of formation offered ("Formation"), the French name kept
/// beside the English where a French diploma is meant.
pub const FORMATIONS: &[Choice] = &[
    Choice::new("LIC", "Licence", "Licence (bachelor's degree)"),
    Choice::new("LPRO", "Licence professionnelle", "Licence professionnelle (vocational bachelor's degree)"),
    Choice::new("BUT", "BUT / DUT", "BUT / DUT (university technology degree)"),
    Choice::new("BTS", "BTS", "BTS (advanced technician's certificate)"),
    Choice::new(
        "CPGE",
        "Classe préparatoire aux grandes écoles",
        "Preparatory classes for the grandes écoles (classe préparatoire, CPGE)",
    ),
    Choice::new("SANTE", "PASS / LAS / études de santé", "PASS / LAS / health studies (études de santé)"),
    Choice::new("MAS", "Master", "Master's degree"),
    Choice::new("ING", "Diplôme d'ingénieur", "Engineering degree (diplôme d'ingénieur)"),
    Choice::new("DOC", "Doctorat", "Doctorate (PhD)"),
    Choice::new("DU", "Dip. établissement universitaire", "University's own diploma (diplôme d'établissement, DU)"),
    Choice::new("ETR", "Diplôme étranger", "Foreign diploma"),
    Choice::new("AUT", "Autre formation", "Other studies"),
];

/// "Obtenu".
pub const OUTCOMES: &[Choice] = &[
    Choice::new("O", "Obtenu", "Obtained"),
    Choice::new("N", "Non obtenu", "Not obtained"),
    Choice::new("C", "En cours", "In progress"),
];

/// The mentions a year of studies may have (those of a bac before 2021).
pub fn mention_list() -> &'static [Choice] {
    mention_choices(2020)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CursusForm {
    pub pays: String,
    pub departement: String,
    pub commune: String,
    pub etablissement: String,
    pub annee: String,
    pub formation: String,
    pub libelle: String,
    pub obtenu: String,
    pub mention: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursus {
    pub pays: String,
    pub departement: Option<String>,
    pub commune: Option<String>,
    pub etablissement: String,
    pub annee: i32,
    pub formation: String,
    pub libelle: String,
    pub obtenu: String,
    pub mention: Option<String>,
}

fn choice(raw: &str, list: &[Choice]) -> Result<String, Problem> {
    match raw.trim() {
        "" => Err(Problem::Required),
        v if is_code(list, v) => Ok(v.to_owned()),
        _ => Err(Problem::UnknownChoice),
    }
}

impl Cursus {
    pub fn parse(
        form: &CursusForm,
        this_year: i32,
        commune_in: impl Fn(&str, &str) -> bool,
    ) -> Result<Cursus, FieldErrors> {
        let mut e = FieldErrors::new();
        let pays = e.take("pays", required_text(&form.pays, 2).map(|p| p.to_uppercase()));
        let (departement, commune) = departement_and_commune(
            &mut e,
            pays.as_deref() == Some(FRANCE),
            &form.departement,
            &form.commune,
            commune_in,
        );
        let etablissement = e.take("etablissement", required_text(&form.etablissement, 100));
        // The year may be the current university year's end.
        let annee = e.take("annee", parse_year(&form.annee, this_year + 1));
        let formation = e.take("formation", choice(&form.formation, FORMATIONS));
        let libelle = e.take("libelle", required_text(&form.libelle, 150));
        let obtenu = e.take("obtenu", choice(&form.obtenu, OUTCOMES));
        let mention = e.take(
            "mention",
            if form.mention.trim().is_empty() { Ok(None) } else { choice(&form.mention, mention_list()).map(Some) },
        );
        e.into_result(|| {
            Some(Cursus {
                pays: pays?,
                departement: departement?,
                commune: commune?,
                etablissement: etablissement?,
                annee: annee?,
                formation: formation?,
                libelle: libelle?,
                obtenu: obtenu?,
                mention: mention?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CursusForm {
        CursusForm {
            pays: "FR".into(),
            departement: "31".into(),
            commune: "31555".into(),
            etablissement: "Université de Toulouse".into(),
            annee: "2025".into(),
            formation: "LIC".into(),
            libelle: "L2 Sciences de la Vie, parcours Biologie cellulaire et physiologie".into(),
            obtenu: "O".into(),
            mention: "AB".into(),
        }
    }

    #[test]
    fn the_guide_example_parses() {
        let c = Cursus::parse(&form(), 2026, |c, d| c.starts_with(d)).unwrap();
        assert_eq!((c.annee, c.obtenu.as_str(), c.mention.as_deref()), (2025, "O", Some("AB")));
        let current = CursusForm { annee: "2027".into(), obtenu: "C".into(), mention: String::new(), ..form() };
        assert!(Cursus::parse(&current, 2026, |c, d| c.starts_with(d)).is_ok(), "the year under way");
    }

    #[test]
    fn every_kind_of_formation_and_outcome_has_an_english_label() {
        use crate::domain::choice::{assert_translated, label_of};
        use crate::domain::language::Language;
        assert_translated(FORMATIONS, &[]);
        assert_translated(OUTCOMES, &[]);
        assert_translated(mention_list(), &[]);
        assert_eq!(label_of(FORMATIONS, "ETR", Language::En), Some("Foreign diploma"));
        assert_eq!(label_of(FORMATIONS, "ETR", Language::Fr), Some("Diplôme étranger"));
        assert_eq!(label_of(OUTCOMES, "C", Language::En), Some("In progress"));
    }

    #[test]
    fn choices_and_places_are_checked() {
        let bad = CursusForm { formation: "X".into(), obtenu: String::new(), commune: "75056".into(), ..form() };
        let errors = Cursus::parse(&bad, 2026, |c, d| c.starts_with(d)).unwrap_err();
        assert_eq!(errors.get("formation"), Some(&Problem::UnknownChoice));
        assert_eq!(errors.get("obtenu"), Some(&Problem::Required));
        assert_eq!(errors.get("commune"), Some(&Problem::UnknownChoice));
        let abroad = CursusForm { pays: "ES".into(), departement: String::new(), commune: String::new(), ..form() };
        assert!(matches!(
            Cursus::parse(&abroad, 2026, |_, _| false),
            Ok(Cursus { departement: None, commune: None, .. })
        ));
    }
}
