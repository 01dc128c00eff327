//! The link of the mail "Mots de passe erronés pour votre compte": one
//! button lifts the suspension of the address the mail named (a GET changes
//! nothing).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::account::UnlockAccount;
use crate::components::frame::PageTitle;
use crate::components::messages::error_text;
use crate::i18n::*;

#[component]
pub fn UnlockPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = ServerAction::<UnlockAccount>::new();
    let outcome = move || (query.read().get("fait").is_some(), action.value().get());
    view! {
        <PageTitle text=tr!(i18n, unlock.title)/>
        <h1>{t!(i18n, unlock.title)}</h1>
        {move || match outcome() {
            (true, _) | (_, Some(Ok(()))) => view! {
                <p class="alert alert-success" role="status">{t!(i18n, unlock.done)}</p>
                <ul class="links">
                    <li><A href="/connexion">{t!(i18n, home.sign_in)}</A></li>
                    <li><A href="/gestion/connexion">{t!(i18n, unlock.staff_sign_in)}</A></li>
                </ul>
            }.into_any(),
            (false, Some(Err(error))) => view! {
                <p class="alert alert-error" role="alert">{error_text(&error)}</p>
                <p>{t!(i18n, unlock.failed)}</p>
            }.into_any(),
            (false, None) => view! {
                <p>{t!(i18n, unlock.intro)}</p>
                <ActionForm action=action attr:class="link-action">
                    <input type="hidden" name="token" value=token()/>
                    <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, unlock.button)}</button>
                </ActionForm>
            }.into_any(),
        }}
    }
}
