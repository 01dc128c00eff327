//! What a JPEG says about itself in its headers: size in pixels, colour
//! components, and the orientation a phone camera records in EXIF. Enough
//! to place a photo on a PDF page the right way up, without decoding it.

/// How the stored pixels must be turned to be seen upright (EXIF tag 0x0112;
/// mirrored variants are shown unmirrored).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    Upright,
    UpsideDown,
    /// Turn a quarter clockwise (EXIF 6: the usual portrait phone photo).
    Clockwise,
    /// Turn a quarter anticlockwise (EXIF 8).
    Anticlockwise,
}

impl Orientation {
    fn from_exif(value: u16) -> Orientation {
        match value {
            3 | 4 => Orientation::UpsideDown,
            5 | 6 => Orientation::Clockwise,
            7 | 8 => Orientation::Anticlockwise,
            _ => Orientation::Upright,
        }
    }

    /// A quarter turn swaps width and height on the page.
    pub fn turns_sideways(self) -> bool {
        matches!(self, Orientation::Clockwise | Orientation::Anticlockwise)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JpegInfo {
    pub width: u32,
    pub height: u32,
    /// 1 grey, 3 colour (YCbCr), 4 CMYK.
    pub components: u8,
    /// An Adobe APP14 segment: CMYK values are then stored inverted.
    pub adobe: bool,
    pub orientation: Orientation,
}

/// Reads the headers up to the frame header; `None` when they are not
/// those of a JPEG this portal can show.
pub fn read(bytes: &[u8]) -> Option<JpegInfo> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    let mut adobe = false;
    let mut orientation = Orientation::Upright;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        at += 2;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            continue; // standalone markers
        }
        let length = u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]) as usize;
        let segment = bytes.get(at + 2..at + length.checked_sub(2)? + 2)?;
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let height = u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]) as u32;
                let width = u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]) as u32;
                let components = *segment.get(5)?;
                if width == 0 || height == 0 || !matches!(components, 1 | 3 | 4) {
                    return None;
                }
                return Some(JpegInfo { width, height, components, adobe, orientation });
            }
            0xE1 if segment.starts_with(b"Exif\0\0") => {
                if let Some(value) = exif_orientation(&segment[6..]) {
                    orientation = Orientation::from_exif(value);
                }
            }
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            0xDA | 0xD9 => return None, // image data before any frame header
            _ => {}
        }
        at += length;
    }
}

/// Tag 0x0112 of the first image directory of a TIFF block.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let little = match tiff.get(0..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b = [*tiff.get(i)?, *tiff.get(i + 1)?];
        Some(if little { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b = [*tiff.get(i)?, *tiff.get(i + 1)?, *tiff.get(i + 2)?, *tiff.get(i + 3)?];
        Some(if little { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
    };
    let directory = u32_at(4)? as usize;
    let entries = u16_at(directory)? as usize;
    (0..entries.min(256)).find_map(|n| {
        let entry = directory + 2 + n * 12;
        (u16_at(entry)? == 0x0112).then(|| u16_at(entry + 8)).flatten()
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The headers of a JPEG (no image data): optional EXIF orientation,
    /// then a baseline frame header.
    pub(crate) fn headers(
        width: u16,
        height: u16,
        components: u8,
        orientation: Option<u16>,
        big_endian: bool,
    ) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        if let Some(value) = orientation {
            let mut tiff: Vec<u8> = if big_endian {
                b"MM\x00\x2a\x00\x00\x00\x08".to_vec()
            } else {
                b"II\x2a\x00\x08\x00\x00\x00".to_vec()
            };
            let w16 = |v: u16| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
            let w32 = |v: u32| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
            tiff.extend(w16(1));
            tiff.extend(w16(0x0112));
            tiff.extend(w16(3));
            tiff.extend(w32(1));
            tiff.extend(w16(value));
            tiff.extend([0, 0]);
            tiff.extend(w32(0));
            let mut segment = b"Exif\0\0".to_vec();
            segment.extend(tiff);
            out.extend([0xFF, 0xE1]);
            out.extend(((segment.len() + 2) as u16).to_be_bytes());
            out.extend(segment);
        }
        out.extend([0xFF, 0xC0, 0x00, 8 + 3 * components, 8]);
        out.extend(height.to_be_bytes());
        out.extend(width.to_be_bytes());
        out.push(components);
        for c in 0..components {
            out.extend([c + 1, 0x11, 0]);
        }
        out
    }

    #[test]
    fn reads_size_components_and_orientation() {
        let info = read(&headers(4032, 3024, 3, Some(6), false)).unwrap();
        assert_eq!((info.width, info.height, info.components), (4032, 3024, 3));
        assert_eq!(info.orientation, Orientation::Clockwise);
        assert!(info.orientation.turns_sideways());
        assert_eq!(read(&headers(10, 20, 1, Some(8), true)).unwrap().orientation, Orientation::Anticlockwise);
        assert_eq!(read(&headers(10, 20, 1, Some(3), true)).unwrap().orientation, Orientation::UpsideDown);
        assert_eq!(read(&headers(10, 20, 4, None, false)).unwrap().orientation, Orientation::Upright);
    }

    #[test]
    fn refuses_what_it_cannot_place() {
        assert_eq!(read(b"%PDF-1.7"), None);
        assert_eq!(read(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]), None);
        assert_eq!(read(&headers(0, 20, 3, None, false)), None);
        assert_eq!(read(&headers(10, 20, 2, None, false)), None);
        let cut = headers(10, 20, 3, Some(6), false);
        assert_eq!(read(&cut[..cut.len() - 4]), None);
        // A segment length that points nowhere never panics.
        assert_eq!(read(&[0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01]), None);
        assert_eq!(read(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0]), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        // Any bytes, or a real header followed by anything: an answer, never a panic.
        #[test]
        fn any_bytes_get_an_answer(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..1024)) {
            let _ = read(&bytes);
            let mut jpeg = headers(400, 300, 3, Some(6), false);
            jpeg.truncate(bytes.len() % (jpeg.len() + 1));
            jpeg.extend(&bytes);
            let _ = read(&jpeg);
        }

        #[test]
        fn every_header_size_reads_back(width in 1u16.., height in 1u16.., big_endian: bool, orientation in 1u16..=8) {
            let info = read(&headers(width, height, 3, Some(orientation), big_endian)).expect("a frame header");
            proptest::prop_assert_eq!((info.width as u16, info.height as u16), (width, height));
        }
    }
}
