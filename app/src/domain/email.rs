//! Mail addresses: one account per address in the whole application,
//! compared without regard to case.

use super::Problem;

pub const MAX_LENGTH: usize = 254;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(Problem::Required);
        }
        if value.len() > MAX_LENGTH {
            return Err(Problem::TooLong { max: MAX_LENGTH });
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err(Problem::EmailInvalid);
        };
        let labels_ok = domain.split('.').count() >= 2
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        if labels_ok && local_ok {
            Ok(EmailAddress(value.to_owned()))
        } else {
            Err(Problem::EmailInvalid)
        }
    }

    /// As typed (trimmed): the address mail is sent to.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key that makes two spellings of one address the same account.
    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in ["lea.martin@example.fr", "a+b@univ-toulouse.fr", " X@Y.ORG "] {
            assert!(EmailAddress::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in ["lea", "lea@", "@x.fr", "lea@localhost", "a b@x.fr", "a@x..fr", "a@-x.fr", ".a@x.fr", "a@@x.fr"] {
            assert_eq!(EmailAddress::parse(bad), Err(Problem::EmailInvalid), "{bad}");
        }
        assert_eq!(EmailAddress::parse("  "), Err(Problem::Required));
    }

    #[test]
    fn normalises_case_only() {
        let e = EmailAddress::parse("Lea.Martin@Example.FR").unwrap();
        assert_eq!(e.as_str(), "Lea.Martin@Example.FR");
        assert_eq!(e.normalized(), "lea.martin@example.fr");
    }
}
