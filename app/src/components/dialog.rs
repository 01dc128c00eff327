//! A modal dialog: announced (`role="dialog"`, `aria-modal`, labelled and
//! described), the rest of the page made `inert` by the caller, focus moved
//! into it on open, kept inside it with Tab and Shift+Tab, and given back to
//! the element that opened it when it closes (the page's main region when
//! that element is gone).

use leptos::prelude::*;

/// Gives the focus back to `element` when it is still on the page, else to
/// the page's main region: never to nowhere (a dialog that closes, a
/// warning that goes away).
#[cfg(feature = "hydrate")]
pub fn focus_back(element: Option<web_sys::HtmlElement>) {
    use wasm_bindgen::JsCast;
    let main = || document().get_element_by_id("contenu").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(target) = element.filter(|e| e.is_connected()).or_else(main) {
        let _ = target.focus();
    }
}

#[component]
pub fn Modal(
    /// Id of the element holding the dialog's title.
    labelled_by: &'static str,
    /// Id of the element holding its explanation.
    described_by: &'static str,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Div>::new();

    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let focusables = move || -> Vec<web_sys::HtmlElement> {
            let Some(root) = dialog.get_untracked() else { return Vec::new() };
            let Ok(list) = root.query_selector_all("input:not([type=hidden]), button, select, textarea, a[href]")
            else {
                return Vec::new();
            };
            (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok()).collect()
        };
        // The element that had the focus when the dialog opened (the button
        // that opened it): it gets the focus back when the dialog closes.
        let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
        Effect::new(move |_| {
            if dialog.get().is_some() {
                if opener.with_value(Option::is_none) {
                    opener
                        .set_value(document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()));
                }
                if let Some(first) = focusables().first() {
                    let _ = first.focus();
                }
            }
        });
        on_cleanup(move || focus_back(opener.try_with_value(|o| o.clone()).flatten()));
        let trap = move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() != "Tab" {
                return;
            }
            let items = focusables();
            let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
            let active = document().active_element();
            let at = |el: &web_sys::HtmlElement| {
                active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
            };
            if ev.shift_key() && at(first) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && at(last) {
                ev.prevent_default();
                let _ = first.focus();
            }
        };
        return view! {
            <div class="dialog-backdrop">
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby=labelled_by aria-describedby=described_by
                    node_ref=dialog on:keydown=trap>
                    {children()}
                </div>
            </div>
        }
        .into_any();
    }

    #[allow(unreachable_code)]
    view! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby=labelled_by aria-describedby=described_by node_ref=dialog>
                {children()}
            </div>
        </div>
    }
    .into_any()
}

/// A confirmation: a modal titled `title`, described by the element with id
/// `confirmation-texte`, closed by Escape or by `on_close`.
#[component]
pub fn ConfirmDialog(#[prop(into)] title: Signal<String>, on_close: Callback<()>, children: Children) -> impl IntoView {
    view! {
        <div on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { on_close.run(()) }>
            <Modal labelled_by="confirmation-titre" described_by="confirmation-texte">
                <h2 id="confirmation-titre">{move || title.get()}</h2>
                {children()}
            </Modal>
        </div>
    }
}
