//! The request context: condition keys and their values, case-insensitive by key name.
//! Each entry remembers where it came from (derived from the principal or the resource,
//! or given in the request) so the explanation can show the derived values.

use crate::key::{key_hash, KeyName};
use crate::template::Lookup;
use crate::value::{parse_date, parse_number};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// Passes a precomputed [`key_hash`] through: keys are hashed once, when read.
#[derive(Default)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    /// Derived from the principal (aws:username, aws:PrincipalTag/…, …).
    Principal,
    /// Derived from the session (session tags).
    Session,
    /// Derived from the resource (aws:ResourceTag/…).
    Resource,
    /// Given in the request's `context`.
    Request,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContextEntry {
    /// The key as first written.
    pub key: String,
    pub values: Vec<String>,
    pub origin: Origin,
    /// Each value read as a number, a date and an IP address, once, when set; empty
    /// when no value reads as any of them (most values: names, ARNs).
    #[serde(skip)]
    pub parsed: Vec<Parsed>,
}

/// A request value read as the typed condition operators need it.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Parsed {
    pub number: Option<crate::value::Num>,
    pub date: Option<i128>,
    pub ip: Option<std::net::IpAddr>,
}

impl Parsed {
    pub fn of(value: &str) -> Self {
        Parsed { number: parse_number(value), date: parse_date(value), ip: value.trim().parse().ok() }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestContext {
    /// Keys set before any of `entries` and shared by many requests (those derived from
    /// one caller): one copy for all of them. A key set again here shadows its value.
    shared: Option<Arc<RequestContext>>,
    /// (lowercased key, entry), in the order keys were first set.
    entries: Vec<(String, ContextEntry)>,
    /// key hash → index in `entries`
    index: HashMap<u64, usize, BuildHasherDefault<Prehashed>>,
}

impl RequestContext {
    pub fn new() -> Self {
        Self::default()
    }

    /// A context that starts with the keys of `shared` (without copying them).
    pub fn on(shared: Arc<RequestContext>) -> Self {
        RequestContext { shared: Some(shared), ..Self::default() }
    }

    fn find(&self, lc: &str, hash: u64) -> Option<&ContextEntry> {
        self.find_own(lc, hash).or_else(|| self.shared.as_ref()?.find(lc, hash))
    }

    fn find_own(&self, lc: &str, hash: u64) -> Option<&ContextEntry> {
        let i = *self.index.get(&hash)?;
        match self.entries.get(i) {
            Some((k, e)) if k == lc => Some(e),
            // a hash collision: fall back to a scan
            _ => self.entries.iter().find(|(k, _)| k == lc).map(|(_, e)| e),
        }
    }

    /// Sets a key, replacing any value it had (keys compare case-insensitively).
    pub fn set(&mut self, key: &str, values: Vec<String>, origin: Origin) {
        let lc = key.to_ascii_lowercase();
        let mut parsed: Vec<Parsed> = values.iter().map(|v| Parsed::of(v)).collect();
        if parsed.iter().all(|p| *p == Parsed::default()) {
            parsed = Vec::new();
        }
        let entry = ContextEntry { key: key.to_string(), values, origin, parsed };
        match self.entries.iter_mut().find(|(k, _)| *k == lc) {
            Some((_, e)) => *e = entry,
            None => {
                self.index.entry(key_hash(&lc)).or_insert(self.entries.len());
                self.entries.push((lc, entry));
            }
        }
    }

    pub fn set_one(&mut self, key: &str, value: impl Into<String>, origin: Origin) {
        self.set(key, vec![value.into()], origin);
    }

    pub fn get(&self, key: &str) -> Option<&ContextEntry> {
        let lc = key.to_ascii_lowercase();
        self.find(&lc, key_hash(&lc))
    }

    pub fn contains(&self, key: &KeyName) -> bool {
        self.find(key, key.hash()).is_some()
    }

    /// Entries in the order they were first set (a key set again keeps its place).
    pub fn entries(&self) -> Box<dyn Iterator<Item = &ContextEntry> + '_> {
        let Some(shared) = &self.shared else { return Box::new(self.entries.iter().map(|(_, e)| e)) };
        let inherited = shared.entries().map(|e| {
            let lc = e.key.to_ascii_lowercase();
            self.find_own(&lc, key_hash(&lc)).unwrap_or(e)
        });
        let own = self.entries.iter().filter(|(lc, _)| shared.find(lc, key_hash(lc)).is_none()).map(|(_, e)| e);
        Box::new(inherited.chain(own))
    }
}

impl Lookup for RequestContext {
    fn single(&self, key: &KeyName) -> Option<&str> {
        match self.find(key, key.hash())?.values.as_slice() {
            [one] => Some(one.as_str()),
            _ => None,
        }
    }
}

impl RequestContext {
    pub fn entry(&self, key: &KeyName) -> Option<&ContextEntry> {
        self.find(key, key.hash())
    }
}

/// A stable synthetic IAM unique id (`AIDA…` for users, `AROA…` for roles): the
/// prefix and 17 characters from a hash of the account and name.
pub fn unique_id(prefix: &str, account: &str, name: &str) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = String::from(prefix);
    for round in 0u8..2 {
        for b in account.bytes().chain([b':', round]).chain(prefix.bytes()).chain(name.bytes()) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        let mut h = hash;
        for _ in 0..if round == 0 { 12 } else { 5 } {
            out.push(char::from(ALPHABET.get((h & 31) as usize).copied().unwrap_or(b'A')));
            h >>= 5;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_case_insensitive_and_overridable() {
        let mut ctx = RequestContext::new();
        ctx.set_one("aws:PrincipalTag/Team", "red", Origin::Principal);
        ctx.set_one("AWS:principaltag/team", "blue", Origin::Session);
        assert_eq!(ctx.single(&KeyName::new("aws:PrincipalTag/TEAM")), Some("blue"));
        assert_eq!(ctx.entries().count(), 1);
    }

    #[test]
    fn a_shared_context_is_read_through_and_shadowed_in_place() {
        let mut base = RequestContext::new();
        base.set_one("aws:username", "alice", Origin::Principal);
        base.set_one("aws:PrincipalTag/team", "red", Origin::Principal);
        let mut ctx = RequestContext::on(Arc::new(base));
        ctx.set_one("aws:SourceIp", "203.0.113.7", Origin::Request);
        ctx.set_one("AWS:PrincipalTag/Team", "blue", Origin::Request);
        assert_eq!(ctx.single(&KeyName::new("aws:username")), Some("alice"));
        assert_eq!(ctx.single(&KeyName::new("aws:principaltag/team")), Some("blue"));
        let order: Vec<(&str, &str)> =
            ctx.entries().map(|e| (e.key.as_str(), e.values.first().map_or("", String::as_str))).collect();
        assert_eq!(
            order,
            [("aws:username", "alice"), ("AWS:PrincipalTag/Team", "blue"), ("aws:SourceIp", "203.0.113.7")]
        );
    }

    #[test]
    fn unique_ids_are_stable_and_distinct() {
        let a = unique_id("AIDA", "111122223333", "alice");
        assert_eq!(a.len(), 21);
        assert_eq!(a, unique_id("AIDA", "111122223333", "alice"));
        assert_ne!(a, unique_id("AIDA", "111122223333", "bob"));
    }
}
