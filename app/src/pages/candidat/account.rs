//! "Mon compte": identity, login, changing the mail address (confirmed by
//! a link sent to the new one) and the password (which ends the account's
//! other sessions).

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::api::account::{pending_email, ChangeEmail};
use crate::components::field::{field_problem, successes, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::messages::FormOutcome;
use crate::components::password_rules::NewPasswordFields;
use crate::i18n::*;
use crate::root::use_session;

#[component]
pub fn MyAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let action = session.change_password;
    let result: Signal<_> = action.value().into();
    let query = use_query_map();
    let changed = move || {
        result.with(|r| matches!(r, Some(Ok(_))))
            || (result.with(Option::is_none) && query.read().get("mot-de-passe-change").is_some())
    };
    view! {
        <PageTitle text=tr!(i18n, account.title)/>
        <h1>{t!(i18n, account.title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || session.frame.get().map(|frame| match frame.ok().and_then(|f| f.me) {
                None => view! { <Redirect path="/connexion"/> }.into_any(),
                Some(me) => view! {
                    <section class="card">
                        <h2>{t!(i18n, account.identity)}</h2>
                        <dl class="facts">
                            <dt>{t!(i18n, create.nom)}" / "{t!(i18n, create.prenom)}</dt><dd>{me.display_name.clone()}</dd>
                            {me.login.clone().map(|l| view! { <dt>{t!(i18n, account.login)}</dt><dd class="login">{l}</dd> })}
                            <dt>{t!(i18n, account.email)}</dt><dd>{me.email.clone()}</dd>
                        </dl>
                    </section>
                    {me.login.is_some().then(|| view! { <ChangeEmailForm/> })}
                }.into_any(),
            })}
        </Transition>
        <section class="card">
            <h2>{t!(i18n, account.change_password)}</h2>
            {move || changed().then(|| view! { <p class="alert alert-success" role="status">{t!(i18n, account.password_changed)}</p> })}
            <FormOutcome result=result/>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <Field name="current_password" kind="password" label=tr!(i18n, account.current_password) autocomplete="current-password"
                    problem=field_problem(result, "current_password")/>
                <NewPasswordFields result=result label=tr!(i18n, account.new_password)
                    confirmation_label=tr!(i18n, account.new_password_confirmation)/>
                <SubmitButton label=tr!(i18n, save) pending=action.pending()/>
            </ActionForm>
        </section>
        // Candidates only, last: their data, then the deletion of the account.
        <Transition fallback=|| ()>
            {move || session.frame.get().and_then(Result::ok).and_then(|f| f.me).filter(|me| me.login.is_some()).map(|_| view! { <MyDataSection/> })}
        </Transition>
    }
}

/// "Mes données" (candidates): everything Sésame holds about them, as JSON
/// or PDF, and "Supprimer mon compte" behind a confirmation asking for the
/// password.
#[component]
fn MyDataSection() -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<crate::api::account::DeleteAccount>::new();
    let result: Signal<_> = delete.value().into();
    let asking = RwSignal::new(false);
    // Deleted: a fresh page, signed out (the session is gone).
    Effect::new(move |_| {
        if matches!(delete.value().get(), Some(Ok(_))) {
            #[cfg(feature = "hydrate")]
            let _ = window().location().set_href("/?compte=supprime");
        }
    });
    view! {
        <section class="card" aria-labelledby="mes-donnees">
            <h2 id="mes-donnees">{t!(i18n, my_data.title)}</h2>
            <p>{t!(i18n, my_data.intro)}</p>
            <p class="actions">
                <a class="button button-secondary" href="/fichiers/mes-donnees/pdf" download="">{t!(i18n, my_data.pdf)}</a>
                <a class="button button-secondary" href="/fichiers/mes-donnees/json" download="">{t!(i18n, my_data.json)}</a>
            </p>
        </section>
        <section class="card" aria-labelledby="suppression">
            <h2 id="suppression">{t!(i18n, my_data.delete_title)}</h2>
            <p>{t!(i18n, my_data.delete_intro)}</p>
            <button type="button" class="button button-danger" on:click=move |_| asking.set(true)>{t!(i18n, my_data.delete)}</button>
        </section>
        {move || asking.get().then(|| view! {
            <crate::components::dialog::ConfirmDialog title=tr!(i18n, my_data.delete_title) on_close=Callback::new(move |_| asking.set(false))>
                <p id="confirmation-texte">{t!(i18n, my_data.delete_warning)}</p>
                <FormOutcome result=result/>
                <ActionForm action=delete attr:novalidate=true>
                    <Field name="mot_de_passe" kind="password" label=tr!(i18n, signin.password) autocomplete="current-password"
                        problem=field_problem(result, "mot_de_passe")/>
                    <div class="actions">
                        <button type="button" class="button button-secondary" on:click=move |_| asking.set(false)>{t!(i18n, my_data.keep)}</button>
                        <button type="submit" class="button button-danger" disabled=move || delete.pending().get()>{t!(i18n, my_data.delete_confirm)}</button>
                    </div>
                </ActionForm>
            </crate::components::dialog::ConfirmDialog>
        })}
    }
}

/// "Modifier mon adresse mail" (candidates): the address changes once the
/// link mailed to the new one is followed (guide 04.6: the one thing still
/// editable after a first application).
#[component]
fn ChangeEmailForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangeEmail>::new();
    let result: Signal<_> = action.value().into();
    let sent = successes(result);
    let pending = Resource::new(move || sent.get(), |_| pending_email());
    let query = use_query_map();
    let just_sent = move || {
        result.with(|r| matches!(r, Some(Ok(_))))
            || (result.with(Option::is_none) && query.read().get("adresse-envoyee").is_some())
    };
    view! {
        <section class="card" aria-labelledby="changer-adresse">
            <h2 id="changer-adresse">{t!(i18n, account.change_email)}</h2>
            <p>{t!(i18n, account.change_email_intro)}</p>
            {move || just_sent().then(|| view! { <p class="alert alert-success" role="status">{t!(i18n, account.email_link_sent)}</p> })}
            <Transition fallback=|| ()>
                {move || pending.get().and_then(Result::ok).flatten().map(|address| view! {
                    <p class="hint">{t!(i18n, account.email_pending)}" "<strong>{address}</strong></p>
                })}
            </Transition>
            <FormOutcome result=result/>
            <ActionForm action=action attr:class="form" attr:novalidate=true attr:data-garde="1">
                <Field name="email" id="nouvelle-adresse" kind="email" label=tr!(i18n, account.new_email) autocomplete="email"
                    problem=field_problem(result, "email")/>
                <Field name="email_confirmation" id="nouvelle-adresse-confirmation" kind="email" label=tr!(i18n, account.new_email_confirmation)
                    autocomplete="email" problem=field_problem(result, "email_confirmation")/>
                <Field name="current_password" id="adresse-mot-de-passe" kind="password" label=tr!(i18n, account.current_password)
                    autocomplete="current-password" problem=field_problem(result, "current_password")/>
                <SubmitButton label=tr!(i18n, account.change_email) pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
