//! `/dossier/cursus-externe`: the years of studies outside the
//! establishment (the guide's example table, then the form).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::owned;
use crate::api::dossier::{load_cursus, DeleteCursus, SaveCursus};
use crate::components::combobox::Combobox;
use crate::components::field::{field_problem, successes, Field, SelectField, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::language::current;
use crate::components::loading::loaded;
use crate::components::messages::{labelled, FormOutcome};
use crate::components::table::{Column, DataTable};
use crate::domain::choice::{self, Choice};
use crate::domain::language::Language;
use crate::domain::lookup::name_in;
use crate::i18n::*;
use crate::views::dossier::{CursusPage, CursusRow};
use crate::views::reference::List;

#[component]
pub fn CursusPageView() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCursus>::new();
    let delete = ServerAction::<DeleteCursus>::new();
    let saved = successes(save.value().into());
    let page = Resource::new(move || (saved.get(), delete.version().get()), |_| load_cursus());
    view! {
        <PageTitle text=tr!(i18n, dossier.section_cursus)/>
        <h1>{t!(i18n, dossier.section_cursus)}</h1>
        <p>{t!(i18n, dossier.cursus_intro)}</p>
        {loaded(page, move |data| view! { <CursusList data=data save=save delete=delete/> }.into_any())}
        <p><A href="/">{t!(i18n, dossier.back_to_dossier)}</A></p>
    }
}

/// A code's label in `language`; nothing for no code.
fn label_of(list: &[Choice], code: &str, language: Language) -> String {
    choice::label_of(list, code, language).map(str::to_owned).unwrap_or_default()
}

/// The years of studies as in the guide's example table, then the form.
#[component]
fn CursusList(data: CursusPage, save: ServerAction<SaveCursus>, delete: ServerAction<DeleteCursus>) -> impl IntoView {
    use crate::domain::cursus::{mention_list, FORMATIONS, OUTCOMES};
    let i18n = use_i18n();
    let language = current();
    let query = use_query_map();
    let rows = data.rows.clone();
    let editing = move || {
        query
            .read()
            .get("modifier")
            .and_then(|id| id.parse::<i64>().ok())
            .and_then(|id| rows.iter().find(|r| r.id == id).cloned())
    };
    let delete_result: Signal<_> = delete.value().into();
    let countries = data.countries;
    let departements: Vec<(String, String)> =
        data.departements.into_iter().map(|(c, n)| (c.clone(), format!("{c} - {n}"))).collect();
    view! {
        <FormOutcome result=delete_result/>
        <h2 id="liste-titre" class="visually-hidden">{move || t_string!(i18n, dossier.entries_list)}</h2>
        {if data.rows.is_empty() {
            view! { <p class="card">{t!(i18n, dossier.none_yet)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll card" tabindex="0" role="region" aria-labelledby="liste-titre">
                    <DataTable class="stack-on-phone" columns=vec![
                        Column::new(t_string!(i18n, dossier.annee_obtention), |r: &CursusRow| r.form.annee.clone().into_any()),
                        Column::new(t_string!(i18n, dossier.pays), |r: &CursusRow| r.pays_nom.clone().into_any()),
                        Column::new(t_string!(i18n, dossier.departement), |r: &CursusRow| r.departement_nom.clone().into_any()),
                        Column::new(t_string!(i18n, dossier.commune), |r: &CursusRow| r.commune_nom.clone().into_any()),
                        Column::new(t_string!(i18n, dossier.etablissement), |r: &CursusRow| r.form.etablissement.clone().into_any()),
                        Column::new(t_string!(i18n, dossier.formation), move |r: &CursusRow| label_of(FORMATIONS, &r.form.formation, language).into_any()),
                        Column::new(t_string!(i18n, dossier.libelle), |r: &CursusRow| r.form.libelle.clone().into_any()),
                        Column::new(t_string!(i18n, dossier.obtenu), move |r: &CursusRow| label_of(OUTCOMES, &r.form.obtenu, language).into_any()),
                        Column::new(t_string!(i18n, dossier.mention), move |r: &CursusRow| label_of(mention_list(), &r.form.mention, language).into_any()),
                        Column::new(t_string!(i18n, dossier.actions), move |r: &CursusRow| {
                            let label = format!("{} {}", r.form.annee, r.form.libelle);
                            let id = r.id;
                            view! {
                                <div class="row-actions">
                                    <a class="button button-secondary" href=format!("?modifier={id}")
                                        aria-label=labelled(t_string!(i18n, dossier.modify), &label)>{t!(i18n, dossier.modify)}</a>
                                    <ActionForm action=delete attr:class="inline-form">
                                        <input type="hidden" name="id" value=id/>
                                        <button type="submit" class="button button-secondary"
                                            aria-label=labelled(t_string!(i18n, dossier.delete), &label)>{t!(i18n, dossier.delete)}</button>
                                    </ActionForm>
                                </div>
                            }.into_any()
                        }),
                    ] rows=data.rows/>
                </div>
            }.into_any()
        }}
        {move || view! {
            <CursusForm editing=editing() save=save countries=countries.clone() departements=departements.clone()/>
        }}
    }
}

#[component]
fn CursusForm(
    editing: Option<CursusRow>,
    save: ServerAction<SaveCursus>,
    countries: Vec<(String, String)>,
    departements: Vec<(String, String)>,
) -> impl IntoView {
    use crate::domain::cursus::{mention_list, FORMATIONS, OUTCOMES};
    let i18n = use_i18n();
    let language = current();
    let result: Signal<_> = save.value().into();
    let (edit_id, f, commune_nom) = match editing {
        Some(r) => (r.id.to_string(), r.form, r.commune_nom),
        None => (
            String::new(),
            crate::domain::cursus::CursusForm { pays: crate::domain::identity::FRANCE.into(), ..Default::default() },
            String::new(),
        ),
    };
    let (departement, set_departement) = signal(f.departement.clone());
    let (commune, set_commune) = signal(f.commune.clone());
    let title =
        if edit_id.is_empty() { t_string!(i18n, dossier.new_cursus) } else { t_string!(i18n, dossier.edit_entry) }
            .to_string();
    view! {
        <h2 id="saisie">{title}</h2>
        <FormOutcome result=result/>
        <ActionForm action=save attr:class="form" attr:novalidate=true attr:data-garde="1" attr:aria-labelledby="saisie">
            <input type="hidden" name="id" value=edit_id.clone()/>
            <Combobox name="pays" label=tr!(i18n, dossier.pays) list=List::Countries text=name_in(&countries, &f.pays)
                code=f.pays hint=tr!(i18n, dossier.pays_hint) problem=field_problem(result, "pays")/>
            <SelectField name="departement" label=tr!(i18n, dossier.departement) options=departements selected=f.departement
                required=false hint=tr!(i18n, dossier.france_only) placeholder=tr!(i18n, dossier.choose)
                problem=field_problem(result, "departement") on_change=Callback::new(move |v| set_departement.set(v))/>
            <Combobox name="commune" label=tr!(i18n, dossier.commune) list=List::Communes scope=departement
                code=f.commune.clone() text=commune_nom required=false hint=tr!(i18n, dossier.commune_search_hint)
                problem=field_problem(result, "commune") on_change=Callback::new(move |c| set_commune.set(c))/>
            <Combobox name="etablissement" label=tr!(i18n, dossier.etablissement) list=List::Establishments scope=commune
                text=f.etablissement free_text=true hint=tr!(i18n, dossier.etablissement_hint)
                problem=field_problem(result, "etablissement")/>
            <Field name="annee" label=tr!(i18n, dossier.annee_obtention) value=f.annee problem=field_problem(result, "annee")/>
            <SelectField name="formation" label=tr!(i18n, dossier.formation) options=owned(choice::options(FORMATIONS, language)) selected=f.formation
                placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "formation")/>
            <Field name="libelle" label=tr!(i18n, dossier.libelle) hint=tr!(i18n, dossier.libelle_hint) value=f.libelle
                problem=field_problem(result, "libelle")/>
            <SelectField name="obtenu" label=tr!(i18n, dossier.obtenu) options=owned(choice::options(OUTCOMES, language)) selected=f.obtenu
                placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "obtenu")/>
            <SelectField name="mention" label=tr!(i18n, dossier.mention) options=owned(choice::options(mention_list(), language)) selected=f.mention required=false
                placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "mention")/>
            <SubmitButton label=tr!(i18n, save) pending=save.pending()>
                {(!edit_id.is_empty()).then(|| view! { <a href="?" class="button button-secondary">{t!(i18n, cancel)}</a> })}
            </SubmitButton>
        </ActionForm>
    }
}
