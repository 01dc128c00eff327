//! `/dossier/stages`: the candidate's internships (a list, then the form).

use leptos::prelude::*;

use crate::components::experience_list::ExperiencesView;
use crate::domain::experience::ExperienceKind;

#[component]
pub fn StagesPageView() -> impl IntoView {
    view! { <ExperiencesView kind=ExperienceKind::Stage/> }
}
