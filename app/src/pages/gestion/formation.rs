//! `/gestion/configuration/formations/:id` (`nouvelle` for a new one): one
//! formation, its dates and the pieces it asks for.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::configuration::{load_formation, SaveFormation};
use crate::components::configuration::{campaign_field, config_href, configured_campaign, HOME, SIGN_IN};
use crate::components::field::{field_problem, Field, SelectField, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded_or_sign_in;
use crate::components::messages::FormOutcome;
use crate::domain::formation::{MODES, TREATMENTS};
use crate::i18n::*;
use crate::views::configuration::{FormationEdit, PieceView};

/// `/gestion/configuration/formations/:id` (or `nouvelle`).
#[component]
pub fn FormationConfigPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let campaign = configured_campaign();
    let data = Resource::new(move || (campaign.get(), id()), |(c, id)| load_formation(c, id));
    view! {
        <PageTitle text=tr!(i18n, config.formation_title)/>
        <p><a href=move || config_href(HOME, campaign.get(), "")>{t!(i18n, config.back)}</a></p>
        {loaded_or_sign_in(data, SIGN_IN, move |d| view! { <FormationForm d=d/> }.into_any())}
    }
}

#[component]
fn FormationForm(d: FormationEdit) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveFormation>::new();
    let result: Signal<_> = action.value().into();
    // A new formation continues on its own page; an existing one stays.
    let navigate = use_navigate();
    let is_new = d.id.is_none();
    Effect::new(move |_| {
        if let Some(Ok(id)) = action.value().get() {
            if is_new {
                navigate(
                    &config_href(
                        &format!("/gestion/configuration/formations/{id}"),
                        configured_campaign().get_untracked(),
                        "enregistre=1",
                    ),
                    Default::default(),
                );
            }
        }
    });
    let saved = use_query_map().with_untracked(|q| q.get("enregistre").is_some());
    let f = d.form.clone();
    let (centre, set_centre) = signal(f.centre.clone());
    let centres: Vec<(String, String)> = d.centres.iter().map(|c| (c.id.to_string(), c.label.clone())).collect();
    let choices = |list: &[&str]| list.iter().map(|m| (m.to_string(), m.to_string())).collect::<Vec<_>>();
    let title = if d.id.is_some() { f.title.clone() } else { t_string!(i18n, config.new_formation).to_string() };
    let pieces = d.pieces.clone();
    let named = d.pieces_named.clone();
    view! {
        <h1>{title}</h1>
        {saved.then(|| view! { <p class="alert alert-success" role="status">{t!(i18n, config.saved)}</p> })}
        <FormOutcome result=result success=tr!(i18n, config.saved)/>
        <ActionForm action=action attr:class="form" attr:novalidate=true attr:data-garde=true>
            {campaign_field(configured_campaign().get_untracked())}
            {d.id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <SelectField name="centre" label=tr!(i18n, staff.col_centre) options=centres selected=f.centre.clone()
                placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "centre") on_change=Callback::new(move |v| set_centre.set(v))/>
            <Field name="title" label=tr!(i18n, config.formation_name) value=f.title.clone() problem=field_problem(result, "title")/>
            <Field name="keywords" required=false label=tr!(i18n, config.keywords) hint=tr!(i18n, config.keywords_hint) value=f.keywords.clone()
                problem=field_problem(result, "keywords")/>
            <Field name="url" kind="url" required=false label=tr!(i18n, config.url) value=f.url.clone() problem=field_problem(result, "url")/>
            <fieldset>
                <legend>{t!(i18n, config.dates)}</legend>
                <p class="hint">{t!(i18n, config.dates_hint)}</p>
                <Field name="window_start" kind="date" label=tr!(i18n, config.window_start) value=f.window_start.clone() problem=field_problem(result, "window_start")/>
                <Field name="window_end" kind="date" label=tr!(i18n, config.window_end) value=f.window_end.clone() problem=field_problem(result, "window_end")/>
                <Field name="return_deadline" kind="date" label=tr!(i18n, config.return_deadline) value=f.return_deadline.clone()
                    problem=field_problem(result, "return_deadline")/>
                <Field name="publication" kind="date" required=false label=tr!(i18n, config.publication) value=f.publication.clone()
                    problem=field_problem(result, "publication")/>
                <Field name="confirmation" kind="date" required=false label=tr!(i18n, config.confirmation) value=f.confirmation.clone()
                    problem=field_problem(result, "confirmation")/>
            </fieldset>
            <SelectField name="mode" label=tr!(i18n, staff.col_mode) options=choices(&MODES) selected=f.mode.clone() placeholder=tr!(i18n, dossier.choose)
                problem=field_problem(result, "mode")/>
            <SelectField name="treatment" label=tr!(i18n, config.treatment) options=choices(&TREATMENTS) selected=f.treatment.clone()
                placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "treatment")/>
            <Field name="capacity" kind="number" required=false label=tr!(i18n, staff.col_capacity) value=f.capacity.clone()
                problem=field_problem(result, "capacity")/>
            <div class="field checkbox">
                <input type="checkbox" id="waiting_list" name="waiting_list" value="1" checked=f.waiting_list/>
                <label for="waiting_list">{t!(i18n, config.waiting_list)}</label>
            </div>
            <fieldset>
                <legend>{t!(i18n, config.formation_pieces)}</legend>
                <p class="hint">{t!(i18n, config.formation_pieces_hint)}</p>
                {move || {
                    let centre: i64 = centre.get().parse().unwrap_or_default();
                    let of_centre: Vec<PieceView> = pieces.iter().filter(|p| p.centre_id == centre).cloned().collect();
                    if of_centre.is_empty() {
                        return view! { <p>{t!(i18n, config.no_pieces)}</p> }.into_any();
                    }
                    of_centre.into_iter().map(|p| {
                        let id = format!("piece-{}", p.id);
                        let note = if p.common { Some(t_string!(i18n, config.piece_common).to_string()) } else { None };
                        view! {
                            <div class="field checkbox">
                                <input type="checkbox" id=id.clone() name=format!("pieces[{}]", p.id) value="1"
                                    checked=p.common || named.contains(&p.id) disabled=p.common/>
                                <label for=id>{p.label.clone()}{note.map(|n| view! { <span class="piece-note">{format!(" ({n})")}</span> })}</label>
                            </div>
                        }
                    }).collect_view().into_any()
                }}
            </fieldset>
            <SubmitButton label=tr!(i18n, config.save_formation) pending=action.pending()/>
        </ActionForm>
    }
}
