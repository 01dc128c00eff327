//! `/dossier/baccalaureat`: the "Baccalauréat" section of the dossier.

use leptos::prelude::*;
use leptos_router::components::A;

use super::owned;
use crate::api::dossier::{load_bac, SaveBac};
use crate::components::combobox::Combobox;
use crate::components::field::{field_problem, Field, SelectField, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::language::current;
use crate::components::loading::loaded;
use crate::components::messages::FormOutcome;
use crate::components::school_records::{Fixed, FixedFacts, FromSchoolRecords};
use crate::domain::lookup::name_in;
use crate::i18n::*;
use crate::views::dossier::BacPage;
use crate::views::reference::List;

#[component]
pub fn BacPageView() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveBac>::new();
    let page = Resource::new(|| (), |_| load_bac());
    view! {
        <PageTitle text=tr!(i18n, dossier.bac_title)/>
        <h1>{t!(i18n, dossier.bac_title)}</h1>
        {loaded(page, move |data| if data.sourced {
            view! { <BacFromRecords data=data save=save/> }.into_any()
        } else {
            view! { <BacForm data=data save=save/> }.into_any()
        })}
    }
}

/// The bac the university's student records give: shown, confirmed as is.
#[component]
fn BacFromRecords(data: BacPage, save: ServerAction<SaveBac>) -> impl IntoView {
    use crate::domain::bac::{mention_label, serie_label};
    let i18n = use_i18n();
    let language = current();
    let result: Signal<_> = save.value().into();
    let f = data.form;
    let year = f.annee.trim().parse::<i32>().unwrap_or(data.this_year);
    let or_code = |label: Option<&str>, code: &str| label.unwrap_or(code).to_owned();
    let fact = |label: String, shown: String, name: &'static str, value: &str| Fixed {
        label,
        shown,
        name,
        value: value.to_owned(),
    };
    let facts = vec![
        fact(String::new(), String::new(), "situation", &f.situation),
        fact(t_string!(i18n, dossier.annee).to_string(), f.annee.clone(), "annee", &f.annee),
        fact(
            t_string!(i18n, dossier.serie).to_string(),
            or_code(serie_label(year, &f.serie, language), &f.serie),
            "serie",
            &f.serie,
        ),
        fact(
            t_string!(i18n, dossier.mention).to_string(),
            or_code(mention_label(&f.mention, language), &f.mention),
            "mention",
            &f.mention,
        ),
        fact(t_string!(i18n, dossier.pays_obtention).to_string(), name_in(&data.countries, &f.pays), "pays", &f.pays),
        fact(
            t_string!(i18n, dossier.departement).to_string(),
            name_in(&data.departements, &f.departement),
            "departement",
            &f.departement,
        ),
        fact(t_string!(i18n, dossier.commune).to_string(), data.commune_nom.clone(), "commune", &f.commune),
        fact(
            t_string!(i18n, dossier.etablissement).to_string(),
            f.etablissement.clone(),
            "etablissement",
            &f.etablissement,
        ),
    ];
    view! {
        <FromSchoolRecords/>
        <FormOutcome result=result/>
        <ActionForm action=save attr:class="form card" attr:novalidate=true>
            <FixedFacts facts=facts/>
            <SubmitButton label=tr!(i18n, dossier.confirm_from_records) pending=save.pending()>
                <A href="/" attr:class="button button-secondary">{t!(i18n, cancel)}</A>
            </SubmitButton>
        </ActionForm>
    }
}

#[component]
fn BacForm(data: BacPage, save: ServerAction<SaveBac>) -> impl IntoView {
    use crate::domain::bac::{mentions, series_for};
    let i18n = use_i18n();
    let language = current();
    let result: Signal<_> = save.value().into();
    let f = data.form;
    let this_year = data.this_year;
    let (situation, set_situation) = signal(f.situation.clone());
    let (year, set_year) = signal(f.annee.clone());
    // The same lists the server checks against, computed in the browser.
    let year_number = move || {
        year.with(|y| y.trim().parse::<i32>().ok().filter(|y| (1950..=this_year).contains(y)).unwrap_or(this_year))
    };
    let series = Signal::derive(move || owned(series_for(year_number(), language)));
    let mention_list = Signal::derive(move || owned(mentions(year_number(), language)));
    let (departement, set_departement) = signal(f.departement.clone());
    let (commune, set_commune) = signal(f.commune.clone());
    let departements: Vec<(String, String)> =
        data.departements.into_iter().map(|(c, n)| (c.clone(), format!("{c} - {n}"))).collect();
    let situation_problem = field_problem(result, "situation");
    view! {
        <p class="hint">{t!(i18n, required_hint)}</p>
        <FormOutcome result=result/>
        <ActionForm action=save attr:class="form" attr:novalidate=true attr:data-garde="1">
            <fieldset class="choices" aria-describedby=move || situation_problem.with(Option::is_some).then_some("situation-erreur")>
                <legend>{t!(i18n, dossier.bac_situation)}<span class="required" aria-hidden="true">" *"</span></legend>
                <p class="hint">{t!(i18n, dossier.bac_only_one)}</p>
                <div class="choice">
                    <input type="radio" id="situation-oui" name="situation" value="oui" checked=f.situation == "oui"
                        on:change=move |_| set_situation.set("oui".into())/>
                    <label for="situation-oui">{t!(i18n, dossier.bac_yes)}</label>
                </div>
                <div class="choice">
                    <input type="radio" id="situation-non" name="situation" value="non" checked=f.situation == "non"
                        on:change=move |_| set_situation.set("non".into())/>
                    <label for="situation-non">{t!(i18n, dossier.bac_no)}</label>
                </div>
                <p class="field-error" id="situation-erreur">{move || situation_problem.get().map(|p| crate::components::messages::problem_text(&p))}</p>
            </fieldset>
            <fieldset class="group" hidden=move || situation.get() == "non">
                <legend>{t!(i18n, dossier.bac_fields)}</legend>
                <Field name="annee" label=tr!(i18n, dossier.annee) value=f.annee problem=field_problem(result, "annee")
                    on_input=Callback::new(move |v| set_year.set(v))/>
                <SelectField name="serie" label=tr!(i18n, dossier.serie) options=series selected=f.serie
                    hint=tr!(i18n, dossier.serie_hint) placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "serie")/>
                <SelectField name="mention" label=tr!(i18n, dossier.mention) options=mention_list selected=f.mention required=false
                    placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "mention")/>
                <Combobox name="pays" label=tr!(i18n, dossier.pays_obtention) list=List::Countries
                    text=name_in(&data.countries, &f.pays) code=f.pays hint=tr!(i18n, dossier.pays_hint) problem=field_problem(result, "pays")/>
                <SelectField name="departement" label=tr!(i18n, dossier.departement) options=departements selected=f.departement
                    required=false hint=tr!(i18n, dossier.france_only) placeholder=tr!(i18n, dossier.choose)
                    problem=field_problem(result, "departement") on_change=Callback::new(move |v| set_departement.set(v))/>
                <Combobox name="commune" label=tr!(i18n, dossier.commune) list=List::Communes scope=departement
                    code=f.commune.clone() text=data.commune_nom required=false hint=tr!(i18n, dossier.commune_search_hint)
                    problem=field_problem(result, "commune") on_change=Callback::new(move |c| set_commune.set(c))/>
                <Combobox name="etablissement" label=tr!(i18n, dossier.etablissement) list=List::Establishments scope=commune
                    text=f.etablissement free_text=true hint=tr!(i18n, dossier.etablissement_hint)
                    problem=field_problem(result, "etablissement")/>
            </fieldset>
            <SubmitButton label=tr!(i18n, save) pending=save.pending()>
                <A href="/" attr:class="button button-secondary">{t!(i18n, cancel)}</A>
            </SubmitButton>
        </ActionForm>
    }
}
