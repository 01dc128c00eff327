//! Applications (guide 05–06): "Candidatures" (the table and "+ Nouvelle
//! candidature"), the "Offre de formation" with its confirmation, and the
//! "Récapitulatif de votre candidature" with "Annuler".

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::applications::{
    load_application, load_applications, load_offer, Apply, CancelApplication, ConfirmApplication, WithdrawApplication,
};
use crate::components::dialog::ConfirmDialog;
use crate::components::dialog::Modal;
use crate::components::frame::PageTitle;
use crate::components::loading::loaded;
use crate::components::messages::FormOutcome;
use crate::components::status::{decision_text, status_text};
use crate::components::table::ColumnHeaders;
use crate::domain::application::{DossierStatus, WindowState};
use crate::domain::lookup::normalize;
use crate::i18n::*;
use crate::views::applications::{AnswerView, ApplicationDetail, ApplicationLine, OfferCentre, OfferFormation};

/// "12 jour(s) restant(s)", "Dernier jour…", or "Date dépassée".
pub fn countdown(days_left: Option<i64>) -> String {
    let i18n = use_i18n();
    match days_left {
        Some(0) => t_string!(i18n, applications.last_day).to_string(),
        Some(days) => t_string!(i18n, applications.days_left, days = days).to_string(),
        None => t_string!(i18n, applications.past).to_string(),
    }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| load_applications());
    let query = use_query_map();
    view! {
        <PageTitle text=tr!(i18n, applications.title)/>
        <h1>{t!(i18n, applications.title)}</h1>
        {move || query.read().get("annulee").map(|_| view! {
            <p class="alert alert-success" role="status">{t!(i18n, applications.cancelled)}</p>
        })}
        <p><A href="/candidatures/offre" attr:class="button">{t!(i18n, applications.new)}</A></p>
        {loaded(list, move |lines| view! { <ApplicationsTable lines=lines/> }.into_any())}
    }
}

/// The guide's "Candidatures" table; a row opens with a click, or with
/// Enter on its links ("Ouvrir").
#[component]
fn ApplicationsTable(lines: Vec<ApplicationLine>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    if lines.is_empty() {
        return view! { <p class="card">{t!(i18n, applications.none)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll card" tabindex="0" role="region" aria-labelledby="candidatures-titre">
            <h2 id="candidatures-titre" class="visually-hidden">{t!(i18n, applications.title)}</h2>
            <table class="stack-on-phone clickable-rows">
                <ColumnHeaders labels=vec![
                    t_string!(i18n, applications.col_formation).to_string(),
                    t_string!(i18n, applications.col_deadline).to_string(),
                    t_string!(i18n, applications.col_treatment).to_string(),
                    t_string!(i18n, applications.col_status).to_string(),
                    t_string!(i18n, applications.col_decision).to_string(),
                    t_string!(i18n, applications.col_centre).to_string(),
                    t_string!(i18n, applications.col_action).to_string(),
                ]/>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let href = format!("/candidatures/{}", l.id);
                        let open_label = format!("{} : {}", t_string!(i18n, applications.open), l.formation);
                        let go = {
                            let (navigate, href) = (navigate.clone(), href.clone());
                            move |ev: leptos::ev::MouseEvent| {
                                // Links and buttons in the row do their own thing.
                                use leptos::wasm_bindgen::JsCast;
                                let on_control = ev.target()
                                    .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
                                    .is_some_and(|e| e.closest("a, button").ok().flatten().is_some());
                                if !on_control {
                                    navigate(&href, Default::default());
                                }
                            }
                        };
                        view! {
                            <tr on:click=go>
                                <th scope="row" data-label=tr!(i18n, applications.col_formation)><A href=href.clone()>{l.formation.clone()}</A></th>
                                <td data-label=tr!(i18n, applications.col_deadline)>
                                    {l.return_deadline.french()}
                                    <span class="countdown">{countdown(l.days_left)}</span>
                                </td>
                                <td data-label=tr!(i18n, applications.col_treatment)>{l.treatment.clone()}</td>
                                <td data-label=tr!(i18n, applications.col_status)>{status_text(l.status)}</td>
                                <td data-label=tr!(i18n, applications.col_decision)>{decision_text(&l.decision)}</td>
                                <td data-label=tr!(i18n, applications.col_centre)>{l.centre.clone()}</td>
                                <td data-label=tr!(i18n, applications.col_action)>
                                    <A href=href attr:class="button button-secondary"
                                        attr:aria-label=open_label>
                                        {t!(i18n, applications.open)}
                                    </A>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

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
                                <table class="stack-on-phone">
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, apply.col_title)}</th>
                                        <th scope="col">{t!(i18n, apply.col_keywords)}</th>
                                        <th scope="col">{t!(i18n, apply.col_url)}</th>
                                        <th scope="col">{t!(i18n, apply.col_dates)}</th>
                                        <th scope="col">{t!(i18n, apply.col_mode)}</th>
                                        <th scope="col"><span class="visually-hidden">{t!(i18n, applications.col_action)}</span></th>
                                    </tr></thead>
                                    <tbody>
                                        {formations.into_iter().map(|f| {
                                            let shown = { let f = f.clone(); move || wanted.with(|q| matches(&f, q)) };
                                            let (fid, title) = (f.id, f.title.clone());
                                            view! {
                                                <tr hidden=move || !shown()>
                                                    <th scope="row" data-label=tr!(i18n, apply.col_title)>{f.title.clone()}</th>
                                                    <td data-label=tr!(i18n, apply.col_keywords)>{f.keywords.clone()}</td>
                                                    <td data-label=tr!(i18n, apply.col_url)>
                                                        {(!f.url.is_empty()).then(|| view! { <a href=f.url.clone() rel="noopener">{f.url.clone()}</a> })}
                                                    </td>
                                                    <td data-label=tr!(i18n, apply.col_dates)>
                                                        {t_string!(i18n, apply.dates, start = f.start.french(), end = f.end.french()).to_string()}
                                                    </td>
                                                    <td data-label=tr!(i18n, apply.col_mode)>{f.mode.clone()}</td>
                                                    <td>{match (f.applied, f.state) {
                                                        (true, _) => view! { <span class="tag">"✓ "{t!(i18n, apply.applied)}</span> }.into_any(),
                                                        (false, WindowState::Open) => view! {
                                                            <button type="button" class="button"
                                                                aria-label=format!("{} : {}", t_string!(i18n, apply.apply), title)
                                                                on:click=move |_| chosen.set(Some((fid, title.clone())))>
                                                                {t!(i18n, apply.apply)}
                                                            </button>
                                                        }.into_any(),
                                                        (false, WindowState::NotYet) => view! { <span class="tag">{t!(i18n, apply.state_not_yet)}</span> }.into_any(),
                                                        (false, WindowState::Closed) => view! { <span class="tag">{t!(i18n, apply.state_closed)}</span> }.into_any(),
                                                    }}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
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

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let cancel = ServerAction::<CancelApplication>::new();
    // "Transmettre" lives in the pieces table but changes the whole summary.
    let transmit = ServerAction::<crate::api::pieces::TransmitApplication>::new();
    let answers = Answers { confirm: ServerAction::new(), withdraw: ServerAction::new() };
    // A redirect back here changes the query: reload too.
    let location = leptos_router::hooks::use_location();
    let detail = Resource::new(
        move || {
            let id = params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
            (
                id,
                cancel.version().get(),
                transmit.version().get(),
                location.search.get(),
                answers.confirm.version().get(),
                answers.withdraw.version().get(),
            )
        },
        |(id, ..)| load_application(id),
    );
    view! {
        <PageTitle text=tr!(i18n, applications.recap_title)/>
        <h1>{t!(i18n, applications.recap_title)}</h1>
        {loaded(detail, move |d| view! { <Recap detail=d cancel=cancel transmit=transmit answers=answers/> }.into_any())}
        <p><A href="/candidatures">{t!(i18n, applications.back)}</A></p>
    }
}

#[component]
fn Recap(
    detail: ApplicationDetail,
    cancel: ServerAction<CancelApplication>,
    transmit: ServerAction<crate::api::pieces::TransmitApplication>,
    answers: Answers,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let d = detail;
    let l = d.line.clone();
    let asking = RwSignal::new(false);
    let result: Signal<_> = cancel.value().into();
    let id = l.id;
    view! {
        {move || query.read().get("nouvelle").map(|_| view! {
            <p class="alert alert-success" role="status">{t!(i18n, applications.created)}</p>
        })}
        <FormOutcome result=result/>
        <div class="columns recap">
            <section class="card" aria-labelledby="recap-details">
                <h2 id="recap-details">{t!(i18n, applications.details)}</h2>
                <dl class="facts">
                    <dt>{t!(i18n, applications.formation)}</dt><dd>{l.formation.clone()}</dd>
                    <dt>{t!(i18n, applications.status)}</dt><dd class="status">{status_text(l.status)}</dd>
                    <dt>{t!(i18n, applications.treatment)}</dt><dd>{l.treatment.clone()}</dd>
                    <dt>{t!(i18n, applications.decision)}</dt><dd>{decision_text(&l.decision)}</dd>
                    <dt>{t!(i18n, applications.opi)}</dt><dd>{t!(i18n, applications.opi_none)}</dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="recap-dates">
                <h2 id="recap-dates">{t!(i18n, applications.dates)}</h2>
                <dl class="facts">
                    <dt>{t!(i18n, applications.deadline)}</dt>
                    <dd>{l.return_deadline.french()}" "<span class="countdown">{countdown(l.days_left)}</span></dd>
                    <dt>{t!(i18n, applications.applied_on)}</dt><dd>{d.created.clone()}</dd>
                    {d.received.clone().map(|r| view! { <dt>{t!(i18n, applications.received)}</dt><dd>{r}</dd> })}
                    {d.transmitted.clone().map(|r| view! { <dt>{t!(i18n, applications.transmitted)}</dt><dd>{r}</dd> })}
                </dl>
            </section>
            <section class="card" aria-labelledby="recap-contact">
                <h2 id="recap-contact">{t!(i18n, applications.contact)}</h2>
                <p>{d.contact_address.clone()}</p>
                {(!d.contact_email.is_empty()).then(|| view! { <p><a href=format!("mailto:{}", d.contact_email)>{d.contact_email.clone()}</a></p> })}
                {(!d.models.is_empty()).then(|| view! {
                    <h3>{t!(i18n, applications.models)}</h3>
                    <ul class="plain-list">
                        {d.models.iter().map(|(piece, label)| view! {
                            <li><a href=crate::views::pieces::model_path(*piece) download="">{format!("{} : {label}", t_string!(i18n, pieces.model))}</a></li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        </div>
        {d.answer.clone().map(|a| view! { <AnswerSection application=id answer=a answers=answers/> })}
        <p class="row-actions documents">
            {d.answer.as_ref().filter(|a| !matches!(a.state, crate::domain::confirmation::Answer::Withdrawn { .. })).map(|_| view! {
                <a class="button button-secondary" href=format!("/fichiers/candidature/{id}/lettre-admission") download="">
                    {t!(i18n, answer.letter)}
                </a>
            })}
            <a class="button button-secondary" href=format!("/fichiers/candidature/{id}/dossier") download="">
                {t!(i18n, answer.dossier)}
            </a>
        </p>
        {l.decision.as_ref().filter(|d| d.kind == crate::domain::decision::DecisionKind::ListeComplementaire).map(|d| view! {
            <p class="alert alert-info" role="note">{t_string!(i18n, answer.waiting_rank, rank = d.rank.unwrap_or_default()).to_string()}</p>
        })}
        {(l.status == DossierStatus::EnAttente).then(|| view! {
            <p class="alert alert-info" role="note">{t_string!(i18n, applications.banner, date = l.return_deadline.french()).to_string()}</p>
        })}
        {(l.status == DossierStatus::Incomplet).then(|| view! {
            <p class="alert alert-warning" role="note">{t!(i18n, applications.incomplete_banner)}</p>
        })}
        {move || query.read().get("transmise").map(|_| view! {
            <p class="alert alert-success" role="status">{t!(i18n, pieces.transmitted)}</p>
        })}
        <crate::pages::pieces::PiecesSection application=id transmit=transmit/>
        {d.may_cancel.then(|| view! {
            <p><button type="button" class="button button-danger" on:click=move |_| asking.set(true)>{t!(i18n, applications.cancel)}</button></p>
        })}
        {move || asking.get().then(|| view! {
            <ConfirmDialog title=tr!(i18n, applications.cancel_title) on_close=Callback::new(move |_| asking.set(false))>
                <p id="confirmation-texte"><strong>{t!(i18n, applications.cancel_text)}</strong></p>
                <ActionForm action=cancel>
                    <input type="hidden" name="id" value=id/>
                    <div class="actions">
                        <button type="button" class="button button-secondary" on:click=move |_| asking.set(false)>{t!(i18n, applications.cancel_no)}</button>
                        <button type="submit" class="button button-danger" disabled=move || cancel.pending().get()>{t!(i18n, applications.cancel_yes)}</button>
                    </div>
                </ActionForm>
            </ConfirmDialog>
        })}
    }
}

/// The candidate's two answers to a favourable decision.
#[derive(Clone, Copy)]
struct Answers {
    confirm: ServerAction<ConfirmApplication>,
    withdraw: ServerAction<WithdrawApplication>,
}

/// "Action" (guide, section 07): "Confirmation candidature" and
/// "Désistement candidature" (after its warning), with the deadline.
#[component]
fn AnswerSection(application: i64, answer: AnswerView, answers: Answers) -> impl IntoView {
    use crate::domain::confirmation::Answer;
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let confirmed: Signal<_> = answers.confirm.value().into();
    let withdrawn: Signal<_> = answers.withdraw.value().into();
    let state_text = match answer.state {
        Answer::Awaited => t_string!(i18n, answer.awaited).to_string(),
        Answer::Confirmed => t_string!(i18n, answer.confirmed).to_string(),
        Answer::Withdrawn { by_deadline: false } => t_string!(i18n, answer.withdrawn).to_string(),
        Answer::Withdrawn { by_deadline: true } => t_string!(i18n, answer.withdrawn_by_deadline).to_string(),
    };
    let awaited = answer.state == Answer::Awaited;
    view! {
        <section class="card answer" aria-labelledby="reponse-titre">
            <h2 id="reponse-titre">{t!(i18n, answer.title)}</h2>
            <FormOutcome result=confirmed success=tr!(i18n, answer.confirm_done)/>
            <FormOutcome result=withdrawn success=tr!(i18n, answer.withdraw_done)/>
            <p>{state_text}</p>
            {(awaited).then(|| answer.last_day.clone().map(|day| view! {
                <p class="alert alert-warning" role="note">{t_string!(i18n, answer.deadline, date = day).to_string()}</p>
            }))}
            {(!matches!(answer.state, Answer::Withdrawn { .. })).then(|| view! {
                <p>{t_string!(i18n, answer.year_only, year = answer.university_year.clone()).to_string()}</p>
            })}
            <div class="actions actions-start">
                {answer.may_confirm.then(|| view! {
                    <ActionForm action=answers.confirm>
                        <input type="hidden" name="application" value=application/>
                        <button type="submit" class="button" disabled=move || answers.confirm.pending().get()>
                            {t!(i18n, answer.confirm)}
                        </button>
                    </ActionForm>
                })}
                {answer.may_withdraw.then(|| view! {
                    <button type="button" class="button button-danger" on:click=move |_| asking.set(true)>
                        {t!(i18n, answer.withdraw)}
                    </button>
                })}
            </div>
        </section>
        {move || asking.get().then(|| view! {
            <ConfirmDialog title=tr!(i18n, answer.withdraw_title) on_close=Callback::new(move |_| asking.set(false))>
                <p id="confirmation-texte"><strong>{t!(i18n, answer.withdraw_warning)}</strong></p>
                <ActionForm action=answers.withdraw>
                    <input type="hidden" name="application" value=application/>
                    <div class="actions">
                        <button type="button" class="button button-secondary" on:click=move |_| asking.set(false)>{t!(i18n, applications.cancel_no)}</button>
                        <button type="submit" class="button button-danger" disabled=move || answers.withdraw.pending().get()>{t!(i18n, answer.withdraw_yes)}</button>
                    </div>
                </ActionForm>
            </ConfirmDialog>
        })}
    }
}

/// On the candidate's home: each application with its deadline, a
/// countdown, and what remains to do.
#[component]
pub fn HomeApplications() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| load_applications());
    view! {
        <Suspense fallback=|| ()>
            {move || list.get().and_then(Result::ok).filter(|l| !l.is_empty()).map(|lines| view! {
                <section class="card" aria-labelledby="mes-candidatures">
                    <h2 id="mes-candidatures">{t!(i18n, applications.home_title)}</h2>
                    <ul class="home-applications">
                        {lines.into_iter().map(|l| view! {
                            <li>
                                <A href=format!("/candidatures/{}", l.id)>{l.formation.clone()}</A>
                                <span>{status_text(l.status)}" · "{t!(i18n, applications.col_deadline)}" : "{l.return_deadline.french()}
                                    " ("{countdown(l.days_left)}")"</span>
                                {(l.status == DossierStatus::EnAttente).then(|| view! { <span class="hint">{t!(i18n, applications.home_todo)}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Suspense>
    }
}
