//! "Mon compte": identity, login, and changing the password (which ends
//! the account's other sessions).

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::components::field::{field_problem, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::messages::FormOutcome;
use crate::components::password_rules::NewPasswordFields;
use crate::i18n::*;
use crate::root::use_session;

#[component]
pub fn MyAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let action = session.change_password;
    let result: Signal<_> = action.value().into();
    let query = use_query_map();
    let changed = move || {
        result.with(|r| matches!(r, Some(Ok(_)))) || (result.with(Option::is_none) && query.read().get("mot-de-passe-change").is_some())
    };
    view! {
        <PageTitle text=tr!(i18n, account.title)/>
        <h1>{t!(i18n, account.title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || session.frame.get().map(|frame| match frame.ok().and_then(|f| f.me) {
                None => view! { <Redirect path="/connexion"/> }.into_any(),
                Some(me) => view! {
                    <section class="card">
                        <h2>{t!(i18n, account.identity)}</h2>
                        <dl class="facts">
                            <dt>{t!(i18n, create.nom)}" / "{t!(i18n, create.prenom)}</dt><dd>{me.display_name.clone()}</dd>
                            {me.login.clone().map(|l| view! { <dt>{t!(i18n, account.login)}</dt><dd class="login">{l}</dd> })}
                            <dt>{t!(i18n, account.email)}</dt><dd>{me.email.clone()}</dd>
                        </dl>
                    </section>
                }.into_any(),
            })}
        </Transition>
        <section class="card">
            <h2>{t!(i18n, account.change_password)}</h2>
            {move || changed().then(|| view! { <p class="alert alert-success" role="status">{t!(i18n, account.password_changed)}</p> })}
            <FormOutcome result=result/>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <Field name="current_password" kind="password" label=tr!(i18n, account.current_password) autocomplete="current-password"
                    problem=field_problem(result, "current_password")/>
                <NewPasswordFields result=result label=tr!(i18n, account.new_password)
                    confirmation_label=tr!(i18n, account.new_password_confirmation)/>
                <SubmitButton label=tr!(i18n, save) pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
