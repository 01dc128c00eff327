//! `/gestion/configuration`: the overview of the configured campaign
//! (centres, formations, pieces with their model files).
//!
//! Editing a centre or a piece is one form per section, filled from the
//! URL (`?centre=3`, `?piece=12`), so every field keeps one fixed id.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::configuration::{load_configuration, SaveCentre, SavePiece};
use crate::components::configuration::{campaign_field, config_href, configured_campaign, french, HOME, SIGN_IN};
use crate::components::field::{field_problem, successes, Field, SelectField, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded_or_sign_in;
use crate::components::messages::{error_text, FormOutcome};
use crate::components::table::{Column, DataTable};
use crate::i18n::*;
use crate::views::configuration::{CentreView, ConfigOverview, FormationLine, PieceView};

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
    let max = d.max_upload_bytes;
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
                        <DataTable class="stack-on-phone" columns=vec![
                            Column::new(t_string!(i18n, staff.col_formation), move |f: &FormationLine| view! {
                                <a href=config_href(&format!("/gestion/configuration/formations/{}", f.id), cid, "")>{f.title.clone()}</a>
                            }.into_any()).row_header(),
                            Column::new(t_string!(i18n, staff.col_centre), |f: &FormationLine| f.centre.clone().into_any()),
                            Column::new(t_string!(i18n, staff.col_dates), move |f: &FormationLine| t_string!(i18n, staff.dates, start = french(&f.window_start), end = french(&f.window_end)).to_string().into_any()),
                            Column::new(t_string!(i18n, staff.col_deadline), |f: &FormationLine| french(&f.return_deadline).into_any()),
                            Column::new(t_string!(i18n, staff.col_capacity), |f: &FormationLine| f.capacity.into_any()),
                            Column::new(t_string!(i18n, config.col_applications), |f: &FormationLine| f.applications.into_any()),
                        ] rows=d.formations.clone()/>
                    </div>
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="config-pieces">
            <h2 id="config-pieces">{t!(i18n, config.pieces)}</h2>
            <p>{t!(i18n, config.pieces_intro)}</p>
            <div class="table-scroll">
                <DataTable class="stack-on-phone" columns=vec![
                    Column::new(t_string!(i18n, config.piece_label), move |p: &PieceView| view! {
                        {p.label.clone()}" "
                        <a href=format!("{}#piece-form", config_href(HOME, cid, &format!("piece={}", p.id)))>{t!(i18n, config.edit)}<span class="visually-hidden">{format!(" : {}", p.label)}</span></a>
                    }.into_any()).row_header(),
                    Column::new(t_string!(i18n, staff.col_centre), |p: &PieceView| p.centre.clone().into_any()),
                    Column::new(t_string!(i18n, config.piece_kind), move |p: &PieceView| (if p.required { t_string!(i18n, config.piece_required).to_string() } else { t_string!(i18n, config.piece_conditional).to_string() }).into_any()),
                    Column::new(t_string!(i18n, config.piece_asked_by), move |p: &PieceView| (if p.common {
                        t_string!(i18n, config.piece_common).to_string()
                    } else if p.formations.is_empty() {
                        t_string!(i18n, config.piece_unused).to_string()
                    } else {
                        p.formations.iter().map(|f| formation_title(*f)).collect::<Vec<_>>().join(", ")
                    }).into_any()),
                    Column::new(t_string!(i18n, config.piece_model), move |p: &PieceView| view! { <ModelCell piece=p.clone() max=max on_upload=on_upload/> }.into_any()),
                ] rows=d.pieces.clone()/>
            </div>
            <PieceForm action=piece editing=editing_piece centres=centre_options.clone()/>
        </section>
        <section class="card" aria-labelledby="config-centres">
            <h2 id="config-centres">{t!(i18n, config.centres)}</h2>
            <div class="table-scroll">
                <DataTable class="stack-on-phone" columns=vec![
                    Column::new(t_string!(i18n, staff.col_centre), move |c: &CentreView| view! {
                        {c.label.clone()}" "
                        <a href=format!("{}#centre-form", config_href(HOME, cid, &format!("centre={}", c.id)))>{t!(i18n, config.edit)}<span class="visually-hidden">{format!(" : {}", c.label)}</span></a>
                    }.into_any()).row_header(),
                    Column::new(t_string!(i18n, config.centre_address), |c: &CentreView| c.contact_address.clone().into_any()),
                    Column::new(t_string!(i18n, config.centre_email), |c: &CentreView| c.contact_email.clone().into_any()),
                    Column::new(t_string!(i18n, config.centre_signatory), |c: &CentreView| c.signatory.clone().into_any()),
                ] rows=d.centres.clone()/>
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
