//! "Baccalauréat" (guide 04.3): either a bac or equivalence, with the
//! series offered for its year, or "0000-sans bac". Only one.

use serde::{Deserialize, Serialize};

use super::experience::parse_year;
use super::identity::FRANCE;
use super::place::departement_and_commune;
use super::problem::{required_text, FieldErrors, Problem};

pub const NO_BAC: &str = "0000";

/// Series that exist whatever the year: equivalences and access diplomas.
const ALWAYS: &[(&str, &str)] = &[
    ("0031", "Titre étranger admis en équivalence"),
    ("DAEA", "DAEU A (littéraire)"),
    ("DAEB", "DAEU B (scientifique)"),
    ("ESEU", "ESEU (examen spécial d'entrée à l'université)"),
    ("CAPD", "Capacité en droit"),
];

/// The series of the bac for the year it was obtained, then the equivalences.
pub fn series_for(year: i32) -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<(&str, &str)> = match year {
        2021.. => vec![
            ("BG", "Baccalauréat général"),
            ("STMG", "STMG - Sciences et technologies du management et de la gestion"),
            ("STI2D", "STI2D - Sciences et technologies de l'industrie et du développement durable"),
            ("STL", "STL - Sciences et technologies de laboratoire"),
            ("ST2S", "ST2S - Sciences et technologies de la santé et du social"),
            ("STD2A", "STD2A - Sciences et technologies du design et des arts appliqués"),
            ("STHR", "STHR - Sciences et technologies de l'hôtellerie et de la restauration"),
            ("STAV", "STAV - Sciences et technologies de l'agronomie et du vivant"),
            ("S2TMD", "S2TMD - Sciences et techniques du théâtre, de la musique et de la danse"),
            ("PRO", "Baccalauréat professionnel"),
        ],
        1995..=2020 => {
            let mut l = vec![("S", "S - Scientifique"), ("ES", "ES - Économique et social"), ("L", "L - Littéraire")];
            l.push(match year {
                2013.. => ("STMG", "STMG - Sciences et technologies du management et de la gestion"),
                2007..=2012 => ("STG", "STG - Sciences et technologies de la gestion"),
                _ => ("STT", "STT - Sciences et technologies tertiaires"),
            });
            l.push(if year >= 2013 {
                ("STI2D", "STI2D - Sciences et technologies de l'industrie et du développement durable")
            } else {
                ("STI", "STI - Sciences et technologies industrielles")
            });
            l.push(("STL", "STL - Sciences et technologies de laboratoire"));
            l.push(if year >= 2007 {
                ("ST2S", "ST2S - Sciences et technologies de la santé et du social")
            } else {
                ("SMS", "SMS - Sciences médico-sociales")
            });
            if year >= 2013 {
                l.push(("STD2A", "STD2A - Sciences et technologies du design et des arts appliqués"));
            }
            l.push(if year >= 2016 {
                ("STHR", "STHR - Sciences et technologies de l'hôtellerie et de la restauration")
            } else {
                ("HOT", "Hôtellerie")
            });
            l.push(if year >= 2007 {
                ("STAV", "STAV - Sciences et technologies de l'agronomie et du vivant")
            } else {
                ("STAE", "STAE - Sciences et technologies de l'agronomie et de l'environnement")
            });
            l.push(("PRO", "Baccalauréat professionnel"));
            l
        }
        _ => vec![("ANC", "Série antérieure à 1995 (A, B, C, D, E, F, G…)"), ("PRO", "Baccalauréat professionnel")],
    };
    list.extend_from_slice(ALWAYS);
    list
}

pub fn mentions(year: i32) -> Vec<(&'static str, &'static str)> {
    let mut list = vec![("P", "Passable"), ("AB", "Assez bien"), ("B", "Bien"), ("TB", "Très bien")];
    if year >= 2021 {
        list.push(("TBF", "Très bien avec félicitations du jury"));
    }
    list
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacForm {
    /// "oui" (J'ai le Bac ou une équivalence) or "non" (Je n'ai pas le Bac).
    pub situation: String,
    pub annee: String,
    pub serie: String,
    pub mention: String,
    pub pays: String,
    pub departement: String,
    pub commune: String,
    pub etablissement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bac {
    /// 0000-sans bac.
    None,
    Obtained {
        annee: i32,
        serie: String,
        mention: Option<String>,
        pays: String,
        /// France only.
        departement: Option<String>,
        commune: Option<String>,
        etablissement: String,
    },
}

impl Bac {
    /// `this_year` bounds the year; `commune_in` tells whether an INSEE code
    /// is a commune of a département.
    pub fn parse(form: &BacForm, this_year: i32, commune_in: impl Fn(&str, &str) -> bool) -> Result<Bac, FieldErrors> {
        let mut e = FieldErrors::new();
        match form.situation.as_str() {
            "non" => return Ok(Bac::None),
            "oui" => {}
            "" => {
                e.add("situation", Problem::Required);
                return Err(e);
            }
            _ => {
                e.add("situation", Problem::UnknownChoice);
                return Err(e);
            }
        }
        let annee = e.take("annee", parse_year(&form.annee, this_year));
        let serie = annee.and_then(|y| {
            let s = form.serie.trim();
            e.take(
                "serie",
                if s.is_empty() {
                    Err(Problem::Required)
                } else if series_for(y).iter().any(|(code, _)| *code == s) {
                    Ok(s.to_owned())
                } else {
                    Err(Problem::UnknownChoice)
                },
            )
        });
        let mention = annee.and_then(|y| {
            let m = form.mention.trim();
            e.take(
                "mention",
                if m.is_empty() {
                    Ok(None)
                } else if mentions(y).iter().any(|(code, _)| *code == m) {
                    Ok(Some(m.to_owned()))
                } else {
                    Err(Problem::UnknownChoice)
                },
            )
        });
        let pays = e.take("pays", required_text(&form.pays, 2).map(|p| p.to_uppercase()));
        let (departement, commune) = departement_and_commune(
            &mut e,
            pays.as_deref() == Some(FRANCE),
            &form.departement,
            &form.commune,
            commune_in,
        );
        let etablissement = e.take("etablissement", required_text(&form.etablissement, 100));
        e.into_result(|| {
            Some(Bac::Obtained {
                annee: annee?,
                serie: serie?,
                mention: mention?,
                pays: pays?,
                departement: departement?,
                commune: commune?,
                etablissement: etablissement?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commune_in(code: &str, dep: &str) -> bool {
        code.starts_with(dep)
    }

    fn form() -> BacForm {
        BacForm {
            situation: "oui".into(),
            annee: "2022".into(),
            serie: "BG".into(),
            mention: "AB".into(),
            pays: "FR".into(),
            departement: "31".into(),
            commune: "31555".into(),
            etablissement: "Lycée Pierre-de-Fermat".into(),
        }
    }

    #[test]
    fn series_depend_on_the_year() {
        assert!(series_for(2022).iter().any(|(c, _)| *c == "BG"));
        assert!(!series_for(2022).iter().any(|(c, _)| *c == "S"));
        assert!(series_for(2015).iter().any(|(c, _)| *c == "S"));
        assert!(series_for(2010).iter().any(|(c, _)| *c == "STG"));
        assert!(series_for(1990).iter().any(|(c, _)| *c == "ANC"));
        assert!(series_for(1990).iter().any(|(c, _)| *c == "0031"), "equivalences always");
        assert!(mentions(2022).len() == 5 && mentions(2015).len() == 4);
    }

    #[test]
    fn parses_a_bac_and_the_no_bac_answer() {
        assert!(matches!(Bac::parse(&form(), 2026, commune_in), Ok(Bac::Obtained { annee: 2022, .. })));
        assert_eq!(
            Bac::parse(&BacForm { situation: "non".into(), ..BacForm::default() }, 2026, commune_in),
            Ok(Bac::None)
        );
        assert_eq!(
            Bac::parse(&BacForm::default(), 2026, commune_in).unwrap_err().get("situation"),
            Some(&Problem::Required)
        );
    }

    #[test]
    fn refuses_a_series_of_another_year_and_wrong_places() {
        let old = BacForm { serie: "S".into(), ..form() };
        assert_eq!(Bac::parse(&old, 2026, commune_in).unwrap_err().get("serie"), Some(&Problem::UnknownChoice));
        let future = BacForm { annee: "2030".into(), ..form() };
        assert_eq!(Bac::parse(&future, 2026, commune_in).unwrap_err().get("annee"), Some(&Problem::YearInvalid));
        let elsewhere = BacForm { commune: "75056".into(), ..form() };
        assert_eq!(Bac::parse(&elsewhere, 2026, commune_in).unwrap_err().get("commune"), Some(&Problem::UnknownChoice));
        let abroad = BacForm {
            pays: "MA".into(),
            departement: String::new(),
            commune: String::new(),
            serie: "0031".into(),
            ..form()
        };
        assert!(matches!(
            Bac::parse(&abroad, 2026, commune_in),
            Ok(Bac::Obtained { departement: None, commune: None, .. })
        ));
    }
}
