//! The candidate's dossier, one module per section (`/dossier/…`); the
//! checklist of the sections is on the home page
//! (`components::dossier_checklist`).

pub mod address;
pub mod bac;
pub mod cursus;
pub mod experiences;
pub mod identity;
pub mod internal_cursus;
pub mod stages;

/// A fixed list of choices as the select fields take them.
fn owned(list: Vec<(&'static str, &'static str)>) -> Vec<(String, String)> {
    list.into_iter().map(|(c, t)| (c.to_owned(), t.to_owned())).collect()
}
