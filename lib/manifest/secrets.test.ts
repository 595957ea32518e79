import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, stringify } from "yaml";
import { safeLoadYaml } from "../yaml/safe-load";
import { findSecrets, isSecretKey, maskSecret, maskSecretsInValue, maskSecretsInYaml } from "./secrets";

const AWS = "AKIAIOSFODNN7EXAMPLE";
const JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MaZGl1VTr\n-----END RSA PRIVATE KEY-----\n";

describe("isSecretKey", () => {
  it.each(["password", "db_password", "dbPassword", "DB-PASSWORD", "client_secret", "clientSecret", "api_key", "apiKey", "access_token", "token", "refresh_token", "private_key", "sas_token", "passphrase", "aws_secret_access_key", "credentials"])(
    "%s names a credential",
    (key) => expect(isSecretKey(key)).toBe(true),
  );
  it.each(["connection_secret_ref", "token_ttl", "password_policy", "secret_name", "token_url", "max_tokens", "user", "name", "keys", "key", "primary_key", "secrets", "secret_store", "passthrough", "bypass"])(
    "%s does not",
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});

describe("findSecrets over whole documents", () => {
  const text = [
    "apiVersion: floe.dev/v1",
    "defaults:",
    `  api_token: ${JWT}`,
    "custom_top_level:",
    `  note: ${AWS}`,
    "destinations:",
    "  - name: warehouse",
    "    config:",
    "      dsn: postgresql://svc:s3cr3t-pw@db.example:5432/app",
    "      password: hunter2hunter2",
    "      user: svc",
    "      token: ${WAREHOUSE_TOKEN}",
    "      secret: vault://kv/warehouse",
    "      tls_key: |",
    ...PEM.trimEnd().split("\n").map((l) => `        ${l}`),
    "      port_password: 5432",
    "      odbc: Driver=x;Server=y;Password=abc123;",
    "plugins:",
    "  compute:",
    "    config:",
    "      connection_secret_ref: snowflake-creds",
    "      url: https://acct.snowflakecomputing.com",
  ].join("\n");

  it("flags every kind, at every depth, in document order; references and ordinary values pass", () => {
    const found = findSecrets(safeLoadYaml(text).value);
    expect(found.map((f) => f.path.join("."))).toEqual([
      "defaults.api_token",
      "custom_top_level.note",
      "destinations.0.config.dsn",
      "destinations.0.config.password",
      "destinations.0.config.tls_key",
      "destinations.0.config.port_password",
      "destinations.0.config.odbc",
    ]);
    expect(found[1].message).toMatch(/AWS access key/);
    expect(found[2].message).toMatch(/URL with a password/);
  });

  it("masks them in the YAML text, keeping comments, layout and everything else", () => {
    const masked = maskSecretsInYaml(text + "\n# old key: " + AWS + "\n");
    for (const secret of [JWT, AWS, "s3cr3t-pw", "hunter2hunter2", "MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn", "abc123", "5432\n"]) expect(masked).not.toContain(secret);
    const value = safeLoadYaml(masked).value as any;
    expect(value.defaults.api_token).toBe(`****${JWT.slice(-4)}`);
    expect(value.destinations[0].config).toMatchObject({
      dsn: "postgresql://svc:****@db.example:5432/app",
      password: "****",
      user: "svc",
      token: "${WAREHOUSE_TOKEN}",
      secret: "vault://kv/warehouse",
      port_password: "****",
      odbc: "Driver=x;Server=y;Password=****;",
    });
    expect(value.destinations[0].config.tls_key).toMatch(/^\*\*\*\*/);
    expect(value.plugins.compute.config).toEqual({ connection_secret_ref: "snowflake-creds", url: "https://acct.snowflakecomputing.com" });
    expect(masked).toContain("# old key: ****MPLE");
    // Unchanged lines stay byte for byte.
    expect(masked.split("\n").slice(0, 2)).toEqual(["apiVersion: floe.dev/v1", "defaults:"]);
  });

  it("masks text that is not valid YAML line by line", () => {
    const broken = "a: [\npassword: hunter2hunter2\ntoken: '${X}'\nkey: " + AWS + "\n";
    const masked = maskSecretsInYaml(broken);
    expect(masked).toBe('a: [\npassword: "****"\ntoken: \'${X}\'\nkey: "****MPLE"\n');
  });

  it("masks JSON values (resolved configuration, audit data)", () => {
    const masked = maskSecretsInValue({ a: [{ password: "hunter2hunter2", n: 1 }], when: "x", b: { note: `Bearer ${JWT}` } });
    expect(masked).toEqual({ a: [{ password: "****", n: 1 }], when: "x", b: { note: `Bearer ****${JWT.slice(-4)}` } });
  });

  it("masks whole values to **** and their last four characters when long enough", () => {
    expect(maskSecret("short")).toBe("****");
    expect(maskSecret("0123456789abcdef")).toBe("****cdef");
  });
});

// Generated documents with one secret planted at a random path.
const SAFE_KEYS = ["name", "tier", "compute", "config", "defaults", "options", "user", "host", "items", "x-y", "retention_days", "description"];
const SAFE_SCALARS = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom("hello", "snowflake", "https://example.com/a", "acme-sales", "1.0.0", "oci://r.example/f/d:1.0.0", "${VAR}", "it's"));
const docArb = fc.letrec<{ node: unknown; map: Record<string, unknown> }>((tie) => ({
  node: fc.oneof({ depthSize: "small" }, SAFE_SCALARS, tie("map"), fc.array(tie("node"), { maxLength: 3 })),
  map: fc.dictionary(fc.constantFrom(...SAFE_KEYS), tie("node"), { maxKeys: 4 }),
})).map;
const b64 = (min: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${min + 20}}$`));
const token = fc.stringMatching(/^[A-Za-z0-9]{12,28}$/);
/** [key, value, what must never appear in output] */
const secretArb: fc.Arbitrary<[string, string, string]> = fc.oneof(
  fc.stringMatching(/^[0-9A-Z]{16}$/).chain((s) => fc.constantFrom(...SAFE_KEYS).map((k): [string, string, string] => [k, `AKIA${s}`, `AKIA${s}`])),
  fc.tuple(b64(10), b64(8), b64(8), fc.constantFrom(...SAFE_KEYS)).map(([a, b, c, k]): [string, string, string] => [k, `eyJ${a}.${b}.${c}`, `eyJ${a}.${b}.${c}`]),
  fc.tuple(fc.constantFrom("password", "db_password", "clientSecret", "api_key", "access_token", "sasToken", "private_key"), token).map(([k, v]): [string, string, string] => [k, v, v]),
  fc.tuple(token, fc.constantFrom(...SAFE_KEYS)).map(([pw, k]): [string, string, string] => [k, `postgresql://svc:${pw}@db.example:5432/app`, pw]),
  fc.tuple(fc.stringMatching(/^[A-Za-z0-9+/]{40,64}$/), fc.constantFrom(...SAFE_KEYS)).map(([body, k]): [string, string, string] => [k, `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`, body]),
);

function plant(doc: Record<string, unknown>, at: number, inList: boolean, key: string, value: string): (string | number)[] {
  const maps: [Record<string, unknown>, (string | number)[]][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === "object") {
      maps.push([v as Record<string, unknown>, path]);
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    }
  };
  walk(doc, []);
  const [target, path] = maps[at % maps.length];
  target[key] = inList ? ["first", value] : value;
  return inList ? [...path, key, 1] : [...path, key];
}

describe("secrets planted at a random path (property)", () => {
  it("are always flagged at their path and never appear unmasked in masked YAML or JSON", () => {
    fc.assert(
      fc.property(docArb, secretArb, fc.nat(), fc.boolean(), fc.constantFrom("block", "flow"), (doc, [key, value, mustNotAppear], at, inList, style) => {
        const path = plant(doc, at, inList, key, value);
        const text = stringify(doc, { collectionStyle: style === "flow" && !value.includes("\n") ? "flow" : "any" });
        const loaded = safeLoadYaml(text);
        expect(loaded.problems).toEqual([]);
        expect(findSecrets(loaded.value).map((f) => f.path)).toContainEqual(path);
        const masked = maskSecretsInYaml(text);
        expect(masked).not.toContain(mustNotAppear);
        expect(parseDocument(masked).errors).toEqual([]);
        expect(JSON.stringify(maskSecretsInValue(loaded.value))).not.toContain(mustNotAppear);
        // Masking is idempotent and leaves no credential behind.
        expect(maskSecretsInYaml(masked)).toBe(masked);
      }),
      { numRuns: 2000 },
    );
  });

  it("never flag documents without secrets", () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const text = stringify(doc);
        expect(findSecrets(safeLoadYaml(text).value)).toEqual([]);
        expect(maskSecretsInYaml(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

// The key rule without the quick pre-test isSecretKey starts with: words split, lowercased, matched.
const ORACLE_WORDS = new Set(["password", "passwd", "pwd", "passphrase", "secret", "token", "credential", "credentials", "apikey", "privatekey", "accesskey", "secretkey", "clientsecret", "authkey", "sastoken", "bearer"]);
const ORACLE_QUALIFIERS = new Set(["api", "private", "access", "secret", "auth", "signing", "encryption", "master", "account", "service", "ssh", "sas"]);
const ORACLE_NOT_A_VALUE = new Set("ref refs reference name names path file env var ttl url uri endpoint type id ids enabled required expiry expires expiration lifetime length count max min limit size timeout policy rotation days hours minutes seconds header field mode store provider source backend manager format algorithm version scope scopes issuer audience location kind prefix template".split(" "));
function oracleSecretKey(key: string): boolean {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.length === 0 || ORACLE_NOT_A_VALUE.has(words[words.length - 1])) return false;
  return words.some((w, i) => ORACLE_WORDS.has(w) || (w === "key" && i > 0 && ORACLE_QUALIFIERS.has(words[i - 1])));
}

describe("the quick pre-tests (property)", () => {
  // Secret words and qualifiers with their letters' case flipped or swapped for look-alikes that
  // lowercase to ASCII (the Kelvin sign K → k, İ → i̇), around separators and other words.
  const letter = (c: string) => fc.constantFrom(c, c.toUpperCase(), ...(c === "k" ? ["\u212A"] : c === "i" ? ["\u0130"] : c === "s" ? ["\u017F"] : []));
  const word = fc.constantFrom(...ORACLE_WORDS, ...ORACLE_QUALIFIERS, "key", "name", "ref", "db", "x").chain((w) => fc.tuple(...[...w].map(letter)).map((cs) => cs.join("")));
  const keyArb = fc.array(fc.tuple(word, fc.constantFrom("", "_", "-", ".", " ", "\u0307")), { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([w, sep]) => w + sep).join(""));

  it("isSecretKey gives the rule's verdict for every key, look-alike letters included", () => {
    fc.assert(fc.property(fc.oneof(keyArb, fc.string({ unit: "grapheme", maxLength: 12 })), (key) => {
      expect(isSecretKey(key), JSON.stringify(key)).toBe(oracleSecretKey(key));
    }), { numRuns: 5000 });
    expect(isSecretKey("api\u212Aey")).toBe(true);
  });
});
