//! The "Pièces justificatives" table of an application (guide 05.4) and
//! "Transmettre ma candidature". A file is checked in the browser by the
//! same rule the server applies (`domain::upload::check`: content, size),
//! then sent with a progress bar; the server checks it again.

use leptos::prelude::*;

use crate::api::pieces::{download_path, load_pieces, AnswerPiece, PieceLine, PiecesView, TransmitApplication};
use crate::components::messages::{error_text, format_size, FormOutcome};
use crate::domain::pieces::PieceStatus;
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::applications::ConfirmDialog;
use crate::pages::dossier::loaded;

pub fn piece_status_text(status: PieceStatus) -> String {
    let i18n = use_i18n();
    match status {
        PieceStatus::EnAttente => t_string!(i18n, pieces.status_en_attente),
        PieceStatus::Transmise => t_string!(i18n, pieces.status_transmise),
        PieceStatus::Validee => t_string!(i18n, pieces.status_validee),
        PieceStatus::Refusee => t_string!(i18n, pieces.status_refusee),
        PieceStatus::NonConcerne => t_string!(i18n, pieces.status_non_concerne),
    }
    .to_string()
}

#[component]
pub fn PiecesSection(application: i64) -> impl IntoView {
    let i18n = use_i18n();
    let answer = ServerAction::<AnswerPiece>::new();
    let (uploads, set_uploads) = signal(0u32);
    let view_data = Resource::new(move || (uploads.get(), answer.version().get()), move |_| load_pieces(application));
    let refresh = Callback::new(move |_: ()| {
        set_uploads.try_update(|n| *n += 1);
    });
    view! {
        <section class="card" aria-labelledby="pieces-titre">
            <h2 id="pieces-titre">{t!(i18n, pieces.title)}</h2>
            {loaded(view_data, move |v| view! { <PiecesTable application=application data=v answer=answer refresh=refresh/> }.into_any())}
        </section>
    }
}

#[component]
fn PiecesTable(application: i64, data: PiecesView, answer: ServerAction<AnswerPiece>, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let answer_result: Signal<_> = answer.value().into();
    let max = data.max_bytes;
    let editable = data.editable;
    if data.pieces.is_empty() {
        return view! { <p>{t!(i18n, pieces.none)}</p> }.into_any();
    }
    view! {
        {editable.then(|| view! { <p class="hint">{t_string!(i18n, pieces.accepted, max = format_size(max)).to_string()}</p> })}
        <FormOutcome result=answer_result/>
        <div class="table-scroll">
            <table class="stack-on-phone pieces">
                <thead><tr>
                    <th scope="col">{t!(i18n, pieces.col_piece)}</th>
                    <th scope="col">{t!(i18n, pieces.col_file)}</th>
                    <th scope="col">{t!(i18n, pieces.col_status)}</th>
                    <th scope="col">{t!(i18n, pieces.col_comment)}</th>
                    {editable.then(|| view! { <th scope="col">{t!(i18n, pieces.col_actions)}</th> })}
                </tr></thead>
                <tbody>
                    {data.pieces.into_iter().map(|p| view! { <PieceRow application=application piece=p editable=editable max=max answer=answer refresh=refresh/> }).collect_view()}
                </tbody>
            </table>
        </div>
        {editable.then(|| view! { <Transmit application=application ready=data.may_transmit/> })}
    }
    .into_any()
}

#[component]
fn PieceRow(application: i64, piece: PieceLine, editable: bool, max: u64, answer: ServerAction<AnswerPiece>, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let (progress, set_progress) = signal(None::<f64>);
    let (problem, set_problem) = signal(None::<AppError>);
    let input_id = format!("fichier-{}", piece.piece_id);
    let message_id = format!("fichier-{}-message", piece.piece_id);
    let label = piece.label.clone();
    let piece_id = piece.piece_id;
    // One way in for a file, whether picked or dropped on the row.
    #[cfg(feature = "hydrate")]
    let start = move |file: web_sys::File| {
        set_problem.set(None);
        set_progress.set(Some(0.0));
        leptos::task::spawn_local(async move {
            let outcome = upload::send(application, piece_id, file, max, move |fraction| {
                set_progress.try_set(Some(fraction));
            })
            .await;
            // The candidate may have left the page meanwhile: `try_` then.
            set_progress.try_set(None);
            match outcome {
                Ok(()) => refresh.run(()),
                Err(error) => {
                    set_problem.try_set(Some(error));
                }
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let input: web_sys::HtmlInputElement = ev.target().expect("an input").unchecked_into();
            if let Some(file) = input.files().and_then(|list| list.get(0)) {
                input.set_value("");
                start(file);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, max, refresh, set_problem, set_progress);
    };
    let (dragging, set_dragging) = signal(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        set_dragging.set(false);
        #[cfg(feature = "hydrate")]
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|list| list.get(0)) {
            start(file);
        }
    };
    let has_file = piece.file_id.is_some();
    let delete_label = format!("{} : {}", t_string!(i18n, pieces.delete), piece.label);
    let not_concerned_label = format!("{} : {}", t_string!(i18n, pieces.not_concerned), piece.label);
    let conditional = !piece.required;
    let kind_note = if piece.required { t_string!(i18n, pieces.required) } else { t_string!(i18n, pieces.conditional) }.to_string();
    view! {
        <tr class:drop-target=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| if editable { ev.prevent_default(); set_dragging.set(true); }
            on:dragleave=move |_| set_dragging.set(false)
            on:drop=move |ev| if editable { on_drop(ev) }>
            <th scope="row" data-label=tr!(i18n, pieces.col_piece)>
                {piece.label.clone()}
                <span class="piece-note">{format!("({kind_note}{})", if piece.common { format!(", {}", t_string!(i18n, pieces.common)) } else { String::new() })}</span>
            </th>
            <td data-label=tr!(i18n, pieces.col_file)>
                {piece.file_id.map(|f| view! {
                    <a href=download_path(f) download=piece.file_name.clone().unwrap_or_default()
                        aria-label=format!("{} : {}", t_string!(i18n, pieces.download), piece.file_name.clone().unwrap_or_default())>
                        {piece.file_name.clone().unwrap_or_default()}
                    </a>
                })}
            </td>
            <td data-label=tr!(i18n, pieces.col_status)><span class="piece-status">{piece_status_text(piece.status)}</span></td>
            <td data-label=tr!(i18n, pieces.col_comment)>{piece.comment.clone()}</td>
            {editable.then(|| view! {
                <td data-label=tr!(i18n, pieces.col_actions)>
                    <div class="row-actions">
                        <input type="file" id=input_id.clone() class="visually-hidden file-input" accept="application/pdf,image/jpeg,.pdf,.jpg,.jpeg"
                            aria-describedby=message_id.clone() on:change=on_file/>
                        <label for=input_id.clone() class="button button-secondary file-button">
                            {if has_file { t!(i18n, pieces.replace).into_any() } else { t!(i18n, pieces.add).into_any() }}
                            <span class="visually-hidden">{format!(" : {label}")}</span>
                        </label>
                        {has_file.then(|| view! {
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
                    <div id=message_id aria-live="polite">
                        {move || progress.get().map(|p| view! {
                            <progress max="100" value=format!("{:.0}", p * 100.0) aria-label=move || t_string!(i18n, pieces.sending)></progress>
                        })}
                        {move || problem.get().map(|e| view! { <p class="field-error" role="alert">{error_text(&e)}</p> })}
                    </div>
                </td>
            })}
        </tr>
    }
}

#[component]
fn Transmit(application: i64, ready: bool) -> impl IntoView {
    let i18n = use_i18n();
    let transmit = ServerAction::<TransmitApplication>::new();
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

#[cfg(feature = "hydrate")]
mod upload {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    use crate::api::pieces::upload_path;
    use crate::domain::upload::{check, SNIFF_BYTES};
    use crate::error::AppError;

    fn js(_: wasm_bindgen::JsValue) -> AppError {
        AppError::Internal
    }

    /// Checks the file as the server will, then POSTs it, reporting progress.
    pub async fn send(application: i64, piece: i64, file: web_sys::File, max: u64, on_progress: impl Fn(f64) + 'static) -> Result<(), AppError> {
        let size = file.size() as u64;
        let head_blob = file.slice_with_i32_and_i32(0, SNIFF_BYTES as i32).map_err(js)?;
        let head = gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(head_blob)).await.map_err(|_| AppError::Internal)?;
        check(&head, size, max).map_err(AppError::FileRefused)?;

        let xhr = web_sys::XmlHttpRequest::new().map_err(js)?;
        xhr.open("POST", &upload_path(application, piece)).map_err(js)?;
        let name = js_sys::encode_uri_component(&file.name()).as_string().unwrap_or_default();
        xhr.set_request_header("X-Nom-Fichier", &name).map_err(js)?;
        let progress = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                on_progress(ev.loaded() / ev.total());
            }
        });
        xhr.upload().map_err(js)?.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        let done = js_sys::Promise::new(&mut |resolve, reject| {
            xhr.set_onload(Some(&resolve));
            xhr.set_onerror(Some(&reject));
            xhr.set_onabort(Some(&reject));
        });
        xhr.send_with_opt_blob(Some(&file)).map_err(js)?;
        let sent = wasm_bindgen_futures::JsFuture::from(done).await;
        drop(progress);
        if sent.is_err() {
            return Err(AppError::Internal);
        }
        match xhr.status().unwrap_or(0) {
            200..=299 => Ok(()),
            _ => {
                let body = xhr.response_text().ok().flatten().unwrap_or_default();
                Err(serde_json::from_str::<AppError>(&body).unwrap_or(AppError::Internal))
            }
        }
    }
}
