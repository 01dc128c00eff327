//! A staff account as an admin creates or changes it: address, name, role
//! and the centres it works on.

use super::email::EmailAddress;
use super::problem::{required_text, FieldErrors, Problem};
use super::review::StaffRole;

pub const NAME_MAX: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffAccount {
    pub name: String,
    pub role: StaffRole,
    /// Centres a gestionnaire or commission member works on (admins see all).
    pub centres: Vec<i64>,
    /// The university CAS identifier the member signs in with, if any.
    pub cas_uid: Option<String>,
}

/// A CAS identifier (`uid`): printable, no spaces, at most 100 characters;
/// empty for none.
pub fn parse_cas_uid(raw: &str) -> Result<Option<String>, Problem> {
    let value = raw.trim();
    if value.is_empty() {
        Ok(None)
    } else if value.chars().count() > 100 {
        Err(Problem::TooLong { max: 100 })
    } else if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err(Problem::CodeInvalid)
    } else {
        Ok(Some(value.to_owned()))
    }
}

/// The account's name, role and centres; `known_centres` are the
/// campaign's. A gestionnaire or commission member needs a centre.
pub fn parse_account(
    name: &str,
    role: &str,
    centres: &[i64],
    known_centres: &[i64],
    cas_uid: &str,
) -> Result<StaffAccount, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = errors.take("name", required_text(name, NAME_MAX));
    let cas_uid = errors.take("cas_uid", parse_cas_uid(cas_uid));
    let role = errors.take(
        "role",
        StaffRole::from_code(role.trim()).ok_or(if role.trim().is_empty() {
            Problem::Required
        } else {
            Problem::UnknownChoice
        }),
    );
    if centres.iter().any(|c| !known_centres.contains(c)) {
        errors.add("centres", Problem::UnknownChoice);
    } else if centres.is_empty() && matches!(role, Some(StaffRole::Gestionnaire | StaffRole::Commission)) {
        errors.add("centres", Problem::Required);
    }
    let parsed = (|| Some(StaffAccount { name: name?, role: role?, centres: centres.to_vec(), cas_uid: cas_uid? }))();
    errors.into_result(|| parsed)
}

/// A new account also has its address.
pub fn parse_new_account(
    email: &str,
    name: &str,
    role: &str,
    centres: &[i64],
    known_centres: &[i64],
    cas_uid: &str,
) -> Result<(EmailAddress, StaffAccount), FieldErrors> {
    let mut errors = FieldErrors::new();
    let email = errors.take("email", EmailAddress::parse(email));
    let account = match parse_account(name, role, centres, known_centres, cas_uid) {
        Ok(account) => Some(account),
        Err(more) => {
            errors.0.extend(more.0);
            None
        }
    };
    errors.into_result(|| Some((email?, account?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gestionnaire_needs_a_centre_an_admin_does_not() {
        assert_eq!(
            parse_account("Ana", "gestionnaire", &[], &[1, 2], "").unwrap_err().get("centres"),
            Some(&Problem::Required)
        );
        assert!(parse_account("Ana", "admin", &[], &[1, 2], "").is_ok());
        assert_eq!(parse_account("Ana", "commission", &[2], &[1, 2], "").unwrap().role, StaffRole::Commission);
        assert_eq!(parse_account("Ana", "admin", &[], &[], " pers.ana ").unwrap().cas_uid.as_deref(), Some("pers.ana"));
        assert_eq!(
            parse_account("Ana", "admin", &[], &[], "pers ana").unwrap_err().get("cas_uid"),
            Some(&Problem::CodeInvalid)
        );
    }

    #[test]
    fn unknown_roles_and_centres_are_refused_field_by_field() {
        let errors = parse_new_account("pas-une-adresse", " ", "root", &[9], &[1], "").unwrap_err();
        assert_eq!(errors.get("email"), Some(&Problem::EmailInvalid));
        assert_eq!(errors.get("name"), Some(&Problem::Required));
        assert_eq!(errors.get("role"), Some(&Problem::UnknownChoice));
        assert_eq!(errors.get("centres"), Some(&Problem::UnknownChoice));
    }
}
