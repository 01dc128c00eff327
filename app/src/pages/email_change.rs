//! The link of the "nouvelle adresse mail" mail: following it makes the new
//! address the account's.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::account::confirm_email;
use crate::components::frame::PageTitle;
use crate::components::messages::error_text;
use crate::i18n::*;

#[component]
pub fn EmailChangePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let outcome = Resource::new(move || params.read().get("token").unwrap_or_default(), confirm_email);
    view! {
        <PageTitle text=tr!(i18n, email_change.title)/>
        <h1>{t!(i18n, email_change.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || outcome.get().map(|r| match r {
                Ok(address) => view! {
                    <p class="alert alert-success" role="status">{t!(i18n, email_change.done)}" "<strong>{address}</strong></p>
                }.into_any(),
                Err(error) => view! {
                    <p class="alert alert-error" role="alert">{error_text(&error)}</p>
                    <p>{t!(i18n, email_change.failed)}</p>
                }.into_any(),
            })}
        </Suspense>
        <p><A href="/compte" attr:class="button">{t!(i18n, email_change.to_account)}</A></p>
    }
}
