//! The candidate's language: French (the default, and every staff page's)
//! or English. Chosen with the header's switch (a cookie for visitors,
//! kept on the account once signed in); a first visit follows the
//! browser's `Accept-Language`.

use serde::{Deserialize, Serialize};

/// Serialised as its code (`"fr"`, `"en"`), as in the candidate's data export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Fr,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    /// Its code in URLs, cookies, the database and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    /// A code as stored or sent; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Language> {
        match code.trim() {
            "fr" => Some(Language::Fr),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// Its own name, as the switch shows it.
    pub fn name(self) -> &'static str {
        match self {
            Language::Fr => "Français",
            Language::En => "English",
        }
    }

    /// A label and what it names, as the language punctuates them:
    /// "Modèle : CV" (a space before the colon), "Model: CV".
    pub fn labelled(self, label: impl std::fmt::Display, value: impl std::fmt::Display) -> String {
        format!("{label}{}{value}", self.colon())
    }

    /// A colon as the language writes it, with its spaces: " : ", ": ".
    pub fn colon(self) -> &'static str {
        match self {
            Language::Fr => " : ",
            Language::En => ": ",
        }
    }

    /// A name between the language's quotation marks: « Droit », “Law”.
    pub fn quoted(self, text: impl std::fmt::Display) -> String {
        match self {
            Language::Fr => format!("« {text} »"),
            Language::En => format!("“{text}”"),
        }
    }

    /// The language a browser prefers among ours, from its
    /// `Accept-Language` header (RFC 9110 §12.5.4): the highest weight
    /// wins, the earlier on a tie; `en-GB`, `fr-CA`… count as their
    /// language; nothing of ours, or no header, is French.
    pub fn from_accept_language(header: &str) -> Language {
        let mut best: Option<(u16, Language)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
            let Some(language) = Language::from_code(&primary) else { continue };
            let weight =
                parts.find_map(|p| p.trim().strip_prefix("q=").map(parse_weight)).unwrap_or(Some(1000)).unwrap_or(0);
            if weight > 0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, language));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

/// Staff pages (`/gestion` and below) are French, whatever the visitor
/// chose: they show no switch.
pub fn is_staff_path(path: &str) -> bool {
    path == "/gestion" || path.starts_with("/gestion/")
}

/// Where the switch sends the visitor back to: a path of this site only
/// (`/…`, not `//host` nor `/\\host`), printable ASCII (what a `Location`
/// header carries; the browser's own address is percent-encoded), else
/// the home page.
pub fn safe_return(path: &str) -> &str {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 2048
        && path.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    if ok {
        path
    } else {
        "/"
    }
}

/// A quality value (`0`, `0.5`, `1.000`) in thousandths; `None` if malformed.
fn parse_weight(q: &str) -> Option<u16> {
    let q = q.trim();
    let (whole, fraction) = q.split_once('.').unwrap_or((q, ""));
    if fraction.len() > 3 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_go_both_ways() {
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
        assert_eq!(Language::from_code("de"), None);
        assert_eq!(Language::from_code("EN"), None);
        assert_eq!(Language::default(), Language::Fr);
    }

    #[test]
    fn each_language_punctuates_its_way() {
        assert_eq!(Language::Fr.labelled("Login", "ABCD2345"), "Login : ABCD2345");
        assert_eq!(Language::En.labelled("Login", "ABCD2345"), "Login: ABCD2345");
        assert_eq!(Language::Fr.quoted("Droit"), "« Droit »");
        assert_eq!(Language::En.quoted("Law"), "“Law”");
    }

    #[test]
    fn the_switch_sends_back_to_this_site_only() {
        assert_eq!(safe_return("/candidatures/3?x=1#y"), "/candidatures/3?x=1#y");
        assert_eq!(safe_return("/%2F%2Fevil.example"), "/%2F%2Fevil.example", "encoded, it stays a path here");
        let long = format!("/{}", "a".repeat(3000));
        for bad in [
            "/\t/evil.example",
            "/ /evil.example",
            "/candidatures/é",
            long.as_str(),
            "//evil.example/",
            "/\\evil.example",
            "https://evil.example/",
            "evil",
            "",
            "/a\r\nSet-Cookie: x=1",
            "/a\\b",
        ] {
            assert_eq!(safe_return(bad), "/", "{bad:?}");
        }
        assert!(is_staff_path("/gestion") && is_staff_path("/gestion/candidatures"));
        assert!(!is_staff_path("/gestionnaire") && !is_staff_path("/"));
    }

    #[test]
    fn follows_the_browser_preference() {
        assert_eq!(Language::from_accept_language("en-US,en;q=0.9"), Language::En);
        assert_eq!(Language::from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"), Language::Fr);
        assert_eq!(Language::from_accept_language("de-DE,en;q=0.5,fr;q=0.4"), Language::En);
        assert_eq!(Language::from_accept_language("fr;q=0.4, en-GB;q=0.7"), Language::En);
        assert_eq!(Language::from_accept_language("en;q=0.8, fr;q=0.8"), Language::En, "the earlier on a tie");
        assert_eq!(Language::from_accept_language("de, es"), Language::Fr);
        assert_eq!(Language::from_accept_language(""), Language::Fr);
        assert_eq!(Language::from_accept_language("en;q=0"), Language::Fr, "q=0 means not acceptable");
        assert_eq!(
            Language::from_accept_language("en;q=abc, fr;q=0.1"),
            Language::Fr,
            "a malformed weight counts as 0"
        );
        assert_eq!(Language::from_accept_language("*"), Language::Fr);
    }
}
