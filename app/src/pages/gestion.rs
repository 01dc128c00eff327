//! Staff: sign-in under /gestion and the dashboard.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::api::staff::load_dashboard;
use crate::components::field::{field_problem, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::messages::{error_text, FormOutcome};
use crate::error::AppError;
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

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let data = Resource::new(move || session.frame.get().map(|_| ()), |_| load_dashboard());
    view! {
        <PageTitle text=tr!(i18n, staff.title)/>
        <h1>{t!(i18n, staff.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || data.get().map(|r| match r {
                Err(AppError::NotSignedIn) => view! { <Redirect path="/gestion/connexion"/> }.into_any(),
                Err(AppError::NotFound) => view! { <p class="alert alert-error" role="alert">{t!(i18n, staff.forbidden)}</p> }.into_any(),
                Err(e) => view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any(),
                Ok(d) => view! {
                    <section class="card">
                        <h2>{t!(i18n, staff.formations)}</h2>
                        {if d.formations.is_empty() {
                            view! { <p>{t!(i18n, staff.none)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll">
                                    <table class="stack-on-phone">
                                        <thead><tr>
                                            <th scope="col">{t!(i18n, staff.col_centre)}</th>
                                            <th scope="col">{t!(i18n, staff.col_formation)}</th>
                                            <th scope="col">{t!(i18n, staff.col_dates)}</th>
                                            <th scope="col">{t!(i18n, staff.col_deadline)}</th>
                                            <th scope="col">{t!(i18n, staff.col_mode)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {d.formations.into_iter().map(|f| view! {
                                                <tr>
                                                    <td data-label=tr!(i18n, staff.col_centre)>{f.centre}</td>
                                                    <td data-label=tr!(i18n, staff.col_formation)>{f.title}</td>
                                                    <td data-label=tr!(i18n, staff.col_dates)>{t_string!(i18n, staff.dates, start = f.window_start.clone(), end = f.window_end.clone()).to_string()}</td>
                                                    <td data-label=tr!(i18n, staff.col_deadline)>{f.return_deadline}</td>
                                                    <td data-label=tr!(i18n, staff.col_mode)>{f.mode}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                    </section>
                    <section class="card">
                        <h2>{t!(i18n, staff.mail_title)}</h2>
                        <p>{t!(i18n, staff.mail_pending)}" "<strong>{d.mails_pending}</strong>" · "{t!(i18n, staff.mail_sent)}" "<strong>{d.mails_sent}</strong></p>
                    </section>
                }.into_any(),
            })}
        </Suspense>
    }
}
