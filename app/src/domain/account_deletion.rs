//! A candidate may delete their account (issue 6) when no application of
//! the active campaign is still in progress: each is finished by a
//! withdrawal or a défavorable decision, or was cancelled ("Annuler").
//! Anything else (waiting for review, a decision to come, a place on the
//! waiting list, a favourable decision, confirmed or not) is in progress:
//! the candidate cancels or withdraws first.

use serde::{Deserialize, Serialize};

use super::decision::DecisionKind;

/// What the rule needs to know of one live application of the active campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    pub decision: Option<DecisionKind>,
    pub withdrawn: bool,
}

impl Standing {
    pub fn in_progress(self) -> bool {
        !self.withdrawn && self.decision != Some(DecisionKind::Defavorable)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionRefused {
    /// How many applications are still in progress.
    pub in_progress: usize,
}

pub fn may_delete_account(applications: &[Standing]) -> Result<(), DeletionRefused> {
    match applications.iter().filter(|a| a.in_progress()).count() {
        0 => Ok(()),
        n => Err(DeletionRefused { in_progress: n }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_finished_applications_allow_deletion() {
        let withdrawn = Standing { decision: Some(DecisionKind::Favorable), withdrawn: true };
        let refused = Standing { decision: Some(DecisionKind::Defavorable), withdrawn: false };
        assert_eq!(may_delete_account(&[]), Ok(()));
        assert_eq!(may_delete_account(&[withdrawn, refused]), Ok(()));
        let waiting = Standing { decision: Some(DecisionKind::ListeComplementaire), withdrawn: false };
        let undecided = Standing { decision: None, withdrawn: false };
        let admitted = Standing { decision: Some(DecisionKind::Favorable), withdrawn: false };
        assert_eq!(
            may_delete_account(&[refused, waiting, undecided, admitted]),
            Err(DeletionRefused { in_progress: 3 })
        );
    }
}
