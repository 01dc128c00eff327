//! Uploaded files, by generated names, in the file store (`store.rs`: a
//! local folder or an S3-compatible bucket). A file is checked (content,
//! size) while it streams in, and appears under its name only once whole
//! (`Writer::finish`); a file no row names yet is swept after a day, so a
//! crash between the store and the transaction leaves nothing for good.

mod bucket;
mod local;
pub mod migrate;
mod store;

pub use store::{Credentials, Entry, FileStore, Location};

use bytes::Bytes;
use futures::{Stream, StreamExt, TryStreamExt};

use super::auth::tokens::random_token;
use super::pdf;
use crate::domain::upload::{check, kind_of, FileKind, UploadProblem, SNIFF_BYTES};
use crate::error::AppError;

/// A file checked and in place.
pub struct Stored {
    pub stored_name: String,
    pub kind: FileKind,
    pub size: u64,
}

/// Whether a name is one of ours (16 to 64 random letters and digits, then
/// `.pdf` or `.jpg`): anything else is refused before it reaches the
/// store, and never swept or copied, whatever else shares the folder or
/// the bucket.
pub fn is_ours(stored_name: &str) -> bool {
    let Some((stem, extension)) = stored_name.split_once('.') else { return false };
    (16..=64).contains(&stem.len())
        && stem.chars().all(|c| c.is_ascii_alphanumeric())
        && [FileKind::Pdf, FileKind::Jpeg].iter().any(|k| k.extension() == extension)
}

/// Where a file is on this machine's disk, when the store is a folder.
pub fn path_of(store: &FileStore, stored_name: &str) -> Option<std::path::PathBuf> {
    is_ours(stored_name).then(|| store.local_root().map(|root| root.join(stored_name))).flatten()
}

fn new_name(kind: FileKind) -> String {
    let name: String = random_token().chars().filter(|c| c.is_ascii_alphanumeric()).take(32).collect();
    format!("{name}.{}", kind.extension())
}

/// Receives `body` (at most `max` bytes, a PDF or a JPEG by content) and
/// puts it in place under a new name. Memory stays bounded: the first
/// bytes are held until they tell the kind, then chunks go to the store as
/// they come.
pub async fn receive<S, E>(store: &FileStore, mut body: S, max: u64) -> Result<Stored, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut size: u64 = 0;
    let mut writer: Option<(store::Writer, String, FileKind)> = None;
    let outcome = async {
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| AppError::BadRequest(format!("envoi interrompu : {e}")))?;
            size += chunk.len() as u64;
            if size > max {
                return Err(AppError::FileRefused(UploadProblem::TooLarge { max }));
            }
            match &mut writer {
                Some((w, _, _)) => w.write(chunk).await.map_err(internal)?,
                None => {
                    head.extend_from_slice(&chunk);
                    if head.len() >= SNIFF_BYTES {
                        let kind = kind_of(&head).ok_or(AppError::FileRefused(UploadProblem::NotPdfOrJpeg))?;
                        writer = Some(begin(store, kind, std::mem::take(&mut head)).await?);
                    }
                }
            }
        }
        if writer.is_none() {
            let kind = check(&head, size, max).map_err(AppError::FileRefused)?;
            writer = Some(begin(store, kind, std::mem::take(&mut head)).await?);
        }
        Ok(())
    }
    .await;
    let Some((w, stored_name, kind)) = writer else {
        return Err(outcome.err().unwrap_or_else(|| AppError::internal("file storage", "no writer")));
    };
    if let Err(error) = outcome {
        w.abort().await;
        return Err(error);
    }
    w.finish().await.map_err(internal)?;
    Ok(Stored { stored_name, kind, size })
}

/// A writer under a new name for a file of `kind`, its first bytes written.
async fn begin(
    store: &FileStore,
    kind: FileKind,
    head: Vec<u8>,
) -> Result<(store::Writer, String, FileKind), AppError> {
    let name = new_name(kind);
    let mut writer = store.writer(&name).await.map_err(internal)?;
    if let Err(error) = writer.write(Bytes::from(head)).await {
        writer.abort().await;
        return Err(internal(error));
    }
    Ok((writer, name, kind))
}

/// How long `/readyz` waits for the store before saying it is not ready.
pub const PROBE_LIMIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Whether the store answers now (`/readyz`, every few seconds from each
/// proxy): a file written, read back and removed at most once every five
/// minutes (a versioned bucket keeps every write), a listing in between;
/// within `PROBE_LIMIT` either way.
pub async fn probe(store: &FileStore) -> std::io::Result<()> {
    let checked = async {
        if !store.write_probe_due() {
            return store.reachable().await;
        }
        let name = new_name(FileKind::Pdf);
        let mut writer = store.writer(&name).await?;
        writer.write(Bytes::from_static(b"ready")).await?;
        writer.finish().await?;
        let read = store.read(&name).await;
        let deleted = store.delete(&name).await;
        match read {
            Ok(bytes) if bytes.as_ref() == b"ready" => deleted.map(|()| store.write_probe_done()),
            Ok(_) => Err(std::io::Error::other("the file read back differs")),
            Err(error) => Err(error),
        }
    };
    tokio::time::timeout(PROBE_LIMIT, checked)
        .await
        .unwrap_or_else(|_| Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "the file store did not answer")))
}

/// Writes `bytes` as a new file in place.
pub async fn store_bytes(store: &FileStore, bytes: &[u8], kind: FileKind) -> Result<Stored, AppError> {
    let name = new_name(kind);
    let mut writer = store.writer(&name).await.map_err(internal)?;
    if let Err(error) = writer.write(Bytes::copy_from_slice(bytes)).await {
        writer.abort().await;
        return Err(internal(error));
    }
    writer.finish().await.map_err(internal)?;
    Ok(Stored { stored_name: name, kind, size: bytes.len() as u64 })
}

/// A whole stored file; NotFound when it is not there.
pub async fn read(store: &FileStore, stored_name: &str) -> Result<Bytes, AppError> {
    reached(stored_name, store.read(stored_name)).await
}

/// A stored file as a stream (a download) and its size.
pub async fn open(
    store: &FileStore,
    stored_name: &str,
) -> Result<(futures::stream::BoxStream<'static, std::io::Result<Bytes>>, u64), AppError> {
    reached(stored_name, store.open_stream(stored_name)).await
}

/// What the store answered for one of our names: a name not ours or a
/// file not there is NotFound (logged: a row names it); anything else
/// is the store's failure.
async fn reached<T>(
    stored_name: &str,
    answer: impl std::future::Future<Output = std::io::Result<T>>,
) -> Result<T, AppError> {
    if !is_ours(stored_name) {
        return Err(AppError::NotFound);
    }
    answer.await.map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => {
            tracing::warn!(stored_name, "stored file missing");
            AppError::NotFound
        }
        _ => internal(error),
    })
}

/// A piece's current file (`first`) and a file just received, combined
/// into one new PDF in place (at most `max` bytes). The two inputs stay:
/// the caller removes them once the database points to the new one.
pub async fn combine(
    store: &FileStore,
    work: &super::pdf_work::PdfWork,
    candidate: i64,
    first: (&str, FileKind),
    added: &Stored,
    max: u64,
) -> Result<Stored, AppError> {
    let (first_kind, added_kind) = (first.1, added.kind);
    // Read once the candidate's turn is taken: two tabs never hold their
    // files in memory at once.
    let inputs = async { Ok::<_, AppError>((read(store, first.0).await?, read(store, &added.stored_name).await?)) };
    let bytes = work
        .run_with(candidate, inputs, move |(a, b)| -> Result<Vec<u8>, AppError> {
            pdf::merge(&[(first_kind, &a), (added_kind, &b)])
                .map_err(|_| AppError::FileRefused(UploadProblem::Unreadable))
        })
        .await??;
    if bytes.len() as u64 > max {
        return Err(AppError::FileRefused(UploadProblem::CombinedTooLarge { max }));
    }
    store_bytes(store, &bytes, FileKind::Pdf).await
}

/// Removes a file no row names (an upload refused after it was stored).
pub async fn remove(store: &FileStore, stored_name: &str) {
    if !is_ours(stored_name) {
        return;
    }
    if let Err(error) = store.delete(stored_name).await {
        tracing::warn!(%error, stored_name, "file not removed; the purge job sweeps it");
    }
}

/// Removes a file whose row is gone; true when it is out of the store (a
/// file already missing counts as gone).
async fn remove_if_there(store: &FileStore, stored_name: &str) -> bool {
    if !is_ours(stored_name) {
        return true;
    }
    match store.delete(stored_name).await {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(%error, stored_name, "file not removed; the purge job tries again");
            false
        }
    }
}

/// After the commit that deleted their rows (and noted them in
/// `pending_deletions`): the files leave the store, then their notes. What
/// fails here, or a crash before, the purge job finishes.
pub async fn discard(pool: &sqlx::AnyPool, store: &FileStore, stored_names: &[String]) {
    for name in stored_names {
        if remove_if_there(store, name).await {
            let done = async { super::store::deletions::done(&mut *pool.acquire().await?, name).await }.await;
            if let Err(error) = done {
                tracing::warn!(%error, name, "pending deletion left for the purge job");
            }
        }
    }
}

/// The purge job: every file noted in `pending_deletions` leaves the
/// store, then its note; returns how many.
pub async fn drain_pending(
    conn: &mut super::store::Conn,
    store: &FileStore,
) -> Result<usize, super::store::StoreError> {
    let mut removed = 0;
    for name in super::store::deletions::pending(conn, 10_000).await? {
        if remove_if_there(store, &name).await {
            super::store::deletions::done(conn, &name).await?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The purge job: stored files no row names (candidates' files, model
/// files, pending deletions) and written before `cutoff` (seconds since
/// 1970) leave the store: what a crash between writing a file and
/// recording it left. Fresh files may be on their way into a row. Returns
/// how many.
pub async fn sweep_orphans(
    conn: &mut super::store::Conn,
    store: &FileStore,
    cutoff: i64,
) -> Result<usize, super::store::StoreError> {
    let referenced = super::store::deletions::referenced(conn).await?;
    let mut listing = store.list();
    let mut removed = 0;
    loop {
        let entry = match listing.try_next().await {
            Ok(Some(entry)) => entry,
            Ok(None) => break,
            // A folder not made yet holds nothing.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => break,
            Err(error) => {
                tracing::warn!(%error, "file store listing interrupted; the next purge goes on");
                break;
            }
        };
        if !is_ours(&entry.name) || referenced.contains(&entry.name) || entry.modified >= cutoff {
            continue;
        }
        match store.delete(&entry.name).await {
            Ok(()) => {
                tracing::info!(stored_name = entry.name, "orphan file removed");
                removed += 1;
            }
            Err(error) => tracing::warn!(%error, stored_name = entry.name, "orphan file not removed"),
        }
    }
    Ok(removed)
}

#[track_caller]
fn internal(error: std::io::Error) -> AppError {
    AppError::internal("file storage", error)
}

/// Removes what interrupted uploads left behind (written before `cutoff`,
/// so uploads under way are spared); returns how many.
pub async fn sweep_tmp(store: &FileStore, cutoff: i64) -> usize {
    store.sweep_tmp(cutoff).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_reach_the_store() {
        assert!(is_ours(&new_name(FileKind::Pdf)) && is_ours(&new_name(FileKind::Jpeg)));
        assert!(is_ours("LTAWsjx3pBrwrlf4nElZDwWxHS3zK3Ky.pdf"));
        for name in [
            "Cargo.toml",
            "sesame.db",
            "index.html",
            "LTAWsjx3pBrwrlf4nElZDwWxHS3zK3Ky.exe",
            "LTAWsjx3pBrwrlf4nElZDwWxHS3zK3Ky.pdf.bak",
            "../LTAWsjx3pBrwrlf4nElZDwWxHS3zK3Ky.pdf",
            "tmp/LTAWsjx3pBrwrlf4nElZDwWxHS3zK3Ky.pdf",
            "short.pdf",
            "",
        ] {
            assert!(!is_ours(name), "{name}");
        }
    }
}
