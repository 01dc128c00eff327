//! Benchmark (run with `cargo bench -p server --bench uploads`, not part of
//! the tests): receiving 2 MB pièces justificatives the way the upload
//! route does (`app::server::files::receive`: streamed in 64 KiB chunks,
//! checked, stored) against the raw speed of writing the same bytes to the
//! same disk, then 100 uploads at once, with the peak memory of each burst.
//! The same again into an S3 bucket when `SESAME_TEST_S3_URL` names one
//! (`scripts/s3.sh` starts moto on loopback and exports it). Each burst
//! runs in a process of its own (this program again, `burst folder|s3`),
//! so that its peak memory is its own, not what an earlier phase left in
//! the allocator.

mod support;

use std::time::Instant;

use bytes::Bytes;
use futures::TryStreamExt;

use app::domain::upload::DEFAULT_MAX_BYTES;
use app::server::files::{self, Credentials, FileStore, Location};

const SIZE: usize = 2 * 1024 * 1024;
const CHUNK: usize = 64 * 1024;
const ROUNDS: usize = 50;

fn payload() -> Bytes {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(SIZE, b'x');
    Bytes::from(bytes)
}

/// The body as the network hands it over: 64 KiB chunks, each its own
/// buffer (a slice of one shared payload would let the S3 writer keep
/// every upload at no cost, which the network never does).
fn chunks(data: &Bytes) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> + Unpin {
    let data = data.clone();
    futures::stream::iter(
        (0..data.len())
            .step_by(CHUNK)
            .map(move |i| Ok::<_, std::io::Error>(Bytes::copy_from_slice(&data[i..(i + CHUNK).min(data.len())]))),
    )
}

/// `ROUNDS` uploads one after the other: MB/s.
async fn one_after_the_other(store: &FileStore, data: &Bytes) -> f64 {
    let start = Instant::now();
    for _ in 0..ROUNDS {
        files::receive(store, chunks(data), DEFAULT_MAX_BYTES).await.unwrap();
    }
    (ROUNDS * SIZE) as f64 / start.elapsed().as_secs_f64() / 1e6
}

/// 100 uploads at once: (seconds, MB/s, MiB of peak memory over the
/// RSS before).
async fn burst(store: &FileStore, data: &Bytes) -> (f64, f64, u64) {
    let before = support::peak_rss_kib();
    let start = Instant::now();
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let (store, data) = (store.clone(), data.clone());
            tokio::spawn(async move { files::receive(&store, chunks(&data), DEFAULT_MAX_BYTES).await.map(|_| ()) })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap_or_else(|_| panic!("upload refused"));
    }
    let seconds = start.elapsed().as_secs_f64();
    (seconds, (100 * SIZE) as f64 / seconds / 1e6, (support::peak_rss_kib() - before) / 1024)
}

/// The S3 test bucket under a prefix of this run's.
fn bucket() -> Option<(FileStore, Location)> {
    let url = std::env::var("SESAME_TEST_S3_URL").ok()?;
    let (base, query) = url.split_once('?').unwrap_or((&url, ""));
    let location = Location::parse(&format!("{base}/bench-{}?{query}", std::process::id()), || {
        Ok(Credentials { access_key_id: "testing".into(), secret_access_key: "testing".into() })
    })
    .unwrap();
    Some((FileStore::open(&location).unwrap(), location))
}

/// `burst folder|s3`: one burst in this process, then its objects removed.
async fn burst_alone(which: &str) {
    let data = payload();
    let root = std::env::temp_dir().join(format!("sesame-bench-burst-{}", std::process::id()));
    let store = match which {
        "s3" => bucket().expect("SESAME_TEST_S3_URL").0,
        _ => FileStore::folder(root.join("files")),
    };
    let (seconds, rate, rss) = burst(&store, &data).await;
    println!("{which}: 100 concurrent uploads of 2 MB: {seconds:.2} s, {rate:.0} MB/s, peak RSS +{rss} MiB");
    let names: Vec<String> = store.list().map_ok(|e| e.name).try_collect().await.unwrap_or_default();
    for name in names {
        store.delete(&name).await.unwrap();
    }
    let _ = std::fs::remove_dir_all(&root);
}

/// This program again for one burst, its lines printed.
fn burst_in_own_process(which: &str) {
    let out = std::process::Command::new(std::env::current_exe().unwrap()).args(["burst", which]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    print!("{}", String::from_utf8_lossy(&out.stdout));
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(which) = args.iter().position(|a| a == "burst").and_then(|i| args.get(i + 1)) {
        return burst_alone(which).await;
    }
    let root = std::env::temp_dir().join(format!("sesame-bench-uploads-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    let folder = FileStore::folder(root.join("files"));
    let data = payload();

    // Raw writes, measured before and after the receives (the first pass
    // also warms the disk up), each 2 MB in one call, then fsync.
    let raw_once = |pass: usize| {
        let (root, data) = (root.clone(), data.clone());
        async move {
            let start = Instant::now();
            for i in 0..ROUNDS {
                let path = root.join(format!("raw-{pass}-{i}"));
                let mut file = tokio::fs::File::create(&path).await.unwrap();
                tokio::io::AsyncWriteExt::write_all(&mut file, &data).await.unwrap();
                file.sync_all().await.unwrap();
            }
            start.elapsed().as_secs_f64()
        }
    };
    raw_once(0).await;
    let raw = raw_once(1).await;
    let mb_s = one_after_the_other(&folder, &data).await;
    let raw_after = raw_once(2).await;
    let raw_mb_s = (2 * ROUNDS * SIZE) as f64 / (raw + raw_after) / 1e6;
    println!("raw write + fsync of 2 MB, measured again after: {raw_mb_s:.0} MB/s on average");
    println!(
        "folder: files::receive of 2 MB, one after the other: {mb_s:.0} MB/s ({:.1} ms each), {:.0} % of the raw speed",
        SIZE as f64 / mb_s / 1e3,
        100.0 * mb_s / raw_mb_s
    );
    burst_in_own_process("folder");

    match bucket() {
        Some((bucket, location)) => {
            let s3_mb_s = one_after_the_other(&bucket, &data).await;
            println!(
                "S3 ({}): files::receive of 2 MB, one after the other: {s3_mb_s:.0} MB/s ({:.1} ms each), {:.0} % of the folder's",
                location.describe(),
                SIZE as f64 / s3_mb_s / 1e3,
                100.0 * s3_mb_s / mb_s
            );
            burst_in_own_process("s3");
            let names: Vec<String> = bucket.list().map_ok(|e| e.name).try_collect().await.unwrap();
            for name in names {
                bucket.delete(&name).await.unwrap();
            }
        }
        None => println!("S3: not measured (SESAME_TEST_S3_URL unset: source scripts/s3.sh first)"),
    }
    let _ = std::fs::remove_dir_all(&root);
}
