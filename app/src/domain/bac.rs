//! "Baccalauréat" (guide 04.3): either a bac or equivalence, with the
//! series offered for its year, or "0000-sans bac". Only one.

use serde::{Deserialize, Serialize};

use super::choice::{is_code, label_of, options, Choice};
use super::experience::parse_year;
use super::identity::FRANCE;
use super::language::Language;
use super::place::departement_and_commune;
use super::problem::{required_text, FieldErrors, Problem};

pub const NO_BAC: &str = "0000";

/// A série's official name: a candidate needs it as it is, in either
/// language.
const fn official(code: &'static str, name: &'static str) -> Choice {
    Choice::new(code, name, name)
}

const BG: Choice = official("BG", "Baccalauréat général");
const PRO: Choice = official("PRO", "Baccalauréat professionnel");
const STMG: Choice = official("STMG", "STMG - Sciences et technologies du management et de la gestion");
const STI2D: Choice = official("STI2D", "STI2D - Sciences et technologies de l'industrie et du développement durable");
const STL: Choice = official("STL", "STL - Sciences et technologies de laboratoire");
const ST2S: Choice = official("ST2S", "ST2S - Sciences et technologies de la santé et du social");
const STD2A: Choice = official("STD2A", "STD2A - Sciences et technologies du design et des arts appliqués");
const STHR: Choice = official("STHR", "STHR - Sciences et technologies de l'hôtellerie et de la restauration");
const STAV: Choice = official("STAV", "STAV - Sciences et technologies de l'agronomie et du vivant");

/// Series that exist whatever the year: equivalences and access diplomas.
const ALWAYS: &[Choice] = &[
    Choice::new(
        "0031",
        "Titre étranger admis en équivalence",
        "Foreign qualification admitted as equivalent (titre étranger admis en équivalence)",
    ),
    Choice::new("DAEA", "DAEU A (littéraire)", "DAEU A, university access diploma in humanities (littéraire)"),
    Choice::new("DAEB", "DAEU B (scientifique)", "DAEU B, university access diploma in sciences (scientifique)"),
    Choice::new(
        "ESEU",
        "ESEU (examen spécial d'entrée à l'université)",
        "ESEU, special university entrance examination (examen spécial d'entrée à l'université)",
    ),
    Choice::new("CAPD", "Capacité en droit", "Capacité en droit (certificate in law)"),
];

/// The series of the bac for the year it was obtained, then the
/// equivalences.
pub fn series_choices(year: i32) -> Vec<Choice> {
    let mut list: Vec<Choice> = match year {
        2021.. => vec![
            BG,
            STMG,
            STI2D,
            STL,
            ST2S,
            STD2A,
            STHR,
            STAV,
            official("S2TMD", "S2TMD - Sciences et techniques du théâtre, de la musique et de la danse"),
            PRO,
        ],
        1995..=2020 => {
            let mut l = vec![
                official("S", "S - Scientifique"),
                official("ES", "ES - Économique et social"),
                official("L", "L - Littéraire"),
            ];
            l.push(match year {
                2013.. => STMG,
                2007..=2012 => official("STG", "STG - Sciences et technologies de la gestion"),
                _ => official("STT", "STT - Sciences et technologies tertiaires"),
            });
            l.push(if year >= 2013 { STI2D } else { official("STI", "STI - Sciences et technologies industrielles") });
            l.push(STL);
            l.push(if year >= 2007 { ST2S } else { official("SMS", "SMS - Sciences médico-sociales") });
            if year >= 2013 {
                l.push(STD2A);
            }
            l.push(if year >= 2016 { STHR } else { official("HOT", "Hôtellerie") });
            l.push(if year >= 2007 {
                STAV
            } else {
                official("STAE", "STAE - Sciences et technologies de l'agronomie et de l'environnement")
            });
            l.push(PRO);
            l
        }
        _ => vec![
            Choice::new(
                "ANC",
                "Série antérieure à 1995 (A, B, C, D, E, F, G…)",
                "Series before 1995 (série antérieure à 1995: A, B, C, D, E, F, G…)",
            ),
            PRO,
        ],
    };
    list.extend_from_slice(ALWAYS);
    list
}

/// The series of `year` as the select field lists them, in `language`.
pub fn series_for(year: i32, language: Language) -> Vec<(&'static str, &'static str)> {
    options(&series_choices(year), language)
}

/// A série of `year` by its code, in `language`.
pub fn serie_label(year: i32, code: &str, language: Language) -> Option<&'static str> {
    label_of(&series_choices(year), code, language)
}

/// Mentions, the French kept beside the English: transcripts carry it.
const MENTIONS: [Choice; 5] = [
    Choice::new("P", "Passable", "Pass (Passable)"),
    Choice::new("AB", "Assez bien", "Fairly good (Assez bien)"),
    Choice::new("B", "Bien", "Good (Bien)"),
    Choice::new("TB", "Très bien", "Very good (Très bien)"),
    Choice::new(
        "TBF",
        "Très bien avec félicitations du jury",
        "Very good with the jury's congratulations (Très bien avec félicitations du jury)",
    ),
];

/// The mentions of `year`: "avec félicitations du jury" from 2021.
pub fn mention_choices(year: i32) -> &'static [Choice] {
    if year >= 2021 {
        &MENTIONS
    } else {
        &MENTIONS[..4]
    }
}

/// The mentions of `year` as the select field lists them, in `language`.
pub fn mentions(year: i32, language: Language) -> Vec<(&'static str, &'static str)> {
    options(mention_choices(year), language)
}

/// A mention by its code (any year's), in `language`.
pub fn mention_label(code: &str, language: Language) -> Option<&'static str> {
    label_of(&MENTIONS, code, language)
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
                } else if is_code(&series_choices(y), s) {
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
                } else if is_code(mention_choices(y), m) {
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
        let has = |year, code| series_for(year, Language::Fr).iter().any(|(c, _)| *c == code);
        assert!(has(2022, "BG"));
        assert!(!has(2022, "S"));
        assert!(has(2015, "S"));
        assert!(has(2010, "STG"));
        assert!(has(1990, "ANC"));
        assert!(has(1990, "0031"), "equivalences always");
        assert!(mentions(2022, Language::Fr).len() == 5 && mentions(2015, Language::En).len() == 4);
    }

    #[test]
    fn every_series_and_mention_has_an_english_label() {
        use crate::domain::choice::assert_translated;
        // Série names are official: they stay French. Every other line is
        // in English, the French term kept where it helps.
        let official = |c: &Choice| c.fr == c.en;
        for year in 1950..=2030 {
            let series = series_choices(year);
            let kept: Vec<&str> = series.iter().filter(|c| official(c)).map(|c| c.code).collect();
            for code in ["ANC", "0031", "DAEA", "DAEB", "ESEU", "CAPD"] {
                assert!(!kept.contains(&code), "{code} must be in English");
            }
            assert_translated(&series, &kept);
            assert_translated(mention_choices(year), &[]);
            assert_eq!(series_for(year, Language::Fr).len(), series_for(year, Language::En).len());
        }
        assert_eq!(mention_label("TB", Language::En), Some("Very good (Très bien)"));
        assert_eq!(mention_label("TB", Language::Fr), Some("Très bien"));
        assert_eq!(mention_label("TBF", Language::Fr), Some("Très bien avec félicitations du jury"));
        assert_eq!(
            serie_label(1990, "ANC", Language::En),
            Some("Series before 1995 (série antérieure à 1995: A, B, C, D, E, F, G…)")
        );
        assert_eq!(serie_label(2022, "STI2D", Language::En), serie_label(2022, "STI2D", Language::Fr));
        assert_eq!(serie_label(2022, "S", Language::En), None, "not a série of 2022");
        for (_, label) in series_for(2022, Language::En).into_iter().chain(mentions(2022, Language::En)) {
            assert!(
                !label.starts_with("Titre") && !label.starts_with("Série") && !label.starts_with("Passable"),
                "{label}"
            );
        }
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
