//! A type-ahead over a server-side list (communes, countries), after the
//! WAI-ARIA "combobox with list autocomplete" pattern: the candidate types,
//! the server suggests (`api::reference::lookup`), arrows move through the
//! suggestions, Enter or a click picks one, Escape closes the list (a
//! second Escape clears the field). The chosen code travels in a hidden
//! input named `name`; the server checks it again on save. Suggestions
//! come in the page's language (countries named in English on an English
//! page; the code sent stays the same).

use leptos::prelude::*;

use super::field::FieldShell;
use crate::api::reference::lookup;
use crate::domain::language::Language;
use crate::domain::lookup::{sole_exact, Suggestion};
use crate::domain::Problem;
use crate::i18n::*;
use crate::views::reference::List;

#[component]
pub fn Combobox(
    /// The name the server function reads (the code), also the input's id.
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    list: List,
    /// Limits the search (a département for communes); when it changes, the
    /// choice is cleared.
    #[prop(into, optional)]
    scope: Option<Signal<String>>,
    /// The saved code and the label shown for it.
    #[prop(optional, into)]
    code: String,
    #[prop(optional, into)] text: String,
    #[prop(default = true)] required: bool,
    #[prop(into, optional)] problem: Signal<Option<Problem>>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    /// The typed text itself is the value (named `name`); the list only
    /// suggests (establishments: one outside the directory may be typed).
    #[prop(optional)]
    free_text: bool,
    /// Told the chosen code whenever it changes (another field's scope).
    #[prop(optional)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let listbox_id = format!("{name}-liste");
    let option_id = move |i: usize| format!("{name}-option-{i}");
    let initial_text = text.clone();
    let (chosen, set_chosen) = signal(code);
    let (typed, set_typed) = signal(text);
    let (open, set_open) = signal(false);
    let (active, set_active) = signal(None::<usize>);
    let scope = scope.unwrap_or_else(|| Signal::stored(String::new()));
    if let Some(callback) = on_change {
        Effect::new(move |first: Option<()>| {
            let code = chosen.get();
            if first.is_some() {
                callback.run(code);
            }
        });
    }

    // Asked of the server as the candidate types; only the answer to the
    // latest request is kept. (Not a resource: a resource read under the
    // page's <Suspense> would swap the form out while loading, and the
    // field would lose the focus.)
    let (items, set_items) = signal(Vec::<Suggestion>::new());
    let (answered, set_answered) = signal(false);
    let generation = StoredValue::new(0u64);
    let fetch = move || {
        let n = generation.get_value() + 1;
        generation.set_value(n);
        set_answered.set(false);
        let (q, scope) = (typed.get_untracked(), scope.get_untracked());
        let language = Language::from_code(i18n.get_locale_untracked().as_str()).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let found = lookup(list.code().to_owned(), q, Some(scope), Some(language.code().to_owned()))
                .await
                .unwrap_or_default();
            // The page may be gone by now (the form was sent): `try_` then.
            if generation.try_get_value() == Some(n) {
                set_items.try_set(found);
                set_answered.try_set(true);
            }
        });
    };
    // View closures read with `try_`: when the page goes (a form sent, a
    // link followed) a last update may reach them after their signals were
    // disposed, and a panic there would stop the whole app.
    let expanded = move || open.try_get().unwrap_or(false) && items.try_with(|s| !s.is_empty()).unwrap_or(false);

    // A new scope (another département) makes the choice meaningless.
    Effect::new(move |previous: Option<String>| {
        let now = scope.get();
        if previous.is_some_and(|p| p != now) {
            set_chosen.set(String::new());
            set_typed.set(String::new());
            set_items.set(Vec::new());
        }
        now
    });

    let pick = move |s: Suggestion| {
        set_chosen.set(s.code);
        set_typed.set(s.label);
        set_open.set(false);
        set_active.set(None);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = items.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if !open.get() {
                    set_open.set(true);
                    fetch();
                }
                if n > 0 {
                    set_active.set(Some(active.get().map_or(0, |i| (i + 1) % n)));
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                if n > 0 {
                    set_active.set(Some(active.get().map_or(n - 1, |i| (i + n - 1) % n)));
                }
            }
            "Enter" => {
                if let Some(s) =
                    active.get().filter(|_| expanded()).and_then(|i| items.with(|list| list.get(i).cloned()))
                {
                    ev.prevent_default();
                    pick(s);
                }
            }
            "Escape" => {
                if expanded() {
                    ev.prevent_default();
                    set_open.set(false);
                    set_active.set(None);
                } else if !typed.with(String::is_empty) {
                    ev.prevent_default();
                    set_typed.set(String::new());
                    set_chosen.set(String::new());
                }
            }
            _ => {}
        }
    };
    let status = move || {
        if !open.try_get().unwrap_or(false) {
            return String::new();
        }
        match items.try_with(Vec::len).unwrap_or(0) {
            0 if typed.try_with(|t| !t.trim().is_empty()).unwrap_or(false) && answered.try_get().unwrap_or(false) => {
                t_string!(i18n, combobox.none).to_string()
            }
            0 => String::new(),
            n => t_string!(i18n, combobox.count, count = n).to_string(),
        }
    };
    view! {
        <FieldShell id=name label=label required=required problem=problem hint=hint>
            <div class="combobox">
                <input
                    id=name
                    name=free_text.then_some(name)
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=listbox_id.clone()
                    aria-expanded=move || if expanded() { "true" } else { "false" }
                    aria-activedescendant=move || active.try_get().flatten().filter(|_| expanded()).map(option_id)
                    aria-required=required.then_some("true")
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    aria-describedby=super::field::described_by(name, hint.is_some(), None, problem)
                    value=initial_text
                    prop:value=move || typed.try_get().unwrap_or_default()
                    on:input=move |ev| {
                        set_typed.set(event_target_value(&ev));
                        set_chosen.set(String::new());
                        set_active.set(None);
                        set_open.set(true);
                        fetch();
                    }
                    on:keydown=on_keydown
                    on:blur=move |_ev| {
                        // Leaving the page removes the field, which blurs it:
                        // its signals are being disposed then, touch nothing.
                        #[cfg(feature = "hydrate")]
                        {
                            use wasm_bindgen::JsCast;
                            let connected = _ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()).is_some_and(|n| n.is_connected());
                            if !connected {
                                return;
                            }
                        }
                        // A whole name typed without picking: take it when unambiguous.
                        if !free_text && chosen.with(String::is_empty) {
                            if let Some(s) = items.with(|list| typed.with(|t| sole_exact(list, t).cloned())) {
                                pick(s);
                            }
                        }
                        set_open.set(false);
                        set_active.set(None);
                    }
                />
                {(!free_text).then(|| view! { <input type="hidden" name=name prop:value=move || chosen.try_get().unwrap_or_default() value=chosen.get_untracked()/> })}
                <ul id=listbox_id role="listbox" class="combobox-list" aria-label=move || label.get() hidden=move || !expanded()>
                    {move || {
                        items
                            .try_get()
                            .unwrap_or_default()
                            .into_iter()
                            .enumerate()
                            .map(|(i, s)| {
                                let chosen_now = s.clone();
                                view! {
                                    <li
                                        id=option_id(i)
                                        role="option"
                                        class="combobox-option"
                                        aria-selected=move || if active.try_get().flatten() == Some(i) { "true" } else { "false" }
                                        // Keep the focus in the field while the pointer picks.
                                        on:mousedown=|ev| ev.prevent_default()
                                        on:click=move |_| pick(chosen_now.clone())
                                    >
                                        <span class="combobox-label">{s.label}</span>
                                        {(!s.detail.is_empty()).then(|| view! { <span class="combobox-detail">{s.detail}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
            </div>
        </FieldShell>
    }
}
