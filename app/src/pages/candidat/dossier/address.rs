//! `/dossier/adresse`: the "Adresse" section of the dossier.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::dossier::{load_address, SaveAddress};
use crate::api::reference::communes_for;
use crate::components::combobox::Combobox;
use crate::components::field::{field_problem, Field, SelectField, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded;
use crate::components::messages::FormOutcome;
use crate::components::school_records::{Fixed, FixedFacts, FromSchoolRecords};
use crate::domain::lookup::name_in;
use crate::i18n::*;
use crate::views::dossier::AddressPage;
use crate::views::reference::List;

#[component]
pub fn AddressPageView() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveAddress>::new();
    let page = Resource::new(|| (), |_| load_address());
    view! {
        <PageTitle text=tr!(i18n, dossier.address_title)/>
        <h1>{t!(i18n, dossier.address_title)}</h1>
        {loaded(page, move |data| if data.sourced {
            view! { <AddressFromDirectory data=data save=save/> }.into_any()
        } else {
            view! { <AddressForm data=data save=save/> }.into_any()
        })}
    }
}

/// The address the university's directory gives: shown, confirmed as is.
#[component]
fn AddressFromDirectory(data: AddressPage, save: ServerAction<SaveAddress>) -> impl IntoView {
    let i18n = use_i18n();
    let result: Signal<_> = save.value().into();
    let f = data.form;
    let commune = name_in(&data.communes, &f.commune);
    let fact = |label: String, value: &str, name: &'static str| Fixed {
        label,
        shown: value.to_owned(),
        name,
        value: value.to_owned(),
    };
    let facts = vec![
        fact(t_string!(i18n, dossier.ligne1).to_string(), &f.ligne1, "ligne1"),
        fact(t_string!(i18n, dossier.ligne2).to_string(), &f.ligne2, "ligne2"),
        fact(t_string!(i18n, dossier.ligne3).to_string(), &f.ligne3, "ligne3"),
        fact(t_string!(i18n, dossier.code_postal).to_string(), &f.code_postal, "code_postal"),
        Fixed {
            label: t_string!(i18n, dossier.commune).to_string(),
            shown: commune,
            name: "commune",
            value: f.commune.clone(),
        },
        fact(t_string!(i18n, dossier.ville).to_string(), &f.ville, "ville"),
        Fixed {
            label: t_string!(i18n, dossier.pays).to_string(),
            shown: name_in(&data.countries, &f.pays),
            name: "pays",
            value: f.pays.clone(),
        },
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
