//! `/gestion/personnels`: staff accounts (admins). One form creates an
//! account, or changes the one named in the URL (`?compte=7`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::staff_accounts::{load_staff_accounts, SaveStaffAccount};
use crate::components::field::{field_problem, successes, Field, SelectField, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded_or_sign_in;
use crate::components::messages::{problem_text, FormOutcome};
use crate::components::status::role_text;
use crate::components::table::{Column, DataTable};
use crate::domain::review::StaffRole;
use crate::i18n::*;
use crate::views::staff_accounts::{StaffAccountLine, StaffAccounts};

const ROLES: [StaffRole; 3] = [StaffRole::Gestionnaire, StaffRole::Commission, StaffRole::Admin];

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveStaffAccount>::new();
    let saved = successes(save.value().into());
    let data = Resource::new(move || saved.get(), |_| load_staff_accounts());
    view! {
        <PageTitle text=tr!(i18n, staff_accounts.title)/>
        <p><a href="/gestion/configuration">{t!(i18n, config.back)}</a></p>
        <h1>{t!(i18n, staff_accounts.title)}</h1>
        {loaded_or_sign_in(data, "/gestion/connexion", move |d| view! { <AccountsView d=d save=save/> }.into_any())}
    }
}

#[component]
fn AccountsView(d: StaffAccounts, save: ServerAction<SaveStaffAccount>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = use_query_map()
        .with_untracked(|q| q.get("compte").and_then(|v| v.parse::<i64>().ok()))
        .and_then(|id| d.accounts.iter().find(|a| a.id == id).cloned());
    let centre_names = {
        let centres = d.centres.clone();
        move |ids: &[i64]| {
            centres.iter().filter(|c| ids.contains(&c.id)).map(|c| c.label.clone()).collect::<Vec<_>>().join(", ")
        }
    };
    view! {
        <section class="card" aria-labelledby="comptes">
            <h2 id="comptes">{t!(i18n, staff_accounts.list)}</h2>
            <div class="table-scroll">
                <DataTable class="stack-on-phone" columns=vec![
                    Column::new(t_string!(i18n, staff_accounts.name), move |a: &StaffAccountLine| view! {
                        {a.name.clone()}" "
                        <a href=format!("/gestion/personnels?compte={}#compte-form", a.id)>{t!(i18n, config.edit)}<span class="visually-hidden">{format!(" : {}", a.name)}</span></a>
                    }.into_any()).row_header(),
                    Column::new(t_string!(i18n, staff_accounts.email), |a: &StaffAccountLine| a.email.clone().into_any()),
                    Column::new(t_string!(i18n, staff_accounts.role), |a: &StaffAccountLine| role_text(a.role).into_any()),
                    Column::new(t_string!(i18n, staff_accounts.centres), move |a: &StaffAccountLine| (if a.role == StaffRole::Admin { t_string!(i18n, staff_accounts.all_centres).to_string() } else { centre_names(&a.centres) }).into_any()),
                    Column::new(t_string!(i18n, staff_accounts.state), move |a: &StaffAccountLine| (if a.active { t_string!(i18n, staff_accounts.active).to_string() } else { t_string!(i18n, staff_accounts.inactive).to_string() }).into_any()),
                ] rows=d.accounts.clone()/>
            </div>
        </section>
        <AccountForm save=save editing=editing d=d/>
    }
}

#[component]
fn AccountForm(
    save: ServerAction<SaveStaffAccount>,
    editing: Option<StaffAccountLine>,
    d: StaffAccounts,
) -> impl IntoView {
    let i18n = use_i18n();
    let result: Signal<_> = save.value().into();
    let centres_problem = field_problem(result, "centres");
    let active_problem = field_problem(result, "active");
    let roles: Vec<(String, String)> = ROLES.iter().map(|r| (r.code().to_owned(), role_text(*r))).collect();
    let e = editing.clone();
    let heading = match &editing {
        Some(a) => t_string!(i18n, staff_accounts.edit, name = a.name.clone()).to_string(),
        None => t_string!(i18n, staff_accounts.new).to_string(),
    };
    let success = if editing.is_some() { tr!(i18n, config.saved) } else { tr!(i18n, staff_accounts.invited) };
    view! {
        <section class="card" aria-labelledby="compte-form">
            <h2 id="compte-form">{heading}</h2>
            <FormOutcome result=result success=success/>
            <ActionForm action=save attr:class="form" attr:novalidate=true>
                {match e.as_ref() {
                    Some(a) => view! {
                        <input type="hidden" name="id" value=a.id.to_string()/>
                        <p>{t!(i18n, staff_accounts.email)}" : "<strong>{a.email.clone()}</strong></p>
                    }.into_any(),
                    None => view! {
                        <Field name="email" kind="email" label=tr!(i18n, staff_accounts.email) hint=tr!(i18n, staff_accounts.email_hint) problem=field_problem(result, "email")/>
                    }.into_any(),
                }}
                <Field name="name" label=tr!(i18n, staff_accounts.name) value=e.as_ref().map(|a| a.name.clone()).unwrap_or_default() problem=field_problem(result, "name")/>
                {d.university.clone().map(|university| view! {
                    <Field name="cas_uid" label=tr!(i18n, staff_accounts.cas_uid) required=false
                        value=e.as_ref().map(|a| a.cas_uid.clone()).unwrap_or_default()
                        hint=Signal::derive(move || t_string!(i18n, staff_accounts.cas_uid_hint, university = university.clone()).to_string())
                        problem=field_problem(result, "cas_uid")/>
                })}
                <SelectField name="role" label=tr!(i18n, staff_accounts.role) options=roles selected=e.as_ref().map(|a| a.role.code().to_owned()).unwrap_or_default()
                    placeholder=tr!(i18n, dossier.choose) hint=tr!(i18n, staff_accounts.role_hint) problem=field_problem(result, "role")/>
                <fieldset aria-describedby="centres-erreur">
                    <legend>{t!(i18n, staff_accounts.centres)}</legend>
                    {d.centres.iter().map(|c| {
                        let id = format!("centre-{}", c.id);
                        let checked = e.as_ref().is_some_and(|a| a.centres.contains(&c.id));
                        view! {
                            <div class="field checkbox">
                                <input type="checkbox" id=id.clone() name=format!("centres[{}]", c.id) value="1" checked=checked/>
                                <label for=id>{c.label.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p class="field-error" id="centres-erreur" aria-live="polite">{move || centres_problem.get().map(|p| problem_text(&p))}</p>
                </fieldset>
                {e.as_ref().map(|a| view! {
                    <div class="field checkbox">
                        <input type="checkbox" id="active" name="active" value="1" checked=a.active aria-describedby="active-erreur"/>
                        <label for="active">{t!(i18n, staff_accounts.active_label)}</label>
                    </div>
                    <p class="field-error" id="active-erreur" aria-live="polite">{move || active_problem.get().map(|p| problem_text(&p))}</p>
                })}
                <SubmitButton label=if editing.is_some() { tr!(i18n, save) } else { tr!(i18n, staff_accounts.create) } pending=save.pending()/>
            </ActionForm>
        </section>
    }
}
