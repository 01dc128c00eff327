//! After a favourable decision (issue 6): the candidate confirms
//! ("Confirmation candidature") or withdraws ("Désistement candidature")
//! before a deadline, N days after publication (7 unless the formation
//! says otherwise). Withdrawing is final and still possible after
//! confirming. A place freed in a formation with a waiting list goes to
//! the best-ranked candidate on it, never above capacity.

use serde::{Deserialize, Serialize};

use super::date::Day;
use super::decision::DecisionKind;

/// Days to answer, unless the formation sets its own.
pub const DEFAULT_DAYS: i64 = 7;
/// The reminder leaves this many days before the deadline.
pub const REMINDER_DAYS: i64 = 2;
/// An application not transmitted is reminded this many days before the
/// formation's date limite de retour.
pub const RETURN_REMINDER_DAYS: i64 = 3;

/// Where a favourable decision stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// Neither confirmed nor withdrawn yet.
    Awaited,
    Confirmed,
    /// By the candidate, or by the deadline passing (`by_deadline`).
    Withdrawn {
        by_deadline: bool,
    },
}

/// The staff list narrowed to one kind of answer (`?reponse=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerFilter {
    Confirmed,
    Withdrawn,
    /// A standing favourable decision not answered yet.
    Awaited,
    /// A favourable decision still standing: awaited or confirmed.
    Standing,
}

impl AnswerFilter {
    pub const ALL: [AnswerFilter; 4] =
        [AnswerFilter::Standing, AnswerFilter::Awaited, AnswerFilter::Confirmed, AnswerFilter::Withdrawn];

    pub fn code(self) -> &'static str {
        match self {
            AnswerFilter::Confirmed => "confirmee",
            AnswerFilter::Withdrawn => "desistee",
            AnswerFilter::Awaited => "attendue",
            AnswerFilter::Standing => "maintenue",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// Why confirming or withdrawing is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerRefusal {
    /// There is no published favourable decision.
    NotFavorable,
    AlreadyConfirmed,
    AlreadyWithdrawn,
    DeadlinePassed,
}

/// The last day to answer: the publication day (in Paris) plus `days`.
/// The candidate may answer until the end of that day.
pub fn deadline_day(published: Day, days: i64) -> Day {
    published.plus_days(days.max(1))
}

pub fn may_confirm(
    decision: Option<DecisionKind>,
    answer: Answer,
    now: i64,
    deadline: Option<i64>,
) -> Result<(), AnswerRefusal> {
    if decision != Some(DecisionKind::Favorable) {
        return Err(AnswerRefusal::NotFavorable);
    }
    match answer {
        Answer::Confirmed => Err(AnswerRefusal::AlreadyConfirmed),
        Answer::Withdrawn { .. } => Err(AnswerRefusal::AlreadyWithdrawn),
        Answer::Awaited if deadline.is_some_and(|d| now >= d) => Err(AnswerRefusal::DeadlinePassed),
        Answer::Awaited => Ok(()),
    }
}

/// Withdrawing is possible until it is done, confirmed or not; after the
/// deadline only while the automatic withdrawal has not run yet.
pub fn may_withdraw(decision: Option<DecisionKind>, answer: Answer) -> Result<(), AnswerRefusal> {
    match (decision, answer) {
        (Some(DecisionKind::Favorable), Answer::Withdrawn { .. }) => Err(AnswerRefusal::AlreadyWithdrawn),
        (Some(DecisionKind::Favorable), _) => Ok(()),
        _ => Err(AnswerRefusal::NotFavorable),
    }
}

/// How many candidates of the waiting list may be called: the places of
/// the capacity not held by a favourable decision still standing. A
/// capacity of 0 means none was set: nobody is called automatically.
pub fn places_to_fill(capacity: i64, holding: i64) -> i64 {
    if capacity <= 0 {
        0
    } else {
        (capacity - holding).max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deadline_is_n_days_after_publication() {
        let published = Day::new(2026, 12, 28).unwrap();
        assert_eq!(deadline_day(published, DEFAULT_DAYS), Day::new(2027, 1, 4).unwrap());
        assert_eq!(deadline_day(Day::new(2028, 2, 27).unwrap(), 3), Day::new(2028, 3, 1).unwrap());
    }

    #[test]
    fn confirming_needs_a_favourable_decision_still_awaited_in_time() {
        let fav = Some(DecisionKind::Favorable);
        assert_eq!(may_confirm(fav, Answer::Awaited, 99, Some(100)), Ok(()));
        assert_eq!(may_confirm(fav, Answer::Awaited, 100, Some(100)), Err(AnswerRefusal::DeadlinePassed));
        assert_eq!(may_confirm(fav, Answer::Confirmed, 0, None), Err(AnswerRefusal::AlreadyConfirmed));
        assert_eq!(
            may_confirm(fav, Answer::Withdrawn { by_deadline: true }, 0, None),
            Err(AnswerRefusal::AlreadyWithdrawn)
        );
        assert_eq!(
            may_confirm(Some(DecisionKind::ListeComplementaire), Answer::Awaited, 0, None),
            Err(AnswerRefusal::NotFavorable)
        );
    }

    #[test]
    fn withdrawing_is_possible_after_confirming_but_once() {
        let fav = Some(DecisionKind::Favorable);
        assert_eq!(may_withdraw(fav, Answer::Confirmed), Ok(()));
        assert_eq!(may_withdraw(fav, Answer::Awaited), Ok(()));
        assert_eq!(may_withdraw(fav, Answer::Withdrawn { by_deadline: false }), Err(AnswerRefusal::AlreadyWithdrawn));
        assert_eq!(may_withdraw(None, Answer::Awaited), Err(AnswerRefusal::NotFavorable));
    }

    #[test]
    fn the_waiting_list_never_goes_above_capacity() {
        assert_eq!(places_to_fill(10, 9), 1);
        assert_eq!(places_to_fill(10, 10), 0);
        assert_eq!(places_to_fill(10, 12), 0);
        assert_eq!(places_to_fill(0, 3), 0);
    }
}
