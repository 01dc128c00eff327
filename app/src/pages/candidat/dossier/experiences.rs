//! `/dossier/experiences`: the candidate's professional experiences (a
//! list, then the form).

use leptos::prelude::*;

use crate::components::experience_list::ExperiencesView;
use crate::domain::experience::ExperienceKind;

#[component]
pub fn ExperiencesPageView() -> impl IntoView {
    view! { <ExperiencesView kind=ExperienceKind::Emploi/> }
}
