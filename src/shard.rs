//! `--shard K/N`: split one job across machines (GNU parallel, a Kubernetes
//! Indexed Job, a Slurm array) without a coordinator. Each input belongs to
//! exactly one of the N shards, decided by a hash of its path alone, so the
//! split does not depend on argument order, on the machine, or on which other
//! files are in the batch.

use std::fmt;
use std::hash::Hasher;
use std::path::{Component, Path};
use std::str::FromStr;

use crate::spec::ValueError;

use unicode_normalization::UnicodeNormalization;

/// Shard `index` of `count` (`index` counts from 0, as Kubernetes' and most
/// Slurm job indexes do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard this run is, `0..count`.
    pub index: u32,
    /// How many shards the job is split into, at least 1.
    pub count: u32,
}

impl Shard {
    /// Whether the input whose shard key is `key` (see [`key`]) belongs to
    /// this shard.
    pub fn takes(&self, key: &str) -> bool {
        shard_of(key, self.count) == self.index
    }
}

impl FromStr for Shard {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, ValueError> {
        let bad = || ValueError::NotAShard(s.trim().to_string());
        let (k, n) = s.trim().split_once('/').ok_or_else(bad)?;
        let index: u32 = k.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 {
            return Err(ValueError::ShardCountZero(s.trim().to_string()));
        }
        if index >= count {
            return Err(ValueError::ShardIndexTooLarge { text: s.trim().to_string(), count });
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The text an input is sharded by: its path inside the folder argument it
/// was found in (so the folder may be mounted anywhere), or the path as given
/// for a file argument or list entry. Components are joined with `/` (so
/// Windows and Unix agree), `.` components are dropped and the text is NFC.
pub fn key(path: &Path, root: Option<&Path>) -> String {
    let rel = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
    let mut parts: Vec<String> = Vec::new();
    for c in rel.components() {
        match c {
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            Component::RootDir => parts.push(String::new()),
            Component::CurDir => {}
            Component::ParentDir => parts.push("..".into()),
            Component::Normal(n) => parts.push(n.to_string_lossy().into_owned()),
        }
    }
    let joined = if parts.len() == 1 && parts[0].is_empty() { "/".to_string() } else { parts.join("/") };
    joined.nfc().collect()
}

/// The shard `0..count` of `key`: FNV-1a 64 of its UTF-8 bytes, mapped to the
/// range by its high bits (multiply-shift), which FNV mixes best. Frozen:
/// changing it would split running jobs differently across versions.
fn shard_of(key: &str, count: u32) -> u32 {
    let mut h = fnv::FnvHasher::default();
    h.write(key.as_bytes());
    ((u128::from(h.finish()) * u128::from(count)) >> 64) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn parses_k_of_n() {
        assert_eq!("0/4".parse::<Shard>(), Ok(Shard { index: 0, count: 4 }));
        assert_eq!(" 3 / 4 ".parse::<Shard>(), Ok(Shard { index: 3, count: 4 }));
        assert_eq!("0/1".parse::<Shard>(), Ok(Shard { index: 0, count: 1 }));
        for bad in ["4/4", "1/0", "-1/4", "a/b", "3", "1/2/3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        assert!("4/4".parse::<Shard>().unwrap_err().to_string().contains("counts from 0"));
    }

    #[test]
    fn keys_ignore_where_the_folder_is_and_how_paths_are_spelled() {
        let a = key(Path::new("/mnt/a/shots/x/1.png"), Some(Path::new("/mnt/a/shots")));
        let b = key(Path::new("/data/shots/x/1.png"), Some(Path::new("/data/shots")));
        assert_eq!(a, "x/1.png");
        assert_eq!(a, b);
        assert_eq!(key(Path::new("./x/1.png"), None), "x/1.png");
        assert_eq!(key(&PathBuf::from("x").join("1.png"), None), "x/1.png");
        // macOS writes NFD; the key is NFC.
        assert_eq!(key(Path::new("\u{1100}\u{1161}.png"), None), "가.png");
        assert_eq!(key(Path::new("/abs/1.png"), None), "/abs/1.png");
    }

    #[test]
    fn every_key_is_in_exactly_one_shard_and_shards_are_balanced() {
        let keys: Vec<String> = (0..4000).map(|i| format!("Screenshot_2024{i:04}.png")).collect();
        for count in [1u32, 2, 3, 7] {
            let mut sizes = vec![0usize; count as usize];
            for k in &keys {
                let owners: Vec<u32> = (0..count).filter(|&i| Shard { index: i, count }.takes(k)).collect();
                assert_eq!(owners.len(), 1, "{k} in {owners:?}");
                sizes[owners[0] as usize] += 1;
            }
            let ideal = keys.len() / count as usize;
            for s in sizes {
                assert!(s.abs_diff(ideal) < ideal / 5 + 1, "{count} shards: {s} vs {ideal}");
            }
        }
    }

    #[test]
    fn the_split_is_frozen() {
        // These values are part of the contract: a job whose machines run
        // different versions must still split the same way.
        let got: Vec<u32> = ["a.png", "b.png", "스크린샷 1.png", "x/y/z.jpg"].iter().map(|k| shard_of(k, 8)).collect();
        assert_eq!(got, FROZEN);
    }

    // FNV-1a 64 (offset 0xcbf29ce484222325, prime 0x100000001b3), then (hash × 8) >> 64.
    const FROZEN: [u32; 4] = [5, 6, 3, 2];
}
