//! The way in for the university's own people (its CAS), on the home and
//! sign-in pages, shown only when a CAS server is configured; and what the
//! sign-in page says when that way did not go in (`?universite=`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::*;
use crate::root::use_session;
use crate::views::account::UniversityNotice;

/// Candidates (`staff` false) or staff; `heading` on the home page, and on
/// the sign-in pages a word before Sésame's own form.
#[component]
pub fn UniversityWayIn(#[prop(optional)] staff: bool, #[prop(optional)] heading: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // A server route, not a screen: `rel="external"` keeps the router off it.
    let href = if staff { "/gestion/cas/connexion" } else { "/cas/connexion" };
    view! {
        <Transition fallback=|| ()>
            {move || {
                let name = session.frame.get().and_then(Result::ok).and_then(|f| f.university)?;
                let title = heading.then(|| {
                    let text = t_string!(i18n, university.home_title, name = name.clone()).to_string();
                    view! { <h2>{text}</h2> }
                });
                Some(view! {
                    <section class="card university" aria-labelledby="university-way-in">
                        {title}
                        {(!staff).then(|| view! { <p>{t!(i18n, university.student_intro)}</p> })}
                        <p>
                            <a id="university-way-in" href=href rel="external" class="button button-university">
                                {if staff {
                                    t_string!(i18n, university.staff_button, name = name.clone()).to_string()
                                } else {
                                    t_string!(i18n, university.student_button, name = name.clone()).to_string()
                                }}
                            </a>
                        </p>
                    </section>
                    {(!heading).then(|| view! { <p class="or-sesame">{t!(i18n, university.or_sesame)}</p> })}
                })
            }}
        </Transition>
    }
}

/// Why the last sign-in through the university did not go in.
#[component]
pub fn UniversityNoticeAlert() -> impl IntoView {
    let i18n = use_i18n();
    let notice = use_query_map().with_untracked(|q| q.get("universite").and_then(|c| UniversityNotice::from_code(&c)));
    notice.map(|notice| {
        let text = match notice {
            UniversityNotice::TicketRefused => t_string!(i18n, university.notice_refusee),
            UniversityNotice::Unavailable => t_string!(i18n, university.notice_indisponible),
            UniversityNotice::AwaitingValidation => t_string!(i18n, university.notice_a_valider),
            UniversityNotice::NoStaffAccount => t_string!(i18n, university.notice_sans_compte),
            UniversityNotice::Expired => t_string!(i18n, university.notice_expiree),
        };
        view! { <p class="alert alert-error" role="alert">{text}</p> }
    })
}
