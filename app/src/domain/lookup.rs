//! Type-ahead search over a fixed list (communes, countries): what a
//! candidate types is matched against the start of any word of a label,
//! accents, case and punctuation aside ("st etienne" finds
//! "Saint-Étienne"), best matches first.
//!
//! The index keeps, sorted, every suffix of every normalised label that
//! starts a word, so a query is two binary searches and a walk over the
//! matching range: fast on every keystroke over the 35,000 communes.

use std::collections::BinaryHeap;

use serde::{Deserialize, Serialize};

/// One choice: the code a form sends, the label a person reads, a detail
/// that tells homonyms apart, and the scope it belongs to (a commune's
/// département), which a search can be limited to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub code: String,
    pub label: String,
    pub detail: String,
    pub scope: String,
}

/// Lowercase, without accents, ligatures spelt out, every run of
/// non-alphanumeric characters one space, "st"/"ste" as "saint"/"sainte".
pub fn normalize(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => plain.push('a'),
            'ç' => plain.push('c'),
            'è' | 'é' | 'ê' | 'ë' => plain.push('e'),
            'ì' | 'í' | 'î' | 'ï' => plain.push('i'),
            'ñ' => plain.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => plain.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => plain.push('u'),
            'ý' | 'ÿ' => plain.push('y'),
            'œ' => plain.push_str("oe"),
            'æ' => plain.push_str("ae"),
            c if c.is_alphanumeric() => plain.push(c),
            _ => plain.push(' '),
        }
    }
    plain
        .split_whitespace()
        .map(|word| match word {
            "st" => "saint",
            "ste" => "sainte",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How well an entry matches, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Rank {
    Exact,
    Start,
    Word,
}

pub struct Index {
    entries: Vec<Entry>,
    normalized: Vec<String>,
    /// (suffix of a normalised label starting at a word, entry, word offset)
    keys: Vec<(Box<str>, u32, u32)>,
    /// Entry numbers in label order, for an empty query.
    by_label: Vec<u32>,
}

impl Index {
    pub fn new(entries: Vec<Entry>) -> Index {
        let normalized: Vec<String> = entries.iter().map(|e| normalize(&e.label)).collect();
        let mut keys = Vec::new();
        for (n, label) in normalized.iter().enumerate() {
            let mut start = 0;
            for word in label.split(' ') {
                keys.push((label[start..].into(), n as u32, start as u32));
                start += word.len() + 1;
            }
        }
        keys.sort_unstable();
        let mut by_label: Vec<u32> = (0..entries.len() as u32).collect();
        by_label.sort_by(|a, b| normalized[*a as usize].cmp(&normalized[*b as usize]));
        Index { entries, normalized, keys, by_label }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.code == code)
    }

    /// At most `limit` entries matching `query`, within `scope` when given:
    /// exact labels, then labels that start with the query, then those
    /// with a word that does; shorter labels first, then alphabetically.
    pub fn search(&self, query: &str, scope: Option<&str>, limit: usize) -> Vec<&Entry> {
        let in_scope = |n: u32| scope.is_none_or(|s| self.entries[n as usize].scope == s);
        let q = normalize(query);
        if q.is_empty() {
            return self
                .by_label
                .iter()
                .copied()
                .filter(|n| in_scope(*n))
                .take(limit)
                .map(|n| &self.entries[n as usize])
                .collect();
        }
        let from = self.keys.partition_point(|(key, _, _)| &**key < q.as_str());
        let matching = self.keys[from..].iter().take_while(|(key, _, _)| key.starts_with(q.as_str()));
        // The best `limit` by (rank, length, label), kept in a bounded heap.
        let mut best: BinaryHeap<(Rank, usize, &str, u32)> = BinaryHeap::new();
        let mut seen = std::collections::HashSet::new();
        for &(_, n, offset) in matching {
            if !in_scope(n) {
                continue;
            }
            let label = self.normalized[n as usize].as_str();
            let rank = match offset {
                0 if label.len() == q.len() => Rank::Exact,
                0 => Rank::Start,
                _ => Rank::Word,
            };
            let item = (rank, label.len(), label, n);
            if best.len() == limit && best.peek().is_some_and(|worst| item >= *worst) {
                continue;
            }
            // A label with several matching words counts once, at its best rank.
            if !seen.insert((n, rank)) {
                continue;
            }
            best.push(item);
            if best.len() > limit {
                best.pop();
            }
        }
        let mut found: Vec<_> = best.into_vec();
        found.sort();
        let mut out: Vec<&Entry> = Vec::with_capacity(found.len());
        for (_, _, _, n) in found {
            let entry = &self.entries[n as usize];
            if !out.iter().any(|e| std::ptr::eq(*e, entry)) {
                out.push(entry);
            }
        }
        out
    }
}

/// The name a list of (code, name) pairs gives a code (empty when none).
pub fn name_in(list: &[(String, String)], code: &str) -> String {
    list.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone()).unwrap_or_default()
}

/// What a search sends to the browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub code: String,
    pub label: String,
    pub detail: String,
}

/// The one suggestion whose label is exactly what was typed (accents and
/// case aside), when only one is: what a person who typed a whole name and
/// left the field without picking it meant.
pub fn sole_exact<'a>(suggestions: &'a [Suggestion], typed: &str) -> Option<&'a Suggestion> {
    let q = normalize(typed);
    let mut exact = suggestions.iter().filter(|s| !q.is_empty() && normalize(&s.label) == q);
    let first = exact.next()?;
    exact.next().is_none().then_some(first)
}

impl From<&Entry> for Suggestion {
    fn from(e: &Entry) -> Self {
        Suggestion { code: e.code.clone(), label: e.label.clone(), detail: e.detail.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: &str, label: &str, scope: &str) -> Entry {
        Entry { code: code.into(), label: label.into(), detail: String::new(), scope: scope.into() }
    }

    fn index() -> Index {
        Index::new(vec![
            entry("42218", "Saint-Étienne", "42"),
            entry("31555", "Toulouse", "31"),
            entry("31069", "Blagnac", "31"),
            entry("83137", "Toulon", "83"),
            entry("31557", "Tournefeuille", "31"),
            entry("06088", "Nice", "06"),
            entry("33063", "Bordeaux", "33"),
            entry("47001", "Agen", "47"),
            entry("31004", "Saint-Orens-de-Gameville", "31"),
            entry("54395", "Nancy", "54"),
            entry("99999", "Toulouse-le-Château", "39"),
        ])
    }

    fn codes(found: Vec<&Entry>) -> Vec<&str> {
        found.into_iter().map(|e| e.code.as_str()).collect()
    }

    #[test]
    fn normalises_accents_case_punctuation_and_saints() {
        assert_eq!(normalize("  Saint-Étienne "), "saint etienne");
        assert_eq!(normalize("ST ÉTIENNE"), "saint etienne");
        assert_eq!(normalize("L'Haÿ-les-Roses"), "l hay les roses");
        assert_eq!(normalize("Œuilly"), "oeuilly");
        assert_eq!(normalize("--"), "");
    }

    #[test]
    fn finds_by_the_start_of_any_word_best_first() {
        let i = index();
        assert_eq!(codes(i.search("toul", None, 10)), ["83137", "31555", "99999"]);
        assert_eq!(codes(i.search("toulouse", None, 10)), ["31555", "99999"]);
        assert_eq!(codes(i.search("etienne", None, 10)), ["42218"]);
        assert_eq!(codes(i.search("st eti", None, 10)), ["42218"]);
        assert_eq!(codes(i.search("chateau", None, 10)), ["99999"]);
        assert_eq!(codes(i.search("louse", None, 10)), Vec::<&str>::new());
        assert_eq!(codes(i.search("saint", None, 10)), ["42218", "31004"]);
    }

    #[test]
    fn limits_and_scopes() {
        let i = index();
        assert_eq!(codes(i.search("t", None, 2)), ["83137", "31555"]);
        assert_eq!(codes(i.search("t", Some("31"), 10)), ["31555", "31557"]);
        assert_eq!(codes(i.search("", Some("31"), 10)), ["31069", "31004", "31555", "31557"]);
        assert_eq!(i.search("", None, 3).len(), 3);
        assert!(i.search("nice", Some("31"), 10).is_empty());
    }

    #[test]
    fn takes_a_whole_name_typed_without_choosing_when_unambiguous() {
        let i = index();
        let found: Vec<Suggestion> = i.search("toulouse", None, 10).into_iter().map(Suggestion::from).collect();
        assert_eq!(sole_exact(&found, "TOULOUSE").map(|s| s.code.as_str()), Some("31555"));
        assert!(sole_exact(&found, "toul").is_none());
        assert!(sole_exact(&found, "").is_none());
        let homonyms = Index::new(vec![entry("1", "Paris", "75"), entry("2", "Paris", "99")]);
        let found: Vec<Suggestion> = homonyms.search("paris", None, 10).into_iter().map(Suggestion::from).collect();
        assert!(sole_exact(&found, "Paris").is_none());
    }
}
