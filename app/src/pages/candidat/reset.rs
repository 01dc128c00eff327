//! The reset link of "J'ai oublié mon mot de passe": choose a new password;
//! the same page, in its own words, for a staff member's invitation.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::account::{reset_link_valid, ResetPassword};
use crate::components::field::SubmitButton;
use crate::components::frame::PageTitle;
use crate::components::messages::{error_text, FormOutcome};
use crate::components::password_rules::NewPasswordFields;
use crate::error::AppError;
use crate::i18n::*;
use crate::views::account::ResetLink;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let usable = Resource::new(token, reset_link_valid);
    let action = ServerAction::<ResetPassword>::new();
    let result: Signal<_> = action.value().into();
    view! {
        <PageTitle text=tr!(i18n, reset.title)/>
        <Suspense fallback=move || view! { <h1>{t!(i18n, reset.title)}</h1><p>{t!(i18n, loading)}</p> }>
            {move || usable.get().map(|link| match link {
                Ok(kind @ (ResetLink::Reset | ResetLink::Invitation)) => view! {
                    {if kind == ResetLink::Invitation {
                        view! { <h1>{t!(i18n, reset.invitation_title)}</h1><p>{t!(i18n, reset.invitation_intro)}</p> }.into_any()
                    } else {
                        view! { <h1>{t!(i18n, reset.title)}</h1><p>{t!(i18n, reset.intro)}</p> }.into_any()
                    }}
                    <FormOutcome result=result/>
                    <ActionForm action=action attr:class="form" attr:novalidate=true>
                        <input type="hidden" name="token" value=token()/>
                        <NewPasswordFields result=result label=tr!(i18n, account.new_password)
                            confirmation_label=tr!(i18n, account.new_password_confirmation)/>
                        <SubmitButton label=tr!(i18n, save) pending=action.pending()/>
                    </ActionForm>
                }.into_any(),
                _ => view! {
                    <h1>{t!(i18n, reset.title)}</h1>
                    <p class="alert alert-error" role="alert">{error_text(&AppError::LinkExpired)}</p>
                    <p><A href="/compte/mot-de-passe-oublie">{t!(i18n, reset.new_link)}</A></p>
                }.into_any(),
            })}
        </Suspense>
    }
}
