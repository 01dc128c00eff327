//! `/gestion`: the staff dashboard (counts per formation, listes
//! complémentaires, formations, INE rules, jobs, mails).

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::api::staff::{load_dashboard, SaveIneSettings};
use crate::components::field::SubmitButton;
use crate::components::frame::PageTitle;
use crate::components::messages::{error_text, FormOutcome};
use crate::components::table::{Column, DataTable};
use crate::domain::identity::IneSettings;
use crate::error::AppError;
use crate::i18n::*;
use crate::root::use_session;
use crate::views::staff::{FormationRow, FormationStats, JobRun, WaitingLine};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let data = Resource::new(move || session.frame.get().map(|_| ()), |_| load_dashboard());
    view! {
        <PageTitle text=tr!(i18n, staff.title)/>
        <h1>{t!(i18n, staff.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || data.get().map(|r| match r {
                Err(AppError::NotSignedIn) => view! { <Redirect path="/gestion/connexion"/> }.into_any(),
                Err(AppError::NotFound) => view! { <p class="alert alert-error" role="alert">{t!(i18n, staff.forbidden)}</p> }.into_any(),
                Err(e) => view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any(),
                Ok(d) => view! {
                    <StatsSection stats=d.stats.clone()/>
                    <WaitingSection lists=d.waiting.clone()/>
                    <section class="card">
                        <h2>{t!(i18n, staff.formations)}</h2>
                        {if d.formations.is_empty() {
                            view! { <p>{t!(i18n, staff.none)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll">
                                    <DataTable class="stack-on-phone" columns=vec![
                                        Column::new(t_string!(i18n, staff.col_centre), |f: &FormationRow| f.centre.clone().into_any()),
                                        Column::new(t_string!(i18n, staff.col_formation), |f: &FormationRow| f.title.clone().into_any()),
                                        Column::new(t_string!(i18n, staff.col_dates), move |f: &FormationRow| t_string!(i18n, staff.dates, start = f.window_start.clone(), end = f.window_end.clone()).to_string().into_any()),
                                        Column::new(t_string!(i18n, staff.col_deadline), |f: &FormationRow| f.return_deadline.clone().into_any()),
                                        Column::new(t_string!(i18n, staff.col_mode), |f: &FormationRow| f.mode.clone().into_any()),
                                    ] rows=d.formations/>
                                </div>
                            }.into_any()
                        }}
                    </section>
                    {d.ine_settings.map(|settings| view! { <IneSettingsForm settings=settings/> })}
                    {(!d.jobs.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby="taches">
                            <h2 id="taches">{t!(i18n, staff.jobs_title)}</h2>
                            <div class="table-scroll">
                                <DataTable class="stack-on-phone" columns=vec![
                                    Column::new(t_string!(i18n, staff.jobs_name), |j: &JobRun| view! { <code>{j.name.clone()}</code> }.into_any()).row_header(),
                                    Column::new(t_string!(i18n, staff.jobs_last), move |j: &JobRun| j.finished.clone().unwrap_or_else(|| t_string!(i18n, staff.jobs_never).to_string()).into_any()),
                                    Column::new(t_string!(i18n, staff.jobs_result), |j: &JobRun| j.result.clone().into_any()),
                                ] rows=d.jobs.clone()/>
                            </div>
                        </section>
                    })}
                    <section class="card">
                        <h2>{t!(i18n, staff.mail_title)}</h2>
                        <p>{t!(i18n, staff.mail_pending)}" "<strong>{d.mails_pending}</strong>" · "{t!(i18n, staff.mail_sent)}" "<strong>{d.mails_sent}</strong></p>
                    </section>
                }.into_any(),
            })}
        </Suspense>
    }
}

/// The campaign's INE rules (admins): INES on format alone, INE required of
/// French nationals.
#[component]
fn IneSettingsForm(settings: IneSettings) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveIneSettings>::new();
    let result: Signal<_> = action.value().into();
    view! {
        <section class="card" aria-labelledby="parametres-ine">
            <h2 id="parametres-ine">{t!(i18n, staff.ine_title)}</h2>
            <FormOutcome result=result success=tr!(i18n, staff.ine_saved)/>
            <ActionForm action=action attr:class="form">
                <div class="field checkbox">
                    <input type="checkbox" id="accept_ines" name="accept_ines" value="1" checked=settings.rules.accept_ines
                        aria-describedby="accept_ines-aide"/>
                    <label for="accept_ines">{t!(i18n, staff.ine_accept_ines)}</label>
                </div>
                <p class="hint" id="accept_ines-aide">{t!(i18n, staff.ine_accept_ines_hint)}</p>
                <div class="field checkbox">
                    <input type="checkbox" id="ine_required_for_french" name="ine_required_for_french" value="1"
                        checked=settings.required_for_french/>
                    <label for="ine_required_for_french">{t!(i18n, staff.ine_required)}</label>
                </div>
                <SubmitButton label=tr!(i18n, save) pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

/// The counts tables' row header: the formation (its list) and its centre.
fn formation_column() -> Column<FormationStats> {
    let i18n = use_i18n();
    Column::new(t_string!(i18n, staff.col_formation), |s: &FormationStats| {
        view! {
            <a href=list_link(s)>{s.title.clone()}</a><span class="piece-note">{s.centre.clone()}</span>
        }
        .into_any()
    })
    .row_header()
}

/// The list of a formation's dossiers.
fn list_link(s: &FormationStats) -> String {
    format!("/gestion/candidatures?formation={}", s.formation_id)
}

/// A count that opens the list of the dossiers it counts (none: plain text).
fn count_link(n: i64, href: String) -> AnyView {
    if n == 0 {
        n.to_string().into_any()
    } else {
        view! { <a href=href>{n}</a> }.into_any()
    }
}

/// "Listes complémentaires": each formation's waiting list in rank order,
/// with its list and exports narrowed to it.
#[component]
fn WaitingSection(lists: Vec<crate::views::staff::WaitingList>) -> impl IntoView {
    let i18n = use_i18n();
    if lists.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="card" aria-labelledby="attente-titre">
            <h2 id="attente-titre">{t!(i18n, staff.waiting_title)}</h2>
            {lists.into_iter().map(|l| {
                let query = l.query();
                let heading = format!("attente-{}", l.formation_id);
                view! {
                    <section class="waiting-list" aria-labelledby=heading.clone()>
                        <h3 id=heading.clone()>{l.title.clone()}<span class="piece-note">{l.centre.clone()}</span></h3>
                        <div class="table-scroll">
                            <DataTable class="stack-on-phone" columns=vec![
                                Column::new(t_string!(i18n, staff.col_rank), |w: &WaitingLine| w.rank.into_any()),
                                Column::new(t_string!(i18n, review.col_name), |w: &WaitingLine| view! { <a href=format!("/gestion/candidatures/{}", w.application_id)>{w.name.clone()}</a> }.into_any()),
                                Column::new(t_string!(i18n, review.col_login), |w: &WaitingLine| w.login.clone().into_any()),
                            ] rows=l.lines/>
                        </div>
                        <p class="actions">
                            <a class="button button-secondary" href=format!("/gestion/candidatures?{query}")>{t!(i18n, staff.waiting_open)}</a>
                            <a class="button button-secondary" href=format!("/gestion/candidatures/export/csv?{query}") download="">{t!(i18n, staff.waiting_csv)}</a>
                            <a class="button button-secondary" href=format!("/gestion/candidatures/export/xlsx?{query}") download="">{t!(i18n, staff.waiting_xlsx)}</a>
                        </p>
                    </section>
                }
            }).collect_view()}
        </section>
    }
    .into_any()
}

/// "Candidatures par formation": a table of counts (the accessible source)
/// and, beside each formation, a bar of its dossiers by status; each
/// segment also carries its number, so colour is never the only signal.
#[component]
fn StatsSection(stats: Vec<FormationStats>) -> impl IntoView {
    let i18n = use_i18n();
    if stats.is_empty() {
        return ().into_any();
    }
    let widest = stats.iter().map(|s| s.total().max(s.capacity)).max().unwrap_or(1).max(1);
    view! {
        <section class="card" aria-labelledby="stats-titre">
            <h2 id="stats-titre">{t!(i18n, staff.stats_title)}</h2>
            <ul class="legend" aria-hidden="true">
                <li><span class="swatch s-attente"></span>{t!(i18n, applications.status_en_attente)}</li>
                <li><span class="swatch s-receptionne"></span>{t!(i18n, applications.status_receptionne)}</li>
                <li><span class="swatch s-complet"></span>{t!(i18n, applications.status_complet)}</li>
                <li><span class="swatch s-incomplet"></span>{t!(i18n, applications.status_incomplet)}</li>
                <li><span class="capacity-mark"></span>{t!(i18n, staff.col_capacity)}</li>
            </ul>
            <h3 id="stats-statuts">{t!(i18n, staff.stats_statuses)}</h3>
            <div class="table-scroll">
                <DataTable class="stack-on-phone stats" labelledby="stats-statuts" columns=vec![
                    formation_column(),
                    Column::new(t_string!(i18n, staff.col_chart), move |s: &FormationStats| {
                        let pct = |n: i64| format!("width: {:.2}%", n as f64 * 100.0 / widest as f64);
                        let segments = [("s-attente", s.en_attente), ("s-receptionne", s.receptionne), ("s-complet", s.complet), ("s-incomplet", s.incomplet)];
                        view! {
                            <div class="bar" aria-hidden="true">
                                {segments.into_iter().filter(|(_, n)| *n > 0).map(|(class, n)| view! {
                                    <span class=format!("segment {class}") style=pct(n)>{n}</span>
                                }).collect_view()}
                                {(s.capacity > 0).then(|| view! { <span class="capacity-mark" style=format!("left: {:.2}%", s.capacity as f64 * 100.0 / widest as f64)></span> })}
                            </div>
                        }.into_any()
                    }),
                    Column::new(t_string!(i18n, staff.col_capacity), |s: &FormationStats| s.capacity.into_any()),
                    Column::new(t_string!(i18n, applications.status_en_attente), |s: &FormationStats| s.en_attente.into_any()),
                    Column::new(t_string!(i18n, applications.status_receptionne), |s: &FormationStats| s.receptionne.into_any()),
                    Column::new(t_string!(i18n, applications.status_complet), |s: &FormationStats| s.complet.into_any()),
                    Column::new(t_string!(i18n, applications.status_incomplet), |s: &FormationStats| s.incomplet.into_any()),
                ] rows=stats.clone()/>
            </div>
            <h3 id="stats-decisions">{t!(i18n, staff.stats_decisions)}</h3>
            <div class="table-scroll">
                <DataTable class="stack-on-phone stats" labelledby="stats-decisions" columns=vec![
                    formation_column(),
                    Column::new(t_string!(i18n, staff.col_capacity), |s: &FormationStats| s.capacity.into_any()),
                    Column::new(t_string!(i18n, decision.kind_favorable), |s: &FormationStats| count_link(s.favorable, format!("{}&reponse=maintenue", list_link(s)))),
                    Column::new(t_string!(i18n, staff.col_confirmed), |s: &FormationStats| count_link(s.confirmed, format!("{}&reponse=confirmee", list_link(s)))),
                    Column::new(t_string!(i18n, staff.col_withdrawn), |s: &FormationStats| count_link(s.withdrawn, format!("{}&reponse=desistee", list_link(s)))),
                    Column::new(t_string!(i18n, decision.kind_waiting), |s: &FormationStats| count_link(s.liste_complementaire, format!("{}&decision=liste_complementaire&tri=decision", list_link(s)))),
                    Column::new(t_string!(i18n, decision.kind_unfavorable), |s: &FormationStats| count_link(s.defavorable, format!("{}&decision=defavorable", list_link(s)))),
                ] rows=stats/>
            </div>
        </section>
    }
    .into_any()
}
