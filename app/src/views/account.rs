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

/// Why a sign-in through the university's CAS did not go in, as the sign-in
/// page says it (`?universite=` in its address).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum UniversityNotice {
    /// The ticket was unknown, used already, or issued to another service.
    TicketRefused,
    /// The CAS server did not answer, or not as CAS answers.
    Unavailable,
    /// The account exists and waits for its address to be validated.
    AwaitingValidation,
    /// No staff account is tied to this identifier.
    NoStaffAccount,
    /// The first sign-in's form came too late (or without its cookie).
    Expired,
}

impl UniversityNotice {
    pub const ALL: [UniversityNotice; 5] = [
        UniversityNotice::TicketRefused,
        UniversityNotice::Unavailable,
        UniversityNotice::AwaitingValidation,
        UniversityNotice::NoStaffAccount,
        UniversityNotice::Expired,
    ];

    pub fn code(self) -> &'static str {
        match self {
            UniversityNotice::TicketRefused => "refusee",
            UniversityNotice::Unavailable => "indisponible",
            UniversityNotice::AwaitingValidation => "a-valider",
            UniversityNotice::NoStaffAccount => "sans-compte",
            UniversityNotice::Expired => "expiree",
        }
    }

    pub fn from_code(code: &str) -> Option<UniversityNotice> {
        Self::ALL.into_iter().find(|n| n.code() == code)
    }
}

/// "Vérifier les informations et renseigner votre adresse mail".
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UniversitySignIn {
    pub university: String,
    /// The CAS identifier.
    pub uid: String,
    pub nom: String,
    pub prenom: String,
    /// Both names came from the university: shown, not typed.
    pub names_from_university: bool,
    /// The university's address by default; the student may change it.
    pub email: String,
    /// From the directory, when it answered.
    pub student_number: Option<String>,
    pub ine: Option<String>,
    /// jj/mm/aaaa.
    pub birth_date: Option<String>,
    /// The directory did not answer: completed at the next sign-in.
    pub directory_unavailable: bool,
}
