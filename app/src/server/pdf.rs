//! PDF assembly with lopdf: several files of one piece (PDFs and JPEG
//! photos) into one PDF, a photo on its own A4 page the right way up, and
//! plain text documents (the demo's model files; letters later).
//! Synchronous and CPU-bound: callers run it with `spawn_blocking`.

use std::collections::HashSet;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

use crate::domain::jpeg::{self, Orientation};
use crate::domain::upload::FileKind;

/// A4 in points.
const A4: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 28.0;

#[derive(Debug, PartialEq, Eq)]
pub enum PdfProblem {
    /// Damaged, protected by a password, or a JPEG without a frame header.
    Unreadable,
}

/// One document of the files, in order: each PDF's pages, each photo on a page.
pub fn merge(parts: &[(FileKind, &[u8])]) -> Result<Vec<u8>, PdfProblem> {
    let documents = parts
        .iter()
        .map(|(kind, bytes)| match kind {
            FileKind::Pdf => load(bytes),
            FileKind::Jpeg => photo_page(bytes),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut merged = concatenate(documents)?;
    let mut out = Vec::new();
    merged.save_to(&mut out).map_err(|_| PdfProblem::Unreadable)?;
    Ok(out)
}

/// How many pages a PDF has (for tests and summaries).
pub fn page_count(bytes: &[u8]) -> Result<usize, PdfProblem> {
    Ok(load(bytes)?.get_pages().len())
}

/// What the streams lopdf inflates while reading a file (object and xref
/// streams) may inflate to, in all: far above any real document's, far
/// below what a 2 MB zip bomb would ask for.
const INFLATED_MAX: u64 = 32 * 1024 * 1024;

fn load(bytes: &[u8]) -> Result<Document, PdfProblem> {
    if !structure_inflates_within(bytes, INFLATED_MAX) {
        return Err(PdfProblem::Unreadable);
    }
    let doc = Document::load_mem(bytes).map_err(|_| PdfProblem::Unreadable)?;
    if doc.get_pages().is_empty() {
        return Err(PdfProblem::Unreadable);
    }
    Ok(doc)
}

/// Whether the object and xref streams of the file, which reading it
/// inflates whole, stay within `budget` bytes once inflated. Each is
/// inflated into nothing (counted, not kept), at most `budget + 1` bytes;
/// images and page contents, which lopdf never inflates here, are skipped.
fn structure_inflates_within(bytes: &[u8], budget: u64) -> bool {
    use std::io::Read as _;
    let find = |hay: &[u8], needle: &[u8]| memchr::memmem::find(hay, needle);
    let mut left = budget;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let keyword = at + found;
        let mut start = keyword + b"stream".len();
        at = start;
        if keyword >= 3 && &bytes[keyword - 3..keyword] == b"end" {
            continue;
        }
        // The stream's dictionary is what comes since the object began.
        let dict_from = memchr::memmem::rfind(&bytes[..keyword], b"obj").unwrap_or(0);
        let dictionary = &bytes[dict_from..keyword];
        if find(dictionary, b"/ObjStm").is_none() && find(dictionary, b"/XRef").is_none() {
            continue;
        }
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        let mut inflated = flate2::read::ZlibDecoder::new(&bytes[start..end]).take(left + 1);
        let n = std::io::copy(&mut inflated, &mut std::io::sink()).unwrap_or(0);
        if n > left {
            return false;
        }
        left -= n;
        at = end;
    }
    true
}

/// A one-page document: the photo fitted inside A4 (landscape when the
/// photo is), turned as its EXIF orientation says.
fn photo_page(bytes: &[u8]) -> Result<Document, PdfProblem> {
    let info = jpeg::read(bytes).ok_or(PdfProblem::Unreadable)?;
    let (seen_w, seen_h) =
        if info.orientation.turns_sideways() { (info.height, info.width) } else { (info.width, info.height) };
    let (page_w, page_h) = if seen_w > seen_h { (A4.1, A4.0) } else { A4 };
    let scale = ((page_w - 2.0 * MARGIN) / seen_w as f32).min((page_h - 2.0 * MARGIN) / seen_h as f32);
    let (w, h) = (seen_w as f32 * scale, seen_h as f32 * scale);
    let (x, y) = ((page_w - w) / 2.0, (page_h - h) / 2.0);
    // The image is drawn in the unit square; this matrix places and turns it.
    let matrix: [f32; 6] = match info.orientation {
        Orientation::Upright => [w, 0.0, 0.0, h, x, y],
        Orientation::UpsideDown => [-w, 0.0, 0.0, -h, x + w, y + h],
        Orientation::Clockwise => [0.0, -h, w, 0.0, x, y + h],
        Orientation::Anticlockwise => [0.0, h, -w, 0.0, x + w, y],
    };
    let mut image = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => info.width as i64,
        "Height" => info.height as i64,
        "BitsPerComponent" => 8,
        "Filter" => "DCTDecode",
        "ColorSpace" => match info.components { 1 => "DeviceGray", 4 => "DeviceCMYK", _ => "DeviceRGB" },
    };
    if info.components == 4 && info.adobe {
        image.set("Decode", (0..4).flat_map(|_| [Object::Integer(1), Object::Integer(0)]).collect::<Vec<_>>());
    }
    let mut doc = Document::with_version("1.5");
    let image_id = doc.add_object(Stream::new(image, bytes.to_vec()).with_compression(false));
    let content = Content {
        operations: vec![
            Operation::new("q", vec![]),
            Operation::new("cm", matrix.iter().map(|v| Object::Real(*v)).collect()),
            Operation::new("Do", vec!["Im1".into()]),
            Operation::new("Q", vec![]),
        ],
    };
    let resources = dictionary! { "XObject" => dictionary! { "Im1" => image_id } };
    single_page(doc, (page_w, page_h), resources, content)
}

/// A text document on A4 pages: a title, then paragraphs wrapped to the
/// width (Helvetica, WinAnsi: French accents included).
pub fn text_document(title: &str, paragraphs: &[&str]) -> Vec<u8> {
    const SIZE: f32 = 11.0;
    const LEADING: f32 = 15.0;
    let width_chars = ((A4.0 - 2.0 * 56.0) / (SIZE * 0.5)) as usize;
    let mut lines: Vec<(bool, String)> = vec![(true, title.to_owned()), (false, String::new())];
    for paragraph in paragraphs {
        lines.extend(wrap(paragraph, width_chars).into_iter().map(|l| (false, l)));
        lines.push((false, String::new()));
    }
    let per_page = ((A4.1 - 2.0 * 56.0) / LEADING) as usize;
    let pages: Vec<Document> = lines
        .chunks(per_page.max(1))
        .map(|chunk| {
            let mut operations = vec![Operation::new("BT", vec![]), Operation::new("Td", vec![56.into(), Object::Real(A4.1 - 56.0 - SIZE)])];
            for (i, (heading, line)) in chunk.iter().enumerate() {
                if i > 0 {
                    operations.push(Operation::new("Td", vec![0.into(), Object::Real(-LEADING)]));
                }
                let (name, size) = if *heading { ("F2", SIZE + 3.0) } else { ("F1", SIZE) };
                operations.push(Operation::new("Tf", vec![name.into(), Object::Real(size)]));
                operations.push(Operation::new("Tj", vec![Object::String(win_ansi(line), lopdf::StringFormat::Literal)]));
            }
            operations.push(Operation::new("ET", vec![]));
            let mut page = Document::with_version("1.5");
            let font = |doc: &mut Document, name: &str| {
                doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => name, "Encoding" => "WinAnsiEncoding" })
            };
            let regular = font(&mut page, "Helvetica");
            let bold = font(&mut page, "Helvetica-Bold");
            let resources = dictionary! { "Font" => dictionary! { "F1" => regular, "F2" => bold } };
            single_page(page, A4, resources, Content { operations }).expect("a page built here encodes")
        })
        .collect();
    let mut out = Vec::new();
    let mut merged = concatenate(pages).expect("pages built here merge");
    merged.save_to(&mut out).expect("writing to memory");
    out
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Windows-1252 bytes for the standard fonts (Latin-1 plus the typographic
/// signs French uses; anything else becomes "?").
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            'Œ' => 0x8C,
            'œ' => 0x9C,
            '\u{a0}' | '\u{202f}' => 0x20,
            c if (c as u32) < 0x80 || (0xA0..=0xFF).contains(&(c as u32)) => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

/// Wraps one page's content into a whole document (catalog, page tree).
fn single_page(
    mut doc: Document,
    (w, h): (f32, f32),
    resources: Dictionary,
    content: Content,
) -> Result<Document, PdfProblem> {
    let pages_id = doc.new_object_id();
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().map_err(|_| PdfProblem::Unreadable)?));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    Ok(doc)
}

/// The attributes a page may inherit from its ancestors in the page tree,
/// copied onto the page itself so it can move to another tree.
fn standalone_page(doc: &Document, page: ObjectId) -> Result<Dictionary, PdfProblem> {
    let mut own = doc.get_dictionary(page).map_err(|_| PdfProblem::Unreadable)?.clone();
    for key in [&b"MediaBox"[..], b"CropBox", b"Resources", b"Rotate"] {
        if own.has(key) {
            continue;
        }
        let mut seen = HashSet::new();
        let mut node = own.get(b"Parent").and_then(Object::as_reference).ok();
        while let Some(id) = node {
            if !seen.insert(id) {
                return Err(PdfProblem::Unreadable);
            }
            let Ok(parent) = doc.get_dictionary(id) else { break };
            if let Ok(value) = parent.get(key) {
                own.set(key.to_vec(), value.clone());
                break;
            }
            node = parent.get(b"Parent").and_then(Object::as_reference).ok();
        }
    }
    if !own.has(b"MediaBox") {
        own.set("MediaBox", vec![0.into(), 0.into(), Object::Real(A4.0), Object::Real(A4.1)]);
    }
    Ok(own)
}

/// The pages of every document, in order, under one new page tree.
fn concatenate(documents: Vec<Document>) -> Result<Document, PdfProblem> {
    let mut out = Document::with_version("1.5");
    let pages_id = out.new_object_id();
    let mut next_id = out.max_id + 1;
    let mut kids: Vec<Object> = Vec::new();
    for mut doc in documents {
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        for &page in &pages {
            let standalone = standalone_page(&doc, page)?;
            doc.objects.insert(page, Object::Dictionary(standalone));
        }
        // Renumbering keeps page order: pages are looked up again after it.
        doc.renumber_objects_with(next_id);
        next_id = doc.max_id + 1;
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        for (id, object) in std::mem::take(&mut doc.objects) {
            match object.type_name().unwrap_or_default() {
                b"Catalog" | b"Pages" | b"Outlines" | b"Outline" | b"ObjStm" | b"XRef" => {}
                _ => {
                    out.objects.insert(id, object);
                }
            }
        }
        for page in pages {
            if let Some(Object::Dictionary(d)) = out.objects.get_mut(&page) {
                d.set("Parent", pages_id);
                kids.push(page.into());
            }
        }
    }
    if kids.is_empty() {
        return Err(PdfProblem::Unreadable);
    }
    let count = kids.len() as i64;
    out.objects
        .insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
    out.max_id = next_id;
    let catalog = out.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    out.trailer.set("Root", catalog);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_pdfs_and_photos_in_order() {
        let letter = text_document("Relevé de notes", &["Première page, accentuée : é è à ç œ « » €."]);
        assert_eq!(page_count(&letter).unwrap(), 1);
        let mut photo = crate::domain::jpeg::tests::headers(400, 300, 3, Some(6), false);
        photo.extend([0xFF, 0xD9]);
        let merged = merge(&[(FileKind::Pdf, &letter), (FileKind::Jpeg, &photo), (FileKind::Pdf, &letter)]).unwrap();
        let doc = Document::load_mem(&merged).unwrap();
        assert_eq!(doc.get_pages().len(), 3);
        // The photo, turned upright, is portrait: its page too.
        let photo_page = doc.get_dictionary(doc.get_pages()[&2]).unwrap();
        let media = photo_page.get(b"MediaBox").unwrap().as_array().unwrap();
        assert!(media[3].as_float().unwrap() > media[2].as_float().unwrap());
        assert!(doc.extract_text(&[3]).unwrap().contains("Relev"));
    }

    #[test]
    fn a_long_text_flows_onto_more_pages() {
        let long = "mot ".repeat(4000);
        assert!(page_count(&text_document("Charte", &[&long])).unwrap() > 1);
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert_eq!(merge(&[(FileKind::Pdf, b"%PDF-1.4 nothing else")]), Err(PdfProblem::Unreadable));
        assert_eq!(merge(&[(FileKind::Jpeg, &[0xFF, 0xD8, 0xFF, 0xD9])]), Err(PdfProblem::Unreadable));
        assert_eq!(merge(&[]), Err(PdfProblem::Unreadable));
    }

    /// Runs the merge on its own thread: a crafted file that made it loop
    /// would fail the test in seconds instead of hanging it.
    fn merged_in_time(bytes: Vec<u8>) -> Result<Vec<u8>, PdfProblem> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(merge(&[(FileKind::Pdf, &bytes)])).ok());
        rx.recv_timeout(std::time::Duration::from_secs(10)).expect("the merge ends")
    }

    /// A PDF written by hand from its objects, with a correct xref table.
    fn handmade(objects: &[&str], root: u32) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (n, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{body}\nendobj\n", n + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").bytes());
        }
        out.extend(
            format!("trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes(),
        );
        out
    }

    // The crafted files of issue 12: each is refused or merged, in time,
    // without a panic.
    #[test]
    fn crafted_pdfs_are_refused_or_merged_never_hang_or_panic() {
        let page_loop = handmade(
            &[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                "<< /Type /Page /Parent 2 0 R >>",
            ],
            1,
        );
        let parent_loop = handmade(
            &[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 4 0 R >>",
                "<< /Type /Page /Parent 2 0 R >>",
                "<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R >>",
            ],
            1,
        );
        let self_page =
            handmade(&["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1000000000 >>"], 1);
        let no_pages = handmade(&["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"], 1);
        let wrong_root = handmade(&["<< /Type /Catalog /Pages 2 0 R >>"], 7);
        let deep = format!("<< /Type /Catalog /Pages 2 0 R /X {}{} >>", "[".repeat(10_000), "]".repeat(10_000));
        let deep =
            handmade(&[&deep, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R >>"], 1);
        let huge_length = handmade(
            &[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
                "<< /Length 99999999999 >>\nstream\nq Q\nendstream",
            ],
            1,
        );
        let good = text_document("Pièce", &["texte"]);
        let mut truncated: Vec<Vec<u8>> = [10, 50, 200, good.len() / 2, good.len() - 10]
            .iter()
            .map(|&n| good[..n.min(good.len())].to_vec())
            .collect();
        truncated.push(good.iter().map(|b| if *b == b'R' { b'X' } else { *b }).collect());
        for (n, bytes) in [page_loop, parent_loop, self_page, no_pages, wrong_root, deep, huge_length]
            .into_iter()
            .chain(truncated)
            .enumerate()
        {
            let outcome = merged_in_time(bytes);
            if let Ok(out) = outcome {
                assert!(page_count(&out).is_ok(), "crafted file {n}: what is merged reads back");
            }
        }
        assert_eq!(
            merged_in_time(handmade(&["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"], 1)),
            Err(PdfProblem::Unreadable),
            "no page, nothing to merge"
        );
    }

    // A zip bomb: an object stream of a few hundred kilobytes that would
    // inflate to 64 MB when read.
    #[test]
    fn a_zip_bomb_in_an_object_stream_is_refused_unread() {
        use std::io::Write as _;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..64 {
            z.write_all(&zeros).unwrap();
        }
        let bomb = z.finish().unwrap();
        assert!(bomb.len() < 2 * 1024 * 1024, "fits in an upload: {}", bomb.len());
        let mut doc = handmade(
            &[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R >>",
            ],
            1,
        );
        doc.extend(
            format!("4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n", bomb.len())
                .bytes(),
        );
        doc.extend(&bomb);
        doc.extend(b"\nendstream\nendobj\n");
        assert!(!structure_inflates_within(&doc, INFLATED_MAX));
        assert_eq!(merged_in_time(doc), Err(PdfProblem::Unreadable));
        assert!(
            structure_inflates_within(&text_document("Pièce", &["texte"]), INFLATED_MAX),
            "an ordinary document passes"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        // Any bytes after a PDF header: refused or merged, never a panic.
        #[test]
        fn any_pdf_like_bytes_are_refused_or_merged(tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048)) {
            let mut bytes = b"%PDF-1.7\n".to_vec();
            bytes.extend(tail);
            let _ = merge(&[(FileKind::Pdf, &bytes)]);
        }

        // A real document with bytes flipped here and there.
        #[test]
        fn damaged_documents_are_refused_or_merged(flips in proptest::collection::vec((proptest::prelude::any::<usize>(), proptest::prelude::any::<u8>()), 1..20)) {
            let mut bytes = text_document("Pièce", &["texte de la pièce"]);
            for (at, value) in flips {
                let i = at % bytes.len();
                bytes[i] = value;
            }
            let _ = merge(&[(FileKind::Pdf, &bytes)]);
        }
    }
}
