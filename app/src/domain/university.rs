//! "Vérifier les informations et renseigner votre adresse mail": the first
//! sign-in of a student through the university's CAS.

use super::account::NAME_MAX;
use super::email::EmailAddress;
use super::problem::{person_name, FieldErrors};

/// A valid first sign-in: the names (as the university gave them, or as
/// typed when it gave none) and the address the student chose.
#[derive(Clone, Debug)]
pub struct UniversityAccount {
    pub nom: String,
    pub prenom: String,
    pub email: EmailAddress,
}

impl UniversityAccount {
    pub fn parse(nom: &str, prenom: &str, email: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let nom = errors.take("nom", person_name(nom, NAME_MAX).map(|n| n.to_uppercase()));
        let prenom = errors.take("prenom", person_name(prenom, NAME_MAX));
        let email = errors.take("email", EmailAddress::parse(email));
        errors.into_result(|| Some(UniversityAccount { nom: nom?, prenom: prenom?, email: email? }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Problem;

    #[test]
    fn names_and_address_are_checked_field_by_field() {
        let ok = UniversityAccount::parse("Martin", "Léa", " lea.martin@etu.univ-exemple.fr ").unwrap();
        assert_eq!(ok.nom, "MARTIN");
        assert_eq!(ok.email.as_str(), "lea.martin@etu.univ-exemple.fr");
        let errors = UniversityAccount::parse("", "Léa", "pas-une-adresse").unwrap_err();
        assert_eq!(errors.get("nom"), Some(&Problem::Required));
        assert_eq!(errors.get("prenom"), None);
        assert!(errors.get("email").is_some());
    }
}
