//! The validation link of the activation mail (guide "Validation de compte").
//! Following the link shows a button; only the button's POST validates, so
//! that a mail scanner or a link preview never uses the link.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::account::ValidateAccount;
use crate::components::frame::PageTitle;
use crate::components::messages::error_text;
use crate::i18n::*;

#[component]
pub fn ValidatePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = ServerAction::<ValidateAccount>::new();
    let outcome = move || (query.read().get("valide").is_some(), action.value().get());
    view! {
        <PageTitle text=tr!(i18n, validate.title)/>
        <h1>{t!(i18n, validate.title)}</h1>
        {move || match outcome() {
            (_, Some(Ok(login))) => view! {
                <p class="alert alert-success" role="status"><strong>{t!(i18n, validate.done)}</strong></p>
                <p>{t!(i18n, validate.login_is)}" "<strong class="login">{login}</strong></p>
                <p>{t!(i18n, validate.now_sign_in)}</p>
                <p><A href="/connexion" attr:class="button">{t!(i18n, home.sign_in)}</A></p>
            }.into_any(),
            (true, _) => view! {
                <p class="alert alert-success" role="status"><strong>{t!(i18n, validate.done)}</strong></p>
                <p>{t!(i18n, validate.login_in_mail)}</p>
                <p><A href="/connexion" attr:class="button">{t!(i18n, home.sign_in)}</A></p>
            }.into_any(),
            (false, Some(Err(error))) => view! {
                <p class="alert alert-error" role="alert">{error_text(&error)}</p>
                <p>{t!(i18n, validate.failed)}</p>
                <ul class="links">
                    <li><A href="/connexion">{t!(i18n, home.sign_in)}</A></li>
                    <li><A href="/compte/code-activation">{t!(i18n, validate.lost_link)}</A></li>
                </ul>
            }.into_any(),
            (false, None) => view! {
                <p>{t!(i18n, validate.intro)}</p>
                <ActionForm action=action attr:class="link-action">
                    <input type="hidden" name="token" value=token()/>
                    <button type="submit" class="button" disabled=move || action.pending().get()>{t!(i18n, validate.button)}</button>
                </ActionForm>
            }.into_any(),
        }}
    }
}
