//! Leaks around the pixels: every place an image file can carry a copy of
//! what was masked, or facts about who took it, is filled with a secret
//! (EXIF with GPS and a thumbnail of the unmasked picture, XMP with an
//! embedded image, IPTC, an MPF second image, an ICC profile naming the
//! display's serial number, C2PA-style JUMBF, comments, PNG text and time
//! chunks, private chunks, WebP and GIF metadata, bytes after the end of
//! the image). Every output is parsed chunk by chunk and segment by
//! segment, and searched for the secrets and for any 16-byte piece of any
//! payload.

use std::path::{Path, PathBuf};

use image::{Rgb, RgbImage};

use crate::adversary::*;
use crate::util::*;

/// Marks every secret string, so a plain search finds any survivor.
const TAG: &str = "LEAK-7f3a";

/// The box that hides the secret in every test image.
const BOX: (u32, u32, u32, u32) = (40, 60, 120, 40);

/// A screenshot with a secret (a red card with digits) inside [`BOX`].
fn unmasked() -> RgbImage {
    let mut img = screenshot(240, 320, 11);
    let (x, y, w, h) = BOX;
    fill(&mut img, x, y, w, h, Rgb([220, 20, 40]));
    for i in 0..8 {
        fill(&mut img, x + 8 + i * 14, y + 10, 9, 20, Rgb([255, 255, 255]));
    }
    img
}

/// A value in a TIFF (EXIF) directory.
enum Val {
    Ascii(String),
    Short(u16),
    Rationals(Vec<(u32, u32)>),
    Undefined(Vec<u8>),
    /// Offset of another directory (by index).
    Ifd(usize),
    /// Offset of a blob (by index), and its length in the next entry.
    BlobAt(usize),
    BlobLen(usize),
}

impl Val {
    fn kind(&self) -> u16 {
        match self {
            Val::Ascii(_) => 2,
            Val::Short(_) => 3,
            Val::Rationals(_) => 5,
            Val::Undefined(_) => 7,
            _ => 4,
        }
    }

    fn count(&self) -> u32 {
        match self {
            Val::Ascii(s) => s.len() as u32 + 1,
            Val::Rationals(r) => r.len() as u32,
            Val::Undefined(b) => b.len() as u32,
            _ => 1,
        }
    }

    /// The value's bytes (pointers are filled in by `tiff`).
    fn bytes(&self) -> Vec<u8> {
        match self {
            Val::Ascii(s) => [s.as_bytes(), &[0]].concat(),
            Val::Short(n) => n.to_be_bytes().to_vec(),
            Val::Rationals(r) => r.iter().flat_map(|(a, b)| [a.to_be_bytes(), b.to_be_bytes()].concat()).collect(),
            Val::Undefined(b) => b.clone(),
            _ => vec![0; 4],
        }
    }
}

/// A big-endian TIFF: directories in order (the first chains to the
/// second, as IFD0 to IFD1), then blobs.
fn tiff(ifds: &[Vec<(u16, Val)>], blobs: &[&[u8]]) -> Vec<u8> {
    // Sizes first: each directory, then the data that does not fit inline.
    let extra = |ifd: &Vec<(u16, Val)>| -> usize {
        ifd.iter().map(|(_, v)| v.bytes().len()).filter(|&n| n > 4).map(|n| n + n % 2).sum()
    };
    let mut offsets = Vec::new();
    let mut pos = 8;
    for ifd in ifds {
        offsets.push(pos);
        pos += 2 + 12 * ifd.len() + 4 + extra(ifd);
    }
    let mut blob_offsets = Vec::new();
    for b in blobs {
        blob_offsets.push(pos);
        pos += b.len();
    }
    let mut out = b"MM\0\x2a".to_vec();
    out.extend(8u32.to_be_bytes());
    for (i, ifd) in ifds.iter().enumerate() {
        let mut data_pos = offsets[i] + 2 + 12 * ifd.len() + 4;
        let mut data = Vec::new();
        out.extend((ifd.len() as u16).to_be_bytes());
        for (tag, v) in ifd {
            out.extend(tag.to_be_bytes());
            out.extend(v.kind().to_be_bytes());
            out.extend(v.count().to_be_bytes());
            let bytes = match v {
                Val::Ifd(j) => (offsets[*j] as u32).to_be_bytes().to_vec(),
                Val::BlobAt(j) => (blob_offsets[*j] as u32).to_be_bytes().to_vec(),
                Val::BlobLen(j) => (blobs[*j].len() as u32).to_be_bytes().to_vec(),
                Val::Short(n) => [n.to_be_bytes().as_slice(), &[0, 0]].concat(),
                other => other.bytes(),
            };
            if bytes.len() <= 4 {
                out.extend(&bytes);
                out.extend(std::iter::repeat_n(0, 4 - bytes.len()));
            } else {
                out.extend((data_pos as u32).to_be_bytes());
                data_pos += bytes.len() + bytes.len() % 2;
                data.extend(&bytes);
                if bytes.len() % 2 == 1 {
                    data.push(0);
                }
            }
        }
        let next = if i == 0 && ifds.len() > 1 { offsets[1] as u32 } else { 0 };
        out.extend(next.to_be_bytes());
        out.extend(data);
    }
    for b in blobs {
        out.extend_from_slice(b);
    }
    out
}

/// EXIF (TIFF) with camera, software, time, GPS and an IFD1 thumbnail
/// that shows the unmasked picture.
fn exif_tiff(thumbnail: &[u8]) -> Vec<u8> {
    let ifd0 = vec![
        (0x010F, Val::Ascii(format!("{TAG}-make"))),
        (0x0110, Val::Ascii(format!("{TAG}-model SN 00412345"))),
        (0x0131, Val::Ascii(format!("{TAG}-software"))),
        (0x0132, Val::Ascii("2024:11:25 09:30:12".into())),
        (0x8825, Val::Ifd(2)),
    ];
    let ifd1 = vec![(0x0103, Val::Short(6)), (0x0201, Val::BlobAt(0)), (0x0202, Val::BlobLen(0))];
    let gps = vec![
        (0x0001, Val::Ascii("N".into())),
        (0x0002, Val::Rationals(vec![(37, 1), (33, 1), (5_999, 100)])),
        (0x0003, Val::Ascii("E".into())),
        (0x0004, Val::Rationals(vec![(126, 1), (58, 1), (4_123, 100)])),
        (0x001B, Val::Undefined([b"ASCII\0\0\0".as_slice(), TAG.as_bytes(), b"-gps"].concat())),
    ];
    tiff(&[ifd0, ifd1, gps], &[thumbnail])
}

/// A minimal ICC display profile whose description and device model name
/// the display, serial number included (as colord writes EDID data).
fn icc_profile() -> Vec<u8> {
    let desc = format!("{TAG} Display SN 0x5A11E7 EDID_serial");
    let mut text = b"desc\0\0\0\0".to_vec();
    text.extend((desc.len() as u32 + 1).to_be_bytes());
    text.extend(desc.as_bytes());
    text.push(0);
    text.extend([0; 12 + 67]);
    let tags: [(&[u8; 4], &[u8]); 2] = [(b"desc", &text), (b"dmdd", &text)];
    let mut data = Vec::new();
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut off = 128 + 4 + 12 * tags.len();
    for (sig, body) in tags {
        table.extend(sig);
        table.extend((off as u32).to_be_bytes());
        table.extend((body.len() as u32).to_be_bytes());
        data.extend(body);
        off += body.len();
    }
    let size = 128 + table.len() + data.len();
    let mut header = vec![0u8; 128];
    header[..4].copy_from_slice(&(size as u32).to_be_bytes());
    header[8..12].copy_from_slice(&[4, 0x20, 0, 0]);
    header[12..16].copy_from_slice(b"mntr");
    header[16..20].copy_from_slice(b"RGB ");
    header[20..24].copy_from_slice(b"XYZ ");
    header[36..40].copy_from_slice(b"acsp");
    header[48..52].copy_from_slice(b"SN41");
    header[52..56].copy_from_slice(b"5A11");
    [header, table, data].concat()
}

fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for c in data.chunks(3) {
        let n =
            (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                s.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

/// Every payload planted in one input, to search the outputs for.
struct Planted {
    file: Vec<u8>,
    payloads: Vec<(&'static str, Vec<u8>)>,
}

fn thumbnail() -> Vec<u8> {
    jpeg(&image::imageops::thumbnail(&unmasked(), 120, 160), 85)
}

fn xmp_packet() -> Vec<u8> {
    format!(
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description \
         xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"37,33.999N\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:creator=\"{TAG}-creator\"/></rdf:RDF></x:xmpmeta>"
    )
    .into_bytes()
}

fn leaky_jpeg() -> Planted {
    let img = unmasked();
    let thumb = thumbnail();
    let exif = exif_tiff(&thumb);
    let xmp = xmp_packet();
    // Extended XMP carrying the unmasked picture, as Google's depth and
    // Lens Blur images do (GImage:Data).
    let embedded = format!("<GImage:Data>{}</GImage:Data>", base64(&png(&img))).into_bytes();
    let ext_chunk = &embedded[..60_000.min(embedded.len())];
    let mut ext = b"http://ns.adobe.com/xmp/extension/\0".to_vec();
    ext.extend(b"0123456789ABCDEF0123456789ABCDEF");
    ext.extend((embedded.len() as u32).to_be_bytes());
    ext.extend(0u32.to_be_bytes());
    ext.extend(ext_chunk);
    let iptc = [&[0x1C, 0x02, 0x78, 0x00, 0x12][..], format!("{TAG}-caption!").as_bytes()].concat();
    let mut irb = b"Photoshop 3.0\x008BIM\x04\x04\0\0".to_vec();
    irb.extend((iptc.len() as u32).to_be_bytes());
    irb.extend(&iptc);
    if iptc.len() % 2 == 1 {
        irb.push(0);
    }
    irb.extend(b"8BIM\x04\x0C\0\0");
    irb.extend((thumb.len() as u32 + 28).to_be_bytes());
    irb.extend([0; 28]);
    irb.extend(&thumb);
    let icc = icc_profile();
    // MPF: an index pointing at a second image after the first one's EOI
    // (Ultra HDR gain maps, "motion photo" frames): here the unmasked picture.
    let second = jpeg(&img, 90);
    let mpf =
        [b"MPF\0".as_slice(), b"MM\0\x2a\0\0\0\x08\0\x01\xB0\x00\0\x07\0\0\0\x04\x30\x31\x30\x30\0\0\0\0"].concat();
    let jumbf = [b"JP\0\x01\0\0\0\x01\0\0\0\x20jumb".as_slice(), TAG.as_bytes(), b"-c2pa-manifest", &thumb].concat();
    let comment = format!("{TAG}-comment").into_bytes();
    let segments = vec![
        jpeg_segment(0xE1, &[b"Exif\0\0".as_slice(), &exif].concat()),
        jpeg_segment(0xE1, &[b"http://ns.adobe.com/xap/1.0/\0".as_slice(), &xmp].concat()),
        jpeg_segment(0xE1, &ext),
        jpeg_segment(0xED, &irb),
        jpeg_segment(0xE2, &[b"ICC_PROFILE\0\x01\x01".as_slice(), &icc].concat()),
        jpeg_segment(0xE2, &mpf),
        jpeg_segment(0xEB, &jumbf),
        jpeg_segment(0xFE, &comment),
    ];
    let mut file = jpeg_with_segments(&jpeg(&img, 92), &segments);
    file.extend(&second);
    let trailer = format!("{TAG}-after-EOI").into_bytes();
    file.extend(&trailer);
    Planted {
        file,
        payloads: vec![
            ("EXIF", exif),
            ("thumbnail", thumb),
            ("XMP", xmp),
            ("extended XMP", ext_chunk.to_vec()),
            ("IPTC", irb),
            ("ICC", icc),
            ("MPF second image", second),
            ("JUMBF", jumbf),
            ("comment", comment),
            ("trailer", trailer),
        ],
    }
}

fn leaky_png() -> Planted {
    let img = unmasked();
    let thumb = thumbnail();
    let exif = exif_tiff(&thumb);
    let xmp = xmp_packet();
    let icc = icc_profile();
    let text = format!("{TAG}-tEXt: taken in meeting room 4F").into_bytes();
    let ztxt = format!("{TAG}-zTXt compressed comment").into_bytes();
    let itxt = format!("{TAG}-iTXt: 회의실 4층 스크린샷").into_bytes();
    let chunks = vec![
        png_chunk(b"iCCP", &[b"Display\0\0".as_slice(), &zlib_stored(&icc)].concat()),
        png_chunk(b"tEXt", &[b"Comment\0".as_slice(), &text].concat()),
        png_chunk(b"zTXt", &[b"Description\0\0".as_slice(), &zlib_stored(&ztxt)].concat()),
        png_chunk(b"iTXt", &[b"XML:com.adobe.xmp\0\0\0\0\0".as_slice(), &xmp].concat()),
        png_chunk(b"iTXt", &[b"Title\0\x01\0ko\0\0".as_slice(), &zlib_stored(&itxt)].concat()),
        png_chunk(b"eXIf", &exif),
        png_chunk(b"tIME", &[7, 232, 11, 25, 9, 30, 12]),
        png_chunk(b"pHYs", &[0, 0, 0x2E, 0x23, 0, 0, 0x2E, 0x23, 1]),
        png_chunk(b"iDOT", &[0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 160, 0, 0, 0, 40, 0, 0, 0, 160, 0, 0, 0, 0, 0, 0, 0, 0]),
        png_chunk(b"prVt", format!("{TAG}-private chunk").as_bytes()),
    ];
    let small = png_with_chunks(&png(&img), &chunks);
    // aCropalypse: an edited, smaller PNG written over the original
    // without truncating it; the tail of the original's IDAT stream stays.
    let original = png(&photo(400, 600, 5));
    assert!(original.len() > small.len() + 1000);
    let mut file = original.clone();
    file[..small.len()].copy_from_slice(&small);
    let trailer = original[small.len()..].to_vec();
    Planted {
        file,
        payloads: vec![
            ("ICC", icc),
            ("tEXt", text),
            ("zTXt", ztxt),
            ("XMP", xmp),
            ("iTXt", itxt),
            ("eXIf", exif),
            ("thumbnail", thumb),
            ("aCropalypse trailer", trailer),
        ],
    }
}

fn leaky_webp() -> Planted {
    let img = unmasked();
    let mut lossless = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut lossless), image::ImageFormat::WebP).unwrap();
    assert_eq!(&lossless[12..16], b"VP8L");
    let vp8l = &lossless[12..];
    let exif = exif_tiff(&thumbnail());
    let xmp = xmp_packet();
    let icc = icc_profile();
    let chunk = |fourcc: &[u8; 4], data: &[u8]| {
        let mut c = fourcc.to_vec();
        c.extend((data.len() as u32).to_le_bytes());
        c.extend(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    };
    let (w, h) = img.dimensions();
    let mut vp8x = vec![0x20 | 0x08 | 0x04, 0, 0, 0];
    vp8x.extend(&(w - 1).to_le_bytes()[..3]);
    vp8x.extend(&(h - 1).to_le_bytes()[..3]);
    let body =
        [chunk(b"VP8X", &vp8x), chunk(b"ICCP", &icc), vp8l.to_vec(), chunk(b"EXIF", &exif), chunk(b"XMP ", &xmp)]
            .concat();
    let mut file = b"RIFF".to_vec();
    file.extend((body.len() as u32 + 4).to_le_bytes());
    file.extend(b"WEBP");
    file.extend(body);
    Planted { file, payloads: vec![("ICC", icc), ("EXIF", exif), ("XMP", xmp)] }
}

fn leaky_gif() -> Planted {
    let img = image::DynamicImage::ImageRgb8(unmasked()).into_rgba8();
    let mut gif = Vec::new();
    image::codecs::gif::GifEncoder::new(&mut gif).encode_frame(image::Frame::new(img)).unwrap();
    // After the header, the screen descriptor and any global colour table.
    let flags = gif[10];
    let start = 13 + if flags & 0x80 != 0 { 3 << ((flags & 7) + 1) } else { 0 };
    let comment = format!("{TAG}-gif comment").into_bytes();
    let xmp = xmp_packet();
    let mut ext = vec![0x21, 0xFE, comment.len() as u8];
    ext.extend(&comment);
    ext.push(0);
    ext.extend([0x21, 0xFF, 11]);
    ext.extend(b"XMP DataXMP");
    for c in xmp.chunks(255) {
        ext.push(c.len() as u8);
        ext.extend(c);
    }
    ext.push(0);
    let file = [&gif[..start], &ext, &gif[start..]].concat();
    Planted { file, payloads: vec![("comment", comment), ("XMP", xmp)] }
}

/// Payload windows worth searching for: 16 bytes with some variety (runs
/// of zeros occur in any file), and not from the headers of a JPEG inside
/// the payload (a thumbnail's JFIF header and standard tables are the
/// same bytes as any JPEG's; its compressed data is what would leak).
fn distinctive_windows(payload: &[u8]) -> Vec<&[u8]> {
    let mut boilerplate = vec![false; payload.len()];
    for start in (0..payload.len().saturating_sub(3)).filter(|&i| payload[i..].starts_with(&[0xFF, 0xD8, 0xFF])) {
        let mut pos = start + 2;
        while pos + 4 <= payload.len() && payload[pos] == 0xFF && payload[pos + 1] != 0xDA {
            pos += 2 + usize::from(u16::from_be_bytes([payload[pos + 2], payload[pos + 3]]));
        }
        let end = (pos + 4).min(payload.len());
        boilerplate[start..end].fill(true);
    }
    payload
        .windows(16)
        .enumerate()
        .filter(|(i, w)| {
            let mut seen = [false; 256];
            !boilerplate[*i..i + 16].contains(&true)
                && w.iter().filter(|&&b| !std::mem::replace(&mut seen[b as usize], true)).count() >= 6
        })
        .map(|(_, w)| w)
        .collect()
}

fn assert_nothing_leaks(out: &Path, planted: &[(&str, Vec<u8>)]) {
    let bytes = std::fs::read(out).unwrap();
    let name = out.display();
    assert_clean_output(out);
    assert!(!contains(&bytes, TAG.as_bytes()), "{name}: a planted secret survived");
    for needle in [&b"Exif\0"[..], b"http://ns.adobe.com", b"ICC_PROFILE", b"MPF\0", b"8BIM", b"acsp"] {
        assert!(!contains(&bytes, needle), "{name}: {}", String::from_utf8_lossy(needle));
    }
    let windows: std::collections::HashSet<&[u8]> = bytes.windows(16).collect();
    for (what, payload) in planted {
        let hit = distinctive_windows(payload).into_iter().find(|w| windows.contains(w));
        assert!(hit.is_none(), "{name}: carries 16 bytes of the input's {what}: {hit:02X?}");
    }
}

#[test]
fn no_metadata_or_hidden_copy_reaches_any_output() {
    let dir = Dir::new();
    let inputs: Vec<(&str, Planted)> = vec![
        ("leaky.jpg", leaky_jpeg()),
        ("leaky.png", leaky_png()),
        ("leaky.webp", leaky_webp()),
        ("leaky.gif", leaky_gif()),
    ];
    let (x, y, w, h) = BOX;
    for (name, p) in &inputs {
        dir.write(format!("in/{name}"), &p.file);
    }
    for format in ["png", "jpeg", "auto", "keep"] {
        let out = dir.join(format!("out-{format}"));
        let boxes = format!("{x},{y},{w},{h}");
        let args: Vec<String> = ["--box", &boxes, "--format", format, "--name", "{stem}-{n}", "--max-size", "200KB"]
            .map(String::from)
            .to_vec();
        let report = run_lib(&args, &[dir.join("in")], &out);
        for f in &report.files {
            assert!(f.problem.is_none(), "{}", f.input);
            let written = PathBuf::from(f.output.as_ref().unwrap());
            let planted = &inputs.iter().find(|(n, _)| f.input.ends_with(n)).unwrap().1;
            assert_nothing_leaks(&written, &planted.payloads);
            // The hidden secret is not in the pixels either: the red card is gone.
            let img = decode(&written);
            let red = (y..y + h)
                .flat_map(|yy| (x..x + w).map(move |xx| (xx, yy)))
                .filter(|&(xx, yy)| {
                    let p = pixel(&img, xx, yy).0;
                    p[0] > 180 && p[1] < 80 && p[2] < 90
                })
                .count();
            assert_eq!(red, 0, "{}: the secret shows", written.display());
        }
        assert_eq!(report.files.len(), 4);
    }
    // The trailers were noticed and reported (aCropalypse).
    let report = run_lib(&["--max-size".into(), "none".into()], &[dir.join("in")], &dir.join("warn"));
    for name in ["leaky.jpg", "leaky.png"] {
        let f = report.files.iter().find(|f| f.input.ends_with(name)).unwrap();
        assert!(
            f.warnings.iter().any(|w| w.to_string().contains("after the end of the image")),
            "{name}: {:?}",
            f.warnings
        );
    }
}

#[test]
fn the_leak_search_finds_every_planted_payload_in_its_input() {
    // Guards the test above: each payload is really in its input file, and
    // the search would see it there.
    for (name, p) in [("jpeg", leaky_jpeg()), ("png", leaky_png()), ("webp", leaky_webp()), ("gif", leaky_gif())] {
        let windows: std::collections::HashSet<&[u8]> = p.file.windows(16).collect();
        for (what, payload) in &p.payloads {
            let searched = distinctive_windows(payload);
            assert!(!searched.is_empty(), "{name}: {what} has nothing to search for");
            assert!(searched.iter().any(|w| windows.contains(w)), "{name}: {what} is not in the input");
        }
        assert!(contains(&p.file, TAG.as_bytes()));
    }
}

#[test]
fn exiftool_finds_no_metadata_in_the_outputs() {
    // A second opinion from an independent parser, where it is installed.
    if std::process::Command::new("exiftool").arg("-ver").output().is_err() {
        // CI installs it with the corpora (.ci/fetch-corpora).
        assert!(std::env::var_os("SHOTMASK_REQUIRE_CORPORA").is_none(), "exiftool is not installed");
        eprintln!("skipping: exiftool is not installed");
        return;
    }
    let dir = Dir::new();
    let input = dir.write("in/leaky.jpg", &leaky_jpeg().file);
    dir.write("in/leaky.png", &leaky_png().file);
    // exiftool reads what was planted (so silence below means something).
    let seen = std::process::Command::new("exiftool").args(["-a", "-G1", "-s"]).arg(&input).output().unwrap();
    let seen = String::from_utf8_lossy(&seen.stdout);
    for tag in ["GPSLatitude", "ThumbnailImage", "Creator", "ProfileDescription", "Caption-Abstract"] {
        assert!(seen.contains(tag), "exiftool did not see {tag} in the input:\n{seen}");
    }
    for format in ["png", "jpeg"] {
        let out = dir.join(format!("o-{format}"));
        let args: Vec<String> = ["--format", format, "--max-size", "none"].map(String::from).to_vec();
        let report = run_lib(&args, &[dir.join("in")], &out);
        for f in report.files {
            let path = f.output.expect("written");
            let tags = std::process::Command::new("exiftool").args(["-a", "-G1", "-s", &path]).output().unwrap();
            let tags = String::from_utf8_lossy(&tags.stdout);
            for line in tags.lines() {
                let group = line.split(']').next().unwrap_or("");
                let forbidden = ["GPS", "IFD1", "XMP", "ICC", "IPTC", "Photoshop", "MPF", "JUMBF", "IFD0", "ExifIFD"]
                    .iter()
                    .any(|g| group.contains(g));
                assert!(!forbidden && !line.contains(TAG), "{path}: {line}");
                assert!(!line.contains("Warning"), "{path}: {line}");
            }
        }
    }
}

/// Every metadata payload of a corpus file: APPn and COM segment bodies
/// and bytes after EOI for JPEG; ancillary chunk bodies and bytes after
/// IEND for PNG.
fn metadata_payloads(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if let Ok(layout) = shotmask::container::png_layout(bytes) {
        let mut pos = 8;
        for kind in layout.chunks {
            let n = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
            if !matches!(&kind, b"IHDR" | b"PLTE" | b"IDAT" | b"IEND" | b"tRNS") {
                out.push((String::from_utf8_lossy(&kind).into_owned(), bytes[pos + 8..pos + 8 + n].to_vec()));
            }
            pos += 12 + n;
        }
        out.push(("trailer".into(), bytes[layout.end..].to_vec()));
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut pos = 2;
        while pos + 4 <= bytes.len() && bytes[pos] == 0xFF {
            let m = bytes[pos + 1];
            if m == 0xDA || m == 0xD9 {
                break;
            }
            let n = usize::from(u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]));
            if (0xE1..=0xEF).contains(&m) || m == 0xFE {
                let end = (pos + 2 + n).min(bytes.len());
                out.push((format!("FF{m:02X}"), bytes[pos + 4..end].to_vec()));
            }
            pos += 2 + n;
        }
        if let Ok(layout) = shotmask::container::jpeg_layout(bytes) {
            out.push(("trailer".into(), bytes[layout.end..].to_vec()));
        }
    }
    out.retain(|(_, p)| !distinctive_windows(p).is_empty());
    out
}

#[test]
fn real_metadata_laden_files_come_out_clean() {
    // T3.1/T3.2 on files from the wild: iPhone and HTC photos with GPS and
    // thumbnails, ImageMagick's raw EXIF text chunk, iTXt, ICC profiles,
    // several EXIF blocks.
    let Some(corpora) = corpora() else { return };
    let files = [
        "goexif/samples/has-lens-info.jpg",
        "goexif/samples/geodegrees_as_string.jpg",
        "pillow/itxt_chunks.png",
        "pillow/exif_imagemagick.png",
        "pillow/icc_profile.png",
        "pillow/multiple_exif.jpg",
        "pillow/exif_gps.jpg",
        "pillow/exif.png",
        "pillow/xmp_tags_orientation.png",
        "pillow/photoshop-200dpi.jpg",
        "pillow/iptc.jpg",
        "pillow/frozenpond.mpo",
        "pillow/xmp_padded.jpg",
    ];
    let dir = Dir::new();
    let mut planted = Vec::new();
    for rel in files {
        let src = corpora.join(rel);
        let bytes = std::fs::read(&src).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let payloads = metadata_payloads(&bytes);
        assert!(!payloads.is_empty(), "{rel} has no metadata to test with");
        let name = Path::new(rel).file_name().unwrap().to_string_lossy().into_owned();
        dir.write(format!("in/{name}"), &bytes);
        planted.push((name, payloads));
    }
    for format in ["png", "jpeg"] {
        let args: Vec<String> = ["--format", format, "--max-size", "none"].map(String::from).to_vec();
        let report = run_lib(&args, &[dir.join("in")], &dir.join(format!("o-{format}")));
        assert_eq!(report.files.len(), files.len());
        for f in report.files {
            let out = PathBuf::from(f.output.unwrap_or_else(|| panic!("{}: {:?}", f.input, f.problem)));
            let (_, payloads) = planted.iter().find(|(n, _)| f.input.ends_with(n.as_str())).unwrap();
            let bytes = std::fs::read(&out).unwrap();
            assert_clean_output(&out);
            let windows: std::collections::HashSet<&[u8]> = bytes.windows(16).collect();
            for (what, p) in payloads {
                let hit = distinctive_windows(p).into_iter().any(|w| windows.contains(w));
                assert!(!hit, "{}: {what} of {} survived", out.display(), f.input);
            }
        }
    }
}
