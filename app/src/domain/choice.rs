//! Closed lists of choices (bac mentions, kinds of formation…): the code
//! stored, and its label in each language. A French official term an
//! international candidate needs stays in the English label, in
//! parentheses, where it helps.

use super::language::Language;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub code: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
}

impl Choice {
    pub const fn new(code: &'static str, fr: &'static str, en: &'static str) -> Choice {
        Choice { code, fr, en }
    }

    pub fn label(&self, language: Language) -> &'static str {
        match language {
            Language::Fr => self.fr,
            Language::En => self.en,
        }
    }
}

/// The list as a select field takes it: (code, label in `language`).
pub fn options(list: &[Choice], language: Language) -> Vec<(&'static str, &'static str)> {
    list.iter().map(|c| (c.code, c.label(language))).collect()
}

/// The label of a code of the list, if it is one.
pub fn label_of(list: &[Choice], code: &str, language: Language) -> Option<&'static str> {
    list.iter().find(|c| c.code == code.trim()).map(|c| c.label(language))
}

/// Whether `code` is one of the list's.
pub fn is_code(list: &[Choice], code: &str) -> bool {
    list.iter().any(|c| c.code == code)
}

/// Every entry has a label in each language, and the English one is not
/// the French left as it was (unless `same_allowed` says the French is an
/// official name kept as it is): the lists' own tests call it.
#[cfg(test)]
pub fn assert_translated(list: &[Choice], same_allowed: &[&str]) {
    for c in list {
        assert!(!c.code.is_empty() && !c.fr.trim().is_empty() && !c.en.trim().is_empty(), "{c:?}");
        assert!(c.fr != c.en || same_allowed.contains(&c.code), "{} has no English label: {c:?}", c.code);
    }
    let mut codes: Vec<&str> = list.iter().map(|c| c.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), list.len(), "codes are unique");
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &[Choice] = &[Choice::new("O", "Obtenu", "Obtained"), Choice::new("N", "Non obtenu", "Not obtained")];

    #[test]
    fn labels_follow_the_language() {
        assert_eq!(options(LIST, Language::Fr), vec![("O", "Obtenu"), ("N", "Non obtenu")]);
        assert_eq!(options(LIST, Language::En), vec![("O", "Obtained"), ("N", "Not obtained")]);
        assert_eq!(label_of(LIST, " N ", Language::En), Some("Not obtained"));
        assert_eq!(label_of(LIST, "X", Language::En), None);
        assert!(is_code(LIST, "O") && !is_code(LIST, "o"));
        assert_translated(LIST, &[]);
    }
}
