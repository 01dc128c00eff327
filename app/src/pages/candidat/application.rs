//! `/candidatures/:id` (guide 05–07): the "Récapitulatif de votre
//! candidature", its pièces justificatives, the answer to a decision and
//! "Annuler".

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::applications::{load_application, CancelApplication, ConfirmApplication, WithdrawApplication};
use crate::components::applications::countdown;
use crate::components::dialog::ConfirmDialog;
use crate::components::frame::PageTitle;
use crate::components::language::current;
use crate::components::loading::loaded;
use crate::components::messages::{labelled, FormOutcome};
use crate::components::status::{decision_text, status_text};
use crate::domain::application::DossierStatus;
use crate::domain::formation::treatment_in;
use crate::i18n::*;
use crate::views::applications::{AnswerView, ApplicationDetail};

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
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
    // What changes the whole page: the summary and the pieces reload.
    let changes = move || {
        (
            id(),
            (
                cancel.version().get(),
                transmit.version().get(),
                location.search.get(),
                answers.confirm.version().get(),
                answers.withdraw.version().get(),
            ),
        )
    };
    let pieces = crate::components::pieces::PiecesData::new(changes);
    let detail = Resource::new(changes, |(id, ..)| load_application(id));
    view! {
        <PageTitle text=tr!(i18n, applications.recap_title)/>
        <h1>{t!(i18n, applications.recap_title)}</h1>
        {loaded(detail, move |d| view! { <Recap detail=d pieces=pieces cancel=cancel transmit=transmit answers=answers/> }.into_any())}
        <p><A href="/candidatures">{t!(i18n, applications.back)}</A></p>
    }
}

#[component]
fn Recap(
    detail: ApplicationDetail,
    pieces: crate::components::pieces::PiecesData,
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
    let language = current();
    let deadline = l.return_deadline.written(language);
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
                    <dt>{t!(i18n, applications.treatment)}</dt><dd>{treatment_in(&l.treatment, language).to_owned()}</dd>
                    <dt>{t!(i18n, applications.decision)}</dt><dd>{decision_text(&l.decision)}</dd>
                    <dt>{t!(i18n, applications.opi)}</dt><dd>{t!(i18n, applications.opi_none)}</dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="recap-dates">
                <h2 id="recap-dates">{t!(i18n, applications.dates)}</h2>
                <dl class="facts">
                    <dt>{t!(i18n, applications.deadline)}</dt>
                    <dd>{deadline.clone()}" "<span class="countdown">{countdown(l.days_left)}</span></dd>
                    <dt>{t!(i18n, applications.applied_on)}</dt><dd>{d.created.written(language)}</dd>
                    {d.received.map(|r| view! { <dt>{t!(i18n, applications.received)}</dt><dd>{r.written(language)}</dd> })}
                    {d.transmitted.map(|r| view! { <dt>{t!(i18n, applications.transmitted)}</dt><dd>{r.written(language)}</dd> })}
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
                            <li><a href=crate::views::pieces::model_path(*piece) download="">{labelled(t_string!(i18n, pieces.model), label)}</a></li>
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
            <p class="alert alert-info" role="note">{t_string!(i18n, applications.banner, date = deadline.clone()).to_string()}</p>
        })}
        {(l.status == DossierStatus::Incomplet).then(|| view! {
            <p class="alert alert-warning" role="note">{t!(i18n, applications.incomplete_banner)}</p>
        })}
        {move || query.read().get("transmise").map(|_| view! {
            <p class="alert alert-success" role="status">{t!(i18n, pieces.transmitted)}</p>
        })}
        <crate::components::pieces::PiecesSection application=id data=pieces transmit=transmit/>
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
            {(awaited).then(|| answer.last_day.map(|day| view! {
                <p class="alert alert-warning" role="note">{t_string!(i18n, answer.deadline, date = day.written(current())).to_string()}</p>
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
