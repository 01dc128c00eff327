//! Uploaded files on disk, under `Settings::files_dir`, by generated names.
//! A file is received into `tmp/` while being checked (content, size),
//! flushed, then renamed into place: a crash leaves no half file under a
//! real name, only `tmp/` debris that `sweep_tmp` removes.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use futures::{Stream, StreamExt};
use tokio::io::AsyncWriteExt;

use super::auth::tokens::random_token;
use super::pdf;
use crate::domain::upload::{check, FileKind, UploadProblem, SNIFF_BYTES};
use crate::error::AppError;

/// A file checked and in place.
pub struct Stored {
    pub stored_name: String,
    pub kind: FileKind,
    pub size: u64,
}

fn tmp_dir(root: &Path) -> PathBuf {
    root.join("tmp")
}

pub fn path_of(root: &Path, stored_name: &str) -> Option<PathBuf> {
    // Names are ours (random, alphanumeric); refuse anything else.
    let safe = !stored_name.is_empty() && stored_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    safe.then(|| root.join(stored_name))
}

/// Receives `body` (at most `max` bytes, a PDF or a JPEG by content) and
/// puts it in place under a new name. Memory stays bounded: chunks go to
/// disk as they come.
pub async fn receive<S, E>(root: &Path, mut body: S, max: u64) -> Result<Stored, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let (name, tmp) = new_tmp(root).await?;
    let outcome = write_checked(&tmp, &mut body, max).await;
    let kind = match outcome {
        Ok(kind) => kind,
        Err(error) => {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(error);
        }
    };
    put_in_place(root, &name, &tmp, kind).await
}

/// Whether the store takes a file now (`/readyz`): one written, flushed
/// and removed in `tmp/`.
pub async fn probe(root: &Path) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;
    tokio::fs::create_dir_all(tmp_dir(root)).await?;
    let path = tmp_dir(root).join(format!("readyz-{}", super::auth::tokens::random_token()));
    let written = async {
        let mut file = tokio::fs::File::create(&path).await?;
        file.write_all(b"ready").await?;
        file.sync_all().await
    }
    .await;
    let _ = tokio::fs::remove_file(&path).await;
    written
}

/// A fresh random name and its path in `tmp/`.
async fn new_tmp(root: &Path) -> Result<(String, PathBuf), AppError> {
    tokio::fs::create_dir_all(tmp_dir(root)).await.map_err(internal)?;
    let name: String = random_token().chars().filter(|c| c.is_ascii_alphanumeric()).take(32).collect();
    let tmp = tmp_dir(root).join(&name);
    Ok((name, tmp))
}

/// Renames a flushed file from `tmp/` to its place.
async fn put_in_place(root: &Path, name: &str, tmp: &Path, kind: FileKind) -> Result<Stored, AppError> {
    let size = tokio::fs::metadata(tmp).await.map_err(internal)?.len();
    let stored_name = format!("{name}.{}", kind.extension());
    tokio::fs::rename(tmp, root.join(&stored_name)).await.map_err(internal)?;
    Ok(Stored { stored_name, kind, size })
}

/// Writes `bytes` as a new file in place (tmp, flush, rename).
pub async fn store_bytes(root: &Path, bytes: &[u8], kind: FileKind) -> Result<Stored, AppError> {
    let (name, tmp) = new_tmp(root).await?;
    let written = async {
        let mut file = tokio::fs::File::create(&tmp).await?;
        file.write_all(bytes).await?;
        file.sync_all().await
    }
    .await;
    if let Err(error) = written {
        let _ = tokio::fs::remove_file(&tmp).await;
        return Err(internal(error));
    }
    put_in_place(root, &name, &tmp, kind).await
}

/// A piece's current file (`first`) and a file just received, combined
/// into one new PDF in place (at most `max` bytes). The two inputs stay:
/// the caller removes them once the database points to the new one.
pub async fn combine(
    root: &Path,
    work: &super::pdf_work::PdfWork,
    candidate: i64,
    first: (&str, FileKind),
    added: &Stored,
    max: u64,
) -> Result<Stored, AppError> {
    let first_path = path_of(root, first.0).ok_or(AppError::NotFound)?;
    let added_path = path_of(root, &added.stored_name).ok_or(AppError::NotFound)?;
    let (first_kind, added_kind) = (first.1, added.kind);
    let bytes = work
        .run(candidate, move || -> Result<Vec<u8>, AppError> {
            let a = std::fs::read(&first_path).map_err(internal)?;
            let b = std::fs::read(&added_path).map_err(internal)?;
            pdf::merge(&[(first_kind, &a), (added_kind, &b)])
                .map_err(|_| AppError::FileRefused(UploadProblem::Unreadable))
        })
        .await??;
    if bytes.len() as u64 > max {
        return Err(AppError::FileRefused(UploadProblem::CombinedTooLarge { max }));
    }
    store_bytes(root, &bytes, FileKind::Pdf).await
}

async fn write_checked<S, E>(tmp: &Path, body: &mut S, max: u64) -> Result<FileKind, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut file = tokio::fs::File::create(tmp).await.map_err(internal)?;
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut size: u64 = 0;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(format!("envoi interrompu : {e}")))?;
        size += chunk.len() as u64;
        if size > max {
            return Err(AppError::FileRefused(UploadProblem::TooLarge { max }));
        }
        if head.len() < SNIFF_BYTES {
            let take = (SNIFF_BYTES - head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..take]);
            if head.len() == SNIFF_BYTES && crate::domain::upload::kind_of(&head).is_none() {
                return Err(AppError::FileRefused(UploadProblem::NotPdfOrJpeg));
            }
        }
        file.write_all(&chunk).await.map_err(internal)?;
    }
    let kind = check(&head, size, max).map_err(AppError::FileRefused)?;
    file.flush().await.map_err(internal)?;
    file.sync_all().await.map_err(internal)?;
    Ok(kind)
}

pub async fn remove(root: &Path, stored_name: &str) {
    if let Some(path) = path_of(root, stored_name) {
        if let Err(error) = tokio::fs::remove_file(&path).await {
            tracing::warn!(%error, stored_name, "file not removed");
        }
    }
}

/// Removes a file whose row is gone; true when it is off the disk (a file
/// already missing counts as gone).
async fn remove_if_there(root: &Path, stored_name: &str) -> bool {
    let Some(path) = path_of(root, stored_name) else { return true };
    match tokio::fs::remove_file(&path).await {
        Ok(()) => true,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => true,
        Err(error) => {
            tracing::warn!(%error, stored_name, "file not removed; the purge job tries again");
            false
        }
    }
}

/// After the commit that deleted their rows (and noted them in
/// `pending_deletions`): the files leave the disk, then their notes. What
/// fails here, or a crash before, the purge job finishes.
pub async fn discard(pool: &sqlx::AnyPool, root: &Path, stored_names: &[String]) {
    for name in stored_names {
        if remove_if_there(root, name).await {
            let done = async { super::store::deletions::done(&mut *pool.acquire().await?, name).await }.await;
            if let Err(error) = done {
                tracing::warn!(%error, name, "pending deletion left for the purge job");
            }
        }
    }
}

/// The purge job: every file noted in `pending_deletions` leaves the disk,
/// then its note; returns how many.
pub async fn drain_pending(conn: &mut super::store::Conn, root: &Path) -> Result<usize, super::store::StoreError> {
    let mut removed = 0;
    for name in super::store::deletions::pending(conn, 10_000).await? {
        if remove_if_there(root, &name).await {
            super::store::deletions::done(conn, &name).await?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The purge job: stored files no row names (candidates' files, model
/// files, pending deletions) and older than `age` leave the disk: what a
/// crash between writing a file and recording it left. Fresh files may be
/// on their way into a row; `tmp/` is `sweep_tmp`'s. Returns how many.
pub async fn sweep_orphans(
    conn: &mut super::store::Conn,
    root: &Path,
    age: std::time::Duration,
) -> Result<usize, super::store::StoreError> {
    let Ok(mut entries) = tokio::fs::read_dir(root).await else { return Ok(0) };
    let referenced = super::store::deletions::referenced(conn).await?;
    let mut removed = 0;
    while let Ok(Some(entry)) = entries.next_entry().await {
        let Ok(name) = entry.file_name().into_string() else { continue };
        if path_of(root, &name).is_none() || referenced.contains(&name) {
            continue;
        }
        let Ok(meta) = entry.metadata().await else { continue };
        let old = meta.modified().ok().and_then(|t| t.elapsed().ok()).is_some_and(|elapsed| elapsed > age);
        if meta.is_file() && old && tokio::fs::remove_file(entry.path()).await.is_ok() {
            tracing::info!(stored_name = name, "orphan file removed");
            removed += 1;
        }
    }
    Ok(removed)
}

#[track_caller]
fn internal(error: std::io::Error) -> AppError {
    AppError::internal("file storage", error)
}

/// Removes what interrupted uploads left in `tmp/` (older than `age`
/// seconds, so uploads under way are spared); returns how many.
pub async fn sweep_tmp(root: &Path, age: std::time::Duration) -> usize {
    let Ok(mut entries) = tokio::fs::read_dir(tmp_dir(root)).await else { return 0 };
    let mut removed = 0;
    while let Ok(Some(entry)) = entries.next_entry().await {
        let old = entry
            .metadata()
            .await
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|elapsed| elapsed > age);
        if old && tokio::fs::remove_file(entry.path()).await.is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sweeps_only_old_debris() {
        let root = std::env::temp_dir().join(format!(
            "sesame-sweep-{}",
            random_token().chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>()
        ));
        std::fs::create_dir_all(tmp_dir(&root)).unwrap();
        let old = tmp_dir(&root).join("old");
        std::fs::write(&old, b"%PDF-").unwrap();
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options().write(true).open(&old).unwrap().set_modified(an_hour_ago).unwrap();
        std::fs::write(tmp_dir(&root).join("fresh"), b"%PDF-").unwrap();
        assert_eq!(sweep_tmp(&root, std::time::Duration::from_secs(3600)).await, 1);
        assert!(!old.exists() && tmp_dir(&root).join("fresh").exists());
        assert_eq!(sweep_tmp(&root.join("nowhere"), std::time::Duration::from_secs(1)).await, 0);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
