#!/usr/bin/env python3
"""Writes a seeded benchmark scenario: one user with 10 managed policies of 10 statements
each (actions with wildcards, resources with a policy variable, conditions on tags, IP
ranges and dates; a Deny now and then), and N requests that each hit a different mix of
them, with the decision each is expected to get left out (the CLI decides them).

    scripts/gen-workload.py N [SEED] > scenario.json

The same N and SEED always give the same file: scripts/bench-cli times iamplay (and,
for comparison, iam-simulate) on it."""

import json
import random
import sys

SERVICES = [
    ("s3", ["GetObject", "PutObject", "DeleteObject", "ListBucket", "GetObjectTagging"]),
    ("ec2", ["StartInstances", "StopInstances", "DescribeInstances", "RunInstances", "TerminateInstances"]),
    ("dynamodb", ["GetItem", "PutItem", "Query", "Scan", "DeleteItem"]),
    ("sqs", ["SendMessage", "ReceiveMessage", "DeleteMessage", "GetQueueUrl", "PurgeQueue"]),
]
ACCOUNT = "111122223333"
TEAMS = ["red", "blue", "green", "gold"]


def resource(rng, service, action):
    # each action on a resource type it acts on (the Service Authorization Reference):
    # listing a bucket names the bucket, describing instances names no resource
    if action == "ListBucket":
        return f"arn:aws:s3:::bucket-{rng.randrange(5)}"
    if action == "DescribeInstances":
        return "*"
    if service == "s3":
        return f"arn:aws:s3:::bucket-{rng.randrange(5)}/home/alice/{rng.randrange(100)}.txt"
    if service == "ec2":
        return f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/i-{rng.randrange(16**8):08x}"
    if service == "dynamodb":
        return f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/table-{rng.randrange(5)}"
    return f"arn:aws:sqs:us-east-1:{ACCOUNT}:queue-{rng.randrange(5)}"


def pattern(rng, service):
    if service == "s3":
        return f"arn:aws:s3:::bucket-{rng.randrange(5)}/home/${{aws:username}}/*"
    if service == "ec2":
        return f"arn:aws:ec2:*:{ACCOUNT}:instance/*"
    if service == "dynamodb":
        return f"arn:aws:dynamodb:*:{ACCOUNT}:table/table-{rng.randrange(5)}"
    return f"arn:aws:sqs:*:{ACCOUNT}:queue-*"


def statement(rng, p, s):
    service, actions = rng.choice(SERVICES)
    chosen = rng.sample(actions, 2)
    st = {
        "Sid": f"P{p}S{s}",
        "Effect": "Deny" if rng.random() < 0.1 else "Allow",
        "Action": [f"{service}:{chosen[0]}", f"{service}:{chosen[1][:4]}*"],
        "Resource": [pattern(rng, service), pattern(rng, service)],
    }
    kind = rng.randrange(4)
    if kind == 0:
        st["Condition"] = {"StringEquals": {"aws:PrincipalTag/team": rng.choice(TEAMS)}}
    elif kind == 1:
        st["Condition"] = {"IpAddress": {"aws:SourceIp": [f"203.0.{rng.randrange(256)}.0/24", "198.51.100.0/24"]}}
    elif kind == 2:
        st["Condition"] = {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"},
                           "Bool": {"aws:SecureTransport": "true"}}
    return st


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    policies = {f"policy-{p}": {"Version": "2012-10-17", "Statement": [statement(rng, p, s) for s in range(10)]}
                for p in range(10)}
    principals = {"account": ACCOUNT,
                  "users": {"alice": {"policies": list(policies), "tags": {"team": rng.choice(TEAMS)}}}}
    requests = []
    for _ in range(n):
        service, actions = rng.choice(SERVICES)
        action = rng.choice(actions)
        requests.append({
            "principal": "user/alice",
            "action": f"{service}:{action}",
            "resource": resource(rng, service, action),
            "context": {
                "aws:SourceIp": f"203.0.{rng.randrange(256)}.{rng.randrange(256)}",
                "aws:CurrentTime": "2026-06-01T12:00:00Z",
                "aws:SecureTransport": rng.choice(["true", "false"]),
            },
        })
    json.dump({"formatVersion": 1, "policies": policies, "principals": principals, "requests": requests},
              sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
