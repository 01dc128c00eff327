//! `/gestion/candidatures/:id`: one dossier (the candidate's data, the
//! pieces with a viewer and a verdict each, the dossier's status, the
//! decision, the bloc-notes and the history, previous / next through the
//! list).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::review::{load_review, AddStaffNote, JudgePiece, PrepareDecision, PublishDecision, SetDossierStatus};
use crate::components::field::{field_problem, settled, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded_or_sign_in;
use crate::components::messages::FormOutcome;
use crate::components::pieces::{piece_columns, PieceCell};
use crate::components::review::{list_query, SIGN_IN};
use crate::components::status::piece_status_text;
use crate::components::status::{decision_text, status_text};
use crate::components::table::{Column, DataTable};
use crate::domain::application::DossierStatus;
use crate::domain::pieces::PieceStatus;
use crate::i18n::*;
use crate::views::dossier::SectionKind;
use crate::views::pieces::{download_path, view_path};
use crate::views::review::{DossierSheet, EventLine, EventWhat, ListQuery, ReviewDetail, ReviewPiece};

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = list_query();
    let judge = ServerAction::<JudgePiece>::new();
    let status = ServerAction::<SetDossierStatus>::new();
    let note = ServerAction::<AddStaffNote>::new();
    let decisions =
        Decisions { prepare: ServerAction::<PrepareDecision>::new(), publish: ServerAction::<PublishDecision>::new() };
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    // Reload after every answer but a form refused field by field: a
    // conflict shows the other person's change.
    let judged = settled(judge.value().into());
    let noted = settled(note.value().into());
    let prepared = settled(decisions.prepare.value().into());
    let data = Resource::new(
        move || {
            let decided = (prepared.get(), decisions.publish.version().get());
            (id(), query.get(), judged.get(), status.version().get(), noted.get(), decided)
        },
        |(id, query, ..)| load_review(id, Some(query)),
    );
    view! {
        <PageTitle text=tr!(i18n, review.title)/>
        {loaded_or_sign_in(data, SIGN_IN, move |d| view! { <ReviewView d=d query=query.get_untracked() judge=judge status=status note=note decisions=decisions/> }.into_any())}
    }
}

#[component]
fn ReviewView(
    d: ReviewDetail,
    query: ListQuery,
    judge: ServerAction<JudgePiece>,
    status: ServerAction<SetDossierStatus>,
    note: ServerAction<AddStaffNote>,
    decisions: Decisions,
) -> impl IntoView {
    let i18n = use_i18n();
    let qs = query.to_query_string();
    let around = |id: Option<i64>, label: String, rel: &'static str| {
        id.map(|id| view! { <A href=format!("/gestion/candidatures/{id}?{qs}") attr:rel=rel>{label}</A> })
    };
    let judge_result: Signal<_> = judge.value().into();
    let status_result: Signal<_> = status.value().into();
    let note_result: Signal<_> = note.value().into();
    let (shown, set_shown) = signal(None::<ReviewPiece>);
    let version = d.version;
    let application = d.id;
    let may_change = d.may_change;
    let may_judge = may_change && d.status == DossierStatus::Receptionne;
    view! {
        <nav class="review-nav" aria-label=tr!(i18n, review.navigation)>
            <A href=format!("/gestion/candidatures?{qs}")>{t!(i18n, review.back)}</A>
            {around(d.previous, t_string!(i18n, review.previous).to_string(), "prev")}
            {around(d.next, t_string!(i18n, review.next).to_string(), "next")}
        </nav>
        <h1>{t_string!(i18n, review.heading, name = format!("{} {}", d.prenom, d.nom)).to_string()}</h1>
        {d.archived_campaign.clone().map(|c| view! {
            <p class="alert alert-info" role="note">{t_string!(i18n, review.archived_notice, campaign = c).to_string()}</p>
        })}
        <div class="recap">
            <section class="card" aria-labelledby="candidature">
                <h2 id="candidature">{t!(i18n, review.application)}</h2>
                <dl class="facts">
                    <dt>{t!(i18n, review.col_formation)}</dt><dd>{d.formation.clone()}</dd>
                    <dt>{t!(i18n, review.centre)}</dt><dd>{d.centre.clone()}</dd>
                    <dt>{t!(i18n, review.col_status)}</dt><dd><strong>{status_text(d.status)}</strong></dd>
                    <dt>{t!(i18n, review.col_decision)}</dt><dd>{decision_text(&d.decision)}</dd>
                    <dt>{t!(i18n, review.created)}</dt><dd>{d.created.clone()}</dd>
                    <dt>{t!(i18n, review.col_transmitted)}</dt><dd>{d.transmitted.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="candidat">
                <h2 id="candidat">{t!(i18n, review.candidate)}</h2>
                <dl class="facts">
                    <dt>{t!(i18n, review.col_login)}</dt><dd>{d.login.clone()}</dd>
                    <dt>{t!(i18n, review.email)}</dt><dd><a href=format!("mailto:{}", d.email)>{d.email.clone()}</a></dd>
                    <dt>{t!(i18n, review.language)}</dt><dd lang=d.language.code()>{d.language.name()}</dd>
                </dl>
            </section>
        </div>

        <section class="card" aria-labelledby="pieces-titre">
            <h2 id="pieces-titre">{t!(i18n, pieces.title)}</h2>
            <FormOutcome result=judge_result/>
            {(may_change && !may_judge).then(|| view! { <p class="hint">{t!(i18n, review.refused_not_received)}</p> })}
            <div class="table-scroll">
                <DataTable class="stack-on-phone pieces" columns=verdict_columns(application, version, may_judge, judge, set_shown)
                    rows=d.pieces.clone()/>
            </div>
            {move || shown.get().map(|p| view! { <Viewer p=p close=Callback::new(move |_| set_shown.set(None))/> })}
        </section>

        {may_change.then(|| view! {
            <section class="card" aria-labelledby="statut-titre">
                <h2 id="statut-titre">{t!(i18n, review.status_title)}</h2>
                <p class="hint">{t!(i18n, review.status_hint)}</p>
                <FormOutcome result=status_result/>
                <div class="row-actions">
                    <ActionForm action=status attr:class="inline-form">
                        <input type="hidden" name="application" value=application/>
                        <input type="hidden" name="version" value=version/>
                        <input type="hidden" name="statut" value="complet"/>
                        <button type="submit" class="button" disabled=move || status.pending().get()>{t!(i18n, review.mark_complete)}</button>
                    </ActionForm>
                    <ActionForm action=status attr:class="form incomplete-form">
                        <input type="hidden" name="application" value=application/>
                        <input type="hidden" name="version" value=version/>
                        <input type="hidden" name="statut" value="incomplet"/>
                        <Field name="date_limite" kind="date" required=false label=tr!(i18n, review.reopened_until)
                            hint=tr!(i18n, review.reopened_until_hint) problem=field_problem(status_result, "date_limite")/>
                        <button type="submit" class="button button-danger" disabled=move || status.pending().get()>{t!(i18n, review.mark_incomplete)}</button>
                    </ActionForm>
                </div>
            </section>
        })}

        <DecisionSection d=d.clone() actions=decisions/>

        <Sheet d=d.dossier.clone()/>

        <section class="card" aria-labelledby="notes-titre">
            <h2 id="notes-titre">{t!(i18n, review.notes_title)}</h2>
            <p class="hint">{t!(i18n, review.notes_hint)}</p>
            <FormOutcome result=note_result/>
            <ActionForm action=note attr:class="form" attr:hidden=d.archived_campaign.is_some()>
                <input type="hidden" name="application" value=application/>
                <div class="field">
                    <label for="note">{t!(i18n, review.note_label)}</label>
                    <textarea id="note" name="note" rows="3" aria-describedby="note-message"></textarea>
                    <p id="note-message" class="field-error">{move || field_problem(note_result, "note").get().map(|p| crate::components::messages::problem_text(&p))}</p>
                </div>
                <SubmitButton label=tr!(i18n, review.note_add) pending=note.pending()/>
            </ActionForm>
            <ul class="plain-list notes">
                {d.notes.iter().map(|n| view! { <li><p class="piece-note">{format!("{} — {}", n.at, n.who)}</p><p>{n.text.clone()}</p></li> }).collect_view()}
            </ul>
        </section>

        <section class="card" aria-labelledby="historique-titre">
            <h2 id="historique-titre">{t!(i18n, review.history_title)}</h2>
            {if d.events.is_empty() {
                view! { <p>{t!(i18n, review.history_none)}</p> }.into_any()
            } else {
                view! { <ol class="plain-list history">{d.events.iter().cloned().map(|e| view! { <li>{event_text(e)}</li> }).collect_view()}</ol> }.into_any()
            }}
        </section>
    }
}

fn event_text(e: EventLine) -> String {
    let i18n = use_i18n();
    let who = e.who.unwrap_or_else(|| t_string!(i18n, review.by_candidate).to_string());
    let what = match e.what {
        EventWhat::Transmitted => t_string!(i18n, review.event_transmitted).to_string(),
        EventWhat::Piece { label, status, comment } => {
            let base = format!("{label} : {}", piece_status_text(status));
            if comment.is_empty() {
                base
            } else {
                format!("{base} ({comment})")
            }
        }
        EventWhat::Dossier(status) => format!("{} {}", t_string!(i18n, review.event_dossier), status_text(status)),
        EventWhat::Decision { decision, published } => {
            let label = if published {
                t_string!(i18n, review.event_decision)
            } else {
                t_string!(i18n, review.event_decision_draft)
            };
            format!("{label} {}", decision_text(&Some(decision)))
        }
        EventWhat::Other(text) => text,
    };
    format!("{} — {who} — {what}", e.at)
}

/// The pieces' columns of the review page, with a verdict each ("Actions")
/// while the dossier can be judged.
fn verdict_columns(
    application: i64,
    version: i64,
    may_judge: bool,
    judge: ServerAction<JudgePiece>,
    set_shown: WriteSignal<Option<ReviewPiece>>,
) -> Vec<Column<ReviewPiece>> {
    let i18n = use_i18n();
    piece_columns(
        Box::new(move |p: &ReviewPiece| {
            view! {
                {p.label.clone()}
                <span class="piece-note">{if p.required { t_string!(i18n, pieces.required) } else { t_string!(i18n, pieces.conditional) }.to_string()}</span>
            }
            .into_any()
        }),
        Box::new(move |p: &ReviewPiece| {
            let label = p.label.clone();
            let shown_piece = p.clone();
            let file_name = p.file_name.clone().unwrap_or_default();
            let parts = p.file_parts;
            p.file_id
                .map(|f| view! {
                    <span>{file_name.clone()}</span>
                    {(parts > 1).then(|| view! { <span class="piece-note">{t_string!(i18n, pieces.parts, count = parts).to_string()}</span> })}
                    <div class="row-actions">
                        <button type="button" class="button button-secondary" on:click=move |_| set_shown.set(Some(shown_piece.clone()))>
                            {t!(i18n, review.show)}<span class="visually-hidden">{format!(" : {label}")}</span>
                        </button>
                        <a href=download_path(f) download=file_name.clone()>{t!(i18n, pieces.download)}<span class="visually-hidden">{format!(" : {file_name}")}</span></a>
                    </div>
                })
                .into_any()
        }),
        Box::new(|p: &ReviewPiece| view! { <span class="piece-status">{piece_status_text(p.status)}</span> }.into_any()),
        Box::new(|p: &ReviewPiece| p.comment.clone().into_any()),
        may_judge.then(|| -> PieceCell<ReviewPiece> {
            Box::new(move |p: &ReviewPiece| {
                let comment_id = format!("commentaire-{}", p.piece_id);
                let answered = p.file_id.is_some() || p.status == PieceStatus::NonConcerne;
                let piece_id = p.piece_id;
                // The verdict is on this file: another one sent meanwhile is refused.
                let judged_file = p.file_id;
                let validate_label = format!(" : {}", p.label);
                let refuse_button_label = validate_label.clone();
                let refuse_label = t_string!(i18n, review.refusal_comment, piece = p.label.clone()).to_string();
                answered
                    .then(|| view! {
                        <div class="verdict">
                            <ActionForm action=judge attr:class="inline-form">
                                <input type="hidden" name="application" value=application/>
                                <input type="hidden" name="version" value=version/>
                                <input type="hidden" name="piece" value=piece_id/>
                                {judged_file.map(|f| view! { <input type="hidden" name="fichier" value=f/> })}
                                <input type="hidden" name="verdict" value="validee"/>
                                <input type="hidden" name="commentaire" value=""/>
                                <button type="submit" class="button" disabled=move || judge.pending().get()>
                                    {t!(i18n, review.validate)}<span class="visually-hidden">{validate_label}</span>
                                </button>
                            </ActionForm>
                            <ActionForm action=judge attr:class="refuse-form">
                                <input type="hidden" name="application" value=application/>
                                <input type="hidden" name="version" value=version/>
                                <input type="hidden" name="piece" value=piece_id/>
                                {judged_file.map(|f| view! { <input type="hidden" name="fichier" value=f/> })}
                                <input type="hidden" name="verdict" value="refusee"/>
                                <label for=comment_id.clone()>{refuse_label}</label>
                                <input type="text" id=comment_id.clone() name="commentaire" maxlength="500"/>
                                <button type="submit" class="button button-danger" disabled=move || judge.pending().get()>
                                    {t!(i18n, review.refuse)}<span class="visually-hidden">{refuse_button_label}</span>
                                </button>
                            </ActionForm>
                        </div>
                    })
                    .into_any()
            })
        }),
    )
}

/// The file of a piece shown in the page: PDFs in a frame, photos as images.
#[component]
fn Viewer(p: ReviewPiece, close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(file) = p.file_id else { return ().into_any() };
    let name = p.file_name.clone().unwrap_or_default();
    let src = view_path(file);
    let title = format!("{} : {name}", p.label);
    let is_image = name.to_lowercase().ends_with(".jpg");
    view! {
        <figure class="viewer">
            <figcaption>
                <strong>{title.clone()}</strong>
                " "
                <button type="button" class="button button-secondary" on:click=move |_| close.run(())>{t!(i18n, review.close_viewer)}</button>
            </figcaption>
            {if is_image {
                view! { <img src=src alt=title/> }.into_any()
            } else {
                view! { <iframe src=src title=title></iframe> }.into_any()
            }}
        </figure>
    }
    .into_any()
}

/// The candidate's dossier, read-only.
#[component]
fn Sheet(d: DossierSheet) -> impl IntoView {
    let i18n = use_i18n();
    let fact =
        |label: String, value: String| (!value.trim().is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> });
    let from_university = d.from_university.clone();
    let origin = move |kind: SectionKind| {
        let text = if from_university.contains(&kind) {
            t_string!(i18n, review.origin_university)
        } else {
            t_string!(i18n, review.origin_candidate)
        };
        view! { <p class="hint origin">{text}</p> }
    };
    let internal = d.internal.clone();
    view! {
        <section class="card" aria-labelledby="dossier-titre">
            <h2 id="dossier-titre">{t!(i18n, review.dossier_title)}</h2>
            <h3>{t!(i18n, dossier.section_identity)}</h3>
            {d.identity.is_some().then(|| origin(SectionKind::Identity))}
            {match d.identity {
                None => view! { <p>{t!(i18n, review.missing)}</p> }.into_any(),
                Some(i) => view! {
                    <dl class="facts">
                        {fact(t_string!(i18n, dossier.civilite).to_string(), i.civilite)}
                        {fact(t_string!(i18n, dossier.nom_naissance).to_string(), i.nom_naissance)}
                        {fact(t_string!(i18n, dossier.nom_usuel).to_string(), i.nom_usuel)}
                        {fact(t_string!(i18n, dossier.prenom).to_string(), i.prenom)}
                        {fact(t_string!(i18n, dossier.autre_prenom).to_string(), i.autre_prenom)}
                        {fact(t_string!(i18n, review.birth_date).to_string(), i.date_naissance)}
                        {fact(t_string!(i18n, dossier.pays_naissance).to_string(), i.pays_naissance)}
                        {fact(t_string!(i18n, dossier.departement_naissance).to_string(), i.departement_naissance)}
                        {fact(t_string!(i18n, dossier.ville_naissance).to_string(), i.ville_naissance)}
                        {fact(t_string!(i18n, dossier.nationalite).to_string(), i.nationalite)}
                        {fact(t_string!(i18n, dossier.telephone).to_string(), i.telephone)}
                        {fact(t_string!(i18n, dossier.portable).to_string(), i.portable)}
                        {fact(t_string!(i18n, dossier.ine).to_string(), if i.sans_ine { t_string!(i18n, dossier.sans_ine).to_string() } else { i.ine })}
                    </dl>
                }.into_any(),
            }}
            <h3>{t!(i18n, dossier.section_address)}</h3>
            {d.address.is_some().then(|| origin(SectionKind::Address))}
            {match d.address {
                None => view! { <p>{t!(i18n, review.missing)}</p> }.into_any(),
                Some(a) => view! {
                    <p class="address">
                        {[a.ligne1, a.ligne2, a.ligne3, format!("{} {}{}", a.code_postal, a.commune, a.ville), a.pays]
                            .into_iter().filter(|l| !l.trim().is_empty()).map(|l| view! { {l}<br/> }).collect_view()}
                    </p>
                }.into_any(),
            }}
            <h3>{t!(i18n, dossier.section_bac)}</h3>
            {d.bac.is_some().then(|| origin(SectionKind::Bac))}
            {match d.bac {
                None => view! { <p>{t!(i18n, review.missing)}</p> }.into_any(),
                Some(b) if b.situation == "non" => view! { <p>{t!(i18n, dossier.bac_no)}</p> }.into_any(),
                Some(b) => view! {
                    <dl class="facts">
                        {fact(t_string!(i18n, dossier.annee).to_string(), b.annee)}
                        {fact(t_string!(i18n, dossier.serie).to_string(), b.serie)}
                        {fact(t_string!(i18n, dossier.mention).to_string(), b.mention)}
                        {fact(t_string!(i18n, dossier.pays_obtention).to_string(), b.pays)}
                        {fact(t_string!(i18n, dossier.commune).to_string(), b.commune)}
                        {fact(t_string!(i18n, dossier.etablissement).to_string(), b.etablissement)}
                    </dl>
                }.into_any(),
            }}
            {(!internal.is_empty() || d.from_university.contains(&SectionKind::InternalCursus)).then(|| view! {
                <h3>{t!(i18n, dossier.section_internal_cursus)}</h3>
                {origin(SectionKind::InternalCursus)}
                <ul class="plain-list">{internal.into_iter().map(|y| view! {
                    <li>{[y.annee, y.code, y.libelle, y.resultat].into_iter().filter(|v| !v.trim().is_empty()).collect::<Vec<_>>().join(" · ")}</li>
                }).collect_view()}</ul>
            })}
            <h3>{t!(i18n, dossier.section_cursus)}</h3>
            {if d.cursus.is_empty() { view! { <p>{t!(i18n, dossier.none_yet)}</p> }.into_any() } else {
                view! { <ul class="plain-list">{d.cursus.into_iter().map(|c| view! {
                    <li>{[c.annee, c.libelle, c.formation, c.etablissement, c.commune, c.pays, c.obtenu, c.mention].into_iter().filter(|v| !v.trim().is_empty()).collect::<Vec<_>>().join(" · ")}</li>
                }).collect_view()}</ul> }.into_any()
            }}
            <h3>{t!(i18n, dossier.section_stages)}</h3>
            <Experiences list=d.stages/>
            <h3>{t!(i18n, dossier.section_experiences)}</h3>
            <Experiences list=d.jobs/>
        </section>
    }
}

#[component]
fn Experiences(list: Vec<crate::domain::experience::ExperienceForm>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, dossier.none_yet)}</p> }.into_any();
    }
    view! {
        <ul class="plain-list">
            {list.into_iter().map(|x| view! {
                <li>{[x.annee, x.intitule, x.employeur, x.duree, x.descriptif].into_iter().filter(|v| !v.trim().is_empty()).collect::<Vec<_>>().join(" · ")}</li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The two decision actions of the review page.
#[derive(Clone, Copy)]
struct Decisions {
    prepare: ServerAction<PrepareDecision>,
    publish: ServerAction<PublishDecision>,
}

/// "Décision": prepare (draft), then publish ("Valider la décision");
/// the history of decisions stays visible.
#[component]
fn DecisionSection(d: ReviewDetail, actions: Decisions) -> impl IntoView {
    use crate::domain::decision::DecisionKind;
    let i18n = use_i18n();
    let prepare_result: Signal<_> = actions.prepare.value().into();
    let publish_result: Signal<_> = actions.publish.value().into();
    let draft = d.decisions.first().filter(|l| l.published.is_none()).cloned();
    let (kind, set_kind) = signal(draft.as_ref().map(|l| l.decision.kind).unwrap_or(DecisionKind::Favorable));
    let draft_rank = draft.as_ref().and_then(|l| l.decision.rank).map(|r| r.to_string()).unwrap_or_default();
    let draft_reason = draft.as_ref().and_then(|l| l.decision.reason.clone());
    let kinds = [
        (DecisionKind::Favorable, t_string!(i18n, decision.kind_favorable).to_string()),
        (DecisionKind::ListeComplementaire, t_string!(i18n, decision.kind_waiting).to_string()),
        (DecisionKind::Defavorable, t_string!(i18n, decision.kind_unfavorable).to_string()),
    ];
    let rank_problem = field_problem(prepare_result, "rang");
    let reason_problem = field_problem(prepare_result, "motif");
    let (application, version) = (d.id, d.version);
    view! {
        <section class="card" aria-labelledby="decision-titre">
            <h2 id="decision-titre">{t!(i18n, review.decision_title)}</h2>
            {(!d.may_decide && d.archived_campaign.is_none()).then(|| view! { <p class="hint">{t!(i18n, review.refused_not_complete)}</p> })}
            {d.may_decide.then(|| view! {
                <FormOutcome result=prepare_result/>
                <ActionForm action=actions.prepare attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="application" value=application/>
                    <input type="hidden" name="version" value=version/>
                    <fieldset class="choices">
                        <legend>{t!(i18n, review.decision_kind)}</legend>
                        {kinds.into_iter().map(|(k, label)| {
                            let id = format!("decision-{}", k.code());
                            view! {
                                <div class="choice">
                                    <input type="radio" id=id.clone() name="decision" value=k.code() checked=move || kind.get() == k
                                        on:change=move |_| set_kind.set(k)/>
                                    <label for=id>{label}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <div class="field" class:hidden-field=move || kind.get() != DecisionKind::ListeComplementaire>
                        <label for="rang">{t!(i18n, review.decision_rank)}</label>
                        <input type="number" id="rang" name="rang" min="1" inputmode="numeric" aria-describedby="rang-message"
                            value=draft_rank.clone()/>
                        <p id="rang-message" class="field-error">{move || rank_problem.get().map(|p| crate::components::messages::problem_text(&p))}</p>
                    </div>
                    <div class="field" class:hidden-field=move || kind.get() != DecisionKind::Defavorable>
                        <label for="motif">{t!(i18n, review.decision_reason)}</label>
                        <select id="motif" name="motif" aria-describedby="motif-message">
                            <option value="">{t!(i18n, dossier.choose)}</option>
                            {d.reasons.iter().map(|r| view! {
                                <option value=r.clone() selected=draft_reason.as_ref() == Some(r)>{r.clone()}</option>
                            }).collect_view()}
                        </select>
                        <p id="motif-message" class="field-error">{move || reason_problem.get().map(|p| crate::components::messages::problem_text(&p))}</p>
                    </div>
                    <SubmitButton label=tr!(i18n, review.decision_prepare) pending=actions.prepare.pending()/>
                </ActionForm>
                {draft.clone().map(|l| view! {
                    <div class="alert alert-info" role="note">
                        <p>{t_string!(i18n, review.decision_draft, decision = decision_text(&Some(l.decision.clone()))).to_string()}</p>
                        <FormOutcome result=publish_result/>
                        <ActionForm action=actions.publish attr:class="inline-form">
                            <input type="hidden" name="application" value=application/>
                            <input type="hidden" name="version" value=version/>
                            <button type="submit" class="button" disabled=move || actions.publish.pending().get()>{t!(i18n, review.decision_publish)}</button>
                        </ActionForm>
                    </div>
                })}
            })}
            {(!d.decisions.is_empty()).then(|| view! {
                <h3>{t!(i18n, review.decision_history)}</h3>
                <ul class="plain-list history">
                    {d.decisions.iter().map(|l| {
                        let state = match (&l.published, &l.published_by) {
                            (Some(at), by) => t_string!(i18n, review.decision_published_on, at = at.clone(), by = by.clone().unwrap_or_default()).to_string(),
                            (None, _) => t_string!(i18n, review.decision_draft_on, at = l.prepared.clone(), by = l.prepared_by.clone().unwrap_or_default()).to_string(),
                        };
                        view! { <li><strong>{decision_text(&Some(l.decision.clone()))}</strong>" — "{state}</li> }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
