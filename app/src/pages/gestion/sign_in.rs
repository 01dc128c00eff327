//! `/gestion/connexion`: the staff's sign-in.

use leptos::prelude::*;

use crate::components::field::{field_problem, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::messages::FormOutcome;
use crate::components::university::{UniversityNoticeAlert, UniversityWayIn};
use crate::i18n::*;
use crate::root::use_session;

#[component]
pub fn StaffSignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let result: Signal<_> = session.staff_sign_in.value().into();
    view! {
        <PageTitle text=tr!(i18n, signin.staff_title)/>
        <h1>{t!(i18n, signin.staff_title)}</h1>
        <p>{t!(i18n, signin.staff_intro)}</p>
        <UniversityNoticeAlert/>
        <UniversityWayIn staff=true/>
        <FormOutcome result=result/>
        <ActionForm action=session.staff_sign_in attr:class="form" attr:novalidate=true>
            <Field name="identifiant" kind="email" label=tr!(i18n, signin.staff_identifier) autocomplete="username"
                problem=field_problem(result, "identifiant")/>
            <Field name="mot_de_passe" kind="password" label=tr!(i18n, signin.password) autocomplete="current-password"
                problem=field_problem(result, "mot_de_passe")/>
            <SubmitButton label=tr!(i18n, signin.submit) pending=session.staff_sign_in.pending()/>
        </ActionForm>
    }
}
