//! Who is signed in, as the page frame reads it.

use serde::{Deserialize, Serialize};

use crate::domain::review::StaffRole;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// A staff member's role; none for a candidate.
    pub staff: Option<StaffRole>,
    pub display_name: String,
    pub login: Option<String>,
    pub email: String,
    /// A candidate's language (their account's); none for staff.
    pub language: Option<crate::domain::language::Language>,
}

impl Me {
    pub fn is_staff(&self) -> bool {
        self.staff.is_some()
    }
}

/// What every page's frame shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameData {
    pub campaign: Option<String>,
    pub assistance_email: String,
    pub me: Option<Me>,
    /// The university whose CAS signs its people in, when configured.
    pub university: Option<String>,
}
