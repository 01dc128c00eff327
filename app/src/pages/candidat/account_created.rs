//! `/compte/cree`: the account was created, see your mail.

use crate::components::frame::PageTitle;
use crate::components::mail_sent::MailSentAdvice;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn AccountCreatedPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=tr!(i18n, create.done_title)/>
        <h1>{t!(i18n, create.done_title)}</h1>
        <p class="alert alert-success" role="status">{t!(i18n, create.done)}</p>
        <MailSentAdvice/>
    }
}
