// The raw published YAML (/r/…) for CI: a read token from MESH_READ_TOKENS instead of a session,
// through the real route handler; a wrong or missing token is 401, the right one gets the exact
// published bytes with the digest as ETag.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as raw from "../../app/r/[...path]/route";
import { getAuth } from "../../server/auth/auth";
import { readTokenDigests } from "../../server/auth/read-tokens";
import { getDb } from "../../server/db/client";
import { seedOrganisation } from "../../server/seed/seed-org";
import { DEMO_PASSWORD, seedUsers } from "../../server/seed/seed-users";
import { freshDatabase, type FreshDatabase } from "./fresh-database";
import { ANALYST } from "./services-setup";

const BASE = "http://console.test";
const TOKEN = "ci-read-token-0123456789abcdef";
const OTHER_TOKEN = "second-token-for-tooling-xyz";
const PATH = ["registry.acme.example", "floe", "sales", "1.0.0.yaml"];
const REF = "oci://registry.acme.example/floe/sales:1.0.0";

let fresh: FreshDatabase;
let session: string;

beforeAll(async () => {
  fresh = await freshDatabase();
  Object.assign(process.env, { DATABASE_URL: fresh.url, BETTER_AUTH_URL: BASE, AUTH_RATE_LIMIT: "off", MESH_READ_TOKENS: ` ${TOKEN}, ${OTHER_TOKEN} ` });
  await seedOrganisation(getDb());
  await seedUsers(getDb());
  const res = await getAuth().handler(
    new Request(`${BASE}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: BASE }, body: JSON.stringify({ email: ANALYST, password: DEMO_PASSWORD }) }),
  );
  session = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
});
afterAll(async () => {
  delete process.env.MESH_READ_TOKENS;
  await getDb().$disconnect();
  await fresh.drop();
});

function get(headers: Record<string, string>, path = PATH) {
  return raw.GET(new Request(`${BASE}/r/${path.join("/")}`, { headers }), { params: Promise.resolve({ path }) });
}

describe("read tokens on /r/", () => {
  it("refuses a request without a session or token, with a wrong token, and with a non-bearer scheme (401)", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer not-the-token-at-all" }, { authorization: `Bearer ${TOKEN}x` }, { authorization: `Basic ${TOKEN}` }, { authorization: "Bearer " }];
    for (const headers of attempts) {
      const res = await get(headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("lets a wrong token decide even beside a valid session cookie (401)", async () => {
    expect((await get({ cookie: session, authorization: "Bearer wrong-token-0123456789" })).status).toBe(401);
  });

  it("serves the exact published bytes as text/yaml with the digest as ETag for each configured token", async () => {
    const version = await getDb().manifestVersion.findUniqueOrThrow({ where: { ref: REF } });
    for (const token of [TOKEN, OTHER_TOKEN]) {
      const res = await get({ authorization: `Bearer ${token}` });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/yaml/);
      expect(res.headers.get("etag")).toBe(`"${version.digest}"`);
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(version.yaml, "utf8"))).toBe(true);
    }
    const revalidated = await get({ authorization: `Bearer ${TOKEN}`, "if-none-match": `"${version.digest}"` });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
  });

  it("answers 404 for an unknown version with a valid token, and still serves a signed-in session", async () => {
    expect((await get({ authorization: `Bearer ${TOKEN}` }, ["registry.acme.example", "floe", "sales", "9.9.9.yaml"])).status).toBe(404);
    expect((await get({ cookie: session })).status).toBe(200);
  });

  it("rejects a malformed MESH_READ_TOKENS (too short) instead of accepting weak tokens", () => {
    expect(() => readTokenDigests({ MESH_READ_TOKENS: "short" })).toThrow(/at least 16 characters/);
    expect(readTokenDigests({})).toEqual([]);
  });
});
