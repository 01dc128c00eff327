//! The candidate's applications as other screens show them: the countdown
//! to a deadline, and the list on the home page (`/`).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::applications::load_applications;
use crate::components::language::current;
use crate::components::messages::labelled;
use crate::components::status::status_text;
use crate::domain::application::DossierStatus;
use crate::error::AppError;
use crate::i18n::*;
use crate::views::applications::ApplicationLine;

/// "12 jour(s) restant(s)", "Dernier jour…", or "Date dépassée".
pub fn countdown(days_left: Option<i64>) -> String {
    let i18n = use_i18n();
    match days_left {
        Some(0) => t_string!(i18n, applications.last_day).to_string(),
        Some(days) => t_string!(i18n, applications.days_left, days = days).to_string(),
        None => t_string!(i18n, applications.past).to_string(),
    }
}

/// The candidate's applications, for `HomeApplications`: made once by the
/// page, outside the closures that re-render (see `DossierChecklist`).
pub fn applications_resource() -> Resource<Result<Vec<ApplicationLine>, AppError>> {
    Resource::new(|| (), |_| load_applications())
}

/// On the candidate's home: each application with its deadline, a
/// countdown, and what remains to do.
#[component]
pub fn HomeApplications(list: Resource<Result<Vec<ApplicationLine>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=|| ()>
            {move || list.get().and_then(Result::ok).filter(|l| !l.is_empty()).map(|lines| view! {
                <section class="card" aria-labelledby="mes-candidatures">
                    <h2 id="mes-candidatures">{t!(i18n, applications.home_title)}</h2>
                    <ul class="home-applications">
                        {lines.into_iter().map(|l| view! {
                            <li>
                                <A href=format!("/candidatures/{}", l.id)>{l.formation.clone()}</A>
                                <span>{status_text(l.status)}" · "
                                    {labelled(t_string!(i18n, applications.col_deadline), l.return_deadline.written(current()))}
                                    " ("{countdown(l.days_left)}")"</span>
                                {(l.status == DossierStatus::EnAttente).then(|| view! { <span class="hint">{t!(i18n, applications.home_todo)}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Suspense>
    }
}
