//! Where a diploma was obtained: in France, a département and one of its
//! communes; abroad, neither.

use super::problem::{required_text, FieldErrors};
use super::Problem;

/// `(département, commune)`, each `Some(None)` abroad; `None` where a
/// problem was recorded in `errors`.
pub fn departement_and_commune(
    errors: &mut FieldErrors,
    in_france: bool,
    departement: &str,
    commune: &str,
    commune_in: impl Fn(&str, &str) -> bool,
) -> (Option<Option<String>>, Option<Option<String>>) {
    if !in_france {
        return (Some(None), Some(None));
    }
    let dep = errors.take("departement", required_text(departement, 3));
    let commune = dep.as_ref().and_then(|dep| {
        let c = commune.trim();
        errors.take(
            "commune",
            if c.is_empty() {
                Err(Problem::Required)
            } else if commune_in(c, dep) {
                Ok(c.to_owned())
            } else {
                Err(Problem::UnknownChoice)
            },
        )
    });
    (dep.map(Some), commune.map(Some))
}
