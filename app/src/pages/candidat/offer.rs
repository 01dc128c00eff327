//! `/candidatures/offre` (guide 05): the "Offre de formation", its search
//! and the confirmation "Voulez-vous candidater… ?".

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::applications::{load_offer, Apply};
use crate::components::dialog::ConfirmDialog;
use crate::components::frame::PageTitle;
use crate::components::language::current;
use crate::components::loading::loaded;
use crate::components::messages::{labelled, FormOutcome};
use crate::components::table::{row, Column, DataTable};
use crate::domain::application::WindowState;
use crate::domain::formation::mode_in;
use crate::domain::lookup::normalize;
use crate::i18n::*;
use crate::views::applications::{OfferCentre, OfferFormation};

#[component]
pub fn OfferPage() -> impl IntoView {
    let i18n = use_i18n();
    let offer = Resource::new(|| (), |_| load_offer());
    view! {
        <PageTitle text=tr!(i18n, apply.offer_title)/>
        <h1>{t!(i18n, apply.offer_title)}</h1>
        <p>{t!(i18n, apply.offer_intro)}</p>
        {loaded(offer, move |centres| view! { <OfferTree centres=centres/> }.into_any())}
        <p><A href="/candidatures">{t!(i18n, applications.back)}</A></p>
    }
}

fn matches(f: &OfferFormation, query: &str) -> bool {
    query.is_empty() || normalize(&format!("{} {}", f.title, f.keywords)).contains(query)
}

/// Centres that unfold into their formations (disclosure buttons), a
/// search box that filters and unfolds, and the confirmation dialog.
#[component]
fn OfferTree(centres: Vec<OfferCentre>) -> impl IntoView {
    let i18n = use_i18n();
    let language = current();
    let (query, set_query) = signal(String::new());
    let wanted = Memo::new(move |_| normalize(&query.get()));
    let open_centres = RwSignal::new(Vec::<i64>::new());
    let chosen = RwSignal::new(None::<(i64, String)>);
    let apply = ServerAction::<Apply>::new();
    let result: Signal<_> = apply.value().into();
    let total = centres.iter().map(|c| c.formations.len()).sum::<usize>();
    let found = {
        let centres = centres.clone();
        move || wanted.with(|q| centres.iter().flat_map(|c| &c.formations).filter(|f| matches(f, q)).count())
    };
    view! {
        <div class="field offer-search">
            <label for="recherche-formation">{t!(i18n, apply.search)}</label>
            <p class="hint" id="recherche-formation-aide">{t!(i18n, apply.search_hint)}</p>
            <input id="recherche-formation" type="search" aria-describedby="recherche-formation-aide recherche-formation-resultat"
                on:input=move |ev| set_query.set(event_target_value(&ev))/>
            <p id="recherche-formation-resultat" class="hint" role="status" aria-live="polite">
                {move || {
                    let n = found();
                    if wanted.with(String::is_empty) { String::new() }
                    else if n == 0 { t_string!(i18n, apply.nothing_found).to_string() }
                    else { format!("{n} / {total} {}", t_string!(i18n, apply.found)) }
                }}
            </p>
        </div>
        <ul class="offer-tree">
            {centres.into_iter().map(|centre| {
                let id = centre.id;
                let panel = format!("centre-{id}");
                let formations = centre.formations.clone();
                let visible = {
                    let formations = formations.clone();
                    move || wanted.with(|q| formations.iter().any(|f| matches(f, q)))
                };
                let expanded = move || open_centres.with(|o| o.contains(&id)) || !wanted.with(String::is_empty);
                let toggle = move |_| open_centres.update(|o| if let Some(i) = o.iter().position(|c| *c == id) { o.remove(i); } else { o.push(id); });
                view! {
                    <li class="offer-centre" hidden=move || !visible()>
                        <button type="button" class="disclosure" aria-expanded=move || if expanded() { "true" } else { "false" }
                            aria-controls=panel.clone() on:click=toggle>
                            <span class="disclosure-arrow" aria-hidden="true">{move || if expanded() { "▼" } else { "▶" }}</span>
                            {centre.label.clone()}
                            <span class="count">{format!(" ({} {})", formations.len(), t_string!(i18n, apply.formations_of))}</span>
                        </button>
                        <div id=panel hidden=move || !expanded()>
                            <div class="table-scroll">
                                <DataTable class="stack-on-phone" columns=vec![
                                    Column::new(t_string!(i18n, apply.col_title), |f: &OfferFormation| f.title.clone().into_any()).row_header(),
                                    Column::new(t_string!(i18n, apply.col_keywords), |f: &OfferFormation| f.keywords.clone().into_any()),
                                    Column::new(t_string!(i18n, apply.col_url), |f: &OfferFormation| {
                                        (!f.url.is_empty()).then(|| view! { <a href=f.url.clone() rel="noopener">{f.url.clone()}</a> }).into_any()
                                    }),
                                    Column::new(t_string!(i18n, apply.col_dates), move |f: &OfferFormation| {
                                        t_string!(i18n, apply.dates, start = f.start.written(language), end = f.end.written(language)).to_string().into_any()
                                    }),
                                    Column::new(t_string!(i18n, apply.col_mode), move |f: &OfferFormation| mode_in(&f.mode, language).to_owned().into_any()),
                                    Column::new(t_string!(i18n, applications.col_action), move |f: &OfferFormation| {
                                        let (fid, title) = (f.id, f.title.clone());
                                        match (f.applied, f.state) {
                                            (true, _) => view! { <span class="tag">"✓ "{t!(i18n, apply.applied)}</span> }.into_any(),
                                            (false, WindowState::Open) => view! {
                                                <button type="button" class="button"
                                                    aria-label=labelled(t_string!(i18n, apply.apply), &title)
                                                    on:click=move |_| chosen.set(Some((fid, title.clone())))>
                                                    {t!(i18n, apply.apply)}
                                                </button>
                                            }.into_any(),
                                            (false, WindowState::NotYet) => view! { <span class="tag">{t!(i18n, apply.state_not_yet)}</span> }.into_any(),
                                            (false, WindowState::Closed) => view! { <span class="tag">{t!(i18n, apply.state_closed)}</span> }.into_any(),
                                        }
                                    }).unlabelled().header(move || view! {
                                        <th scope="col"><span class="visually-hidden">{t!(i18n, applications.col_action)}</span></th>
                                    }.into_any()),
                                ] rows=formations row=row(move |f: &OfferFormation, cells| {
                                    let shown = { let f = f.clone(); move || wanted.with(|q| matches(&f, q)) };
                                    view! { <tr hidden=move || !shown()>{cells}</tr> }.into_any()
                                })/>
                            </div>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || chosen.get().map(|(fid, title)| view! {
            <ConfirmDialog title=tr!(i18n, apply.confirm_title) on_close=Callback::new(move |_| chosen.set(None))>
                <p id="confirmation-texte">{t_string!(i18n, apply.confirm_text, formation = title.clone()).to_string()}</p>
                <FormOutcome result=result/>
                <ActionForm action=apply>
                    <input type="hidden" name="formation" value=fid/>
                    <div class="actions">
                        <button type="button" class="button button-secondary" on:click=move |_| chosen.set(None)>{t!(i18n, apply.no)}</button>
                        <button type="submit" class="button" disabled=move || apply.pending().get()>{t!(i18n, apply.yes)}</button>
                    </div>
                </ActionForm>
            </ConfirmDialog>
        })}
    }
}
