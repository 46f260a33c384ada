//! EXIF orientation is applied before anything else: boxes are in the
//! coordinates of the upright picture the user saw.

use image::{DynamicImage, Rgb, RgbImage, metadata::Orientation};

use crate::util::*;

/// 64×48, red top-left, green top-right, blue bottom-left, white bottom-right.
fn upright() -> RgbImage {
    RgbImage::from_fn(64, 48, |x, y| match (x < 32, y < 24) {
        (true, true) => Rgb([220, 30, 30]),
        (false, true) => Rgb([30, 200, 30]),
        (true, false) => Rgb([30, 30, 220]),
        (false, false) => Rgb([250, 250, 250]),
    })
}

/// The stored pixels that a viewer shows as `upright()` under EXIF orientation `o`.
fn stored_for(o: u8) -> RgbImage {
    let target = DynamicImage::ImageRgb8(upright());
    let candidates = [
        target.clone(),
        target.fliph(),
        target.flipv(),
        target.rotate90(),
        target.rotate180(),
        target.rotate270(),
        target.rotate90().fliph(),
        target.rotate90().flipv(),
    ];
    let orientation = Orientation::from_exif(o).unwrap();
    for c in candidates {
        let mut shown = c.clone();
        shown.apply_orientation(orientation);
        if shown.to_rgb8() == *target.as_rgb8().unwrap() {
            return c.to_rgb8();
        }
    }
    panic!("no stored image for orientation {o}");
}

fn close(p: [u8; 4], want: [u8; 3]) -> bool {
    (0..3).all(|i| p[i].abs_diff(want[i]) <= 40)
}

#[test]
fn all_eight_orientations_come_out_upright_with_boxes_in_place() {
    let dir = Dir::new();
    for o in 1..=8u8 {
        let jpg =
            jpeg_with_segments(&jpeg(&stored_for(o), 95), &[jpeg_segment(0xE1, &exif_block(u16::from(o), "cam"))]);
        dir.write(format!("in/o{o}.jpg"), &jpg);
    }
    let (code, stderr, report) = run_report(
        &dir,
        &[
            &"--box",
            &"0,0,10,6",
            &"--pad",
            &"0",
            &"--style",
            &"fill",
            &"--color",
            &"#FF00FF",
            &"--format",
            &"png",
            &"--name",
            &"{stem}",
            &dir.join("in"),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    for o in 1..=8 {
        let e = entry(&report, &format!("o{o}.jpg"));
        assert_eq!((e["width"].as_u64(), e["height"].as_u64()), (Some(64), Some(48)), "orientation {o}");
        let out = decode(std::path::Path::new(e["output"].as_str().unwrap()));
        assert_eq!(out.dimensions(), (64, 48), "orientation {o}");
        assert_eq!(pixel(&out, 5, 5).0, [255, 0, 255, 255], "orientation {o}: box not top-left");
        // The box grew to whole 8×8 compression blocks (these files are
        // full-chroma), plus the 2 px that chroma upsampling reaches.
        assert_eq!(pixel(&out, 17, 9).0, [255, 0, 255, 255], "orientation {o}: block not covered");
        assert!(close(pixel(&out, 18, 5).0, [220, 30, 30]), "orientation {o}: box grew too far");
        assert!(close(pixel(&out, 5, 10).0, [220, 30, 30]), "orientation {o}: box grew too far");
        assert!(close(pixel(&out, 31, 5).0, [220, 30, 30]), "orientation {o}: red quadrant moved");
        assert!(close(pixel(&out, 60, 5).0, [30, 200, 30]), "orientation {o}: green quadrant moved");
        assert!(close(pixel(&out, 5, 44).0, [30, 30, 220]), "orientation {o}: blue quadrant moved");
        assert!(close(pixel(&out, 60, 44).0, [250, 250, 250]), "orientation {o}: white quadrant moved");
    }
}
