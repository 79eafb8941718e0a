//! Condition key names: compared case-insensitively, looked up many times per request.
//! A [`KeyName`] is lowercased and hashed once, when the policy or request is read, so
//! a lookup at evaluation time hashes nothing.

use std::ops::Deref;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyName {
    lc: String,
    hash: u64,
}

/// FNV-1a of the lowercased name.
pub fn key_hash(lc: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in lc.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl KeyName {
    pub fn new(name: &str) -> Self {
        let lc = name.to_ascii_lowercase();
        let hash = key_hash(&lc);
        KeyName { lc, hash }
    }

    pub fn as_str(&self) -> &str {
        &self.lc
    }

    pub fn hash(&self) -> u64 {
        self.hash
    }
}

impl Deref for KeyName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.lc
    }
}
