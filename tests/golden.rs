//! Golden outputs: `--help`, `--print-config` and the report of
//! `fixtures/demo`, compared with files in `tests/golden/`. A change to any
//! of them shows as a diff here; when it is meant, write the new output
//! with `SHOTMASK_BLESS=1 cargo test --test integration golden` and read the
//! diff before committing it.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Compares `actual` with the golden file `name`, or writes it when blessing.
fn check(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("SHOTMASK_BLESS").is_some() {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if expected != actual {
        let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{name} differs from the golden file, first at line {}:\n  golden: {:?}\n  now:    {:?}\n(SHOTMASK_BLESS=1 rewrites it)",
            first + 1,
            expected.lines().nth(first).unwrap_or(""),
            actual.lines().nth(first).unwrap_or("")
        );
    }
}

/// The binary in English at a fixed width, whatever the machine's locale.
fn english() -> std::process::Command {
    let mut cmd = command();
    cmd.env("COLUMNS", "100").env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    cmd.env("XDG_CONFIG_HOME", std::env::temp_dir().join("shotmask-tests-no-user-config"));
    cmd
}

#[test]
fn help_is_as_recorded() {
    let out = english().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    check("help.txt", &String::from_utf8_lossy(&out.stdout));
}

#[test]
fn print_config_is_as_recorded() {
    let out = english().args(["--no-config", "--print-config"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    check("print-config-defaults.txt", &String::from_utf8_lossy(&out.stdout));

    let dir = Dir::new();
    let config = dir.write(
        "shotmask.toml",
        b"style = \"fill\"\ncolor = \"auto\"\npad = 4\nmarker = [\"red\", \"magenta\"]\nmax_size = \"500KB\"\n\
          total_size = \"5MB\"\nformat = \"jpeg\"\nmin_scale = 0.6\nname = \"{date}_{n}\"\nlabel = \"bug\"\n\
          presets = [\"android-status-bar\"]\n\n[[rule]]\nname = \"header\"\nbox = \"0,0,100%,5%\"\n",
    );
    let out = english()
        .current_dir(dir.path())
        .args(["--config", "shotmask.toml", "--pad", "7", "--preset", "qr-codes", "--print-config"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(config.exists());
    check("print-config-file.txt", &String::from_utf8_lossy(&out.stdout));
}

/// The report with what changes from run to run taken out: the time, and
/// the folders (paths are shown relative to the fixtures and the output).
fn normalised(report: &mut Value, fixtures: &str, out: &str) {
    match report {
        Value::Object(map) => {
            map.remove("seconds");
            for v in map.values_mut() {
                normalised(v, fixtures, out);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| normalised(v, fixtures, out)),
        Value::String(s) => *s = s.replace(out, "OUT").replace(fixtures, "FIXTURES"),
        _ => {}
    }
}

#[test]
fn the_demo_report_is_as_recorded() {
    let dir = Dir::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    let out = dir.join("out");
    let report = dir.join("r.json");
    let run =
        english().arg("--report").arg(&report).arg("-o").arg(&out).args(["-j", "1"]).arg(&fixtures).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let mut json: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    normalised(&mut json, &fixtures.display().to_string(), &out.display().to_string());
    check("demo-report.json", &(serde_json::to_string_pretty(&json).unwrap() + "\n"));
}
