//! `sesame storage migrate --to URL`: every stored file copied to another
//! store (a folder to a bucket, or back). Idempotent and resumable: a file
//! already at the destination with the same size is left alone; a copied
//! file is read back and its SHA-256 compared with the source's before it
//! counts as copied. The source is never changed.

use std::collections::HashMap;

use futures::TryStreamExt;
use sha2::{Digest, Sha256};

use super::store::FileStore;

/// What a migration did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Copied and checked (size and SHA-256).
    pub copied: usize,
    pub copied_bytes: u64,
    /// Already at the destination with the same size.
    pub present: usize,
    /// Names whose copy failed, with the reason.
    pub failed: Vec<(String, String)>,
}

/// Copies every file of `from` to `to`; `progress` hears of each file.
pub async fn migrate(from: &FileStore, to: &FileStore, mut progress: impl FnMut(&str, &str)) -> Report {
    let mut report = Report::default();
    // What the destination holds, listed once (not one request a file).
    let present = sizes(to).await;
    let mut listing = from.list();
    loop {
        let entry = match listing.try_next().await {
            Ok(Some(entry)) => entry,
            Ok(None) => break,
            Err(error) => {
                report.failed.push(("(liste des fichiers)".into(), error.to_string()));
                break;
            }
        };
        if !super::is_ours(&entry.name) {
            continue;
        }
        if present.get(&entry.name) == Some(&entry.size) {
            report.present += 1;
            progress(&entry.name, "déjà là");
            continue;
        }
        match copy_checked(from, to, &entry.name).await {
            Ok(size) => {
                report.copied += 1;
                report.copied_bytes += size;
                progress(&entry.name, "copié");
            }
            Err(error) => {
                progress(&entry.name, "ÉCHEC");
                report.failed.push((entry.name, error));
            }
        }
    }
    report
}

/// One file streamed from `from` to `to`, then read back and compared.
async fn copy_checked(from: &FileStore, to: &FileStore, name: &str) -> Result<u64, String> {
    let (mut source, size) = from.open_stream(name).await.map_err(|e| format!("lecture : {e}"))?;
    let mut writer = to.writer(name).await.map_err(|e| format!("écriture : {e}"))?;
    let mut hash = Sha256::new();
    let mut sent = 0u64;
    let streamed = async {
        while let Some(chunk) = source.try_next().await.map_err(|e| format!("lecture : {e}"))? {
            hash.update(&chunk);
            sent += chunk.len() as u64;
            writer.write(chunk).await.map_err(|e| format!("écriture : {e}"))?;
        }
        Ok::<_, String>(())
    }
    .await;
    if let Err(error) = streamed {
        writer.abort().await;
        return Err(error);
    }
    writer.finish().await.map_err(|e| format!("écriture : {e}"))?;
    if sent != size {
        let _ = to.delete(name).await;
        return Err(format!("{sent} octets lus pour {size} annoncés : copie retirée"));
    }
    let (mut back, back_size) = to.open_stream(name).await.map_err(|e| format!("relecture : {e}"))?;
    let mut check = Sha256::new();
    while let Some(chunk) = back.try_next().await.map_err(|e| format!("relecture : {e}"))? {
        check.update(&chunk);
    }
    if back_size != size || check.finalize() != hash.finalize() {
        // Not left to pass for a good copy (same size) at the next run.
        let _ = to.delete(name).await;
        return Err("la copie relue diffère de l'original : retirée".into());
    }
    Ok(size)
}

/// Of `names` (every file the database names), those `to` does not hold:
/// the last check before switching `SESAME_STORAGE_URL` to it.
pub async fn missing(to: &FileStore, names: impl IntoIterator<Item = String>) -> Vec<String> {
    let present = sizes(to).await;
    names.into_iter().filter(|name| !present.contains_key(name)).collect()
}

/// Every file a store holds, with its size; nothing when it cannot be
/// listed (a folder not made yet, a store that does not answer: then each
/// file counts as missing, and its copy says why it fails).
async fn sizes(store: &FileStore) -> HashMap<String, u64> {
    store.list().map_ok(|e| (e.name, e.size)).try_collect().await.unwrap_or_default()
}
