// Decides the requests of a scenario written by scripts/gen-workload.py with
// @cloud-copilot/iam-simulate, in one process, and prints one decision per line
// (Allow, ExplicitDeny, ImplicitDeny or error: ...) in request order. A measuring tool
// for scripts/bench-cli only: never part of iamplay.
//
//   node scripts/bench/iam-simulate.cjs SCENARIO.json > decisions.txt
const { runSimulation } = require("@cloud-copilot/iam-simulate");
const fs = require("node:fs");

const scenario = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const account = scenario.principals.account;
const [userName, user] = Object.entries(scenario.principals.users)[0];
const principal = `arn:aws:iam::${account}:user/${userName}`;
const identityPolicies = user.policies.map((name) => ({ name, policy: scenario.policies[name] }));
const tags = Object.fromEntries(Object.entries(user.tags || {}).map(([k, v]) => [`aws:PrincipalTag/${k}`, v]));
const words = { Allowed: "Allow", ExplicitlyDenied: "ExplicitDeny", ImplicitlyDenied: "ImplicitDeny" };

(async () => {
  const out = [];
  for (const r of scenario.requests) {
    const result = await runSimulation(
      {
        request: {
          principal,
          action: r.action,
          resource: { resource: r.resource, accountId: account },
          contextVariables: { "aws:username": userName, ...tags, ...r.context },
        },
        identityPolicies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    out.push(words[result.overallResult] || `error: ${result.errors?.message || result.resultType}`);
  }
  process.stdout.write(out.join("\n") + "\n");
})();
