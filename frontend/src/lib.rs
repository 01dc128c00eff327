//! The WASM entry: hydrates the server-rendered page.
//!
//! Each screen is a piece of the bundle loaded when needed (lazy routes,
//! `app::screens`): hydration waits for the open screen's piece, then marks
//! the page interactive (the end-to-end tests wait for the mark).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await.forget();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
