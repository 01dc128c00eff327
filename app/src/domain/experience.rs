//! "Stages" and "Expériences professionnelles" (guide 04.5): any number,
//! added, changed and deleted by the candidate.

use serde::{Deserialize, Serialize};

use super::problem::{required_text, FieldErrors, Problem};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExperienceKind {
    /// Année, Durée, Nombre d'heures/semaine, Employeur/organisme, Descriptif *.
    Stage,
    /// Année, Intitulé, Durée, Employeur/organisme, Descriptif.
    Emploi,
}

impl ExperienceKind {
    pub fn code(self) -> &'static str {
        match self {
            ExperienceKind::Stage => "stage",
            ExperienceKind::Emploi => "emploi",
        }
    }

    pub fn parse(code: &str) -> Option<ExperienceKind> {
        match code {
            "stage" => Some(ExperienceKind::Stage),
            "emploi" => Some(ExperienceKind::Emploi),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExperienceForm {
    pub annee: String,
    pub duree: String,
    pub heures: String,
    pub intitule: String,
    pub employeur: String,
    pub descriptif: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Experience {
    pub annee: i32,
    pub duree: String,
    pub heures: Option<i64>,
    pub intitule: Option<String>,
    pub employeur: String,
    pub descriptif: Option<String>,
}

pub const TEXT_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 1000;

fn optional(raw: &str, max: usize) -> Result<Option<String>, Problem> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        required_text(raw, max).map(Some)
    }
}

/// A four-digit year between 1950 and `this_year`.
pub fn parse_year(raw: &str, this_year: i32) -> Result<i32, Problem> {
    match raw.trim() {
        "" => Err(Problem::Required),
        y => y.parse::<i32>().ok().filter(|y| (1950..=this_year).contains(y)).ok_or(Problem::YearInvalid),
    }
}

impl Experience {
    pub fn parse(kind: ExperienceKind, form: &ExperienceForm, this_year: i32) -> Result<Experience, FieldErrors> {
        let mut e = FieldErrors::new();
        let annee = e.take("annee", parse_year(&form.annee, this_year));
        let duree = e.take("duree", required_text(&form.duree, 50));
        let heures = match kind {
            ExperienceKind::Stage => e.take(
                "heures",
                match form.heures.trim() {
                    "" => Ok(None),
                    h => h.parse::<i64>().ok().filter(|h| (1..=80).contains(h)).map(Some).ok_or(Problem::HoursInvalid),
                },
            ),
            ExperienceKind::Emploi => Some(None),
        };
        let intitule = match kind {
            ExperienceKind::Emploi => e.take("intitule", required_text(&form.intitule, TEXT_MAX).map(Some)),
            ExperienceKind::Stage => Some(None),
        };
        let employeur = e.take("employeur", required_text(&form.employeur, TEXT_MAX));
        let descriptif = match kind {
            ExperienceKind::Stage => e.take("descriptif", required_text(&form.descriptif, DESCRIPTION_MAX).map(Some)),
            ExperienceKind::Emploi => e.take("descriptif", optional(&form.descriptif, DESCRIPTION_MAX)),
        };
        e.into_result(|| {
            Some(Experience {
                annee: annee?,
                duree: duree?,
                heures: heures?,
                intitule: intitule?,
                employeur: employeur?,
                descriptif: descriptif?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage() -> ExperienceForm {
        ExperienceForm {
            annee: "2024".into(),
            duree: "2 mois".into(),
            heures: "35".into(),
            employeur: "CHU de Toulouse".into(),
            descriptif: "Stage infirmier".into(),
            ..ExperienceForm::default()
        }
    }

    #[test]
    fn a_stage_needs_its_description_a_job_its_title() {
        assert!(Experience::parse(ExperienceKind::Stage, &stage(), 2026).is_ok());
        let no_description = ExperienceForm { descriptif: String::new(), ..stage() };
        assert_eq!(
            Experience::parse(ExperienceKind::Stage, &no_description, 2026).unwrap_err().get("descriptif"),
            Some(&Problem::Required)
        );
        let job = ExperienceForm { heures: String::new(), descriptif: String::new(), ..stage() };
        assert_eq!(
            Experience::parse(ExperienceKind::Emploi, &job, 2026).unwrap_err().get("intitule"),
            Some(&Problem::Required)
        );
        let job = ExperienceForm { intitule: "Vendeuse".into(), ..job };
        assert_eq!(Experience::parse(ExperienceKind::Emploi, &job, 2026).unwrap().descriptif, None);
    }

    #[test]
    fn years_and_hours_are_checked() {
        let future = ExperienceForm { annee: "2027".into(), ..stage() };
        assert_eq!(
            Experience::parse(ExperienceKind::Stage, &future, 2026).unwrap_err().get("annee"),
            Some(&Problem::YearInvalid)
        );
        let hours = ExperienceForm { heures: "90".into(), ..stage() };
        assert_eq!(
            Experience::parse(ExperienceKind::Stage, &hours, 2026).unwrap_err().get("heures"),
            Some(&Problem::HoursInvalid)
        );
        assert_eq!(ExperienceKind::parse("stage"), Some(ExperienceKind::Stage));
        assert_eq!(ExperienceKind::parse("x"), None);
    }
}
