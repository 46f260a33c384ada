//! The module graph: no two top-level modules of `src/` use each other,
//! directly or round a longer loop, so data and dependencies flow one way
//! (ARCHITECTURE.md draws the map). A module uses another when its code
//! (not its comments or tests) names `crate::other` (or, for `text`, calls
//! its `tr!` macro).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its code uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: BTreeMap<String, Vec<std::path::PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        let mut list = Vec::new();
        let mut stack = vec![path];
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                stack.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
            } else if p.extension().is_some_and(|e| e == "rs") {
                list.push(p);
            }
        }
        files.insert(name, list);
    }
    let uses = regex::Regex::new(r"crate::([a-z_]+)").unwrap();
    let mut graph = BTreeMap::new();
    for (module, list) in &files {
        let mut deps = BTreeSet::new();
        for file in list {
            let text = std::fs::read_to_string(file).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                // The message macro is the renderer too.
                if module != "text" && line.contains("tr!(") {
                    deps.insert("text".to_string());
                }
                for c in uses.captures_iter(line) {
                    let dep = c[1].to_string();
                    if dep != *module && files.contains_key(&dep) {
                        deps.insert(dep);
                    }
                }
            }
        }
        graph.insert(module.clone(), deps);
    }
    graph
}

/// A loop through `from`, if there is one.
fn loop_through(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![(from.to_string(), vec![from.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in &graph[&node] {
            if next == from {
                return Some([path.clone(), vec![from.to_string()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn no_module_uses_one_that_uses_it_back() {
    let graph = graph();
    assert!(graph.len() > 20, "{graph:?}");
    for module in graph.keys() {
        if let Some(cycle) = loop_through(&graph, module) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
    }
    // The pipeline's data types are leaves; the stages never reach the
    // front end, the console or the renderer.
    for leaf in ["spec", "geometry", "own_files", "interrupt", "container"] {
        let allowed: BTreeSet<String> = ["spec"].iter().map(|s| s.to_string()).collect();
        assert!(graph[leaf].is_subset(&allowed), "{leaf} uses {:?}", graph[leaf]);
    }
    for stage in ["inputs", "probe", "load", "regions", "mask", "fit", "verify", "name", "write", "report", "batch"] {
        for edge in ["front", "console", "text", "preview"] {
            assert!(!graph[stage].contains(edge), "{stage} uses {edge}");
        }
    }
}
