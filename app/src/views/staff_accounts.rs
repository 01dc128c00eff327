//! Staff accounts as admins see them (`/gestion/personnels`).

use super::configuration::CentreView;
use crate::domain::review::StaffRole;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccountLine {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// admin, gestionnaire, commission
    pub role: StaffRole,
    pub active: bool,
    pub centres: Vec<i64>,
    /// The university CAS identifier (empty: none).
    pub cas_uid: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccounts {
    /// The admin looking (who may not deactivate or demote themselves).
    pub me: i64,
    pub centres: Vec<CentreView>,
    pub accounts: Vec<StaffAccountLine>,
    /// The university's name when its CAS is configured.
    pub university: Option<String>,
}
