//! `locales/fr.json` and `locales/en.json` say the same things: leptos_i18n
//! only warns when a key is missing from one of them, so this test fails
//! instead (same keys in the same order, same `{{ variables }}`, nothing
//! empty, no French typography left in the English).

use serde_json::{Map, Value};

fn flat(prefix: &str, map: &Map<String, Value>, out: &mut Vec<(String, String)>) {
    for (key, value) in map {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            Value::Object(inner) => flat(&path, inner, out),
            Value::String(text) => out.push((path, text.clone())),
            other => out.push((path, other.to_string())),
        }
    }
}

fn strings(json: &str) -> Vec<(String, String)> {
    let value: Value = serde_json::from_str(json).expect("a locale file is JSON");
    let mut out = Vec::new();
    flat("", value.as_object().expect("a locale file is an object"), &mut out);
    out
}

fn variables(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}").map(|(name, _)| name.trim().to_owned()))
        .collect();
    names.sort();
    names
}

#[test]
fn both_languages_have_every_key_and_variable() {
    let fr = strings(include_str!("../locales/fr.json"));
    let en = strings(include_str!("../locales/en.json"));
    let fr_keys: Vec<&str> = fr.iter().map(|(k, _)| k.as_str()).collect();
    let en_keys: Vec<&str> = en.iter().map(|(k, _)| k.as_str()).collect();
    let missing: Vec<&&str> = fr_keys.iter().filter(|k| !en_keys.contains(k)).collect();
    let extra: Vec<&&str> = en_keys.iter().filter(|k| !fr_keys.contains(k)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing in en.json: {missing:?}; only in en.json: {extra:?}");
    assert_eq!(fr_keys, en_keys, "the same order, so that the two files read side by side");
    for ((key, french), (_, english)) in fr.iter().zip(&en) {
        assert_eq!(variables(french), variables(english), "{key}: the same variables");
        assert!(!english.trim().is_empty(), "{key}: empty in English");
        assert!(!english.contains('«') && !english.contains('·'), "{key}: French typography in English: {english}");
    }
}
