//! "Connexion" (guide "Je me connecte", 03).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::components::field::{field_problem, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::messages::FormOutcome;
use crate::components::university::{UniversityNoticeAlert, UniversityWayIn};
use crate::i18n::*;
use crate::root::use_session;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let result: Signal<_> = session.sign_in.value().into();
    let query = use_query_map();
    let just_reset = move || query.read().get("reinitialise").is_some();
    view! {
        <PageTitle text=tr!(i18n, signin.title)/>
        <h1>{t!(i18n, signin.title)}</h1>
        <p>{t!(i18n, signin.intro)}</p>
        {move || just_reset().then(|| view! { <p class="alert alert-success" role="status">{t!(i18n, reset.done)}</p> })}
        <UniversityNoticeAlert/>
        <UniversityWayIn/>
        <FormOutcome result=result/>
        <ActionForm action=session.sign_in attr:class="form" attr:novalidate=true>
            <Field name="identifiant" label=tr!(i18n, signin.identifier) autocomplete="username" problem=field_problem(result, "identifiant")/>
            <Field name="mot_de_passe" kind="password" label=tr!(i18n, signin.password) autocomplete="current-password"
                problem=field_problem(result, "mot_de_passe")/>
            <SubmitButton label=tr!(i18n, signin.submit) pending=session.sign_in.pending()/>
        </ActionForm>
        <ul class="links">
            <li><A href="/compte/mot-de-passe-oublie">{t!(i18n, home.forgot_password)}</A></li>
            <li><A href="/compte/code-activation">{t!(i18n, home.lost_activation)}</A></li>
            <li><A href="/compte/creer">{t!(i18n, home.create_account)}</A></li>
        </ul>
    }
}
