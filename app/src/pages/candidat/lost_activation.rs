//! `/compte/code-activation`: "J'ai perdu mon code d'activation".

use leptos::prelude::*;

use crate::api::account::ResendActivation;
use crate::components::address_request::{AddressRequest, EmailField};
use crate::components::field::SubmitButton;
use crate::i18n::*;

#[component]
pub fn LostActivationPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResendActivation>::new();
    let result: Signal<_> = action.value().into();
    view! {
        <AddressRequest title=tr!(i18n, lost.title) intro=tr!(i18n, lost.intro) sent_text=tr!(i18n, lost.sent) result=result>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <EmailField result=result/>
                <SubmitButton label=tr!(i18n, send) pending=action.pending()/>
            </ActionForm>
        </AddressRequest>
    }
}
