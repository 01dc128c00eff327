//! The "Pièces justificatives" section of an application (guide 05.4),
//! shown by the candidate's summary (`/candidatures/:id`), with
//! "Transmettre ma candidature"; and the columns of a pieces table, which
//! the staff's dossier shares. A file is checked in the browser by the
//! same rule the server applies (`domain::upload::check`: content, size),
//! then sent with a progress bar; the server checks it again.
//!
//! Before the WASM (or without it), each file input sits in its own plain
//! form (`multipart/form-data`, "Envoyer") posting to the same route; the
//! server answers with a redirect back here, the outcome in the URL: the
//! piece received (`views::pieces::RECEIVED_PARAM`), or the refusal as
//! Leptos carries a server function's (`__path` is the piece's route). The
//! stylesheet tells the two apart by `html[data-hydrated]`.

use leptos::prelude::*;

use crate::api::pieces::{load_pieces, AnswerPiece, TransmitApplication};
use crate::components::dialog::ConfirmDialog;
use crate::components::language::current;
use crate::components::loading::loaded;
use crate::components::messages::{error_text, format_size, labelled, FormOutcome};
use crate::components::status::piece_status_text;
use crate::components::table::{row, Column, DataTable};
#[cfg(feature = "hydrate")]
use crate::components::upload;
use crate::domain::pieces::PieceStatus;
use crate::error::AppError;
use crate::i18n::*;
use crate::views::pieces::{
    add_path, download_path, model_path, piece_of_upload_path, row_id, upload_path, view_path, PieceLine, PiecesView,
    FILE_FIELD, RECEIVED_PARAM,
};

/// The pieces table's data and what reloads it. The page makes it once, at
/// its top: the section sits in a closure the server renders more than
/// once, and a resource made there is loaded each time (three times a page).
#[derive(Clone, Copy)]
pub struct PiecesData {
    answer: ServerAction<AnswerPiece>,
    uploads: RwSignal<u32>,
    view: Resource<Result<PiecesView, AppError>>,
}

impl PiecesData {
    /// `page`: the application's id first, then whatever else reloads the
    /// whole page (a transmission, an answer…).
    pub fn new<T>(page: impl Fn() -> (i64, T) + Send + Sync + 'static) -> Self
    where
        T: PartialEq + Clone + Send + Sync + 'static,
    {
        let answer = ServerAction::<AnswerPiece>::new();
        let uploads = RwSignal::new(0u32);
        let view = Resource::new(
            move || (page(), uploads.get(), answer.version().get()),
            |((application, _), ..)| load_pieces(application),
        );
        PiecesData { answer, uploads, view }
    }
}

#[component]
pub fn PiecesSection(application: i64, data: PiecesData, transmit: ServerAction<TransmitApplication>) -> impl IntoView {
    let i18n = use_i18n();
    let PiecesData { answer, uploads, view: view_data } = data;
    let refresh = Callback::new(move |_: ()| {
        uploads.try_update(|n| *n += 1);
    });
    // The last refused file, by piece: kept here, above the table, so that
    // it survives the table's reload after the other files of a batch. A
    // plain form post's refusal comes back in the URL.
    let problem = RwSignal::new(posted_refusal(application));
    // The piece a plain form post just sent.
    let received = RwSignal::new(
        leptos_router::hooks::use_query_map()
            .with_untracked(|q| q.get(RECEIVED_PARAM).and_then(|p| p.parse::<i64>().ok())),
    );
    view! {
        <section class="card" aria-labelledby="pieces-titre">
            <h2 id="pieces-titre">{t!(i18n, pieces.title)}</h2>
            {loaded(view_data, move |v| view! { <PiecesTable application=application data=v answer=answer refresh=refresh problem=problem received=received transmit=transmit/> }.into_any())}
        </section>
    }
}

/// The refusal a plain form post of one of this application's pieces
/// brought back in the URL (see `server::uploads`), with its piece.
fn posted_refusal(application: i64) -> Option<(i64, AppError)> {
    let posted = use_context::<leptos::server::ServerActionError>()?;
    let piece = piece_of_upload_path(application, posted.path())?;
    Some((piece, leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(posted.err())))
}

#[component]
fn PiecesTable(
    application: i64,
    data: PiecesView,
    answer: ServerAction<AnswerPiece>,
    refresh: Callback<()>,
    problem: RwSignal<Option<(i64, AppError)>>,
    received: RwSignal<Option<i64>>,
    transmit: ServerAction<TransmitApplication>,
) -> impl IntoView {
    let i18n = use_i18n();
    let answer_result: Signal<_> = answer.value().into();
    let max = data.max_bytes;
    let editable = data.editable;
    if data.pieces.is_empty() {
        return view! { <p>{t!(i18n, pieces.none)}</p> }.into_any();
    }
    let columns = candidate_columns(application, editable, answer, problem, received);
    let rows: Vec<PieceRowState> = data
        .pieces
        .into_iter()
        .map(|p| PieceRowState::new(application, p, editable, max, refresh, problem, received))
        .collect();
    view! {
        {data.closed_on.map(|day| view! { <p class="alert alert-error" role="status">{t_string!(i18n, pieces.return_closed, date = day.written(current())).to_string()}</p> })}
        {editable.then(|| view! { <p class="hint">{t_string!(i18n, pieces.accepted, max = format_size(max)).to_string()}</p> })}
        <FormOutcome result=answer_result/>
        <div class="table-scroll">
            <DataTable class="stack-on-phone pieces"
                columns=columns rows=rows
                row=row(|r: &PieceRowState, cells| {
                    let (dragging, droppable, on_drop) = (r.dragging, r.droppable, r.on_drop);
                    view! {
                        <tr id=row_id(r.piece.piece_id) class:drop-target=move || dragging.get()
                            on:dragover=move |ev: leptos::ev::DragEvent| if droppable { ev.prevent_default(); dragging.set(true); }
                            on:dragleave=move |_| dragging.set(false)
                            on:drop=move |ev| if droppable { on_drop.run(ev) }>
                            {cells}
                        </tr>
                    }
                    .into_any()
                })/>
        </div>
        {editable.then(|| view! { <Transmit application=application ready=data.may_transmit transmit=transmit/> })}
    }
    .into_any()
}

/// A cell of a pièces justificatives table.
pub type PieceCell<T> = Box<dyn Fn(&T) -> AnyView + Send + Sync>;

/// The columns of a pièces justificatives table (candidate and staff
/// alike): the piece (the row's header), its file, its status, the
/// comment, and "Actions" when something can be done.
pub fn piece_columns<T: 'static>(
    piece: PieceCell<T>,
    file: PieceCell<T>,
    status: PieceCell<T>,
    comment: PieceCell<T>,
    actions: Option<PieceCell<T>>,
) -> Vec<Column<T>> {
    let i18n = use_i18n();
    let mut columns = vec![
        Column::new(t_string!(i18n, pieces.col_piece), piece).row_header(),
        Column::new(t_string!(i18n, pieces.col_file), file),
        Column::new(t_string!(i18n, pieces.col_status), status),
        Column::new(t_string!(i18n, pieces.col_comment), comment),
    ];
    if let Some(actions) = actions {
        columns.push(Column::new(t_string!(i18n, pieces.col_actions), actions));
    }
    columns
}

/// One row of the candidate's table: the piece, and what its cells share
/// (the upload's progress, the files picked or dropped on the row).
#[derive(Clone)]
struct PieceRowState {
    piece: PieceLine,
    progress: ReadSignal<Option<f64>>,
    dragging: RwSignal<bool>,
    droppable: bool,
    on_files: Callback<(leptos::ev::Event, bool)>,
    on_drop: Callback<leptos::ev::DragEvent>,
}

impl PieceRowState {
    fn new(
        application: i64,
        piece: PieceLine,
        editable: bool,
        max: u64,
        refresh: Callback<()>,
        problem: RwSignal<Option<(i64, AppError)>>,
        received: RwSignal<Option<i64>>,
    ) -> Self {
        let (progress, set_progress) = signal(None::<f64>);
        let piece_id = piece.piece_id;
        // One way in for files, whether picked or dropped on the row: the first
        // replaces the piece's file unless `adding`, the others are added to it.
        #[cfg(feature = "hydrate")]
        let start = move |files: Vec<web_sys::File>, adding: bool| {
            problem.set(None);
            received.set(None);
            set_progress.set(Some(0.0));
            leptos::task::spawn_local(async move {
                let count = files.len() as f64;
                let mut outcome = Ok(());
                let mut sent = 0;
                for (i, file) in files.into_iter().enumerate() {
                    let add = adding || i > 0;
                    outcome = upload::send(
                        if add { add_path(application, piece_id) } else { upload_path(application, piece_id) },
                        file,
                        max,
                        move |fraction| {
                            set_progress.try_set(Some((i as f64 + fraction) / count));
                        },
                    )
                    .await;
                    if outcome.is_err() {
                        break;
                    }
                    sent += 1;
                }
                // The candidate may have left the page meanwhile: `try_` then.
                set_progress.try_set(None);
                if let Err(error) = outcome {
                    problem.try_set(Some((piece_id, error)));
                }
                if sent > 0 {
                    refresh.run(());
                }
            });
        };
        let on_files = move |(ev, adding): (leptos::ev::Event, bool)| {
            #[cfg(feature = "hydrate")]
            {
                use wasm_bindgen::JsCast;
                let input: web_sys::HtmlInputElement = ev.target().expect("an input").unchecked_into();
                let files = upload::files_of(input.files());
                input.set_value("");
                if !files.is_empty() {
                    start(files, adding);
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, adding, max, refresh, set_progress, application, piece_id, problem, received);
        };
        let dragging = RwSignal::new(false);
        let on_drop = move |ev: leptos::ev::DragEvent| {
            ev.prevent_default();
            dragging.set(false);
            #[cfg(feature = "hydrate")]
            {
                let files = upload::files_of(ev.data_transfer().and_then(|d| d.files()));
                if !files.is_empty() {
                    start(files, false);
                }
            }
        };
        let droppable = editable && piece.editable;
        PieceRowState {
            piece,
            progress,
            dragging,
            droppable,
            on_files: Callback::new(on_files),
            on_drop: Callback::new(on_drop),
        }
    }
}

/// The candidate's columns, with "Actions" while the pieces can be sent.
fn candidate_columns(
    application: i64,
    editable: bool,
    answer: ServerAction<AnswerPiece>,
    problem: RwSignal<Option<(i64, AppError)>>,
    received: RwSignal<Option<i64>>,
) -> Vec<Column<PieceRowState>> {
    let i18n = use_i18n();
    piece_columns(
        Box::new(move |r: &PieceRowState| {
            let piece = &r.piece;
            let piece_id = piece.piece_id;
            let kind_note = if piece.required { t_string!(i18n, pieces.required) } else { t_string!(i18n, pieces.conditional) }
                .to_string();
            view! {
                {piece.label.clone()}
                <span class="piece-note">{format!("({kind_note}{})", if piece.common { format!(", {}", t_string!(i18n, pieces.common)) } else { String::new() })}</span>
                {piece.has_model.then(|| view! {
                    <a class="piece-model" href=model_path(piece_id) download="">{labelled(t_string!(i18n, pieces.model), &piece.label)}</a>
                })}
            }
            .into_any()
        }),
        Box::new(move |r: &PieceRowState| {
            let file_name = r.piece.file_name.clone().unwrap_or_default();
            let parts = r.piece.file_parts;
            r.piece
                .file_id
                .map(|f| view! {
                    <a href=download_path(f) download=file_name.clone()
                        aria-label=labelled(t_string!(i18n, pieces.download), &file_name)>{file_name.clone()}</a>
                    {(parts > 1).then(|| view! { <span class="piece-note">{t_string!(i18n, pieces.parts, count = parts).to_string()}</span> })}
                    <a class="file-view" href=view_path(f) target="_blank" rel="noopener">
                        {t!(i18n, pieces.view)}
                        <span class="visually-hidden">{format!("{}{file_name} {}", current().colon(), t_string!(i18n, pieces.new_tab))}</span>
                    </a>
                })
                .into_any()
        }),
        Box::new(|r: &PieceRowState| view! { <span class="piece-status">{piece_status_text(r.piece.status)}</span> }.into_any()),
        Box::new(|r: &PieceRowState| r.piece.comment.clone().into_any()),
        editable.then(|| -> PieceCell<PieceRowState> {
            Box::new(move |r: &PieceRowState| {
                let piece = &r.piece;
                let piece_id = piece.piece_id;
                let (progress, on_files) = (r.progress, r.on_files);
                let message_id = format!("fichier-{}-message", piece.piece_id);
                let label = piece.label.clone();
                let has_file = piece.file_id.is_some();
                let conditional = !piece.required;
                let delete_label = labelled(t_string!(i18n, pieces.delete), &piece.label);
                let not_concerned_label = labelled(t_string!(i18n, pieces.not_concerned), &piece.label);
                view! {
                    {piece.editable.then(|| view! {
                    <div class="row-actions">
                        <FilePicker id=format!("fichier-{piece_id}") action=upload_path(application, piece_id)
                            described_by=message_id.clone() label=label.clone()
                            text=if has_file { t_string!(i18n, pieces.replace).to_string() } else { t_string!(i18n, pieces.add).to_string() }
                            on_files=Callback::new(move |ev| on_files.run((ev, false)))/>
                        {has_file.then(|| view! {
                            <FilePicker id=format!("fichier-{piece_id}-ajout") action=add_path(application, piece_id)
                                described_by=message_id.clone() label=label.clone()
                                text=t_string!(i18n, pieces.add_more).to_string() on_files=Callback::new(move |ev| on_files.run((ev, true)))/>
                            <ActionForm action=answer attr:class="inline-form">
                                <input type="hidden" name="application" value=application/>
                                <input type="hidden" name="piece" value=piece_id/>
                                <button type="submit" class="button button-secondary"
                                    aria-label=delete_label>{t!(i18n, pieces.delete)}</button>
                            </ActionForm>
                        })}
                        {(conditional && piece.status != PieceStatus::NonConcerne).then(|| view! {
                            <ActionForm action=answer attr:class="inline-form">
                                <input type="hidden" name="application" value=application/>
                                <input type="hidden" name="piece" value=piece_id/>
                                <input type="hidden" name="non_concerne" value="1"/>
                                <button type="submit" class="button button-secondary"
                                    aria-label=not_concerned_label>{t!(i18n, pieces.not_concerned)}</button>
                            </ActionForm>
                        })}
                    </div>
                    })}
                    {(!piece.editable).then(|| view! {
                        <p class="piece-note">{if piece.held_by_other { t_string!(i18n, pieces.held_by_other) } else { t_string!(i18n, pieces.frozen) }}</p>
                    })}
                    <div id=message_id aria-live="polite">
                        {move || progress.get().map(|p| view! {
                            <progress max="100" value=format!("{:.0}", p * 100.0) aria-label=move || t_string!(i18n, pieces.sending)></progress>
                        })}
                        {move || problem.get().filter(|(p, _)| *p == piece_id).map(|(_, e)| view! { <p class="field-error" role="alert">{error_text(&e)}</p> })}
                        // Said while the piece has its file: a later plain post
                        // ("Supprimer") comes back to the same address.
                        {move || (has_file && received.get() == Some(piece_id)).then(|| view! { <p class="piece-sent" role="status">{t!(i18n, pieces.sent)}</p> })}
                    </div>
                }
                .into_any()
            })
        }),
    )
}

/// A file input in its own plain form, for the page before the WASM (or
/// without it): its label, the browser's file input, "Envoyer". Once
/// hydrated, the stylesheet hides the input behind its label, which looks
/// like a button, and "Envoyer": a file picked goes at once, through
/// `on_files` (several files at once; on a phone the camera is offered).
#[component]
fn FilePicker(
    id: String,
    action: String,
    described_by: String,
    label: String,
    text: String,
    on_files: Callback<leptos::ev::Event>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input = NodeRef::<leptos::html::Input>::new();
    // Hydrated, a submission (none is offered) goes the WASM's way too.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        if let (Some(input), Ok(change)) = (input.get(), web_sys::Event::new("change")) {
            let _ = input.dispatch_event(&change);
        }
    };
    view! {
        <form class="piece-upload" method="post" enctype="multipart/form-data" action=action on:submit=on_submit>
            <label for=id.clone() class="button button-secondary file-button">
                {text}
                <span class="visually-hidden">{format!("{}{label}", current().colon())}</span>
            </label>
            <input type="file" name=FILE_FIELD id=id class="file-input" multiple required accept="application/pdf,image/jpeg,.pdf,.jpg,.jpeg"
                aria-describedby=described_by node_ref=input on:change=move |ev| on_files.run(ev)/>
            <button type="submit" class="button upload-send">
                {t!(i18n, pieces.send)}
                <span class="visually-hidden">{format!("{}{label}", current().colon())}</span>
            </button>
        </form>
    }
}

#[component]
fn Transmit(application: i64, ready: bool, transmit: ServerAction<TransmitApplication>) -> impl IntoView {
    let i18n = use_i18n();
    let result: Signal<_> = transmit.value().into();
    let asking = RwSignal::new(false);
    view! {
        <FormOutcome result=result/>
        {(!ready).then(|| view! { <p class="hint" id="transmettre-aide">{t!(i18n, pieces.transmit_missing)}</p> })}
        <p>
            <button type="button" class="button" disabled=!ready aria-describedby=(!ready).then_some("transmettre-aide")
                on:click=move |_| asking.set(true)>{t!(i18n, pieces.transmit)}</button>
        </p>
        {move || asking.get().then(|| view! {
            <ConfirmDialog title=tr!(i18n, pieces.transmit_title) on_close=Callback::new(move |_| asking.set(false))>
                <p id="confirmation-texte"><strong>{t!(i18n, pieces.transmit_text)}</strong></p>
                <ActionForm action=transmit>
                    <input type="hidden" name="application" value=application/>
                    <div class="actions">
                        <button type="button" class="button button-secondary" on:click=move |_| asking.set(false)>{t!(i18n, pieces.transmit_no)}</button>
                        <button type="submit" class="button" disabled=move || transmit.pending().get()>{t!(i18n, pieces.transmit_yes)}</button>
                    </div>
                </ActionForm>
            </ConfirmDialog>
        })}
    }
}
