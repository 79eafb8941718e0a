//! Typed values of the policy language, compiled once when a policy is parsed: numbers, dates,
//! IP ranges, booleans and binary. The same parsers read request values at evaluation.

use base64::Engine;
use std::net::IpAddr;

/// A number as IAM compares it: integers exactly (beyond 2^53 too), decimals as f64.
#[derive(Clone, Copy, Debug)]
pub enum Num {
    Int(i128),
    Float(f64),
}

impl PartialEq for Num {
    fn eq(&self, other: &Num) -> bool {
        self.partial_cmp(other) == Some(std::cmp::Ordering::Equal)
    }
}

impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Num) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(b)),
            _ => self.as_f64().partial_cmp(&other.as_f64()),
        }
    }
}

impl Num {
    pub fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }
}

pub fn parse_number(s: &str) -> Option<Num> {
    let t = s.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = t.parse::<i128>() {
            return Some(Num::Int(i));
        }
    }
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite()).map(Num::Float)
}

/// Whether `s` is written as a number (`-12`, `1.5e3`), whether or not [`parse_number`]
/// can hold it: a number of 4,000 digits is a number too large, not something else.
pub fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    let t = t.strip_prefix('-').unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (t.get(..i).unwrap_or_default(), t.get(i + 1..)),
        None => (t, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => digits(int) && digits(frac),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// A date as nanoseconds since the Unix epoch: W3C/ISO 8601 forms (`2020-01-01`,
/// `2020-01-01T00:00:01Z`, fractional seconds, `+hh:mm` offsets; no zone means UTC)
/// or epoch seconds.
pub fn parse_date(s: &str) -> Option<i128> {
    let s = s.trim();
    let all_digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // epoch seconds (a 4-digit value is a W3C year instead)
    if (all_digits && s.len() != 4)
        || (s.starts_with('-') || s.contains('.')) && !s.contains(':') && s.matches('-').count() <= 1
    {
        let secs = parse_number(s)?.as_f64();
        return Some((secs * 1e9) as i128);
    }
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = num(0, 4)?;
    // W3C reduced forms: YYYY and YYYY-MM
    if s.len() == 4 {
        return Some(i128::from(days_from_civil(year, 1, 1)) * 86_400 * 1_000_000_000);
    }
    if b.get(4) != Some(&b'-') {
        return None;
    }
    let month = num(5, 2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    if s.len() == 7 {
        return Some(i128::from(days_from_civil(year, month, 1)) * 86_400 * 1_000_000_000);
    }
    if b.get(7) != Some(&b'-') {
        return None;
    }
    let day = num(8, 2)?;
    if day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let mut nanos: i128 = 0;
    if matches!(b.get(10), Some(b'T') | Some(b't') | Some(b' ')) {
        let hour = num(11, 2)?;
        if b.get(13) != Some(&b':') {
            return None;
        }
        let minute = num(14, 2)?;
        let mut i = 16;
        let mut second = 0;
        if b.get(16) == Some(&b':') {
            second = num(17, 2)?;
            i = 19;
            if b.get(19) == Some(&b'.') {
                let frac: String = s.get(20..)?.chars().take_while(|c| c.is_ascii_digit()).collect();
                if frac.is_empty() {
                    return None;
                }
                i = 20 + frac.len();
                let digits: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
                nanos = digits.parse::<i128>().ok()?;
            }
        }
        if hour > 24 || minute > 59 || second > 60 {
            return None;
        }
        nanos += i128::from(hour * 3600 + minute * 60 + second) * 1_000_000_000;
        match s.get(i..)? {
            "" | "Z" | "z" => {}
            zone => {
                let sign = match zone.as_bytes().first() {
                    Some(b'+') => -1,
                    Some(b'-') => 1,
                    _ => return None,
                };
                let digits: String = zone.chars().skip(1).filter(|c| *c != ':').collect();
                if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let oh: i128 = digits.get(..2)?.parse().ok()?;
                let om: i128 = digits.get(2..)?.parse().ok()?;
                if oh > 23 || om > 59 {
                    return None;
                }
                nanos += sign * (oh * 3600 + om * 60) * 1_000_000_000;
            }
        }
    } else if s.len() != 10 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(i128::from(days) * 86_400 * 1_000_000_000 + nanos)
}

/// Whether a date value is in a W3C form (not epoch seconds), for a lint.
pub fn is_w3c_date(s: &str) -> bool {
    let s = s.trim();
    s.len() == 4 || s.get(4..5) == Some("-")
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `true`/`false`, in any letter case.
pub fn parse_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

pub fn parse_base64(s: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(s.trim()).ok()
}

/// An IP range: an address and a prefix length (`/32` or `/128` when not written).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpRange {
    pub addr: IpAddr,
    pub prefix: u8,
}

impl IpRange {
    pub fn parse(s: &str) -> Option<IpRange> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, Some(p.parse::<u8>().ok()?)),
            None => (s.parse::<IpAddr>().ok()?, None),
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(IpRange { addr, prefix })
    }

    pub fn contains(&self, addr: IpAddr) -> bool {
        match (self.addr, addr) {
            (IpAddr::V4(net), IpAddr::V4(a)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(net) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(a)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(net) & mask == u128::from(a) & mask
            }
            (IpAddr::V4(_), IpAddr::V6(a)) => a.to_ipv4_mapped().is_some_and(|v4| self.contains(IpAddr::V4(v4))),
            // an IPv4-mapped IPv6 range (::ffff:a.b.c.d/96+) covers the IPv4 addresses it maps
            (IpAddr::V6(net), IpAddr::V4(a)) => match (net.to_ipv4_mapped(), self.prefix.checked_sub(96)) {
                (Some(v4), Some(prefix)) => IpRange { addr: IpAddr::V4(v4), prefix }.contains(IpAddr::V4(a)),
                _ => false,
            },
        }
    }

    /// True for private, loopback and link-local ranges (a lint: `aws:SourceIp` only
    /// carries public addresses).
    pub fn is_private(&self) -> bool {
        match self.addr {
            IpAddr::V4(a) => a.is_private() || a.is_loopback() || a.is_link_local(),
            IpAddr::V6(a) => a.is_loopback() || (a.segments().first().is_some_and(|s| s & 0xfe00 == 0xfc00)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let day = parse_date("2020-01-01");
        assert_eq!(day, Some(1_577_836_800 * 1_000_000_000));
        assert_eq!(parse_date("2020-01-01T00:00:00Z"), day);
        assert_eq!(parse_date("1577836800"), day);
        assert_eq!(parse_date("2020-01-01T01:00:00+01:00"), day);
        assert!(parse_date("2020-01-01T00:00:01Z") > day);
        assert!(parse_date("2020-01-01T00:00:00.5Z") > day);
        assert_eq!(parse_date("2025"), parse_date("2025-01-01"));
        assert_eq!(parse_date("2025-02"), parse_date("2025-02-01"));
        assert!(parse_date("2024-02-29").is_some());
        for bad in [
            "2020-13-01",
            "yesterday",
            "2020-01-01T25",
            "2020-01-01Tx",
            "",
            "2021-02-29",
            "2020-04-31",
            "2020-01-01T00:00:00+99:99",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn ip_ranges() {
        let r = IpRange::parse("203.0.113.0/24");
        assert!(r.is_some_and(|r| r.contains("203.0.113.7".parse().unwrap_or(r.addr))));
        let one = IpRange::parse("203.0.113.5");
        assert_eq!(one.map(|r| r.prefix), Some(32));
        let v6 = IpRange::parse("2001:DB8:1234:5678::/64");
        assert!(v6.is_some_and(|r| r.contains("2001:db8:1234:5678::1".parse().unwrap_or(r.addr))));
        assert!(v6.is_some_and(|r| !r.contains("198.51.100.1".parse().unwrap_or(r.addr))));
        assert_eq!(IpRange::parse("10.0.0.0/33"), None);
        let mapped = IpRange::parse("::ffff:203.0.113.0/120");
        assert!(mapped.is_some_and(|r| r.contains("203.0.113.7".parse().unwrap_or(r.addr))));
        let v4 = IpRange::parse("203.0.113.0/24");
        assert!(v4.is_some_and(|r| r.contains("::ffff:203.0.113.7".parse().unwrap_or(r.addr))));
        assert_eq!(IpRange::parse("0.0.0.0/0").map(|r| r.contains("8.8.8.8".parse().unwrap_or(r.addr))), Some(true));
    }

    #[test]
    fn numbers_too_large_still_look_like_numbers() {
        for n in ["1", "-12", "1.5", "1e400", "2.5E-3", &"9".repeat(500)] {
            assert!(looks_numeric(n), "{n}");
        }
        for n in ["", "-", "1.", ".5", "1e", "ten", "0x10", "1-2", "+1"] {
            assert!(!looks_numeric(n), "{n}");
        }
    }

    #[test]
    fn numbers_and_bools() {
        assert_eq!(parse_number("10"), Some(Num::Int(10)));
        assert_eq!(parse_number("1.5e2"), Some(Num::Float(150.0)));
        assert!(parse_number("9007199254740993") > parse_number("9007199254740992"));
        assert!(parse_number("10") == parse_number("10.0").map(|n| Num::Float(n.as_f64())));
        assert_eq!(parse_number("ten"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool("yes"), None);
        assert_eq!(parse_base64("aGk="), Some(b"hi".to_vec()));
    }
}
