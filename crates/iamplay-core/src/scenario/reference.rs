//! Principal references in requests (docs/scenario.md): `user/NAME`, `role/NAME`,
//! `instance-profile/NAME`, `instance/ID`, `root`, `anonymous`, `service:NAME`, and
//! IAM/STS ARNs.

use super::{Caller, Scenario};
use crate::diagnostic::did_you_mean;

/// Why a reference could not be resolved: (message, help).
pub type RefError = (String, Option<String>);

fn not_declared(what: &str, name: &str, account: &str, candidates: Vec<&str>) -> RefError {
    let help = did_you_mean(name, candidates.iter().copied())
        .map(|s| format!("did you mean `{s}`?"))
        .or_else(|| {
            (!candidates.is_empty()).then(|| {
                format!("declared: {}", candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "))
            })
        })
        .or_else(|| Some(format!("declare it under `principals` ({what}s of account {account})")));
    (format!("no {what} `{name}` is declared in account {account}"), help)
}

/// The last component of an IAM resource path (`user/path/name` → `name`).
fn last_component(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

pub fn resolve(
    sc: &Scenario,
    text: &str,
    session_name: Option<&str>,
    federated_by: Option<usize>,
) -> Result<Caller, RefError> {
    let default = 0usize;
    let session = session_name.unwrap_or("session").to_string();
    match text {
        "root" => return Ok(Caller::Root { account: default }),
        "anonymous" => return Ok(Caller::Anonymous),
        _ => {}
    }
    if let Some(provider) = text.strip_prefix("federated:") {
        if provider.is_empty() {
            return Err((
                "`federated:` names no identity provider".into(),
                Some(
                    "write `federated:accounts.google.com` or `federated:arn:aws:iam::111122223333:saml-provider/NAME`"
                        .into(),
                ),
            ));
        }
        return Ok(Caller::WebIdentity(provider.to_string()));
    }
    if let Some(svc) = text.strip_prefix("service:") {
        if svc.is_empty() {
            return Err(("`service:` names no service".into(), Some("write `service:ec2.amazonaws.com`".into())));
        }
        return Ok(Caller::Service(svc.to_ascii_lowercase()));
    }
    if let Some(name) = text.strip_prefix("user/") {
        return user(sc, default, name);
    }
    if let Some(name) = text.strip_prefix("role/") {
        return role(sc, default, name).map(|role| Caller::RoleSession {
            account: default,
            role,
            session,
            instance: None,
        });
    }
    if let Some(name) = text.strip_prefix("instance-profile/") {
        let acct = sc.accounts.get(default).ok_or_else(|| ("no default account".to_string(), None))?;
        let Some(p) = acct.instance_profiles.iter().position(|p| p.name == name) else {
            return Err(not_declared(
                "instance profile",
                name,
                &acct.id,
                acct.instance_profiles.iter().map(|p| p.name.as_str()).collect(),
            ));
        };
        let role = acct
            .instance_profiles
            .get(p)
            .and_then(|p| p.role)
            .ok_or_else(|| (format!("the instance profile `{name}` holds no role"), None))?;
        // an instance launched with this profile: the session name is an instance id
        let instance = acct.instances.iter().position(|i| i.profile == Some(p));
        let session = instance
            .and_then(|i| acct.instances.get(i))
            .map_or_else(|| "i-0123456789abcdef0".to_string(), |i| i.id.clone());
        return Ok(Caller::RoleSession { account: default, role, session, instance });
    }
    if let Some(id) = text.strip_prefix("instance/") {
        let acct = sc.accounts.get(default).ok_or_else(|| ("no default account".to_string(), None))?;
        let Some(i) = acct.instances.iter().position(|i| i.id == id) else {
            return Err(not_declared("instance", id, &acct.id, acct.instances.iter().map(|i| i.id.as_str()).collect()));
        };
        let role = acct
            .instances
            .get(i)
            .and_then(|inst| inst.profile)
            .and_then(|p| acct.instance_profiles.get(p))
            .and_then(|p| p.role)
            .ok_or_else(|| (format!("the instance `{id}` has no instance profile with a role"), None))?;
        return Ok(Caller::RoleSession { account: default, role, session: id.to_string(), instance: Some(i) });
    }
    if text.starts_with("arn:") {
        return arn(sc, text, session, federated_by);
    }
    Err((
        format!("`{text}` is not a principal reference"),
        Some("write `user/NAME`, `role/NAME`, `instance-profile/NAME`, `instance/ID`, `root`, `anonymous`, `service:NAME`, `federated:PROVIDER` or an IAM/STS ARN".into()),
    ))
}

fn account(sc: &Scenario, id: &str) -> Result<usize, RefError> {
    sc.account_index(id).ok_or_else(|| {
        (
            format!("the account `{id}` is not declared"),
            Some("declare it under `principals.accounts`, or use the default account".into()),
        )
    })
}

fn user(sc: &Scenario, account: usize, name: &str) -> Result<Caller, RefError> {
    let acct = sc.accounts.get(account).ok_or_else(|| ("no such account".to_string(), None))?;
    let name = last_component(name);
    match acct.users.iter().position(|u| u.name == name) {
        Some(user) => Ok(Caller::User { account, user }),
        None => Err(not_declared("user", name, &acct.id, acct.users.iter().map(|u| u.name.as_str()).collect())),
    }
}

fn role(sc: &Scenario, account: usize, name: &str) -> Result<usize, RefError> {
    let acct = sc.accounts.get(account).ok_or_else(|| ("no such account".to_string(), None))?;
    let name = last_component(name);
    acct.roles
        .iter()
        .position(|r| r.name == name)
        .ok_or_else(|| not_declared("role", name, &acct.id, acct.roles.iter().map(|r| r.name.as_str()).collect()))
}

fn arn(sc: &Scenario, text: &str, session: String, federated_by: Option<usize>) -> Result<Caller, RefError> {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    let bad = || {
        (format!("`{text}` is not a principal ARN"), Some("use `arn:aws:iam::ACCOUNT:user/NAME`, `…:role/NAME`, `…:root`, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` or `…:federated-user/NAME`".to_string()))
    };
    let [_, _, service, _, acct_id, resource] = parts.as_slice() else {
        return Err(bad());
    };
    let acct = account(sc, acct_id)?;
    match (*service, resource.split_once('/')) {
        ("iam", None) if *resource == "root" => Ok(Caller::Root { account: acct }),
        ("iam", Some(("user", rest))) => user(sc, acct, rest),
        ("iam", Some(("role", rest))) => {
            role(sc, acct, rest).map(|role| Caller::RoleSession { account: acct, role, session, instance: None })
        }
        ("sts", Some(("assumed-role", rest))) => match rest.split_once('/') {
            Some((role_name, sess)) if !sess.is_empty() && !sess.contains('/') => role(sc, acct, role_name)
                .map(|role| Caller::RoleSession { account: acct, role, session: sess.to_string(), instance: None }),
            _ => Err(bad()),
        },
        ("sts", Some(("federated-user", name))) if !name.is_empty() => {
            Ok(Caller::FederatedUser { account: acct, name: name.to_string(), by_user: federated_by })
        }
        _ => Err(bad()),
    }
}
