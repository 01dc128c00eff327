//! "Cursus externe" (guide 04.4): every year of higher education, in France
//! or abroad, whether or not it led to a diploma.

use serde::{Deserialize, Serialize};

use super::bac::mentions;
use super::experience::parse_year;
use super::identity::FRANCE;
use super::place::departement_and_commune;
use super::problem::{required_text, FieldErrors, Problem};

/// The kinds of formation offered ("Formation").
pub const FORMATIONS: &[(&str, &str)] = &[
    ("LIC", "Licence"),
    ("LPRO", "Licence professionnelle"),
    ("BUT", "BUT / DUT"),
    ("BTS", "BTS"),
    ("CPGE", "Classe préparatoire aux grandes écoles"),
    ("SANTE", "PASS / LAS / études de santé"),
    ("MAS", "Master"),
    ("ING", "Diplôme d'ingénieur"),
    ("DOC", "Doctorat"),
    ("DU", "Dip. établissement universitaire"),
    ("ETR", "Diplôme étranger"),
    ("AUT", "Autre formation"),
];

/// "Obtenu".
pub const OUTCOMES: &[(&str, &str)] = &[("O", "Obtenu"), ("N", "Non obtenu"), ("C", "En cours")];

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

fn choice(raw: &str, list: &[(&str, &str)]) -> Result<String, Problem> {
    match raw.trim() {
        "" => Err(Problem::Required),
        v if list.iter().any(|(code, _)| *code == v) => Ok(v.to_owned()),
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
            if form.mention.trim().is_empty() { Ok(None) } else { choice(&form.mention, &mentions(2020)).map(Some) },
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
