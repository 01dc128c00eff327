//! Benchmark (run with `cargo bench -p server --bench uploads`, not part of
//! the tests): receiving 2 MB pièces justificatives the way the upload
//! route does (`app::server::files::receive`: streamed in 64 KiB chunks,
//! checked, flushed, renamed into place) against the raw speed of writing
//! the same bytes to the same disk, then 100 uploads at once, with the
//! process's peak memory before and after.

mod support;

use std::time::Instant;

use bytes::Bytes;

use app::domain::upload::DEFAULT_MAX_BYTES;
use app::server::files;

const SIZE: usize = 2 * 1024 * 1024;
const CHUNK: usize = 64 * 1024;

fn payload() -> Bytes {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(SIZE, b'x');
    Bytes::from(bytes)
}

/// The body as the network hands it over: 64 KiB chunks.
fn chunks(data: &Bytes) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> + Unpin {
    let parts: Vec<Result<Bytes, std::io::Error>> =
        (0..data.len()).step_by(CHUNK).map(|i| Ok(data.slice(i..(i + CHUNK).min(data.len())))).collect();
    futures::stream::iter(parts)
}

#[tokio::main]
async fn main() {
    let root = std::env::temp_dir().join(format!("sesame-bench-uploads-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    let data = payload();
    let rounds = 50;

    // Raw writes, measured before and after the receives (the first pass
    // also warms the disk up), each 2 MB in one call, then fsync.
    let raw_once = |pass: usize| {
        let (root, data) = (root.clone(), data.clone());
        async move {
            let start = Instant::now();
            for i in 0..rounds {
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
    let start = Instant::now();
    for _ in 0..rounds {
        files::receive(&root, chunks(&data), DEFAULT_MAX_BYTES).await.unwrap();
    }
    let received = start.elapsed().as_secs_f64();
    let mb_s = (rounds * SIZE) as f64 / received / 1e6;
    let raw_after = raw_once(2).await;
    let raw_mb_s = (2 * rounds * SIZE) as f64 / (raw + raw_after) / 1e6;
    println!("raw write + fsync of 2 MB, measured again after: {raw_mb_s:.0} MB/s on average");
    println!(
        "files::receive of 2 MB, one after the other: {mb_s:.0} MB/s ({:.1} ms each), {:.0} % of the raw speed",
        received * 1000.0 / rounds as f64,
        100.0 * mb_s / raw_mb_s
    );

    let before = support::peak_rss_kib();
    println!("peak RSS before the burst: {} MiB (the 2 MB payload held once)", before / 1024);
    let start = Instant::now();
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let (root, data) = (root.clone(), data.clone());
            tokio::spawn(async move { files::receive(&root, chunks(&data), DEFAULT_MAX_BYTES).await.map(|_| ()) })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap_or_else(|_| panic!("upload refused"));
    }
    let burst = start.elapsed().as_secs_f64();
    println!("100 concurrent uploads of 2 MB: {:.2} s, {:.0} MB/s", burst, (100 * SIZE) as f64 / burst / 1e6);
    println!(
        "peak RSS after the burst: {} MiB (+{} MiB)",
        support::peak_rss_kib() / 1024,
        (support::peak_rss_kib() - before) / 1024
    );
    let _ = std::fs::remove_dir_all(&root);
}
