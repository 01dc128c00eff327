//! "Adresse" (guide 04.2): in France, the commune is one of those of the
//! postal code; abroad, a town typed freely.

use serde::{Deserialize, Serialize};

use super::identity::FRANCE;
use super::problem::{required_text, FieldErrors, Problem};

pub const LINE_MAX: usize = 38;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressForm {
    pub pays: String,
    pub ligne1: String,
    pub ligne2: String,
    pub ligne3: String,
    pub code_postal: String,
    /// INSEE code of the commune (France).
    pub commune: String,
    /// Town (abroad).
    pub ville: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    France { commune_code: String, commune_nom: String },
    Abroad { ville: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    pub pays: String,
    pub lignes: [Option<String>; 3],
    pub code_postal: Option<String>,
    pub place: Place,
}

fn optional(raw: &str, max: usize) -> Result<Option<String>, Problem> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        required_text(raw, max).map(Some)
    }
}

/// A French postal code: five digits.
pub fn parse_postal_code(raw: &str) -> Result<String, Problem> {
    let code: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if code.is_empty() {
        Err(Problem::Required)
    } else if code.len() == 5 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(Problem::PostalCodeInvalid)
    }
}

impl Address {
    /// `communes_of` gives the communes (INSEE code, name) of a postal code.
    pub fn parse(
        form: &AddressForm,
        communes_of: impl Fn(&str) -> Vec<(String, String)>,
    ) -> Result<Address, FieldErrors> {
        let mut e = FieldErrors::new();
        let pays = e.take("pays", required_text(&form.pays, 2).map(|p| p.to_uppercase()));
        let ligne1 = e.take("ligne1", required_text(&form.ligne1, LINE_MAX));
        let ligne2 = e.take("ligne2", optional(&form.ligne2, LINE_MAX));
        let ligne3 = e.take("ligne3", optional(&form.ligne3, LINE_MAX));
        let (code_postal, place) = if pays.as_deref() == Some(FRANCE) {
            let code = e.take("code_postal", parse_postal_code(&form.code_postal));
            let place = code.as_ref().and_then(|code| {
                let communes = communes_of(code);
                let chosen = form.commune.trim();
                let found = match (chosen.is_empty(), communes.as_slice()) {
                    (_, []) => Err(("code_postal", Problem::PostalCodeUnknown)),
                    (true, [only]) => Ok(only.clone()),
                    (true, _) => Err(("commune", Problem::Required)),
                    (false, list) => {
                        list.iter().find(|(c, _)| c == chosen).cloned().ok_or(("commune", Problem::UnknownChoice))
                    }
                };
                match found {
                    Ok((commune_code, commune_nom)) => Some(Place::France { commune_code, commune_nom }),
                    Err((field, problem)) => {
                        e.add(field, problem);
                        None
                    }
                }
            });
            (code.map(Some), place)
        } else {
            let code = e.take("code_postal", optional(&form.code_postal, 10));
            let ville = e.take("ville", required_text(&form.ville, 60));
            (code, ville.map(|ville| Place::Abroad { ville }))
        };
        e.into_result(|| {
            Some(Address {
                pays: pays?,
                lignes: [ligne1.map(Some)?, ligne2?, ligne3?],
                code_postal: code_postal?,
                place: place?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn communes(code: &str) -> Vec<(String, String)> {
        match code {
            "31000" => vec![("31555".into(), "Toulouse".into())],
            "31250" => vec![("31451".into(), "Revel".into()), ("31554".into(), "Vaudreuille".into())],
            _ => vec![],
        }
    }

    fn form() -> AddressForm {
        AddressForm {
            pays: "FR".into(),
            ligne1: "118 route de Narbonne".into(),
            code_postal: "31000".into(),
            ..AddressForm::default()
        }
    }

    #[test]
    fn the_commune_comes_from_the_postal_code() {
        let a = Address::parse(&form(), communes).unwrap();
        assert_eq!(a.place, Place::France { commune_code: "31555".into(), commune_nom: "Toulouse".into() });
        let several = AddressForm { code_postal: "31 250".into(), ..form() };
        assert_eq!(Address::parse(&several, communes).unwrap_err().get("commune"), Some(&Problem::Required));
        let chosen = AddressForm { commune: "31554".into(), ..several.clone() };
        assert!(
            matches!(Address::parse(&chosen, communes).unwrap().place, Place::France { ref commune_nom, .. } if commune_nom == "Vaudreuille")
        );
        let wrong = AddressForm { commune: "31555".into(), ..several };
        assert_eq!(Address::parse(&wrong, communes).unwrap_err().get("commune"), Some(&Problem::UnknownChoice));
    }

    #[test]
    fn postal_codes_are_checked() {
        let bad = AddressForm { code_postal: "3100".into(), ..form() };
        assert_eq!(Address::parse(&bad, communes).unwrap_err().get("code_postal"), Some(&Problem::PostalCodeInvalid));
        let unknown = AddressForm { code_postal: "99999".into(), ..form() };
        assert_eq!(
            Address::parse(&unknown, communes).unwrap_err().get("code_postal"),
            Some(&Problem::PostalCodeUnknown)
        );
    }

    #[test]
    fn abroad_the_town_is_typed() {
        let abroad = AddressForm { pays: "DE".into(), code_postal: "10115".into(), ville: "Berlin".into(), ..form() };
        let a = Address::parse(&abroad, communes).unwrap();
        assert_eq!(a.place, Place::Abroad { ville: "Berlin".into() });
        let missing = AddressForm { ville: String::new(), ..abroad };
        assert_eq!(Address::parse(&missing, communes).unwrap_err().get("ville"), Some(&Problem::Required));
    }
}
