//! Helpers for the adversarial tests: the library driven as the command
//! line drives it, child runs measured for time and peak memory, the
//! third-party corpora, and an independent check of every output file.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use shotmask::Settings;
use shotmask::batch::Quiet;
use shotmask::report::Report;

use crate::util::*;

/// Settings exactly as the command line resolves `args` (paths excluded).
pub fn settings(args: &[String]) -> Settings {
    let argv = std::iter::once("shotmask".to_string()).chain(args.iter().cloned()).chain(["x".to_string()]);
    shotmask::front::settings(argv.map(Into::into).collect()).expect("valid arguments and settings")
}

/// `shotmask::run` with command-line `args`, one worker, output to `out`.
pub fn run_lib(args: &[String], inputs: &[PathBuf], out: &Path) -> Report {
    let mut s = settings(args);
    s.inputs.out_dir = Some(out.to_path_buf());
    s.jobs = 1;
    shotmask::run(&s, inputs, &Quiet).expect("usable output folder")
}

/// A small deterministic generator (xorshift64*), so every test input is
/// reproducible from its seed.
#[derive(Debug, Clone)]
pub struct Seeded(u64);

impl Seeded {
    pub fn new(seed: u64) -> Seeded {
        Seeded(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

/// How a child run ended, how long it took and its peak memory.
#[derive(Debug)]
pub struct Probe {
    /// Exit code, or `None` when a signal ended it.
    pub code: Option<i32>,
    /// The signal that ended it, if any.
    pub signal: Option<i32>,
    pub stderr: String,
    /// Peak resident set size of the child, in KiB: its own `VmHWM`, read
    /// as it exits.
    pub max_rss_kib: u64,
    pub elapsed: Duration,
    /// Killed by the hang guard.
    pub hung: bool,
}

impl Probe {
    pub fn max_rss_mib(&self) -> f64 {
        self.max_rss_kib as f64 / 1024.0
    }
}

/// Runs the binary with `args`, killing it if it is still running after
/// `hang_guard` (a generous bound meant only to turn a hang into a
/// failure).
pub fn probe(args: &[&dyn AsRef<OsStr>], hang_guard: Duration) -> Probe {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("shotmask"));
    for a in args {
        cmd.arg(a);
    }
    english(&mut cmd);
    probe_command(cmd, hang_guard)
}

/// The `VmHWM` (peak resident memory of the current program image) of a
/// process, in KiB.
fn vm_hwm_kib(pid: libc::pid_t) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// [`probe`] for a prepared command.
///
/// Peak memory: `wait4`'s `ru_maxrss` cannot be used, because Linux folds
/// the parent's peak (this large test process) into a child that execs.
/// So the child is traced, stopped as it exits (`PTRACE_O_TRACEEXIT`,
/// before its memory is released), and its own `VmHWM` is read then.
pub fn probe_command(mut cmd: std::process::Command, hang_guard: Duration) -> Probe {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    use std::ptr::null_mut;
    cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
    // SAFETY: ptrace(TRACEME) is async-signal-safe and touches no memory.
    unsafe {
        cmd.pre_exec(|| {
            if libc::ptrace(libc::PTRACE_TRACEME, 0, null_mut::<libc::c_void>(), null_mut::<libc::c_void>()) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn shotmask (ptrace allowed?)");
    let pid = child.id() as libc::pid_t;
    let mut stderr_pipe = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });
    let mut status: libc::c_int = 0;
    // SAFETY (this and the calls below): waiting on and tracing our own
    // child, with valid out-pointers.
    let stopped = unsafe { libc::waitpid(pid, &mut status, 0) };
    assert!(stopped == pid && libc::WIFSTOPPED(status), "child did not stop at exec");
    let options = libc::PTRACE_O_TRACEEXIT | libc::PTRACE_O_EXITKILL;
    unsafe {
        libc::ptrace(libc::PTRACE_SETOPTIONS, pid, null_mut::<libc::c_void>(), options as usize as *mut libc::c_void);
        libc::ptrace(libc::PTRACE_CONT, pid, null_mut::<libc::c_void>(), null_mut::<libc::c_void>());
    }
    let mut hung = false;
    let mut peak = 0u64;
    loop {
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r == 0 {
            if !hung && start.elapsed() > hang_guard {
                hung = true;
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            peak = peak.max(vm_hwm_kib(pid).unwrap_or(0));
            std::thread::sleep(Duration::from_millis(2));
            continue;
        }
        assert_eq!(r, pid, "waitpid failed: {}", std::io::Error::last_os_error());
        if libc::WIFSTOPPED(status) {
            let signal = libc::WSTOPSIG(status);
            let event = status >> 16;
            let deliver = if signal == libc::SIGTRAP && event == libc::PTRACE_EVENT_EXIT {
                peak = peak.max(vm_hwm_kib(pid).unwrap_or(0));
                0
            } else {
                signal
            };
            unsafe {
                libc::ptrace(libc::PTRACE_CONT, pid, null_mut::<libc::c_void>(), deliver as usize as *mut libc::c_void)
            };
            continue;
        }
        break;
    }
    let elapsed = start.elapsed();
    // The child is reaped: std must not wait for it again.
    std::mem::forget(child);
    let stderr = reader.join().unwrap_or_default();
    let (code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else {
        (None, libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)))
    };
    Probe { code, signal, stderr, max_rss_kib: peak, elapsed, hung }
}

/// Where `.ci/fetch-corpora` put the third-party corpora, or `None` (after
/// saying why the caller skips) when they are absent. With
/// `SHOTMASK_REQUIRE_CORPORA` set (CI sets it), absence is a failure.
pub fn corpora() -> Option<PathBuf> {
    let dir = std::env::var_os("SHOTMASK_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/corpora"));
    if dir.join(".complete-v1").exists() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("SHOTMASK_REQUIRE_CORPORA").is_none(),
        "SHOTMASK_REQUIRE_CORPORA is set but {} has no corpora: run .ci/fetch-corpora",
        dir.display()
    );
    eprintln!("skipping: no corpora in {} (run .ci/fetch-corpora to fetch them)", dir.display());
    None
}

/// Every regular file under `dir` (following the corpus links), sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

/// Whether `bytes` start like a format shotmask reads.
pub fn looks_like_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8])
        || bytes.starts_with(b"GIF8")
        || bytes.starts_with(b"BM")
        || (bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP")
}

/// PNG chunks an output may hold.
pub const PNG_ALLOWED: [&str; 5] = ["IHDR", "PLTE", "tRNS", "IDAT", "IEND"];

/// Checks one output file the way an outsider would: the container walked
/// with this crate's own parsers (every chunk CRC, every JPEG segment), only
/// image structure inside, nothing after the end, exactly one image, and
/// it decodes. Panics with the reason otherwise.
pub fn assert_clean_output(path: &Path) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.display();
    if bytes.starts_with(b"\x89PNG") {
        let (chunks, trailing) = png_chunks(&bytes);
        assert_eq!(trailing, 0, "{name}: bytes after IEND");
        for c in &chunks {
            assert!(PNG_ALLOWED.contains(&c.as_str()), "{name}: chunk {c}");
        }
        assert_eq!(chunks.iter().filter(|c| *c == "IEND").count(), 1, "{name}");
        assert_eq!(path.extension().and_then(OsStr::to_str), Some("png"), "{name}: extension");
    } else {
        assert!(bytes.starts_with(&[0xFF, 0xD8]), "{name}: neither PNG nor JPEG");
        let (markers, trailing) = jpeg_markers(&bytes);
        assert_eq!(trailing, 0, "{name}: bytes after EOI");
        assert_eq!(markers.iter().filter(|&&m| m == 0xD8).count(), 1, "{name}: more than one SOI");
        for m in markers {
            let ok = matches!(m, 0xD8 | 0xE0 | 0xDB | 0xC0..=0xC2 | 0xC4 | 0xDD | 0xDA | 0xD0..=0xD7 | 0xD9);
            assert!(ok, "{name}: marker FF{m:02X}");
        }
        assert_eq!(path.extension().and_then(OsStr::to_str), Some("jpg"), "{name}: extension");
    }
    image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{name}: does not decode: {e}"));
}

/// A zlib stream of stored (uncompressed) deflate blocks: enough to build
/// compressed PNG chunks (zTXt, iCCP, IDAT) without a compressor.
pub fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut chunks = data.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        out.extend([1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(c) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        let n = c.len() as u16;
        out.extend(n.to_le_bytes());
        out.extend((!n).to_le_bytes());
        out.extend_from_slice(c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

/// Whether any `window`-byte substring of `needle` occurs in `hay`.
pub fn shares_window(hay: &[u8], needle: &[u8], window: usize) -> bool {
    if needle.len() < window {
        return contains(hay, needle);
    }
    let set: std::collections::HashSet<&[u8]> = hay.windows(window).collect();
    needle.windows(window).any(|w| set.contains(w))
}
