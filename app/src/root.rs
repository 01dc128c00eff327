//! The HTML shell, the router, and the session state every page shares.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::api::account::ChangePassword;
use crate::api::session::{load_frame, SignIn, SignOut, StaffSignIn};
use crate::components::frame::PageFrame;
use crate::error::AppError;
use crate::i18n::*;
use crate::pages;
use crate::screens;
use crate::views::session::FrameData;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::csp::send();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The actions that change who is signed in, and the frame data that
/// depends on them: shared by the header and the pages.
#[derive(Clone, Copy)]
pub struct Session {
    pub sign_in: ServerAction<SignIn>,
    pub staff_sign_in: ServerAction<StaffSignIn>,
    pub sign_out: ServerAction<SignOut>,
    pub change_password: ServerAction<ChangePassword>,
    pub frame: Resource<Result<FrameData, AppError>>,
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        // The page's language is the server's choice (`server::language`:
        // staff pages French, else the switch's cookie, else the browser's
        // Accept-Language), written in `<html lang>` where the browser
        // reads it back when it hydrates. leptos_i18n's own cookie is off:
        // the switch (`/langue`) sets ours.
        <I18nContextProvider enable_cookie=false ssr_lang_header_getter=page_language()>
            <Router>
                <SessionScope/>
            </Router>
        </I18nContextProvider>
    }
}

/// What the server renders a page in, as leptos_i18n asks for it (an
/// `Accept-Language` value); the browser reads `<html lang>` instead.
fn page_language() -> leptos_use::UseLocalesOptions {
    #[cfg(feature = "ssr")]
    {
        let secure = use_context::<crate::server::AppState>().is_some_and(|s| s.settings.secure_cookies);
        let language = use_context::<http::request::Parts>()
            .map(|parts| crate::server::language::of_page(parts.uri.path(), &parts.headers, secure))
            .unwrap_or_default();
        leptos_use::UseLocalesOptions::default().ssr_lang_header_getter(move || Some(language.code().to_owned()))
    }
    #[cfg(not(feature = "ssr"))]
    leptos_use::UseLocalesOptions::default()
}

/// Inside the router, so that a plain form post's error (in the URL) reaches
/// the actions, and the pages see the session.
#[component]
fn SessionScope() -> impl IntoView {
    // After a plain form post (no WASM yet), the server redirects back with
    // the error in the URL. <Routes> hands it to the actions created in the
    // pages; these actions are created above <Routes>, so hand it here too.
    let query = leptos_router::hooks::use_query_map();
    let (err, path) = query.with_untracked(|q| (q.get("__err"), q.get("__path")));
    if let (Some(err), Some(path)) = (err, path) {
        provide_context(leptos::server::ServerActionError::new(&path, &err));
    }
    let sign_in = ServerAction::<SignIn>::new();
    let staff_sign_in = ServerAction::<StaffSignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let change_password = ServerAction::<ChangePassword>::new();
    let frame = Resource::new(
        move || (sign_in.version().get(), staff_sign_in.version().get(), sign_out.version().get()),
        |_| load_frame(),
    );
    provide_context(Session { sign_in, staff_sign_in, sign_out, change_password, frame });
    let i18n = use_i18n();
    Effect::new(move |_| crate::components::unsaved::install(t_string!(i18n, unsaved).to_string()));

    view! {
                <PageFrame>
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::candidat::home::HomePage/>
                        <Route path=path!("/connexion") view=pages::candidat::sign_in::SignInPage/>
                        <Route path=path!("/compte") view={Lazy::<screens::MyAccount>::new()}/>
                        <Route path=path!("/compte/creer") view=pages::candidat::create_account::CreateAccountPage/>
                        <Route path=path!("/compte/cree") view=pages::candidat::account_created::AccountCreatedPage/>
                        <Route path=path!("/compte/valider/:token") view=pages::candidat::validate::ValidatePage/>
                        <Route path=path!("/compte/adresse/:token") view=pages::candidat::email_change::EmailChangePage/>
                        <Route path=path!("/compte/code-activation") view=pages::candidat::lost_activation::LostActivationPage/>
                        <Route path=path!("/compte/mot-de-passe-oublie") view=pages::candidat::forgot_password::ForgotPasswordPage/>
                        <Route path=path!("/compte/reinitialiser/:token") view=pages::candidat::reset::ResetPasswordPage/>
                        <Route path=path!("/compte/debloquer/:token") view=pages::candidat::unlock::UnlockPage/>
                        // Rendered whole: the form works before the WASM arrives.
                        <Route path=path!("/compte/universite") view={Lazy::<screens::UniversitySignIn>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/compte/universite/mail-envoye") view={Lazy::<screens::UniversityMailSent>::new()}/>
                        <Route path=path!("/compte/rattacher/:token") view={Lazy::<screens::UniversityJoin>::new()}/>
                        <Route path=path!("/candidatures") view={Lazy::<screens::Applications>::new()}/>
                        <Route path=path!("/candidatures/offre") view={Lazy::<screens::Offer>::new()}/>
                        // Rendered whole before it is sent (no streamed chunks that only a script
                        // puts in place): its pieces and their forms work without JavaScript.
                        <Route path=path!("/candidatures/:id") view={Lazy::<screens::Application>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/dossier/informations-personnelles") view={Lazy::<screens::Identity>::new()}/>
                        <Route path=path!("/dossier/adresse") view={Lazy::<screens::Address>::new()}/>
                        <Route path=path!("/dossier/baccalaureat") view={Lazy::<screens::Bac>::new()}/>
                        <Route path=path!("/dossier/cursus-interne") view={Lazy::<screens::InternalCursus>::new()}/>
                        <Route path=path!("/dossier/cursus-externe") view={Lazy::<screens::Cursus>::new()}/>
                        <Route path=path!("/dossier/stages") view={Lazy::<screens::Stages>::new()}/>
                        <Route path=path!("/dossier/experiences") view={Lazy::<screens::Experiences>::new()}/>
                        <Route path=path!("/gestion/connexion") view=pages::gestion::sign_in::StaffSignInPage/>
                        <Route path=path!("/gestion") view={Lazy::<screens::Dashboard>::new()}/>
                        <Route path=path!("/gestion/candidatures") view={Lazy::<screens::ReviewList>::new()}/>
                        <Route path=path!("/gestion/candidatures/:id") view={Lazy::<screens::Review>::new()}/>
                        <Route path=path!("/gestion/configuration") view={Lazy::<screens::Configuration>::new()}/>
                        <Route path=path!("/gestion/configuration/campagne") view={Lazy::<screens::CampaignConfig>::new()}/>
                        <Route path=path!("/gestion/configuration/campagnes") view={Lazy::<screens::Campaigns>::new()}/>
                        <Route path=path!("/gestion/configuration/formations/:id") view={Lazy::<screens::FormationConfig>::new()}/>
                        <Route path=path!("/gestion/personnels") view={Lazy::<screens::StaffAccounts>::new()}/>
                        <Route path=path!("/gestion/modeles-mail") view={Lazy::<screens::MailTemplates>::new()}/>
                    </Routes>
                </PageFrame>
    }
}
