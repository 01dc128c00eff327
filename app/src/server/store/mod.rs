//! Queries, one module per table family. Functions take a connection so
//! that callers choose the transaction; SQL is portable across SQLite and
//! PostgreSQL (see `db.rs`).

pub mod accounts;
pub mod answers;
pub mod applications;
pub mod campaign_lifecycle;
pub mod campaigns;
pub mod columns;
pub mod configuration;
pub mod decisions;
pub mod deletions;
pub mod dossier;
pub mod email_changes;
pub mod establishments;
pub mod jobs;
pub mod mail_templates;
pub mod outbox;
pub mod pieces;
pub mod resets;
pub mod review;
pub mod school_records;
pub mod sessions;
pub mod staff_accounts;
pub mod throttle;
pub mod university;
pub mod unlocks;

/// The formations of the active campaign (`formation_id IN (…)`): what
/// candidates see and what the deadline jobs act on; an archived campaign
/// is out of both.
pub(crate) const ACTIVE_FORMATIONS: &str =
    "SELECT f2.id FROM formations f2 JOIN centres c2 ON c2.id = f2.centre_id JOIN campaigns k2 ON k2.id = c2.campaign_id WHERE k2.active = 1";

pub use sqlx::AnyConnection as Conn;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the row; which one, so that each use
    /// case tells its own field (and treats any other as a fault).
    #[error("already exists ({0})")]
    Duplicate(Unique),
    #[error(transparent)]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) if super::db::is_unique_violation(&error) => {
                StoreError::Duplicate(Unique::of(db.as_ref()))
            }
            _ => StoreError::Db(error),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The unique constraints use cases tell apart (see the migrations).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unique {
    /// `candidates.email_norm`: an account has the address.
    CandidateEmail,
    /// `candidates.login`.
    CandidateLogin,
    /// `dossier_ine (campaign_id, ine)`: another account of the campaign
    /// holds the INE.
    CandidateIne,
    /// `applications (candidate_id, formation_id)` among live ones.
    LiveApplication,
    /// `staff.email_norm`.
    StaffEmail,
    /// `candidates.cas_uid`: an account is tied to the CAS identifier.
    CandidateCasUid,
    /// `staff.cas_uid`.
    StaffCasUid,
    /// `campaigns.code`.
    CampaignCode,
    /// `decision_reasons (campaign_id, label)`.
    ReasonLabel,
    /// Any other: PostgreSQL's constraint name, or SQLite's words.
    Other(String),
}

impl std::fmt::Display for Unique {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unique::Other(name) => f.write_str(name),
            known => write!(f, "{known:?}"),
        }
    }
}

/// Each known constraint as PostgreSQL names it (the constraint, or the
/// unique index) and as SQLite's message lists it (its columns).
const KNOWN: [(Unique, &str, &str); 9] = [
    (Unique::CandidateEmail, "candidates_email_norm_key", "candidates.email_norm"),
    (Unique::CandidateLogin, "candidates_login_key", "candidates.login"),
    (Unique::CandidateIne, "dossier_ine_unique", "dossier_ine.campaign_id, dossier_ine.ine"),
    (Unique::LiveApplication, "applications_live", "applications.candidate_id, applications.formation_id"),
    (Unique::StaffEmail, "staff_email_norm_key", "staff.email_norm"),
    (Unique::CandidateCasUid, "candidates_cas_uid", "candidates.cas_uid"),
    (Unique::StaffCasUid, "staff_cas_uid", "staff.cas_uid"),
    (Unique::CampaignCode, "campaigns_code_key", "campaigns.code"),
    (Unique::ReasonLabel, "decision_reasons_label", "decision_reasons.campaign_id, decision_reasons.label"),
];

impl Unique {
    /// The constraint a unique violation names: PostgreSQL gives it
    /// (`constraint()`), SQLite only in its message.
    fn of(db: &dyn sqlx::error::DatabaseError) -> Unique {
        match db.constraint() {
            Some(name) => Unique::from_postgres(name),
            None => Unique::from_sqlite(db.message()),
        }
    }

    /// From PostgreSQL's constraint or index name.
    pub fn from_postgres(name: &str) -> Unique {
        KNOWN
            .iter()
            .find(|(_, pg, _)| *pg == name)
            .map(|(unique, _, _)| unique.clone())
            .unwrap_or_else(|| Unique::Other(name.to_owned()))
    }

    /// From SQLite's message: `UNIQUE constraint failed: table.col[, table.col]`
    /// for a constraint or an index on columns, `… failed: index 'name'`
    /// for an index on expressions (named as on PostgreSQL).
    pub fn from_sqlite(message: &str) -> Unique {
        let what = message.split_once("constraint failed:").map_or(message, |(_, what)| what).trim();
        if let Some(index) = what.strip_prefix("index '").and_then(|rest| rest.strip_suffix('\'')) {
            return Unique::from_postgres(index);
        }
        KNOWN
            .iter()
            .find(|(_, _, columns)| *columns == what)
            .map(|(unique, _, _)| unique.clone())
            .unwrap_or_else(|| Unique::Other(what.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::Unique;

    #[test]
    fn postgres_names_the_constraint_or_the_index() {
        assert_eq!(Unique::from_postgres("candidates_email_norm_key"), Unique::CandidateEmail);
        assert_eq!(Unique::from_postgres("staff_email_norm_key"), Unique::StaffEmail);
        assert_eq!(Unique::from_postgres("campaigns_code_key"), Unique::CampaignCode);
        assert_eq!(Unique::from_postgres("dossier_ine_unique"), Unique::CandidateIne);
        assert_eq!(Unique::from_postgres("applications_live"), Unique::LiveApplication);
        assert_eq!(Unique::from_postgres("decision_reasons_label"), Unique::ReasonLabel);
        assert_eq!(Unique::from_postgres("files_stored_name_key"), Unique::Other("files_stored_name_key".into()));
    }

    #[test]
    fn sqlite_lists_the_columns() {
        assert_eq!(Unique::from_sqlite("UNIQUE constraint failed: candidates.email_norm"), Unique::CandidateEmail);
        assert_eq!(Unique::from_sqlite("UNIQUE constraint failed: candidates.login"), Unique::CandidateLogin);
        assert_eq!(Unique::from_sqlite("UNIQUE constraint failed: staff.email_norm"), Unique::StaffEmail);
        assert_eq!(Unique::from_sqlite("UNIQUE constraint failed: campaigns.code"), Unique::CampaignCode);
        assert_eq!(
            Unique::from_sqlite("UNIQUE constraint failed: dossier_ine.campaign_id, dossier_ine.ine"),
            Unique::CandidateIne
        );
        assert_eq!(
            Unique::from_sqlite("UNIQUE constraint failed: applications.candidate_id, applications.formation_id"),
            Unique::LiveApplication
        );
        assert_eq!(
            Unique::from_sqlite("UNIQUE constraint failed: decision_reasons.campaign_id, decision_reasons.label"),
            Unique::ReasonLabel
        );
        assert_eq!(
            Unique::from_sqlite("UNIQUE constraint failed: files.stored_name"),
            Unique::Other("files.stored_name".into())
        );
    }

    #[test]
    fn sqlite_names_an_index_on_expressions() {
        assert_eq!(Unique::from_sqlite("UNIQUE constraint failed: index 'applications_live'"), Unique::LiveApplication);
        assert_eq!(
            Unique::from_sqlite("UNIQUE constraint failed: index 'elsewhere'"),
            Unique::Other("elsewhere".into())
        );
    }
}
