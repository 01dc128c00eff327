//! `/gestion/candidatures`: the staff's list of dossiers (filtered, sorted,
//! paged), its columns, exports and bulk actions.

use leptos::prelude::*;
use leptos_router::components::Form;

use crate::api::review::{load_review_list, BulkAction, SaveListColumns};
use crate::components::field::{field_problem, successes, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded_or_sign_in;
use crate::components::messages::{error_text, problem_text, FormOutcome};
use crate::components::review::{list_query, SIGN_IN};
use crate::components::status::{answer_filter_text, decision_text, status_text};
use crate::components::table::{row, Column, DataTable};
use crate::domain::application::DossierStatus;
use crate::domain::confirmation::AnswerFilter;
use crate::i18n::*;
use crate::views::review::ListLine;
use crate::views::review::{ListColumn, ListQuery, PageLink, ReviewList};

#[component]
pub fn ReviewListPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = list_query();
    let bulk = ServerAction::<BulkAction>::new();
    let columns = ServerAction::<SaveListColumns>::new();
    let (bulk_done, columns_saved) = (successes(bulk.value().into()), successes(columns.value().into()));
    let data =
        Resource::new(move || (query.get(), bulk_done.get(), columns_saved.get()), |(q, ..)| load_review_list(Some(q)));
    view! {
        <PageTitle text=tr!(i18n, review.list_title)/>
        <h1>{t!(i18n, review.list_title)}</h1>
        {loaded_or_sign_in(data, SIGN_IN, move |list| view! { <ListView list=list query=query.get_untracked() bulk=bulk columns=columns/> }.into_any())}
    }
}

const STATUSES: [DossierStatus; 4] =
    [DossierStatus::EnAttente, DossierStatus::Receptionne, DossierStatus::Complet, DossierStatus::Incomplet];

#[component]
fn ListView(
    list: ReviewList,
    query: ListQuery,
    bulk: ServerAction<BulkAction>,
    columns: ServerAction<SaveListColumns>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = list.columns.clone();
    let has = move |c: ListColumn| shown.contains(&c);
    let names: Vec<(i64, String)> = list.lines.iter().map(|l| (l.id, format!("{} {}", l.nom, l.prenom))).collect();
    let (all, set_all) = signal(false);
    let q = query.clone();
    let sort_link = move |column: &'static str, label: String| {
        let current = q.tri.as_deref().unwrap_or("transmission") == column;
        let descending = current && q.ordre.as_deref() == Some("desc");
        let next = ListQuery {
            tri: Some(column.to_owned()),
            ordre: (current && !descending).then(|| "desc".to_owned()),
            ..q.first_page()
        };
        let sort = match (current, descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let arrow = match sort {
            "ascending" => " ▲",
            "descending" => " ▼",
            _ => "",
        };
        view! {
            <th scope="col" aria-sort=sort>
                <a href=format!("/gestion/candidatures?{}", next.to_query_string())>{label}{arrow}</a>
            </th>
        }
    };
    let page_link = {
        let q = query.clone();
        move |link: PageLink| format!("/gestion/candidatures?{}", q.at(link).to_query_string())
    };
    let back_query = query.to_query_string();
    let may_change = list.may_change;
    let overdue_days = list.overdue_days;
    let list_columns = {
        type Line = (usize, ListLine);
        let sorted = |key: &'static str, label: &str, cell: fn(&Line) -> AnyView| {
            let (sort_link, label) = (sort_link.clone(), label.to_owned());
            Column::new(label.clone(), cell).header(move || sort_link(key, label.clone()).into_any())
        };
        let mut columns: Vec<Column<Line>> = Vec::new();
        if may_change {
            columns.push(
                Column::new(t_string!(i18n, review.select_all), move |(i, l): &Line| {
                    let box_id = format!("ligne-{}", l.id);
                    let name = format!("{} {}", l.nom, l.prenom);
                    view! {
                        <input type="checkbox" id=box_id.clone() name=format!("lignes[{i:03}]") value=format!("{}:{}", l.id, l.version)
                            prop:checked=move || all.get()/>
                        <label for=box_id class="visually-hidden">{t_string!(i18n, review.select_row, name = name.clone()).to_string()}</label>
                    }
                    .into_any()
                })
                .class("select-cell")
                .unlabelled()
                .header(move || {
                    view! {
                        <th scope="col" class="select-cell">
                            <input type="checkbox" id="tout-selectionner" on:change=move |ev| set_all.set(event_target_checked(&ev))/>
                            <label for="tout-selectionner" class="visually-hidden">{t!(i18n, review.select_all)}</label>
                        </th>
                    }
                    .into_any()
                }),
            );
        }
        columns.push(
            sorted("nom", t_string!(i18n, review.col_name), |(_, l)| {
                view! { {format!("{} {}", l.nom, l.prenom)}<span class="piece-note">{l.email.clone()}</span> }
                    .into_any()
            })
            .row_header(),
        );
        if has(ListColumn::Login) {
            columns.push(sorted("login", t_string!(i18n, review.col_login), |(_, l)| l.login.clone().into_any()));
        }
        if has(ListColumn::Ine) {
            columns.push(sorted("ine", t_string!(i18n, review.col_ine), |(_, l)| {
                l.ine.clone().unwrap_or_default().into_any()
            }));
        }
        if has(ListColumn::Formation) {
            columns.push(sorted("formation", t_string!(i18n, review.col_formation), |(_, l)| {
                l.formation.clone().into_any()
            }));
        }
        if has(ListColumn::Status) {
            columns.push(
                Column::new(t_string!(i18n, review.col_status), move |(_, l): &Line| {
                    view! {
                        <span class="piece-status">{status_text(l.status)}</span>
                        {l.overdue.then(|| view! {
                            <span class="badge badge-warning">{t_string!(i18n, review.overdue, days = overdue_days).to_string()}</span>
                        })}
                    }
                    .into_any()
                })
                .header({
                    let sort_link = sort_link.clone();
                    move || sort_link("statut", t_string!(i18n, review.col_status).to_string()).into_any()
                }),
            );
        }
        if has(ListColumn::Transmitted) {
            columns.push(sorted("transmission", t_string!(i18n, review.col_transmitted), |(_, l)| {
                l.transmitted.clone().unwrap_or_default().into_any()
            }));
        }
        if has(ListColumn::Decision) {
            columns.push(sorted("decision", t_string!(i18n, review.col_decision), |(_, l)| {
                decision_text(&l.decision).into_any()
            }));
        }
        let back_query = back_query.clone();
        columns.push(Column::new(t_string!(i18n, review.col_open), move |(_, l): &Line| {
            let href = format!("/gestion/candidatures/{}?{}", l.id, back_query);
            let name = format!("{} {}", l.nom, l.prenom);
            view! { <a href=href>{t!(i18n, review.open)}<span class="visually-hidden">{format!(" : {name}")}</span></a> }.into_any()
        }));
        columns
    };
    view! {
        {list.archived_campaign.clone().map(|c| view! {
            <p class="alert alert-info" role="note">{t_string!(i18n, review.archived_notice, campaign = c).to_string()}</p>
        })}
        <section class="card" aria-labelledby="filtres">
            <h2 id="filtres">{t!(i18n, review.filters)}</h2>
            <Form method="GET" action="/gestion/candidatures" attr:class="filters">
                {query.campagne.map(|c| view! { <input type="hidden" name="campagne" value=c.to_string()/> })}
                <div class="field">
                    <label for="filtre-formation">{t!(i18n, review.col_formation)}</label>
                    <select id="filtre-formation" name="formation">
                        <option value="">{t!(i18n, review.all)}</option>
                        {list.formations.iter().map(|(id, title)| view! {
                            <option value=id.to_string() selected=query.formation == Some(*id)>{title.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filtre-statut">{t!(i18n, review.col_status)}</label>
                    <select id="filtre-statut" name="statut">
                        <option value="">{t!(i18n, review.all)}</option>
                        {STATUSES.iter().map(|s| view! {
                            <option value=s.code() selected=query.statut.as_deref() == Some(s.code())>{status_text(*s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filtre-decision">{t!(i18n, review.col_decision)}</label>
                    <select id="filtre-decision" name="decision">
                        <option value="">{t!(i18n, review.all)}</option>
                        {[
                            ("favorable", t_string!(i18n, decision.kind_favorable).to_string()),
                            ("liste_complementaire", t_string!(i18n, decision.kind_waiting).to_string()),
                            ("defavorable", t_string!(i18n, decision.kind_unfavorable).to_string()),
                            ("aucune", t_string!(i18n, review.decision_none).to_string()),
                        ].into_iter().map(|(code, label)| view! {
                            <option value=code selected=query.decision.as_deref() == Some(code)>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filtre-reponse">{t!(i18n, review.col_answer)}</label>
                    <select id="filtre-reponse" name="reponse">
                        <option value="">{t!(i18n, review.all)}</option>
                        {AnswerFilter::ALL.iter().map(|a| view! {
                            <option value=a.code() selected=query.reponse.as_deref() == Some(a.code())>{answer_filter_text(*a)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filtre-q">{t!(i18n, review.search)}</label>
                    <input id="filtre-q" type="search" name="q" value=query.q.clone().unwrap_or_default() aria-describedby="filtre-q-aide"/>
                    <p class="hint" id="filtre-q-aide">{t!(i18n, review.search_hint)}</p>
                </div>
                <div class="field">
                    <label for="filtre-du">{t!(i18n, review.from)}</label>
                    <input id="filtre-du" type="date" name="du" value=query.du.clone().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="filtre-au">{t!(i18n, review.until)}</label>
                    <input id="filtre-au" type="date" name="au" value=query.au.clone().unwrap_or_default()/>
                </div>
                {query.tri.clone().map(|t| view! { <input type="hidden" name="tri" value=t/> })}
                {query.ordre.clone().map(|o| view! { <input type="hidden" name="ordre" value=o/> })}
                <div class="actions">
                    <button type="submit" class="button">{t!(i18n, review.apply_filters)}</button>
                    <a class="button button-secondary" href="/gestion/candidatures">{t!(i18n, review.clear_filters)}</a>
                </div>
            </Form>
        </section>
        <ColumnsForm columns=columns shown=list.columns.clone()/>
        <div class="list-head">
            <p role="status">{if list.total_exact {
                t_string!(i18n, review.count, count = list.total).to_string()
            } else {
                t_string!(i18n, review.count_more, count = grouped(list.total)).to_string()
            }}</p>
            <p class="row-actions">
                <a class="button button-secondary" href=format!("/gestion/candidatures/export/csv?{back_query}") download="">{t!(i18n, review.export_csv)}</a>
                <a class="button button-secondary" href=format!("/gestion/candidatures/export/xlsx?{back_query}") download="">{t!(i18n, review.export_xlsx)}</a>
            </p>
        </div>
        {if list.lines.is_empty() {
            view! { <p>{t!(i18n, review.none)}</p> }.into_any()
        } else {
            let rows: Vec<(usize, ListLine)> = list.lines.into_iter().enumerate().collect();
            let table = view! {
                <div class="table-scroll">
                    <DataTable class="stack-on-phone review-list" caption=t_string!(i18n, review.list_title).to_string()
                        columns=list_columns.clone() rows=rows
                        row=row(|(_, l): &(usize, ListLine), cells| view! { <tr class:overdue=l.overdue>{cells}</tr> }.into_any())/>
                </div>
            };
            if may_change {
                view! { <BulkForm bulk=bulk reasons=list.reasons.clone() names=names.clone()>{table}</BulkForm> }.into_any()
            } else {
                table.into_any()
            }
        }}
        <nav class="pager" aria-label=tr!(i18n, review.pages)>
            {list.previous.map(|link| view! { <a href=page_link(link) rel="prev">{t!(i18n, review.previous_page)}</a> })}
            <span>{match list.pages {
                Some(pages) => t_string!(i18n, review.page_of, page = list.page, pages = pages).to_string(),
                None => t_string!(i18n, review.page_alone, page = list.page).to_string(),
            }}</span>
            {list.next.map(|link| view! { <a href=page_link(link) rel="next">{t!(i18n, review.next_page)}</a> })}
        </nav>
    }
}

/// "Colonnes affichées": the choice is kept for this staff member.
#[component]
fn ColumnsForm(columns: ServerAction<SaveListColumns>, shown: Vec<ListColumn>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |c: ListColumn| match c {
        ListColumn::Login => t_string!(i18n, review.col_login).to_string(),
        ListColumn::Ine => t_string!(i18n, review.col_ine).to_string(),
        ListColumn::Formation => t_string!(i18n, review.col_formation).to_string(),
        ListColumn::Status => t_string!(i18n, review.col_status).to_string(),
        ListColumn::Transmitted => t_string!(i18n, review.col_transmitted).to_string(),
        ListColumn::Decision => t_string!(i18n, review.col_decision).to_string(),
    };
    view! {
        <details class="columns-choice">
            <summary>{t!(i18n, review.columns)}</summary>
            <ActionForm action=columns attr:class="inline-checks">
                <fieldset>
                    <legend class="visually-hidden">{t!(i18n, review.columns)}</legend>
                    {ListColumn::ALL.into_iter().map(|c| {
                        let id = format!("colonne-{}", c.code());
                        view! {
                            <span class="check">
                                <input type="checkbox" id=id.clone() name=format!("colonnes[{}]", c.code()) value="1" checked=shown.contains(&c)/>
                                <label for=id>{label(c)}</label>
                            </span>
                        }
                    }).collect_view()}
                </fieldset>
                <SubmitButton label=tr!(i18n, review.columns_save) pending=columns.pending()/>
            </ActionForm>
        </details>
    }
}

/// The selected rows and one action for all of them; what could not be
/// done is listed row by row.
#[component]
fn BulkForm(
    bulk: ServerAction<BulkAction>,
    reasons: Vec<String>,
    names: Vec<(i64, String)>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let result: Signal<_> = bulk.value().into();
    let (action, set_action) = signal(String::new());
    let (kind, set_kind) = signal(String::new());
    let name_of = move |id: i64| {
        names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_else(|| format!("n° {id}"))
    };
    let outcome = move || {
        result.with(|r| match r {
            Some(Ok(o)) => Some(view! {
                <div class="alert alert-success" role="status">
                    <p>{t_string!(i18n, review.bulk_done, count = o.done).to_string()}</p>
                    {(!o.refused.is_empty()).then(|| view! {
                        <p>{t!(i18n, review.bulk_refused)}</p>
                        <ul>{o.refused.iter().map(|(id, e)| view! { <li>{format!("{} : {}", name_of(*id), error_text(e))}</li> }).collect_view()}</ul>
                    })}
                </div>
            }.into_any()),
            _ => None,
        })
    };
    view! {
        <ActionForm action=bulk attr:class="bulk" attr:novalidate=true>
            <fieldset class="bulk-actions">
                <legend>{t!(i18n, review.bulk_title)}</legend>
                <FormOutcome result=result/>
                {outcome}
                <p class="field-error" id="lignes-erreur" aria-live="polite">{move || field_problem(result, "lignes").get().map(|p| problem_text(&p))}</p>
                <div class="filters">
                    <div class="field">
                        <label for="lot-action">{t!(i18n, review.bulk_action)}</label>
                        <select id="lot-action" name="action" on:change=move |ev| set_action.set(event_target_value(&ev)) aria-describedby="lignes-erreur">
                            <option value="">{t!(i18n, dossier.choose)}</option>
                            <option value="complet">{t!(i18n, review.mark_complete)}</option>
                            <option value="incomplet">{t!(i18n, review.mark_incomplete)}</option>
                            <option value="decision">{t!(i18n, review.bulk_prepare)}</option>
                            <option value="publier">{t!(i18n, review.bulk_publish)}</option>
                        </select>
                    </div>
                    <div class="field" class:hidden=move || action.get() != "decision">
                        <label for="lot-decision">{t!(i18n, review.col_decision)}</label>
                        <select id="lot-decision" name="decision" on:change=move |ev| set_kind.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, dossier.choose)}</option>
                            <option value="favorable">{t!(i18n, decision.kind_favorable)}</option>
                            <option value="liste_complementaire">{t!(i18n, decision.kind_waiting)}</option>
                            <option value="defavorable">{t!(i18n, decision.kind_unfavorable)}</option>
                        </select>
                    </div>
                    <div class="field" class:hidden=move || action.get() != "decision" || kind.get() != "liste_complementaire">
                        <label for="lot-rang">{t!(i18n, review.bulk_first_rank)}</label>
                        <input id="lot-rang" name="rang" type="number" min="1" aria-describedby="lot-rang-aide"/>
                        <p class="hint" id="lot-rang-aide">{t!(i18n, review.bulk_rank_hint)}</p>
                    </div>
                    <div class="field" class:hidden=move || action.get() != "decision" || kind.get() != "defavorable">
                        <label for="lot-motif">{t!(i18n, review.decision_reason)}</label>
                        <select id="lot-motif" name="motif">
                            <option value="">{t!(i18n, dossier.choose)}</option>
                            {reasons.into_iter().map(|r| view! { <option value=r.clone()>{r.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="actions">
                        <SubmitButton label=tr!(i18n, review.bulk_apply) pending=bulk.pending()/>
                    </div>
                </div>
            </fieldset>
            {children()}
        </ActionForm>
    }
}

/// 10000 → "10 000" (French groups digits by three, with a narrow space).
fn grouped(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) && c.is_ascii_digit() {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}
