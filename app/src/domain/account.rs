//! The "Création de compte" form, parsed as a whole.

use super::email::EmailAddress;
use super::password::Password;
use super::problem::{person_name, FieldErrors, Problem};

pub const NAME_MAX: usize = 60;

/// The raw fields of the form, as typed.
#[derive(Clone, Debug, Default)]
pub struct AccountForm<'a> {
    pub nom: &'a str,
    pub prenom: &'a str,
    pub email: &'a str,
    pub email_confirmation: &'a str,
    pub password: &'a str,
    pub password_confirmation: &'a str,
}

/// A valid request to create a candidate account.
#[derive(Clone, Debug)]
pub struct NewAccount {
    pub nom: String,
    pub prenom: String,
    pub email: EmailAddress,
    pub password: Password,
}

impl NewAccount {
    pub fn parse(form: &AccountForm<'_>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let nom = errors.take("nom", person_name(form.nom, NAME_MAX).map(|n| n.to_uppercase()));
        let prenom = errors.take("prenom", person_name(form.prenom, NAME_MAX));
        let email = confirmed_email(&mut errors, form.email, form.email_confirmation);
        let password = new_password(&mut errors, "password", form.password, form.password_confirmation);
        errors.into_result(|| Some(NewAccount { nom: nom?, prenom: prenom?, email: email?, password: password? }))
    }
}

/// "Adresse mail" and "Confirmation adresse mail": the address, when both
/// agree and it is well formed.
fn confirmed_email(errors: &mut FieldErrors, email: &str, confirmation: &str) -> Option<EmailAddress> {
    let email = errors.take("email", EmailAddress::parse(email));
    if let Some(email) = &email {
        if !email.as_str().eq_ignore_ascii_case(confirmation.trim()) {
            errors.add("email_confirmation", Problem::EmailMismatch);
        }
    }
    email
}

/// A change of mail address asked from "Mon compte": a new address,
/// confirmed, other than the current one.
pub fn new_email(email: &str, confirmation: &str, current: &EmailAddress) -> Result<EmailAddress, FieldErrors> {
    let mut errors = FieldErrors::new();
    let email = confirmed_email(&mut errors, email, confirmation);
    if email.as_ref().is_some_and(|e| e.normalized() == current.normalized()) {
        errors.add("email", Problem::EmailUnchanged);
    }
    errors.into_result(|| email)
}

/// A new password and its confirmation (account creation, reset, change).
pub fn new_password(errors: &mut FieldErrors, field: &str, password: &str, confirmation: &str) -> Option<Password> {
    let parsed = errors.take(field, Password::parse(password).map_err(Problem::PasswordRules));
    if parsed.is_some() && password != confirmation {
        errors.add(&format!("{field}_confirmation"), Problem::PasswordMismatch);
        return None;
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::password::PasswordRule;

    fn form() -> AccountForm<'static> {
        AccountForm {
            nom: "Martin",
            prenom: "Léa",
            email: "lea@example.fr",
            email_confirmation: "LEA@example.fr",
            password: "Abcdefgh1!",
            password_confirmation: "Abcdefgh1!",
        }
    }

    #[test]
    fn parses_a_complete_form() {
        let account = NewAccount::parse(&form()).unwrap();
        assert_eq!(account.nom, "MARTIN");
        assert_eq!(account.prenom, "Léa");
    }

    #[test]
    fn reports_every_field_at_once() {
        let errors =
            NewAccount::parse(&AccountForm { nom: " ", email: "lea@", password: "court", ..form() }).unwrap_err();
        assert_eq!(errors.get("nom"), Some(&Problem::Required));
        assert_eq!(errors.get("email"), Some(&Problem::EmailInvalid));
        assert!(
            matches!(errors.get("password"), Some(Problem::PasswordRules(r)) if r.contains(&PasswordRule::MinLength))
        );
        assert_eq!(errors.get("prenom"), None);
    }

    #[test]
    fn confirmations_must_match() {
        let errors = NewAccount::parse(&AccountForm {
            email_confirmation: "autre@example.fr",
            password_confirmation: "Abcdefgh1?",
            ..form()
        })
        .unwrap_err();
        assert_eq!(errors.get("email_confirmation"), Some(&Problem::EmailMismatch));
        assert_eq!(errors.get("password_confirmation"), Some(&Problem::PasswordMismatch));
    }

    #[test]
    fn a_new_address_must_be_confirmed_and_new() {
        let current = EmailAddress::parse("lea@example.fr").unwrap();
        assert_eq!(
            new_email(" lea.martin@example.org ", "LEA.MARTIN@example.org", &current).unwrap().as_str(),
            "lea.martin@example.org"
        );
        let errors = new_email("lea.martin@example.org", "lea@example.org", &current).unwrap_err();
        assert_eq!(errors.get("email_confirmation"), Some(&Problem::EmailMismatch));
        let errors = new_email("LEA@example.fr", "lea@example.fr", &current).unwrap_err();
        assert_eq!(errors.get("email"), Some(&Problem::EmailUnchanged));
        assert_eq!(new_email("lea@", "lea@", &current).unwrap_err().get("email"), Some(&Problem::EmailInvalid));
    }
}
