//! What a pièce justificative file may be (guide 05.4: "PDF/JPG/JPEG, ne
//! dépassant pas 2 Mo par pièce"), judged by its content, never by its name
//! or declared type. The browser checks before sending, the server again
//! while receiving: the same function.

use serde::{Deserialize, Serialize};

use super::language::Language;

/// 2 MB, as the guides say.
pub const DEFAULT_MAX_BYTES: u64 = 2 * 1024 * 1024;

/// How many leading bytes `kind_of` needs.
pub const SNIFF_BYTES: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Pdf,
    Jpeg,
}

impl FileKind {
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
        }
    }

    pub fn code(self) -> &'static str {
        self.extension()
    }

    pub fn from_code(code: &str) -> Option<FileKind> {
        match code {
            "pdf" => Some(FileKind::Pdf),
            "jpg" => Some(FileKind::Jpeg),
            _ => None,
        }
    }
}

/// Why a file is refused; each message also says what is accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UploadProblem {
    Empty,
    TooLarge {
        max: u64,
    },
    /// Neither a PDF nor a JPEG, whatever its name says.
    NotPdfOrJpeg,
    /// A file added to a piece that cannot be combined with the others
    /// (a damaged or password-protected PDF, a truncated photo).
    Unreadable,
    /// The combined PDF of a piece would exceed `max`, or hold more than
    /// `MAX_PARTS` files.
    CombinedTooLarge {
        max: u64,
    },
}

/// Several files for one piece are combined into one PDF: at most this
/// many files...
pub const MAX_PARTS: i64 = 20;

/// ...and at most this size (five pieces' worth).
pub fn combined_max(max: u64) -> u64 {
    max.saturating_mul(5)
}

/// The kind of file these leading bytes start, if accepted.
pub fn kind_of(head: &[u8]) -> Option<FileKind> {
    if head.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else {
        None
    }
}

/// The whole rule: not empty, at most `max` bytes, a PDF or a JPEG.
pub fn check(head: &[u8], size: u64, max: u64) -> Result<FileKind, UploadProblem> {
    if size == 0 {
        return Err(UploadProblem::Empty);
    }
    if size > max {
        return Err(UploadProblem::TooLarge { max });
    }
    kind_of(head).ok_or(UploadProblem::NotPdfOrJpeg)
}

/// A size as its reader writes it: "2 Mo", "1,5 Mo", "512 Ko" in French;
/// "2 MB", "1.5 MB", "512 KB" in English.
pub fn written_size(bytes: u64, language: Language) -> String {
    const MB: u64 = 1024 * 1024;
    let (mb, kb, point) = match language {
        Language::Fr => ("Mo", "Ko", ","),
        Language::En => ("MB", "KB", "."),
    };
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} {mb}", bytes / MB)
    } else if bytes >= MB {
        format!("{:.1} {mb}", bytes as f64 / MB as f64).replace('.', point)
    } else {
        format!("{} {kb}", bytes.div_ceil(1024))
    }
}

/// The original name, kept for display: no path, no control or reserved
/// characters, under 100 characters, with the extension of what it is.
pub fn clean_name(raw: &str, kind: FileKind) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let cleaned: String = stem
        .chars()
        .map(|c| if c.is_control() || "<>:\"/\\|?*;".contains(c) { '_' } else { c })
        .collect::<String>()
        .trim()
        .trim_matches('.')
        .chars()
        .take(90)
        .collect();
    let stem = if cleaned.is_empty() { "piece".to_owned() } else { cleaned };
    format!("{stem}.{}", kind.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_written_in_each_language() {
        assert_eq!(written_size(DEFAULT_MAX_BYTES, Language::Fr), "2 Mo");
        assert_eq!(written_size(DEFAULT_MAX_BYTES, Language::En), "2 MB");
        assert_eq!(written_size(3 * 1024 * 1024 / 2, Language::Fr), "1,5 Mo");
        assert_eq!(written_size(3 * 1024 * 1024 / 2, Language::En), "1.5 MB");
        assert_eq!(written_size(512 * 1024, Language::Fr), "512 Ko");
        assert_eq!(written_size(512 * 1024, Language::En), "512 KB");
    }

    #[test]
    fn judges_by_content() {
        assert_eq!(check(b"%PDF-1.7\n", 1000, DEFAULT_MAX_BYTES), Ok(FileKind::Pdf));
        assert_eq!(check(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], 5000, DEFAULT_MAX_BYTES), Ok(FileKind::Jpeg));
        // An executable renamed .pdf, a PNG, text.
        assert_eq!(check(b"MZ\x90\x00\x03", 1000, DEFAULT_MAX_BYTES), Err(UploadProblem::NotPdfOrJpeg));
        assert_eq!(check(b"\x7fELF\x02\x01", 1000, DEFAULT_MAX_BYTES), Err(UploadProblem::NotPdfOrJpeg));
        assert_eq!(check(b"\x89PNG\r\n\x1a\n", 1000, DEFAULT_MAX_BYTES), Err(UploadProblem::NotPdfOrJpeg));
        assert_eq!(check(b" %PDF-", 1000, DEFAULT_MAX_BYTES), Err(UploadProblem::NotPdfOrJpeg));
    }

    #[test]
    fn refuses_empty_and_oversized_files() {
        assert_eq!(check(b"", 0, DEFAULT_MAX_BYTES), Err(UploadProblem::Empty));
        assert_eq!(check(b"%PDF-", DEFAULT_MAX_BYTES, DEFAULT_MAX_BYTES), Ok(FileKind::Pdf));
        assert_eq!(
            check(b"%PDF-", DEFAULT_MAX_BYTES + 1, DEFAULT_MAX_BYTES),
            Err(UploadProblem::TooLarge { max: DEFAULT_MAX_BYTES })
        );
    }

    #[test]
    fn keeps_a_clean_short_name_with_the_true_extension() {
        assert_eq!(clean_name("C:\\Users\\léa\\CV 2026.PDF", FileKind::Pdf), "CV 2026.pdf");
        assert_eq!(clean_name("../../etc/passwd", FileKind::Pdf), "passwd.pdf");
        assert_eq!(clean_name("photo.exe", FileKind::Jpeg), "photo.jpg");
        assert_eq!(clean_name("a<b>:c?.jpeg", FileKind::Jpeg), "a_b__c_.jpg");
        assert_eq!(clean_name("", FileKind::Pdf), "piece.pdf");
        assert!(clean_name(&"x".repeat(300), FileKind::Pdf).chars().count() < 100);
    }
}
