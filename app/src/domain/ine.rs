//! The INE (identifiant national étudiant): normalised, then checked by
//! format and key, in the browser as the candidate types and again on the
//! server when the dossier is saved.

use serde::{Deserialize, Serialize};

pub const LENGTH: usize = 11;
/// Key letters of the INE-BEA: the alphabet without I, O and Q.
const BEA_KEYS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// Which kind of identifier a valid INE is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IneKind {
    /// 10 digits and a key letter (baccalauréat).
    Bea,
    /// 10 base-36 characters and a key digit (universities).
    University,
    /// 9 digits and 2 letters: its key cannot be checked offline.
    Ines,
}

/// Why an INE is refused; each says what to correct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IneProblem {
    /// Not 11 characters once spaces and dashes are removed.
    Length { found: usize },
    /// 11 characters, but not any known INE form.
    Format,
    /// The key (last character) does not match the rest.
    Key,
    /// Ten identical digits, or ten letters: not a real number.
    Repeated,
    /// I, O and Q are never INE-BEA keys (they look like 1 and 0).
    ForbiddenLetter,
    /// An INES, refused by the campaign: take the INE of the bac transcript.
    InesRefused,
}

/// Whether the campaign accepts INES numbers on their format alone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IneRules {
    pub accept_ines: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ine {
    value: String,
    kind: IneKind,
}

/// Trim, drop spaces and dashes, upper case.
pub fn normalize(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect()
}

fn base36(c: u8) -> Option<u32> {
    (c as char).to_digit(36)
}

fn bea_key(digits: &[u8]) -> u8 {
    let n = digits.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
    BEA_KEYS[(n % 23) as usize]
}

fn university_key(chars: &[u8]) -> u8 {
    let sum: u32 = chars[..9].iter().filter_map(|c| base36(*c)).sum();
    let tenth = base36(chars[9]).unwrap_or(0);
    b'0' + ((6 * sum + tenth) % 10) as u8
}

impl Ine {
    pub fn parse(raw: &str, rules: IneRules) -> Result<Ine, IneProblem> {
        let value = normalize(raw);
        let b = value.as_bytes();
        if value.chars().count() != LENGTH {
            return Err(IneProblem::Length { found: value.chars().count() });
        }
        let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
        let letters = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_uppercase);
        let all_same = b[..10].iter().all(|c| *c == b[0]);
        let kind = if digits(0..10) && letters(10..11) {
            if all_same {
                return Err(IneProblem::Repeated);
            }
            if matches!(b[10], b'I' | b'O' | b'Q') {
                return Err(IneProblem::ForbiddenLetter);
            }
            if bea_key(&b[..10]) != b[10] {
                return Err(IneProblem::Key);
            }
            IneKind::Bea
        } else if b[..10].iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) && digits(10..11) {
            if (digits(0..10) && all_same) || letters(0..10) {
                return Err(IneProblem::Repeated);
            }
            if university_key(b) != b[10] {
                return Err(IneProblem::Key);
            }
            IneKind::University
        } else if digits(0..9) && letters(9..11) {
            if !rules.accept_ines {
                return Err(IneProblem::InesRefused);
            }
            IneKind::Ines
        } else {
            return Err(IneProblem::Format);
        };
        Ok(Ine { value, kind })
    }

    pub fn as_str(&self) -> &str {
        &self.value
    }

    pub fn kind(&self) -> IneKind {
        self.kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: IneRules = IneRules { accept_ines: false };
    const LENIENT: IneRules = IneRules { accept_ines: true };

    fn kind(raw: &str) -> Result<IneKind, IneProblem> {
        Ine::parse(raw, STRICT).map(|i| i.kind())
    }

    #[test]
    fn the_issue_examples() {
        assert_eq!(kind("1234567890V"), Ok(IneKind::Bea));
        assert_eq!(kind("0123456789M"), Ok(IneKind::Bea));
        assert_eq!(kind("1234567890A"), Err(IneProblem::Key));
        assert_eq!(kind("12345678900"), Ok(IneKind::University));
        assert_eq!(kind("AB123456782"), Ok(IneKind::University));
        assert_eq!(kind("12345678901"), Err(IneProblem::Key));
        assert_eq!(kind("AAAAAAAAAA5"), Err(IneProblem::Repeated));
    }

    #[test]
    fn normalises_what_people_type() {
        let ine = Ine::parse(" 12345-67890 v ", STRICT).unwrap();
        assert_eq!(ine.as_str(), "1234567890V");
        assert_eq!(normalize("ab 12-3"), "AB123");
    }

    #[test]
    fn says_why_it_refuses() {
        assert_eq!(kind("123"), Err(IneProblem::Length { found: 3 }));
        assert_eq!(kind("1234567890VV"), Err(IneProblem::Length { found: 12 }));
        assert_eq!(kind(""), Err(IneProblem::Length { found: 0 }));
        assert_eq!(kind("1234567890é"), Err(IneProblem::Format));
        assert_eq!(kind("12345.78901"), Err(IneProblem::Format));
        assert_eq!(kind("1111111111A"), Err(IneProblem::Repeated));
        assert_eq!(kind("00000000000"), Err(IneProblem::Repeated));
        assert_eq!(kind("1234567890I"), Err(IneProblem::ForbiddenLetter));
        assert_eq!(kind("1234567890O"), Err(IneProblem::ForbiddenLetter));
        assert_eq!(kind("1234567890Q"), Err(IneProblem::ForbiddenLetter));
    }

    #[test]
    fn every_bea_has_exactly_one_key() {
        for n in [1_000_000_000u64, 2_468_013_579, 9_999_999_998, 123_456_789] {
            let digits = format!("{n:010}");
            let good: Vec<char> =
                BEA_KEYS.iter().map(|k| *k as char).filter(|k| kind(&format!("{digits}{k}")).is_ok()).collect();
            assert_eq!(good.len(), 1, "{digits}");
        }
    }

    #[test]
    fn every_university_ine_has_exactly_one_key() {
        for body in ["ABCDEFGH12", "0A1B2C3D4E", "ZZZZZZZZZ9"] {
            let good: Vec<u32> = (0..10).filter(|d| kind(&format!("{body}{d}")).is_ok()).collect();
            assert_eq!(good.len(), 1, "{body}");
        }
    }

    #[test]
    fn ines_depends_on_the_campaign() {
        assert_eq!(kind("123456789AB"), Err(IneProblem::InesRefused));
        assert_eq!(Ine::parse("123456789ab", LENIENT).map(|i| i.kind()), Ok(IneKind::Ines));
    }
}
