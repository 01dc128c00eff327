//! Where files live, behind one interface: the local folder (`local.rs`,
//! the embedded default) or an S3-compatible bucket (`bucket.rs`), chosen
//! by `SESAME_STORAGE_URL`. Names are ours (random, alphanumeric, an
//! extension); this layer stores, reads, lists and deletes them and knows
//! nothing of pieces or rows.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use futures::stream::BoxStream;

use super::bucket::{Bucket, BucketConfig, BucketWriter};
use super::local::{LocalFolder, LocalWriter};

/// A stored file as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub size: u64,
    /// When it was written, in seconds since 1970.
    pub modified: i64,
}

pub type Listing = BoxStream<'static, io::Result<Entry>>;

/// `SESAME_STORAGE_URL`, read: a folder or a bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Folder(PathBuf),
    Bucket(BucketConfig),
}

/// S3 credentials, from the environment or a file (`Location::parse`).
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl Location {
    /// `file://PATH` (relative to the working directory unless it starts
    /// with `/`) or `s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION`
    /// (AWS itself without `endpoint`; `http://` only on the loopback).
    /// The message names what is wrong, in French (it stops the server).
    pub fn parse(text: &str, credentials: impl FnOnce() -> Result<Credentials, String>) -> Result<Location, String> {
        if let Some(rest) = text.strip_prefix("file://") {
            // file:///srv/… and file://localhost/srv/… are absolute;
            // file://data/files is relative to the working directory.
            let path = rest.strip_prefix("localhost/").map(|p| format!("/{p}")).unwrap_or_else(|| rest.to_owned());
            if path.is_empty() || path.contains(['?', '#']) {
                return Err("attendu file://DOSSIER (sans ? ni #)".into());
            }
            return Ok(Location::Folder(PathBuf::from(path)));
        }
        if !text.starts_with("s3://") {
            return Err("attendu file://DOSSIER ou s3://BUCKET?endpoint=…&region=…".into());
        }
        let url = url::Url::parse(text).map_err(|e| format!("adresse illisible : {e}"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err("pas de clés dans l'adresse : AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY, ou \
                        SESAME_STORAGE_CREDENTIALS_FILE"
                .into());
        }
        if url.port().is_some() || url.fragment().is_some() {
            return Err("s3://BUCKET[/PRÉFIXE] : le port va dans endpoint=…".into());
        }
        let bucket = url.host_str().filter(|b| !b.is_empty()).ok_or("le nom du bucket manque (s3://BUCKET…)")?;
        let prefix = url.path().trim_matches('/');
        if !prefix.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) || prefix.contains("//") {
            return Err(format!("préfixe « {prefix} » : lettres, chiffres, - _ . et / seulement"));
        }
        let (mut endpoint, mut region) = (None, None);
        for (key, value) in url.query_pairs() {
            let slot = match key.as_ref() {
                "endpoint" => &mut endpoint,
                "region" => &mut region,
                other => return Err(format!("paramètre inconnu « {other} » (endpoint, region)")),
            };
            if slot.is_some() || value.is_empty() {
                return Err(format!("« {key} » vide ou donné deux fois"));
            }
            *slot = Some(value.trim_end_matches('/').to_owned());
        }
        if let Some(endpoint) = &endpoint {
            let parsed = url::Url::parse(endpoint).map_err(|e| format!("endpoint illisible : {e}"))?;
            if !parsed.username().is_empty() || parsed.password().is_some() || parsed.query().is_some() {
                return Err("endpoint : l'adresse du serveur seule, sans clés ni paramètres".into());
            }
            match parsed.scheme() {
                "https" => {}
                "http" if is_loopback(parsed.host()) => {}
                "http" => {
                    return Err("endpoint en http:// hors de la boucle locale : les pièces passeraient en clair ; \
                                utilisez https://"
                        .into())
                }
                _ => return Err("endpoint : attendu https://…".into()),
            }
        }
        let Credentials { access_key_id, secret_access_key } = credentials()?;
        Ok(Location::Bucket(BucketConfig {
            bucket: bucket.to_owned(),
            prefix: prefix.to_owned(),
            endpoint,
            region: region.unwrap_or_else(|| "us-east-1".to_owned()),
            access_key_id,
            secret_access_key,
        }))
    }

    /// The URL again, without the credentials (logs, reports).
    pub fn describe(&self) -> String {
        match self {
            Location::Folder(path) => format!("file://{}", path.display()),
            Location::Bucket(b) => {
                let prefix = if b.prefix.is_empty() { String::new() } else { format!("/{}", b.prefix) };
                match &b.endpoint {
                    Some(endpoint) => format!("s3://{}{prefix} ({endpoint})", b.bucket),
                    None => format!("s3://{}{prefix} (AWS, {})", b.bucket, b.region),
                }
            }
        }
    }
}

fn is_loopback(host: Option<url::Host<&str>>) -> bool {
    match host {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The file store every use case, route and job goes through.
#[derive(Clone)]
pub struct FileStore(Arc<Shared>);

struct Shared {
    backend: Backend,
    /// When `/readyz` last wrote a file (seconds since 1970; 0: never).
    write_probed_at: AtomicI64,
}

/// How often `/readyz` writes a file rather than reading a listing.
const WRITE_PROBE_EVERY: i64 = 300;

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

enum Backend {
    Folder(LocalFolder),
    Bucket(Bucket),
}

/// A file on its way in; nothing is under its name before `finish`.
pub enum Writer {
    Folder(LocalWriter),
    Bucket(BucketWriter),
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.location().describe())
    }
}

impl FileStore {
    pub fn open(location: &Location) -> Result<FileStore, String> {
        let backend = match location {
            Location::Folder(path) => Backend::Folder(LocalFolder::new(path.clone())),
            Location::Bucket(config) => Backend::Bucket(Bucket::connect(config.clone())?),
        };
        Ok(FileStore::of(backend))
    }

    fn of(backend: Backend) -> FileStore {
        FileStore(Arc::new(Shared { backend, write_probed_at: AtomicI64::new(0) }))
    }

    /// A local folder (the default, and the tests').
    pub fn folder(root: impl Into<PathBuf>) -> FileStore {
        FileStore::of(Backend::Folder(LocalFolder::new(root.into())))
    }

    /// Whether `/readyz` should write a file this time (`files::probe`).
    pub fn write_probe_due(&self) -> bool {
        now() - self.0.write_probed_at.load(Ordering::Relaxed) >= WRITE_PROBE_EVERY
    }

    pub fn write_probe_done(&self) {
        self.0.write_probed_at.store(now(), Ordering::Relaxed);
    }

    /// Whether the store answers a read (the folder is there; the bucket
    /// lists the first page of the prefix).
    pub async fn reachable(&self) -> io::Result<()> {
        match &self.0.backend {
            Backend::Folder(f) => f.reachable().await,
            Backend::Bucket(b) => b.reachable().await,
        }
    }

    pub fn location(&self) -> Location {
        match &self.0.backend {
            Backend::Folder(f) => Location::Folder(f.root().to_owned()),
            Backend::Bucket(b) => Location::Bucket(b.config().clone()),
        }
    }

    /// The folder, when the files are on this machine's disk.
    pub fn local_root(&self) -> Option<&Path> {
        match &self.0.backend {
            Backend::Folder(f) => Some(f.root()),
            Backend::Bucket(_) => None,
        }
    }

    pub async fn writer(&self, name: &str) -> io::Result<Writer> {
        Ok(match &self.0.backend {
            Backend::Folder(f) => Writer::Folder(f.writer(name).await?),
            Backend::Bucket(b) => Writer::Bucket(b.writer(name).await?),
        })
    }

    /// A whole file (to merge it, or copy it).
    pub async fn read(&self, name: &str) -> io::Result<Bytes> {
        match &self.0.backend {
            Backend::Folder(f) => f.read(name).await,
            Backend::Bucket(b) => b.read(name).await,
        }
    }

    /// A file as a stream of chunks (a download), and its size.
    pub async fn open_stream(&self, name: &str) -> io::Result<(BoxStream<'static, io::Result<Bytes>>, u64)> {
        match &self.0.backend {
            Backend::Folder(f) => f.open(name).await,
            Backend::Bucket(b) => b.open(name).await,
        }
    }

    /// Its size; NotFound when there is no such file.
    pub async fn size(&self, name: &str) -> io::Result<u64> {
        match &self.0.backend {
            Backend::Folder(f) => f.size(name).await,
            Backend::Bucket(b) => b.size(name).await,
        }
    }

    /// Ok when the file is gone, whether it was there or not.
    pub async fn delete(&self, name: &str) -> io::Result<()> {
        let deleted = match &self.0.backend {
            Backend::Folder(f) => f.delete(name).await,
            Backend::Bucket(b) => b.delete(name).await,
        };
        match deleted {
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }

    /// Every stored file.
    pub fn list(&self) -> Listing {
        match &self.0.backend {
            Backend::Folder(f) => f.list(),
            Backend::Bucket(b) => b.list(),
        }
    }

    /// What interrupted writes left behind, older than `cutoff`: `tmp/` in
    /// the folder; in a bucket an interrupted upload leaves no object, and
    /// its parts are the bucket's lifecycle rule's.
    pub async fn sweep_tmp(&self, cutoff: i64) -> usize {
        match &self.0.backend {
            Backend::Folder(f) => f.sweep_tmp(cutoff).await,
            Backend::Bucket(_) => 0,
        }
    }
}

impl Writer {
    pub async fn write(&mut self, chunk: Bytes) -> io::Result<()> {
        match self {
            Writer::Folder(w) => w.write(chunk).await,
            Writer::Bucket(w) => w.write(chunk).await,
        }
    }

    pub async fn finish(self) -> io::Result<()> {
        match self {
            Writer::Folder(w) => w.finish().await,
            Writer::Bucket(w) => w.finish().await,
        }
    }

    pub async fn abort(self) {
        match self {
            Writer::Folder(w) => w.abort().await,
            Writer::Bucket(w) => w.abort().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Result<Credentials, String> {
        Ok(Credentials { access_key_id: "id".into(), secret_access_key: "Zk9-s3cr3t".into() })
    }

    #[test]
    fn reads_the_two_kinds_of_url() {
        assert_eq!(Location::parse("file://data/files", keys), Ok(Location::Folder("data/files".into())));
        assert_eq!(Location::parse("file:///srv/sesame", keys), Ok(Location::Folder("/srv/sesame".into())));
        let Ok(Location::Bucket(b)) =
            Location::parse("s3://pieces/sesame/prod?endpoint=http://127.0.0.1:9000/&region=eu-west-3", keys)
        else {
            panic!("a bucket")
        };
        assert_eq!(
            (b.bucket.as_str(), b.prefix.as_str(), b.endpoint.as_deref(), b.region.as_str()),
            ("pieces", "sesame/prod", Some("http://127.0.0.1:9000"), "eu-west-3")
        );
        let Ok(Location::Bucket(aws)) = Location::parse("s3://pieces", keys) else { panic!("a bucket") };
        assert_eq!((aws.prefix.as_str(), aws.endpoint, aws.region.as_str()), ("", None, "us-east-1"));
    }

    #[test]
    fn refuses_what_would_leak_or_mislead() {
        let clear = Location::parse("s3://pieces?endpoint=http://minio.univ.fr:9000", keys).unwrap_err();
        assert!(clear.contains("en clair"), "{clear}");
        assert!(Location::parse("s3://pieces?endpoint=https://minio.univ.fr", keys).is_ok());
        assert!(Location::parse("s3://pieces?endpoint=http://[::1]:9000", keys).is_ok());
        assert!(Location::parse("s3://pieces?endpont=https://x", keys).unwrap_err().contains("endpont"));
        assert!(Location::parse("/srv/files", keys).is_err());
        assert!(Location::parse("file://", keys).is_err());
        assert!(Location::parse("s3://", keys).is_err());
        for refused in [
            "s3://KEY:SECRET@pieces",
            "s3://pieces:9000",
            "s3://pieces/a%20b",
            "s3://pieces/a//b",
            "s3://pieces?region=",
            "s3://pieces?region=a&region=b",
            "s3://pieces?endpoint=https://key:secret@s3.univ.fr",
            "s3://pieces?endpoint=ftp://s3.univ.fr",
            "file://files?x=1",
        ] {
            let said = Location::parse(refused, keys).unwrap_err();
            assert!(!said.contains("KEY:SECRET") && !said.contains("key:secret"), "{refused}: {said}");
        }
        assert_eq!(Location::parse("file://localhost/srv/f", keys), Ok(Location::Folder("/srv/f".into())));
        let missing = Location::parse("s3://pieces", || Err("AWS_ACCESS_KEY_ID manque".into())).unwrap_err();
        assert!(missing.contains("AWS_ACCESS_KEY_ID"));
    }

    #[test]
    fn never_shows_the_secret() {
        let location = Location::parse("s3://pieces?endpoint=https://s3.univ.fr", keys).unwrap();
        let store = FileStore::open(&location).unwrap();
        let shown = format!("{location:?} {store:?} {}", location.describe());
        assert!(shown.contains("pieces") && !shown.contains("Zk9-s3cr3t"), "{shown}");
    }
}
