//! Names, versions, accounts, instance profiles and shapes the importer cannot read.

use super::*;

fn collision_export(aws_first: bool) -> String {
    let doc = |action: &str| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]});
    let version = |action: &str| json!([{ "VersionId": "v1", "IsDefaultVersion": true, "Document": doc(action) }]);
    let aws = json!({ "PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
                      "DefaultVersionId": "v1", "PolicyVersionList": version("ec2:Describe*") });
    let local = json!({ "PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::111122223333:policy/ReadOnlyAccess",
                        "DefaultVersionId": "v1", "PolicyVersionList": version("s3:Get*") });
    let trust_named = json!({ "PolicyName": "trust-app", "Arn": "arn:aws:iam::111122223333:policy/trust-app",
                              "DefaultVersionId": "v1", "PolicyVersionList": version("sqs:Get*") });
    let policies = if aws_first { vec![aws, local, trust_named] } else { vec![trust_named, local, aws] };
    export(json!({
        "RoleDetailList": [{
            "RoleName": "app", "Path": "/", "Arn": "arn:aws:iam::111122223333:role/app",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
            "AttachedManagedPolicies": [
                {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
                {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::111122223333:policy/ReadOnlyAccess"},
                {"PolicyName": "trust-app", "PolicyArn": "arn:aws:iam::111122223333:policy/trust-app"}
            ]
        }],
        "Policies": policies
    }))
}

#[test]
fn shared_names_are_disambiguated_deterministically() {
    for aws_first in [true, false] {
        let text = collision_export(aws_first);
        let im = import(&text, None);
        assert_eq!(
            codes(&im),
            vec![("warning", Code::ImportPolicyRenamed), ("warning", Code::ImportPolicyRenamed)],
            "{:#?}",
            im.diagnostics
        );
        let sc = scenario(&im);
        let p = &sc["policies"];
        assert_eq!(p["ReadOnlyAccess"]["Statement"][0]["Action"], json!("s3:Get*"), "the customer managed one");
        assert_eq!(p["ReadOnlyAccess-aws-managed"]["Statement"][0]["Action"], json!("ec2:Describe*"));
        assert_eq!(p["trust-app"]["Statement"][0]["Action"], json!("sqs:Get*"));
        assert_eq!(p["trust-app-2"]["Statement"][0]["Action"], json!("sts:AssumeRole"));
        let role = &sc["principals"]["roles"]["app"];
        assert_eq!(role["trust"], json!("trust-app-2"));
        assert_eq!(role["policies"], json!(["ReadOnlyAccess-aws-managed", "ReadOnlyAccess", "trust-app"]));
        let renamed = im.diagnostics.iter().find(|d| d.policy.as_deref() == Some("ReadOnlyAccess-aws-managed"));
        let renamed = renamed.expect("a warning about the AWS managed policy");
        assert!(renamed.message.contains("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assert_eq!(text_at(&text, renamed.span), "\"ReadOnlyAccess\"");
        let loaded = load_file(&serde_json::to_string_pretty(sc).unwrap());
        assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    }
}

#[test]
fn unique_names_stay_within_128_characters() {
    let taken: HashSet<String> = ["a".to_string(), "a-2".to_string()].into_iter().collect();
    assert_eq!(unique_name("a", &taken, true), "a-3");
    assert_eq!(unique_name("b", &taken, true), "b");
    assert_eq!(unique_name("b", &taken, false), "b-2");
    let long = format!("trust-{}", "r".repeat(128));
    let name = unique_name(&long, &taken, true);
    assert_eq!(name.len(), 128);
    assert!(name.ends_with("r-2") && valid_name(&name));
}

#[test]
fn the_default_version_is_chosen() {
    let doc = |action: &str| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]});
    let text = export(json!({ "Policies": [
        // IsDefaultVersion decides; DefaultVersionId disagrees: warning
        { "PolicyName": "A", "Arn": "arn:aws:iam::111122223333:policy/A", "DefaultVersionId": "v1",
          "PolicyVersionList": [
            { "VersionId": "v1", "IsDefaultVersion": false, "Document": doc("a:One") },
            { "VersionId": "v2", "IsDefaultVersion": true, "Document": doc("a:Two") } ] },
        // no IsDefaultVersion: DefaultVersionId decides
        { "PolicyName": "B", "Arn": "arn:aws:iam::111122223333:policy/B", "DefaultVersionId": "v2",
          "PolicyVersionList": [
            { "VersionId": "v1", "Document": doc("b:One") },
            { "VersionId": "v2", "Document": doc("b:Two") } ] },
        // neither: error, not imported
        { "PolicyName": "C", "Arn": "arn:aws:iam::111122223333:policy/C",
          "PolicyVersionList": [ { "VersionId": "v1", "IsDefaultVersion": false, "Document": doc("c:One") } ] }
    ]}));
    let im = import(&text, None);
    assert_eq!(codes(&im), vec![("warning", Code::ImportPolicyVersion), ("error", Code::ImportPolicyVersion)]);
    let p = &scenario(&im)["policies"];
    assert_eq!(p["A"]["Statement"][0]["Action"], json!("a:Two"));
    assert_eq!(p["B"]["Statement"][0]["Action"], json!("b:Two"));
    assert!(p.get("C").is_none());
    assert_eq!(im.diagnostics[1].policy.as_deref(), Some("C"));
}

#[test]
fn the_account_comes_from_the_arns_or_the_argument() {
    let user = |arn: &str| json!({ "UserName": "u", "Arn": arn });
    let one = export(json!({ "UserDetailList": [user("arn:aws:iam::111122223333:user/u")] }));
    assert_eq!(scenario(&import(&one, None))["principals"]["account"], json!("111122223333"));

    let given = import(&one, Some("444455556666"));
    assert_eq!(scenario(&given)["principals"]["account"], json!("444455556666"));
    assert_eq!(codes(&given), vec![("warning", Code::ImportAccountMismatch)]);
    assert_eq!(text_at(&one, given.diagnostics[0].span), "\"arn:aws:iam::111122223333:user/u\"");

    let invalid = import(&one, Some("1234"));
    assert_eq!(codes(&invalid), vec![("error", Code::ImportAccountInvalid)]);
    assert_eq!(scenario(&invalid)["principals"]["account"], json!("111122223333"));

    let none = export(json!({ "UserDetailList": [{ "UserName": "u" }] }));
    let im = import(&none, None);
    assert_eq!(codes(&im), vec![("error", Code::ImportAccountMissing)]);
    assert!(scenario(&im)["principals"].get("account").is_none());
    assert_eq!(scenario(&import(&none, Some("111122223333")))["principals"]["account"], json!("111122223333"));

    // AWS managed policy ARNs name no account
    let aws_only = export(json!({ "Policies": [{ "PolicyName": "P", "Arn": "arn:aws:iam::aws:policy/P",
        "DefaultVersionId": "v1", "PolicyVersionList": [{ "VersionId": "v1", "IsDefaultVersion": true,
        "Document": {"Version": "2012-10-17", "Statement": []} }] }] }));
    assert_eq!(codes(&import(&aws_only, None)), vec![("error", Code::ImportAccountMissing)]);

    let mixed = export(json!({ "UserDetailList": [user("arn:aws:iam::111122223333:user/u"),
        { "UserName": "v", "Arn": "arn:aws:iam::999988887777:user/v" }] }));
    let im = import(&mixed, None);
    assert_eq!(codes(&im), vec![("error", Code::ImportAccountMismatch)]);
    assert_eq!(scenario(&im)["principals"]["account"], json!("111122223333"));
}

#[test]
fn instance_profiles_are_read_once_and_need_one_role() {
    let role = |name: &str, profiles: Value| {
        json!({ "RoleName": name, "Arn": format!("arn:aws:iam::111122223333:role/{name}"),
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []},
                "InstanceProfileList": profiles })
    };
    let profile = |name: &str, roles: &[&str]| {
        json!({ "InstanceProfileName": name,
                "Roles": roles.iter().map(|r| json!({"RoleName": r})).collect::<Vec<_>>() })
    };
    let text = export(json!({ "RoleDetailList": [
        role("a", json!([profile("shared", &["a", "b"]), profile("pa", &["a"])])),
        role("b", json!([profile("shared", &["a", "b"]), profile("empty", &[])])),
        role("c", json!([profile("pa", &["a"]), profile("ghost", &["not-exported"])])),
    ]}));
    let im = import(&text, None);
    assert_eq!(
        codes(&im),
        vec![
            ("warning", Code::ImportProfileRoles),
            ("warning", Code::ImportProfileRoles),
            ("warning", Code::ImportRoleMissing)
        ],
        "{:#?}",
        im.diagnostics
    );
    assert!(im.diagnostics[0].message.contains("holds 2 roles"));
    assert!(im.diagnostics[1].message.contains("`empty` holds no role"));
    assert_eq!(scenario(&im)["principals"]["instanceProfiles"], json!({ "pa": { "role": "a" } }));
}

#[test]
fn missing_groups_names_and_types_are_located() {
    let text = export(json!({
        "UserDetailList": [
            { "UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u", "GroupList": ["g", "absent", 7],
              "PermissionsBoundary": { "PermissionsBoundaryType": "Policy",
                                       "PermissionsBoundaryArn": "arn:aws:iam::aws:policy/PowerUserAccess" },
              "Tags": [{ "Key": "k", "Value": "v" }, { "Value": "no key" }] },
            { "Path": "/", "Arn": "arn:aws:iam::111122223333:user/nameless" },
            { "UserName": "bad/name" },
            { "UserName": "U" },
            "not an object"
        ],
        "GroupDetailList": [{ "GroupName": "g", "Path": "no-slashes" }],
        "IsTruncated": true
    }));
    let im = import(&text, None);
    let got = codes(&im);
    let want = [
        ("warning", Code::ImportGroupMissing),
        ("error", Code::ImportType),
        ("warning", Code::ImportPolicyMissing),
        ("error", Code::ImportFieldMissing),
        ("error", Code::ImportFieldMissing),
        ("error", Code::ImportNameInvalid),
        ("error", Code::ImportNameDuplicate),
        ("error", Code::ImportType),
        ("error", Code::ImportPathInvalid),
        ("warning", Code::ImportTruncated),
    ];
    assert_eq!(got, want, "{:#?}", im.diagnostics);
    assert!(im.diagnostics.iter().all(|d| d.span.source == SourceId::File && d.span.end <= text.len()));
    let boundary = &im.diagnostics[2];
    assert!(boundary.message.contains("permissions boundary `PowerUserAccess`"), "{}", boundary.message);
    let u = &scenario(&im)["principals"]["users"]["u"];
    assert_eq!(*u, json!({ "groups": ["g"], "tags": { "k": "v" } }));
    assert_eq!(scenario(&im)["principals"]["groups"]["g"], json!({}));
}

#[test]
fn unreadable_shapes_give_errors_not_panics() {
    for (text, code) in [
        ("[]", Code::ImportType),
        ("\"%7B%7D\"", Code::ImportType),
        ("{}", Code::ImportNotExport),
        ("{\"formatVersion\": 1, \"principals\": {}}", Code::ImportNotExport),
        ("", Code::ImportJson),
        ("{\"UserDetailList\": [}", Code::ImportJson),
    ] {
        let im = import(text, None);
        assert!(im.scenario.is_none(), "{text}");
        assert_eq!(im.diagnostics.first().map(|d| d.code), Some(code), "{text}");
    }
    let dup = "{\"Policies\": [{\"PolicyName\": \"P\", \"Arn\": \"arn:aws:iam::111122223333:policy/P\", \"DefaultVersionId\": \"v1\", \"PolicyVersionList\": [{\"VersionId\": \"v1\", \"IsDefaultVersion\": true, \"Document\": {\"Version\": \"2012-10-17\", \"Version\": \"2008-10-17\", \"Statement\": []}}]}]}";
    let im = import(dup, None);
    assert_eq!(codes(&im), vec![("error", Code::ImportDuplicateKey)]);
    assert_eq!(scenario(&im)["policies"], json!({}));
    // every prefix of a real export: diagnostics, never a panic, spans inside the text
    for cut in (0..EXPORT.len()).step_by(89) {
        let Some(prefix) = EXPORT.get(..cut) else { continue };
        let im = import(prefix, None);
        assert!(im.diagnostics.iter().all(|d| d.span.end <= prefix.len()), "cut at {cut}");
    }
    // every value replaced by a wrong type
    for (i, _) in EXPORT.match_indices(": \"").step_by(7) {
        let mut broken = EXPORT.to_string();
        broken.replace_range(i..i + 2, ": 42, \"x\": ");
        let _ = import(&broken, None);
    }
}
