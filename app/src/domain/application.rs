//! Applications (candidatures, guide sections 05–06): the statuses a
//! candidate reads, and the rules that decide whether one may apply or
//! cancel. Days are Europe/Paris calendar days; the server passes today's.

use serde::{Deserialize, Serialize};

use super::date::Day;

/// "Statut du dossier".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DossierStatus {
    EnAttente,
    Receptionne,
    Complet,
    Incomplet,
}

impl DossierStatus {
    pub fn code(self) -> &'static str {
        match self {
            DossierStatus::EnAttente => "en_attente",
            DossierStatus::Receptionne => "receptionne",
            DossierStatus::Complet => "complet",
            DossierStatus::Incomplet => "incomplet",
        }
    }

    pub fn from_code(code: &str) -> Option<DossierStatus> {
        [DossierStatus::EnAttente, DossierStatus::Receptionne, DossierStatus::Complet, DossierStatus::Incomplet]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// An application window: from its first to its last day, both included
/// (the last one until 23:59:59 in Europe/Paris).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub start: Day,
    pub end: Day,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowState {
    NotYet,
    Open,
    Closed,
}

impl Window {
    pub fn state(&self, today: Day) -> WindowState {
        if today < self.start {
            WindowState::NotYet
        } else if today > self.end {
            WindowState::Closed
        } else {
            WindowState::Open
        }
    }
}

/// Why "Candidater" is refused; each says it in French (`components::messages`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyRefusal {
    /// The window opens on this day.
    NotYetOpen(Day),
    /// The window closed on this day.
    Closed(Day),
    AlreadyApplied,
    /// The campaign allows this many live applications.
    LimitReached(u32),
    /// Informations personnelles, Adresse or Baccalauréat are missing.
    DossierIncomplete,
    /// The INE of an account made in an earlier campaign is held by
    /// another account of this one.
    IneTaken,
}

/// What the server knows when a candidate asks to apply.
pub struct ApplyContext {
    pub window: Window,
    pub today: Day,
    pub already_applied: bool,
    /// Live applications of the candidate in this campaign.
    pub live_applications: u32,
    /// 0: no limit.
    pub max_applications: u32,
    pub dossier_complete: bool,
}

/// The rules of "Candidater", in the order a candidate can act on them.
pub fn may_apply(ctx: &ApplyContext) -> Result<(), ApplyRefusal> {
    match ctx.window.state(ctx.today) {
        WindowState::NotYet => return Err(ApplyRefusal::NotYetOpen(ctx.window.start)),
        WindowState::Closed => return Err(ApplyRefusal::Closed(ctx.window.end)),
        WindowState::Open => {}
    }
    if ctx.already_applied {
        return Err(ApplyRefusal::AlreadyApplied);
    }
    if !ctx.dossier_complete {
        return Err(ApplyRefusal::DossierIncomplete);
    }
    if ctx.max_applications > 0 && ctx.live_applications >= ctx.max_applications {
        return Err(ApplyRefusal::LimitReached(ctx.max_applications));
    }
    Ok(())
}

/// Guide 05.3: cancelling is possible while the dossier is En attente and no
/// decision was given.
pub fn may_cancel(status: DossierStatus, has_decision: bool) -> bool {
    status == DossierStatus::EnAttente && !has_decision
}

/// Whole days left until the deadline (0 on the day itself), or `None` once past.
pub fn days_left(today: Day, deadline: Day) -> Option<i64> {
    let days = deadline.days_since_epoch() - today.days_since_epoch();
    (days >= 0).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Day {
        Day::new(y, m, d).unwrap()
    }

    fn ctx() -> ApplyContext {
        ApplyContext {
            window: Window { start: day(2026, 6, 1), end: day(2026, 7, 1) },
            today: day(2026, 6, 15),
            already_applied: false,
            live_applications: 0,
            max_applications: 3,
            dossier_complete: true,
        }
    }

    #[test]
    fn the_window_includes_its_first_and_last_days() {
        let w = ctx().window;
        assert_eq!(w.state(day(2026, 5, 31)), WindowState::NotYet);
        assert_eq!(w.state(day(2026, 6, 1)), WindowState::Open);
        assert_eq!(w.state(day(2026, 7, 1)), WindowState::Open);
        assert_eq!(w.state(day(2026, 7, 2)), WindowState::Closed);
    }

    #[test]
    fn each_refusal_has_its_reason() {
        assert_eq!(may_apply(&ctx()), Ok(()));
        assert_eq!(
            may_apply(&ApplyContext { today: day(2026, 5, 31), ..ctx() }),
            Err(ApplyRefusal::NotYetOpen(day(2026, 6, 1)))
        );
        assert_eq!(
            may_apply(&ApplyContext { today: day(2026, 7, 2), ..ctx() }),
            Err(ApplyRefusal::Closed(day(2026, 7, 1)))
        );
        assert_eq!(may_apply(&ApplyContext { already_applied: true, ..ctx() }), Err(ApplyRefusal::AlreadyApplied));
        assert_eq!(may_apply(&ApplyContext { dossier_complete: false, ..ctx() }), Err(ApplyRefusal::DossierIncomplete));
        assert_eq!(may_apply(&ApplyContext { live_applications: 3, ..ctx() }), Err(ApplyRefusal::LimitReached(3)));
        assert_eq!(may_apply(&ApplyContext { live_applications: 30, max_applications: 0, ..ctx() }), Ok(()));
    }

    #[test]
    fn cancelling_only_while_waiting_without_decision() {
        assert!(may_cancel(DossierStatus::EnAttente, false));
        assert!(!may_cancel(DossierStatus::EnAttente, true));
        assert!(!may_cancel(DossierStatus::Receptionne, false));
    }

    #[test]
    fn counts_the_days_left() {
        assert_eq!(days_left(day(2026, 6, 30), day(2026, 7, 1)), Some(1));
        assert_eq!(days_left(day(2026, 7, 1), day(2026, 7, 1)), Some(0));
        assert_eq!(days_left(day(2026, 7, 2), day(2026, 7, 1)), None);
        assert_eq!(days_left(day(2026, 2, 28), day(2026, 3, 1)), Some(1));
        assert_eq!(days_left(day(2024, 2, 28), day(2024, 3, 1)), Some(2));
        assert_eq!(days_left(day(2025, 12, 31), day(2026, 1, 1)), Some(1));
    }
}
