// One secret detector for whole documents (manifests and floe.yaml: every key at every depth, not
// only plugin config), and the masking every output applies with the same rules.
//
// A value is a secret when
//  - its key names a credential (`password`, `db_password`, `clientSecret`, `api_key`, `*token*`…,
//    but not `connection_secret_ref`, `token_ttl`, `password_policy`…) and it is a literal string or
//    number, not a reference (`${VAR}`, `{{ env_var('X') }}`, `vault://…`, any `scheme://` URI
//    without a password), or
//  - it contains a credential whatever its key: a JSON Web Token, a PEM private key, an AWS access
//    key id (AKIA/ASIA…), a GitHub, Slack, Stripe, OpenAI or Google API key, a URL with a password
//    (`postgres://user:pw@host`), or `password=…` in a connection string.
//
// Masked form (documented in the README): a whole value becomes `****` followed by its last four
// characters when it has at least 16 (enough to tell two keys apart, too few to use), else `****`;
// inside a longer string only the credential is replaced (`postgres://user:****@host/db`).
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";
import { safeLoadYaml } from "../yaml/safe-load";
import type { PathSegment } from "../yaml/positions";

export interface SecretFinding {
  path: PathSegment[];
  message: string;
}

/** Words of a key: `dbPassword`, `db-password`, `DB_PASSWORD` → db, password. */
const wordsOf = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

const SECRET_WORDS = new Set(["password", "passwd", "pwd", "passphrase", "secret", "token", "credential", "credentials", "apikey", "privatekey", "accesskey", "secretkey", "clientsecret", "authkey", "sastoken", "bearer"]);
/** Word pairs that name a credential: api key, private key, access key… */
const KEY_QUALIFIERS = new Set(["api", "private", "access", "secret", "auth", "signing", "encryption", "master", "account", "service", "ssh", "sas"]);
/** Last words that make the key about a secret rather than holding one. */
const NOT_A_VALUE = new Set(
  "ref refs reference name names path file env var ttl url uri endpoint type id ids enabled required expiry expires expiration lifetime length count max min limit size timeout policy rotation days hours minutes seconds header field mode store provider source backend manager format algorithm version scope scopes issuer audience location kind prefix template".split(" "),
);

/**
 * Every secret word and `key` contains one of these, as wordsOf reads the key: case-insensitive
 * with Unicode folding (`u`), because toLowerCase turns the Kelvin sign into `k`.
 */
const SECRET_KEY_HINT = /pass|pwd|secret|token|credential|key|bearer/iu;

/** Whether a key names a credential whose literal value would be a secret. */
export function isSecretKey(key: string): boolean {
  if (!SECRET_KEY_HINT.test(key)) return false; // most keys: no split into words
  const words = wordsOf(key);
  if (words.length === 0 || NOT_A_VALUE.has(words[words.length - 1])) return false;
  return words.some((w, i) => SECRET_WORDS.has(w) || (w === "key" && i > 0 && KEY_QUALIFIERS.has(words[i - 1])));
}

/** A reference to a secret, not the secret: `${VAR}`, `$VAR`, `{{ env_var('X') }}`, `vault://…`, a URI without a password. */
function isReference(value: string): boolean {
  const v = value.trim();
  if (/^\$\{[^}]+\}$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\{\{.*\}\}$/.test(v)) return true;
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(v) && !credentialIn(v);
}

const PLACEHOLDER = /^(\$\{[^}]*\}|\$[A-Za-z_]\w*|\{\{.*?\}\}|\*+.{0,4})$/;
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)([^\s@/]+)(@)/gi;
const PARAM_PASSWORD = /((?:^|[?&;\s])(?:password|passwd|pwd|secret|token|api_?key|access_?token|sig)\s*=\s*)([^&;\s]+)/gi;
/** Credentials recognisable by their shape, with what to call them. */
const SHAPES: [RegExp, string][] = [
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, "a private key"],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, "a JSON Web Token"],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, "an AWS access key id"],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, "a GitHub token"],
  [/\bxox[baprs]-[A-Za-z0-9-]{10,}/g, "a Slack token"],
  [/\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g, "a Stripe key"],
  [/\bsk-(?:proj-|ant-)?[A-Za-z0-9]{20,}/g, "an API key"],
  [/\bAIza[0-9A-Za-z_-]{35}/g, "a Google API key"],
];

/**
 * Text without any of these holds no secret by the rules above (every secret word, shape and
 * password-in-a-string contains one). `u`: case-insensitive the way the key rules lowercase.
 */
const SUSPECT = /pass|pwd|secret|token|credential|key|bearer|eyJ|AKIA|ASIA|gh[pousr]_|github_pat_|xox|[sr]k_|sk-|AIza|:\/\/[^\s/@]+:[^\s/@]*@|sig\s*=/iu;

/** A value maskSecret produced (masking again keeps it). */
const MASKED = /^\*{4}[^*]{0,4}$/;

/** The masked form of a whole secret value. */
export function maskSecret(value: string): string {
  return value.length >= 16 ? `****${value.slice(-4)}` : "****";
}

/** What kind of credential a string contains, or null. */
function credentialIn(value: string): string | null {
  if (!SUSPECT.test(value)) return null; // most values: one scan instead of ten
  for (const [re, what] of SHAPES) {
    re.lastIndex = 0;
    if (re.test(value)) return what;
  }
  for (const [re, what] of [[URL_PASSWORD, "a URL with a password"], [PARAM_PASSWORD, "a connection string with a password"]] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(value); m; m = re.exec(value)) if (!PLACEHOLDER.test(m[2])) return what;
  }
  return null;
}

/** Replaces only the credentials inside a string (a whole-value secret is masked by maskSecret). */
function maskCredentials(value: string): string {
  let out = value;
  for (const [re] of SHAPES) out = out.replace(re, (m) => maskSecret(m));
  out = out.replace(URL_PASSWORD, (m, before: string, pw: string, at: string) => (PLACEHOLDER.test(pw) ? m : `${before}****${at}`));
  return out.replace(PARAM_PASSWORD, (m, before: string, pw: string) => (PLACEHOLDER.test(pw) ? m : `${before}****`));
}

/** Why a value under `key` is a plaintext secret, or null. */
export function secretReason(key: string | number | null, value: unknown): string | null {
  const keyed = typeof key === "string" && isSecretKey(key);
  if (typeof value === "number") return keyed && Number.isFinite(value) ? `'${key}' holds a literal value` : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const shaped = credentialIn(value);
  if (shaped) return `holds ${shaped}`;
  if (keyed && !isReference(value)) return `'${key}' holds a literal value`;
  return null;
}

/** The value as it may be shown: masked when it is a secret (numbers under a secret key become strings). */
export function maskValue(key: string | number | null, value: unknown): unknown {
  if (!secretReason(key, value) || (typeof value === "string" && MASKED.test(value))) return value;
  if (typeof value !== "string") return "****";
  // A literal under a credential's key is masked whole; elsewhere only the credential inside.
  const keyed = typeof key === "string" && isSecretKey(key) && !isReference(value);
  return keyed ? maskSecret(value) : maskCredentials(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** One node of the walk; the path is built from the parents only for a finding. */
interface Visit {
  value: unknown;
  key: string | number | null;
  segment: PathSegment | null;
  parent: Visit | null;
}

const pathOf = (v: Visit): PathSegment[] => {
  const path: PathSegment[] = [];
  for (let at: Visit | null = v; at?.parent; at = at.parent) path.push(at.segment!);
  return path.reverse();
};

/** Every plaintext secret in a document's value, at its path (iterative: no recursion limit to hit). */
export function findSecrets(value: unknown): SecretFinding[] {
  const out: SecretFinding[] = [];
  const stack: Visit[] = [{ value, key: null, segment: null, parent: null }];
  while (stack.length) {
    const visit = stack.pop()!;
    const v = visit.value;
    // Pushed in reverse so findings come out in document order.
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: visit.key, segment: i, parent: visit });
    else if (isRecord(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: v[keys[i]], key: keys[i], segment: keys[i], parent: visit });
    } else if (typeof v === "string" || typeof v === "number") {
      const reason = secretReason(visit.key, v);
      if (reason) {
        const path = pathOf(visit);
        out.push({
          path,
          message: `${path.join(".") || "(document)"} ${reason}: a plaintext secret; store it in a secret and reference it (connection_secret_ref, \${ENV_VAR}, vault://…) instead`,
        });
      }
    }
  }
  return out;
}

/** A deep copy with every secret value masked, for JSON outputs (resolved configuration, audit data). */
export function maskSecretsInValue<T>(value: T): T {
  const mask = (v: unknown, key: string | number | null, depth: number): unknown => {
    if (depth > 200) return v;
    if (Array.isArray(v)) return v.map((item) => mask(item, key, depth + 1));
    if (isRecord(v)) {
      if (v instanceof Date) return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x, k, depth + 1)]));
    }
    return maskValue(key, v);
  };
  return mask(value, null, 0) as T;
}

/** Source ranges of secret scalars in a parsed document, with their masked replacement. */
function secretRanges(doc: Document): [number, number, string][] {
  const out: [number, number, string][] = [];
  const visitNode = (node: unknown, key: string | number | null, depth: number) => {
    if (depth > 200) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? (typeof pair.key.value === "number" ? pair.key.value : String(pair.key.value)) : null;
        visitNode(pair.value, k, depth + 1);
      }
    } else if (isSeq(node)) node.items.forEach((item) => visitNode(item, key, depth + 1));
    else if (isScalar(node) && node.range) {
      const masked = maskValue(key, node.value);
      if (masked !== node.value) out.push([node.range[0], node.range[1], JSON.stringify(masked)]);
    }
  };
  visitNode(doc.contents as Node, null, 0);
  return out;
}

/** `key: value` lines, for text that is not valid YAML (a draft may be saved invalid). */
const KEY_LINE = /^(\s*(?:-\s+)*(["']?)([^\s"':#][^"':#]*?)\2\s*:[ \t]+)(.*?)(\s+#.*)?$/;

/**
 * YAML text with every secret value replaced by its masked form, comments and layout kept; for
 * every output of stored YAML (drafts, versions, diffs, `/r/`, exports, registry pushes). Text that
 * does not parse is masked line by line (`password: x` lines, and credentials by their shape).
 */
export function maskSecretsInYaml(text: string): string {
  if (!SUSPECT.test(text)) return text; // most documents: no parse
  const loaded = safeLoadYaml(text);
  let out = text;
  if (loaded.doc && loaded.problems.length === 0) {
    const ranges = secretRanges(loaded.doc).sort((a, b) => b[0] - a[0]);
    for (const [start, end, replacement] of ranges) {
      const trailing = /\s*$/.exec(out.slice(start, end))![0]; // a block scalar's range takes its line breaks
      out = out.slice(0, start) + replacement + trailing + out.slice(end);
    }
  } else {
    out = out
      .split("\n")
      .map((line) => {
        const m = KEY_LINE.exec(line);
        if (!m) return line;
        const value = m[4].replace(/^(["'])(.*)\1$/, "$2");
        const masked = maskValue(m[3], value);
        return masked === value ? line : `${m[1]}${JSON.stringify(masked)}${m[5] ?? ""}`;
      })
      .join("\n");
  }
  // Comments (and anything the structure did not show) by the credentials' shapes.
  return maskCredentials(out);
}
