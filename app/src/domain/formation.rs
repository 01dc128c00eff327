//! A formation as staff configure it: its centre, words, dates and
//! capacity. The dates must make sense together: the application window
//! ends after it starts, the date limite de retour is on or after the end
//! of the window, and the confirmation date comes after the publication of
//! results.

use serde::{Deserialize, Serialize};

use super::date::Day;
use super::language::Language;
use super::problem::{required_text, FieldErrors, Problem};

pub const TITLE_MAX: usize = 200;
pub const TEXT_MAX: usize = 500;
/// The two ways a dossier is handed in and the treatments eCandidat names.
/// Stored as their French words (staff choose them; French staff pages
/// show them as they are).
pub const MODES: [&str; 2] = ["Dossier dématérialisé", "Dossier papier"];
pub const TREATMENTS: [&str; 2] = ["Accès contrôlé", "Accès de droit"];

/// A formation's mode (`MODES`) as a candidate reads it in `language`:
/// the eCandidat term kept in English; anything else as stored.
pub fn mode_in(stored: &str, language: Language) -> &str {
    match (language, stored) {
        (Language::En, "Dossier dématérialisé") => "Online application (dossier dématérialisé)",
        (Language::En, "Dossier papier") => "Paper application (dossier papier)",
        _ => stored,
    }
}

/// A formation's treatment (`TREATMENTS`) as a candidate reads it in
/// `language`, the same way.
pub fn treatment_in(stored: &str, language: Language) -> &str {
    match (language, stored) {
        (Language::En, "Accès contrôlé") => "Selective admission (accès contrôlé)",
        (Language::En, "Accès de droit") => "Admission as of right (accès de droit)",
        _ => stored,
    }
}

/// The form as typed (dates jj/mm/aaaa, or aaaa-mm-jj from a date picker).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormationForm {
    pub centre: String,
    pub title: String,
    pub keywords: String,
    pub url: String,
    pub window_start: String,
    pub window_end: String,
    pub return_deadline: String,
    pub publication: String,
    pub confirmation: String,
    pub mode: String,
    pub treatment: String,
    pub capacity: String,
    pub waiting_list: bool,
}

/// A formation that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formation {
    pub centre_id: i64,
    pub title: String,
    pub keywords: String,
    pub url: String,
    pub window_start: Day,
    pub window_end: Day,
    pub return_deadline: Day,
    pub publication: Option<Day>,
    pub confirmation: Option<Day>,
    pub mode: String,
    pub treatment: String,
    pub capacity: i64,
    pub waiting_list: bool,
}

/// A day typed either way; empty is `Required`.
pub fn parse_day(raw: &str) -> Result<Day, Problem> {
    let raw = raw.trim();
    match Day::parse_iso(raw) {
        Some(day) => Ok(day),
        None => Day::parse_french(raw),
    }
}

fn optional_day(raw: &str) -> Result<Option<Day>, Problem> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse_day(raw).map(Some)
    }
}

fn optional_text(raw: &str, max: usize) -> Result<String, Problem> {
    let value = raw.trim();
    if value.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(value.to_owned())
    }
}

fn choice(raw: &str, choices: &[&str]) -> Result<String, Problem> {
    choices.iter().find(|c| **c == raw.trim()).map(|c| (*c).to_owned()).ok_or(Problem::UnknownChoice)
}

impl FormationForm {
    /// Every rule, field by field. `centres` are the centres the staff
    /// member may configure; any other is an unknown choice.
    pub fn parse(&self, centres: &[i64]) -> Result<Formation, FieldErrors> {
        let mut errors = FieldErrors::new();
        let centre_id = errors.take(
            "centre",
            self.centre
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|c| centres.contains(c))
                .ok_or(if self.centre.trim().is_empty() { Problem::Required } else { Problem::UnknownChoice }),
        );
        let title = errors.take("title", required_text(&self.title, TITLE_MAX));
        let keywords = errors.take("keywords", optional_text(&self.keywords, TEXT_MAX));
        let url = errors.take(
            "url",
            optional_text(&self.url, TEXT_MAX).and_then(|u| {
                if u.is_empty() || u.starts_with("https://") || u.starts_with("http://") {
                    Ok(u)
                } else {
                    Err(Problem::UrlInvalid)
                }
            }),
        );
        let start = errors.take("window_start", parse_day(&self.window_start));
        let end = errors.take("window_end", parse_day(&self.window_end));
        let deadline = errors.take("return_deadline", parse_day(&self.return_deadline));
        let publication = errors.take("publication", optional_day(&self.publication));
        let confirmation = errors.take("confirmation", optional_day(&self.confirmation));
        if let (Some(start), Some(end)) = (start, end) {
            if end < start {
                errors.add("window_end", Problem::EndBeforeStart);
            }
        }
        if let (Some(end), Some(deadline)) = (end, deadline) {
            if deadline < end {
                errors.add("return_deadline", Problem::DeadlineBeforeEnd);
            }
        }
        if let (Some(Some(publication)), Some(Some(confirmation))) = (publication, confirmation) {
            if confirmation <= publication {
                errors.add("confirmation", Problem::ConfirmationBeforePublication);
            }
        }
        if let (Some(Some(_)), Some(None)) | (Some(None), Some(Some(_))) = (publication, confirmation) {
            // One without the other says nothing: both, or neither.
            let field = if matches!(publication, Some(None)) { "publication" } else { "confirmation" };
            errors.add(field, Problem::Required);
        }
        let mode = errors.take("mode", choice(&self.mode, &MODES));
        let treatment = errors.take("treatment", choice(&self.treatment, &TREATMENTS));
        let capacity = errors.take(
            "capacity",
            match self.capacity.trim() {
                "" => Ok(0),
                raw => raw.parse::<i64>().ok().filter(|c| (0..=100_000).contains(c)).ok_or(Problem::CapacityInvalid),
            },
        );
        let parsed = (|| {
            Some(Formation {
                centre_id: centre_id?,
                title: title?,
                keywords: keywords?,
                url: url?,
                window_start: start?,
                window_end: end?,
                return_deadline: deadline?,
                publication: publication?,
                confirmation: confirmation?,
                mode: mode?,
                treatment: treatment?,
                capacity: capacity?,
                waiting_list: self.waiting_list,
            })
        })();
        errors.into_result(|| parsed)
    }
}

/// A pièce justificative as staff define it for a centre.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PieceDefinition {
    pub centre_id: i64,
    pub label: String,
    /// Required of every candidate, or conditional ("Non concerné" allowed).
    pub required: bool,
    /// Asked by every formation of the centre; otherwise by the formations
    /// that name it.
    pub common: bool,
}

pub const PIECE_LABEL_MAX: usize = 200;

pub fn parse_piece(
    centre: &str,
    label: &str,
    required: bool,
    common: bool,
    centres: &[i64],
) -> Result<PieceDefinition, FieldErrors> {
    let mut errors = FieldErrors::new();
    let centre_id = errors.take(
        "centre",
        centre.trim().parse::<i64>().ok().filter(|c| centres.contains(c)).ok_or(Problem::UnknownChoice),
    );
    let label = errors.take("label", required_text(label, PIECE_LABEL_MAX));
    let parsed = (|| Some(PieceDefinition { centre_id: centre_id?, label: label?, required, common }))();
    errors.into_result(|| parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_read_modes_and_treatments_in_their_language() {
        for stored in MODES {
            assert_eq!(mode_in(stored, Language::Fr), stored);
            assert_ne!(mode_in(stored, Language::En), stored, "{stored} has no English");
            assert!(mode_in(stored, Language::En).contains(&stored.to_lowercase()), "the French term is kept");
        }
        for stored in TREATMENTS {
            assert_eq!(treatment_in(stored, Language::Fr), stored);
            assert_ne!(treatment_in(stored, Language::En), stored, "{stored} has no English");
            assert!(treatment_in(stored, Language::En).contains(&stored.to_lowercase()), "the French term is kept");
        }
        assert_eq!(mode_in("Autre chose", Language::En), "Autre chose");
    }

    fn form() -> FormationForm {
        FormationForm {
            centre: "3".into(),
            title: "Master Chimie".into(),
            window_start: "2026-03-01".into(),
            window_end: "31/03/2026".into(),
            return_deadline: "2026-04-10".into(),
            mode: MODES[0].into(),
            treatment: TREATMENTS[0].into(),
            capacity: "30".into(),
            ..Default::default()
        }
    }

    fn problem(form: &FormationForm, field: &str) -> Option<Problem> {
        form.parse(&[3]).err().and_then(|e| e.get(field).cloned())
    }

    #[test]
    fn a_consistent_formation_parses_with_both_date_styles() {
        let f = form().parse(&[3]).unwrap();
        assert_eq!(f.window_end, Day::new(2026, 3, 31).unwrap());
        assert_eq!(f.capacity, 30);
        assert_eq!(f.publication, None);
    }

    #[test]
    fn the_window_ends_after_it_starts() {
        let f = FormationForm { window_end: "28/02/2026".into(), ..form() };
        assert_eq!(problem(&f, "window_end"), Some(Problem::EndBeforeStart));
        // The same day is a one-day window.
        let f = FormationForm { window_end: "01/03/2026".into(), return_deadline: "01/03/2026".into(), ..form() };
        assert!(f.parse(&[3]).is_ok());
    }

    #[test]
    fn the_return_deadline_is_on_or_after_the_end_of_the_window() {
        let f = FormationForm { return_deadline: "30/03/2026".into(), ..form() };
        assert_eq!(problem(&f, "return_deadline"), Some(Problem::DeadlineBeforeEnd));
        let f = FormationForm { return_deadline: "31/03/2026".into(), ..form() };
        assert!(f.parse(&[3]).is_ok());
    }

    #[test]
    fn confirmation_comes_after_publication_and_needs_it() {
        let f = FormationForm { publication: "15/05/2026".into(), confirmation: "15/05/2026".into(), ..form() };
        assert_eq!(problem(&f, "confirmation"), Some(Problem::ConfirmationBeforePublication));
        let f = FormationForm { publication: "15/05/2026".into(), ..form() };
        assert_eq!(problem(&f, "confirmation"), Some(Problem::Required));
        let f = FormationForm { publication: "15/05/2026".into(), confirmation: "22/05/2026".into(), ..form() };
        assert_eq!(f.parse(&[3]).unwrap().confirmation, Day::new(2026, 5, 22));
    }

    #[test]
    fn every_field_is_told_at_once() {
        let f = FormationForm {
            centre: "9".into(),
            title: " ".into(),
            window_start: "31/02/2026".into(),
            capacity: "-1".into(),
            mode: "x".into(),
            url: "javascript:alert(1)".into(),
            ..form()
        };
        let errors = f.parse(&[3]).unwrap_err();
        assert_eq!(errors.get("centre"), Some(&Problem::UnknownChoice));
        assert_eq!(errors.get("title"), Some(&Problem::Required));
        assert_eq!(errors.get("window_start"), Some(&Problem::DateInvalid));
        assert_eq!(errors.get("capacity"), Some(&Problem::CapacityInvalid));
        assert_eq!(errors.get("mode"), Some(&Problem::UnknownChoice));
        assert_eq!(errors.get("url"), Some(&Problem::UrlInvalid));
    }

    #[test]
    fn a_piece_needs_a_label_and_a_centre_in_scope() {
        assert!(parse_piece("3", "Curriculum vitae", true, true, &[3]).is_ok());
        let errors = parse_piece("4", "", true, true, &[3]).unwrap_err();
        assert_eq!(errors.get("centre"), Some(&Problem::UnknownChoice));
        assert_eq!(errors.get("label"), Some(&Problem::Required));
    }
}
