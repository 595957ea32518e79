// Issue 12, secrets, over HTTP against the built server: one detector over whole documents
// (manifest `defaults`, unknown top-level keys, product `destinations[].config`), publishing and
// registration refuse them with PLAINTEXT_SECRET at line/column, and every read masks them:
// drafts, products, requests, history, audit, export, `/r/`, and a 409's current text.
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { useHttpSuite } from "../support/http-suite";

const AWS = "AKIAQWERTYUIOPASDFGH";
const PASSWORD = "correct-horse-battery-staple-9";
const JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtbWVzaCJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const DSN_PASSWORD = "pg-Pa55w0rd-xyz";
const ALL = [AWS, PASSWORD, JWT, DSN_PASSWORD];

const suite = useHttpSuite({ cto: "cto@acme.example", analyst: "analyst@acme.example", viewer: "viewer@acme.example" });
const { as } = suite;

const expectNoSecret = (where: string, text: string) => {
  for (const secret of ALL) expect(text.includes(secret), `${where} shows ${secret.slice(0, 8)}…`).toBe(false);
};

/** Every read a signed-in reader can make that carries YAML or resolved values. */
async function expectEveryReadMasked() {
  for (const path of ["/api/manifests/acme-enterprise", "/api/manifests/sales", "/api/products/attribution", "/api/requests", "/api/audit?limit=200", "/api/manifests"]) {
    const res = await as.viewer.get(path);
    expect(res.status, path).toBe(200);
    expectNoSecret(path, res.text);
  }
  const exported = await as.viewer.request("GET", "/api/export");
  expect(exported.status).toBe(200);
}

describe("plaintext secrets in a manifest outside plugins.*.config", () => {
  it("are flagged at line and column on save, refuse publishing with 422, and are masked in every read", async () => {
    const before = (await as.cto.get("/api/manifests/acme-enterprise")).json;
    const head = before.draft.yaml.trimEnd() + "\n";
    const lines = head.split("\n").length - 1;
    const yaml = `${head}defaults:\n  warehouse_password: ${PASSWORD}\ncustom_settings:\n  note: ${AWS}\n  forwarded: "Bearer ${JWT}"\n`;
    const saved = await as.cto.put("/api/manifests/acme-enterprise/draft", { yaml, baseRevision: before.draft.revision });
    expect(saved.status, saved.text).toBe(200);
    const secrets = saved.json.violations.filter((v: { code: string }) => v.code === "PLAINTEXT_SECRET");
    expect(secrets.map((v: any) => [v.path, v.severity, v.line, v.column])).toEqual([
      ["defaults.warehouse_password", "error", lines + 2, 23],
      ["custom_settings.note", "error", lines + 4, 9],
      ["custom_settings.forwarded", "error", lines + 5, 14],
    ]);
    expectNoSecret("save response", saved.text);

    const published = await as.cto.post("/api/manifests/acme-enterprise/publish", { baseRevision: saved.json.revision, message: "with secrets" });
    expect(published.status, published.text).toBe(422);
    expect(published.json.error.code).toBe("VALIDATION_FAILED");
    expect(published.json.violations.filter((v: { code: string }) => v.code === "PLAINTEXT_SECRET")).toHaveLength(3);
    expectNoSecret("publish refusal", published.text);

    // The draft goes to its editors only (the viewer gets null); for them it is masked.
    expect((await as.viewer.get("/api/manifests/acme-enterprise")).json.draft).toBeNull();
    const after = (await as.cto.get("/api/manifests/acme-enterprise")).json;
    expect(after.versions).toEqual(before.versions); // nothing published
    expect(after.draft.yaml).toContain(`warehouse_password: "****${PASSWORD.slice(-4)}"`);
    expect(after.draft.yaml).toContain(`note: "****${AWS.slice(-4)}"`);
    expect(after.draft.yaml).toContain(`forwarded: "Bearer ****${JWT.slice(-4)}"`);

    // A stale save answers 409 with the current draft: masked too.
    const stale = await as.cto.put("/api/manifests/acme-enterprise/draft", { yaml, baseRevision: before.draft.revision });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("STALE_REVISION");
    expectNoSecret("409 current", stale.text);
    await expectEveryReadMasked();
  });
});

describe("plaintext secrets in a product's destinations[].config", () => {
  const destination = (extra: string) =>
    `destinations:\n  - name: warehouse\n    sink_type: postgres\n    connection_secret_ref: warehouse-creds\n    config:\n      dsn: postgresql://svc:${DSN_PASSWORD}@db.example:5432/app\n      api_token: ${JWT}\n${extra}`;

  it("refuse a registration request with 422 at their lines; nothing is stored", async () => {
    const template = (await as.viewer.get("/api/products/customer-360")).json.floeYaml as string;
    const floeYaml = template.replace("name: customer-360", "name: leaky-product").trimEnd() + "\n" + destination("");
    const lines = template.trimEnd().split("\n").length;
    const res = await as.analyst.post("/api/requests", { name: "leaky-product", team: "growth-analytics", description: "x", domain: "sales", floeYaml });
    expect(res.status, res.text).toBe(422);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    const secrets = res.json.violations.filter((v: { code: string }) => v.code === "PLAINTEXT_SECRET");
    expect(secrets.map((v: any) => [v.path, v.line, v.column])).toEqual([
      ["destinations.0.config.dsn", lines + 6, 12],
      ["destinations.0.config.api_token", lines + 7, 18],
    ]);
    expectNoSecret("refusal", res.text);
    expect((await as.viewer.get("/api/products/leaky-product")).status).toBe(404);
  });

  it("saved into a product's floe.yaml, are flagged and masked in the product, requests, audit and export", async () => {
    const current = (await as.analyst.get("/api/products/attribution")).json;
    const yaml = current.floeYaml.trimEnd() + "\n" + destination(`      password: ${PASSWORD}\n`);
    const saved = await as.analyst.put("/api/products/attribution/floe", { yaml, baseRevision: current.revision });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.violations.filter((v: { code: string }) => v.code === "PLAINTEXT_SECRET").map((v: any) => v.path)).toEqual([
      "destinations.0.config.dsn",
      "destinations.0.config.api_token",
      "destinations.0.config.password",
    ]);
    const read = (await as.viewer.get("/api/products/attribution")).json;
    expect(read.floeYaml).toContain(`dsn: "postgresql://svc:****@db.example:5432/app"`);
    expect(read.floeYaml).toContain(`password: "****${PASSWORD.slice(-4)}"`);
    await expectEveryReadMasked();
    const archive = await fetch(`${suite.server.base}/api/export`, { headers: { cookie: as.viewer.cookie } });
    expect(archive.status).toBe(200);
    const tar = gunzipSync(Buffer.from(await archive.arrayBuffer())).toString("latin1");
    expect(tar).toContain("postgresql://svc:****@db.example");
    expectNoSecret("export", tar);
  });
});

describe("a published version holding a secret (stored before this fix)", () => {
  it("is masked at /r/, in its history entry and in the export", async () => {
    const row = await suite.db.manifestVersion.findFirstOrThrow({ where: { manifest: { name: "sales" }, version: "1.0.0" } });
    await suite.db.manifestVersion.update({ where: { id: row.id }, data: { yaml: `${row.yaml.trimEnd()}\ncustom_settings:\n  aws_key: ${AWS}\n  db_password: ${PASSWORD}\n` } });
    const raw = await as.viewer.get("/r/registry.acme.example/floe/sales/1.0.0.yaml");
    expect(raw.status).toBe(200);
    expect(raw.text).toContain(`aws_key: "****${AWS.slice(-4)}"`);
    expect(raw.text).toContain(`db_password: "****${PASSWORD.slice(-4)}"`);
    expectNoSecret("/r/", raw.text);
    const version = await as.viewer.get("/api/manifests/sales/versions/1.0.0");
    expect(version.status).toBe(200);
    expectNoSecret("version", version.text);
    expect(version.json.yaml).toBe(raw.text);
    const archive = await fetch(`${suite.server.base}/api/export?domain=sales`, { headers: { cookie: as.viewer.cookie } });
    expectNoSecret("export", gunzipSync(Buffer.from(await archive.arrayBuffer())).toString("latin1"));
    await expectEveryReadMasked();
  });
});

describe("a webhook's signing secret", () => {
  // Found while describing every route's answer: the webhook list (polled by the inbox page) sent every
  // endpoint's HMAC secret, removed ones too, although only the answer that adds an endpoint should.
  it("is in the answer that adds the endpoint and in no later read, before or after removal", async () => {
    const added = await as.cto.post("/api/webhooks", { url: "http://127.0.0.1:9/mesh-hook" });
    expect(added.status, added.text).toBe(201);
    const secret: string = added.json.secret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const listed = await as.cto.get("/api/webhooks");
    expect(listed.status).toBe(200);
    expect(listed.json.endpoints.map((e: { url: string }) => e.url)).toContain("http://127.0.0.1:9/mesh-hook");
    expect(listed.text.includes(secret), "GET /api/webhooks shows the signing secret").toBe(false);
    expect((await as.cto.request("DELETE", `/api/webhooks/${added.json.id}`)).status).toBe(200);
    const after = await as.cto.get("/api/webhooks");
    expect(after.text.includes(secret), "GET /api/webhooks shows a removed endpoint's secret").toBe(false);
  });
});
