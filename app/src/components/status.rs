//! The words of statuses, decisions, answers, campaign states and roles, as
//! every page writes them (the server writes its own in `server::words` for
//! mails and exports).

use super::language::current;
use crate::domain::application::DossierStatus;
use crate::domain::campaign::CampaignState;
use crate::domain::pieces::PieceStatus;
use crate::domain::review::StaffRole;
use crate::i18n::*;

pub fn status_text(status: DossierStatus) -> String {
    let i18n = use_i18n();
    match status {
        DossierStatus::EnAttente => t_string!(i18n, applications.status_en_attente),
        DossierStatus::Receptionne => t_string!(i18n, applications.status_receptionne),
        DossierStatus::Complet => t_string!(i18n, applications.status_complet),
        DossierStatus::Incomplet => t_string!(i18n, applications.status_incomplet),
    }
    .to_string()
}

pub fn answer_filter_text(answer: crate::domain::confirmation::AnswerFilter) -> String {
    use crate::domain::confirmation::AnswerFilter;
    let i18n = use_i18n();
    match answer {
        AnswerFilter::Awaited => t_string!(i18n, review.answer_awaited),
        AnswerFilter::Confirmed => t_string!(i18n, review.answer_confirmed),
        AnswerFilter::Withdrawn => t_string!(i18n, review.answer_withdrawn),
        AnswerFilter::Standing => t_string!(i18n, review.answer_standing),
    }
    .to_string()
}

pub fn decision_text(decision: &Option<crate::domain::decision::Decision>) -> String {
    use crate::domain::decision::DecisionKind;
    let i18n = use_i18n();
    match decision {
        None => t_string!(i18n, applications.decision_none).to_string(),
        Some(d) => match d.kind {
            DecisionKind::Favorable => t_string!(i18n, decision.favorable).to_string(),
            DecisionKind::ListeComplementaire => {
                t_string!(i18n, decision.waiting, rank = d.rank.unwrap_or_default()).to_string()
            }
            DecisionKind::Defavorable => {
                let reason = crate::domain::decision::reason_in(d.reason.as_deref().unwrap_or_default(), current());
                t_string!(i18n, decision.unfavorable, reason = reason.to_owned()).to_string()
            }
        },
    }
}

pub fn piece_status_text(status: PieceStatus) -> String {
    let i18n = use_i18n();
    match status {
        PieceStatus::EnAttente => t_string!(i18n, pieces.status_en_attente),
        PieceStatus::Transmise => t_string!(i18n, pieces.status_transmise),
        PieceStatus::Validee => t_string!(i18n, pieces.status_validee),
        PieceStatus::Refusee => t_string!(i18n, pieces.status_refusee),
        PieceStatus::NonConcerne => t_string!(i18n, pieces.status_non_concerne),
    }
    .to_string()
}

pub fn state_text(state: CampaignState) -> String {
    let i18n = use_i18n();
    match state {
        CampaignState::Prepared => t_string!(i18n, campaigns.state_prepared),
        CampaignState::Active => t_string!(i18n, campaigns.state_active),
        CampaignState::Archived => t_string!(i18n, campaigns.state_archived),
        CampaignState::Destroyed => t_string!(i18n, campaigns.state_destroyed),
    }
    .to_string()
}

pub fn role_text(role: StaffRole) -> String {
    let i18n = use_i18n();
    match role {
        StaffRole::Admin => t_string!(i18n, staff_accounts.role_admin),
        StaffRole::Commission => t_string!(i18n, staff_accounts.role_commission),
        StaffRole::Gestionnaire => t_string!(i18n, staff_accounts.role_gestionnaire),
    }
    .to_string()
}
