//! The scenario's graph (iamplay_core::graph, worded by report::graph): its nodes and
//! edges, and what a request or an access path lights.

use iamplay_core::graph::Graph;
use iamplay_core::report::graph::{dot, report, with_path, with_request, GraphReport};
use iamplay_core::scenario::{load_file, Scenario};

fn example(name: &str) -> Scenario {
    let path = format!("{}/../../examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let sc = load_file(&std::fs::read_to_string(path).unwrap());
    assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
    sc
}

/// `data-node` → lit word, for the nodes that are lit.
fn lit_nodes(r: &GraphReport) -> Vec<(String, &'static str)> {
    r.nodes.iter().filter_map(|n| n.lit.map(|l| (n.node.clone(), l))).collect()
}

fn edge<'a>(
    r: &'a GraphReport,
    from: &str,
    to: &str,
    kind: &str,
) -> Option<&'a iamplay_core::report::graph::GraphEdge> {
    let id = |node: &str| r.nodes.iter().find(|n| n.node == node).map(|n| n.id.clone());
    let (f, t) = (id(from)?, id(to)?);
    r.edges.iter().find(|e| e.from == f && e.to == t && e.kind == kind)
}

#[test]
fn every_declared_part_is_a_node_and_every_relation_an_edge() {
    let sc = example("group-and-role");
    let r = report(&sc, &Graph::of(&sc), None);
    for node in
        ["user/alice", "user/bob", "group/analysts", "role/report-reader", "policy/ReadReports", "account/111122223333"]
    {
        assert!(r.nodes.iter().any(|n| n.node == node), "{node} missing");
    }
    assert!(edge(&r, "user/alice", "group/analysts", "member-of").is_some());
    assert!(edge(&r, "group/analysts", "policy/ReadReports", "attached").is_some());
    assert!(edge(&r, "role/report-reader", "policy/ReportReaderTrust", "trust").is_some());
    // the trust policy names bob: he may assume it (the trust alone allows in his account)
    let assume = edge(&r, "user/bob", "role/report-reader", "may-assume").unwrap();
    assert_eq!(assume.permitted, Some(true));
    // the trust policy does not name alice
    assert!(edge(&r, "user/alice", "role/report-reader", "may-assume").is_none());
    assert!(r.nodes.iter().all(|n| n.lit.is_none()), "nothing is lit without a request");
    // a click on a user jumps to its name in the Principals text
    let alice = r.nodes.iter().find(|n| n.node == "user/alice").unwrap().place.as_ref().unwrap();
    assert!(alice.line > 1);
}

#[test]
fn a_group_grant_lights_user_group_policy_and_statement() {
    let sc = example("group-and-role");
    let r = with_request(&sc, Some(0));
    let lit = lit_nodes(&r);
    for node in ["user/alice", "group/analysts", "policy/ReadReports"] {
        assert!(lit.contains(&(node.to_string(), "true")), "{node} not lit: {lit:?}");
    }
    assert!(!lit.iter().any(|(n, _)| n == "user/bob" || n == "role/report-reader"), "{lit:?}");
    assert_eq!(edge(&r, "user/alice", "group/analysts", "member-of").unwrap().lit, Some("true"));
    assert_eq!(edge(&r, "group/analysts", "policy/ReadReports", "attached").unwrap().lit, Some("true"));
    assert!(r.lit.as_deref().unwrap().contains("request 1: user/alice s3:GetObject"));
    // the deciding statement is shown in its policy's node
    let policy = r.nodes.iter().find(|n| n.node == "policy/ReadReports").unwrap();
    let decided: Vec<(&str, &str)> = policy.decided.iter().map(|d| (d.statement.as_str(), d.lit)).collect();
    assert_eq!(decided, [("#0 ReadObjectsInReportsBucket", "true")]);
    // lighting another request changes no node or edge: the layout stays
    let other = with_request(&sc, Some(2));
    let shape = |r: &GraphReport| {
        let nodes: Vec<(String, String)> = r.nodes.iter().map(|n| (n.id.clone(), n.node.clone())).collect();
        let edges: Vec<(String, String, &str)> =
            r.edges.iter().map(|e| (e.from.clone(), e.to.clone(), e.kind)).collect();
        (nodes, edges)
    };
    assert_eq!(shape(&r), shape(&other));
}

#[test]
fn assuming_a_role_lights_the_edge_and_the_trust_policy_and_a_refusal_is_blocked() {
    let sc = example("group-and-role");
    let r = with_request(&sc, Some(2));
    assert_eq!(edge(&r, "user/bob", "role/report-reader", "may-assume").unwrap().lit, Some("true"));
    assert_eq!(edge(&r, "role/report-reader", "policy/ReportReaderTrust", "trust").unwrap().lit, Some("true"));
    let sc = example("cross-account-role");
    let refused = with_request(&sc, Some(1));
    let role = "role/arn:aws:iam::444455556666:role/Auditor";
    assert!(lit_nodes(&refused).contains(&(role.to_string(), "blocked")), "{:?}", lit_nodes(&refused));
}

#[test]
fn an_access_path_through_a_role_lights_every_hop() {
    let sc = example("group-and-role");
    let req = sc.requests.get(1).and_then(Option::as_ref).unwrap();
    let paths = iamplay_core::paths::access_paths(&sc, &req.caller, &req.action, &req.resource, &[]);
    let via_role = paths.iter().find(|p| p.kind == iamplay_core::paths::PathKind::AssumeRole).unwrap();
    let r = with_path(&sc, via_role);
    assert_eq!(edge(&r, "user/bob", "role/report-reader", "may-assume").unwrap().lit, Some("true"));
    assert_eq!(edge(&r, "role/report-reader", "policy/ReadReports", "attached").unwrap().lit, Some("true"));
    assert!(r.lit.unwrap().contains("assuming role report-reader (allowed)"));
}

#[test]
fn a_boundary_that_blocks_is_lit_as_blocked() {
    let sc = example("boundary-cuts-group");
    let r = with_request(&sc, Some(1));
    assert_eq!(edge(&r, "user/carol", "policy/ContractorBoundary", "boundary").unwrap().lit, Some("blocked"));
    // the group still granted: that step is on
    assert_eq!(edge(&r, "group/platform", "policy/PlatformTeam", "attached").unwrap().lit, Some("true"));
}

#[test]
fn an_scp_deny_is_blocked_at_its_level() {
    let sc = example("scp-region");
    let r = with_request(&sc, Some(1));
    let e = edge(&r, "account/111122223333", "policy/DenyOutsideEuWest1", "scp").unwrap();
    assert_eq!((e.lit, e.label.as_str()), (Some("blocked"), "SCP, level 1"));
    // a policy attached at two levels is two edges
    let full: Vec<&str> = r
        .edges
        .iter()
        .filter(|e| e.kind == "scp" && r.nodes.iter().any(|n| n.id == e.to && n.node == "policy/FullAWSAccess"))
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(full, ["SCP, level 0", "SCP, level 1"]);
    let policy = r.nodes.iter().find(|n| n.node == "policy/DenyOutsideEuWest1").unwrap();
    assert!(policy.decided.iter().any(|d| d.lit == "blocked"), "the deny statement marked");
}

#[test]
fn a_launch_lights_the_profile_and_the_role_it_passes() {
    let sc = example("runinstances-passrole");
    let allowed = with_request(&sc, Some(1));
    assert_eq!(edge(&allowed, "instance-profile/web-server", "role/web-server", "wraps").unwrap().lit, Some("true"));
    // alice may not pass the role: the launch stops at the profile, the role is not reached
    let refused = with_request(&sc, Some(0));
    assert!(lit_nodes(&refused).contains(&("instance-profile/web-server".to_string(), "blocked")));
    assert_eq!(edge(&refused, "instance-profile/web-server", "role/web-server", "wraps").unwrap().lit, None);
    assert!(!lit_nodes(&refused).iter().any(|(n, _)| n == "role/web-server"));
    // an instance's credentials: instance → profile → role
    let sc = example("instance-profile");
    let r = with_request(&sc, Some(1));
    assert_eq!(edge(&r, "instance/i-0abc1234", "instance-profile/app-profile", "runs-with").unwrap().lit, Some("true"));
    assert_eq!(edge(&r, "instance-profile/app-profile", "role/app-role", "wraps").unwrap().lit, Some("true"));
}

#[test]
fn a_large_scenario_shows_what_concerns_the_lit_request() {
    let users: Vec<String> = (0..200).map(|i| format!("\"u{i}\": {{\"policies\": [\"P\"]}}")).collect();
    let text = format!(
        r#"{{"policies": {{"P": {{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}}}}},
        "principals": {{"account": "111122223333", "users": {{{}, "alice": {{}}}}}},
        "requests": [{{"principal": "user/u7", "action": "s3:GetObject", "resource": "*"}}]}}"#,
        users.join(",")
    );
    let sc = load_file(&text);
    let r = with_request(&sc, Some(0));
    assert_eq!(r.trimmed_from, Some(203)); // 201 users, the policy, the account
    assert!(r.nodes.iter().any(|n| n.node == "user/u7" && n.lit == Some("true")));
    assert!(!r.nodes.iter().any(|n| n.node == "user/alice"), "alice has nothing to do with the request");
    assert!(!r.nodes.iter().any(|n| n.node == "user/u8"), "u8 only shares the policy");
    assert!(r.nodes.len() <= iamplay_core::report::graph::MAX_NODES * 2);
}

#[test]
fn dot_quotes_names_and_marks_the_lit_path() {
    let text = r#"{"policies": {"P\"x": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}},
        "principals": {"account": "111122223333", "users": {"a\\b": {"policies": ["P\"x"]}}},
        "requests": [{"principal": "user/a\\b", "action": "s3:GetObject", "resource": "*"}]}"#;
    let sc = load_file(text);
    let out = dot(&with_request(&sc, Some(0)));
    assert!(out.starts_with("digraph iamplay {\n  rankdir=LR;"), "{out}");
    assert!(out.contains(r#"id="policy/P\"x""#), "{out}");
    assert!(out.contains(r#"id="user/a\\b""#), "{out}");
    assert!(out.contains(r##"color="#1a7f37", penwidth=3"##), "{out}");
    assert!(out.contains(r#"label="policy\nP\"x\nallowed by #0""#), "{out}");
    assert!(out.contains("label=\"lit: request 1: user/a\\\\b s3:GetObject on * (Allow)\""), "{out}");
}

#[test]
fn a_large_scenario_with_a_role_everyone_may_assume_stays_about_the_path() {
    let users: Vec<String> = (0..200).map(|i| format!("\"u{i}\": {{}}")).collect();
    let text = format!(
        r#"{{"policies": {{"P": {{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}}},
            "T": {{"Version": "2012-10-17", "Statement": {{"Effect": "Allow", "Principal": {{"AWS": "arn:aws:iam::111122223333:root"}}, "Action": "sts:AssumeRole"}}}}}},
        "principals": {{"account": "111122223333", "users": {{{}}}, "roles": {{"r": {{"policies": ["P"], "trust": "T"}}}}}},
        "requests": [{{"principal": "user/u7", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111122223333:role/r"}}]}}"#,
        users.join(",")
    );
    let sc = load_file(&text);
    assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
    let r = with_request(&sc, Some(0));
    assert!(r.trimmed_from.is_some());
    // u7, the role, its policies and the account: not the 199 others who may assume it too
    assert!(r.nodes.len() < 10, "{} nodes: {:?}", r.nodes.len(), r.nodes.iter().map(|n| &n.node).collect::<Vec<_>>());
    // (a trust naming the account needs u7's own permission too, which it lacks)
    assert_eq!(edge(&r, "user/u7", "role/r", "may-assume").unwrap().lit, Some("blocked"));
    assert!(r.edges.iter().filter(|e| e.kind == "may-assume").count() == 1);
}

#[test]
fn another_accounts_principal_is_named_with_its_account() {
    let sc = example("cross-account-role");
    let r = report(&sc, &Graph::of(&sc), None);
    let auditor = r.nodes.iter().find(|n| n.node == "role/arn:aws:iam::444455556666:role/Auditor").unwrap();
    assert_eq!(auditor.label, "Auditor (444455556666)");
}
