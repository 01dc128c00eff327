//! `/compte/cree`: the account was created, see your mail.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::frame::PageTitle;
use crate::i18n::*;

#[component]
pub fn AccountCreatedPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=tr!(i18n, create.done_title)/>
        <h1>{t!(i18n, create.done_title)}</h1>
        <p class="alert alert-success" role="status">{t!(i18n, create.done)}</p>
        <p>{t!(i18n, create.done_spam)}</p>
        <p>{t!(i18n, create.done_delay)}</p>
        <ul class="links">
            <li><A href="/compte/code-activation">{t!(i18n, home.lost_activation)}</A></li>
            <li><A href="/connexion">{t!(i18n, home.sign_in)}</A></li>
        </ul>
    }
}
