// Splits the committed AWS data (crates/iamplay-aws-data/data/managed-policies.jsonl) into
// the files the playground fetches from its own origin, only when a scenario names an AWS
// managed policy by ARN: web/generated/aws-managed/index.json (every ARN with its version,
// and the data's name, for "did you mean") and one document per policy,
// web/generated/aws-managed/p/NAME.json; and AWS's catalog (data/catalog.tsv) deflated, which
// the playground fetches after the first decision. Run by web/editor/build.sh before each build.
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync, statSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const source = path.join(root, "crates/iamplay-aws-data/data/managed-policies.jsonl");
const out = path.join(root, "web/generated/aws-managed");
const index = path.join(out, "index.json");

// AWS's catalog, deflated (the playground inflates it): web/generated/aws-catalog/catalog.tsv.deflate
const catalogSource = path.join(root, "crates/iamplay-aws-data/data/catalog.tsv");
const catalogOut = path.join(root, "web/generated/aws-catalog/catalog.tsv.deflate");
if (!existsSync(catalogOut) || statSync(catalogOut).mtimeMs < statSync(catalogSource).mtimeMs) {
  mkdirSync(path.dirname(catalogOut), { recursive: true });
  writeFileSync(catalogOut, deflateRawSync(readFileSync(catalogSource), { level: 9 }));
}

if (existsSync(index) && statSync(index).mtimeMs >= statSync(source).mtimeMs) process.exit(0);

const lines = readFileSync(source, "utf8").split("\n").filter((l) => l.length);
const header = JSON.parse(lines[0]);
rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, "p"), { recursive: true });
const policies = {};
for (const line of lines.slice(1)) {
  const { arn, versionId, document } = JSON.parse(line);
  const name = arn.split("/").pop();
  policies[arn] = versionId;
  writeFileSync(path.join(out, "p", `${name}.json`), JSON.stringify({ arn, versionId, document }));
}
writeFileSync(index, JSON.stringify({ data: `${header.package} ${header.version}, ${header.updated}`, policies }));
