//! Reading the catalog file (its format is in [`super::generate`]). The header, the
//! global keys and where each service's lines are, are read at once, and every line is
//! checked then; a service's actions, resource types and keys are read when the service
//! is first asked for. A scenario names a handful of AWS's 456 services: reading all
//! 22,091 actions up front was most of the CLI's start (19 ms of a 19 ms run of one
//! request).

use super::{AccessLevel, Action, Catalog, CatalogHeader, KeyName, ResourceType, Service};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// One service's place in the catalog's text, and the service once read.
#[derive(Debug)]
pub(super) struct Section {
    /// As the catalog writes it (lowercase).
    pub(super) prefix: String,
    name: String,
    /// The byte range of its lines (after its `S` line).
    lines: Range<usize>,
    read: OnceLock<Service>,
}

impl Section {
    /// The service, read from `text` (the catalog's) the first time.
    pub(super) fn service(&self, text: &str) -> &Service {
        self.read.get_or_init(|| {
            let mut service = Service { prefix: self.prefix.clone(), name: self.name.clone(), ..Service::default() };
            for line in text.get(self.lines.clone()).unwrap_or_default().lines() {
                add_line(&mut service, line);
            }
            service.index_names();
            service
        })
    }
}

fn header_field(line: &str, key: &str) -> Option<String> {
    let v = iamplay_core::json::value(line)?;
    v.get(key)?.as_str().map(str::to_string)
}

/// Whether an `A`, `R` or `K` line has the fields its kind needs (an action's level a
/// known letter). By bytes: this runs on each of the 27,000 lines at start, and the
/// fields it looks at are a few bytes long.
fn well_formed(line: &[u8]) -> bool {
    let tab_after =
        |from: usize| line.get(from..).and_then(|rest| rest.iter().position(|&b| b == b'\t')).map(|i| from + i);
    match (line.first(), line.get(1)) {
        (Some(b'A'), Some(b'\t')) => {
            let Some(level_at) = tab_after(2).map(|t| t + 1) else { return false };
            let Some(level_end) = tab_after(level_at) else { return false };
            let level = std::str::from_utf8(line.get(level_at..level_end).unwrap_or_default()).unwrap_or_default();
            AccessLevel::from_letter(level).is_some() && tab_after(level_end + 1).is_some()
        }
        (Some(b'R' | b'K'), Some(b'\t')) => tab_after(2).is_some(),
        _ => false,
    }
}

/// Reads a catalog file's text; the error names the line that is wrong.
pub(super) fn catalog(text: Cow<'static, str>) -> Result<Catalog, String> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or("the catalog is empty")?;
    let header = CatalogHeader {
        package: header_field(first, "package").ok_or("the catalog's header has no package")?,
        version: header_field(first, "version").ok_or("the catalog's header has no version")?,
        updated: header_field(first, "updated").unwrap_or_default(),
    };
    let mut sections: Vec<Section> = Vec::new();
    let mut global_keys = Vec::new();
    let bytes = text.as_bytes();
    let mut at = first.len();
    let mut n = 1;
    let mut ends = memchr::memchr_iter(b'\n', bytes.get(at..).unwrap_or_default()).map(|i| first.len() + i);
    while at < bytes.len() {
        let start = at;
        let end = ends.next().unwrap_or(bytes.len());
        at = end + 1;
        n += 1;
        let raw = bytes.get(start..end).unwrap_or_default();
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let bad = || format!("catalog line {n}: `{}` cannot be read", String::from_utf8_lossy(raw));
        match raw.first() {
            Some(b'G' | b'S') => {
                let line = text.get(start..start + raw.len()).ok_or_else(bad)?;
                let mut f = line.split('\t');
                let (Some("G" | "S"), Some(a), Some(b)) = (f.next(), f.next(), f.next()) else { return Err(bad()) };
                if raw.first() == Some(&b'G') {
                    // the global keys come first: after a service, the line would be read
                    // as one of its keys too
                    if !sections.is_empty() {
                        return Err(bad());
                    }
                    global_keys.push(KeyName::new(a.to_string(), b.to_string()));
                } else {
                    if let Some(last) = sections.last_mut() {
                        last.lines.end = start;
                    }
                    let (prefix, name) = (a.to_string(), b.to_string());
                    sections.push(Section { prefix, name, lines: at..at, read: OnceLock::new() });
                }
            }
            _ if sections.is_empty() || !well_formed(raw) => return Err(bad()),
            _ => {}
        }
    }
    if let Some(last) = sections.last_mut() {
        last.lines.end = at.min(text.len());
    }
    let by_prefix = sections.iter().enumerate().map(|(i, s)| (s.prefix.to_ascii_lowercase(), i)).collect();
    Ok(Catalog { header, text, sections, global_keys, by_prefix, key_sections: OnceLock::new() })
}

/// Reads the catalog built into this binary, which its tests read with [`catalog`] (every
/// line checked): its services are found with one search for their `S` lines, without
/// going through the 27,000 lines one by one (a millisecond, a tenth of a small run).
#[cfg(feature = "embed")]
pub(super) fn built_in(text: &'static str) -> Result<Catalog, String> {
    let bytes = text.as_bytes();
    let services: Vec<usize> = memchr::memmem::find_iter(bytes, b"\nS\t").map(|i| i + 1).collect();
    // the header and the global keys: every line before the first service, checked
    let head_end = services.first().copied().unwrap_or(bytes.len());
    let mut c = catalog(Cow::Borrowed(text.get(..head_end).unwrap_or_default()))?;
    c.text = Cow::Borrowed(text);
    for (k, &start) in services.iter().enumerate() {
        let end = services.get(k + 1).copied().unwrap_or(bytes.len());
        let lines_at = memchr::memchr(b'\n', bytes.get(start..end).unwrap_or_default()).map_or(end, |i| start + i + 1);
        let mut f = text.get(start..lines_at).unwrap_or_default().trim_end_matches(['\n', '\r']).split('\t').skip(1);
        let (Some(prefix), Some(name)) = (f.next(), f.next()) else {
            return Err(format!("the built-in catalog's service at byte {start} cannot be read"));
        };
        let (prefix, name) = (prefix.to_string(), name.to_string());
        c.sections.push(Section { prefix, name, lines: lines_at..end, read: OnceLock::new() });
    }
    c.by_prefix = c.sections.iter().enumerate().map(|(i, s)| (s.prefix.to_ascii_lowercase(), i)).collect();
    Ok(c)
}

/// The sections that list condition keys of each prefix (lowercase), found by a search
/// for their `K` lines without reading any service: the few keys listed under another
/// service's section (`ec2:osuser` under EC2 Instance Connect) are found without reading
/// all 456.
pub(super) fn key_sections(text: &str, sections: &[Section]) -> HashMap<String, Vec<usize>> {
    let mut found: HashMap<String, Vec<usize>> = HashMap::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), b"\nK\t").map(|i| i + 3) {
        let rest = text.get(at..).unwrap_or_default();
        let Some((prefix, _)) = rest.split_once(':') else { continue };
        if prefix.contains(['\t', '\n']) {
            continue;
        }
        let section = sections.partition_point(|s| s.lines.start <= at).checked_sub(1);
        if let Some(i) = section {
            let list = found.entry(prefix.to_ascii_lowercase()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    found
}

/// Adds an `A`, `R` or `K` line (checked when the catalog was read) to its service.
fn add_line(service: &mut Service, line: &str) {
    let mut f = line.split('\t');
    let kind = f.next().unwrap_or_default();
    let (name, second) = (f.next().unwrap_or_default().to_string(), f.next().unwrap_or_default());
    fn list(s: Option<&str>) -> impl Iterator<Item = &str> {
        s.unwrap_or_default().split(',').filter(|x| !x.is_empty())
    }
    match kind {
        "A" => {
            let level = AccessLevel::from_letter(second).unwrap_or(AccessLevel::Read);
            let types = f.next().unwrap_or_default().to_string();
            let keys = f.next().unwrap_or_default().to_string();
            service.actions.push(Action { name, level, types, keys });
        }
        "R" => {
            let condition_keys = list(f.next()).map(str::to_string).collect();
            service.resource_types.push(ResourceType { name, arn: second.to_string(), condition_keys });
        }
        _ => service.condition_keys.push(KeyName::new(name, second.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{AccessLevel, Catalog};

    const HEADER: &str = "{\"package\":\"p\",\"version\":\"1\",\"updated\":\"2026-01-01\"}\n";

    #[test]
    fn every_line_is_checked_when_the_catalog_is_read_and_the_error_names_it() {
        let good = "S\ts3\tAmazon S3\nA\tGetObject\tR\tobject*\ts3:x\nR\tobject\tarn:${Partition}:s3:::${BucketName}/${ObjectName}\t\n";
        assert!(Catalog::parse(&format!("{HEADER}{good}")).is_ok());
        for (bad, line) in [
            ("A\tGetObject\tQ\t\t\n", 5), // an unknown access level
            ("A\tGetObject\tR\n", 5),     // fields missing
            ("K\ts3:prefix\n", 5),        // a key without its type
            ("X\twhat\tever\n", 5),       // an unknown kind
        ] {
            let err = Catalog::parse(&format!("{HEADER}{good}{bad}")).unwrap_err();
            assert!(err.starts_with(&format!("catalog line {line}: ")), "{bad:?}: {err}");
        }
        let orphan = Catalog::parse(&format!("{HEADER}A\tGetObject\tR\t\t\n")).unwrap_err();
        assert!(orphan.starts_with("catalog line 2: "), "{orphan}");
        let late_global = Catalog::parse(&format!("{HEADER}{good}G\taws:username\tString\n")).unwrap_err();
        assert!(late_global.starts_with("catalog line 5: "), "a global key after a service: {late_global}");
    }

    #[test]
    fn a_service_is_read_when_asked_for_with_its_own_lines_only() {
        let text = format!(
            "{HEADER}G\taws:username\tString\nS\tsqs\tAmazon SQS\nA\tSendMessage\tW\tqueue*\t\r\nR\tqueue\tarn:${{Partition}}:sqs:${{Region}}:${{Account}}:${{QueueName}}\t\nS\ts3\tAmazon S3\nA\tListBucket\tL\t\ts3:prefix\nA\tGetObject\tR\t\t\nK\ts3:prefix\tString"
        );
        let c = Catalog::parse(&text).unwrap();
        assert_eq!(c.global_keys.len(), 1);
        let s3 = c.service("S3").unwrap();
        let names: Vec<&str> = s3.actions.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["ListBucket", "GetObject"]);
        assert_eq!(s3.action("getobject").map(|a| a.level), Some(AccessLevel::Read));
        assert_eq!(s3.condition_keys.len(), 1, "the last line, without a line break, is read");
        let sqs = c.service("sqs").unwrap();
        assert_eq!(sqs.actions.len(), 1);
        assert_eq!(sqs.actions[0].resource_types().collect::<Vec<_>>(), [("queue", true)]);
        assert_eq!(c.service("s3").unwrap().actions[0].condition_keys().collect::<Vec<_>>(), ["s3:prefix"]);
        assert_eq!(sqs.resource_types.len(), 1);
        assert!(c.service("ec2").is_none());
    }

    #[test]
    fn a_key_listed_under_another_service_is_found_reading_only_that_service() {
        let text = format!(
            "{HEADER}S\tec2\tAmazon EC2\nK\tec2:Region\tString\nS\ts3\tAmazon S3\nK\ts3:prefix\tString\nS\tec2-instance-connect\tEC2 Instance Connect\nK\tec2:osuser\tString\n"
        );
        let c = Catalog::parse(&text).unwrap();
        assert_eq!(c.condition_key("ec2:OSUser").map(|k| k.name.as_str()), Some("ec2:osuser"));
        let read: Vec<bool> = c.sections.iter().map(|s| s.read.get().is_some()).collect();
        assert_eq!(read, [true, false, true], "ec2's own section, then the one that lists the key");
        assert!(c.condition_key("ec2:nothing").is_none());
        assert!(c.condition_key("nothing:at-all").is_none());
    }
}
