//! `/gestion/modeles-mail`: the mails candidates and staff receive, their
//! text editable by admins in each language it is written in
//! (`?modele=<key>&langue=<fr|en>`), with a preview and a reset.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::mail_templates::{load_template, load_templates, SaveTemplate};
use crate::components::field::{field_problem, Field};
use crate::components::frame::PageTitle;
use crate::components::loading::loaded_or_sign_in;
use crate::components::messages::{problem_text, FormOutcome};
use crate::domain::language::Language;
use crate::i18n::*;
use crate::views::mail_templates::TemplateEdit;

const SIGN_IN: &str = "/gestion/connexion";

#[component]
pub fn MailTemplatesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let key = Memo::new(move |_| query.with(|q| q.get("modele")));
    // French unless the address names another language.
    let language = Memo::new(move |_| {
        query.with(|q| q.get("langue").and_then(|code| Language::from_code(&code)).unwrap_or_default())
    });
    let save = ServerAction::<SaveTemplate>::new();
    // Reload after a save or a reset, not after a preview (which keeps
    // what is being typed).
    let (saved, set_saved) = signal(0u32);
    Effect::new(move |_| {
        if let Some(Ok(None)) = save.value().get() {
            set_saved.update(|n| *n += 1);
        }
    });
    // Another template or language: the last preview and outcome were
    // about the text left, not this one.
    Effect::new(move |_| {
        key.track();
        language.track();
        save.value().set(None);
    });
    let list = Resource::new(move || saved.get(), |_| load_templates());
    let one = Resource::new(
        move || (key.get(), language.get(), saved.get()),
        |(key, language, _)| async move {
            match key {
                Some(key) => load_template(key, language.code().to_owned()).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <PageTitle text=tr!(i18n, templates.title)/>
        <p><a href="/gestion/configuration">{t!(i18n, config.back)}</a></p>
        <h1>{t!(i18n, templates.title)}</h1>
        <p>{t!(i18n, templates.intro)}</p>
        <p>{t!(i18n, templates.languages_intro)}</p>
        <div class="templates">
            <nav aria-label=tr!(i18n, templates.list)>
                {loaded_or_sign_in(list, SIGN_IN, move |lines| view! {
                    <ul class="plain-list template-list">
                        {lines.into_iter().map(|l| {
                            let this = key.get_untracked().as_deref() == Some(l.key.as_str());
                            let versions = l.versions.into_iter().enumerate().map(|(i, v)| {
                                let current = this && language.get_untracked() == v.language;
                                let href = format!("/gestion/modeles-mail?modele={}&langue={}#modele", l.key, v.language.code());
                                view! {
                                    {(i > 0).then_some(" · ")}
                                    // The template's name, read before the language's own name.
                                    <a href=href aria-current=current.then_some("page")>
                                        <span class="visually-hidden">{format!("{}, ", l.name)}</span>
                                        <span lang=v.language.code()>{v.language.name()}</span>
                                    </a>
                                    {v.edited.then(|| view! { " "<span class="badge">{t!(i18n, templates.edited)}</span> })}
                                }
                            }).collect_view();
                            view! {
                                <li>
                                    <span aria-hidden="true">{l.name.clone()}</span>" "{versions}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any())}
            </nav>
            {loaded_or_sign_in(one, SIGN_IN, move |t| match t {
                Some(t) => view! { <TemplateForm t=t save=save/> }.into_any(),
                None => view! { <p>{t!(i18n, templates.choose)}</p> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn TemplateForm(t: TemplateEdit, save: ServerAction<SaveTemplate>) -> impl IntoView {
    let i18n = use_i18n();
    let result: Signal<_> = save.value().into();
    let body_problem = field_problem(result, "body");
    let preview = move || result.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).cloned().flatten());
    let variables = t.variables.iter().map(|v| format!("{{{{{v}}}}}")).collect::<Vec<_>>().join(" ");
    let code = t.language.code();
    view! {
        <section class="card" aria-labelledby="modele">
            <h2 id="modele">{t.name.clone()}" — "<span lang=code>{t.language.name()}</span></h2>
            <p>{if t.edited { t_string!(i18n, templates.is_edited).to_string() } else { t_string!(i18n, templates.is_default).to_string() }}</p>
            <FormOutcome result=result/>
            <ActionForm action=save attr:class="form" attr:novalidate=true>
                <input type="hidden" name="key" value=t.key.clone()/>
                <input type="hidden" name="langue" value=code/>
                <Field name="subject" label=tr!(i18n, templates.subject) value=t.subject.clone() problem=field_problem(result, "subject")/>
                <div class="field" class:field-invalid=move || body_problem.with(Option::is_some)>
                    <label for="body">{t!(i18n, templates.body)}<span class="required" aria-hidden="true">" *"</span></label>
                    <p class="hint" id="body-aide">{t!(i18n, templates.variables)}" "<code>{variables}</code></p>
                    <textarea id="body" name="body" lang=code rows="14" required=true aria-describedby="body-aide body-erreur"
                        aria-invalid=move || body_problem.with(Option::is_some).then_some("true")>{t.body.clone()}</textarea>
                    <p class="field-error" id="body-erreur" aria-live="polite">{move || body_problem.get().map(|p| view! { <span aria-hidden="true">"⚠ "</span>{problem_text(&p)} })}</p>
                </div>
                <div class="actions">
                    <button type="submit" class="button button-secondary" name="action" value="apercu">{t!(i18n, templates.preview)}</button>
                    <button type="submit" class="button" name="action" value="enregistrer">{t!(i18n, save)}</button>
                    {t.edited.then(|| view! {
                        <button type="submit" class="button button-secondary" name="action" value="retablir">{t!(i18n, templates.reset)}</button>
                    })}
                </div>
            </ActionForm>
            {move || preview().map(|p| view! {
                <section class="mail-preview" aria-labelledby="apercu">
                    <h3 id="apercu">{t!(i18n, templates.preview_title)}</h3>
                    <p><strong>{t!(i18n, templates.subject)}" : "</strong>{p.subject}</p>
                    <pre lang=code>{p.text}</pre>
                </section>
            })}
        </section>
    }
}
