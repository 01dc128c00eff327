//! The page's language as components read it, and the header's switch.

use leptos::prelude::*;

use crate::domain::language::{is_staff_path, Language};
use crate::i18n::*;

/// The language this page is rendered in (what leptos_i18n was given:
/// `root::page_language`), for words that do not come from `locales/`
/// (lists of the domain, countries).
pub fn current() -> Language {
    Language::from_code(use_i18n().get_locale_untracked().as_str()).unwrap_or_default()
}

/// "Français / English": one form whose two buttons post to `/langue`
/// (the server keeps the choice in a cookie, and on the account of a
/// signed-in candidate, then sends back here), so that it works before
/// the WASM and without it. Staff pages are French and show none.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let current = current();
    let back = move || format!("{}{}", location.pathname.get(), location.search.get());
    move || {
        (!is_staff_path(&location.pathname.get())).then(|| {
            let choices = Language::ALL.map(|language| {
                if language == current {
                    view! { <span class="language-current" lang=language.code() aria-current="true">{language.name()}</span> }
                        .into_any()
                } else {
                    view! {
                        <button type="submit" name="langue" value=language.code() lang=language.code() class="language-choice">
                            {language.name()}
                        </button>
                    }
                    .into_any()
                }
            });
            let [french, english] = choices;
            view! {
                <form method="post" action="/langue" class="language-switch" aria-label="Langue / Language">
                    <input type="hidden" name="retour" value=back/>
                    {french}
                    <span aria-hidden="true">" / "</span>
                    {english}
                </form>
            }
        })
    }
}
