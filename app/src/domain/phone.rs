//! Telephone numbers: French (10 digits, starting with 0) or international
//! (+ and 8 to 15 digits). Spaces, dots, dashes and brackets are ignored.

use super::Problem;

/// Returns the number in a readable canonical form, or `None` when empty.
pub fn parse_phone(raw: &str) -> Result<Option<String>, Problem> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.chars().any(|c| !(c.is_ascii_digit() || " .-()+".contains(c))) || trimmed[1..].contains('+') {
        return Err(Problem::PhoneInvalid);
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed.starts_with('+') {
        return if (8..=15).contains(&digits.len()) && !digits.starts_with('0') {
            Ok(Some(format!("+{digits}")))
        } else {
            Err(Problem::PhoneInvalid)
        };
    }
    if let Some(rest) = digits.strip_prefix("00") {
        return parse_phone(&format!("+{rest}"));
    }
    if digits.len() == 10 && digits.starts_with('0') && !digits.starts_with("00") {
        let pairs: Vec<&str> = (0..5).map(|i| &digits[2 * i..2 * i + 2]).collect();
        return Ok(Some(pairs.join(" ")));
    }
    Err(Problem::PhoneInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers() {
        assert_eq!(parse_phone("0561556677"), Ok(Some("05 61 55 66 77".into())));
        assert_eq!(parse_phone("06.12.34.56.78"), Ok(Some("06 12 34 56 78".into())));
        assert_eq!(parse_phone("  "), Ok(None));
        for bad in ["061234567", "06123456789", "6123456789", "06 12 34 56 7a"] {
            assert_eq!(parse_phone(bad), Err(Problem::PhoneInvalid), "{bad}");
        }
    }

    #[test]
    fn international_numbers() {
        assert_eq!(parse_phone("+33 6 12 34 56 78"), Ok(Some("+33612345678".into())));
        assert_eq!(parse_phone("0049 30 1234567"), Ok(Some("+49301234567".into())));
        assert_eq!(parse_phone("+1 (212) 555-0100"), Ok(Some("+12125550100".into())));
        for bad in ["+12", "+1234567890123456", "+33+6", "+0612345678"] {
            assert_eq!(parse_phone(bad), Err(Problem::PhoneInvalid), "{bad}");
        }
    }
}
