use serde::{Deserialize, Serialize};

use super::ine::IneProblem;
use super::password::PasswordRule;

/// Why a value was refused. The words live in `locales/fr.json`; this enum
/// is what travels between server and browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    EmailInvalid,
    EmailMismatch,
    EmailTaken,
    /// A new address that is the current one.
    EmailUnchanged,
    PasswordRules(Vec<PasswordRule>),
    PasswordMismatch,
    PasswordWrong,
    Ine(IneProblem),
    /// This INE is already another candidate's in this campaign.
    IneTaken,
    /// A date that is not jj/mm/aaaa or does not exist.
    DateInvalid,
    /// A birth date less than 10 or more than 100 years ago.
    BirthDateImplausible,
    PhoneInvalid,
    /// A year that is not a four-digit year up to this one.
    YearInvalid,
    /// Hours a week: a whole number from 1 to 80.
    HoursInvalid,
    /// Not five digits.
    PostalCodeInvalid,
    /// No commune has this postal code.
    PostalCodeUnknown,
    /// A value that is not among the choices offered.
    UnknownChoice,
    /// A day already past where one to come is asked for.
    DayPassed,
    /// A person's name with something else than letters, spaces, hyphens
    /// and apostrophes.
    NameInvalid,
    /// A rank on the liste complémentaire: a whole number from 1.
    RankInvalid,
    /// Informations personnelles are read-only once an application is submitted.
    Locked,
    /// A web address that is not http(s)://…
    UrlInvalid,
    /// The application window ends before it starts.
    EndBeforeStart,
    /// The date limite de retour comes before the end of the window.
    DeadlineBeforeEnd,
    /// The confirmation date is not after the publication of results.
    ConfirmationBeforePublication,
    /// A capacity that is not a whole number from 0.
    CapacityInvalid,
    /// A mail template names a variable it cannot have.
    UnknownVariable {
        name: String,
    },
    /// A value another record already has (a label, an address).
    AlreadyExists,
    /// An admin may not deactivate or demote their own account.
    OwnAccount,
    /// A campaign's code: letters, digits, dashes.
    CodeInvalid,
    /// Retention days out of range.
    RetentionInvalid,
    /// A value the university's records fix (read-only in the dossier).
    FromSchoolRecords,
    /// A records export's line that says otherwise than another line of
    /// the same student.
    Disagrees,
}

/// Problems attached to the form field they belong to (the field's `name`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(String, Problem)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, problem: Problem) {
        self.0.push((field.to_owned(), problem));
    }

    /// Records the outcome of a parse, keeping the value when it succeeded.
    pub fn take<T>(&mut self, field: &str, parsed: Result<T, Problem>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(problem) => {
                self.add(field, problem);
                None
            }
        }
    }

    pub fn get(&self, field: &str) -> Option<&Problem> {
        self.0.iter().find(|(name, _)| name == field).map(|(_, p)| p)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was recorded, the errors otherwise.
    pub fn into_result<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, FieldErrors> {
        match (self.is_empty(), value()) {
            (true, Some(value)) => Ok(value),
            _ => Err(self),
        }
    }
}

/// A required, trimmed line of text of at most `max` characters.
pub fn required_text(raw: &str, max: usize) -> Result<String, Problem> {
    let value = raw.trim();
    if value.is_empty() {
        Err(Problem::Required)
    } else if value.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(value.to_owned())
    }
}

/// A person's name (nom, prénom): letters of any alphabet, spaces,
/// hyphens and apostrophes, with at least one letter. Names go into mails
/// and letters sent to the candidate and to staff, so a "name" holding a
/// link, digits or markup is refused here rather than shown there.
pub fn person_name(raw: &str, max: usize) -> Result<String, Problem> {
    let value = required_text(raw, max)?;
    let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’');
    if value.chars().all(allowed) && value.chars().any(char::is_alphabetic) {
        Ok(value.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Err(Problem::NameInvalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_letters_spaces_hyphens_and_apostrophes() {
        assert_eq!(person_name("  Jean-Édouard  d'Arc ", 80).as_deref(), Ok("Jean-Édouard d'Arc"));
        assert_eq!(person_name("Nguyễn Thị", 80).as_deref(), Ok("Nguyễn Thị"));
        assert_eq!(person_name("O’Brien", 80).as_deref(), Ok("O’Brien"));
        for bad in ["http://piege.example", "Léa <b>", "{{lien}}", "Léa2", "--", "a@b"] {
            assert_eq!(person_name(bad, 80), Err(Problem::NameInvalid), "{bad}");
        }
        assert_eq!(person_name(" ", 80), Err(Problem::Required));
    }

    #[test]
    fn required_text_trims_and_bounds() {
        assert_eq!(required_text("  Léa ", 10), Ok("Léa".into()));
        assert_eq!(required_text("   ", 10), Err(Problem::Required));
        assert_eq!(required_text("abcdef", 5), Err(Problem::TooLong { max: 5 }));
        assert_eq!(required_text("ééééé", 5), Ok("ééééé".into()));
    }

    #[test]
    fn into_result_needs_no_error_and_a_value() {
        let mut errors = FieldErrors::new();
        let v = errors.take("a", Ok::<_, Problem>(1));
        assert_eq!(errors.clone().into_result(|| v), Ok(1));
        errors.add("b", Problem::Required);
        assert!(errors.into_result(|| v).is_err());
    }
}
