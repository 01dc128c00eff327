//! `/compte/universite`: "Vérifier les informations et renseigner votre
//! adresse mail" (guide ecesure, 02.2), after a first sign-in through the
//! university's CAS; and `/compte/universite/mail-envoye`, its outcome.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::university::{university_sign_in_form, ConfirmUniversitySignIn};
use crate::components::field::{field_problem, Field, SubmitButton};
use crate::components::frame::PageTitle;
use crate::components::mail_sent::MailSentAdvice;
use crate::components::messages::FormOutcome;
use crate::i18n::*;

#[component]
pub fn UniversitySignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = Resource::new(|| (), |_| university_sign_in_form());
    let action = ServerAction::<ConfirmUniversitySignIn>::new();
    let result: Signal<_> = action.value().into();
    view! {
        <PageTitle text=tr!(i18n, university.check_title)/>
        <h1>{t!(i18n, university.check_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || form.get().map(|loaded| match loaded {
                Err(_) => view! {
                    <p class="alert alert-error" role="alert">{t!(i18n, university.notice_expiree)}</p>
                    <p><A href="/connexion" attr:class="button">{t!(i18n, home.sign_in)}</A></p>
                }.into_any(),
                Ok(person) => view! {
                    <p>{t!(i18n, university.check_intro)}</p>
                    {person.directory_unavailable.then(|| view! {
                        <p class="alert alert-warning" role="status">{t!(i18n, university.directory_unavailable)}</p>
                    })}
                    <FormOutcome result=result/>
                    <ActionForm action=action attr:class="form" attr:novalidate=true>
                        <dl class="facts">
                            <dt>{t!(i18n, university.uid)}</dt>
                            <dd>{person.uid.clone()}</dd>
                            {person.names_from_university.then(|| view! {
                                <dt>{t!(i18n, create.nom)}</dt>
                                <dd>{person.nom.clone()}</dd>
                                <dt>{t!(i18n, create.prenom)}</dt>
                                <dd>{person.prenom.clone()}</dd>
                            })}
                            {person.student_number.clone().map(|n| view! {
                                <dt>{t!(i18n, university.student_number)}</dt>
                                <dd>{n}</dd>
                            })}
                            {person.ine.clone().map(|ine| view! {
                                <dt>{t!(i18n, university.ine)}</dt>
                                <dd>{ine}</dd>
                            })}
                            {person.birth_date.clone().map(|d| view! {
                                <dt>{t!(i18n, university.birth_date)}</dt>
                                <dd>{crate::domain::date::written_form_day(&d, crate::components::language::current())}</dd>
                            })}
                        </dl>
                        {if person.names_from_university {
                            view! {
                                <input type="hidden" name="nom" value=person.nom.clone()/>
                                <input type="hidden" name="prenom" value=person.prenom.clone()/>
                            }.into_any()
                        } else {
                            view! {
                                <Field name="nom" label=tr!(i18n, create.nom) autocomplete="family-name"
                                    value=person.nom.clone() problem=field_problem(result, "nom")/>
                                <Field name="prenom" label=tr!(i18n, create.prenom) autocomplete="given-name"
                                    value=person.prenom.clone() problem=field_problem(result, "prenom")/>
                            }.into_any()
                        }}
                        <Field name="email" kind="email" label=tr!(i18n, create.email) autocomplete="email"
                            value=person.email.clone() hint=tr!(i18n, university.email_hint)
                            problem=field_problem(result, "email")/>
                        <SubmitButton label=tr!(i18n, university.submit) pending=action.pending()>
                            <A href="/" attr:class="button button-secondary">{t!(i18n, cancel)}</A>
                        </SubmitButton>
                    </ActionForm>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn UniversityMailSentPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=tr!(i18n, university.sent_title)/>
        <h1>{t!(i18n, university.sent_title)}</h1>
        <p class="alert alert-success" role="status">{t!(i18n, university.sent)}</p>
        <MailSentAdvice/>
    }
}
