//! Benchmark (run with `cargo bench -p server --bench dossier_pdf`, not part
//! of the tests): "Télécharger mon dossier" for a candidate with six 2 MB
//! pieces (four PDFs holding a scanned page, two photos), made by the real
//! use case (`letters::dossier`: the dossier read from SQLite, the files
//! from disk, merged into one PDF), compared with reading the same six
//! files from disk; time per dossier, and the process's peak memory before
//! and after, one dossier at a time and then ten asked at once by the same
//! candidate (one run at a time per candidate, at most two in all).

mod support;

use std::time::Instant;

use app::domain::upload::FileKind;
use app::server::auth::session::{AccountKind, Signed};
use app::server::store::{accounts, applications, campaigns, pieces};
use app::server::{files, letters};

const SIZE: usize = 2 * 1024 * 1024;
const ROUNDS: usize = 10;

/// Incompressible bytes, as a scan is (xorshift; no 0xFF, so a photo's
/// data never looks like a marker).
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 255) as u8
        })
        .collect()
}

/// A one-page PDF showing a 2 MB scanned image (JPEG data, not decoded).
fn scanned_pdf(seed: u64) -> Vec<u8> {
    let image = noise(SIZE - 1024, seed);
    let content = b"q 595 0 0 842 0 0 cm /Im1 Do Q";
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(&mut out, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object(&mut out, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>");
    object(
        &mut out,
        &[format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
    );
    object(
        &mut out,
        &[
            format!("<< /Type /XObject /Subtype /Image /Width 2480 /Height 3508 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n", image.len()).as_bytes(),
            &image,
            b"\nendstream",
        ]
        .concat(),
    );
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", offsets.len() + 1).as_bytes(),
    );
    out
}

/// A 2 MB baseline JPEG as far as headers go: SOI, a frame header
/// (2480 × 3508, three components), then scan data.
fn photo(seed: u64) -> Vec<u8> {
    let mut out = vec![
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x0D, 0xB4, 0x09, 0xB0, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
    ];
    out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x0C, 0x03, 1, 0x00, 2, 0x11, 3, 0x11, 0x00, 0x3F, 0x00]);
    out.extend(noise(SIZE - out.len() - 2, seed));
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

#[tokio::main]
async fn main() {
    let (state, dir) = support::state("dossier-pdf").await;
    let mut conn = state.db.pool.acquire().await.unwrap();
    let campaign = campaigns::ensure_campaign(&mut conn, "B", "Campagne 2026/2027", "2026/2027", 0).await.unwrap();
    let centre = campaigns::ensure_centre(&mut conn, campaign, "CENTRE", "1 rue de la Paix, Paris", "").await.unwrap();
    let f = campaigns::NewFormation {
        centre_id: centre,
        title: "FORMATION",
        keywords: "",
        window_start: "2026-01-01",
        window_end: "2026-12-31",
        return_deadline: "2026-12-31",
        capacity: 10,
    };
    let formation = campaigns::ensure_formation(&mut conn, &f).await.unwrap();
    let candidate = accounts::insert_candidate(
        &mut conn,
        &accounts::NewCandidate {
            campaign_id: campaign,
            login: "BENCH001",
            nom: "MARTIN",
            prenom: "Léa",
            email: "lea@example.fr",
            email_norm: "lea@example.fr",
            password_hash: "x",
            activation_token_hash: "bench",
            now: 0,
            activation_deadline: 0,
            language: app::domain::language::Language::Fr,
        },
    )
    .await
    .unwrap();
    let application = applications::insert(&mut conn, candidate, formation, 0).await.unwrap();
    let mut paths = Vec::new();
    for i in 0..6u64 {
        let (bytes, kind) =
            if i % 3 == 2 { (photo(i + 1), FileKind::Jpeg) } else { (scanned_pdf(i + 1), FileKind::Pdf) };
        let piece =
            pieces::ensure_piece(&mut conn, centre, None, &format!("PIECE {}", i + 1), true, i as i64).await.unwrap();
        let stored = files::store_bytes(&state.settings.files, &bytes, kind).await.unwrap();
        let file = pieces::insert_file(
            &mut conn,
            &pieces::NewFile {
                candidate_id: candidate,
                stored_name: &stored.stored_name,
                original_name: "scan",
                kind: kind.code(),
                size: stored.size as i64,
                parts: 1,
                now: 0,
            },
        )
        .await
        .unwrap();
        pieces::answer(&mut conn, candidate, piece, "transmise", Some(file), 0).await.unwrap();
        paths.push(files::path_of(&state.settings.files, &stored.stored_name).unwrap());
    }
    drop(conn);
    let signed = Signed { kind: AccountKind::Candidat, account_id: candidate, token_hash: String::new() };

    // Reading the six files, the floor of any dossier made from them.
    let start = Instant::now();
    for _ in 0..ROUNDS {
        for p in &paths {
            std::hint::black_box(tokio::fs::read(p).await.unwrap());
        }
    }
    let read_ms = start.elapsed().as_secs_f64() * 1000.0 / ROUNDS as f64;

    let before = support::peak_rss_kib();
    let (first, _) = letters::dossier(&state, &signed, application).await.unwrap();
    assert!(
        first.starts_with(b"%PDF") && app::server::pdf::page_count(&first).unwrap() == 7,
        "a cover page and six pages"
    );
    let mut times = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        std::hint::black_box(letters::dossier(&state, &signed, application).await.unwrap());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let one = support::peak_rss_kib();
    println!("six 2 MB pieces (four PDFs, two photos), dossier PDF of {:.1} MB", first.len() as f64 / 1e6);
    println!("reading the six files: {read_ms:.1} ms");
    println!(
        "letters::dossier, one at a time: median {:.0} ms, worst {:.0} ms ({:.1}× reading the files)",
        times[ROUNDS / 2],
        times[ROUNDS - 1],
        times[ROUNDS / 2] / read_ms
    );
    println!(
        "peak RSS: {} MiB before, {} MiB after one at a time (+{} MiB)",
        before / 1024,
        one / 1024,
        (one - before) / 1024
    );

    let start = Instant::now();
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let (state, signed) = (
                state.clone(),
                Signed { kind: AccountKind::Candidat, account_id: candidate, token_hash: String::new() },
            );
            tokio::spawn(async move { letters::dossier(&state, &signed, application).await.map(|(b, _)| b.len()) })
        })
        .collect();
    let mut made = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => made += 1,
            Err(app::error::AppError::Busy) => {}
            Err(e) => panic!("{e}"),
        }
    }
    let burst = start.elapsed().as_secs_f64() * 1000.0;
    let after = support::peak_rss_kib();
    println!(
        "ten asked at once by the candidate: {made} made, {} told to try again (one run at a time per candidate), {burst:.0} ms in all; peak RSS {} MiB (+{} MiB over one at a time)",
        10 - made,
        after / 1024,
        (after - one) / 1024
    );
    let _ = std::fs::remove_dir_all(dir);
}
