//! Calendar days as people type them (jj/mm/aaaa), without a time zone:
//! "today" is given by the caller (the server reads it in Europe/Paris).

use serde::{Deserialize, Serialize};

use super::language::Language;
use super::Problem;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Day {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) && (1000..=9999).contains(&year))
            .then_some(Day { year, month, day })
    }

    /// `jj/mm/aaaa` (also `j/m/aaaa`, and `-` or `.` as separators).
    pub fn parse_french(raw: &str) -> Result<Day, Problem> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(Problem::Required);
        }
        let parts: Vec<&str> = raw.split(['/', '-', '.']).collect();
        let [d, m, y] = parts.as_slice() else { return Err(Problem::DateInvalid) };
        let number = |s: &str| s.parse::<u32>().ok();
        match (number(d), number(m), y.len() == 4) {
            (Some(d), Some(m), true) => {
                y.parse::<i32>().ok().and_then(|y| Day::new(y, m, d)).ok_or(Problem::DateInvalid)
            }
            _ => Err(Problem::DateInvalid),
        }
    }

    /// `YYYY-MM-DD`, as stored.
    pub fn parse_iso(raw: &str) -> Option<Day> {
        let mut it = raw.split('-');
        let (y, m, d) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
        Day::new(y, m, d)
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn french(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// As a candidate reads it in their language: `13/04/2026` in French,
    /// `13 April 2026` in English (day first, the month in words, so that
    /// no reader takes it for 4 December).
    pub fn written(&self, language: Language) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match language {
            Language::Fr => self.french(),
            Language::En => {
                let month = MONTHS.get((self.month as usize).saturating_sub(1)).copied().unwrap_or("?");
                format!("{} {month} {:04}", self.day, self.year)
            }
        }
    }

    /// Days since 1970-01-01 (civil calendar; H. Hinnant's algorithm).
    pub fn days_since_epoch(&self) -> i64 {
        let (m, d) = (self.month as i64, self.day as i64);
        let y = self.year as i64 - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` later (earlier when negative).
    pub fn plus_days(&self, days: i64) -> Day {
        // H. Hinnant's civil_from_days.
        let z = self.days_since_epoch() + days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// The same day `years` earlier (29 February becomes 28 when needed).
    pub fn years_before(&self, years: i32) -> Day {
        let year = self.year - years;
        Day { year, month: self.month, day: self.day.min(days_in_month(year, self.month)) }
    }
}

/// A birth date at least 10 and at most 100 years before `today`.
/// A stored day (`YYYY-MM-DD`) as staff and candidates read it
/// (`jj/mm/aaaa`); anything else is shown as it is.
pub fn french_day(iso: &str) -> String {
    Day::parse_iso(iso).map(|d| d.french()).unwrap_or_else(|| iso.to_owned())
}

/// A stored day as written in this language (`Day::written`).
pub fn written_day(iso: &str, language: Language) -> String {
    Day::parse_iso(iso).map(|d| d.written(language)).unwrap_or_else(|| iso.to_owned())
}

/// A day as a form holds it (jj/mm/aaaa), shown in this language: as it is
/// in French, in words in English; anything unreadable as it is.
pub fn written_form_day(raw: &str, language: Language) -> String {
    match (language, Day::parse_french(raw)) {
        (Language::En, Ok(day)) => day.written(language),
        _ => raw.to_owned(),
    }
}

pub fn parse_birth_date(raw: &str, today: Day) -> Result<Day, Problem> {
    let day = Day::parse_french(raw)?;
    if day > today.years_before(10) || day < today.years_before(100) {
        return Err(Problem::BirthDateImplausible);
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Day = Day { year: 2026, month: 11, day: 22 };

    #[test]
    fn each_language_writes_its_dates() {
        let day = Day { year: 2026, month: 4, day: 3 };
        assert_eq!(day.written(Language::Fr), "03/04/2026");
        assert_eq!(day.written(Language::En), "3 April 2026");
        assert_eq!(written_day("2026-12-31", Language::En), "31 December 2026");
        assert_eq!(written_day("n/a", Language::En), "n/a");
        assert_eq!(written_form_day("03/07/2004", Language::En), "3 July 2004");
        assert_eq!(written_form_day("03/07/2004", Language::Fr), "03/07/2004");
        assert_eq!(written_form_day("", Language::En), "");
    }

    #[test]
    fn parses_french_dates() {
        assert_eq!(Day::parse_french("03/07/2004"), Ok(Day { year: 2004, month: 7, day: 3 }));
        assert_eq!(Day::parse_french(" 3-7-2004 "), Ok(Day { year: 2004, month: 7, day: 3 }));
        assert_eq!(Day::parse_french("29/02/2004").map(|d| d.iso()), Ok("2004-02-29".into()));
        for bad in ["29/02/2005", "31/04/2004", "00/01/2004", "12/13/2004", "2004-07-03", "3/7/04", "abc"] {
            assert_eq!(Day::parse_french(bad), Err(Problem::DateInvalid), "{bad}");
        }
        assert_eq!(Day::parse_french(""), Err(Problem::Required));
    }

    #[test]
    fn birth_dates_are_between_10_and_100_years_ago() {
        assert!(parse_birth_date("22/11/2016", TODAY).is_ok());
        assert_eq!(parse_birth_date("23/11/2016", TODAY), Err(Problem::BirthDateImplausible));
        assert!(parse_birth_date("22/11/1926", TODAY).is_ok());
        assert_eq!(parse_birth_date("21/11/1926", TODAY), Err(Problem::BirthDateImplausible));
    }

    #[test]
    fn round_trips_iso() {
        let d = Day::new(2004, 7, 3).unwrap();
        assert_eq!(Day::parse_iso(&d.iso()), Some(d));
        assert_eq!(d.french(), "03/07/2004");
    }
}
