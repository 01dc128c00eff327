//! The password policy of the "Informations mot de passe" block.

use serde::{Deserialize, Serialize};

/// The special characters the policy counts (guide 02.1).
pub const SPECIAL_CHARACTERS: [char; 11] = ['@', '#', '$', '%', '^', '&', '+', '=', '-', '!', '*'];
pub const MIN_LENGTH: usize = 10;
/// Upper bound so that hashing cost stays bounded.
pub const MAX_LENGTH: usize = 128;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordRule {
    Lowercase,
    Uppercase,
    Special,
    Digit,
    NoSpace,
    MinLength,
    MaxLength,
}

impl PasswordRule {
    /// The rules in the order the guide lists them.
    pub const ALL: [PasswordRule; 6] = [
        PasswordRule::Lowercase,
        PasswordRule::Uppercase,
        PasswordRule::Special,
        PasswordRule::Digit,
        PasswordRule::NoSpace,
        PasswordRule::MinLength,
    ];

    pub fn holds(self, candidate: &str) -> bool {
        match self {
            PasswordRule::Lowercase => candidate.chars().any(|c| c.is_lowercase()),
            PasswordRule::Uppercase => candidate.chars().any(|c| c.is_uppercase()),
            PasswordRule::Special => candidate.chars().any(|c| SPECIAL_CHARACTERS.contains(&c)),
            PasswordRule::Digit => candidate.chars().any(|c| c.is_ascii_digit()),
            PasswordRule::NoSpace => !candidate.chars().any(char::is_whitespace),
            PasswordRule::MinLength => candidate.chars().count() >= MIN_LENGTH,
            PasswordRule::MaxLength => candidate.chars().count() <= MAX_LENGTH,
        }
    }
}

/// The rules a candidate password breaks, in display order.
pub fn broken_rules(candidate: &str) -> Vec<PasswordRule> {
    PasswordRule::ALL.into_iter().chain([PasswordRule::MaxLength]).filter(|rule| !rule.holds(candidate)).collect()
}

/// A password that satisfies the policy. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn parse(candidate: &str) -> Result<Self, Vec<PasswordRule>> {
        let broken = broken_rules(candidate);
        if broken.is_empty() {
            Ok(Password(candidate.to_owned()))
        } else {
            Err(broken)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_password_meeting_every_rule() {
        assert!(Password::parse("Abcdefgh1!").is_ok());
        assert!(Password::parse("ÉtéChaud2026#").is_ok());
    }

    #[test]
    fn names_each_broken_rule() {
        assert_eq!(broken_rules("abcdefgh1!"), vec![PasswordRule::Uppercase]);
        assert_eq!(broken_rules("ABCDEFGH1!"), vec![PasswordRule::Lowercase]);
        assert_eq!(broken_rules("Abcdefghi!"), vec![PasswordRule::Digit]);
        assert_eq!(broken_rules("Abcdefghi1"), vec![PasswordRule::Special]);
        assert_eq!(broken_rules("Abcd efgh1!"), vec![PasswordRule::NoSpace]);
        assert_eq!(broken_rules("Abcdefg1!"), vec![PasswordRule::MinLength]);
        assert_eq!(
            broken_rules(""),
            vec![
                PasswordRule::Lowercase,
                PasswordRule::Uppercase,
                PasswordRule::Special,
                PasswordRule::Digit,
                PasswordRule::MinLength
            ]
        );
    }

    #[test]
    fn only_the_listed_characters_count_as_special() {
        for c in SPECIAL_CHARACTERS {
            assert!(Password::parse(&format!("Abcdefgh1{c}")).is_ok(), "{c}");
        }
        assert_eq!(broken_rules("Abcdefgh1?"), vec![PasswordRule::Special]);
        assert_eq!(broken_rules("Abcdefgh1_"), vec![PasswordRule::Special]);
    }

    #[test]
    fn tabs_and_non_breaking_spaces_are_spaces() {
        assert!(broken_rules("Abcdefgh1!\t").contains(&PasswordRule::NoSpace));
        assert!(broken_rules("Abcdefgh1!\u{a0}").contains(&PasswordRule::NoSpace));
    }

    #[test]
    fn bounds_the_length() {
        let long = format!("Aa1!{}", "x".repeat(MAX_LENGTH));
        assert_eq!(broken_rules(&long), vec![PasswordRule::MaxLength]);
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let p = Password::parse("Abcdefgh1!").unwrap();
        assert!(!format!("{p:?}").contains("Abcdefgh"));
    }
}
