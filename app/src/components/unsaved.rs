//! "Leaving a form with unsaved changes warns": once something is typed in
//! a form marked `data-garde`, following a link asks for confirmation and
//! closing or reloading the tab makes the browser ask. Saving clears the
//! mark; a refused save sets it again (nothing was saved).

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;

    use leptos::prelude::{document, window};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    thread_local! {
        static DIRTY: Cell<bool> = const { Cell::new(false) };
        static LAST_SUBMIT_GUARDED: Cell<bool> = const { Cell::new(false) };
    }

    pub fn dirty() -> bool {
        DIRTY.with(Cell::get)
    }

    pub fn set_dirty(value: bool) {
        DIRTY.with(|d| d.set(value));
    }

    pub fn submission_refused() {
        if LAST_SUBMIT_GUARDED.with(Cell::get) {
            set_dirty(true);
        }
    }

    fn in_guarded_form(event: &web_sys::Event) -> bool {
        event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("form[data-garde]").ok().flatten())
            .is_some()
    }

    fn listen<E: JsCast + 'static>(
        target: &web_sys::EventTarget,
        name: &str,
        capture: bool,
        handler: impl Fn(E) + 'static,
    ) {
        let closure =
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| handler(event.unchecked_into::<E>()));
        let _ = target.add_event_listener_with_callback_and_bool(name, closure.as_ref().unchecked_ref(), capture);
        closure.forget();
    }

    pub fn install(message: String) {
        let doc: web_sys::EventTarget = document().into();
        for name in ["input", "change"] {
            listen(&doc, name, true, |event: web_sys::Event| {
                if in_guarded_form(&event) {
                    set_dirty(true);
                }
            });
        }
        listen(&doc, "submit", true, |event: web_sys::Event| {
            let guarded = in_guarded_form(&event);
            LAST_SUBMIT_GUARDED.with(|g| g.set(guarded));
            if guarded {
                set_dirty(false);
            }
        });
        listen(&doc, "click", true, move |event: web_sys::MouseEvent| {
            if !dirty() {
                return;
            }
            let link = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten());
            if link.is_none() {
                return;
            }
            if window().confirm_with_message(&message).unwrap_or(true) {
                set_dirty(false);
            } else {
                event.prevent_default();
                event.stop_propagation();
            }
        });
        let win: web_sys::EventTarget = window().into();
        listen(&win, "beforeunload", false, |event: web_sys::BeforeUnloadEvent| {
            if dirty() {
                event.prevent_default();
                event.set_return_value("unsaved");
            }
        });
    }
}

/// Installs the listeners, once, in the browser (the root calls it).
pub fn install(_message: String) {
    #[cfg(feature = "hydrate")]
    browser::install(_message);
}

/// A guarded form's submission was refused: its changes are still unsaved.
pub fn submission_refused() {
    #[cfg(feature = "hydrate")]
    browser::submission_refused();
}
