//! Header (product, campaign, who is signed in, "Déconnexion"), main
//! landmark, footer (assistance), and the page title helper.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::idle::IdleWarning;
use super::language::LanguageSwitch;
use crate::i18n::*;
use crate::root::use_session;

/// "<page> — Sésame" in the window title, read once when the page is
/// made: the head is written after the page's body, when the page's
/// signals may already be gone (rendered whole under load, a closure read
/// there panicked: "already disposed", in the pages bench).
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let title = format!("{} — {}", text.get_untracked(), t_string!(i18n, product));
    view! { <Title text=title/> }
}

#[component]
pub fn PageFrame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let frame = move || session.frame.get().and_then(Result::ok);
    view! {
        <a class="skip-link" href="#contenu">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <div class="brand">
                <A href="/" attr:class="brand-name">{t!(i18n, product)}</A>
                <Transition fallback=|| ()>
                    {move || frame().and_then(|f| f.campaign).map(|c| view! { <span class="campaign">{c}</span> })}
                </Transition>
            </div>
            <LanguageSwitch/>
            <Transition fallback=|| ()>
                {move || {
                    frame()
                        .and_then(|f| f.me)
                        .map(|me| {
                            let home = if me.is_staff() { "/gestion" } else { "/compte" };
                            view! {
                                <nav class="session" aria-label=move || t_string!(i18n, nav_label)>
                                    {if me.is_staff() {
                                        view! {
                                            <A href="/gestion/candidatures" attr:class="nav-link">{t!(i18n, nav_review)}</A>
                                            <A href="/gestion/configuration" attr:class="nav-link">{t!(i18n, nav_configuration)}</A>
                                        }.into_any()
                                    } else {
                                        view! { <A href="/candidatures" attr:class="nav-link">{t!(i18n, nav_applications)}</A> }.into_any()
                                    }}
                                    <span class="who">
                                        <span class="visually-hidden">{t!(i18n, signed_in_as)}" "</span>
                                        <A href=home>{me.display_name.clone()}</A>
                                    </span>
                                    <ActionForm action=session.sign_out attr:class="inline-form">
                                        <button type="submit" class="button button-secondary">{t!(i18n, sign_out)}</button>
                                    </ActionForm>
                                </nav>
                                <IdleWarning/>
                            }
                        })
                }}
            </Transition>
        </header>
        <main id="contenu" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>
                {t!(i18n, footer_assistance)}" "
                <Transition fallback=|| ()>
                    {move || frame().map(|f| {
                        let href = format!("mailto:{}", f.assistance_email);
                        view! { <a href=href>{f.assistance_email.clone()}</a> }
                    })}
                </Transition>
            </p>
            <p>{t!(i18n, footer_auto)}</p>
        </footer>
    }
}
