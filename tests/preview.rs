//! `--preview`: one self-contained HTML page with each original beside its
//! result and every region outlined, written beside the originals.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use crate::util::*;

const PAGE: &str = "shotmask-preview-UNMASKED-do-not-send.html";

/// The `data:` images of one role (`original` or `result`), in page order:
/// (mime type, bytes).
fn images(html: &str, role: &str) -> Vec<(String, Vec<u8>)> {
    let marker = format!("data-role=\"{role}\"");
    html.match_indices(&marker)
        .map(|(i, _)| {
            let rest = &html[i..];
            let start = rest.find("src=\"data:").unwrap() + "src=\"data:".len();
            let uri = &rest[start..start + rest[start..].find('"').unwrap()];
            let (mime, b64) = uri.split_once(";base64,").unwrap();
            (mime.to_string(), STANDARD.decode(b64).unwrap())
        })
        .collect()
}

fn files(report: &Value) -> Vec<&Value> {
    report["files"].as_array().unwrap().iter().collect()
}

#[test]
fn the_preview_shows_every_original_and_result_with_every_region() {
    let dir = Dir::new();
    let a = screenshot(200, 320, 1);
    dir.write("스크린샷 폴더/a.png", &png(&a));
    dir.write("스크린샷 폴더/a.png.boxes", b"10,40,120,20\n");
    dir.write("스크린샷 폴더/b 2.jpg", &jpeg(&screenshot(240, 160, 2), 90));
    dir.write("스크린샷 폴더/<broken>.png", b"\x89PNG\r\n\x1a\nbroken");
    let (code, stderr, report) =
        run_report(&dir, &[&"--preview", &"--box", &"0,0,100%,8%", &dir.join("스크린샷 폴더")]);
    assert_eq!(code, 1, "{stderr}");

    // Beside the originals, never among the results.
    let page = dir.join("스크린샷 폴더").join(PAGE);
    assert!(page.exists(), "{stderr}");
    assert!(!dir.list("스크린샷 폴더/masked").iter().any(|n| n.ends_with(".html")));
    assert!(stderr.contains(&page.display().to_string()) && stderr.contains("do not send"), "{stderr}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("UNMASKED"));
    // Self-contained: nothing is fetched from anywhere.
    assert!(html.contains("default-src 'none'"));
    for external in ["http:", "https:", "<script", "src=\"/", "url("] {
        assert!(!html.contains(external), "{external}");
    }

    let ok: Vec<&Value> = files(&report).into_iter().filter(|f| f["status"] == "ok").collect();
    assert_eq!(ok.len(), 2);
    let originals = images(&html, "original");
    let results = images(&html, "result");
    assert_eq!((originals.len(), results.len()), (2, 2));
    for (i, f) in ok.iter().enumerate() {
        // The result is embedded byte for byte: what is checked is what is sent.
        let out = std::fs::read(f["output"].as_str().unwrap()).unwrap();
        assert_eq!(results[i].1, out, "{}", f["input"]);
        // The original, upright and at full size.
        let shown = image::load_from_memory(&originals[i].1).unwrap().into_rgba8();
        assert_eq!(
            (shown.width() as u64, shown.height() as u64),
            (f["width"].as_u64().unwrap(), f["height"].as_u64().unwrap())
        );
    }
    // The PNG original is shown exactly (it is unmasked on purpose).
    let first = image::load_from_memory(&originals[0].1).unwrap().into_rgb8();
    assert_eq!(first, a);

    // Every region outlined on both images, labelled with its source.
    let regions: usize = ok.iter().map(|f| f["regions"].as_array().unwrap().len()).sum();
    assert_eq!(regions, 3);
    assert_eq!(html.matches("class=\"region ").count(), 2 * regions);
    assert_eq!(html.matches("<span>1 box</span>").count(), 4);
    assert_eq!(html.matches("<span>2 sidecar</span>").count(), 2);
    // The failure is listed, its name escaped.
    assert!(html.contains("&lt;broken&gt;.png") && !html.contains("<broken>"));

    // A second run never replaces the first page, and does not take it for
    // an input to mention.
    let (_, stderr, report) = run_report(&dir, &[&"--preview", &dir.join("스크린샷 폴더")]);
    assert!(dir.join("스크린샷 폴더").join(PAGE.replace(".html", " (2).html")).exists());
    assert!(!stderr.contains(".html: not an image"), "{stderr}");
    assert_eq!(report["totals"]["skipped"], 0);
}

#[test]
fn a_dry_run_preview_shows_where_regions_would_go() {
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(200, 320, 1)));
    let page = dir.join("check.html");
    let (code, stderr, _) = run_report(
        &dir,
        &[&"--dry-run", &format!("--preview={}", page.display()), &"--box", &"0,0,50,50", &dir.join("in")],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!dir.join("in/masked").exists());
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(images(&html, "original").len(), 1);
    assert!(images(&html, "result").is_empty());
    assert!(html.contains("dry run"));
    assert_eq!(html.matches("class=\"region ").count(), 1);
}
