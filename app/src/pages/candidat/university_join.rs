//! `/compte/rattacher/:token`: the link mailed to an existing account's
//! address when a student signing in through the university gave it. As for
//! every link, only the button's POST acts (mail scanners follow links).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::university::JoinUniversityAccount;
use crate::components::frame::PageTitle;
use crate::i18n::*;

#[component]
pub fn UniversityJoinPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = ServerAction::<JoinUniversityAccount>::new();
    let outcome = move || (query.read().get("rattache").is_some(), action.value().get());
    view! {
        <PageTitle text=tr!(i18n, university.join_title)/>
        <h1>{t!(i18n, university.join_title)}</h1>
        {move || match outcome() {
            (_, Some(Ok(login))) => view! {
                <p class="alert alert-success" role="status">
                    {t!(i18n, university.join_done)}" "<strong class="login">{login}</strong>
                </p>
                <p><A href="/connexion" attr:class="button">{t!(i18n, home.sign_in)}</A></p>
            }.into_any(),
            (true, _) => view! {
                <p class="alert alert-success" role="status">{t!(i18n, university.join_done)}</p>
                <p><A href="/connexion" attr:class="button">{t!(i18n, home.sign_in)}</A></p>
            }.into_any(),
            (false, Some(Err(_))) => view! {
                <p class="alert alert-error" role="alert">{t!(i18n, university.join_failed)}</p>
                <p><A href="/connexion" attr:class="button">{t!(i18n, home.sign_in)}</A></p>
            }.into_any(),
            (false, None) => view! {
                <p>{t!(i18n, university.join_intro)}</p>
                <ActionForm action=action attr:class="link-action">
                    <input type="hidden" name="token" value=token()/>
                    <button type="submit" class="button" disabled=move || action.pending().get()>
                        {t!(i18n, university.join_button)}
                    </button>
                </ActionForm>
            }.into_any(),
        }}
    }
}
