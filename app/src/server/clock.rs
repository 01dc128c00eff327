//! Time as the application sees it: UTC seconds, moved by tests.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;

use crate::domain::language::Language;

#[derive(Clone, Default)]
pub struct Clock {
    /// Seconds added to the system clock (tests move time forward).
    offset: Arc<AtomicI64>,
    /// When not 0, the clock stands still at this instant (plus `offset`).
    frozen: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> i64 {
        let base = match self.frozen.load(Ordering::Relaxed) {
            0 => Utc::now().timestamp(),
            at => at,
        };
        base + self.offset.load(Ordering::Relaxed)
    }

    /// Stops the clock at `timestamp` (tests of exact instants).
    pub fn freeze_at(&self, timestamp: i64) {
        self.offset.store(0, Ordering::Relaxed);
        self.frozen.store(timestamp, Ordering::Relaxed);
    }

    pub fn advance(&self, seconds: i64) {
        self.offset.fetch_add(seconds, Ordering::Relaxed);
    }
}

/// A UTC timestamp as a French date, read in Europe/Paris (jj/mm/aaaa).
pub fn paris_date(timestamp: i64) -> String {
    paris(timestamp).format("%d/%m/%Y").to_string()
}

/// A UTC timestamp as a French date and time in Europe/Paris.
pub fn paris_date_time(timestamp: i64) -> String {
    paris(timestamp).format("%d/%m/%Y à %H:%M").to_string()
}

/// A UTC timestamp's day in Europe/Paris as a candidate reads it in their
/// language (`Day::written`: 03/04/2026, 3 April 2026).
pub fn paris_date_in(timestamp: i64, language: Language) -> String {
    paris_day(timestamp).written(language)
}

/// A UTC timestamp's day and time in Europe/Paris in a candidate's
/// language: "03/04/2026 à 14:05", "3 April 2026 at 14:05".
pub fn paris_date_time_in(timestamp: i64, language: Language) -> String {
    let time = paris(timestamp).format("%H:%M");
    match language {
        Language::Fr => format!("{} à {time}", paris_date(timestamp)),
        Language::En => format!("{} at {time}", paris_date_in(timestamp, language)),
    }
}

/// The day of a UTC timestamp in Europe/Paris: (year, month, day).
pub fn paris_ymd(timestamp: i64) -> (i32, u32, u32) {
    use chrono::Datelike;
    let t = paris(timestamp);
    (t.year(), t.month(), t.day())
}

/// The day of a UTC timestamp in Europe/Paris.
pub fn paris_day(timestamp: i64) -> crate::domain::date::Day {
    let (y, m, d) = paris_ymd(timestamp);
    crate::domain::date::Day::new(y, m, d).expect("a calendar day")
}

/// The first instant (UTC seconds) of a day in Europe/Paris.
pub fn paris_day_start(day: crate::domain::date::Day) -> i64 {
    let midnight = chrono::NaiveDate::parse_from_str(&day.iso(), "%Y-%m-%d")
        .unwrap_or_default()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    // Midnight exists in Paris every day (DST changes happen at 2 or 3 a.m.).
    Paris.from_local_datetime(&midnight).earliest().map(|t| t.timestamp()).unwrap_or_default()
}

fn paris(timestamp: i64) -> DateTime<chrono_tz::Tz> {
    Paris.from_utc_datetime(&DateTime::<Utc>::from_timestamp(timestamp, 0).unwrap_or_default().naive_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_in_paris_across_daylight_saving() {
        // 2026-03-28 23:30 UTC is already the 29th in Paris (UTC+1).
        assert_eq!(paris_date(1_774_740_600), "29/03/2026");
        // 2026-07-01 21:59:59 UTC is 23:59:59 in Paris (UTC+2).
        assert_eq!(paris_date_time(1_782_943_199), "01/07/2026 à 23:59");
    }

    #[test]
    fn writes_paris_dates_in_each_language() {
        // 2026-03-28 23:30 UTC: the 29th, 00:30 in Paris.
        assert_eq!(paris_date_in(1_774_740_600, Language::Fr), "29/03/2026");
        assert_eq!(paris_date_in(1_774_740_600, Language::En), "29 March 2026");
        assert_eq!(paris_date_time_in(1_774_740_600, Language::En), "29 March 2026 at 00:30");
        assert_eq!(paris_date_time_in(1_782_943_199, Language::Fr), paris_date_time(1_782_943_199));
        assert_eq!(paris_date_time_in(1_782_943_199, Language::En), "1 July 2026 at 23:59");
    }

    #[test]
    fn a_moved_clock_moves_forward() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(86_400);
        assert!(clock.now() - before >= 86_400);
    }
}
