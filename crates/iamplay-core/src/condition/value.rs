//! Typed condition values, compiled once when the policy is parsed: numbers, dates,
//! IP ranges, booleans and binary. The same parsers read request values at evaluation.

use base64::Engine;
use std::net::IpAddr;

/// A number as IAM compares it (integer or decimal).
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A date as nanoseconds since the Unix epoch: W3C/ISO 8601 forms (`2020-01-01`,
/// `2020-01-01T00:00:01Z`, fractional seconds, `+hh:mm` offsets; no zone means UTC)
/// or epoch seconds.
pub fn parse_date(s: &str) -> Option<i128> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') && !s.get(1..)?.contains('-') {
        let secs = parse_number(s)?;
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
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
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
                nanos += sign * (oh * 3600 + om * 60) * 1_000_000_000;
            }
        }
    } else if s.len() != 10 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(i128::from(days) * 86_400 * 1_000_000_000 + nanos)
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
            _ => false,
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
        for bad in ["2020-13-01", "yesterday", "2020-01-01T25", "2020-01-01Tx", ""] {
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
        assert_eq!(IpRange::parse("0.0.0.0/0").map(|r| r.contains("8.8.8.8".parse().unwrap_or(r.addr))), Some(true));
    }

    #[test]
    fn numbers_and_bools() {
        assert_eq!(parse_number("10"), Some(10.0));
        assert_eq!(parse_number("1.5e2"), Some(150.0));
        assert_eq!(parse_number("ten"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool("yes"), None);
        assert_eq!(parse_base64("aGk="), Some(b"hi".to_vec()));
    }
}
