//! The safety promises: masks carry nothing of what was under them, and
//! outputs carry nothing of the input but masked pixels.

use std::path::Path;

use image::{Rgb, Rgba, RgbaImage};

use crate::util::*;

/// Two images equal outside `rect` and different (random noise vs. drawn
/// "digits") inside it.
fn twins(seed: u64, rect: (u32, u32, u32, u32)) -> (image::RgbImage, image::RgbImage) {
    let a = screenshot(320, 480, seed);
    let mut b = a.clone();
    let (x0, y0, w, h) = rect;
    let mut s = seed ^ 0xdead_beef;
    for y in y0..y0 + h {
        for x in x0..x0 + w {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            b.put_pixel(x, y, Rgb([s as u8, (s >> 8) as u8, (s >> 16) as u8]));
        }
    }
    let mut a = a;
    fill(&mut a, x0 + 4, y0 + 4, 10, h - 8, Rgb([0, 0, 0]));
    fill(&mut a, x0 + 20, y0 + 4, 10, h - 8, Rgb([0, 0, 0]));
    (a, b)
}

#[test]
fn inputs_differing_only_inside_boxes_give_identical_files() {
    let rect = (60, 100, 140, 40);
    let (a, b) = twins(5, rect);
    let dir = Dir::new();
    for (side, img) in [("a", &a), ("b", &b)] {
        dir.write(format!("{side}/shot.png"), &png(img));
        // Same region twice: once on the command line, once as a sidecar.
        dir.write(format!("{side}/shot.png.boxes"), b"# the secret\n200,300,60,30\n");
    }
    let mut checked = 0;
    for style in ["fill", "mosaic", "blur"] {
        for format in ["png", "jpeg"] {
            // No limit; a limit that forces a quality search; one that forces downscaling.
            for limit in ["none", "20KB", "8KB"] {
                let mut outs = Vec::new();
                for side in ["a", "b"] {
                    let out = dir.join(format!("out-{style}-{format}-{limit}-{side}"));
                    let r = run(&[
                        &"--box",
                        &"60,100,140,40",
                        &"--style",
                        &style,
                        &"--format",
                        &format,
                        &"--max-size",
                        &limit,
                        &"--name",
                        &"{stem}",
                        &"-o",
                        &out,
                        &dir.join(side),
                    ]);
                    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
                    let files = list(&out);
                    assert_eq!(files.len(), 1);
                    outs.push(std::fs::read(out.join(&files[0])).unwrap());
                }
                assert!(outs[0] == outs[1], "{style}/{format}/{limit}: outputs differ");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 18);
}

#[test]
fn the_limits_above_really_force_search_and_downscale() {
    // Guards the previous test: make sure its limits exercise what they claim.
    let (a, _) = twins(5, (60, 100, 140, 40));
    let dir = Dir::new();
    let input = dir.write("a.png", &png(&a));
    let (_, _, r20) = run_report(&dir, &[&"--format", &"jpeg", &"--max-size", &"20KB", &"-o", &dir.join("o1"), &input]);
    let (_, _, r8) = run_report(&dir, &[&"--format", &"jpeg", &"--max-size", &"8KB", &"-o", &dir.join("o2"), &input]);
    let q20 = r20["files"][0]["quality"].as_u64().unwrap();
    assert!(q20 < 90, "20KB did not force a quality search (q{q20})");
    assert_eq!(r20["files"][0]["scale"], 1.0);
    assert!(r8["files"][0]["scale"].as_f64().unwrap() < 1.0, "8KB did not force a downscale: {r8}");
}

#[test]
fn metadata_and_trailers_never_reach_the_output() {
    let dir = Dir::new();
    let img = screenshot(200, 300, 9);
    let secret = b"SECRET-SERIAL-8841";
    // JPEG with EXIF (GPS, model), an EXIF thumbnail-like blob, XMP, ICC,
    // a comment, and a second image appended after EOI.
    let thumb = jpeg(&screenshot(40, 60, 10), 80);
    let mut exif = exif_block(1, "SECRET-SERIAL-8841");
    exif.extend_from_slice(&thumb);
    let xmp = [b"http://ns.adobe.com/xap/1.0/\0".as_slice(), b"<x:xmpmeta>SECRET-SERIAL-8841</x:xmpmeta>"].concat();
    let icc = [b"ICC_PROFILE\0\x01\x01".as_slice(), secret].concat();
    let mut jpg = jpeg_with_segments(
        &jpeg(&img, 92),
        &[jpeg_segment(0xE1, &exif), jpeg_segment(0xE1, &xmp), jpeg_segment(0xE2, &icc), jpeg_segment(0xFE, secret)],
    );
    jpg.extend_from_slice(&thumb);
    jpg.extend_from_slice(secret);
    dir.write("in/tagged.jpg", &jpg);

    // PNG with tEXt, iTXt (XMP), zTXt, eXIf, iCCP, tIME, and junk after IEND.
    let mut p = png_with_chunks(
        &png(&img),
        &[
            png_chunk(b"tEXt", &[b"Comment\0".as_slice(), secret].concat()),
            png_chunk(b"iTXt", &[b"XML:com.adobe.xmp\0\0\0\0\0".as_slice(), secret].concat()),
            png_chunk(b"eXIf", &exif[6..]),
            png_chunk(b"iCCP", &[b"display\0\0".as_slice(), secret].concat()),
            png_chunk(b"tIME", &[7, 232, 11, 25, 9, 30, 12]),
        ],
    );
    p.extend_from_slice(&png(&screenshot(50, 50, 3)));
    p.extend_from_slice(secret);
    dir.write("in/tagged.png", &p);

    for format in ["png", "jpeg"] {
        let out = dir.join(format!("out-{format}"));
        let (code, stderr, report) =
            run_report(&dir, &[&"--format", &format, &"--name", &"{stem}", &"-o", &out, &dir.join("in")]);
        assert_eq!(code, 0, "{stderr}");
        // The trailers were noticed and reported.
        for name in ["tagged.jpg", "tagged.png"] {
            let w = entry(&report, name)["warnings"].to_string();
            assert!(w.contains("after the end of the image"), "{name}: {w}");
        }
        for name in list(&out) {
            let bytes = std::fs::read(out.join(&name)).unwrap();
            assert!(!contains(&bytes, secret), "{name} carries the secret");
            assert!(!contains(&bytes, b"Exif"), "{name} carries EXIF");
            if format == "png" {
                let (chunks, trailing) = png_chunks(&bytes);
                assert_eq!(trailing, 0, "{name}");
                for c in &chunks {
                    assert!(["IHDR", "PLTE", "tRNS", "IDAT", "IEND"].contains(&c.as_str()), "{name}: chunk {c}");
                }
            } else {
                let (markers, trailing) = jpeg_markers(&bytes);
                assert_eq!(trailing, 0, "{name}");
                assert_eq!(markers.iter().filter(|&&m| m == 0xD8).count(), 1, "{name}: more than one SOI");
                for m in markers {
                    assert!(!(0xE1..=0xEF).contains(&m) && m != 0xFE, "{name}: marker FF{m:02X}");
                }
            }
        }
    }
}

#[test]
fn transparent_pixels_hide_nothing_and_masks_are_opaque() {
    let dir = Dir::new();
    // Alpha 0 everywhere in the left half, with secret RGB under it.
    let img = RgbaImage::from_fn(120, 80, |x, y| {
        if x < 60 { Rgba([200, (x * 3) as u8, (y * 3) as u8, 0]) } else { Rgba([10, 20, 30, 255]) }
    });
    let input = dir.write("a.png", &png_rgba(&img));
    let (code, stderr, report) =
        run_report(&dir, &[&"--box", &"50,10,40,20", &"--format", &"png", &"--name", &"{stem}", &input]);
    assert_eq!(code, 0, "{stderr}");
    let out = decode(Path::new(report["files"][0]["output"].as_str().unwrap()));
    for y in 0..80 {
        for x in 0..120 {
            let p = pixel(&out, x, y).0;
            let in_box = (48..92).contains(&x) && (8..32).contains(&y);
            if in_box {
                assert_eq!(p[3], 255, "{x},{y}: mask not opaque");
            } else if x < 60 {
                assert_eq!(p, [0, 0, 0, 0], "{x},{y}: RGB under alpha 0 survived");
            }
        }
    }
}

#[test]
fn identical_runs_give_identical_bytes_whatever_the_threads() {
    let dir = Dir::new();
    for i in 0..4 {
        dir.write(format!("in/s{i}.png"), &png(&screenshot(200, 360, i)));
    }
    let mut outs = Vec::new();
    for jobs in ["1", "2", "1"] {
        let out = dir.join(format!("o{}", outs.len()));
        let r = run(&[&"-j", &jobs, &"--box", &"0,0,100%,10%", &"--max-size", &"20KB", &"-o", &out, &dir.join("in")]);
        assert_eq!(r.status.code(), Some(0));
        let files = list(&out);
        outs.push(files.iter().map(|f| (f.clone(), std::fs::read(out.join(f)).unwrap())).collect::<Vec<_>>());
    }
    assert!(outs[0] == outs[1] && outs[1] == outs[2]);
}

#[test]
fn verification_is_reported_for_every_output() {
    let dir = Dir::new();
    let input = dir.write("p.png", &png(&photo(300, 200, 4)));
    let (code, _, report) = run_report(&dir, &[&"--box", &"10,10,50,50", &"--max-size", &"30KB", &input]);
    assert_eq!(code, 0);
    assert_eq!(report["files"][0]["verified"], true);
    assert_eq!(report["files"][0]["format"], "jpeg");
}
