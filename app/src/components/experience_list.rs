//! The list the candidate adds to, changes and deletes from, shared by
//! the "Stages" and "Expériences" sections of the dossier.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::dossier::{load_experiences, DeleteExperience, SaveExperience};
use crate::components::field::{field_problem, successes, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded;
use crate::components::messages::{labelled, FormOutcome};
use crate::components::table::{Column, DataTable};
use crate::domain::experience::ExperienceForm;
use crate::domain::experience::ExperienceKind;
use crate::i18n::*;
use crate::views::dossier::ExperiencesPage;

/// A list the candidate adds to, changes and deletes from: the entries in a
/// table, then the form (new entry, or the one `?modifier=<id>` names).
#[component]
pub fn ExperiencesView(kind: ExperienceKind) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveExperience>::new();
    let delete = ServerAction::<DeleteExperience>::new();
    let saved = successes(save.value().into());
    let page =
        Resource::new(move || (saved.get(), delete.version().get()), move |_| load_experiences(kind.code().to_owned()));
    let title = move || match kind {
        ExperienceKind::Stage => t_string!(i18n, dossier.section_stages).to_string(),
        ExperienceKind::Emploi => t_string!(i18n, dossier.section_experiences).to_string(),
    };
    view! {
        <PageTitle text=Signal::derive(title)/>
        <h1>{title}</h1>
        <p>{move || match kind {
            ExperienceKind::Stage => t_string!(i18n, dossier.stages_intro),
            ExperienceKind::Emploi => t_string!(i18n, dossier.experiences_intro),
        }.to_string()}</p>
        {loaded(page, move |data| view! { <ExperiencesList data=data save=save delete=delete/> }.into_any())}
        <p><A href="/">{t!(i18n, dossier.back_to_dossier)}</A></p>
    }
}

#[component]
fn ExperiencesList(
    data: ExperiencesPage,
    save: ServerAction<SaveExperience>,
    delete: ServerAction<DeleteExperience>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = data.kind;
    let stage = kind == ExperienceKind::Stage;
    let query = use_query_map();
    let items = data.items.clone();
    // The entry `?modifier=<id>` names, if it is one of the list.
    let editing = move || {
        query
            .read()
            .get("modifier")
            .and_then(|id| id.parse::<i64>().ok())
            .and_then(|id| items.iter().find(|(i, _)| *i == id).cloned())
    };
    let delete_result: Signal<_> = delete.value().into();
    view! {
        <FormOutcome result=delete_result/>
        <h2 id="liste-titre" class="visually-hidden">{move || t_string!(i18n, dossier.entries_list)}</h2>
        {if data.items.is_empty() {
            view! { <p class="card">{t!(i18n, dossier.none_yet)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll card" tabindex="0" role="region" aria-labelledby="liste-titre">
                    <DataTable class="stack-on-phone" columns=experience_columns(stage, kind, delete) rows=data.items/>
                </div>
            }.into_any()
        }}
        {move || view! { <EntryForm kind=kind editing=editing() save=save/> }}
    }
}

/// The columns of the stages (hours, no title) or of the experiences.
fn experience_columns(
    stage: bool,
    kind: ExperienceKind,
    delete: ServerAction<DeleteExperience>,
) -> Vec<Column<(i64, ExperienceForm)>> {
    let i18n = use_i18n();
    let mut columns = vec![Column::new(t_string!(i18n, dossier.annee_simple), |(_, x): &(i64, ExperienceForm)| {
        x.annee.clone().into_any()
    })];
    if !stage {
        columns.push(Column::new(t_string!(i18n, dossier.intitule), |(_, x): &(i64, ExperienceForm)| {
            x.intitule.clone().into_any()
        }));
    }
    columns
        .push(Column::new(t_string!(i18n, dossier.duree), |(_, x): &(i64, ExperienceForm)| x.duree.clone().into_any()));
    if stage {
        columns.push(Column::new(t_string!(i18n, dossier.heures), |(_, x): &(i64, ExperienceForm)| {
            x.heures.clone().into_any()
        }));
    }
    columns.push(Column::new(t_string!(i18n, dossier.employeur), |(_, x): &(i64, ExperienceForm)| {
        x.employeur.clone().into_any()
    }));
    columns.push(Column::new(t_string!(i18n, dossier.descriptif), |(_, x): &(i64, ExperienceForm)| {
        x.descriptif.clone().into_any()
    }));
    columns.push(Column::new(t_string!(i18n, dossier.actions), move |(id, x): &(i64, ExperienceForm)| {
        let id = *id;
        let label = format!("{} {} — {}", x.annee, x.employeur, x.intitule);
        view! {
            <div class="row-actions">
                <a class="button button-secondary" href=format!("?modifier={id}")
                    aria-label=labelled(t_string!(i18n, dossier.modify), &label)>{t!(i18n, dossier.modify)}</a>
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="kind" value=kind.code()/>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="button button-secondary"
                        aria-label=labelled(t_string!(i18n, dossier.delete), &label)>{t!(i18n, dossier.delete)}</button>
                </ActionForm>
            </div>
        }
        .into_any()
    }));
    columns
}

/// The form of a new entry, or of the one being changed.
#[component]
fn EntryForm(
    kind: ExperienceKind,
    editing: Option<(i64, crate::domain::experience::ExperienceForm)>,
    save: ServerAction<SaveExperience>,
) -> impl IntoView {
    let i18n = use_i18n();
    let stage = kind == ExperienceKind::Stage;
    let result: Signal<_> = save.value().into();
    let (edit_id, f) = match editing {
        Some((id, form)) => (id.to_string(), form),
        None => (String::new(), Default::default()),
    };
    let form_title = if !edit_id.is_empty() {
        t_string!(i18n, dossier.edit_entry).to_string()
    } else if stage {
        t_string!(i18n, dossier.new_stage).to_string()
    } else {
        t_string!(i18n, dossier.new_experience).to_string()
    };
    view! {
        <h2 id="saisie">{form_title}</h2>
        <FormOutcome result=result/>
        <ActionForm action=save attr:class="form" attr:novalidate=true attr:data-garde="1" attr:aria-labelledby="saisie">
            <input type="hidden" name="kind" value=kind.code()/>
            <input type="hidden" name="id" value=edit_id.clone()/>
            <Field name="annee" label=tr!(i18n, dossier.annee_simple) value=f.annee problem=field_problem(result, "annee")/>
            {(!stage).then(|| view! {
                <Field name="intitule" label=tr!(i18n, dossier.intitule) value=f.intitule.clone() problem=field_problem(result, "intitule")/>
            })}
            <Field name="duree" label=tr!(i18n, dossier.duree) hint=tr!(i18n, dossier.duree_hint) value=f.duree problem=field_problem(result, "duree")/>
            {stage.then(|| view! {
                <Field name="heures" label=tr!(i18n, dossier.heures) required=false value=f.heures.clone() problem=field_problem(result, "heures")/>
            })}
            <Field name="employeur" label=tr!(i18n, dossier.employeur) value=f.employeur problem=field_problem(result, "employeur")/>
            <Field name="descriptif" label=tr!(i18n, dossier.descriptif) required=stage value=f.descriptif problem=field_problem(result, "descriptif")/>
            <SubmitButton label=tr!(i18n, save) pending=save.pending()>
                {(!edit_id.is_empty()).then(|| view! { <a href="?" class="button button-secondary">{t!(i18n, cancel)}</a> })}
            </SubmitButton>
        </ActionForm>
    }
}
