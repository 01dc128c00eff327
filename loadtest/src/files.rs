//! The pieces the candidates upload: real files, made once at the start.
//!
//! Photos are baseline JPEGs encoded by `jpeg-encoder` (any viewer opens
//! them); scans are one-page PDFs showing such a JPEG, as a scanner makes
//! them. Sizes run from 50 KB to 1 MB, most of them small, as phones and
//! scanners send them: 85 % between 50 and 120 KB, 15 % between 120 KB and
//! 1 MB, about 160 KB on average (10,000 candidates × 6 pieces ≈ 9.4 GB).

use jpeg_encoder::{ColorType, Encoder};

/// Files of each kind in the pool; a candidate's six pieces are drawn from it.
const POOL: usize = 32;

pub struct Piece {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub struct Pool {
    pdfs: Vec<Piece>,
    photos: Vec<Piece>,
}

/// Deterministic noise (xorshift): a scan's grain, incompressible.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in `low..high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low) as u64) as usize
    }
}

/// A size drawn from the distribution above.
fn size(noise: &mut Noise) -> usize {
    if noise.next() % 100 < 85 {
        noise.between(50_000, 120_000)
    } else {
        noise.between(120_000, 1_000_000)
    }
}

/// A JPEG of about `target` bytes: grainy paper (noise over a light page),
/// its dimensions chosen from a first small encoding's bytes per pixel.
fn photo(target: usize, noise: &mut Noise) -> Vec<u8> {
    let encode = |width: u16, height: u16, noise: &mut Noise| {
        let mut pixels = Vec::with_capacity(width as usize * height as usize * 3);
        for _ in 0..width as usize * height as usize {
            let grain = noise.next();
            pixels.extend_from_slice(&[
                (180 + grain % 70) as u8,
                (180 + (grain >> 8) % 70) as u8,
                (170 + (grain >> 16) % 70) as u8,
            ]);
        }
        let mut out = Vec::new();
        Encoder::new(&mut out, 80).encode(&pixels, width, height, ColorType::Rgb).expect("the JPEG encodes");
        out
    };
    let probe = encode(128, 128, noise);
    let per_pixel = probe.len() as f64 / (128.0 * 128.0);
    // Portrait, 3:4.
    let pixels = target as f64 / per_pixel;
    let width = (pixels * 3.0 / 4.0).sqrt().clamp(16.0, 4000.0);
    encode(width as u16, (width * 4.0 / 3.0) as u16, noise)
}

/// A one-page A4 PDF showing `jpeg` full page (DCTDecode: the JPEG as is).
fn scan(jpeg: &[u8]) -> Vec<u8> {
    let (width, height) = dimensions(jpeg);
    let content = b"q 595 0 0 842 0 0 cm /Im1 Do Q";
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(&mut out, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object(
        &mut out,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
    );
    object(
        &mut out,
        &[format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
    );
    let image = format!(
        "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    );
    object(&mut out, &[image.as_bytes(), jpeg, b"\nendstream"].concat());
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

/// Width and height from a JPEG's frame header (SOF0).
fn dimensions(jpeg: &[u8]) -> (u16, u16) {
    let mut i = 2;
    while i + 9 < jpeg.len() {
        let (marker, length) = (jpeg[i + 1], u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize);
        if marker == 0xC0 {
            return (u16::from_be_bytes([jpeg[i + 7], jpeg[i + 8]]), u16::from_be_bytes([jpeg[i + 5], jpeg[i + 6]]));
        }
        i += 2 + length;
    }
    panic!("the encoder writes a frame header")
}

impl Pool {
    pub fn new() -> Pool {
        let mut noise = Noise(0x5E5A_3E20_2026);
        let photos = (0..POOL)
            .map(|i| Piece { name: format!("photo-{i}.jpg"), bytes: photo(size(&mut noise), &mut noise) })
            .collect();
        let pdfs = (0..POOL)
            .map(|i| {
                let target = size(&mut noise);
                Piece { name: format!("scan-{i}.pdf"), bytes: scan(&photo(target.saturating_sub(700), &mut noise)) }
            })
            .collect();
        Pool { pdfs, photos }
    }

    /// The candidate's `slot`th piece (0–5): a photo for the identity card
    /// and the screenshot, a scan for the others.
    pub fn piece(&self, candidate: u32, slot: usize) -> &Piece {
        let pick = (candidate as usize * 7 + slot * 13) % POOL;
        if slot == 0 || slot == 3 {
            &self.photos[pick]
        } else {
            &self.pdfs[pick]
        }
    }

    /// What one candidate sends on average, in bytes.
    pub fn mean_journey_bytes(&self) -> u64 {
        let photos: usize = self.photos.iter().map(|p| p.bytes.len()).sum();
        let pdfs: usize = self.pdfs.iter().map(|p| p.bytes.len()).sum();
        ((2 * photos + 4 * pdfs) / POOL) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_real_files_of_the_sizes_said() {
        let pool = Pool::new();
        for piece in pool.photos.iter().chain(&pool.pdfs) {
            assert!((40_000..1_100_000).contains(&piece.bytes.len()), "{} {}", piece.name, piece.bytes.len());
        }
        assert!(pool.photos[0].bytes.starts_with(&[0xFF, 0xD8]) && pool.photos[0].bytes.ends_with(&[0xFF, 0xD9]));
        assert!(pool.pdfs[0].bytes.starts_with(b"%PDF-") && pool.pdfs[0].bytes.ends_with(b"%%EOF\n"));
        let mean = pool.mean_journey_bytes() / 6;
        assert!((100_000..260_000).contains(&mean), "{mean}");
    }
}
