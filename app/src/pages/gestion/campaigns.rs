//! `/gestion/configuration/campagnes` (admins): the campaigns and their
//! state, "Nouvelle campagne" (prepared with the active campaign's
//! configuration, dates one year later), "Activer" (the active campaign is
//! archived: read-only, out of the candidates' view), and how long an
//! archived campaign's dossiers are kept.

use leptos::prelude::*;

use crate::api::campaigns::{load_campaigns, ActivateCampaign, CreateCampaign, SaveRetention};
use crate::components::dialog::ConfirmDialog;
use crate::components::field::successes;
use crate::components::field::{field_problem, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded_or_sign_in;
use crate::components::messages::FormOutcome;
use crate::components::status::state_text;
use crate::components::table::{Column, DataTable};
use crate::domain::campaign::{CampaignState, RETENTION_DEFAULT};
use crate::i18n::*;
use crate::views::campaigns::CampaignLine;

const SIGN_IN: &str = "/gestion/connexion";

#[derive(Clone, Copy)]
struct Actions {
    create: ServerAction<CreateCampaign>,
    activate: ServerAction<ActivateCampaign>,
    retention: ServerAction<SaveRetention>,
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let i18n = use_i18n();
    let actions =
        Actions { create: ServerAction::new(), activate: ServerAction::new(), retention: ServerAction::new() };
    let (created, activated, kept) = (
        successes(actions.create.value().into()),
        successes(actions.activate.value().into()),
        successes(actions.retention.value().into()),
    );
    let data = Resource::new(move || (created.get(), activated.get(), kept.get()), |_| load_campaigns());
    view! {
        <PageTitle text=tr!(i18n, campaigns.title)/>
        <p><a href="/gestion/configuration">{t!(i18n, config.back)}</a></p>
        <h1>{t!(i18n, campaigns.title)}</h1>
        <p>{t!(i18n, campaigns.intro)}</p>
        {loaded_or_sign_in(data, SIGN_IN, move |lines| view! { <CampaignsView lines=lines actions=actions/> }.into_any())}
    }
}

#[component]
fn CampaignsView(lines: Vec<CampaignLine>, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let activate_result: Signal<_> = actions.activate.value().into();
    let retention_result: Signal<_> = actions.retention.value().into();
    let create_result: Signal<_> = actions.create.value().into();
    // The campaign an admin is about to activate: (id, label).
    let asking = RwSignal::new(None::<(i64, String)>);
    // Activated: the dialog closes, the table shows the new states and the
    // header the new campaign.
    let session = crate::root::use_session();
    Effect::new(move |_| {
        if matches!(actions.activate.value().get(), Some(Ok(_))) {
            asking.set(None);
            session.frame.refetch();
        }
    });
    let active_label =
        lines.iter().find(|c| c.state == CampaignState::Active).map(|c| c.label.clone()).unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="campagnes-liste">
            <h2 id="campagnes-liste">{t!(i18n, campaigns.list)}</h2>
            <FormOutcome result=activate_result success=tr!(i18n, campaigns.activated)/>
            <FormOutcome result=retention_result success=tr!(i18n, config.saved)/>
            <div class="table-scroll">
                <DataTable class="stack-on-phone" columns=vec![
                    Column::new(t_string!(i18n, campaigns.col_campaign), |c: &CampaignLine| view! {
                        {c.label.clone()}<span class="piece-note">{format!("{} — {}", c.code, c.university_year)}</span>
                    }.into_any()).row_header(),
                    Column::new(t_string!(i18n, campaigns.col_state), move |c: &CampaignLine| view! {
                        <strong>{state_text(c.state)}</strong>
                        {c.archived.clone().map(|d| view! { <span class="piece-note">{t_string!(i18n, campaigns.archived_on, date = d).to_string()}</span> })}
                        {c.destroyed_summary.clone().map(|s| view! { <span class="piece-note">{s}</span> })}
                    }.into_any()),
                    Column::new(t_string!(i18n, campaigns.col_applications), |c: &CampaignLine| c.applications.into_any()),
                    Column::new(t_string!(i18n, campaigns.col_retention), move |c: &CampaignLine| {
                        let c = c.clone();
                        let named_save = format!(" : {}", c.label);
                        let retention_id = format!("conservation-{}", c.id);
                        match c.state {
                            CampaignState::Destroyed => view! {
                                <span>{t_string!(i18n, campaigns.destroyed_on, date = c.destruction.clone().unwrap_or_default()).to_string()}</span>
                            }.into_any(),
                            _ => view! {
                                <ActionForm action=actions.retention attr:class="retention-form" attr:novalidate=true>
                                    <input type="hidden" name="id" value=c.id.to_string()/>
                                    <label for=retention_id.clone()>{t!(i18n, campaigns.retention_days)}</label>
                                    <input id=retention_id.clone() name="retention_days" type="number" inputmode="numeric"
                                        value=c.retention_days.to_string() min="30" max="3650"/>
                                    <button type="submit" class="button button-secondary button-small">
                                        {t!(i18n, save)}<span class="visually-hidden">{named_save}</span>
                                    </button>
                                    {c.destruction.clone().map(|d| view! { <span class="piece-note">{t_string!(i18n, campaigns.destruction_on, date = d).to_string()}</span> })}
                                </ActionForm>
                            }.into_any(),
                        }
                    }),
                    Column::new(t_string!(i18n, campaigns.col_actions), move |c: &CampaignLine| {
                        let label = c.label.clone();
                        let named = format!(" : {}", c.label);
                        let (named_activate, named_configure) = (named.clone(), named.clone());
                        let id = c.id;
                        match c.state {
                            CampaignState::Prepared => view! {
                                <div class="row-actions">
                                    <a class="button button-secondary button-small" href=format!("/gestion/configuration?campagne={}", c.id)>
                                        {t!(i18n, campaigns.configure)}<span class="visually-hidden">{named_configure}</span>
                                    </a>
                                    <button type="button" class="button button-small" on:click=move |_| asking.set(Some((id, label.clone())))>
                                        {t!(i18n, campaigns.activate)}<span class="visually-hidden">{named_activate}</span>
                                    </button>
                                </div>
                            }.into_any(),
                            CampaignState::Archived => view! {
                                <a class="button button-secondary button-small" href=format!("/gestion/candidatures?campagne={}", c.id)>
                                    {t!(i18n, campaigns.consult)}<span class="visually-hidden">{named}</span>
                                </a>
                            }.into_any(),
                            _ => ().into_any(),
                        }
                    }),
                ] rows=lines/>
            </div>
        </section>
        <section class="card" aria-labelledby="campagne-nouvelle">
            <h2 id="campagne-nouvelle">{t!(i18n, campaigns.new_title)}</h2>
            <p>{t!(i18n, campaigns.new_intro)}</p>
            <FormOutcome result=create_result success=tr!(i18n, campaigns.created)/>
            <ActionForm action=actions.create attr:class="form" attr:novalidate=true>
                <Field name="code" label=tr!(i18n, campaigns.code) hint=tr!(i18n, campaigns.code_hint) problem=field_problem(create_result, "code")/>
                <Field name="label" label=tr!(i18n, config.campaign_label) problem=field_problem(create_result, "label")/>
                <Field name="university_year" label=tr!(i18n, config.university_year) hint=tr!(i18n, config.university_year_hint)
                    problem=field_problem(create_result, "university_year")/>
                <Field name="retention_days" kind="number" label=tr!(i18n, campaigns.retention_days) hint=tr!(i18n, campaigns.retention_hint)
                    value=RETENTION_DEFAULT.to_string() problem=field_problem(create_result, "retention_days")/>
                <SubmitButton label=tr!(i18n, campaigns.create) pending=actions.create.pending()/>
            </ActionForm>
        </section>
        {move || asking.get().map(|(id, label)| {
            let active_label = active_label.clone();
            view! {
            <ConfirmDialog title=tr!(i18n, campaigns.activate_title) on_close=Callback::new(move |_| asking.set(None))>
                <p id="confirmation-texte">{t_string!(i18n, campaigns.activate_text, campaign = label.clone(), active = active_label.clone()).to_string()}</p>
                <FormOutcome result=activate_result/>
                <ActionForm action=actions.activate>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="actions">
                        <button type="button" class="button button-secondary" on:click=move |_| asking.set(None)>{t!(i18n, apply.no)}</button>
                        <button type="submit" class="button" disabled=move || actions.activate.pending().get()>{t!(i18n, campaigns.activate)}</button>
                    </div>
                </ActionForm>
            </ConfirmDialog>
        }})}
    }
}
