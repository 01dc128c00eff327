//! A campaign's life (issue 6): prepared, then active (one at a time),
//! archived when the next one is activated (read-only for staff, out of the
//! candidates' view), and its dossiers and files destroyed once its
//! retention period has passed since the archive.

use serde::{Deserialize, Serialize};

use super::date::Day;
use super::problem::{required_text, FieldErrors, Problem};

pub const CODE_MAX: usize = 20;
pub const LABEL_MAX: usize = 200;
/// Retention after the archive, in days: from one month to ten years.
pub const RETENTION_MIN: i64 = 30;
pub const RETENTION_MAX: i64 = 3650;
pub const RETENTION_DEFAULT: i64 = 730;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CampaignState {
    /// Created, configured, not open to candidates yet.
    Prepared,
    Active,
    /// Read-only for staff, out of the candidates' view.
    Archived,
    /// Archived, and its dossiers and files destroyed.
    Destroyed,
}

impl CampaignState {
    pub fn of(active: bool, archived_at: Option<i64>, destroyed_at: Option<i64>) -> CampaignState {
        match (active, archived_at, destroyed_at) {
            (_, _, Some(_)) => CampaignState::Destroyed,
            (_, Some(_), None) => CampaignState::Archived,
            (true, None, None) => CampaignState::Active,
            (false, None, None) => CampaignState::Prepared,
        }
    }
}

/// "2026/2027": two consecutive years.
pub fn parse_university_year(raw: &str) -> Result<String, Problem> {
    let raw = raw.trim();
    let years: Vec<i32> = raw.split('/').filter_map(|y| (y.len() == 4).then(|| y.parse().ok()).flatten()).collect();
    match years.as_slice() {
        [a, b] if *b == a + 1 && raw.len() == 9 => Ok(raw.to_owned()),
        _ if raw.is_empty() => Err(Problem::Required),
        _ => Err(Problem::YearInvalid),
    }
}

pub fn parse_retention(raw: &str) -> Result<i64, Problem> {
    match raw.trim() {
        "" => Err(Problem::Required),
        raw => raw
            .parse::<i64>()
            .ok()
            .filter(|n| (RETENTION_MIN..=RETENTION_MAX).contains(n))
            .ok_or(Problem::RetentionInvalid),
    }
}

/// "Nouvelle campagne" as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignForm {
    pub code: String,
    pub label: String,
    pub university_year: String,
    pub retention_days: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCampaign {
    /// Letters, digits and dashes, as in "2027" or "CESURE-2027".
    pub code: String,
    pub label: String,
    pub university_year: String,
    pub retention_days: i64,
}

fn parse_code(raw: &str) -> Result<String, Problem> {
    let code = required_text(raw, CODE_MAX)?;
    if code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Ok(code.to_uppercase())
    } else {
        Err(Problem::CodeInvalid)
    }
}

impl CampaignForm {
    pub fn parse(&self) -> Result<NewCampaign, FieldErrors> {
        let mut errors = FieldErrors::new();
        let code = errors.take("code", parse_code(&self.code));
        let label = errors.take("label", required_text(&self.label, LABEL_MAX));
        let year = errors.take("university_year", parse_university_year(&self.university_year));
        let retention = errors.take("retention_days", parse_retention(&self.retention_days));
        errors.into_result(|| {
            Some(NewCampaign { code: code?, label: label?, university_year: year?, retention_days: retention? })
        })
    }
}

/// The instant from which an archived campaign's dossiers are destroyed.
pub fn destruction_at(archived_at: i64, retention_days: i64) -> i64 {
    archived_at + retention_days * 86_400
}

/// A day of the previous campaign carried into the next: one year later
/// (29 February becomes 28 February).
pub fn next_year(day: Day) -> Day {
    let (y, m, d) = (day.year + 1, day.month, day.day);
    Day::new(y, m, d).or_else(|| Day::new(y, m, d - 1)).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(code: &str, year: &str, retention: &str) -> CampaignForm {
        CampaignForm {
            code: code.into(),
            label: "Campagne 2027".into(),
            university_year: year.into(),
            retention_days: retention.into(),
        }
    }

    #[test]
    fn a_campaign_is_parsed_field_by_field() {
        let c = form("cesure-2027", "2027/2028", "365").parse().unwrap();
        assert_eq!((c.code.as_str(), c.university_year.as_str(), c.retention_days), ("CESURE-2027", "2027/2028", 365));
        let errors = form("2027 bis", "2027/2029", "10").parse().unwrap_err();
        assert_eq!(errors.get("code"), Some(&Problem::CodeInvalid));
        assert_eq!(errors.get("university_year"), Some(&Problem::YearInvalid));
        assert_eq!(errors.get("retention_days"), Some(&Problem::RetentionInvalid));
        assert_eq!(form("", "", "").parse().unwrap_err().get("code"), Some(&Problem::Required));
    }

    #[test]
    fn states_follow_the_dates() {
        assert_eq!(CampaignState::of(false, None, None), CampaignState::Prepared);
        assert_eq!(CampaignState::of(true, None, None), CampaignState::Active);
        assert_eq!(CampaignState::of(false, Some(1), None), CampaignState::Archived);
        assert_eq!(CampaignState::of(false, Some(1), Some(2)), CampaignState::Destroyed);
        assert_eq!(destruction_at(1_000, 2), 1_000 + 2 * 86_400);
    }

    #[test]
    fn days_are_carried_one_year_later() {
        assert_eq!(next_year(Day::new(2026, 3, 15).unwrap()), Day::new(2027, 3, 15).unwrap());
        assert_eq!(next_year(Day::new(2028, 2, 29).unwrap()), Day::new(2029, 2, 28).unwrap());
    }
}
