//! The screens, by audience: `candidat` (the candidate's), `gestion` (the
//! staff's); one module per screen.

pub mod candidat;
pub mod gestion;
pub mod not_found;
