//! The candidate's dossier: the home checklist and "Informations
//! personnelles" with the INE pop-up (guide 04.1, passerelle "Je complète
//! mon compte e-candidat").

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_query_map;

use crate::api::dossier::{
    load_address, load_bac, load_identity, load_sections, SaveAddress, SaveBac, SaveIdentity, SaveIne,
};
use crate::api::dossier::{load_cursus, DeleteCursus, SaveCursus};
use crate::api::dossier::{load_experiences, DeleteExperience, SaveExperience};
use crate::api::reference::communes_for;
use crate::components::combobox::Combobox;
use crate::components::dialog::Modal;
use crate::components::field::{field_problem, successes, Field, SelectField, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::ine_field::IneField;
use crate::components::loading::loaded;
use crate::components::messages::{error_text, FormOutcome};
use crate::components::table::ColumnHeaders;
use crate::domain::experience::ExperienceKind;
use crate::domain::lookup::name_in;
use crate::error::AppError;
use crate::i18n::*;
use crate::views::dossier::ExperiencesPage;
use crate::views::dossier::{AddressPage, BacPage, IdentityPage, SectionKind};
use crate::views::dossier::{CursusPage, CursusRow};
use crate::views::reference::List;

fn section_title(kind: SectionKind) -> String {
    let i18n = use_i18n();
    match kind {
        SectionKind::Identity => t_string!(i18n, dossier.section_identity).to_string(),
        SectionKind::Address => t_string!(i18n, dossier.section_address).to_string(),
        SectionKind::Bac => t_string!(i18n, dossier.section_bac).to_string(),
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
        SectionKind::Cursus => t_string!(i18n, dossier.saved_cursus).to_string(),
        SectionKind::Stages => t_string!(i18n, dossier.saved_stages).to_string(),
        SectionKind::Experiences => t_string!(i18n, dossier.saved_experiences).to_string(),
    }
}

/// The sections of the dossier with what is done and what is left.
#[component]
pub fn DossierChecklist() -> impl IntoView {
    let i18n = use_i18n();
    let sections = Resource::new(|| (), |_| load_sections());
    let query = use_query_map();
    let saved = move || {
        let slug = query.read().get("enregistre")?;
        SectionKind::ALL.into_iter().find(|k| k.slug() == slug).map(saved_text)
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
                                            Some(n) => format!("{} — {n} {}", t_string!(i18n, dossier.optional), t_string!(i18n, dossier.entries)),
                                            None if s.complete => t_string!(i18n, dossier.complete).to_string(),
                                            None => t_string!(i18n, dossier.incomplete).to_string(),
                                        }}</span>
                                        <A href=s.kind.path() attr:class="button button-secondary"
                                            attr:aria-label=format!("{} : {}", t_string!(i18n, dossier.edit), section_title(s.kind))>
                                            {t!(i18n, dossier.edit)}
                                        </A>
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

#[component]
pub fn IdentityPageView() -> impl IntoView {
    let i18n = use_i18n();
    let save_ine = ServerAction::<SaveIne>::new();
    let save = ServerAction::<SaveIdentity>::new();
    let ine_saved = successes(save_ine.value().into());
    let page = Resource::new(move || ine_saved.get(), |_| load_identity());
    view! {
        <PageTitle text=tr!(i18n, dossier.identity_title)/>
        <h1>{t!(i18n, dossier.identity_title)}</h1>
        {loaded(page, move |data| {
            if data.locked {
                view! { <IdentitySummary data=data/> }.into_any()
            } else {
                view! { <IdentityForm data=data save=save save_ine=save_ine/> }.into_any()
            }
        })}
    }
}

/// Informations personnelles once an application was made: read-only,
/// but for the mail address, which "Mon compte" changes (guide 04.6).
#[component]
fn IdentitySummary(data: IdentityPage) -> impl IntoView {
    let i18n = use_i18n();
    let f = data.form;
    let departement = name_in(&data.departements, &f.departement_naissance);
    let civilite = match f.civilite.as_str() {
        "Mme" => t_string!(i18n, dossier.civilite_mme).to_string(),
        "M." => t_string!(i18n, dossier.civilite_m).to_string(),
        other => other.to_owned(),
    };
    let ine = if f.sans_ine { t_string!(i18n, dossier.sans_ine).to_string() } else { f.ine.clone() };
    let facts: Vec<(String, String)> = vec![
        (t_string!(i18n, dossier.civilite).to_string(), civilite),
        (t_string!(i18n, dossier.nom_naissance).to_string(), f.nom_naissance.clone()),
        (t_string!(i18n, dossier.nom_usuel).to_string(), f.nom_usuel.clone()),
        (t_string!(i18n, dossier.prenom).to_string(), f.prenom.clone()),
        (t_string!(i18n, dossier.autre_prenom).to_string(), f.autre_prenom.clone()),
        (t_string!(i18n, dossier.date_naissance).to_string(), f.date_naissance.clone()),
        (t_string!(i18n, dossier.pays_naissance).to_string(), name_in(&data.countries, &f.pays_naissance)),
        (t_string!(i18n, dossier.departement_naissance).to_string(), departement),
        (t_string!(i18n, dossier.ville_naissance).to_string(), f.ville_naissance.clone()),
        (t_string!(i18n, dossier.nationalite).to_string(), name_in(&data.countries, &f.nationalite)),
        (t_string!(i18n, dossier.telephone).to_string(), f.telephone.clone()),
        (t_string!(i18n, dossier.portable).to_string(), f.portable.clone()),
        (t_string!(i18n, dossier.ine).to_string(), ine),
    ];
    view! {
        <p class="alert alert-info" role="note">{t!(i18n, problem.locked)}</p>
        <section class="card">
            <dl class="facts">
                {facts.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
        </section>
        <p class="actions">
            <A href="/compte" attr:class="button">{t!(i18n, account.change_email)}</A>
            <A href="/" attr:class="button button-secondary">{t!(i18n, dossier.back_to_dossier)}</A>
        </p>
    }
}

#[component]
fn IdentityForm(
    data: IdentityPage,
    save: ServerAction<SaveIdentity>,
    save_ine: ServerAction<SaveIne>,
) -> impl IntoView {
    let i18n = use_i18n();
    let result: Signal<_> = save.value().into();
    let ine_result: Signal<_> = save_ine.value().into();
    let popup = !data.ine_answered;
    let f = data.form;
    let civilites = vec![
        ("Mme".to_owned(), t_string!(i18n, dossier.civilite_mme).to_string()),
        ("M.".to_owned(), t_string!(i18n, dossier.civilite_m).to_string()),
    ];
    let departements: Vec<(String, String)> =
        data.departements.into_iter().map(|(c, n)| (c.clone(), format!("{c} - {n}"))).collect();
    view! {
        {popup.then(|| view! {
            <Modal labelled_by="ine-popup-titre" described_by="ine-popup-texte">
                <h2 id="ine-popup-titre">{t!(i18n, dossier.popup_title)}</h2>
                <p id="ine-popup-texte">{t!(i18n, dossier.popup_text)}</p>
                <p>{t!(i18n, dossier.popup_where)}</p>
                <ul>
                    <li>{t!(i18n, dossier.popup_where_bac)}</li>
                    <li>{t!(i18n, dossier.popup_where_acquis)}</li>
                    <li>{t!(i18n, dossier.popup_where_card)}</li>
                </ul>
                <FormOutcome result=ine_result/>
                <ActionForm action=save_ine attr:novalidate=true>
                    <IneField id="ine-popup" rules=data.settings.rules problem=field_problem(ine_result, "ine")/>
                    <p class="hint">{t!(i18n, dossier.popup_none)}</p>
                    <div class="actions">
                        // The default button (Enter in the field) comes first.
                        <button type="submit" class="button">{t!(i18n, dossier.popup_save)}</button>
                        <button type="submit" name="sans_ine" value="1" class="button button-secondary" formnovalidate=true>
                            {t!(i18n, dossier.popup_no_ine)}
                        </button>
                    </div>
                </ActionForm>
            </Modal>
        })}
        <div inert=popup>
            <p>{t!(i18n, dossier.identity_intro)}</p>
            <p class="hint">{t!(i18n, required_hint)}</p>
            <FormOutcome result=result/>
            <ActionForm action=save attr:class="form" attr:novalidate=true attr:data-garde="1">
                <SelectField name="civilite" label=tr!(i18n, dossier.civilite) options=civilites selected=f.civilite
                    placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "civilite")/>
                <Field name="nom_naissance" label=tr!(i18n, dossier.nom_naissance) autocomplete="family-name" value=f.nom_naissance
                    problem=field_problem(result, "nom_naissance")/>
                <Field name="nom_usuel" label=tr!(i18n, dossier.nom_usuel) required=false value=f.nom_usuel
                    problem=field_problem(result, "nom_usuel")/>
                <Field name="prenom" label=tr!(i18n, dossier.prenom) autocomplete="given-name" value=f.prenom
                    problem=field_problem(result, "prenom")/>
                <Field name="autre_prenom" label=tr!(i18n, dossier.autre_prenom) required=false autocomplete="additional-name"
                    value=f.autre_prenom problem=field_problem(result, "autre_prenom")/>
                <Field name="date_naissance" label=tr!(i18n, dossier.date_naissance) autocomplete="bday" value=f.date_naissance
                    problem=field_problem(result, "date_naissance")/>
                <Combobox name="pays_naissance" label=tr!(i18n, dossier.pays_naissance) list=List::Countries
                    text=name_in(&data.countries, &f.pays_naissance) code=f.pays_naissance hint=tr!(i18n, dossier.pays_hint)
                    problem=field_problem(result, "pays_naissance")/>
                <SelectField name="departement_naissance" label=tr!(i18n, dossier.departement_naissance) options=departements
                    selected=f.departement_naissance required=false hint=tr!(i18n, dossier.departement_hint)
                    placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "departement_naissance")/>
                <Field name="ville_naissance" label=tr!(i18n, dossier.ville_naissance) value=f.ville_naissance
                    problem=field_problem(result, "ville_naissance")/>
                <Combobox name="nationalite" label=tr!(i18n, dossier.nationalite) list=List::Countries
                    text=name_in(&data.countries, &f.nationalite) code=f.nationalite hint=tr!(i18n, dossier.pays_hint)
                    problem=field_problem(result, "nationalite")/>
                <Field name="telephone" kind="tel" label=tr!(i18n, dossier.telephone) required=false autocomplete="tel"
                    hint=tr!(i18n, dossier.phone_hint) value=f.telephone problem=field_problem(result, "telephone")/>
                <Field name="portable" kind="tel" label=tr!(i18n, dossier.portable) required=false autocomplete="tel"
                    value=f.portable problem=field_problem(result, "portable")/>
                <IneField rules=data.settings.rules value=f.ine problem=field_problem(result, "ine")/>
                <div class="field checkbox">
                    <input type="checkbox" id="sans_ine" name="sans_ine" value="1" checked=f.sans_ine/>
                    <label for="sans_ine">{t!(i18n, dossier.sans_ine)}</label>
                </div>
                <SubmitButton label=tr!(i18n, save) pending=save.pending()>
                    <A href="/" attr:class="button button-secondary">{t!(i18n, cancel)}</A>
                </SubmitButton>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn AddressPageView() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveAddress>::new();
    let page = Resource::new(|| (), |_| load_address());
    view! {
        <PageTitle text=tr!(i18n, dossier.address_title)/>
        <h1>{t!(i18n, dossier.address_title)}</h1>
        {loaded(page, move |data| view! { <AddressForm data=data save=save/> }.into_any())}
    }
}

#[component]
fn AddressForm(data: AddressPage, save: ServerAction<SaveAddress>) -> impl IntoView {
    let i18n = use_i18n();
    let result: Signal<_> = save.value().into();
    let f = data.form;
    // The communes follow the postal code as it is typed.
    let (postal_code, set_postal_code) = signal(f.code_postal.clone());
    let initial = data.communes;
    let communes = Resource::new(
        move || postal_code.get().chars().filter(|c| !c.is_whitespace()).collect::<String>(),
        |cp| async move {
            if cp.len() == 5 {
                communes_for(cp).await.unwrap_or_default()
            } else {
                Vec::new()
            }
        },
    );
    let options = Signal::derive(move || communes.get().unwrap_or_else(|| initial.clone()));
    view! {
        <p>{t!(i18n, dossier.address_intro)}</p>
        <p class="hint">{t!(i18n, required_hint)}</p>
        <FormOutcome result=result/>
        <ActionForm action=save attr:class="form" attr:novalidate=true attr:data-garde="1">
            <Combobox name="pays" label=tr!(i18n, dossier.pays) list=List::Countries text=name_in(&data.countries, &f.pays)
                code=f.pays hint=tr!(i18n, dossier.pays_hint) problem=field_problem(result, "pays")/>
            <Field name="ligne1" label=tr!(i18n, dossier.ligne1) autocomplete="address-line1" value=f.ligne1
                problem=field_problem(result, "ligne1")/>
            <Field name="ligne2" label=tr!(i18n, dossier.ligne2) required=false autocomplete="address-line2" value=f.ligne2
                problem=field_problem(result, "ligne2")/>
            <Field name="ligne3" label=tr!(i18n, dossier.ligne3) required=false autocomplete="address-line3" value=f.ligne3
                problem=field_problem(result, "ligne3")/>
            <Field name="code_postal" label=tr!(i18n, dossier.code_postal) autocomplete="postal-code" value=f.code_postal
                hint=tr!(i18n, dossier.code_postal_hint) problem=field_problem(result, "code_postal")
                on_input=Callback::new(move |v| set_postal_code.set(v))/>
            <SelectField name="commune" label=tr!(i18n, dossier.commune) options=options selected=f.commune required=false
                hint=tr!(i18n, dossier.commune_hint) placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "commune")/>
            <p class="visually-hidden" aria-live="polite">
                {move || { let n = options.with(Vec::len); (n > 0).then(|| format!("{n} {}", t_string!(i18n, dossier.communes_found))) }}
            </p>
            <Field name="ville" label=tr!(i18n, dossier.ville) required=false autocomplete="address-level2" value=f.ville
                hint=tr!(i18n, dossier.ville_hint) problem=field_problem(result, "ville")/>
            <SubmitButton label=tr!(i18n, save) pending=save.pending()>
                <A href="/" attr:class="button button-secondary">{t!(i18n, cancel)}</A>
            </SubmitButton>
        </ActionForm>
    }
}

#[component]
pub fn BacPageView() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveBac>::new();
    let page = Resource::new(|| (), |_| load_bac());
    view! {
        <PageTitle text=tr!(i18n, dossier.bac_title)/>
        <h1>{t!(i18n, dossier.bac_title)}</h1>
        {loaded(page, move |data| view! { <BacForm data=data save=save/> }.into_any())}
    }
}

fn owned(list: Vec<(&'static str, &'static str)>) -> Vec<(String, String)> {
    list.into_iter().map(|(c, t)| (c.to_owned(), t.to_owned())).collect()
}

#[component]
fn BacForm(data: BacPage, save: ServerAction<SaveBac>) -> impl IntoView {
    use crate::domain::bac::{mentions, series_for};
    let i18n = use_i18n();
    let result: Signal<_> = save.value().into();
    let f = data.form;
    let this_year = data.this_year;
    let (situation, set_situation) = signal(f.situation.clone());
    let (year, set_year) = signal(f.annee.clone());
    // The same lists the server checks against, computed in the browser.
    let year_number = move || {
        year.with(|y| y.trim().parse::<i32>().ok().filter(|y| (1950..=this_year).contains(y)).unwrap_or(this_year))
    };
    let series = Signal::derive(move || owned(series_for(year_number())));
    let mention_list = Signal::derive(move || owned(mentions(year_number())));
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

#[component]
pub fn StagesPageView() -> impl IntoView {
    view! { <ExperiencesView kind=ExperienceKind::Stage/> }
}

#[component]
pub fn ExperiencesPageView() -> impl IntoView {
    view! { <ExperiencesView kind=ExperienceKind::Emploi/> }
}

/// A list the candidate adds to, changes and deletes from: the entries in a
/// table, then the form (new entry, or the one `?modifier=<id>` names).
#[component]
fn ExperiencesView(kind: ExperienceKind) -> impl IntoView {
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
                    <table class="stack-on-phone">
                        <thead><tr>
                            <th scope="col">{t!(i18n, dossier.annee_simple)}</th>
                            {(!stage).then(|| view! { <th scope="col">{t!(i18n, dossier.intitule)}</th> })}
                            <th scope="col">{t!(i18n, dossier.duree)}</th>
                            {stage.then(|| view! { <th scope="col">{t!(i18n, dossier.heures)}</th> })}
                            <th scope="col">{t!(i18n, dossier.employeur)}</th>
                            <th scope="col">{t!(i18n, dossier.descriptif)}</th>
                            <th scope="col">{t!(i18n, dossier.actions)}</th>
                        </tr></thead>
                        <tbody>
                            {data.items.into_iter().map(|(id, x)| {
                                let label = format!("{} {} — {}", x.annee, x.employeur, x.intitule);
                                view! {
                                    <tr>
                                        <td data-label=tr!(i18n, dossier.annee_simple)>{x.annee.clone()}</td>
                                        {(!stage).then(|| view! { <td data-label=tr!(i18n, dossier.intitule)>{x.intitule.clone()}</td> })}
                                        <td data-label=tr!(i18n, dossier.duree)>{x.duree.clone()}</td>
                                        {stage.then(|| view! { <td data-label=tr!(i18n, dossier.heures)>{x.heures.clone()}</td> })}
                                        <td data-label=tr!(i18n, dossier.employeur)>{x.employeur.clone()}</td>
                                        <td data-label=tr!(i18n, dossier.descriptif)>{x.descriptif.clone()}</td>
                                        <td data-label=tr!(i18n, dossier.actions)>
                                            <div class="row-actions">
                                                <a class="button button-secondary" href=format!("?modifier={id}")
                                                    aria-label=format!("{} : {label}", t_string!(i18n, dossier.modify))>{t!(i18n, dossier.modify)}</a>
                                                <ActionForm action=delete attr:class="inline-form">
                                                    <input type="hidden" name="kind" value=kind.code()/>
                                                    <input type="hidden" name="id" value=id/>
                                                    <button type="submit" class="button button-secondary"
                                                        aria-label=format!("{} : {label}", t_string!(i18n, dossier.delete))>{t!(i18n, dossier.delete)}</button>
                                                </ActionForm>
                                            </div>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {move || view! { <EntryForm kind=kind editing=editing() save=save/> }}
    }
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

fn label_of(list: &[(&'static str, &'static str)], code: &str) -> String {
    list.iter().find(|(c, _)| *c == code).map(|(_, l)| l.to_string()).unwrap_or_default()
}

/// The years of studies as in the guide's example table, then the form.
#[component]
fn CursusList(data: CursusPage, save: ServerAction<SaveCursus>, delete: ServerAction<DeleteCursus>) -> impl IntoView {
    use crate::domain::bac::mentions;
    use crate::domain::cursus::{FORMATIONS, OUTCOMES};
    let i18n = use_i18n();
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
                    <table class="stack-on-phone">
                        <ColumnHeaders labels=vec![
                            t_string!(i18n, dossier.annee_obtention).to_string(),
                            t_string!(i18n, dossier.pays).to_string(),
                            t_string!(i18n, dossier.departement).to_string(),
                            t_string!(i18n, dossier.commune).to_string(),
                            t_string!(i18n, dossier.etablissement).to_string(),
                            t_string!(i18n, dossier.formation).to_string(),
                            t_string!(i18n, dossier.libelle).to_string(),
                            t_string!(i18n, dossier.obtenu).to_string(),
                            t_string!(i18n, dossier.mention).to_string(),
                            t_string!(i18n, dossier.actions).to_string(),
                        ]/>
                        <tbody>
                            {data.rows.into_iter().map(|r: CursusRow| {
                                let label = format!("{} {}", r.form.annee, r.form.libelle);
                                let id = r.id;
                                view! {
                                    <tr>
                                        <td data-label=tr!(i18n, dossier.annee_obtention)>{r.form.annee.clone()}</td>
                                        <td data-label=tr!(i18n, dossier.pays)>{r.pays_nom.clone()}</td>
                                        <td data-label=tr!(i18n, dossier.departement)>{r.departement_nom.clone()}</td>
                                        <td data-label=tr!(i18n, dossier.commune)>{r.commune_nom.clone()}</td>
                                        <td data-label=tr!(i18n, dossier.etablissement)>{r.form.etablissement.clone()}</td>
                                        <td data-label=tr!(i18n, dossier.formation)>{label_of(FORMATIONS, &r.form.formation)}</td>
                                        <td data-label=tr!(i18n, dossier.libelle)>{r.form.libelle.clone()}</td>
                                        <td data-label=tr!(i18n, dossier.obtenu)>{label_of(OUTCOMES, &r.form.obtenu)}</td>
                                        <td data-label=tr!(i18n, dossier.mention)>{label_of(&mentions(2020), &r.form.mention)}</td>
                                        <td data-label=tr!(i18n, dossier.actions)>
                                            <div class="row-actions">
                                                <a class="button button-secondary" href=format!("?modifier={id}")
                                                    aria-label=format!("{} : {label}", t_string!(i18n, dossier.modify))>{t!(i18n, dossier.modify)}</a>
                                                <ActionForm action=delete attr:class="inline-form">
                                                    <input type="hidden" name="id" value=id/>
                                                    <button type="submit" class="button button-secondary"
                                                        aria-label=format!("{} : {label}", t_string!(i18n, dossier.delete))>{t!(i18n, dossier.delete)}</button>
                                                </ActionForm>
                                            </div>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
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
    use crate::domain::bac::mentions;
    use crate::domain::cursus::{FORMATIONS, OUTCOMES};
    let i18n = use_i18n();
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
            <SelectField name="formation" label=tr!(i18n, dossier.formation) options=owned(FORMATIONS.to_vec()) selected=f.formation
                placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "formation")/>
            <Field name="libelle" label=tr!(i18n, dossier.libelle) hint=tr!(i18n, dossier.libelle_hint) value=f.libelle
                problem=field_problem(result, "libelle")/>
            <SelectField name="obtenu" label=tr!(i18n, dossier.obtenu) options=owned(OUTCOMES.to_vec()) selected=f.obtenu
                placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "obtenu")/>
            <SelectField name="mention" label=tr!(i18n, dossier.mention) options=owned(mentions(2020)) selected=f.mention required=false
                placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "mention")/>
            <SubmitButton label=tr!(i18n, save) pending=save.pending()>
                {(!edit_id.is_empty()).then(|| view! { <a href="?" class="button button-secondary">{t!(i18n, cancel)}</a> })}
            </SubmitButton>
        </ActionForm>
    }
}
