//! The signed-in screens as pieces of the browser's bundle, loaded when
//! first needed (Leptos' lazy routes, cut by `cargo leptos --split`): the
//! candidate's screens (dossier, offer, applications and pieces), the
//! staff's, and the university's first sign-in. The frame and the pages anyone opens first (home, sign-in,
//! account creation, the links of mails) stay in the main bundle, so a
//! first visit downloads neither the staff screens nor the candidate's.
//!
//! One split point per group rather than per screen: per screen, the
//! splitter cut the pieces page's code into 224 files, and fetching them
//! took longer than the bytes saved (loopback 1.5 s, 4G 3.4 s to
//! interactive). The server renders every screen as before; the page names
//! the pieces to preload.

use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::pages::{candidat, gestion};

/// A group of screens behind one split point: an enum of its screens, the
/// `#[lazy]` function that renders one of them (its code and the screens'
/// go to the group's piece), and a route type per screen, whose `preload`
/// fetches the piece before the page hydrates (as `#[lazy_route]` does;
/// `$preload` is the loader `#[lazy]` makes: `__preload_` and the name).
macro_rules! screen_group {
    ($render:ident($kind:ident), $preload:ident { $($screen:ident => $page:path,)* }) => {
        #[derive(Clone, Copy)]
        pub enum $kind {
            $($screen,)*
        }

        #[lazy]
        fn $render(screen: $kind) -> AnyView {
            match screen {
                $($kind::$screen => untrack($page).into_any(),)*
            }
        }

        $(
            pub struct $screen;

            impl LazyRoute for $screen {
                fn data() -> Self {
                    $screen
                }

                async fn view(_this: Self) -> AnyView {
                    $render($kind::$screen).await
                }

                async fn preload() {
                    // The server renders every screen in place.
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }
        )*
    };
}

screen_group! {
    candidate_screen(CandidateScreen), __preload_candidate_screen {
        MyAccount => candidat::account::MyAccountPage,
        Applications => candidat::applications::ApplicationsPage,
        Offer => candidat::offer::OfferPage,
        Application => candidat::application::ApplicationPage,
        Identity => candidat::dossier::identity::IdentityPageView,
        Address => candidat::dossier::address::AddressPageView,
        Bac => candidat::dossier::bac::BacPageView,
        Cursus => candidat::dossier::cursus::CursusPageView,
        Stages => candidat::dossier::stages::StagesPageView,
        Experiences => candidat::dossier::experiences::ExperiencesPageView,
    }
}

screen_group! {
    staff_screen(StaffScreen), __preload_staff_screen {
        Dashboard => gestion::dashboard::DashboardPage,
        ReviewList => gestion::review_list::ReviewListPage,
        Review => gestion::review_dossier::ReviewPage,
        Configuration => gestion::configuration::ConfigurationPage,
        CampaignConfig => gestion::campaign_settings::CampaignConfigPage,
        Campaigns => gestion::campaigns::CampaignsPage,
        FormationConfig => gestion::formation::FormationConfigPage,
        StaffAccounts => gestion::staff_accounts::StaffAccountsPage,
        MailTemplates => gestion::mail_templates::MailTemplatesPage,
    }
}

// The university's first sign-in and join link: opened once by a few, so
// in neither the main piece nor the candidate's; and its students' Cursus
// interne (its table of their years), which no other candidate opens.
screen_group! {
    university_screen(UniversityScreen), __preload_university_screen {
        InternalCursus => candidat::dossier::internal_cursus::InternalCursusPageView,
        UniversitySignIn => candidat::university_sign_in::UniversitySignInPage,
        UniversityMailSent => candidat::university_sign_in::UniversityMailSentPage,
        UniversityJoin => candidat::university_join::UniversityJoinPage,
    }
}
