//! The link of the "nouvelle adresse mail" mail: its page asks for a click,
//! and that POST makes the new address the account's (a GET changes
//! nothing, whatever follows the link).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::account::ConfirmEmail;
use crate::components::frame::PageTitle;
use crate::components::messages::error_text;
use crate::i18n::*;

#[component]
pub fn EmailChangePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = ServerAction::<ConfirmEmail>::new();
    let outcome = move || (query.read().get("confirmee").is_some(), action.value().get());
    view! {
        <PageTitle text=tr!(i18n, email_change.title)/>
        <h1>{t!(i18n, email_change.title)}</h1>
        {move || match outcome() {
            (_, Some(Ok(address))) => view! {
                <p class="alert alert-success" role="status">{t!(i18n, email_change.done)}" "<strong>{address}</strong></p>
            }.into_any(),
            (true, _) => view! {
                <p class="alert alert-success" role="status">{t!(i18n, email_change.done_plain)}</p>
            }.into_any(),
            (false, Some(Err(error))) => view! {
                <p class="alert alert-error" role="alert">{error_text(&error)}</p>
                <p>{t!(i18n, email_change.failed)}</p>
            }.into_any(),
            (false, None) => view! {
                <p>{t!(i18n, email_change.intro)}</p>
                <ActionForm action=action attr:class="link-action">
                    <input type="hidden" name="token" value=token()/>
                    <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, email_change.button)}</button>
                </ActionForm>
            }.into_any(),
        }}
        <p><A href="/compte" attr:class="button button-secondary">{t!(i18n, email_change.to_account)}</A></p>
    }
}
