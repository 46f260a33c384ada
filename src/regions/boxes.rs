//! Turning a typed box spec into whole pixels on one image.

use super::PixelRect;
use crate::error::FileError;
use crate::spec::BoxSpec;

/// Places `spec` on a `width`×`height` image: fractional edges round outward
/// and the box is clamped to the image. A box that misses the image entirely
/// is an error, because the user asked for something to be hidden there.
pub fn resolve_box(spec: &BoxSpec, width: u32, height: u32, density: f64) -> Result<PixelRect, FileError> {
    let (x, y, w, h) = spec.resolve(width, height, density);
    PixelRect::outward(x, y, w, h, width, height).ok_or(FileError::BoxOutside {
        spec: *spec,
        width,
        height,
        rule: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_example_lands_bottom_right() {
        let spec: BoxSpec = "-30%,-12%,25%,8%".parse().unwrap();
        let r = resolve_box(&spec, 1080, 2340, 3.0).unwrap();
        assert_eq!(r, PixelRect { x: 756, y: 2059, w: 270, h: 188 });
    }

    #[test]
    fn box_outside_the_image_is_an_error() {
        let spec: BoxSpec = "2000,10,10,10".parse().unwrap();
        let err = resolve_box(&spec, 800, 600, 1.0).unwrap_err();
        assert!(matches!(err, FileError::BoxOutside { width: 800, height: 600, rule: None, .. }), "{err:?}");
    }
}
