//! Accueil: what to prepare, and the ways in (guide 01–03); once signed
//! in, the candidate's login and what comes next.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};

use crate::components::applications::{applications_resource, HomeApplications};
use crate::components::dossier_checklist::{sections_resource, DossierChecklist};
use crate::components::frame::PageTitle;
use crate::components::university::UniversityWayIn;
use crate::i18n::*;
use crate::root::use_session;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let deleted =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("compte").as_deref() == Some("supprime"));
    // Made here, once: the closure below is rendered more than once on the
    // server. Signed out, both answer "not signed in" without a query.
    let (applications, sections) = (applications_resource(), sections_resource());
    view! {
        <PageTitle text=tr!(i18n, home.title)/>
        {deleted.then(|| view! { <p class="alert alert-success" role="status">{t!(i18n, my_data.deleted)}</p> })}
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || {
                let me = session.frame.get().and_then(Result::ok).and_then(|f| f.me);
                match me {
                    Some(me) if me.is_staff() => view! { <Redirect path="/gestion"/> }.into_any(),
                    Some(me) => view! {
                        <h1>{t!(i18n, home.welcome)}", "{me.display_name.clone()}</h1>
                        <p>{t!(i18n, home.your_login)}" "<strong class="login">{me.login.clone()}</strong></p>
                        <HomeApplications list=applications/>
                        <DossierChecklist sections=sections/>
                    }.into_any(),
                    None => view! { <Welcome/> }.into_any(),
                }
            }}
        </Transition>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, tagline)}</h1>
        <p class="lead">{t!(i18n, home.intro)}</p>
        <div class="columns">
            <section class="card">
                <h2>{t!(i18n, home.new_here)}</h2>
                <p><A href="/compte/creer" attr:class="button">{t!(i18n, home.create_account)}</A></p>
                <h3 class="h-small">{t!(i18n, home.steps_title)}</h3>
                <ul>
                    <li>{t!(i18n, home.step_ine)}</li>
                    <li>{t!(i18n, home.step_mail)}</li>
                    <li>{t!(i18n, home.step_cursus)}</li>
                </ul>
            </section>
            <section class="card">
                <h2>{t!(i18n, home.have_account)}</h2>
                <p><A href="/connexion" attr:class="button">{t!(i18n, home.sign_in)}</A></p>
                <ul class="links">
                    <li><A href="/compte/code-activation">{t!(i18n, home.lost_activation)}</A></li>
                    <li><A href="/compte/mot-de-passe-oublie">{t!(i18n, home.forgot_password)}</A></li>
                </ul>
            </section>
        </div>
        <UniversityWayIn heading=true/>
        <p class="staff-link"><A href="/gestion/connexion">{t!(i18n, home.staff_link)}</A></p>
    }
}
