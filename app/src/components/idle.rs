//! The idle-timeout warning: five minutes before the server ends an idle
//! session (45 minutes), a dialog offers to stay signed in. Keyboard
//! usable: focus goes to its button, stays in the dialog, and returns to
//! where it was when the dialog closes.

use leptos::prelude::*;

use crate::api::session::keep_alive;
use crate::i18n::*;

/// Seconds of inactivity before the warning (the server ends at 45 min).
pub const WARN_AFTER: u64 = 40 * 60;

#[component]
pub fn IdleWarning() -> impl IntoView {
    let i18n = use_i18n();
    let (open, set_open) = signal(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let stay = Action::new(|_: &()| keep_alive());

    // Only the browser keeps time; each activity restarts the countdown.
    #[cfg(feature = "hydrate")]
    {
        use std::time::Duration;
        use wasm_bindgen::JsCast;
        let handle = StoredValue::new(None::<TimeoutHandle>);
        // Where the focus was when the dialog opened; it goes back there on close.
        let previous = StoredValue::new_local(None::<web_sys::HtmlElement>);
        let arm = move || {
            if let Some(h) = handle.get_value() {
                h.clear();
            }
            let open_dialog = move || {
                previous.set_value(document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()));
                set_open.set(true);
            };
            handle.set_value(set_timeout_with_handle(open_dialog, Duration::from_secs(WARN_AFTER)).ok());
        };
        let location = leptos_router::hooks::use_location();
        Effect::new(move |_| {
            location.pathname.track();
            stay.version().track();
            arm();
        });
        Effect::new(move |was_open: Option<bool>| {
            let is_open = open.get();
            if is_open {
                if let Some(b) = button.get() {
                    let _ = b.focus();
                }
            } else if was_open == Some(true) {
                // Back where it was, or to the main content when that element
                // is gone (the header drawn again meanwhile).
                crate::components::dialog::focus_back(previous.get_value());
            }
            is_open
        });
    }
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(alive)) = stay.value().get() {
            set_open.set(false);
            if !alive {
                navigate("/connexion", Default::default());
            }
        }
    });

    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop">
                <div
                    class="dialog"
                    role="alertdialog"
                    aria-modal="true"
                    aria-labelledby="inactivite-titre"
                    aria-describedby="inactivite-texte"
                    on:keydown=move |ev| {
                        // A single control: Tab keeps the focus on it.
                        if ev.key() == "Tab" {
                            ev.prevent_default();
                        }
                        if ev.key() == "Escape" {
                            stay.dispatch(());
                        }
                    }
                >
                    <h2 id="inactivite-titre">{t!(i18n, idle.title)}</h2>
                    <p id="inactivite-texte">{t!(i18n, idle.text)}</p>
                    <button type="button" class="button" node_ref=button on:click=move |_| { stay.dispatch(()); }>
                        {t!(i18n, idle.stay)}
                    </button>
                </div>
            </div>
        </Show>
    }
}
