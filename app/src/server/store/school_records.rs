//! The student records as imported (migration 0024): one row per student
//! number, the bac and the years of studies as JSON.

use super::{Conn, StoreError, StoreResult};
use crate::domain::bac::BacForm;
use crate::domain::school_record::{InternalYear, SchoolRecord};

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> StoreResult<T> {
    serde_json::from_str(json).map_err(|e| StoreError::Db(sqlx::Error::Decode(Box::new(e))))
}

fn encode<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Db(sqlx::Error::Encode(Box::new(e))))
}

/// Writes a student's record, replacing what an earlier import said.
pub async fn put(conn: &mut Conn, record: &SchoolRecord, now: i64) -> StoreResult<()> {
    let bac = record.bac.as_ref().map(encode).transpose()?;
    let years = encode(&record.years)?;
    sqlx::query(
        "INSERT INTO school_records (student_number, ine, bac, years, imported_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (student_number) DO UPDATE SET ine = excluded.ine, bac = excluded.bac, years = excluded.years, \
         imported_at = excluded.imported_at",
    )
    .bind(&record.student_number)
    .bind(&record.ine)
    .bind(bac)
    .bind(years)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The record of a student number, if one was imported.
pub async fn find(conn: &mut Conn, student_number: &str) -> StoreResult<Option<SchoolRecord>> {
    let row: Option<(String, Option<String>, Option<String>, String)> =
        sqlx::query_as("SELECT student_number, ine, bac, years FROM school_records WHERE student_number = $1")
            .bind(student_number)
            .fetch_optional(conn)
            .await?;
    let Some((student_number, ine, bac, years)) = row else { return Ok(None) };
    Ok(Some(SchoolRecord {
        student_number,
        ine,
        bac: bac.as_deref().map(decode::<BacForm>).transpose()?,
        years: decode::<Vec<InternalYear>>(&years)?,
    }))
}

pub async fn count(conn: &mut Conn) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM school_records").fetch_one(conn).await?)
}
