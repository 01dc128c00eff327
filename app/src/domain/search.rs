//! The staff list's search (`q`): the candidate's names, login and address
//! folded to one key when they are written, and the query folded by the
//! same function, so that "Ménard", "ménard", "MENARD" and "menard" find
//! MÉNARD Élodie on SQLite as on PostgreSQL (whose `LOWER` and collations
//! fold differently). Letters lose their case and accents (`deunicode`
//! transliterates: "Ø" → "o", "ß" → "ss", "Œ" → "oe"); anything that is
//! not a letter or a digit becomes one space, so "N'Diaye" and "N Diaye",
//! "Saint-Étienne" and "saint etienne" are the same.

/// The words of `text`, folded and joined by single spaces.
pub fn fold(text: &str) -> String {
    let plain = deunicode::deunicode(text).to_lowercase();
    plain.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The key stored beside a candidate: every field staff search, folded,
/// in one string (so that "menard elodie" finds the nom and prénom).
pub fn search_key(fields: &[&str]) -> String {
    fields.iter().map(|f| fold(f)).filter(|f| !f.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The `LIKE` pattern of a query (`%folded%`), none when nothing is left
/// to search once folded. The folded text holds no `%`, `_` nor `\`.
pub fn search_pattern(query: &str) -> Option<String> {
    let folded = fold(query);
    (!folded.is_empty()).then(|| format!("%{folded}%"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_and_punctuation_fold_alike() {
        let key = search_key(&["MÉNARD", "Élodie", "EM4Q2X7A", "elodie.menard@exemple.fr"]);
        assert_eq!(key, "menard elodie em4q2x7a elodie menard exemple fr");
        for q in ["Ménard", "ménard", "MÉNARD", "MENARD", "menard", "élodie", "Élodie", "ménard élodie"] {
            let pattern = search_pattern(q).unwrap();
            assert!(key.contains(pattern.trim_matches('%')), "{q}");
        }
        assert_eq!(fold("N'Diaye"), fold("n diaye"));
        assert_eq!(fold("Saint-Étienne"), "saint etienne");
        assert_eq!(fold("Le  Bihan"), "le bihan");
        assert_eq!(fold("Øster Straße Œuvre"), "oster strasse oeuvre");
    }

    #[test]
    fn a_query_of_nothing_searches_nothing() {
        assert_eq!(search_pattern("  %_\\ ' "), None);
        assert_eq!(search_pattern("50%"), Some("%50%".to_owned()));
    }
}
