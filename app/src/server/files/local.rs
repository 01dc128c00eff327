//! The local folder (`file://…`, the embedded default): a file is written
//! into `tmp/` under its future name, flushed to the disk, then renamed into
//! place, so a crash leaves no half file under a real name, only `tmp/`
//! debris that `sweep_tmp` removes.

use std::io;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use futures::stream::BoxStream;
use futures::StreamExt;
use tokio::io::AsyncWriteExt;

use super::store::{Entry, Listing};

#[derive(Debug)]
pub struct LocalFolder {
    root: PathBuf,
}

/// A file on its way into the folder.
pub struct LocalWriter {
    file: tokio::fs::File,
    tmp: PathBuf,
    dest: PathBuf,
}

impl LocalFolder {
    pub fn new(root: PathBuf) -> Self {
        LocalFolder { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    pub async fn writer(&self, name: &str) -> io::Result<LocalWriter> {
        tokio::fs::create_dir_all(self.tmp_dir()).await?;
        let tmp = self.tmp_dir().join(name);
        let file = tokio::fs::File::create(&tmp).await?;
        Ok(LocalWriter { file, tmp, dest: self.path(name) })
    }

    pub async fn read(&self, name: &str) -> io::Result<Bytes> {
        tokio::fs::read(self.path(name)).await.map(Bytes::from)
    }

    pub async fn open(&self, name: &str) -> io::Result<(BoxStream<'static, io::Result<Bytes>>, u64)> {
        let file = tokio::fs::File::open(self.path(name)).await?;
        let size = file.metadata().await?.len();
        Ok((tokio_util::io::ReaderStream::new(file).boxed(), size))
    }

    pub async fn reachable(&self) -> io::Result<()> {
        let meta = tokio::fs::metadata(&self.root).await?;
        if meta.is_dir() {
            Ok(())
        } else {
            Err(io::Error::other(format!("{} is not a folder", self.root.display())))
        }
    }

    pub async fn size(&self, name: &str) -> io::Result<u64> {
        tokio::fs::metadata(self.path(name)).await.map(|m| m.len())
    }

    pub async fn delete(&self, name: &str) -> io::Result<()> {
        tokio::fs::remove_file(self.path(name)).await
    }

    /// The files directly in the folder (not `tmp/`), with their
    /// modification time; NotFound when there is no folder (a fresh
    /// install for the sweep, a wrong path for a migration).
    pub fn list(&self) -> Listing {
        let root = self.root.clone();
        futures::stream::once(async move {
            let mut entries = match tokio::fs::read_dir(&root).await {
                Ok(entries) => entries,
                Err(error) => return futures::stream::iter([Err(error)]).boxed(),
            };
            let mut found = Vec::new();
            loop {
                match entries.next_entry().await {
                    Ok(Some(entry)) => {
                        let Ok(name) = entry.file_name().into_string() else { continue };
                        let Ok(meta) = entry.metadata().await else { continue };
                        if !meta.is_file() {
                            continue;
                        }
                        let modified = meta.modified().map(unix_seconds).unwrap_or(0);
                        found.push(Ok(Entry { name, size: meta.len(), modified }));
                    }
                    Ok(None) => break,
                    Err(error) => {
                        found.push(Err(error));
                        break;
                    }
                }
            }
            futures::stream::iter(found).boxed()
        })
        .flatten()
        .boxed()
    }

    /// Removes what interrupted writes left in `tmp/` (modified before
    /// `cutoff`, so writes under way are spared); returns how many.
    pub async fn sweep_tmp(&self, cutoff: i64) -> usize {
        let Ok(mut entries) = tokio::fs::read_dir(self.tmp_dir()).await else { return 0 };
        let mut removed = 0;
        while let Ok(Some(entry)) = entries.next_entry().await {
            let old =
                entry.metadata().await.ok().and_then(|m| m.modified().ok()).is_some_and(|t| unix_seconds(t) < cutoff);
            if old && tokio::fs::remove_file(entry.path()).await.is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

impl LocalWriter {
    pub async fn write(&mut self, chunk: Bytes) -> io::Result<()> {
        self.file.write_all(&chunk).await
    }

    /// Flushed to the disk, then under its real name, the folder itself
    /// flushed: once this returns, a power cut loses neither the bytes nor
    /// the name the database is about to record.
    pub async fn finish(mut self) -> io::Result<()> {
        let done = async {
            self.file.flush().await?;
            self.file.sync_all().await?;
            tokio::fs::rename(&self.tmp, &self.dest).await?;
            match self.dest.parent() {
                Some(folder) => tokio::fs::File::open(folder).await?.sync_all().await,
                None => Ok(()),
            }
        }
        .await;
        if done.is_err() {
            let _ = tokio::fs::remove_file(&self.tmp).await;
        }
        done
    }

    pub async fn abort(self) {
        drop(self.file);
        let _ = tokio::fs::remove_file(&self.tmp).await;
    }
}

fn unix_seconds(t: std::time::SystemTime) -> i64 {
    match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sweeps_only_old_debris() {
        let name: String =
            crate::server::auth::tokens::random_token().chars().filter(char::is_ascii_alphanumeric).collect();
        let root = std::env::temp_dir().join(format!("sesame-sweep-{name}"));
        let folder = LocalFolder::new(root.clone());
        std::fs::create_dir_all(folder.tmp_dir()).unwrap();
        let old = folder.tmp_dir().join("old");
        std::fs::write(&old, b"%PDF-").unwrap();
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options().write(true).open(&old).unwrap().set_modified(an_hour_ago).unwrap();
        std::fs::write(folder.tmp_dir().join("fresh"), b"%PDF-").unwrap();
        let cutoff = unix_seconds(std::time::SystemTime::now()) - 3600;
        assert_eq!(folder.sweep_tmp(cutoff).await, 1);
        assert!(!old.exists() && folder.tmp_dir().join("fresh").exists());
        assert_eq!(LocalFolder::new(root.join("nowhere")).sweep_tmp(cutoff).await, 0);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
