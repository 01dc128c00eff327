//! The one place where problems and errors become words, in the page's
//! language.

use leptos::prelude::*;

use super::language::current;
use crate::domain::application::ApplyRefusal;
use crate::domain::ine::IneProblem;
use crate::domain::language::Language;
use crate::domain::password::PasswordRule;
use crate::domain::upload::UploadProblem;
use crate::domain::Problem;
use crate::error::AppError;
use crate::i18n::*;

pub fn rule_text(rule: PasswordRule) -> String {
    let i18n = use_i18n();
    match rule {
        PasswordRule::Lowercase => t_string!(i18n, rules.lowercase).to_string(),
        PasswordRule::Uppercase => t_string!(i18n, rules.uppercase).to_string(),
        PasswordRule::Special => t_string!(i18n, rules.special).to_string(),
        PasswordRule::Digit => t_string!(i18n, rules.digit).to_string(),
        PasswordRule::NoSpace => t_string!(i18n, rules.no_space).to_string(),
        PasswordRule::MinLength => t_string!(i18n, rules.min_length).to_string(),
        PasswordRule::MaxLength => t_string!(i18n, rules.max_length).to_string(),
    }
}

pub fn problem_text(problem: &Problem) -> String {
    let i18n = use_i18n();
    match problem {
        Problem::Required => t_string!(i18n, problem.required).to_string(),
        Problem::DayPassed => t_string!(i18n, problem.day_passed).to_string(),
        Problem::NameInvalid => t_string!(i18n, problem.name_invalid).to_string(),
        Problem::TooLong { max } => t_string!(i18n, problem.too_long, max = *max).to_string(),
        Problem::EmailInvalid => t_string!(i18n, problem.email_invalid).to_string(),
        Problem::EmailMismatch => t_string!(i18n, problem.email_mismatch).to_string(),
        Problem::EmailTaken => t_string!(i18n, problem.email_taken).to_string(),
        Problem::EmailUnchanged => t_string!(i18n, problem.email_unchanged).to_string(),
        Problem::PasswordRules(rules) => {
            let list: Vec<String> = rules.iter().map(|r| rule_text(*r)).collect();
            let separator = match current() {
                Language::Fr => " ; ",
                Language::En => "; ",
            };
            format!("{} {}.", t_string!(i18n, problem.password_rules), list.join(separator))
        }
        Problem::PasswordMismatch => t_string!(i18n, problem.password_mismatch).to_string(),
        Problem::PasswordWrong => t_string!(i18n, problem.password_wrong).to_string(),
        Problem::Ine(ine) => ine_text(*ine),
        Problem::IneTaken => t_string!(i18n, problem.ine_taken).to_string(),
        Problem::DateInvalid => t_string!(i18n, problem.date_invalid).to_string(),
        Problem::BirthDateImplausible => t_string!(i18n, problem.birth_date_implausible).to_string(),
        Problem::PhoneInvalid => t_string!(i18n, problem.phone_invalid).to_string(),
        Problem::HoursInvalid => t_string!(i18n, problem.hours_invalid).to_string(),
        Problem::YearInvalid => t_string!(i18n, problem.year_invalid).to_string(),
        Problem::PostalCodeInvalid => t_string!(i18n, problem.postal_code_invalid).to_string(),
        Problem::PostalCodeUnknown => t_string!(i18n, problem.postal_code_unknown).to_string(),
        Problem::UnknownChoice => t_string!(i18n, problem.unknown_choice).to_string(),
        Problem::Locked => t_string!(i18n, problem.locked).to_string(),
        Problem::RankInvalid => t_string!(i18n, problem.rank_invalid).to_string(),
        Problem::UrlInvalid => t_string!(i18n, problem.url_invalid).to_string(),
        Problem::EndBeforeStart => t_string!(i18n, problem.end_before_start).to_string(),
        Problem::DeadlineBeforeEnd => t_string!(i18n, problem.deadline_before_end).to_string(),
        Problem::ConfirmationBeforePublication => t_string!(i18n, problem.confirmation_before_publication).to_string(),
        Problem::CapacityInvalid => t_string!(i18n, problem.capacity_invalid).to_string(),
        Problem::UnknownVariable { name } => t_string!(i18n, problem.unknown_variable, name = name.clone()).to_string(),
        Problem::AlreadyExists => t_string!(i18n, problem.already_exists).to_string(),
        Problem::OwnAccount => t_string!(i18n, problem.own_account).to_string(),
        Problem::CodeInvalid => t_string!(i18n, problem.code_invalid).to_string(),
        Problem::RetentionInvalid => t_string!(
            i18n,
            problem.retention_invalid,
            min = crate::domain::campaign::RETENTION_MIN,
            max = crate::domain::campaign::RETENTION_MAX
        )
        .to_string(),
        Problem::FromSchoolRecords => t_string!(i18n, problem.from_school_records).to_string(),
        Problem::Disagrees => t_string!(i18n, problem.disagrees).to_string(),
    }
}

pub fn ine_text(problem: IneProblem) -> String {
    let i18n = use_i18n();
    match problem {
        IneProblem::Length { found } => t_string!(i18n, problem.ine_length, found = found).to_string(),
        IneProblem::Format => t_string!(i18n, problem.ine_format).to_string(),
        IneProblem::Key => t_string!(i18n, problem.ine_key).to_string(),
        IneProblem::Repeated => t_string!(i18n, problem.ine_repeated).to_string(),
        IneProblem::ForbiddenLetter => t_string!(i18n, problem.ine_forbidden_letter).to_string(),
        IneProblem::InesRefused => t_string!(i18n, problem.ine_ines).to_string(),
    }
}

pub fn refusal_text(refusal: &ApplyRefusal) -> String {
    let i18n = use_i18n();
    match refusal {
        ApplyRefusal::NotYetOpen(day) => t_string!(i18n, apply.not_yet, date = day.written(current())).to_string(),
        ApplyRefusal::Closed(day) => t_string!(i18n, apply.closed, date = day.written(current())).to_string(),
        ApplyRefusal::AlreadyApplied => t_string!(i18n, apply.already).to_string(),
        ApplyRefusal::LimitReached(max) => t_string!(i18n, apply.limit, max = *max).to_string(),
        ApplyRefusal::DossierIncomplete => t_string!(i18n, apply.incomplete).to_string(),
        ApplyRefusal::IneTaken => t_string!(i18n, apply.ine_taken).to_string(),
    }
}

pub fn upload_text(problem: UploadProblem) -> String {
    let i18n = use_i18n();
    match problem {
        UploadProblem::Empty => t_string!(i18n, pieces.empty).to_string(),
        UploadProblem::TooLarge { max } => t_string!(i18n, pieces.too_large, max = format_size(max)).to_string(),
        UploadProblem::NotPdfOrJpeg => t_string!(i18n, pieces.wrong_kind).to_string(),
        UploadProblem::Unreadable => t_string!(i18n, pieces.unreadable).to_string(),
        UploadProblem::CombinedTooLarge { max } => {
            t_string!(i18n, pieces.combined_too_large, max = format_size(max)).to_string()
        }
    }
}

/// "2 Mo", "512 Ko"; "2 MB", "512 KB" (`domain::upload::written_size`).
pub fn format_size(bytes: u64) -> String {
    crate::domain::upload::written_size(bytes, current())
}

/// A label and what it names, as the page's language punctuates them:
/// "Modèle : CV", "Model: CV".
pub fn labelled(label: impl std::fmt::Display, value: impl std::fmt::Display) -> String {
    current().labelled(label, value)
}

pub fn review_text(refusal: &crate::domain::review::ReviewRefusal) -> String {
    use crate::domain::review::ReviewRefusal;
    let i18n = use_i18n();
    match refusal {
        ReviewRefusal::NotReceived => t_string!(i18n, review.refused_not_received),
        ReviewRefusal::PiecesNotValidated => t_string!(i18n, review.refused_not_validated),
        ReviewRefusal::NothingRefused => t_string!(i18n, review.refused_nothing_refused),
        ReviewRefusal::ReadOnly => t_string!(i18n, review.refused_read_only),
        ReviewRefusal::Archived => t_string!(i18n, review.refused_archived),
        ReviewRefusal::NotComplete => t_string!(i18n, review.refused_not_complete),
        ReviewRefusal::NoDraft => t_string!(i18n, review.refused_no_draft),
    }
    .to_string()
}

pub fn error_text(error: &AppError) -> String {
    let i18n = use_i18n();
    match error {
        AppError::Invalid(_) => t_string!(i18n, error.invalid).to_string(),
        AppError::BadCredentials => t_string!(i18n, error.bad_credentials).to_string(),
        AppError::TooManyAttempts => t_string!(i18n, error.too_many).to_string(),
        AppError::Busy => t_string!(i18n, error.busy).to_string(),
        AppError::NotSignedIn => t_string!(i18n, error.not_signed_in).to_string(),
        AppError::NotFound => t_string!(i18n, error.not_found).to_string(),
        AppError::LinkExpired => t_string!(i18n, error.link_expired).to_string(),
        AppError::Internal => t_string!(i18n, error.internal).to_string(),
        AppError::BadRequest(_) => t_string!(i18n, error.bad_request).to_string(),
        AppError::Conflict => t_string!(i18n, error.conflict).to_string(),
        AppError::ReturnClosed(day) => t_string!(i18n, pieces.return_closed, date = day.written(current())).to_string(),
        AppError::TooFast => t_string!(i18n, error.too_fast).to_string(),
        AppError::CrossSite => t_string!(i18n, error.cross_site).to_string(),
        AppError::ApplyRefused(refusal) => refusal_text(refusal),
        AppError::FileRefused(problem) => upload_text(*problem),
        AppError::ReviewRefused(refusal) => review_text(refusal),
        AppError::AnswerRefused(refusal) => answer_text(*refusal),
        AppError::DeletionRefused(refusal) => {
            t_string!(i18n, my_data.delete_refused, count = refusal.in_progress).to_string()
        }
    }
}

pub fn answer_text(refusal: crate::domain::confirmation::AnswerRefusal) -> String {
    use crate::domain::confirmation::AnswerRefusal;
    let i18n = use_i18n();
    match refusal {
        AnswerRefusal::NotFavorable => t_string!(i18n, answer.refused_not_favorable),
        AnswerRefusal::AlreadyConfirmed => t_string!(i18n, answer.refused_confirmed),
        AnswerRefusal::AlreadyWithdrawn => t_string!(i18n, answer.refused_withdrawn),
        AnswerRefusal::DeadlinePassed => t_string!(i18n, answer.refused_deadline),
    }
    .to_string()
}

/// The outcome of a form's last submission: an alert on error, a status
/// message on success. Announced to screen readers.
#[component]
pub fn FormOutcome<T: Send + Sync + 'static>(
    result: Signal<Option<Result<T, AppError>>>,
    #[prop(optional, into)] success: Option<Signal<String>>,
) -> impl IntoView {
    Effect::new(move |_| {
        if result.with(|r| matches!(r, Some(Err(_)))) {
            super::unsaved::submission_refused();
        }
    });
    move || {
        result.with(|r| match r {
            Some(Err(error)) => {
                Some(view! { <p class="alert alert-error" role="alert">{error_text(error)}</p> }.into_any())
            }
            Some(Ok(_)) => {
                success.map(|text| view! { <p class="alert alert-success" role="status">{text.get()}</p> }.into_any())
            }
            None => None,
        })
    }
}
