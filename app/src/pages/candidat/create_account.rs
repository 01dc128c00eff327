//! `/compte/creer`: "Création de compte" (guide 02.1).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::account::CreateAccount;
use crate::components::field::{field_problem, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::messages::FormOutcome;
use crate::components::password_rules::NewPasswordFields;
use crate::i18n::*;

#[component]
pub fn CreateAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateAccount>::new();
    let result: Signal<_> = action.value().into();
    view! {
        <PageTitle text=tr!(i18n, create.title)/>
        <h1>{t!(i18n, create.title)}</h1>
        <p class="hint">{t!(i18n, required_hint)}</p>
        <FormOutcome result=result/>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <Field name="nom" label=tr!(i18n, create.nom) autocomplete="family-name" problem=field_problem(result, "nom")/>
            <Field name="prenom" label=tr!(i18n, create.prenom) autocomplete="given-name" problem=field_problem(result, "prenom")/>
            <Field name="email" kind="email" label=tr!(i18n, create.email) autocomplete="email"
                hint=tr!(i18n, create.email_hint) problem=field_problem(result, "email")/>
            <Field name="email_confirmation" kind="email" label=tr!(i18n, create.email_confirmation) autocomplete="email"
                problem=field_problem(result, "email_confirmation")/>
            <NewPasswordFields result=result label=tr!(i18n, create.password) confirmation_label=tr!(i18n, create.password_confirmation)/>
            <SubmitButton label=tr!(i18n, save) pending=action.pending()>
                <A href="/" attr:class="button button-secondary">{t!(i18n, cancel)}</A>
            </SubmitButton>
        </ActionForm>
    }
}
