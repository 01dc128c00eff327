//! The INE field, checked as the candidate types by the same Rust the
//! server runs (`domain::ine`): the reason of a refusal shows at once.

use leptos::prelude::*;

use super::field::Field;
use super::messages::ine_text;
use crate::domain::ine::{normalize, Ine, IneKind, IneRules};
use crate::domain::Problem;
use crate::i18n::*;

#[component]
pub fn IneField(
    #[prop(optional)] id: Option<&'static str>,
    rules: IneRules,
    #[prop(into)] problem: Signal<Option<Problem>>,
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = id.unwrap_or("ine");
    let status_id: &'static str = if id == "ine" { "ine-statut" } else { "ine-popup-statut" };
    let (typed, set_typed) = signal(value.clone());
    let live = move || typed.with(|t| (!normalize(t).is_empty()).then(|| Ine::parse(t, rules)));
    view! {
        <Field name="ine" id=id label=tr!(i18n, dossier.ine) required=false autocomplete="off" value=value
            hint=tr!(i18n, dossier.ine_hint) described_by=status_id problem=problem
            on_input=Callback::new(move |v| set_typed.set(v))/>
        <p id=status_id class="ine-status" aria-live="polite">
            {move || match live() {
                None => None,
                Some(Ok(ine)) => {
                    let kind = match ine.kind() {
                        IneKind::Bea => t_string!(i18n, dossier.ine_ok_bea),
                        IneKind::University => t_string!(i18n, dossier.ine_ok_university),
                        IneKind::Ines => t_string!(i18n, dossier.ine_ok_ines),
                    };
                    Some(view! { <span class="status-ok">"✓ "{kind.to_string()}</span> }.into_any())
                }
                Some(Err(p)) => Some(view! { <span class="status-bad">"⚠ "{ine_text(p)}</span> }.into_any()),
            }}
        </p>
    }
}
