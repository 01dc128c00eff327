//! The "Informations mot de passe" block, checked as the user types by the
//! same rules the server applies (`domain::password`).

use leptos::prelude::*;

use super::messages::rule_text;
use crate::domain::password::PasswordRule;
use crate::i18n::*;

pub const RULES_ID: &str = "regles-mot-de-passe";

#[component]
pub fn PasswordRules(password: ReadSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="password-rules" aria-labelledby="regles-titre">
            <h2 id="regles-titre" class="h-small">{t!(i18n, create.password_info_title)}</h2>
            <ul id=RULES_ID>
                {PasswordRule::ALL
                    .into_iter()
                    .map(|rule| {
                        let ok = move || password.with(|p| !p.is_empty() && rule.holds(p));
                        view! {
                            <li class:rule-ok=ok>
                                <span class="rule-mark" aria-hidden="true">{move || if ok() { "✓" } else { "•" }}</span>
                                {rule_text(rule)}
                                <span class="visually-hidden">
                                    {move || if ok() { t_string!(i18n, rules.met) } else { t_string!(i18n, rules.unmet) }.to_string()}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A new password and its confirmation, with the live rules above them
/// (account creation, reset link, password change).
#[component]
pub fn NewPasswordFields<T: Send + Sync + 'static>(
    result: Signal<Option<Result<T, crate::error::AppError>>>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] confirmation_label: Signal<String>,
) -> impl IntoView {
    use crate::components::field::{field_problem, Field};
    let (password, set_password) = signal(String::new());
    view! {
        <PasswordRules password=password/>
        <Field name="password" kind="password" label=label autocomplete="new-password"
            described_by=RULES_ID problem=field_problem(result, "password")
            on_input=Callback::new(move |v| set_password.set(v))/>
        <Field name="password_confirmation" kind="password" label=confirmation_label
            autocomplete="new-password" problem=field_problem(result, "password_confirmation")/>
    }
}
