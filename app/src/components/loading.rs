//! A page's data as a resource brings it: a loading line, the data, its
//! error, or the sign-in page for a visitor whose session has ended.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::messages::error_text;
use crate::error::AppError;
use crate::i18n::*;

/// A section's data once loaded: its form, an error, or the sign-in page
/// for a visitor whose session has ended.
pub fn loaded<T>(
    page: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> AnyView + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    loaded_or_sign_in(page, "/connexion", render)
}

/// A page's data, its error, or a redirect to `sign_in` for a visitor
/// whose session is gone.
pub fn loaded_or_sign_in<T>(
    page: Resource<Result<T, AppError>>,
    sign_in: &'static str,
    render: impl Fn(T) -> AnyView + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || {
                let render = render.clone();
                page.get().map(move |r| match r {
                    Err(AppError::NotSignedIn) => view! { <Redirect path=sign_in/> }.into_any(),
                    Err(e) => view! { <p class="alert alert-error" role="alert">{error_text(&e)}</p> }.into_any(),
                    Ok(data) => render(data),
                })
            }}
        </Suspense>
    }
}
