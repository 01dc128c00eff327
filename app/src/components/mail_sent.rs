//! What a page says once a validation link is on its way: look in the
//! spam folder, the five days, and the ways to ask again or sign in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

#[component]
pub fn MailSentAdvice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p>{t!(i18n, create.done_spam)}</p>
        <p>{t!(i18n, create.done_delay)}</p>
        <ul class="links">
            <li><A href="/compte/code-activation">{t!(i18n, home.lost_activation)}</A></li>
            <li><A href="/connexion">{t!(i18n, home.sign_in)}</A></li>
        </ul>
    }
}
