//! `iamplay simulate --policy FILE... --action A... [--resource R]...`: policies tried
//! without writing a scenario, in the spirit of `aws iam simulate-custom-policy`. The
//! files become a scenario (the caller's identity-based policies, its boundary, a
//! resource-based policy on each resource, one level of SCPs) whose requests are every
//! action on every resource; `eval` decides and prints it.

use crate::args::{EvalArgs, SimulateArgs};
use crate::terminal;
use iamplay_core::source::{LineIndex, SourceId};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One policy file as JSON, or its located error (printed as `eval` prints diagnostics).
fn document(file: &Path) -> Result<Value, ExitCode> {
    let text = crate::read_input(file).map_err(|e| {
        eprintln!("iamplay: {}", terminal::safe(&e));
        ExitCode::from(2)
    })?;
    let shown = crate::shown(file);
    if let Err(d) = iamplay_core::json::parse(&text, SourceId::File) {
        crate::stderr::print(&shown, &text, &LineIndex::new(&text), &[d], crate::stderr::auto_style());
        return Err(ExitCode::from(2));
    }
    let v: Value = serde_json::from_str(&text).map_err(|e| {
        eprintln!("iamplay: {shown}: {e}");
        ExitCode::from(2)
    })?;
    // a whole scenario is not a policy: say which command takes it
    if v.get("principals").is_some() || (v.get("policies").is_some() && v.get("Statement").is_none()) {
        eprintln!(
            "iamplay: {shown} is a scenario (it has `principals` or `policies`), not a policy document: `iamplay eval {shown}` decides its requests"
        );
        return Err(ExitCode::from(2));
    }
    Ok(v)
}

/// The caller's account, kind (`user` or `role`) and name, from its ARN.
fn caller(arn: &str) -> Result<(String, &'static str, String), String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let (Some(&"arn"), Some(&"iam"), Some(account), Some(resource)) =
        (parts.first(), parts.get(2), parts.get(4), parts.get(5))
    else {
        return Err(format!(
            "--caller takes an IAM user's or role's ARN (arn:aws:iam::ACCOUNT:user/NAME), not `{arn}`"
        ));
    };
    let kind = match resource.split('/').next() {
        Some("user") => "user",
        Some("role") => "role",
        _ => return Err(format!("--caller is a user or a role (…:user/NAME, …:role/NAME), not `{arn}`")),
    };
    let name = resource.rsplit('/').next().unwrap_or_default().to_string();
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) || name.is_empty() {
        return Err(format!("--caller `{arn}` has no 12-digit account or no name"));
    }
    Ok((account.to_string(), kind, name))
}

/// The scenario the options describe, as JSON text.
fn scenario(a: &SimulateArgs) -> Result<String, ExitCode> {
    let (account, kind, name) = caller(&a.caller).map_err(|why| {
        eprintln!("iamplay: {}", terminal::safe(&why));
        ExitCode::from(2)
    })?;
    let mut policies = Map::new();
    let mut add = |label: String, file: &PathBuf| -> Result<String, ExitCode> {
        policies.insert(label.clone(), document(file)?);
        Ok(label)
    };
    let mut attached = Vec::new();
    for (i, file) in a.policies.iter().enumerate() {
        attached.push(add(format!("policy-{}", i + 1), file)?);
    }
    let boundary = a.boundary.as_ref().map(|f| add("boundary".into(), f)).transpose()?;
    let resource_policy = a.resource_policy.as_ref().map(|f| add("resource-policy".into(), f)).transpose()?;
    let scps: Vec<String> =
        a.scps.iter().enumerate().map(|(i, f)| add(format!("scp-{}", i + 1), f)).collect::<Result<_, _>>()?;
    let mut who = Map::new();
    who.insert("policies".into(), json!(attached));
    if let Some(b) = boundary {
        who.insert("boundary".into(), json!(b));
    }
    if kind == "role" {
        // a role the caller's own account may assume: its sessions are the caller
        who.insert("trust".into(), json!("simulate-trust"));
        policies.insert(
            "simulate-trust".into(),
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{account}:root")}, "Action": "sts:AssumeRole"}]}),
        );
    }
    let mut principals = Map::new();
    principals.insert("account".into(), json!(account));
    principals.insert(format!("{kind}s"), json!({ name.clone(): who }));
    if !scps.is_empty() {
        principals.insert("organization".into(), json!({ "scps": [scps] }));
    }
    let resources: Vec<String> = if a.resources.is_empty() { vec!["*".into()] } else { a.resources.clone() };
    if let Some(rp) = resource_policy {
        let declared: Map<String, Value> =
            resources.iter().filter(|r| *r != "*").map(|r| (r.clone(), json!({ "policy": rp }))).collect();
        principals.insert("resources".into(), Value::Object(declared));
    }
    let context: Map<String, Value> = a
        .context
        .iter()
        .map(|(k, v)| (k.clone(), if let [one] = v.as_slice() { json!(one) } else { json!(v) }))
        .collect();
    let mut requests = Vec::new();
    for action in &a.actions {
        for resource in &resources {
            let mut r = Map::new();
            r.insert("principal".into(), json!(format!("{kind}/{name}")));
            r.insert("action".into(), json!(action));
            r.insert("resource".into(), json!(resource));
            if !context.is_empty() {
                r.insert("context".into(), Value::Object(context.clone()));
            }
            requests.push(Value::Object(r));
        }
    }
    let doc = json!({ "formatVersion": 1, "policies": policies, "principals": principals, "requests": requests });
    Ok(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n")
}

pub fn run(a: &SimulateArgs) -> ExitCode {
    let text = match scenario(a) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if a.show_scenario {
        return crate::write_out(&text).err().unwrap_or(ExitCode::SUCCESS);
    }
    let eval =
        EvalArgs { file: PathBuf::from("(simulate)"), explain: a.explain, format: a.format, output: a.output.clone() };
    crate::eval::run(&eval, &text, "(simulate)")
}
