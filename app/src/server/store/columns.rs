//! How the store's columns become domain values, so that row structs
//! decode themselves (`#[derive(sqlx::FromRow)]`) into the types the use
//! cases work with.
//!
//! The domain compiles for the browser too and knows nothing of sqlx: the
//! glue lives here. A code column (a dossier status, a decision kind…) is
//! decoded through the enum's own `from_code`; a value the enum does not
//! know is a decoding error naming the column (sqlx's `ColumnDecode`) and
//! the value, never a silent default.

use sqlx::any::{Any, AnyTypeInfo, AnyValueRef};
use sqlx::decode::Decode;
use sqlx::error::BoxDynError;
use sqlx::types::Type;

use crate::domain::application::DossierStatus;
use crate::domain::decision::{Decision, DecisionKind};
use crate::domain::language::Language;
use crate::domain::pieces::PieceStatus;
use crate::domain::review::StaffRole;
use crate::domain::upload::FileKind;

/// A 0/1 integer column (SQLite has no boolean; the PostgreSQL schema keeps
/// the same integers so that SQL stays portable). A field reads it as
/// `#[sqlx(try_from = "Flag")] field: bool`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        match <i64 as Decode<'r, Any>>::decode(value)? {
            0 => Ok(Flag(false)),
            1 => Ok(Flag(true)),
            other => Err(format!("flag column holds {other}, expected 0 or 1").into()),
        }
    }
}

impl From<Flag> for bool {
    fn from(flag: Flag) -> bool {
        flag.0
    }
}

/// A text column holding one of an enum's codes: decoded as the enum
/// itself (`Option<_>` for a nullable column comes with sqlx's own impl).
macro_rules! code_column {
    ($($ty:ty),* $(,)?) => {$(
        impl Type<Any> for $ty {
            fn type_info() -> AnyTypeInfo {
                <String as Type<Any>>::type_info()
            }

            fn compatible(ty: &AnyTypeInfo) -> bool {
                <String as Type<Any>>::compatible(ty)
            }
        }

        impl<'r> Decode<'r, Any> for $ty {
            fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
                let code = <String as Decode<'r, Any>>::decode(value)?;
                <$ty>::from_code(&code)
                    .ok_or_else(|| format!("unknown {} code {code:?}", stringify!($ty)).into())
            }
        }
    )*};
}

code_column!(DossierStatus, PieceStatus, DecisionKind, FileKind, StaffRole, Language);

/// The decision in force on an application: its columns `decision`,
/// `decision_rank`, `decision_reason`, read into `Option<Decision>` with
/// `#[sqlx(flatten, try_from = "InForce")]` (no decision: a NULL kind).
#[derive(sqlx::FromRow)]
pub struct InForce {
    #[sqlx(rename = "decision")]
    kind: Option<DecisionKind>,
    #[sqlx(rename = "decision_rank")]
    rank: Option<i64>,
    #[sqlx(rename = "decision_reason")]
    reason: Option<String>,
}

impl From<InForce> for Option<Decision> {
    fn from(d: InForce) -> Self {
        d.kind.map(|kind| Decision { kind, rank: d.rank, reason: d.reason })
    }
}

/// A row of `decisions` (columns `kind`, `rank`, `reason`), read into
/// `Decision` with `#[sqlx(flatten, try_from = "Recorded")]`.
#[derive(sqlx::FromRow)]
pub struct Recorded {
    kind: DecisionKind,
    rank: Option<i64>,
    reason: Option<String>,
}

impl From<Recorded> for Decision {
    fn from(d: Recorded) -> Self {
        Decision { kind: d.kind, rank: d.rank, reason: d.reason }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, sqlx::FromRow)]
    struct Sample {
        status: DossierStatus,
        kind: Option<DecisionKind>,
        #[sqlx(try_from = "Flag")]
        active: bool,
        #[sqlx(flatten, try_from = "InForce")]
        decision: Option<Decision>,
    }

    async fn sample(sql: &str) -> Result<Sample, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect("sqlite::memory:").await?;
        sqlx::query_as(sql).fetch_one(&pool).await
    }

    #[tokio::test]
    async fn codes_and_flags_decode_into_domain_values() {
        let row = sample(
            "SELECT 'complet' AS status, NULL AS kind, 1 AS active,
                    'liste_complementaire' AS decision, 3 AS decision_rank, NULL AS decision_reason",
        )
        .await
        .expect("a well-formed row");
        assert_eq!(row.status, DossierStatus::Complet);
        assert_eq!(row.kind, None);
        assert!(row.active);
        assert_eq!(
            row.decision,
            Some(Decision { kind: DecisionKind::ListeComplementaire, rank: Some(3), reason: None })
        );
    }

    #[tokio::test]
    async fn no_decision_kind_is_no_decision() {
        let row = sample(
            "SELECT 'en_attente' AS status, 'favorable' AS kind, 0 AS active,
                    NULL AS decision, NULL AS decision_rank, NULL AS decision_reason",
        )
        .await
        .expect("a well-formed row");
        assert_eq!(row.kind, Some(DecisionKind::Favorable));
        assert!(!row.active);
        assert_eq!(row.decision, None);
    }

    #[tokio::test]
    async fn an_unknown_code_names_its_column_and_value() {
        let error = sample(
            "SELECT 'perdu' AS status, NULL AS kind, 1 AS active,
                    NULL AS decision, NULL AS decision_rank, NULL AS decision_reason",
        )
        .await
        .expect_err("an unknown status");
        let sqlx::Error::ColumnDecode { index, source } = &error else { panic!("not a decoding error: {error}") };
        assert!(index.contains("status"), "{index}");
        assert!(source.to_string().contains("\"perdu\""), "{source}");
    }

    #[tokio::test]
    async fn a_flag_is_zero_or_one() {
        let error = sample(
            "SELECT 'complet' AS status, NULL AS kind, 2 AS active,
                    NULL AS decision, NULL AS decision_rank, NULL AS decision_reason",
        )
        .await
        .expect_err("not a flag");
        assert!(matches!(&error, sqlx::Error::ColumnDecode { index, .. } if index.contains("active")), "{error}");
    }
}
