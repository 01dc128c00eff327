//! The dossier's checklist on the candidate's home (`/`): the sections,
//! what is done and what is left, and the confirmation after a save.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::dossier::load_sections;
use crate::components::messages::{error_text, labelled};
use crate::error::AppError;
use crate::i18n::*;
use crate::views::dossier::{Section, SectionKind};

fn section_title(kind: SectionKind) -> String {
    let i18n = use_i18n();
    match kind {
        SectionKind::Identity => t_string!(i18n, dossier.section_identity).to_string(),
        SectionKind::Address => t_string!(i18n, dossier.section_address).to_string(),
        SectionKind::Bac => t_string!(i18n, dossier.section_bac).to_string(),
        SectionKind::InternalCursus => t_string!(i18n, dossier.section_internal_cursus).to_string(),
        SectionKind::Cursus => t_string!(i18n, dossier.section_cursus).to_string(),
        SectionKind::Stages => t_string!(i18n, dossier.section_stages).to_string(),
        SectionKind::Experiences => t_string!(i18n, dossier.section_experiences).to_string(),
    }
}

/// The confirmation shown on the home page after saving a section.
fn saved_text(kind: SectionKind) -> String {
    let i18n = use_i18n();
    match kind {
        SectionKind::Identity => t_string!(i18n, dossier.saved_identity).to_string(),
        SectionKind::Address => t_string!(i18n, dossier.saved_address).to_string(),
        SectionKind::Bac => t_string!(i18n, dossier.saved_bac).to_string(),
        // Read-only: never saved.
        SectionKind::InternalCursus => String::new(),
        SectionKind::Cursus => t_string!(i18n, dossier.saved_cursus).to_string(),
        SectionKind::Stages => t_string!(i18n, dossier.saved_stages).to_string(),
        SectionKind::Experiences => t_string!(i18n, dossier.saved_experiences).to_string(),
    }
}

/// The checklist's sections. The page makes it once, at its top: a
/// resource made inside a closure that reads the session is made again
/// each time the server renders that closure (three times a page, each
/// one reading the dossier again).
pub fn sections_resource() -> Resource<Result<Vec<Section>, AppError>> {
    Resource::new(|| (), |_| load_sections())
}

/// The sections of the dossier with what is done and what is left.
#[component]
pub fn DossierChecklist(sections: Resource<Result<Vec<Section>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let saved = move || {
        let slug = query.read().get("enregistre")?;
        SectionKind::ALL.into_iter().find(|k| k.slug() == slug && *k != SectionKind::InternalCursus).map(saved_text)
    };
    view! {
        {move || saved().map(|text| view! { <p class="alert alert-success" role="status">{text}</p> })}
        <section class="card" aria-labelledby="dossier-titre">
            <h2 id="dossier-titre">{t!(i18n, dossier.home_title)}</h2>
            <p>{t!(i18n, dossier.home_intro)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || sections.get().map(|r| match r {
                    Err(e) => view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any(),
                    Ok(list) => {
                        let left = list.iter().filter(|s| !s.complete).count();
                        view! {
                            <p class="checklist-summary">
                                {if left == 0 { t_string!(i18n, dossier.all_done).to_string() } else { format!("{} {left}", t_string!(i18n, dossier.remaining)) }}
                            </p>
                            <ul class="checklist" aria-label=move || t_string!(i18n, dossier.checklist_label)>
                                {list.into_iter().map(|s| view! {
                                    <li class:done=s.complete>
                                        <span class="check-mark" aria-hidden="true">{if s.complete { "✓" } else { "○" }}</span>
                                        <span class="check-title">{section_title(s.kind)}</span>
                                        <span class="check-state">{match s.entries {
                                            Some(n) if s.kind == SectionKind::InternalCursus => format!("{} — {n} {}", t_string!(i18n, dossier.provided_by_university), t_string!(i18n, dossier.years)),
                                            Some(n) => format!("{} — {n} {}", t_string!(i18n, dossier.optional), t_string!(i18n, dossier.entries)),
                                            None if s.complete => t_string!(i18n, dossier.complete).to_string(),
                                            None => t_string!(i18n, dossier.incomplete).to_string(),
                                        }}</span>
                                        {
                                            let action = if s.kind == SectionKind::InternalCursus { t_string!(i18n, dossier.consult) } else { t_string!(i18n, dossier.edit) };
                                            view! {
                                                <A href=s.kind.path() attr:class="button button-secondary"
                                                    attr:aria-label=labelled(action, section_title(s.kind))>
                                                    {action}
                                                </A>
                                            }
                                        }
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
