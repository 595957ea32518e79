// The HTTP API through the real `next start` server: reads, and bad or forbidden requests that
// must be refused with clear 4xx codes while the server stays up and nothing changes.
// Only refused mutations here: the seeded database is shared with the other specs.
import { expect, test, type APIRequestContext } from "@playwright/test";

async function signIn(request: APIRequestContext, baseURL: string, email: string) {
  const res = await request.post("/api/auth/sign-in/email", { data: { email, password: "mesh-demo" }, headers: { origin: baseURL } });
  expect(res.status()).toBe(200);
}

test("API: resolved configuration, raw YAML, and refusals with codes", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get("/api/products/customer-360")).status()).toBe(401);

  const request = await playwright.request.newContext({ baseURL });
  await signIn(request, baseURL!, "analyst@acme.example");
  const product = await request.get("/api/products/customer-360");
  expect(product.status()).toBe(200);
  const body = await product.json();
  expect(body.resolution.provenance["governance.pii_encryption"].tier).toBe("enterprise");

  const raw = await request.get("/r/registry.acme.example/floe/sales/1.0.0.yaml");
  expect(raw.headers()["content-type"]).toMatch(/^text\/yaml/);
  expect(await raw.text()).toContain("name: sales");

  const sales = await (await request.get("/api/manifests/sales")).json();
  expect(sales.draft).toBeNull(); // the analyst does not edit sales: no draft, the published versions only
  const draft = { yaml: (await raw.text()), baseRevision: 0 };
  const refusals: [Promise<{ status(): number; json(): Promise<any> }>, number, string][] = [
    [request.put("/api/manifests/sales/draft", { data: draft, headers: { origin: "http://evil.example" } }), 403, "CSRF"],
    [request.put("/api/manifests/sales/draft", { data: draft, headers: { origin: baseURL! } }), 403, "FORBIDDEN"],
    [request.put("/api/manifests/sales/draft", { data: { ...draft, extra: true }, headers: { origin: baseURL! } }), 400, "BAD_REQUEST"],
    [request.put("/api/manifests/sales/draft", { data: { yaml: "x".repeat(300_000), baseRevision: 0 }, headers: { origin: baseURL! } }), 413, "PAYLOAD_TOO_LARGE"],
    [request.post("/api/requests/nope/approve", { data: { revision: 0 }, headers: { origin: baseURL! } }), 404, "NOT_FOUND"],
  ];
  for (const [pending, status, code] of refusals) {
    const res = await pending;
    expect([res.status(), (await res.json()).error.code]).toEqual([status, code]);
  }
  const after = await (await request.get("/api/manifests/sales")).json();
  expect(after.draftExists).toBe(sales.draftExists);
  expect(after.versions).toEqual(sales.versions);
});
