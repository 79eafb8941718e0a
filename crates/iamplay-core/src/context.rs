//! The request context: condition keys and their values, case-insensitive by key name.
//! Each entry remembers where it came from (derived from the principal or the resource,
//! or given in the request) so the explanation can show the derived values.

use crate::condition::ContextView;
use crate::template::Lookup;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: context keys are short strings looked up many times per request, where
/// SipHash's DoS resistance buys nothing (the user supplies both keys and policies).
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContextEntry {
    /// The key as first written.
    pub key: String,
    pub values: Vec<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestContext {
    entries: FnvMap<String, ContextEntry>,
    order: Vec<String>,
}

impl RequestContext {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a key, replacing any value it had (keys compare case-insensitively).
    pub fn set(&mut self, key: &str, values: Vec<String>, origin: Origin) {
        let lc = key.to_ascii_lowercase();
        if !self.entries.contains_key(&lc) {
            self.order.push(lc.clone());
        }
        self.entries.insert(lc, ContextEntry { key: key.to_string(), values, origin });
    }

    pub fn set_one(&mut self, key: &str, value: impl Into<String>, origin: Origin) {
        self.set(key, vec![value.into()], origin);
    }

    pub fn get(&self, key: &str) -> Option<&ContextEntry> {
        self.entries.get(&key.to_ascii_lowercase())
    }

    pub fn contains_lc(&self, key_lc: &str) -> bool {
        self.entries.contains_key(key_lc)
    }

    /// Entries in the order they were first set.
    pub fn entries(&self) -> impl Iterator<Item = &ContextEntry> {
        self.order.iter().filter_map(|k| self.entries.get(k))
    }
}

impl Lookup for RequestContext {
    fn single(&self, key_lc: &str) -> Option<&str> {
        match self.entries.get(key_lc)?.values.as_slice() {
            [one] => Some(one.as_str()),
            _ => None,
        }
    }
}

impl ContextView for RequestContext {
    fn values(&self, key_lc: &str) -> Option<&[String]> {
        self.entries.get(key_lc).map(|e| e.values.as_slice())
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
        assert_eq!(ctx.single("aws:principaltag/team"), Some("blue"));
        assert_eq!(ctx.entries().count(), 1);
    }

    #[test]
    fn unique_ids_are_stable_and_distinct() {
        let a = unique_id("AIDA", "111122223333", "alice");
        assert_eq!(a.len(), 21);
        assert_eq!(a, unique_id("AIDA", "111122223333", "alice"));
        assert_ne!(a, unique_id("AIDA", "111122223333", "bob"));
    }
}
