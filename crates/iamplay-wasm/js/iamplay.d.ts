// Types of the iamplay JavaScript API (the report follows docs/scenario.md, "CLI output", and
// docs/scenario.md). Call `init()` (the default export) once before the functions.

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";
export type PolicyType = "identity" | "resource" | "trust" | "boundary" | "scp" | "rcp" | "session";

export interface DecidingStatement {
  policy: string;
  policyType: PolicyType;
  statement: number;
  sid: string | null;
  line: number;
  column: number;
  /** an AWS managed policy named by ARN (`policy` is the ARN) */
  awsManaged?: true;
  /** the version of AWS's document in use, e.g. "v7" */
  policyVersion?: string;
}

export interface Gate {
  /** `aws-protection`: AWS refuses the request whatever the policies say */
  layer: PolicyType | "cross-account-identity" | "cross-account-resource" | "aws-protection";
  level: number | null;
}

export interface Check {
  action: string;
  resource: string;
  decision: Decision;
  complete: boolean;
  decidedBy: DecidingStatement[];
  blockedBy: Gate | null;
  missingContextKeys: string[];
  explain?: Explanation;
}

export interface Explanation {
  notes: string[];
  context: { key: string; values: string[]; origin: "principal" | "session" | "resource" | "request" }[];
  policies: {
    policy: string;
    policyType: PolicyType;
    level: number | null;
    via: string;
    statements: {
      statement: number;
      sid: string | null;
      effect: "Allow" | "Deny" | null;
      applies: boolean;
      evaluated: boolean;
      line: number;
      column: number;
      action?: { element: "Action" | "NotAction"; matched: boolean; by: string | null };
      resource?: { element: "Resource" | "NotResource"; matched: boolean; by: string | null; substituted?: (string | null)[] };
      principal?: { element: "Principal" | "NotPrincipal"; matched: boolean; by: string | null; grant: string | null; boundaryRule: boolean };
      conditions: { operator: string; key: string; matched: boolean; keyPresent: boolean; requestValues: string[] | null; policyValues: (string | null)[] }[];
    }[];
  }[];
}

export interface Result {
  /** null when the request could not be read (see diagnostics) */
  decision: Decision | null;
  complete: boolean;
  decidedBy: DecidingStatement[];
  blockedBy: Gate | null;
  missingContextKeys: string[];
  expect: Decision | null;
  pass: boolean | null;
  request?: { principal: string; action: string; resource: string };
  path?: string;
  conflict?: string | null;
  checks?: Check[];
  explain?: Explanation;
  error?: string;
}

export interface Diagnostic {
  severity: "error" | "warning" | "suggestion";
  code: string;
  message: string;
  help: string | null;
  policy: string | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  source: "file" | "policies" | "principals" | "request";
}

export interface Report {
  results: Result[];
  diagnostics: Diagnostic[];
}

export interface Options {
  /** add each result's full trace */
  explain?: boolean;
  /** AWS managed policies the scenario names by ARN (`arn:aws:iam::aws:policy/…`):
   *  ARN → its version id and document (an object, or its JSON text). One the scenario
   *  names but this lacks is a located error (`aws-policy-unavailable`). */
  awsManagedPolicies?: Record<string, { versionId: string; document: object | string }>;
}

/** Loads the WebAssembly module (once). */
export default function init(module?: unknown): Promise<unknown>;
/** Decides every request of a scenario file (one JSON text). Never throws. */
export function evaluate(scenario: string, options?: Options): Report;
/** The same over the playground's three texts. */
export function evaluateParts(policies: string, principals: string, requests: string, options?: Options): Report;
/** Every diagnostic of a scenario file. */
export function validate(scenario: string): Diagnostic[];
/** Every AWS managed policy a scenario file names by ARN: what to pass in `awsManagedPolicies`. */
export function awsManagedPoliciesNamed(scenario: string): string[];
/** The URL fragment (`s=v1.…`) that opens these texts in the playground. */
export function shareFragment(policies: string, principals: string, requests: string): string;
export function version(): string;

/** Hands in AWS's catalog: the bytes of `catalog.tsv.deflate` (in this package, and served
 *  with the playground as `aws-catalog/catalog.tsv.deflate`). After it, `evaluate` adds
 *  the findings that need it, and `expand` and `summary` work. */
export function loadCatalog(deflated: Uint8Array): { version: string } | { error: string };
/** The actions an action pattern covers, with their access levels; null before `loadCatalog`. */
export function expand(pattern: string): { pattern: string; actions: { action: string; accessLevel: string }[] } | null;

export interface PolicySummary {
  policy: string;
  services: {
    prefix: string;
    name: string;
    levels: { level: "List" | "Read" | "Write" | "Permissions management" | "Tagging"; access: "full" | "limited"; allowed: number; of: number }[];
    resources: string[];
    conditional: boolean;
  }[];
  /** services some Deny statement names actions of */
  denied: string[];
  privilegeEscalation: { id: string; actions: string[]; why: string; statements: number[]; source: string }[];
}
/** Each policy's summary (one policy document, or every policy of a scenario file), as
 *  `iamplay summary --format json`; null before `loadCatalog` or when the text is not JSON. */
export function summary(text: string): { catalog: string; policies: PolicySummary[] } | null;
/** The playground's Format: the text pretty-printed and where the cursor (a UTF-16
 *  offset) goes; null when the text is not JSON (never changed). */
export function format(text: string, cursor: number): { text: string; cursor: number } | null;

/** A question of `paths` and `whoCan`: context values as in a request's `context`. */
export interface Question {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}
export interface AccessPath {
  kind: "own" | "group" | "assume-role" | "launch";
  description: string;
  allowed: boolean;
  /** each authorization step, decided; the last is the action asked about */
  hops: { principal: string; action: string; resource: string; decision: Decision; decidedBy: unknown[]; [more: string]: unknown }[];
}
/** Every way `principal` obtains (or could obtain) the action, as `iamplay paths --format json`;
 *  `{ error }` when the scenario has errors or the principal or action cannot be read. */
export function paths(
  scenario: string,
  question: Question & { principal: string; explain?: boolean },
): { principal: string; action: string; resource: string; allowed: boolean; paths: AccessPath[] } | { error: string };
/** Every principal of the scenario allowed, each with its paths, as `iamplay who-can --format json`. */
export function whoCan(
  scenario: string,
  question: Question,
): { action: string; resource: string; principals: { principal: string; kind: string; paths: AccessPath[] }[] } | { error: string };

/** Where a node or edge is written: the playground's editor and UTF-16 offsets, and its line and column. */
export interface GraphPlace { editor: string; from: number; to: number; line: number; column: number }
/** The scenario as a graph, as `iamplay graph --format json`: `lit` says what request
 *  `requestIndex` (0-based) went through; nodes and edges on it have `lit: "true"`, where
 *  it was stopped `lit: "blocked"`. */
export function graph(
  scenario: string,
  requestIndex?: number,
): {
  nodes: { id: string; node: string; kind: string; label: string; lit?: "true" | "blocked"; place?: GraphPlace }[];
  edges: { from: string; to: string; kind: string; label: string; lit?: "true" | "blocked"; permitted?: boolean; place?: GraphPlace }[];
  lit?: string;
  trimmed_from?: number;
};
