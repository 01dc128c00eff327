//! The 8-character login a candidate receives by mail ("Login : AZEMZZJ3").

/// Letters and digits, without the look-alikes 0/O and 1/I, so a login read
/// from a mail is typed back right.
pub const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
pub const LENGTH: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Login(String);

impl Login {
    /// Builds a login from random bytes (the server's CSPRNG supplies them).
    /// 32 symbols divide 256, so every symbol is equally likely.
    pub fn from_random_bytes(bytes: [u8; LENGTH]) -> Self {
        Login(bytes.iter().map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char).collect())
    }

    /// Reads a login typed at sign-in (any case, surrounding spaces).
    pub fn parse(raw: &str) -> Option<Self> {
        let value = raw.trim().to_ascii_uppercase();
        (value.len() == LENGTH && value.bytes().all(|b| ALPHABET.contains(&b))).then_some(Login(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_eight_symbols_of_the_alphabet() {
        let login = Login::from_random_bytes([0, 1, 31, 32, 255, 100, 7, 200]);
        assert_eq!(login.as_str(), "AB9A9EHJ");
        assert_eq!(login.as_str().len(), LENGTH);
    }

    #[test]
    fn every_symbol_is_reachable_and_equally_likely() {
        let mut counts = [0usize; 32];
        for b in 0..=255u8 {
            let l = Login::from_random_bytes([b; 8]);
            let c = l.as_str().as_bytes()[0];
            counts[ALPHABET.iter().position(|x| *x == c).unwrap()] += 1;
        }
        assert!(counts.iter().all(|n| *n == 8));
    }

    #[test]
    fn parses_what_a_person_types() {
        assert_eq!(Login::parse(" azemzzj3 ").unwrap().as_str(), "AZEMZZJ3");
        assert!(Login::parse("AZEMZZJ").is_none());
        assert!(Login::parse("AZEMZZJ0").is_none(), "0 is not in the alphabet");
        assert!(Login::parse("lea@example.fr").is_none());
    }
}
