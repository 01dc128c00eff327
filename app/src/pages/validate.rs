//! The validation link of the activation mail (guide "Validation de compte").

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::account::validate_account;
use crate::components::frame::PageTitle;
use crate::components::messages::error_text;
use crate::i18n::*;

#[component]
pub fn ValidatePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let outcome = Resource::new(
        move || params.read().get("token").unwrap_or_default(),
        validate_account,
    );
    view! {
        <PageTitle text=tr!(i18n, validate.title)/>
        <h1>{t!(i18n, validate.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || outcome.get().map(|r| match r {
                Ok(login) => view! {
                    <p class="alert alert-success" role="status"><strong>{t!(i18n, validate.done)}</strong></p>
                    <p>{t!(i18n, validate.login_is)}" "<strong class="login">{login}</strong></p>
                    <p>{t!(i18n, validate.now_sign_in)}</p>
                    <p><A href="/connexion" attr:class="button">{t!(i18n, home.sign_in)}</A></p>
                }.into_any(),
                Err(error) => view! {
                    <p class="alert alert-error" role="alert">{error_text(&error)}</p>
                    <p>{t!(i18n, validate.failed)}</p>
                    <ul class="links">
                        <li><A href="/connexion">{t!(i18n, home.sign_in)}</A></li>
                        <li><A href="/compte/code-activation">{t!(i18n, validate.lost_link)}</A></li>
                    </ul>
                }.into_any(),
            })}
        </Suspense>
    }
}
