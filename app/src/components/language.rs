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
    follow_the_server(location.clone());
    // The router keeps the query without its "?".
    let back = move || {
        let search = location.search.get();
        let query = if search.is_empty() { String::new() } else { format!("?{search}") };
        format!("{}{query}", location.pathname.get())
    };
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

/// The language is the server's choice, made for each page it renders;
/// the browser keeps it while it navigates by itself. Two moves change it
/// without a page from the server: into or out of the staff pages
/// (French), which reloads the page so the server chooses again; and a
/// sign-in, after which the account's language (the frame's) is the
/// pages' (the server sent its cookie with the session's).
fn follow_the_server(location: leptos_router::location::Location) {
    let i18n = use_i18n();
    let session = crate::root::use_session();
    let started_on_staff = is_staff_path(&location.pathname.get_untracked());
    Effect::new(move |_| {
        if is_staff_path(&location.pathname.get()) != started_on_staff {
            let _ = window().location().reload();
        }
    });
    Effect::new(move |_| {
        let signed_in_here = session.sign_in.version().get() > 0;
        let account = session.frame.get().and_then(Result::ok).and_then(|f| f.me).and_then(|me| me.language);
        if let (true, Some(language)) = (signed_in_here, account) {
            if language != current() && !is_staff_path(&location.pathname.get_untracked()) {
                if let Ok(locale) = language.code().parse::<Locale>() {
                    i18n.set_locale(locale);
                }
            }
        }
    });
}
