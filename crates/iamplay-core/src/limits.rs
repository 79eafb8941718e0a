//! iamplay's own limits: input beyond them is refused with a located error, never
//! evaluated, so no text, link or file can make one evaluation take long. Each sits far
//! above what AWS accepts or sends: an ARN is at most 2,048 characters (IAM API
//! reference), a tag value 256, a policy name 128; the longest string in any AWS managed
//! policy has 203 characters.
//!
//! With them, matching a pattern costs at most the length of the text it is matched
//! against (literal pieces between `*`s) or that length times the pattern's length / 64
//! (pieces with `?`, see `pattern`).

/// A string anywhere in a scenario: a pattern, a name, an ARN, a tag or context value.
pub const STRING_CHARS: usize = 4096;

/// A request's resource: the longest ARN AWS accepts.
pub const ARN_CHARS: usize = 2048;

/// A policy document's text. A customer managed policy holds 6,144 characters, an S3
/// bucket policy 20 KB, a KMS key policy 32 KB; the largest AWS managed policy has 152,297
/// characters written compactly (AWSSupportServiceRolePolicy), well under this indented.
pub const POLICY_BYTES: usize = 1024 * 1024;

/// One editor text of the playground (a real account's export of several megabytes fits).
pub const EDITOR_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// A file the CLI reads.
pub const FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Diagnostics listed where people read them (the playground's problems panel, the CLI's
/// text output and rich diagnostics); the JSON outputs carry all of them.
pub const SHOWN_DIAGNOSTICS: usize = 200;

/// A byte count as people read it: `4 MiB`, `5.2 MiB`, `812 KiB`.
pub fn bytes_words(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB {
        let tenths = (n * 10 + MIB / 2) / MIB;
        if tenths.is_multiple_of(10) {
            format!("{} MiB", tenths / 10)
        } else {
            format!("{}.{} MiB", tenths / 10, tenths % 10)
        }
    } else {
        format!("{} KiB", n.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(super::bytes_words(4 * 1024 * 1024), "4 MiB");
        assert_eq!(super::bytes_words(5_452_595), "5.2 MiB");
        assert_eq!(super::bytes_words(1000), "1 KiB");
    }
}
