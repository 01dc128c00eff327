//! `/gestion/configuration/campagne`: the campaign's settings and the
//! reasons of défavorable decisions (admins).

use leptos::prelude::*;

use crate::api::configuration::{load_campaign, AddReason, RemoveReason, SaveCampaign};
use crate::components::configuration::{campaign_field, config_href, configured_campaign, HOME, SIGN_IN};
use crate::components::field::{field_problem, successes, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded_or_sign_in;
use crate::components::messages::FormOutcome;
use crate::i18n::*;
use crate::views::configuration::CampaignView;

/// `/gestion/configuration/campagne`: the campaign's settings and the
/// reasons of défavorable decisions (admins).
#[component]
pub fn CampaignConfigPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCampaign>::new();
    let add = ServerAction::<AddReason>::new();
    let remove = ServerAction::<RemoveReason>::new();
    let (saved, added, removed) =
        (successes(save.value().into()), successes(add.value().into()), successes(remove.value().into()));
    let campaign = configured_campaign();
    let data =
        Resource::new(move || (campaign.get(), saved.get(), added.get(), removed.get()), |(c, ..)| load_campaign(c));
    view! {
        <PageTitle text=tr!(i18n, config.campaign_title)/>
        <p><a href=move || config_href(HOME, campaign.get(), "")>{t!(i18n, config.back)}</a></p>
        <h1>{t!(i18n, config.campaign_title)}</h1>
        {loaded_or_sign_in(data, SIGN_IN, move |c| view! { <CampaignForms c=c save=save add=add remove=remove/> }.into_any())}
    }
}

#[component]
fn CampaignForms(
    c: CampaignView,
    save: ServerAction<SaveCampaign>,
    add: ServerAction<AddReason>,
    remove: ServerAction<RemoveReason>,
) -> impl IntoView {
    let i18n = use_i18n();
    let save_result: Signal<_> = save.value().into();
    let add_result: Signal<_> = add.value().into();
    let remove_result: Signal<_> = remove.value().into();
    view! {
        <section class="card" aria-labelledby="campagne-reglages">
            <h2 id="campagne-reglages">{format!("{} ({})", c.label, c.code)}</h2>
            <FormOutcome result=save_result success=tr!(i18n, config.saved)/>
            <ActionForm action=save attr:class="form" attr:novalidate=true>
                {campaign_field(configured_campaign().get_untracked())}
                <Field name="label" label=tr!(i18n, config.campaign_label) value=c.label.clone() problem=field_problem(save_result, "label")/>
                <Field name="university_year" label=tr!(i18n, config.university_year) hint=tr!(i18n, config.university_year_hint) value=c.university_year.clone()
                    problem=field_problem(save_result, "university_year")/>
                <Field name="max_applications" kind="number" required=false label=tr!(i18n, config.max_applications) hint=tr!(i18n, config.max_applications_hint)
                    value=c.max_applications.to_string() problem=field_problem(save_result, "max_applications")/>
                <SubmitButton label=tr!(i18n, save) pending=save.pending()/>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="campagne-motifs">
            <h2 id="campagne-motifs">{t!(i18n, config.reasons)}</h2>
            <p>{t!(i18n, config.reasons_intro)}</p>
            <FormOutcome result=remove_result/>
            <ul class="plain-list">
                {c.reasons.clone().into_iter().map(|r| view! {
                    <li>
                        <ActionForm action=remove attr:class="inline-form">
                            {campaign_field(configured_campaign().get_untracked())}
                            {r.clone()}" "
                            <input type="hidden" name="motif" value=r.clone()/>
                            <button type="submit" class="button button-secondary button-small">
                                {t!(i18n, config.remove)}<span class="visually-hidden">{format!(" : {r}")}</span>
                            </button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            <FormOutcome result=add_result success=tr!(i18n, config.saved)/>
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                {campaign_field(configured_campaign().get_untracked())}
                <Field name="motif" label=tr!(i18n, config.reason_new) problem=field_problem(add_result, "motif")/>
                <SubmitButton label=tr!(i18n, config.add) pending=add.pending()/>
            </ActionForm>
        </section>
    }
}
