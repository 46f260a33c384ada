//! The language of every message: Korean or English, from `--lang`, the
//! config file's `lang`, or the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).

use std::path::Path;

use serde_json::Value;

use crate::util::*;

/// Runs the binary with exactly these locale variables (and `args`);
/// returns (exit code, stdout, stderr).
fn run_in(locale: &[(&str, &str)], args: &[&dyn AsRef<std::ffi::OsStr>]) -> (i32, String, String) {
    let mut cmd = command();
    for var in ["LANG", "LC_ALL", "LC_MESSAGES"] {
        cmd.env_remove(var);
    }
    cmd.envs(locale.iter().copied());
    cmd.env("XDG_CONFIG_HOME", std::env::temp_dir().join("shotmask-tests-no-user-config"));
    for a in args {
        cmd.arg(a);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A folder with a screenshot masked by a box, one with nothing to mask,
/// and a file that is not an image at all.
fn shots(dir: &Dir) -> std::path::PathBuf {
    dir.write("shots/a.png", &png(&screenshot(120, 200, 1)));
    dir.write("shots/a.png.boxes", b"0,0,50%,10%\n");
    dir.write("shots/b.png", &png(&screenshot(120, 200, 2)));
    dir.write("shots/c.png", b"this is no picture");
    dir.join("shots")
}

fn is_korean(text: &str) -> bool {
    text.contains("저장") && text.contains("파일") && text.contains("결과 폴더")
}

fn is_english(text: &str) -> bool {
    text.contains("written") && text.contains("outputs") && !text.chars().any(|c| ('가'..='힣').contains(&c))
}

#[test]
fn a_korean_locale_speaks_korean_everywhere() {
    let dir = Dir::new();
    let shots = shots(&dir);
    let report = dir.join("r.json");
    let (code, _, stderr) =
        run_in(&[("LANG", "ko_KR.UTF-8")], &[&"--report", &report, &"-o", &dir.join("out"), &shots]);
    assert_eq!(code, 1, "{stderr}");
    assert!(is_korean(&stderr), "{stderr}");
    // The error and the warning lines, in Korean, the file names as they are.
    let error = stderr.lines().find(|l| l.contains("c.png")).unwrap();
    assert!(error.starts_with("오류:") && error.contains("지원하지 않는 이미지"), "{error}");
    let warning = stderr.lines().find(|l| l.contains("b.png")).unwrap();
    assert!(warning.starts_with("경고:") && warning.contains("마스킹한 영역이 없습니다"), "{warning}");
    // The report's keys and codes stay English; its messages are Korean.
    let json: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let c = entry(&json, "c.png");
    assert_eq!(c["error_code"], "unknown-format");
    assert!(c["error"].as_str().unwrap().contains("지원하지 않는 이미지"), "{c}");
    let b = entry(&json, "b.png");
    assert_eq!(b["warnings"][0]["code"], "no-region");
    assert!(b["warnings"][0]["message"].as_str().unwrap().contains("마스킹"), "{b}");

    // --help, the short help, a usage error and the dry-run table.
    let (code, help, _) = run_in(&[("LANG", "ko_KR.UTF-8")], &[&"--help"]);
    assert_eq!(code, 0);
    assert!(help.contains("사용법:") && help.contains("--max-size") && help.contains("용량"), "{help}");
    let (_, short, _) = run_in(&[("LANG", "ko_KR.UTF-8")], &[]);
    assert!(short.contains("shotmask.exe") && short.contains("Enter"), "{short}");
    assert!(short.chars().any(|c| ('가'..='힣').contains(&c)), "{short}");
    let (code, _, usage) = run_in(&[("LANG", "ko_KR.UTF-8")], &[&"--box", &"1,2", &shots]);
    assert_eq!(code, 2);
    assert!(usage.starts_with("오류:") && usage.contains("--box") && usage.contains("상자"), "{usage}");
    let (code, _, unknown) = run_in(&[("LANG", "ko_KR.UTF-8")], &[&"--bogus"]);
    assert_eq!(code, 2);
    assert!(unknown.starts_with("오류:") && unknown.contains("'--bogus'") && unknown.contains("--help"), "{unknown}");
    let (_, plan, _) = run_in(&[("LANG", "ko_KR.UTF-8")], &[&"--dry-run", &"-o", &dir.join("out2"), &shots]);
    let lines: Vec<&str> = plan.lines().collect();
    assert!(lines[0].contains("시험 실행") || lines[0].contains("계획"), "{plan}");
    // The columns line up in terminal cells, Hangul being two cells wide.
    use unicode_width::UnicodeWidthStr;
    let arrow_at = |line: &str| line.find('→').map(|i| line[..i].width());
    let arrows: Vec<usize> = lines[2..].iter().filter_map(|l| arrow_at(l)).collect();
    assert!(arrows.len() >= 2 && arrows.windows(2).all(|w| w[0] == w[1]), "{plan}");
}

#[test]
fn english_locales_and_no_locale_speak_english() {
    let dir = Dir::new();
    let shots = shots(&dir);
    for (i, locale) in
        [&[("LANG", "en_US.UTF-8")][..], &[("LANG", "C")], &[], &[("LANG", "fr_FR.UTF-8")]].into_iter().enumerate()
    {
        let (code, _, stderr) = run_in(locale, &[&"-o", &dir.join(format!("out{i}")), &shots]);
        assert_eq!(code, 1);
        assert!(is_english(&stderr), "{locale:?}: {stderr}");
    }
}

/// Locale variables, flags, and whether the run speaks Korean.
type Case = (&'static [(&'static str, &'static str)], &'static [&'static str], bool);

#[test]
fn the_flag_wins_over_the_locale_and_lc_all_over_lang() {
    let dir = Dir::new();
    let shots = shots(&dir);
    let cases: [Case; 6] = [
        (&[("LANG", "ko_KR.UTF-8")], &["--lang", "en"], false),
        (&[("LANG", "en_US.UTF-8")], &["--lang", "ko"], true),
        (&[("LANG", "C")], &["--lang=ko-KR"], true),
        (&[("LANG", "ko_KR.UTF-8"), ("LC_ALL", "C")], &[], false),
        (&[("LANG", "en_US.UTF-8"), ("LC_ALL", "ko_KR.UTF-8")], &[], true),
        (&[("LANG", "C"), ("LC_MESSAGES", "ko")], &[], true),
    ];
    for (i, (locale, flags, korean)) in cases.into_iter().enumerate() {
        let out = dir.join(format!("out{i}"));
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> =
            flags.iter().map(|f| f as &dyn AsRef<std::ffi::OsStr>).collect();
        args.extend([&"-o" as &dyn AsRef<std::ffi::OsStr>, &out, &shots]);
        let (_, _, stderr) = run_in(locale, &args);
        assert_eq!(is_korean(&stderr), korean, "{locale:?} {flags:?}: {stderr}");
        assert_eq!(is_english(&stderr), !korean, "{locale:?} {flags:?}: {stderr}");
    }
}

#[test]
fn the_config_files_lang_wins_over_the_locale() {
    let dir = Dir::new();
    let shots = shots(&dir);
    std::fs::write(shots.join("shotmask.toml"), "lang = \"ko\"\n").unwrap();
    let (_, _, stderr) = run_in(&[("LANG", "en_US.UTF-8")], &[&"-o", &dir.join("out"), &shots]);
    assert!(is_korean(&stderr), "{stderr}");
    // --lang still wins over the file.
    let (_, _, stderr) = run_in(&[("LANG", "en_US.UTF-8")], &[&"--lang", &"en", &"-o", &dir.join("out2"), &shots]);
    assert!(is_english(&stderr), "{stderr}");
    let (_, printed, _) = run_in(&[("LANG", "en_US.UTF-8")], &[&"--print-config", &shots]);
    assert!(printed.contains("lang = \"ko\""), "{printed}");
}

#[test]
fn the_starter_config_and_the_preview_page_speak_the_language() {
    let dir = Dir::new();
    let (code, _, _) = run_in(&[("LANG", "ko_KR.UTF-8")], &[&"--init-config", &dir.join("ko.toml")]);
    assert_eq!(code, 0);
    let ko = std::fs::read_to_string(dir.join("ko.toml")).unwrap();
    assert!(ko.contains("# style = \"mosaic\"") && ko.chars().any(|c| ('가'..='힣').contains(&c)), "{ko}");
    let shots = shots(&dir);
    let page = dir.join("p.html");
    let preview = format!("--preview={}", page.display());
    run_in(&[("LANG", "ko_KR.UTF-8")], &[&preview, &"-o", &dir.join("out"), &shots]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<html lang=\"ko\">") && html.contains("원본"), "{}", &html[..400]);
    assert!(Path::new(&page).exists());
}
