//! A mail template as staff edit it: a subject and a body with named
//! variables (`{{prenom}}`). Only the variables the template is given may
//! appear; a misspelt one would otherwise reach candidates as is.

use super::problem::{required_text, FieldErrors, Problem};

pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 10_000;
/// Given to every template.
pub const ALWAYS: [&str; 2] = ["product", "assistance"];

/// The names between `{{` and `}}`, in order of first appearance; an
/// unclosed `{{` yields what follows it, so that it is reported.
pub fn variables_of(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let (name, next) = match after.find("}}") {
            Some(end) => (after[..end].trim().to_owned(), &after[end + 2..]),
            None => (after.chars().take(20).collect::<String>(), ""),
        };
        if !names.contains(&name) {
            names.push(name);
        }
        rest = next;
    }
    names
}

/// The subject and body, checked: required, bounded, and every variable
/// among `allowed` (or those given to every template).
pub fn parse_template(subject: &str, body: &str, allowed: &[String]) -> Result<(String, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let known = |name: &String| allowed.contains(name) || ALWAYS.contains(&name.as_str());
    let mut check = |field: &str, text: Result<String, Problem>| {
        let text = errors.take(field, text)?;
        match variables_of(&text).into_iter().find(|n| !known(n)) {
            Some(name) => {
                errors.add(field, Problem::UnknownVariable { name: format!("{{{{{name}}}}}") });
                None
            }
            None => Some(text),
        }
    };
    let subject = check("subject", required_text(subject, SUBJECT_MAX).map(|s| s.replace(['\r', '\n'], " ")));
    let body = check("body", required_text(&body.replace("\r\n", "\n"), BODY_MAX));
    errors.into_result(|| Some((subject?, body?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_variables_once_each() {
        assert_eq!(variables_of("Bonjour {{prenom}} {{ nom }}, {{prenom}}"), vec!["prenom", "nom"]);
        assert_eq!(variables_of("sans variable"), Vec::<String>::new());
        assert_eq!(variables_of("fin {{lien"), vec!["lien"]);
    }

    #[test]
    fn only_known_variables_pass() {
        let allowed = vec!["prenom".to_owned(), "lien".to_owned()];
        assert!(parse_template("{{product}} - Bienvenue", "Bonjour {{prenom}} : {{lien}}", &allowed).is_ok());
        let errors = parse_template("Objet {{nom}}", "Bonjour {{prénom}}", &allowed).unwrap_err();
        assert_eq!(errors.get("subject"), Some(&Problem::UnknownVariable { name: "{{nom}}".into() }));
        assert_eq!(errors.get("body"), Some(&Problem::UnknownVariable { name: "{{prénom}}".into() }));
        assert_eq!(parse_template(" ", "x", &allowed).unwrap_err().get("subject"), Some(&Problem::Required));
    }

    #[test]
    fn a_subject_stays_on_one_line() {
        assert_eq!(parse_template("a\nb", "c", &[]).unwrap().0, "a b");
    }
}
