//! `/dossier/cursus-interne`: the years of studies at the university, from
//! its student records (guide ecesure 04: "Cursus Interne"), read-only;
//! shown to the university's own students only.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::dossier::load_internal_cursus;
use crate::components::frame::PageTitle;
use crate::components::loading::loaded;
use crate::components::school_records::FromSchoolRecords;
use crate::components::table::{Column, DataTable};
use crate::domain::school_record::InternalYear;
use crate::i18n::*;
use crate::views::dossier::InternalCursusPage;

#[component]
pub fn InternalCursusPageView() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| load_internal_cursus());
    view! {
        <PageTitle text=tr!(i18n, dossier.section_internal_cursus)/>
        <h1>{t!(i18n, dossier.section_internal_cursus)}</h1>
        {loaded(page, move |data| view! { <Years data=data/> }.into_any())}
        <p><A href="/">{t!(i18n, dossier.back_to_dossier)}</A></p>
    }
}

#[component]
fn Years(data: InternalCursusPage) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <FromSchoolRecords/>
        <p>{t_string!(i18n, dossier.internal_cursus_intro, university = data.university.clone(), number = data.student_number.clone()).to_string()}</p>
        <h2 id="annees-titre" class="visually-hidden">{move || t_string!(i18n, dossier.section_internal_cursus)}</h2>
        {if data.years.is_empty() {
            view! { <p class="card">{t!(i18n, dossier.internal_cursus_none)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll card" tabindex="0" role="region" aria-labelledby="annees-titre">
                    <DataTable class="stack-on-phone" columns=vec![
                        Column::new(t_string!(i18n, dossier.annee_universitaire), |y: &InternalYear| y.annee.clone().into_any()).row_header(),
                        Column::new(t_string!(i18n, dossier.code_formation), |y: &InternalYear| y.code.clone().into_any()),
                        Column::new(t_string!(i18n, dossier.formation), |y: &InternalYear| y.libelle.clone().into_any()),
                        Column::new(t_string!(i18n, dossier.resultat), |y: &InternalYear| y.resultat.clone().into_any()),
                    ] rows=data.years/>
                </div>
            }.into_any()
        }}
    }
}
