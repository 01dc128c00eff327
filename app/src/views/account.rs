//! What a password link is for, as the reset page needs to know.

/// What a password link is for, as its page needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ResetLink {
    /// Unknown, used or past its date.
    Unusable,
    /// "J'ai oublié mon mot de passe".
    Reset,
    /// A new staff member chooses their first password.
    Invitation,
}
