//! `/candidatures` (guide 05): the "Candidatures" table and "+ Nouvelle
//! candidature".

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::applications::load_applications;
use crate::components::applications::countdown;
use crate::components::frame::PageTitle;
use crate::components::language::current;
use crate::components::loading::loaded;
use crate::components::messages::labelled;
use crate::components::status::{decision_text, status_text};
use crate::components::table::{row, Column, DataTable};
use crate::domain::formation::treatment_in;
use crate::i18n::*;
use crate::views::applications::ApplicationLine;

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| load_applications());
    let query = use_query_map();
    view! {
        <PageTitle text=tr!(i18n, applications.title)/>
        <h1>{t!(i18n, applications.title)}</h1>
        {move || query.read().get("annulee").map(|_| view! {
            <p class="alert alert-success" role="status">{t!(i18n, applications.cancelled)}</p>
        })}
        <p><A href="/candidatures/offre" attr:class="button">{t!(i18n, applications.new)}</A></p>
        {loaded(list, move |lines| view! { <ApplicationsTable lines=lines/> }.into_any())}
    }
}

/// The guide's "Candidatures" table; a row opens with a click, or with
/// Enter on its links ("Ouvrir").
#[component]
fn ApplicationsTable(lines: Vec<ApplicationLine>) -> impl IntoView {
    let i18n = use_i18n();
    let language = current();
    if lines.is_empty() {
        return view! { <p class="card">{t!(i18n, applications.none)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll card" tabindex="0" role="region" aria-labelledby="candidatures-titre">
            <h2 id="candidatures-titre" class="visually-hidden">{t!(i18n, applications.title)}</h2>
            <DataTable class="stack-on-phone clickable-rows" columns=vec![
                Column::new(t_string!(i18n, applications.col_formation), |l: &ApplicationLine| {
                    let formation = l.formation.clone();
                    view! { <A href=format!("/candidatures/{}", l.id)>{formation}</A> }.into_any()
                }).row_header(),
                Column::new(t_string!(i18n, applications.col_deadline), move |l: &ApplicationLine| view! {
                    {l.return_deadline.written(language)}
                    <span class="countdown">{countdown(l.days_left)}</span>
                }.into_any()),
                Column::new(t_string!(i18n, applications.col_treatment), move |l: &ApplicationLine| treatment_in(&l.treatment, language).to_owned().into_any()),
                Column::new(t_string!(i18n, applications.col_status), |l: &ApplicationLine| status_text(l.status).into_any()),
                Column::new(t_string!(i18n, applications.col_decision), |l: &ApplicationLine| decision_text(&l.decision).into_any()),
                Column::new(t_string!(i18n, applications.col_centre), |l: &ApplicationLine| l.centre.clone().into_any()),
                Column::new(t_string!(i18n, applications.col_action), move |l: &ApplicationLine| {
                    let open_label = labelled(t_string!(i18n, applications.open), &l.formation);
                    view! {
                        <A href=format!("/candidatures/{}", l.id) attr:class="button button-secondary"
                            attr:aria-label=open_label>
                            {t!(i18n, applications.open)}
                        </A>
                    }.into_any()
                }),
            ] rows=lines row=row(move |l: &ApplicationLine, cells| {
                let href = format!("/candidatures/{}", l.id);
                let navigate = use_navigate();
                let go = move |ev: leptos::ev::MouseEvent| {
                    // Links and buttons in the row do their own thing.
                    use leptos::wasm_bindgen::JsCast;
                    let on_control = ev.target()
                        .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
                        .is_some_and(|e| e.closest("a, button").ok().flatten().is_some());
                    if !on_control {
                        navigate(&href, Default::default());
                    }
                };
                view! { <tr on:click=go>{cells}</tr> }.into_any()
            })/>
        </div>
    }
    .into_any()
}
