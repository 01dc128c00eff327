//! A labelled form field whose message is tied to it (`aria-describedby`).

use leptos::prelude::*;

use super::messages::problem_text;
use crate::domain::Problem;
use crate::error::AppError;

/// Counts the successful submissions of a form: what to reload data on, so
/// that a refused submission keeps what the person typed.
pub fn successes<T: Send + Sync + 'static>(result: Signal<Option<Result<T, AppError>>>) -> ReadSignal<u32> {
    let (count, set_count) = signal(0u32);
    Effect::new(move |_| {
        if result.with(|r| matches!(r, Some(Ok(_)))) {
            set_count.update(|n| *n += 1);
        }
    });
    count
}

/// Counts the answers after which a page shows fresh data: all but a form
/// refused field by field (`Invalid`), which keeps what was typed and its
/// messages. A conflict or a refusal by the rules does reload, so the page
/// shows what changed meanwhile.
pub fn settled<T: Send + Sync + 'static>(result: Signal<Option<Result<T, AppError>>>) -> ReadSignal<u32> {
    let (count, set_count) = signal(0u32);
    Effect::new(move |_| {
        if result.with(|r| r.is_some() && !matches!(r, Some(Err(AppError::Invalid(_))))) {
            set_count.update(|n| *n += 1);
        }
    });
    count
}

/// The problem the last submission reported for `field`, if any.
pub fn field_problem<T: Send + Sync + 'static>(
    result: Signal<Option<Result<T, AppError>>>,
    field: &'static str,
) -> Signal<Option<Problem>> {
    Signal::derive(move || {
        result.with(|r| r.as_ref().and_then(|r| r.as_ref().err()).and_then(|e| e.field(field).cloned()))
    })
}

/// The ids that describe a control: its hint, extra ids, and its message
/// when there is one.
pub(crate) fn described_by(
    id: &'static str,
    has_hint: bool,
    extra: Option<&'static str>,
    problem: Signal<Option<Problem>>,
) -> impl Fn() -> Option<String> + Clone {
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-aide"));
        }
        if let Some(extra) = extra {
            ids.push(extra.to_owned());
        }
        if problem.with(Option::is_some) {
            ids.push(format!("{id}-erreur"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// Label, hint and message around a control (whose id is `id`).
#[component]
pub(crate) fn FieldShell(
    id: &'static str,
    label: Signal<String>,
    required: bool,
    problem: Signal<Option<Problem>>,
    hint: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || problem.with(Option::is_some)>
            <label for=id>
                {move || label.get()}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-aide")>{move || hint.get()}</p> })}
            {children()}
            <p class="field-error" id=format!("{id}-erreur") aria-live="polite">
                {move || problem.get().map(|p| view! { <span class="error-icon" aria-hidden="true">"⚠ "</span> {problem_text(&p)} })}
            </p>
        </div>
    }
}

#[component]
pub fn Field(
    /// The name the server function reads, also the id.
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(default = true)] required: bool,
    #[prop(into, optional)] problem: Signal<Option<Problem>>,
    /// Extra help, shown under the label and read with the field.
    #[prop(into, optional)]
    hint: Option<Signal<String>>,
    /// Further element ids describing the field (e.g. a rules list).
    #[prop(optional)]
    described_by: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] on_input: Option<Callback<String>>,
    /// When one page has two fields of one name (defaults to `name`).
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let id = id.unwrap_or(name);
    let describedby = self::described_by(id, hint.is_some(), described_by, problem);
    view! {
        <FieldShell id=id label=label required=required problem=problem hint=hint>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                aria-required=required.then_some("true")
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                aria-describedby=describedby.clone()
                value=value.clone()
                on:input=move |ev| {
                    if let Some(cb) = on_input {
                        cb.run(event_target_value(&ev));
                    }
                }
            />
        </FieldShell>
    }
}

/// A choice among fixed options, as a native `<select>` (keyboard type-ahead
/// built in).
#[component]
pub fn SelectField(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] selected: String,
    #[prop(default = true)] required: bool,
    #[prop(into, optional)] problem: Signal<Option<Problem>>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
    /// The first, empty option's text.
    #[prop(into)]
    placeholder: Signal<String>,
    #[prop(optional)] on_change: Option<Callback<String>>,
) -> impl IntoView {
    let describedby = described_by(name, hint.is_some(), None, problem);
    view! {
        <FieldShell id=name label=label required=required problem=problem hint=hint>
            <select
                id=name
                name=name
                required=required
                aria-required=required.then_some("true")
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                aria-describedby=describedby.clone()
                on:change=move |ev| {
                    if let Some(cb) = on_change {
                        cb.run(event_target_value(&ev));
                    }
                }
            >
                <option value="" selected=selected.is_empty()>{move || placeholder.get()}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| {
                            let is = code == selected;
                            view! { <option value=code selected=is>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </FieldShell>
    }
}

/// The form's buttons: an optional way out, then the submit button, which
/// is disabled while the submission is under way (a double click submits once).
#[component]
pub fn SubmitButton(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="actions">
            {children.map(|c| c())}
            <button type="submit" class="button" disabled=move || pending.get()>{move || label.get()}</button>
        </div>
    }
}
