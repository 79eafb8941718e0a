//! Every fuzz target over its seeds and over every input a fuzz run found
//! (fuzz/regressions/TARGET/FILE): none may panic or fail a check again.
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn every_target_runs_its_seeds() {
    let seeds = iamplay_fuzz::seeds::seeds(root());
    for (name, body) in iamplay_fuzz::TARGETS {
        let mine: Vec<_> = seeds.iter().filter(|s| s.target == name).collect();
        assert!(mine.len() >= 4, "target {name} has {} seeds", mine.len());
        for seed in mine {
            body(&seed.data);
        }
    }
}

#[test]
fn every_finding_stays_fixed() {
    let dir = root().join("fuzz/regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten().filter(|e| e.path().is_dir()) {
        let target = entry.file_name().to_string_lossy().into_owned();
        let body = iamplay_fuzz::target(&target).unwrap_or_else(|| panic!("fuzz/regressions/{target}: no such target"));
        for file in std::fs::read_dir(entry.path()).into_iter().flatten().flatten() {
            let data = std::fs::read(file.path()).unwrap_or_default();
            eprintln!("replaying {}", file.path().display());
            body(&data);
            replayed += 1;
        }
    }
    eprintln!("{replayed} findings replayed");
}
