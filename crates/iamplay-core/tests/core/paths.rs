//! Access paths and who-can on a scenario where each user reaches the same permission a
//! different way: alice through a group, bob by assuming a role, carol by launching an
//! instance whose role she may pass, dave not at all.

use iamplay_core::paths::{access_paths, who_can, PathKind};
use iamplay_core::scenario::{load_file, resolve_principal};

const ACTION: &str = "s3:GetObject";
const RESOURCE: &str = "arn:aws:s3:::reports/q1";

fn scenario() -> iamplay_core::scenario::Scenario {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/paths-scenario.json")).unwrap();
    let sc = load_file(&text);
    assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
    sc
}

fn allowed_kinds(principal: &str) -> Vec<(PathKind, String)> {
    let sc = scenario();
    let caller = resolve_principal(&sc, principal, None, None).unwrap();
    access_paths(&sc, &caller, ACTION, RESOURCE, &[])
        .into_iter()
        .filter(|p| p.allowed())
        .map(|p| (p.kind, p.description))
        .collect()
}

#[test]
fn each_user_reaches_the_permission_its_own_way() {
    assert_eq!(allowed_kinds("user/alice"), vec![(PathKind::Group, "membership of group g".to_string())]);
    assert_eq!(allowed_kinds("user/bob"), vec![(PathKind::AssumeRole, "assuming role r".to_string())]);
    assert_eq!(
        allowed_kinds("user/carol"),
        vec![(PathKind::Launch, "launching an instance with profile web (role web)".to_string())]
    );
    assert_eq!(allowed_kinds("user/dave"), vec![]);
    assert_eq!(allowed_kinds("instance/i-0abc").len(), 1);
}

#[test]
fn a_denied_hop_is_shown_with_its_gate() {
    let sc = scenario();
    let caller = resolve_principal(&sc, "user/dave", None, None).unwrap();
    let paths = access_paths(&sc, &caller, ACTION, RESOURCE, &[]);
    let role = paths
        .iter()
        .find(|p| p.kind == PathKind::AssumeRole)
        .expect("the role trusting the account is a possible path");
    let assume = &role.hops[0].evaluation;
    assert_eq!(assume.decision.as_str(), "ImplicitDeny");
    assert_eq!(assume.blocked_by.map(|g| g.layer.as_str()), Some("identity"), "the trust names only the account");
    assert_eq!(role.hops[1].evaluation.decision.as_str(), "Allow", "what the role could do is shown too");
}

#[test]
fn who_can_lists_every_allowed_principal() {
    let sc = scenario();
    let who: Vec<String> = who_can(&sc, ACTION, RESOURCE, &[]).into_iter().map(|w| w.principal).collect();
    assert_eq!(who, ["user/alice", "user/bob", "user/carol", "role/r", "role/web", "instance-profile/web"]);
    let none = who_can(&sc, "s3:PutObject", RESOURCE, &[]);
    assert!(none.is_empty());
}

#[test]
fn role_chains_are_followed_and_cycles_cut() {
    let text = r#"{
      "policies": {
        "trust-all": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}]},
        "assume-any": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]},
        "read": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]},
        "trust-a": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/a"}, "Action": "sts:AssumeRole"}]}
      },
      "principals": {"account": "111122223333",
        "users": {"u": {"policies": ["assume-any"]}},
        "roles": {"a": {"trust": "trust-all", "policies": ["assume-any"]}, "b": {"trust": "trust-a", "policies": ["read", "assume-any"]}}
      }
    }"#;
    let sc = load_file(text);
    assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
    let caller = resolve_principal(&sc, "user/u", None, None).unwrap();
    let paths = access_paths(&sc, &caller, "s3:GetObject", "arn:aws:s3:::x/y", &[]);
    let chain = paths.iter().find(|p| p.allowed()).expect("u reaches b through a");
    assert_eq!(chain.description, "assuming role a, then role b");
    assert_eq!(chain.hops.len(), 3);
    // a trusts the account and b trusts a: each role is visited once
    assert_eq!(paths.iter().filter(|p| p.kind == PathKind::AssumeRole).count(), 2);
}
