use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::frame::PageTitle;
use crate::i18n::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <PageTitle text=tr!(i18n, not_found_title)/>
        <h1>{t!(i18n, not_found_title)}</h1>
        <p>{t!(i18n, not_found_text)}</p>
        <p><A href="/">{t!(i18n, back_home)}</A></p>
    }
}
