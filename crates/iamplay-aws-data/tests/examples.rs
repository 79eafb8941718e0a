//! Every scenario under examples/ (the IAM concepts the playground's gallery shows),
//! loaded with the AWS data as the CLI loads it: it has no errors, every request states
//! its `expect`, and meets it. One test per example.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

use iamplay_aws_data::{ManagedPolicies, DATA_FILE};
use iamplay_core::report::evaluate_all;
use iamplay_core::scenario::load_file_with;
use std::path::Path;

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default();
    iamplay_core::sort::sort(&mut files);
    let trials = files
        .into_iter()
        .map(|f| {
            let name = f.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            libtest_mimic::Trial::test(format!("example::{name}"), move || check(&f).map_err(Into::into))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let data =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DATA_FILE)).map_err(|e| e.to_string())?;
    let aws = ManagedPolicies::parse(data)?;
    let sc = load_file_with(&text, &aws);
    let errors: Vec<String> =
        sc.diagnostics.iter().filter(|d| d.is_error()).map(|d| format!("{}: {}", d.code, d.message)).collect();
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    if sc.requests.is_empty() {
        return Err("an example needs requests".into());
    }
    let mut problems = Vec::new();
    for (i, (req, ev)) in sc.requests.iter().zip(evaluate_all(&sc)).enumerate() {
        let (Some(req), Some(ev)) = (req, ev) else { return Err(format!("request {i} could not be read")) };
        match req.expect {
            None => problems
                .push(format!("request {i} ({} {} {}) has no `expect`", req.principal_text, req.action, req.resource)),
            Some(want) if want != ev.decision => problems.push(format!(
                "request {i} ({} {} {}): {} (expected {})",
                req.principal_text,
                req.action,
                req.resource,
                ev.decision.as_str(),
                want.as_str()
            )),
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}
