//! `/compte/mot-de-passe-oublie`: "J'ai oublié mon mot de passe".

use leptos::prelude::*;

use crate::api::account::ForgotPassword;
use crate::components::address_request::{AddressRequest, EmailField};
use crate::components::field::SubmitButton;
use crate::i18n::*;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ForgotPassword>::new();
    let result: Signal<_> = action.value().into();
    view! {
        <AddressRequest title=tr!(i18n, forgot.title) intro=tr!(i18n, forgot.intro) sent_text=tr!(i18n, forgot.sent) result=result>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <EmailField result=result/>
                <SubmitButton label=tr!(i18n, send) pending=action.pending()/>
            </ActionForm>
        </AddressRequest>
    }
}
