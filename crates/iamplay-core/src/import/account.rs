//! The account an export belongs to: read from its ARNs (all of one account), or given.

use super::*;

impl Importer<'_> {
    pub(super) fn account(&mut self, root: &Json, lists: [&[Json]; 4], given: Option<&str>) -> Option<String> {
        let mut found: Vec<(String, Span)> = Vec::new();
        for item in lists.iter().flat_map(|l| l.iter()) {
            if let Some(m) = item.get("Arn") {
                if let Some(acct) = m.value.as_str().and_then(arn_account) {
                    if is_account_id(acct) {
                        found.push((acct.to_string(), m.value.span));
                    }
                }
            }
        }
        if let Some(given) = given {
            if is_account_id(given) {
                if let Some((other, span)) = found.iter().find(|(a, _)| a != given) {
                    let message = format!(
                        "this ARN names the account `{other}`, but the account `{given}` was asked for; the scenario uses `{given}`"
                    );
                    self.emit(Diagnostic::warning(Code::ImportAccountMismatch, *span, message));
                }
                return Some(given.to_string());
            }
            self.emit(
                Diagnostic::error(
                    Code::ImportAccountInvalid,
                    file_span(0, 0),
                    format!("the account `{given}` is not an account id"),
                )
                .with_help("an account id is 12 digits; the account is read from the export's ARNs instead"),
            );
        }
        let Some((first, _)) = found.first().cloned() else {
            self.emit(
                Diagnostic::error(
                    Code::ImportAccountMissing,
                    opening(root),
                    "the export names no account: none of its ARNs has an account id",
                )
                .with_help("give the 12-digit account id explicitly (the `account` option of the import)"),
            );
            return None;
        };
        if let Some((other, span)) = found.iter().find(|(a, _)| *a != first) {
            let message = format!(
                "this ARN names the account `{other}`, but earlier ARNs name `{first}`; the scenario uses `{first}`"
            );
            self.emit(
                Diagnostic::error(Code::ImportAccountMismatch, *span, message)
                    .with_help("an export holds one account; give the account id explicitly to choose another"),
            );
        }
        Some(first)
    }

    // ---- policy documents ----
}
