//! `/dossier/informations-personnelles` (guide 04.1, passerelle "Je
//! complète mon compte e-candidat"): "Informations personnelles" with the
//! INE pop-up, read-only once an application was made.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::dossier::{load_identity, SaveIdentity, SaveIne};
use crate::components::combobox::Combobox;
use crate::components::dialog::Modal;
use crate::components::field::{field_problem, successes, Field, SelectField, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::ine_field::IneField;
use crate::components::language::current;
use crate::components::loading::loaded;
use crate::components::messages::FormOutcome;
use crate::components::school_records::{Fixed, FixedFacts, FromSchoolRecords};
use crate::domain::date::written_form_day;
use crate::domain::lookup::name_in;
use crate::i18n::*;
use crate::views::dossier::IdentityPage;
use crate::views::reference::List;

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
        (t_string!(i18n, dossier.date_naissance).to_string(), written_form_day(&f.date_naissance, current())),
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
    // What the university fixes is shown, and sent back, as it says it.
    let sourced = data.sourced;
    let fixed = move |name: &str| sourced.iter().any(|s| s == name);
    let facts: Vec<Fixed> = [
        ("nom_naissance", t_string!(i18n, dossier.nom_naissance).to_string(), &f.nom_naissance),
        ("prenom", t_string!(i18n, dossier.prenom).to_string(), &f.prenom),
        ("date_naissance", t_string!(i18n, dossier.date_naissance).to_string(), &f.date_naissance),
        ("ine", t_string!(i18n, dossier.ine).to_string(), &f.ine),
    ]
    .into_iter()
    .filter(|(name, _, _)| fixed(name))
    .map(|(name, label, value)| {
        let shown = if name == "date_naissance" { written_form_day(value, current()) } else { value.clone() };
        Fixed { label, shown, name, value: value.clone() }
    })
    .collect();
    let any_fixed = !facts.is_empty();
    let (ine_fixed, names_fixed) = (fixed("ine"), (fixed("nom_naissance"), fixed("prenom"), fixed("date_naissance")));
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
                {any_fixed.then(|| view! {
                    <section class="card" aria-labelledby="scolarite-titre">
                        <h2 id="scolarite-titre">{t!(i18n, dossier.from_university_title)}</h2>
                        <FromSchoolRecords/>
                        <FixedFacts facts=facts/>
                    </section>
                })}
                <SelectField name="civilite" label=tr!(i18n, dossier.civilite) options=civilites selected=f.civilite
                    placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "civilite")/>
                {(!names_fixed.0).then(|| view! {
                    <Field name="nom_naissance" label=tr!(i18n, dossier.nom_naissance) autocomplete="family-name" value=f.nom_naissance.clone()
                        problem=field_problem(result, "nom_naissance")/>
                })}
                <Field name="nom_usuel" label=tr!(i18n, dossier.nom_usuel) required=false value=f.nom_usuel
                    problem=field_problem(result, "nom_usuel")/>
                {(!names_fixed.1).then(|| view! {
                    <Field name="prenom" label=tr!(i18n, dossier.prenom) autocomplete="given-name" value=f.prenom.clone()
                        problem=field_problem(result, "prenom")/>
                })}
                <Field name="autre_prenom" label=tr!(i18n, dossier.autre_prenom) required=false autocomplete="additional-name"
                    value=f.autre_prenom problem=field_problem(result, "autre_prenom")/>
                {(!names_fixed.2).then(|| view! {
                    <Field name="date_naissance" label=tr!(i18n, dossier.date_naissance) autocomplete="bday" value=f.date_naissance.clone()
                        problem=field_problem(result, "date_naissance")/>
                })}
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
                {(!ine_fixed).then(|| view! {
                    <IneField rules=data.settings.rules value=f.ine.clone() problem=field_problem(result, "ine")/>
                    <div class="field checkbox">
                        <input type="checkbox" id="sans_ine" name="sans_ine" value="1" checked=f.sans_ine/>
                        <label for="sans_ine">{t!(i18n, dossier.sans_ine)}</label>
                    </div>
                })}
                <SubmitButton label=tr!(i18n, save) pending=save.pending()>
                    <A href="/" attr:class="button button-secondary">{t!(i18n, cancel)}</A>
                </SubmitButton>
            </ActionForm>
        </div>
    }
}
