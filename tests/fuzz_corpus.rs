//! Replays the committed fuzzing corpora (`fuzz/corpus/<target>/`) through
//! the entry points the fuzz targets call, so that every seed and every
//! input that once found a bug is run by `cargo test`, without libFuzzer.

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

use neonrs::fuzzing::TARGETS;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The names of the files (or directories) in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn every_corpus_input_runs_without_panic() {
    let mut failures = Vec::new();
    let mut runs = 0;
    for (target, run) in TARGETS {
        let dir = fuzz_dir().join("corpus").join(target);
        for name in names(&dir) {
            let data = fs::read(dir.join(&name)).unwrap();
            if panic::catch_unwind(|| run(&data)).is_err() {
                failures.push(format!("{target}/{name}"));
            }
            runs += 1;
        }
    }
    assert!(runs > 0);
    assert!(failures.is_empty(), "panicked on: {failures:?}");
}

#[test]
fn every_fuzz_target_has_an_entry_point_and_a_corpus() {
    let targets: Vec<String> = names(&fuzz_dir().join("fuzz_targets"))
        .into_iter()
        .map(|f| f.strip_suffix(".rs").expect("a .rs file").to_owned())
        .collect();
    let entries: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
    let mut sorted = entries.clone();
    sorted.sort();
    assert_eq!(
        targets, sorted,
        "fuzz/fuzz_targets/*.rs and neonrs::fuzzing::TARGETS"
    );
    let manifest = fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    for t in &targets {
        let source =
            fs::read_to_string(fuzz_dir().join("fuzz_targets").join(format!("{t}.rs"))).unwrap();
        assert!(
            source.contains(&format!("neonrs::fuzzing::{t}(data)")),
            "fuzz_targets/{t}.rs calls neonrs::fuzzing::{t}"
        );
        assert!(
            manifest.contains(&format!("path = \"fuzz_targets/{t}.rs\"")),
            "fuzz/Cargo.toml lists {t}"
        );
        let corpus = fuzz_dir().join("corpus").join(t);
        assert!(!names(&corpus).is_empty(), "fuzz/corpus/{t} has seeds");
    }
}
