//! Walking PNG chunks and JPEG marker segments without decoding pixels.
//!
//! Used twice: on inputs, to notice bytes after the end of the image (the
//! aCropalypse leak) and to estimate a JPEG's quality; and on our own
//! outputs, to prove they hold nothing but the allowed structure.

/// The 8-byte PNG signature.
pub const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// The chunks of a PNG file, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PngLayout {
    /// Chunk types as four ASCII letters.
    pub chunks: Vec<[u8; 4]>,
    /// Offset just past the `IEND` chunk.
    pub end: usize,
}

/// Walks a PNG's chunks up to `IEND`, checking every length and CRC.
pub fn png_layout(bytes: &[u8]) -> Result<PngLayout, String> {
    if !bytes.starts_with(&PNG_SIGNATURE) {
        return Err("not a PNG signature".into());
    }
    let mut pos = PNG_SIGNATURE.len();
    let mut chunks = Vec::new();
    loop {
        let header = bytes.get(pos..pos + 8).ok_or("PNG ends before IEND")?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = [header[4], header[5], header[6], header[7]];
        if !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(format!("bad PNG chunk type at byte {pos}"));
        }
        let data_end = pos.checked_add(8 + len).ok_or("PNG chunk length overflows")?;
        let crc_bytes = bytes.get(data_end..data_end + 4).ok_or("PNG chunk runs past the end of the file")?;
        let stored = u32::from_be_bytes([crc_bytes[0], crc_bytes[1], crc_bytes[2], crc_bytes[3]]);
        if crc32(&bytes[pos + 4..data_end]) != stored {
            return Err(format!("CRC mismatch in PNG chunk {}", String::from_utf8_lossy(&kind)));
        }
        chunks.push(kind);
        pos = data_end + 4;
        if &kind == b"IEND" {
            return Ok(PngLayout { chunks, end: pos });
        }
    }
}

/// The marker segments of a JPEG file, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JpegLayout {
    /// Marker codes (the byte after `0xFF`) of every segment, SOI and EOI
    /// included; restart markers inside scans are not listed.
    pub markers: Vec<u8>,
    /// Offset just past the `EOI` marker.
    pub end: usize,
    /// The luminance quantisation table (id 0) in zig-zag order, if present.
    pub luma_table: Option<[u16; 64]>,
}

/// Walks a JPEG's marker segments and entropy-coded scans up to `EOI`.
pub fn jpeg_layout(bytes: &[u8]) -> Result<JpegLayout, String> {
    walk_jpeg(bytes).map_err(|e| e.to_string())
}

/// Whether a JPEG's structure runs off the end of `bytes` before its `EOI`
/// marker: the file is cut short (or only its last marker is missing).
pub fn jpeg_ends_early(bytes: &[u8]) -> bool {
    matches!(walk_jpeg(bytes), Err(JpegWalkError::EndsEarly(_)))
}

/// Why a JPEG's structure could not be walked.
#[derive(Debug, thiserror::Error)]
enum JpegWalkError {
    /// The bytes end before `EOI`.
    #[error("{0}")]
    EndsEarly(&'static str),
    /// Something other than the end is wrong.
    #[error("{0}")]
    Malformed(String),
}

fn walk_jpeg(bytes: &[u8]) -> Result<JpegLayout, JpegWalkError> {
    use JpegWalkError::{EndsEarly, Malformed};
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(Malformed("not a JPEG start-of-image marker".into()));
    }
    let mut markers = vec![0xD8];
    let mut luma_table = None;
    let mut pos = 2;
    loop {
        match bytes.get(pos) {
            None => return Err(EndsEarly("JPEG ends before EOI")),
            Some(0xFF) => {}
            Some(_) => return Err(Malformed(format!("expected a JPEG marker at byte {pos}"))),
        }
        // Any number of 0xFF fill bytes may precede a marker.
        while bytes.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *bytes.get(pos + 1).ok_or(EndsEarly("JPEG ends before EOI"))?;
        pos += 2;
        match marker {
            0xD9 => {
                markers.push(marker);
                return Ok(JpegLayout { markers, end: pos, luma_table });
            }
            0xD8 => return Err(Malformed("a second JPEG start-of-image marker".into())),
            0x01 | 0xD0..=0xD7 => {
                markers.push(marker);
                continue;
            }
            0x00 => return Err(Malformed(format!("stray 0xFF00 at byte {}", pos - 2))),
            _ => {}
        }
        let len_bytes = bytes.get(pos..pos + 2).ok_or(EndsEarly("JPEG segment length runs past the end"))?;
        let len = usize::from(u16::from_be_bytes([len_bytes[0], len_bytes[1]]));
        if len < 2 {
            return Err(Malformed(format!("JPEG segment with length {len}")));
        }
        let body = bytes.get(pos + 2..pos + len).ok_or(EndsEarly("JPEG segment runs past the end of the file"))?;
        markers.push(marker);
        if marker == 0xDB {
            luma_table = luma_table.or_else(|| read_luma_table(body));
        }
        pos += len;
        if marker == 0xDA {
            pos = skip_entropy_coded(bytes, pos).ok_or(EndsEarly("JPEG scan runs past the end of the file"))?;
        }
    }
}

/// The offset of the first marker after entropy-coded data starting at `pos`
/// (stuffed `FF00` and restart markers are part of the data).
fn skip_entropy_coded(bytes: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let off = bytes.get(pos..)?.iter().position(|&b| b == 0xFF)?;
        pos += off;
        match *bytes.get(pos + 1)? {
            0x00 | 0xD0..=0xD7 | 0xFF => pos += if bytes[pos + 1] == 0xFF { 1 } else { 2 },
            _ => return Some(pos),
        }
    }
}

/// The table with id 0 from a DQT segment body (which may hold several).
fn read_luma_table(mut body: &[u8]) -> Option<[u16; 64]> {
    while let Some((&pq_tq, rest)) = body.split_first() {
        let sixteen_bit = pq_tq >> 4 != 0;
        let size = if sixteen_bit { 128 } else { 64 };
        let values = rest.get(..size)?;
        if pq_tq & 0x0F == 0 {
            let mut table = [0u16; 64];
            for (i, t) in table.iter_mut().enumerate() {
                *t = if sixteen_bit {
                    u16::from_be_bytes([values[2 * i], values[2 * i + 1]])
                } else {
                    u16::from(values[i])
                };
            }
            return Some(table);
        }
        body = &rest[size..];
    }
    None
}

/// The IJG quality (1–100) whose luminance table is closest to `table`
/// (zig-zag order): how a JPEG was last saved, to avoid re-encoding it at a
/// higher quality than it ever had.
pub fn estimate_jpeg_quality(table: &[u16; 64]) -> u8 {
    let mut best = (u64::MAX, 75u8);
    for q in 1..=100u8 {
        let scale = if q < 50 { 5000 / u32::from(q) } else { 200 - 2 * u32::from(q) };
        let err: u64 = (0..64)
            .map(|i| {
                let std = u32::from(STD_LUMA[ZIGZAG[i]]);
                let t = ((std * scale + 50) / 100).clamp(1, 255);
                u64::from(t.abs_diff(u32::from(table[i])))
            })
            .sum();
        if err < best.0 {
            best = (err, q);
        }
    }
    best.1
}

/// Bytes after the logical end of a PNG or JPEG (`IEND`, `EOI`), or `None`
/// when the structure cannot be walked.
pub fn trailing_bytes(bytes: &[u8]) -> Option<u64> {
    let end = if bytes.starts_with(&PNG_SIGNATURE) {
        png_layout(bytes).ok()?.end
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg_layout(bytes).ok()?.end
    } else {
        return None;
    };
    Some((bytes.len() - end) as u64)
}

/// The size in pixels of a JPEG's minimum coded unit (the block that its
/// compression mixes together): 8×8 for greyscale and full-chroma files,
/// 16×16 for 4:2:0, 16×8 for 4:2:2. `None` without a frame header.
pub fn jpeg_block_size(b: &[u8]) -> Option<(u32, u32)> {
    let mut pos = 2;
    while b.get(pos) == Some(&0xFF) {
        let marker = *b.get(pos + 1)?;
        if marker == 0xFF || matches!(marker, 0x01 | 0xD0..=0xD7) {
            pos += if marker == 0xFF { 1 } else { 2 };
            continue;
        }
        let len = usize::from(u16::from_be_bytes([*b.get(pos + 2)?, *b.get(pos + 3)?]));
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let components = usize::from(*b.get(pos + 9)?);
            if components == 1 {
                // A single-component scan is never interleaved: plain 8×8 blocks.
                return Some((8, 8));
            }
            let factors = b.get(pos + 10..pos + 10 + 3 * components)?;
            let h = factors.chunks(3).map(|c| u32::from(c[1] >> 4)).max()?.clamp(1, 4);
            let v = factors.chunks(3).map(|c| u32::from(c[1] & 0x0F)).max()?.clamp(1, 4);
            return Some((8 * h, 8 * v));
        }
        if marker == 0xDA || len < 2 {
            return None;
        }
        pos += 2 + len;
    }
    None
}

/// Width and height as the file's header announces them, read without a
/// decoder, so a decompression bomb is refused before anything is allocated.
pub fn header_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let be32 = |i: usize| b.get(i..i + 4).map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]));
    let be16 = |i: usize| b.get(i..i + 2).map(|s| u32::from(u16::from_be_bytes([s[0], s[1]])));
    let le16 = |i: usize| b.get(i..i + 2).map(|s| u32::from(u16::from_le_bytes([s[0], s[1]])));
    let le24 = |i: usize| b.get(i..i + 3).map(|s| u32::from_le_bytes([s[0], s[1], s[2], 0]));
    let le32 = |i: usize| b.get(i..i + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
    if b.starts_with(&PNG_SIGNATURE) {
        return Some((be32(16)?, be32(20)?));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        let mut pos = 2;
        while b.get(pos) == Some(&0xFF) {
            let marker = *b.get(pos + 1)?;
            if marker == 0xFF {
                pos += 1;
                continue;
            }
            if matches!(marker, 0x01 | 0xD0..=0xD7) {
                pos += 2;
                continue;
            }
            let len = be16(pos + 2)? as usize;
            let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
            if is_sof {
                return Some((be16(pos + 7)?, be16(pos + 5)?));
            }
            if marker == 0xDA || len < 2 {
                return None;
            }
            pos += 2 + len;
        }
        return None;
    }
    if b.starts_with(b"GIF8") {
        return Some((le16(6)?, le16(8)?));
    }
    if b.starts_with(b"BM") {
        return if le32(14)? == 12 {
            Some((le16(18)?, le16(20)?))
        } else {
            let h = le32(22)? as i32;
            Some((le32(18)? as i32 as u32, h.unsigned_abs()))
        };
    }
    if b.get(..4) == Some(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        return match b.get(12..16)? {
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            b"VP8L" => {
                let bits = le32(21)?;
                Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
            }
            b"VP8 " => Some((le16(26)? & 0x3FFF, le16(28)? & 0x3FFF)),
            _ => None,
        };
    }
    None
}

/// The IJG standard luminance quantisation table, natural order.
const STD_LUMA: [u8; 64] = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
    87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
    72, 92, 95, 98, 112, 100, 103, 99,
];

/// Natural-order index of each zig-zag position.
const ZIGZAG: [usize; 64] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
    28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54,
    47, 55, 62, 63,
];

/// CRC-32 as PNG defines it (ISO-HDLC), SIMD-accelerated by `crc32fast`.
pub fn crc32(data: &[u8]) -> u32 {
    crc32fast::hash(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut v = (data.len() as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(data);
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        v.extend_from_slice(&crc32(&crc_input).to_be_bytes());
        v
    }

    #[test]
    fn crc_of_iend_is_the_well_known_value() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn png_walk_finds_chunks_and_trailer() {
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(chunk(b"IHDR", &[0; 13]));
        png.extend(chunk(b"tEXt", b"Comment\0hi"));
        png.extend(chunk(b"IEND", &[]));
        let layout = png_layout(&png).unwrap();
        assert_eq!(layout.chunks, vec![*b"IHDR", *b"tEXt", *b"IEND"]);
        assert_eq!(trailing_bytes(&png), Some(0));
        png.extend_from_slice(b"leftover bytes");
        assert_eq!(trailing_bytes(&png), Some(14));
        let n = png.len();
        png[n - 20] ^= 1;
        assert!(png_layout(&png).is_err(), "a corrupted CRC must be noticed");
    }

    #[test]
    fn jpeg_walk_handles_stuffing_restarts_and_trailers() {
        let mut jpg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46];
        jpg.extend([0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9]);
        let layout = jpeg_layout(&jpg).unwrap();
        assert_eq!(layout.markers, vec![0xD8, 0xE0, 0xDA, 0xD9]);
        assert_eq!(layout.end, jpg.len());
        jpg.extend([0xFF, 0xD8, 0xFF, 0xD9]);
        assert_eq!(trailing_bytes(&jpg), Some(4));
    }

    #[test]
    fn header_dimensions_of_each_format() {
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(chunk(b"IHDR", &[0, 0, 0xC3, 0x50, 0, 0, 0x01, 0x2C, 8, 6, 0, 0, 0]));
        assert_eq!(header_dimensions(&png), Some((50_000, 300)));
        let jpg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC2, 0, 11, 8, 0xFF, 0xDC, 0xFF, 0xDC, 3];
        assert_eq!(header_dimensions(&jpg), Some((65_500, 65_500)));
        assert_eq!(header_dimensions(b"GIF89a\x10\x27\x20\x4e"), Some((10_000, 20_000)));
        let mut webp = b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0".to_vec();
        webp.extend([0x4F, 0xC3, 0x00, 0x4F, 0xC3, 0x00]);
        assert_eq!(header_dimensions(&webp), Some((50_000, 50_000)));
        assert_eq!(header_dimensions(b"nothing"), None);
    }

    #[test]
    fn jpeg_block_size_follows_chroma_subsampling() {
        let sof = |factors: &[u8]| {
            let mut j =
                vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 8 + 3 * factors.len() as u8, 8, 0, 16, 0, 16];
            j.push(factors.len() as u8);
            for (i, f) in factors.iter().enumerate() {
                j.extend([i as u8 + 1, *f, 0]);
            }
            j
        };
        assert_eq!(jpeg_block_size(&sof(&[0x22, 0x11, 0x11])), Some((16, 16)));
        assert_eq!(jpeg_block_size(&sof(&[0x21, 0x11, 0x11])), Some((16, 8)));
        assert_eq!(jpeg_block_size(&sof(&[0x11, 0x11, 0x11])), Some((8, 8)));
        assert_eq!(jpeg_block_size(&sof(&[0x22])), Some((8, 8)));
        assert_eq!(jpeg_block_size(&[0xFF, 0xD8, 0xFF, 0xD9]), None);
    }

    #[test]
    fn quality_of_standard_tables_is_recovered() {
        for q in [30u8, 50, 75, 85, 92, 100] {
            let scale = if q < 50 { 5000 / u32::from(q) } else { 200 - 2 * u32::from(q) };
            let mut table = [0u16; 64];
            for (i, t) in table.iter_mut().enumerate() {
                *t = ((u32::from(STD_LUMA[ZIGZAG[i]]) * scale + 50) / 100).clamp(1, 255) as u16;
            }
            assert_eq!(estimate_jpeg_quality(&table), q);
        }
    }
}
