//! Configuration screens: `/gestion/configuration` (centres, formations,
//! pieces with their model files), `/gestion/configuration/formations/:id`
//! (one formation: its dates and the pieces it asks for; `nouvelle` for a
//! new one) and `/gestion/configuration/campagne` (the campaign's settings
//! and decision reasons, admins).
//!
//! Editing a centre or a piece is one form per section, filled from the
//! URL (`?centre=3`, `?piece=12`), so every field keeps one fixed id.
//! `?campagne=<id>` on every one of these pages configures a campaign in
//! preparation instead of the active one; links and forms carry it along.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::configuration::{
    load_campaign, load_configuration, load_formation, AddReason, RemoveReason, SaveCampaign, SaveCentre,
    SaveFormation, SavePiece,
};
use crate::components::field::{field_problem, successes, Field, SelectField, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded_or_sign_in;
use crate::components::messages::{error_text, FormOutcome};
use crate::components::table::ColumnHeaders;
use crate::domain::formation::{MODES, TREATMENTS};
use crate::i18n::*;
use crate::views::configuration::{CampaignView, CentreView, ConfigOverview, FormationEdit, PieceView};

const SIGN_IN: &str = "/gestion/connexion";
const HOME: &str = "/gestion/configuration";

fn french(iso: &str) -> String {
    crate::domain::date::french_day(iso)
}

/// The campaign in preparation named by `?campagne=` (none: the active one).
fn configured_campaign() -> Memo<Option<i64>> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("campagne").and_then(|v| v.parse::<i64>().ok())))
}

/// A configuration page's address, kept on the configured campaign, with
/// further query parameters (`extra`: "piece=12", or "").
fn config_href(path: &str, campaign: Option<i64>, extra: &str) -> String {
    let params: Vec<String> = campaign
        .map(|c| format!("campagne={c}"))
        .into_iter()
        .chain((!extra.is_empty()).then(|| extra.to_owned()))
        .collect();
    if params.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", params.join("&"))
    }
}

/// The hidden field that sends the configured campaign with a form.
fn campaign_field(campaign: Option<i64>) -> impl IntoView {
    campaign.map(|c| view! { <input type="hidden" name="campagne" value=c.to_string()/> })
}

#[component]
pub fn ConfigurationPage() -> impl IntoView {
    let i18n = use_i18n();
    let centre = ServerAction::<SaveCentre>::new();
    let piece = ServerAction::<SavePiece>::new();
    let (uploaded, set_uploaded) = signal(0u32);
    let saved_centre = successes(centre.value().into());
    let saved_piece = successes(piece.value().into());
    let campaign = configured_campaign();
    let data = Resource::new(
        move || (campaign.get(), saved_centre.get(), saved_piece.get(), uploaded.get()),
        |(c, ..)| load_configuration(c),
    );
    view! {
        <PageTitle text=tr!(i18n, config.title)/>
        <h1>{t!(i18n, config.title)}</h1>
        {loaded_or_sign_in(data, SIGN_IN, move |d| view! { <ConfigurationView d=d centre=centre piece=piece on_upload=Callback::new(move |_| set_uploaded.update(|n| *n += 1))/> }.into_any())}
    }
}

#[component]
fn ConfigurationView(
    d: ConfigOverview,
    centre: ServerAction<SaveCentre>,
    piece: ServerAction<SavePiece>,
    on_upload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let chosen = move |key: &str| query.with_untracked(|q| q.get(key).and_then(|v| v.parse::<i64>().ok()));
    let editing_centre = chosen("centre").and_then(|id| d.centres.iter().find(|c| c.id == id).cloned());
    let editing_piece = chosen("piece").and_then(|id| d.pieces.iter().find(|p| p.id == id).cloned());
    let centre_options: Vec<(String, String)> = d.centres.iter().map(|c| (c.id.to_string(), c.label.clone())).collect();
    let formation_title = {
        let formations = d.formations.clone();
        move |id: i64| formations.iter().find(|f| f.id == id).map(|f| f.title.clone()).unwrap_or_default()
    };
    use crate::domain::campaign::CampaignState;
    let cid = (d.campaign.state == CampaignState::Prepared).then_some(d.campaign.id);
    view! {
        {cid.map(|_| view! { <p class="alert alert-info" role="note">{t_string!(i18n, config.preparing, campaign = d.campaign.label.clone()).to_string()}</p> })}
        {(d.campaigns.len() > 1).then(|| view! {
            <nav class="campaign-switch" aria-labelledby="campagne-configuree">
                <span id="campagne-configuree">{t!(i18n, config.campaign_switch)}" :"</span>
                {d.campaigns.iter().map(|c| {
                    let href = config_href(HOME, (c.state == CampaignState::Prepared).then_some(c.id), "");
                    let current = c.id == d.campaign.id;
                    view! {
                        <a class="button button-secondary" href=href aria-current=current.then_some("page")>
                            {current.then_some("✓ ")}{c.label.clone()}" — "{crate::components::status::state_text(c.state)}
                        </a>
                    }
                }).collect_view()}
            </nav>
        })}
        {d.admin.then(|| view! {
            <nav class="row-actions" aria-label=tr!(i18n, config.more)>
                <a class="button button-secondary" href=config_href("/gestion/configuration/campagne", cid, "")>{t!(i18n, config.campaign_title)}</a>
                <a class="button button-secondary" href="/gestion/configuration/campagnes">{t!(i18n, campaigns.title)}</a>
                <a class="button button-secondary" href="/gestion/personnels">{t!(i18n, staff_accounts.title)}</a>
                <a class="button button-secondary" href="/gestion/modeles-mail">{t!(i18n, templates.title)}</a>
            </nav>
        })}
        <section class="card" aria-labelledby="config-formations">
            <h2 id="config-formations">{t!(i18n, config.formations)}</h2>
            <p><a class="button" href=config_href("/gestion/configuration/formations/nouvelle", cid, "")>{t!(i18n, config.new_formation)}</a></p>
            {if d.formations.is_empty() {
                view! { <p>{t!(i18n, staff.none)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="stack-on-phone">
                            <ColumnHeaders labels=vec![
                                t_string!(i18n, staff.col_formation).to_string(),
                                t_string!(i18n, staff.col_centre).to_string(),
                                t_string!(i18n, staff.col_dates).to_string(),
                                t_string!(i18n, staff.col_deadline).to_string(),
                                t_string!(i18n, staff.col_capacity).to_string(),
                                t_string!(i18n, config.col_applications).to_string(),
                            ]/>
                            <tbody>
                                {d.formations.iter().map(|f| view! {
                                    <tr>
                                        <th scope="row" data-label=tr!(i18n, staff.col_formation)>
                                            <a href=config_href(&format!("/gestion/configuration/formations/{}", f.id), cid, "")>{f.title.clone()}</a>
                                        </th>
                                        <td data-label=tr!(i18n, staff.col_centre)>{f.centre.clone()}</td>
                                        <td data-label=tr!(i18n, staff.col_dates)>{t_string!(i18n, staff.dates, start = french(&f.window_start), end = french(&f.window_end)).to_string()}</td>
                                        <td data-label=tr!(i18n, staff.col_deadline)>{french(&f.return_deadline)}</td>
                                        <td data-label=tr!(i18n, staff.col_capacity)>{f.capacity}</td>
                                        <td data-label=tr!(i18n, config.col_applications)>{f.applications}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="config-pieces">
            <h2 id="config-pieces">{t!(i18n, config.pieces)}</h2>
            <p>{t!(i18n, config.pieces_intro)}</p>
            <div class="table-scroll">
                <table class="stack-on-phone">
                    <ColumnHeaders labels=vec![
                        t_string!(i18n, config.piece_label).to_string(),
                        t_string!(i18n, staff.col_centre).to_string(),
                        t_string!(i18n, config.piece_kind).to_string(),
                        t_string!(i18n, config.piece_asked_by).to_string(),
                        t_string!(i18n, config.piece_model).to_string(),
                    ]/>
                    <tbody>
                        {d.pieces.iter().map(|p| {
                            let asked_by = if p.common {
                                t_string!(i18n, config.piece_common).to_string()
                            } else if p.formations.is_empty() {
                                t_string!(i18n, config.piece_unused).to_string()
                            } else {
                                p.formations.iter().map(|f| formation_title(*f)).collect::<Vec<_>>().join(", ")
                            };
                            view! {
                                <tr>
                                    <th scope="row" data-label=tr!(i18n, config.piece_label)>
                                        {p.label.clone()}" "
                                        <a href=format!("{}#piece-form", config_href(HOME, cid, &format!("piece={}", p.id)))>{t!(i18n, config.edit)}<span class="visually-hidden">{format!(" : {}", p.label)}</span></a>
                                    </th>
                                    <td data-label=tr!(i18n, staff.col_centre)>{p.centre.clone()}</td>
                                    <td data-label=tr!(i18n, config.piece_kind)>{if p.required { t_string!(i18n, config.piece_required).to_string() } else { t_string!(i18n, config.piece_conditional).to_string() }}</td>
                                    <td data-label=tr!(i18n, config.piece_asked_by)>{asked_by}</td>
                                    <td data-label=tr!(i18n, config.piece_model)><ModelCell piece=p.clone() max=d.max_upload_bytes on_upload=on_upload/></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <PieceForm action=piece editing=editing_piece centres=centre_options.clone()/>
        </section>
        <section class="card" aria-labelledby="config-centres">
            <h2 id="config-centres">{t!(i18n, config.centres)}</h2>
            <div class="table-scroll">
                <table class="stack-on-phone">
                    <ColumnHeaders labels=vec![
                        t_string!(i18n, staff.col_centre).to_string(),
                        t_string!(i18n, config.centre_address).to_string(),
                        t_string!(i18n, config.centre_email).to_string(),
                        t_string!(i18n, config.centre_signatory).to_string(),
                    ]/>
                    <tbody>
                        {d.centres.iter().map(|c| view! {
                            <tr>
                                <th scope="row" data-label=tr!(i18n, staff.col_centre)>
                                    {c.label.clone()}" "
                                    <a href=format!("{}#centre-form", config_href(HOME, cid, &format!("centre={}", c.id)))>{t!(i18n, config.edit)}<span class="visually-hidden">{format!(" : {}", c.label)}</span></a>
                                </th>
                                <td data-label=tr!(i18n, config.centre_address)>{c.contact_address.clone()}</td>
                                <td data-label=tr!(i18n, config.centre_email)>{c.contact_email.clone()}</td>
                                <td data-label=tr!(i18n, config.centre_signatory)>{c.signatory.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(d.admin || editing_centre.is_some()).then(|| view! { <CentreForm action=centre editing=editing_centre.clone()/> })}
        </section>
    }
}

/// The model file of a piece: its link, and a file picker that sends a new one.
#[component]
fn ModelCell(piece: PieceView, max: u64, on_upload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let (problem, set_problem) = signal(None::<crate::error::AppError>);
    let (busy, set_busy) = signal(false);
    let input_id = format!("modele-{}", piece.id);
    let piece_id = piece.id;
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    let campaign = configured_campaign().get_untracked();
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let input: web_sys::HtmlInputElement = ev.target().and_then(|t| t.dyn_into().ok()).expect("file input");
            let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
            set_busy.set(true);
            leptos::task::spawn_local(async move {
                let sent = crate::components::upload::send(
                    crate::views::configuration::model_upload_path(piece_id, campaign),
                    file,
                    max,
                    |_| {},
                )
                .await;
                set_busy.set(false);
                match sent {
                    Ok(()) => {
                        set_problem.set(None);
                        on_upload.run(());
                    }
                    Err(e) => set_problem.set(Some(e)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, max, on_upload, set_busy, set_problem, piece_id);
    };
    view! {
        {piece.model_name.clone().map(|name| view! {
            <a href=crate::views::pieces::model_path(piece.id) download="">{name}</a><br/>
        })}
        <label class="button button-secondary file-button" for=input_id.clone()>
            {if piece.model_name.is_some() { t_string!(i18n, config.model_replace).to_string() } else { t_string!(i18n, config.model_add).to_string() }}
            <span class="visually-hidden">{format!(" : {}", piece.label)}</span>
        </label>
        <input type="file" class="visually-hidden" id=input_id accept=".pdf,.jpg,.jpeg,application/pdf,image/jpeg" on:change=on_change disabled=move || busy.get()/>
        {move || busy.get().then(|| view! { <span role="status">{t!(i18n, config.model_sending)}</span> })}
        {move || problem.get().map(|e| view! { <p class="field-error" role="alert">{error_text(&e)}</p> })}
    }
}

#[component]
fn PieceForm(
    action: ServerAction<SavePiece>,
    editing: Option<PieceView>,
    centres: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let result: Signal<_> = action.value().into();
    let heading = if editing.is_some() {
        t_string!(i18n, config.piece_edit).to_string()
    } else {
        t_string!(i18n, config.piece_new).to_string()
    };
    let e = editing.clone();
    view! {
        <h3 id="piece-form">{heading}</h3>
        <FormOutcome result=result success=tr!(i18n, config.saved)/>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            {campaign_field(configured_campaign().get_untracked())}
            {e.as_ref().map(|p| view! { <input type="hidden" name="id" value=p.id.to_string()/> })}
            <SelectField name="centre" label=tr!(i18n, staff.col_centre) options=centres
                selected=e.as_ref().map(|p| p.centre_id.to_string()).unwrap_or_default()
                placeholder=tr!(i18n, dossier.choose) problem=field_problem(result, "centre")/>
            <Field name="label" id="piece-label" label=tr!(i18n, config.piece_label) value=e.as_ref().map(|p| p.label.clone()).unwrap_or_default()
                problem=field_problem(result, "label")/>
            <div class="field checkbox">
                <input type="checkbox" id="piece-required" name="required" value="1" checked=e.as_ref().map(|p| p.required).unwrap_or(true) aria-describedby="piece-required-aide"/>
                <label for="piece-required">{t!(i18n, config.piece_required_label)}</label>
            </div>
            <p class="hint" id="piece-required-aide">{t!(i18n, config.piece_required_hint)}</p>
            <div class="field checkbox">
                <input type="checkbox" id="piece-common" name="common" value="1" checked=e.as_ref().map(|p| p.common).unwrap_or(true) aria-describedby="piece-common-aide"/>
                <label for="piece-common">{t!(i18n, config.piece_common_label)}</label>
            </div>
            <p class="hint" id="piece-common-aide">{t!(i18n, config.piece_common_hint)}</p>
            <SubmitButton label=tr!(i18n, save) pending=action.pending()/>
        </ActionForm>
    }
}

#[component]
fn CentreForm(action: ServerAction<SaveCentre>, editing: Option<CentreView>) -> impl IntoView {
    let i18n = use_i18n();
    let result: Signal<_> = action.value().into();
    let heading = if editing.is_some() {
        t_string!(i18n, config.centre_edit).to_string()
    } else {
        t_string!(i18n, config.centre_new).to_string()
    };
    let e = editing.clone();
    let value = move |f: fn(&CentreView) -> String| e.as_ref().map(f).unwrap_or_default();
    view! {
        <h3 id="centre-form">{heading}</h3>
        <FormOutcome result=result success=tr!(i18n, config.saved)/>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            {campaign_field(configured_campaign().get_untracked())}
            {editing.as_ref().map(|c| view! { <input type="hidden" name="id" value=c.id.to_string()/> })}
            <Field name="label" id="centre-label" label=tr!(i18n, staff.col_centre) value=value(|c| c.label.clone()) problem=field_problem(result, "label")/>
            <Field name="contact_address" label=tr!(i18n, config.centre_address) value=value(|c| c.contact_address.clone()) problem=field_problem(result, "contact_address")/>
            <Field name="contact_email" kind="email" label=tr!(i18n, config.centre_email) value=value(|c| c.contact_email.clone()) problem=field_problem(result, "contact_email")/>
            <Field name="signatory" label=tr!(i18n, config.centre_signatory) hint=tr!(i18n, config.centre_signatory_hint) value=value(|c| c.signatory.clone())
                problem=field_problem(result, "signatory")/>
            <SubmitButton label=tr!(i18n, save) pending=action.pending()/>
        </ActionForm>
    }
}

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
