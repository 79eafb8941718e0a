//! Every scenario under examples/ (the IAM concepts the playground's gallery shows) and
//! every ```iamplay example of the book (docs/*.md, which the book's pages turn into
//! embedded playgrounds), loaded with the AWS data as the CLI loads it: it has no errors,
//! every request states its `expect`, and meets it. One test per example.

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
    let mut trials: Vec<_> = files
        .into_iter()
        .map(|f| {
            let name = f.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            libtest_mimic::Trial::test(format!("example::{name}"), move || {
                let text = std::fs::read_to_string(&f).map_err(|e| e.to_string())?;
                check(&text).map_err(Into::into)
            })
        })
        .collect();
    let book = book_examples();
    let count = book.len();
    trials.push(libtest_mimic::Trial::test("book::has_examples", move || {
        if count >= 9 {
            Ok(())
        } else {
            Err(format!("the book has {count} ```iamplay examples, fewer than its chapters show").into())
        }
    }));
    for (name, block) in book {
        trials.push(libtest_mimic::Trial::test(format!("book::{name}"), move || {
            check(&scenario_of_block(&block)?).map_err(Into::into)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}

/// The ```iamplay blocks of docs/*.md, named `PAGE::N` (N counts from 1 in each page). A
/// fence inside a longer fence (````markdown showing the syntax) is that fence's text.
fn book_examples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "md")).collect()
        })
        .unwrap_or_default();
    iamplay_core::sort::sort(&mut pages);
    let mut out = Vec::new();
    for page in pages {
        let stem = page.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        let mut open: Option<(usize, bool, String)> = None; // (backticks, is iamplay, text)
        let mut n = 0;
        for line in text.lines() {
            let ticks = line.len() - line.trim_start_matches('`').len();
            match &mut open {
                None if ticks >= 3 => {
                    open = Some((ticks, line.trim_start_matches('`').trim() == "iamplay", String::new()))
                }
                None => {}
                Some((fence, iamplay, body)) => {
                    if ticks >= *fence && line.trim_end().len() == ticks {
                        if *iamplay {
                            n += 1;
                            out.push((format!("{stem}::{n}"), std::mem::take(body)));
                        }
                        open = None;
                    } else {
                        body.push_str(line);
                        body.push('\n');
                    }
                }
            }
        }
    }
    out
}

/// The scenario a block stands for, as the playground's embed.js makes it: a scenario
/// as it is; a policy with a request (or `requests`) decided for `user/alice` of
/// 111122223333, who has the policy, unless a request names its principal.
fn scenario_of_block(block: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_json::from_str(block).map_err(|e| format!("not JSON: {e}"))?;
    if value.get("policies").is_some() || value.get("principals").is_some() {
        return Ok(block.to_string());
    }
    let policy = value.get("policy").ok_or("neither a scenario nor a policy with requests")?;
    let requests = match (value.get("requests"), value.get("request")) {
        (Some(serde_json::Value::Array(list)), _) => list.clone(),
        (None, Some(one)) => vec![one.clone()],
        _ => return Err("a policy needs `request` or a list `requests`".into()),
    };
    let requests: Vec<serde_json::Value> = requests
        .into_iter()
        .map(|mut r| {
            if let Some(fields) = r.as_object_mut() {
                fields.entry("principal").or_insert_with(|| "user/alice".into());
            }
            r
        })
        .collect();
    let scenario = serde_json::json!({
        "policies": { "policy": policy },
        "principals": { "account": "111122223333", "users": { "alice": { "policies": ["policy"] } } },
        "requests": requests,
    });
    Ok(scenario.to_string())
}

fn check(text: &str) -> Result<(), String> {
    let data =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DATA_FILE)).map_err(|e| e.to_string())?;
    let aws = ManagedPolicies::parse(data)?;
    let sc = load_file_with(text, &aws);
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
