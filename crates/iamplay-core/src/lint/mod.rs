//! The linter: rules over a parsed policy that flag what is valid but probably not what
//! was meant. Errors (what AWS refuses) stay with the parser and the per-type grammar;
//! a lint never stops a decision.
//!
//! One rule per file in `rules/`, each opening with a module doc in one shape — the
//! code, severity and scope on its first line, then `## What it flags`, `## Why`,
//! `## Example` and `## Instead` — from which the "Lint rules" part of
//! `docs/diagnostics.md` is generated (the `docs` test keeps it current). To add a rule:
//! a file in `rules/`, a [`Code`], an entry in [`RULES`], its tests in the file. A rule
//! that needs AWS's catalog ([`Check::Catalog`]) runs only where a front-end supplies one
//! ([`lint_with`]).

mod keys;
mod rules;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::policy::{Policy, PolicyType};
use crate::vocabulary::Vocabulary;

/// One rule: its code, the use it concerns (None: whatever the policy is used as), and
/// its check.
pub struct Rule {
    pub code: Code,
    pub applies_to: Option<PolicyType>,
    pub check: Check,
}

/// What a rule reads: the policy alone, or the policy and AWS's catalog.
pub enum Check {
    Text(fn(&Policy, &mut Vec<Diagnostic>)),
    Catalog(fn(&Policy, &dyn Vocabulary, &mut Vec<Diagnostic>)),
}

/// Every rule, in the order their findings are reported.
pub const RULES: &[Rule] = &[
    rules::condition_multivalued_without_set::RULE,
    rules::condition_forallvalues_single::RULE,
    rules::condition_wildcard_without_like::RULE,
    rules::condition_sourceip_private::RULE,
    rules::condition_bool_case::RULE,
    rules::condition_date_epoch::RULE,
    rules::passrole_wide::RULE,
    rules::create_slr_wide::RULE,
    rules::sid_empty::RULE,
    rules::statement_duplicate::RULE,
    rules::condition_null_qualifier::RULE,
    rules::condition_ip_host_bits::RULE,
    rules::condition_vpc_format::RULE,
    rules::condition_key_spoofable::RULE,
    rules::principal_unique_id::RULE,
    rules::principal_service_format::RULE,
    rules::trust_oidc_unconditioned::RULE,
    rules::trust_federated_action::RULE,
    rules::trust_rolesanywhere_actions::RULE,
    rules::principal_federated_format::RULE,
    rules::trust_principal_redundant::RULE,
    rules::resource_service_unrestricted::RULE,
    rules::condition_dynamodb_attributes::RULE,
    rules::condition_numeric_redundant::RULE,
    rules::resource_redundant::RULE,
    rules::action_redundant::RULE,
    rules::principal_federated_resource::RULE,
    rules::condition_s3_prefix_negated::RULE,
    rules::condition_wildcard_only::RULE,
    rules::condition_tag_notaction::RULE,
    rules::condition_audience_qualifier::RULE,
    rules::condition_vpcsourceip_unpaired::RULE,
    rules::condition_sensitive_wildcard::RULE,
    rules::rcp_condition_service_principals::RULE,
    rules::rcp_action_service::RULE,
    rules::condition_vpce_services::RULE,
    rules::condition_key_irrelevant::RULE,
    rules::resource_wildcard_type::RULE,
    rules::action_service_unknown::RULE,
    rules::action_unknown::RULE,
    rules::condition_key_unknown::RULE,
    rules::condition_key_unsupported::RULE,
    rules::condition_operator_type::RULE,
    rules::resource_type_mismatch::RULE,
    rules::resource_arn_format::RULE,
    rules::resource_arn_account::RULE,
    rules::condition_key_format::RULE,
    rules::condition_arn_stringlike::RULE,
    rules::condition_tag_unsupported::RULE,
];

/// The findings of the rules that concern a policy whatever its use (those that need no
/// catalog).
pub fn lint(policy: &Policy) -> Vec<Diagnostic> {
    findings(policy, None, None)
}

/// The same, with the rules that need AWS's catalog when there is one.
pub fn lint_with(policy: &Policy, vocabulary: Option<&dyn Vocabulary>) -> Vec<Diagnostic> {
    findings(policy, None, vocabulary)
}

/// The findings of the rules that concern the policy used as `ty`.
pub fn lint_use(policy: &Policy, ty: PolicyType) -> Vec<Diagnostic> {
    findings(policy, Some(ty), None)
}

/// Whether a diagnostic of this code is a rule's finding (no other part of the core
/// reports these codes: a test holds it).
pub fn is_finding(code: Code) -> bool {
    RULES.iter().any(|r| r.code == code)
}

/// The findings of the rules of `scope` (None: those that concern a policy whatever its
/// use; `Some(ty)`: those of its use as `ty`), with the rules that need AWS's catalog when
/// `vocabulary` is one.
pub fn findings(policy: &Policy, scope: Option<PolicyType>, vocabulary: Option<&dyn Vocabulary>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES.iter().filter(|r| r.applies_to == scope) {
        match (&rule.check, vocabulary) {
            (Check::Text(check), _) => check(policy, &mut out),
            (Check::Catalog(check), Some(v)) => check(policy, v, &mut out),
            (Check::Catalog(_), None) => {}
        }
    }
    // findings in the order of the text they concern (rules run one after another)
    crate::sort::sort_by_key(&mut out, |d| d.span.start);
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::diagnostic::Diagnostic;
    use crate::json;
    use crate::policy::{parse_policy, Policy};
    use crate::source::SourceId;

    /// The text of a policy of this one statement.
    pub fn with_statement(statement: &str) -> String {
        format!(r#"{{"Version": "2012-10-17", "Statement": [{statement}]}}"#)
    }

    /// The text of a policy whose one statement has this condition block.
    pub fn with_condition(condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {condition}}}]}}"#
        )
    }

    /// What `check` finds in the policy written in `text`: (code, the text it points at).
    #[allow(clippy::panic)] // a test helper: a broken fixture should stop the test
    pub fn run_on(text: &str, check: fn(&Policy, &mut Vec<Diagnostic>)) -> Vec<(String, String)> {
        let json = json::parse(text, SourceId::File).unwrap_or_else(|d| panic!("not JSON: {}", d.message));
        let policy = parse_policy(&json, text);
        let mut out = Vec::new();
        check(&policy, &mut out);
        out.iter()
            .map(|d| (d.code.as_str().to_string(), text.get(d.span.start..d.span.end).unwrap_or("").to_string()))
            .collect()
    }

    /// (code, text) pairs, for comparing.
    pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    /// A small stand-in for AWS's catalog: two services and a few actions.
    pub struct TestVocabulary;

    const S3: &[&str] = &["GetObject", "GetBucketPolicy", "ListAllMyBuckets", "ListBucket", "PutObject"];
    const EC2: &[&str] = &["RunInstances", "StartInstances", "StopInstances"];

    impl crate::vocabulary::Vocabulary for TestVocabulary {
        fn prefixes(&self) -> Vec<&str> {
            vec!["s3", "ec2"]
        }
        fn service_name(&self, prefix: &str) -> Option<&str> {
            match prefix.to_lowercase().as_str() {
                "s3" => Some("Amazon S3"),
                "ec2" => Some("Amazon EC2"),
                _ => None,
            }
        }
        fn actions(&self, prefix: &str) -> Vec<&str> {
            match prefix.to_lowercase().as_str() {
                "s3" => S3.to_vec(),
                "ec2" => EC2.to_vec(),
                _ => Vec::new(),
            }
        }
        fn data_version(&self) -> String {
            "test data 1, 2026-01-01".into()
        }
        fn access_level(&self, action: &str) -> Option<&'static str> {
            let (prefix, name) = action.split_once(':')?;
            let name = self.actions(prefix).into_iter().find(|a| a.eq_ignore_ascii_case(name))?;
            Some(match name {
                "ListAllMyBuckets" | "ListBucket" => "List",
                "GetObject" => "Read",
                "GetBucketPolicy" => "Read",
                _ => "Write",
            })
        }
        fn key_type(&self, key: &str) -> Option<&str> {
            GLOBAL_KEYS.iter().chain(SERVICE_KEYS).find(|(k, _)| key_matches(k, key)).map(|(_, t)| *t)
        }
        fn is_global_key(&self, key: &str) -> bool {
            GLOBAL_KEYS.iter().any(|(k, _)| key_matches(k, key))
        }
        fn keys(&self, prefix: &str) -> Vec<&str> {
            let all: &[(&str, &str)] = if prefix == "aws" { GLOBAL_KEYS } else { SERVICE_KEYS };
            all.iter().map(|(k, _)| *k).filter(|k| k.split(':').next() == Some(prefix)).collect()
        }
        fn resource_types(&self, action: &str) -> Option<Vec<crate::vocabulary::ResourceTypeRef<'_>>> {
            let (prefix, name) = action.split_once(':')?;
            self.actions(prefix).iter().find(|a| a.eq_ignore_ascii_case(name))?;
            let types = ACTION_TYPES.iter().filter(|(a, _)| a.eq_ignore_ascii_case(action));
            let found = types.filter_map(|(_, t)| FORMATS.iter().find(|(n, _)| n == t));
            // in this stand-in, every type an action names is required
            Some(found.map(|(name, arn)| crate::vocabulary::ResourceTypeRef { name, arn, required: true }).collect())
        }
        fn arn_formats(&self, prefix: &str) -> Vec<&str> {
            let service = |f: &&str| f.split(':').nth(2) == Some(prefix);
            FORMATS.iter().map(|(_, f)| *f).filter(service).collect()
        }
        fn action_supports_key(&self, action: &str, key: &str) -> Option<bool> {
            let (prefix, name) = action.split_once(':')?;
            self.actions(prefix).iter().find(|a| a.eq_ignore_ascii_case(name))?;
            let supported = ACTION_KEYS.iter().any(|(a, k)| a.eq_ignore_ascii_case(action) && key_matches(k, key));
            Some(supported)
        }
    }

    use crate::vocabulary::key_matches;
    const GLOBAL_KEYS: &[(&str, &str)] = &[
        ("aws:SourceIp", "IPAddress"),
        ("aws:ResourceTag/${TagKey}", "String"),
        ("aws:RequestTag/${TagKey}", "String"),
        ("aws:MultiFactorAuthPresent", "Bool"),
        ("aws:CurrentTime", "Date"),
        ("aws:SourceArn", "ARN"),
        ("aws:username", "String"),
    ];
    const SERVICE_KEYS: &[(&str, &str)] = &[
        ("s3:prefix", "String"),
        ("s3:max-keys", "Numeric"),
        ("s3:ExistingObjectTag/<key>", "String"),
        ("ec2:InstanceType", "String"),
        ("ec2:ResourceTag/${TagKey}", "String"),
    ];
    const FORMATS: &[(&str, &str)] = &[
        ("bucket", "arn:${Partition}:s3:::${BucketName}"),
        ("object", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"),
        ("instance", "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}"),
        ("image", "arn:${Partition}:ec2:${Region}::image/${ImageId}"),
    ];
    const ACTION_TYPES: &[(&str, &str)] = &[
        ("s3:GetObject", "object"),
        ("s3:PutObject", "object"),
        ("s3:ListBucket", "bucket"),
        ("s3:GetBucketPolicy", "bucket"),
        ("ec2:RunInstances", "instance"),
        ("ec2:RunInstances", "image"),
        ("ec2:StartInstances", "instance"),
        ("ec2:StopInstances", "instance"),
    ];
    const ACTION_KEYS: &[(&str, &str)] = &[
        ("s3:ListBucket", "s3:prefix"),
        ("s3:ListBucket", "s3:max-keys"),
        ("s3:GetObject", "s3:ExistingObjectTag/<key>"),
        ("ec2:RunInstances", "ec2:InstanceType"),
        ("ec2:RunInstances", "ec2:ResourceTag/${TagKey}"),
        ("ec2:StartInstances", "ec2:ResourceTag/${TagKey}"),
        ("ec2:StartInstances", "aws:ResourceTag/${TagKey}"),
        ("ec2:StopInstances", "aws:ResourceTag/${TagKey}"),
    ];

    /// What a catalog rule finds with [`TestVocabulary`]: the (code, text) pairs, and each
    /// finding's help.
    #[allow(clippy::panic)] // a test helper: a broken fixture should stop the test
    pub fn catalog_run_on(
        text: &str,
        check: fn(&Policy, &dyn crate::vocabulary::Vocabulary, &mut Vec<Diagnostic>),
    ) -> (Vec<(String, String)>, Vec<String>) {
        let json = json::parse(text, SourceId::File).unwrap_or_else(|d| panic!("not JSON: {}", d.message));
        let policy = parse_policy(&json, text);
        let mut out = Vec::new();
        check(&policy, &TestVocabulary, &mut out);
        let found = out
            .iter()
            .map(|d| (d.code.as_str().to_string(), text.get(d.span.start..d.span.end).unwrap_or("").to_string()))
            .collect();
        (found, out.iter().map(|d| d.help.clone().unwrap_or_default()).collect())
    }
}
