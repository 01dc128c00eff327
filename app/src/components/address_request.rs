//! The frame of the pages that ask for a mail address ("J'ai perdu mon
//! code d'activation", "J'ai oublié mon mot de passe"): one address in,
//! the same answer whether it has an account or not.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::field::{field_problem, Field};
use crate::components::frame::PageTitle;
use crate::components::messages::FormOutcome;
use crate::error::AppError;
use crate::i18n::*;

/// The frame both pages share: title, explanation, the "sent" message
/// (after a submission with WASM, or `?envoye=1` after a plain post), the
/// outcome, and the page's own form.
#[component]
pub fn AddressRequest(
    title: Signal<String>,
    intro: Signal<String>,
    sent_text: Signal<String>,
    result: Signal<Option<Result<(), AppError>>>,
    children: Children,
) -> impl IntoView {
    let query = use_query_map();
    let sent = move || {
        result.with(|r| matches!(r, Some(Ok(_))))
            || (result.with(Option::is_none) && query.read().get("envoye").is_some())
    };
    view! {
        <PageTitle text=title/>
        <h1>{move || title.get()}</h1>
        <p>{move || intro.get()}</p>
        {move || sent().then(|| view! { <p class="alert alert-success" role="status">{sent_text.get()}</p> })}
        <FormOutcome result=result/>
        {children()}
    }
}

#[component]
pub fn EmailField(result: Signal<Option<Result<(), AppError>>>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <Field name="email" kind="email" label=tr!(i18n, create.email) autocomplete="email" problem=field_problem(result, "email")/> }
}
