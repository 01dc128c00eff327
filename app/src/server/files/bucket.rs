//! S3-compatible object storage (`s3://bucket/prefix?endpoint=…&region=…`)
//! through `object_store`. A file is written with a buffered writer: under
//! 5 MiB one PUT, beyond it a multipart upload of 5 MiB parts; nothing is
//! visible under the key until the upload completes, and an aborted one
//! leaves no object (the bucket's lifecycle rule removes the parts of an
//! upload cut off by a crash, DEPLOY.md). Memory is bounded: at most
//! `UPLOADS` files go up at once, each holding at most 5 MiB plus one part
//! in flight; the others wait, their bodies unread.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::buffered::BufWriter;
use object_store::path::Path as Key;
use object_store::{ClientOptions, ObjectStore, ObjectStoreExt, RetryConfig};
use tokio::io::AsyncWriteExt;

use super::store::{Entry, Listing};

/// Up to this much of a file is held in memory before it goes out as a
/// part of a multipart upload (S3's smallest part).
const PART_BYTES: usize = 5 * 1024 * 1024;

/// Files going up at once, per instance (about 10 MiB each at most).
const UPLOADS: usize = 32;

/// A store that does not answer is given up on within seconds (the
/// crate's default retries for three minutes): a candidate sees the error
/// and `/readyz` takes the instance out of the balancer.
fn patience() -> (RetryConfig, ClientOptions) {
    let retry = RetryConfig { max_retries: 3, retry_timeout: Duration::from_secs(15), ..RetryConfig::default() };
    // No limit on a whole request (a long download streams as long as it
    // flows), but 20 s without a byte ends it.
    let client = ClientOptions::new()
        .with_connect_timeout(Duration::from_secs(3))
        .with_timeout_disabled()
        .with_read_timeout(Duration::from_secs(20));
    (retry, client)
}

/// Where the bucket is and how to sign in to it.
#[derive(Clone, PartialEq, Eq)]
pub struct BucketConfig {
    pub bucket: String,
    /// Keys start with this (no slash at either end), or nothing.
    pub prefix: String,
    /// The server, for a store other than AWS (`http://` only on loopback).
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl std::fmt::Debug for BucketConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BucketConfig")
            .field("bucket", &self.bucket)
            .field("prefix", &self.prefix)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"***")
            .finish()
    }
}

pub struct Bucket {
    store: Arc<dyn ObjectStore>,
    prefix: Key,
    config: BucketConfig,
    uploads: Arc<tokio::sync::Semaphore>,
}

impl std::fmt::Debug for Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.config.fmt(f)
    }
}

/// A file on its way into the bucket, and its turn among the uploads
/// (given back when the writer goes).
pub struct BucketWriter {
    writer: BufWriter,
    _turn: tokio::sync::OwnedSemaphorePermit,
}

impl Bucket {
    pub fn connect(config: BucketConfig) -> Result<Self, String> {
        let (retry, client) = patience();
        let mut builder = AmazonS3Builder::new()
            .with_retry(retry)
            .with_client_options(client)
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_access_key_id(&config.access_key_id)
            .with_secret_access_key(&config.secret_access_key);
        if let Some(endpoint) = &config.endpoint {
            builder = builder.with_endpoint(endpoint).with_allow_http(endpoint.starts_with("http://"));
        }
        let store = builder.build().map_err(|e| e.to_string())?;
        Ok(Bucket {
            store: Arc::new(store),
            prefix: Key::from(config.prefix.as_str()),
            config,
            uploads: Arc::new(tokio::sync::Semaphore::new(UPLOADS)),
        })
    }

    pub fn config(&self) -> &BucketConfig {
        &self.config
    }

    fn key(&self, name: &str) -> Key {
        self.prefix.clone().join(name)
    }

    pub async fn writer(&self, name: &str) -> io::Result<BucketWriter> {
        let turn = self.uploads.clone().acquire_owned().await.map_err(io::Error::other)?;
        let writer = BufWriter::with_capacity(self.store.clone(), self.key(name), PART_BYTES).with_max_concurrency(1);
        Ok(BucketWriter { writer, _turn: turn })
    }

    pub async fn read(&self, name: &str) -> io::Result<Bytes> {
        Ok(self.store.get(&self.key(name)).await?.bytes().await?)
    }

    pub async fn open(&self, name: &str) -> io::Result<(BoxStream<'static, io::Result<Bytes>>, u64)> {
        let got = self.store.get(&self.key(name)).await?;
        let size = got.meta.size;
        Ok((got.into_stream().map_err(io::Error::from).boxed(), size))
    }

    pub async fn size(&self, name: &str) -> io::Result<u64> {
        Ok(self.store.head(&self.key(name)).await?.size)
    }

    /// A missing key counts as deleted (S3 answers so).
    pub async fn delete(&self, name: &str) -> io::Result<()> {
        Ok(self.store.delete(&self.key(name)).await?)
    }

    /// The objects directly under the prefix (listed with a delimiter:
    /// whatever else sits deeper in the bucket is never read).
    pub fn list(&self) -> Listing {
        let (store, prefix) = (self.store.clone(), self.prefix.clone());
        futures::stream::once(async move {
            match store.list_with_delimiter(Some(&prefix)).await {
                Ok(listed) => futures::stream::iter(listed.objects.into_iter().filter_map(|meta| {
                    let name = meta.location.filename()?.to_owned();
                    Some(Ok(Entry { name, size: meta.size, modified: meta.last_modified.timestamp() }))
                }))
                .boxed(),
                Err(error) => futures::stream::iter([Err(io::Error::from(error))]).boxed(),
            }
        })
        .flatten()
        .boxed()
    }

    /// The first page of the prefix's listing.
    pub async fn reachable(&self) -> io::Result<()> {
        match self.store.list(Some(&self.prefix)).next().await {
            None | Some(Ok(_)) => Ok(()),
            Some(Err(error)) => Err(error.into()),
        }
    }
}

impl BucketWriter {
    pub async fn write(&mut self, chunk: Bytes) -> io::Result<()> {
        Ok(self.writer.put(chunk).await?)
    }

    /// The last part sent and the upload completed (or the one PUT made).
    pub async fn finish(mut self) -> io::Result<()> {
        self.writer.shutdown().await
    }

    pub async fn abort(mut self) {
        if let Err(error) = self.writer.abort().await {
            tracing::warn!(%error, "multipart upload not aborted; the bucket's lifecycle rule removes its parts");
        }
    }
}
