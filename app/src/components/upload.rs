//! The upload sender of pièces justificatives (browser only): the file
//! checked as the server will check it (a photo too heavy is first
//! downscaled), then POSTed with XMLHttpRequest so that a progress bar can
//! follow it. The page without WASM posts the same route from a form.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::upload::{check, kind_of, FileKind, UploadProblem, SNIFF_BYTES};
use crate::error::AppError;

/// A browser API refused: the cause goes to the console, the candidate
/// reads the generic message.
fn js(cause: JsValue) -> AppError {
    web_sys::console::error_2(&JsValue::from_str("Sésame, envoi du fichier :"), &cause);
    AppError::Internal
}

/// A browser object that should be there is not.
fn missing(what: &str) -> AppError {
    web_sys::console::error_1(&JsValue::from_str(&format!("Sésame, envoi du fichier : {what} absent")));
    AppError::Internal
}

pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

/// Checks the file as the server will (a photo too heavy is first
/// downscaled), then POSTs it, reporting progress.
pub async fn send(
    path: String,
    file: web_sys::File,
    max: u64,
    on_progress: impl Fn(f64) + 'static,
) -> Result<(), AppError> {
    let name = file.name();
    let head_blob = file.slice_with_i32_and_i32(0, SNIFF_BYTES as i32).map_err(js)?;
    let head = gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(head_blob))
        .await
        .map_err(|error| js(JsValue::from_str(&error.to_string())))?;
    let blob: web_sys::Blob = if kind_of(&head) == Some(FileKind::Jpeg) && file.size() as u64 > max {
        downscale(&file, max).await?
    } else {
        file.into()
    };
    check(&head, blob.size() as u64, max).map_err(AppError::FileRefused)?;

    let xhr = web_sys::XmlHttpRequest::new().map_err(js)?;
    xhr.open("POST", &path).map_err(js)?;
    let name = js_sys::encode_uri_component(&name).as_string().unwrap_or_default();
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
    xhr.send_with_opt_blob(Some(&blob)).map_err(js)?;
    let sent = JsFuture::from(done).await;
    drop(progress);
    if sent.is_err() {
        return Err(AppError::Internal);
    }
    match xhr.status().unwrap_or(0) {
        200..=299 => Ok(()),
        _ => {
            let body = xhr.response_text().ok().flatten().unwrap_or_default();
            Err(serde_json::from_str::<AppError>(&body).unwrap_or_else(|_| js(JsValue::from_str(&body))))
        }
    }
}

/// A photo re-encoded smaller (the longest side at A4 300 dpi, then
/// less) until it fits `max`; the browser turns it upright as it reads
/// its EXIF orientation.
async fn downscale(file: &web_sys::File, max: u64) -> Result<web_sys::Blob, AppError> {
    let window = web_sys::window().ok_or_else(|| missing("window"))?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(file).map_err(js)?)
        .await
        .map_err(|_| AppError::FileRefused(UploadProblem::Unreadable))?
        .unchecked_into();
    let (w, h) = (bitmap.width() as f64, bitmap.height() as f64);
    let document = window.document().ok_or_else(|| missing("document"))?;
    for longest in [3508.0, 2480.0, 1754.0, 1240.0] {
        let scale = (longest / w.max(h)).min(1.0);
        let (cw, ch) = ((w * scale).round().max(1.0), (h * scale).round().max(1.0));
        let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").map_err(js)?.unchecked_into();
        canvas.set_width(cw as u32);
        canvas.set_height(ch as u32);
        let context: web_sys::CanvasRenderingContext2d =
            canvas.get_context("2d").map_err(js)?.ok_or_else(|| missing("canvas 2d"))?.unchecked_into();
        context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, cw, ch).map_err(js)?;
        let blob = jpeg_of(&canvas).await?;
        if blob.size() as u64 <= max {
            return Ok(blob);
        }
    }
    Err(AppError::FileRefused(UploadProblem::TooLarge { max }))
}

async fn jpeg_of(canvas: &web_sys::HtmlCanvasElement) -> Result<web_sys::Blob, AppError> {
    let mut failed = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if let Err(error) =
            canvas.to_blob_with_type_and_encoder_options(done.unchecked_ref(), "image/jpeg", &JsValue::from_f64(0.85))
        {
            failed = Some(error);
        }
    });
    if let Some(error) = failed {
        return Err(js(error));
    }
    let blob = JsFuture::from(promise).await.map_err(js)?;
    blob.dyn_into::<web_sys::Blob>().map_err(js)
}
