//! What the dossier's pages show of the data the university gave (its
//! directory, its student records): the notice, and the read-only facts
//! with the hidden inputs that send them back unchanged.

use leptos::prelude::*;

use crate::i18n::*;

/// "Ces informations proviennent de votre dossier de scolarité".
#[component]
pub fn FromSchoolRecords() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="alert alert-info" role="note">
            <strong>{t!(i18n, dossier.from_records)}</strong>" "{t!(i18n, dossier.from_records_hint)}
        </p>
    }
}

/// One fact the university fixes: its label, what the page shows, and the
/// form field (name, value) the form sends.
#[derive(Clone)]
pub struct Fixed {
    pub label: String,
    pub shown: String,
    pub name: &'static str,
    pub value: String,
}

/// The facts as a list, each sent with the form as it is.
#[component]
pub fn FixedFacts(facts: Vec<Fixed>) -> impl IntoView {
    view! {
        <dl class="facts">
            {facts.iter().filter(|f| !f.shown.trim().is_empty()).map(|f| view! { <dt>{f.label.clone()}</dt><dd>{f.shown.clone()}</dd> }).collect_view()}
        </dl>
        {facts.into_iter().map(|f| view! { <input type="hidden" name=f.name value=f.value/> }).collect_view()}
    }
}
