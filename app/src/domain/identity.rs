//! "Informations personnelles" (guide 04.1), parsed as a whole. Whether a
//! country or département code exists is checked by the caller against the
//! reference data; this module checks everything else.

use serde::{Deserialize, Serialize};

use super::date::{parse_birth_date, Day};
use super::ine::{Ine, IneRules};
use super::phone::parse_phone;
use super::problem::{person_name, required_text, FieldErrors, Problem};

pub const NAME_MAX: usize = 60;
pub const FRANCE: &str = "FR";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Civilite {
    Mme,
    M,
}

impl Civilite {
    pub fn parse(raw: &str) -> Result<Civilite, Problem> {
        match raw.trim() {
            "" => Err(Problem::Required),
            "Mme" => Ok(Civilite::Mme),
            "M." | "M" => Ok(Civilite::M),
            _ => Err(Problem::UnknownChoice),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Civilite::Mme => "Mme",
            Civilite::M => "M.",
        }
    }
}

/// The raw fields of the form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityForm {
    pub civilite: String,
    pub nom_naissance: String,
    pub nom_usuel: String,
    pub prenom: String,
    pub autre_prenom: String,
    pub date_naissance: String,
    pub pays_naissance: String,
    pub departement_naissance: String,
    pub ville_naissance: String,
    pub nationalite: String,
    pub telephone: String,
    pub portable: String,
    pub ine: String,
    /// "Je n'ai pas d'INE" (foreign diploma).
    pub sans_ine: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub civilite: Civilite,
    pub nom_naissance: String,
    pub nom_usuel: Option<String>,
    pub prenom: String,
    pub autre_prenom: Option<String>,
    pub date_naissance: Day,
    pub pays_naissance: String,
    /// Only for births in France.
    pub departement_naissance: Option<String>,
    pub ville_naissance: String,
    pub nationalite: String,
    pub telephone: Option<String>,
    pub portable: Option<String>,
    /// None with `sans_ine`.
    pub ine: Option<Ine>,
}

/// What the campaign asks of an INE.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IneSettings {
    pub rules: IneRules,
    /// French nationals must give one.
    pub required_for_french: bool,
}

fn optional_name(raw: &str, max: usize) -> Result<Option<String>, Problem> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        person_name(raw, max).map(Some)
    }
}

/// The INE field alone (the pop-up saves it before the rest of the form).
pub fn parse_ine(raw: &str, sans_ine: bool, settings: IneSettings, french: bool) -> Result<Option<Ine>, Problem> {
    if sans_ine && raw.trim().is_empty() {
        return if settings.required_for_french && french { Err(Problem::Required) } else { Ok(None) };
    }
    if raw.trim().is_empty() {
        return if settings.required_for_french && french { Err(Problem::Required) } else { Ok(None) };
    }
    Ine::parse(raw, settings.rules).map(Some).map_err(Problem::Ine)
}

impl Identity {
    pub fn parse(form: &IdentityForm, today: Day, settings: IneSettings) -> Result<Identity, FieldErrors> {
        let mut e = FieldErrors::new();
        let civilite = e.take("civilite", Civilite::parse(&form.civilite));
        let nom_naissance =
            e.take("nom_naissance", person_name(&form.nom_naissance, NAME_MAX).map(|n| n.to_uppercase()));
        let nom_usuel =
            e.take("nom_usuel", optional_name(&form.nom_usuel, NAME_MAX).map(|n| n.map(|n| n.to_uppercase())));
        let prenom = e.take("prenom", person_name(&form.prenom, NAME_MAX));
        let autre_prenom = e.take("autre_prenom", optional_name(&form.autre_prenom, NAME_MAX));
        let date_naissance = e.take("date_naissance", parse_birth_date(&form.date_naissance, today));
        let pays_naissance = e.take("pays_naissance", required_text(&form.pays_naissance, 2).map(|p| p.to_uppercase()));
        let born_in_france = pays_naissance.as_deref() == Some(FRANCE);
        let departement_naissance = if born_in_france {
            e.take("departement_naissance", required_text(&form.departement_naissance, 3).map(Some))
        } else {
            Some(None)
        };
        let ville_naissance = e.take("ville_naissance", required_text(&form.ville_naissance, 100));
        let nationalite = e.take("nationalite", required_text(&form.nationalite, 2).map(|p| p.to_uppercase()));
        let telephone = e.take("telephone", parse_phone(&form.telephone));
        let portable = e.take("portable", parse_phone(&form.portable));
        let french = nationalite.as_deref() == Some(FRANCE);
        let ine = e.take("ine", parse_ine(&form.ine, form.sans_ine, settings, french));
        e.into_result(|| {
            Some(Identity {
                civilite: civilite?,
                nom_naissance: nom_naissance?,
                nom_usuel: nom_usuel?,
                prenom: prenom?,
                autre_prenom: autre_prenom?,
                date_naissance: date_naissance?,
                pays_naissance: pays_naissance?,
                departement_naissance: departement_naissance?,
                ville_naissance: ville_naissance?,
                nationalite: nationalite?,
                telephone: telephone?,
                portable: portable?,
                ine: ine?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ine::IneProblem;

    const TODAY: Day = Day { year: 2026, month: 11, day: 22 };

    fn form() -> IdentityForm {
        IdentityForm {
            civilite: "Mme".into(),
            nom_naissance: "Martin".into(),
            prenom: "Léa".into(),
            date_naissance: "03/07/2004".into(),
            pays_naissance: "FR".into(),
            departement_naissance: "31".into(),
            ville_naissance: "Toulouse".into(),
            nationalite: "FR".into(),
            portable: "06 12 34 56 78".into(),
            ine: "1234567890V".into(),
            ..IdentityForm::default()
        }
    }

    #[test]
    fn parses_a_complete_form() {
        let id = Identity::parse(&form(), TODAY, IneSettings::default()).unwrap();
        assert_eq!(id.nom_naissance, "MARTIN");
        assert_eq!(id.departement_naissance.as_deref(), Some("31"));
        assert_eq!(id.ine.unwrap().as_str(), "1234567890V");
        assert_eq!(id.portable.as_deref(), Some("06 12 34 56 78"));
    }

    #[test]
    fn the_departement_is_asked_only_for_births_in_france() {
        let mut f = form();
        f.departement_naissance.clear();
        let errors = Identity::parse(&f, TODAY, IneSettings::default()).unwrap_err();
        assert_eq!(errors.get("departement_naissance"), Some(&Problem::Required));
        f.pays_naissance = "DE".into();
        f.departement_naissance = "31".into();
        let id = Identity::parse(&f, TODAY, IneSettings::default()).unwrap();
        assert_eq!(id.departement_naissance, None);
    }

    #[test]
    fn reports_every_field() {
        let f = IdentityForm {
            civilite: "X".into(),
            date_naissance: "31/02/2004".into(),
            telephone: "12".into(),
            ine: "1234567890A".into(),
            ..form()
        };
        let errors = Identity::parse(&f, TODAY, IneSettings::default()).unwrap_err();
        assert_eq!(errors.get("civilite"), Some(&Problem::UnknownChoice));
        assert_eq!(errors.get("date_naissance"), Some(&Problem::DateInvalid));
        assert_eq!(errors.get("telephone"), Some(&Problem::PhoneInvalid));
        assert_eq!(errors.get("ine"), Some(&Problem::Ine(IneProblem::Key)));
    }

    #[test]
    fn ine_may_be_required_for_french_nationals() {
        let strict = IneSettings { required_for_french: true, ..IneSettings::default() };
        let f = IdentityForm { ine: String::new(), sans_ine: true, ..form() };
        assert_eq!(Identity::parse(&f, TODAY, strict).unwrap_err().get("ine"), Some(&Problem::Required));
        assert!(Identity::parse(&f, TODAY, IneSettings::default()).unwrap().ine.is_none());
        let foreign = IdentityForm { nationalite: "DE".into(), ..f };
        assert!(Identity::parse(&foreign, TODAY, strict).is_ok());
    }
}
