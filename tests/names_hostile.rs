//! Hostile names: labels, templates and input file names built to escape
//! the output folder or to break on some file system (`../`, absolute
//! paths, drive and UNC prefixes, device names, NUL and control bytes,
//! bidirectional overrides, 300- and 600-byte Korean, NFD). Every run
//! must write exactly one file, directly in the output folder, whose name
//! passes a portability check written here independently of the crate.

use std::path::Path;

use shotmask::batch::Quiet;
use unicode_normalization::UnicodeNormalization;

use crate::adversary::*;
use crate::util::*;

/// Why `name` would not be a safe, portable file name, if it would not.
fn portability_problem(name: &str) -> Option<String> {
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "conin$", "conout$", "com0", "com1", "com2", "com3", "com4", "com5", "com6",
        "com7", "com8", "com9", "com¹", "com²", "com³", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
        "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³",
    ];
    let bad_char = |c: char| {
        matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
            || (c as u32) < 0x20
            || c == '\u{7F}'
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    };
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let head = name.split('.').next().unwrap_or("").trim_end_matches(' ').to_lowercase();
    let problem = if let Some(c) = name.chars().find(|&c| bad_char(c)) {
        format!("has {c:?}")
    } else if name.nfc().collect::<String>() != name {
        "is not NFC".into()
    } else if name.len() > 255 || name.encode_utf16().count() > 255 {
        format!("is {} bytes long", name.len())
    } else if stem.is_empty() || stem.starts_with(['.', ' ']) || stem.ends_with(['.', ' ']) {
        "starts or ends with a dot or space".into()
    } else if RESERVED.contains(&head.as_str()) {
        "is a Windows device name".into()
    } else if !(name.ends_with(".png") || name.ends_with(".jpg")) {
        "has no image extension".into()
    } else {
        return None;
    };
    Some(problem)
}

/// Labels meant to break something.
fn hostile_labels() -> Vec<String> {
    let korean_300: String = "한".repeat(100);
    let korean_600: String = "훈민정음".repeat(50);
    let mut v: Vec<String> = [
        "../x",
        "..",
        ".",
        "/etc/passwd",
        "C:\\Windows\\x",
        "C:x",
        "\\\\?\\C:\\x",
        "\\\\server\\share\\x",
        "a/../../x",
        "CON",
        "nul.txt",
        "NUL.tar.gz",
        "COM¹",
        "LPT0",
        "CONIN$",
        "aux.foo",
        "report.",
        "report ",
        " ",
        "...",
        "a<b>c:d\"e|f?g*h",
        "a\0b",
        "\0",
        "",
        "photo\u{202E}gnp.exe",
        "a\u{7}b",
        "line\nbreak\r",
        "\u{FEFF}bom",
        "_-. ,·",
        "/tmp/shotmask-escape-canary",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push(korean_300.clone());
    v.push(korean_300.nfd().collect());
    v.push(korean_600);
    v.push("x".repeat(300));
    v.push(format!("{}e\u{301}", "é".repeat(120)));
    v
}

#[test]
fn the_portability_check_rejects_what_it_should() {
    for bad in ["CON.png", "nul.tar.png", "COM¹.png", "a/b.png", "a:b.png", "x\u{202E}.png", ".png", "a .png", "a.gif"]
    {
        assert!(portability_problem(bad).is_some(), "{bad:?}");
    }
    assert!(portability_problem(&format!("{}.png", "가".repeat(84))).is_some(), "256 bytes");
    assert!(portability_problem(&"가".nfd().chain(".png".chars()).collect::<String>()).is_some(), "NFD");
    for good in ["2024-11-25_KakaoTalk_1.png", "결제오류 (2).jpg", "CONSOLE.png", "_CON.png"] {
        assert_eq!(portability_problem(good), None, "{good:?}");
    }
}

const TEMPLATES: [&str; 9] = [
    "{label}",
    "../{label}",
    "/tmp/shotmask-escape-canary-{label}",
    "{label}/{n}",
    "..\\{label}\\{n}",
    "C:{label}",
    "{label}{label}{label}-{n}",
    "{stem}-{label}",
    "{label}.{w}x{h}.",
];

fn escape_canaries() -> Vec<String> {
    list(Path::new("/tmp")).into_iter().filter(|n| n.starts_with("shotmask-escape-canary")).collect()
}

#[test]
fn every_hostile_label_and_template_gives_one_safe_file_in_the_output_folder() {
    let dir = Dir::new();
    let input = dir.write("in/shot.png", &png(&screenshot(24, 32, 1)));
    let canaries = escape_canaries();
    let mut runs = 0;
    for (t, template) in TEMPLATES.iter().enumerate() {
        for (l, label) in hostile_labels().iter().enumerate() {
            let out = dir.join(format!("out-{t}-{l}"));
            let mut s = settings(&["--name".to_string(), template.to_string()]);
            s.label = Some(label.clone());
            s.inputs.out_dir = Some(out.clone());
            s.jobs = 1;
            let before = list(dir.path());
            let report = shotmask::run(&s, std::slice::from_ref(&input), &Quiet).expect("usable output folder");
            let f = &report.files[0];
            assert!(f.problem.is_none(), "{template} / {label:?}");
            let written = Path::new(f.output.as_ref().unwrap());
            // Directly in the output folder, and the only file there.
            assert_eq!(std::fs::canonicalize(written.parent().unwrap()).unwrap(), std::fs::canonicalize(&out).unwrap());
            let names: Vec<String> = std::fs::read_dir(&out)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().expect("a UTF-8 name"))
                .collect();
            assert_eq!(names.len(), 1, "{template} / {label:?}: {names:?}");
            if let Some(problem) = portability_problem(&names[0]) {
                panic!("{template} / {label:?} gave {:?}, which {problem}", names[0]);
            }
            // Nothing else appeared beside the output folder.
            let mut after = list(dir.path());
            after.retain(|n| !before.contains(n));
            assert_eq!(after, [out.file_name().unwrap().to_string_lossy().into_owned()], "{template} / {label:?}");
            runs += 1;
        }
    }
    assert_eq!(escape_canaries(), canaries, "a file was written outside the output folder");
    assert_eq!(runs, TEMPLATES.len() * hostile_labels().len());
}

#[test]
fn hostile_input_file_names_give_safe_output_names() {
    // Names a Linux or macOS user can really have, used through {stem}.
    let stems = [
        "CON",
        "a\\b",
        "a:b",
        "x\ny",
        "..hidden",
        " lead",
        "trail.",
        "photo\u{202E}gnp.exe",
        "스크린샷 한글",
        &"스크린샷 한글".nfd().collect::<String>(),
        &"가".repeat(80),
    ];
    let dir = Dir::new();
    for (i, stem) in stems.iter().enumerate() {
        // One pixel apart, so that no two results are identical (those
        // would be written once).
        let mut img = screenshot(24, 32, i as u64);
        img.put_pixel(i as u32, 31, image::Rgb([255, i as u8 * 20, 0]));
        dir.write(format!("in{i}/{stem}.png"), &png(&img));
    }
    let out = dir.join("out");
    let inputs: Vec<_> = (0..stems.len()).map(|i| dir.join(format!("in{i}"))).collect();
    let report = run_lib(&["--name".into(), "{stem}".into()], &inputs, &out);
    assert_eq!(report.totals.ok, stems.len(), "{:?}", report.files.iter().map(|f| &f.problem).collect::<Vec<_>>());
    let names = list(&out);
    assert_eq!(names.len(), stems.len(), "{names:?}");
    for n in &names {
        assert!(portability_problem(n).is_none(), "{n:?}: {:?}", portability_problem(n));
    }
    // The NFD and NFC spellings of one name are one name: the second is numbered.
    assert!(
        names.contains(&"스크린샷 한글.png".to_string()) && names.contains(&"스크린샷 한글 (2).png".to_string()),
        "{names:?}"
    );
}

#[test]
fn hostile_labels_through_the_real_command_line() {
    // The same through argv, where NUL cannot travel but everything else can.
    let dir = Dir::new();
    dir.write("in/a.png", &png(&screenshot(24, 32, 1)));
    for (i, label) in hostile_labels().iter().filter(|l| !l.contains('\0')).enumerate() {
        let out = dir.join(format!("out{i}"));
        let r = run(&[&"--name", &"../{label}/{n}", &"--label", label, &"-o", &out, &dir.join("in")]);
        assert_eq!(r.status.code(), Some(0), "{label:?}: {}", String::from_utf8_lossy(&r.stderr));
        let names = list(&out);
        assert_eq!(names.len(), 1, "{label:?}: {names:?}");
        assert!(portability_problem(&names[0]).is_none(), "{label:?} gave {:?}", names[0]);
    }
    assert_eq!(list(dir.path()).iter().filter(|n| !n.starts_with("out")).count(), 1, "{:?}", list(dir.path()));
}
