// Role × action matrix at the service level: every mutation tried as every role (and signed out).
// Only the allowed cells succeed; every other cell throws 401/403 and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, UnauthenticatedError, type Actor } from "../../lib/auth/permissions";
import type { ServiceCall } from "../../server/services/context";
import { publishManifest } from "../../server/services/publish-manifest";
import { removeProduct } from "../../server/services/remove-product";
import { approveRequest, rejectRequest, submitRequest, withdrawRequest } from "../../server/services/requests";
import { saveDraft } from "../../server/services/save-draft";
import { saveProductFloe } from "../../server/services/save-product";
import { ANALYST, CTO, MARKETING_OWNER, SALES_OWNER, seededOrg, VIEWER, type SeededOrg } from "./services-setup";

const ROLES = { signedOut: null, cto: CTO, salesOwner: SALES_OWNER, otherDomainOwner: MARKETING_OWNER, analyst: ANALYST, viewer: VIEWER } as const;
type Role = keyof typeof ROLES;

let org: SeededOrg;
const actors = {} as Record<Role, Actor | null>;
const requests: Record<"approve" | "reject" | "withdraw", string> = { approve: "", reject: "", withdraw: "" };

beforeAll(async () => {
  org = await seededOrg();
  for (const [role, email] of Object.entries(ROLES)) actors[role as Role] = email ? await org.actor(email) : null;
  requests.approve = (await org.db.registrationRequest.findFirstOrThrow({ where: { product: { name: "churn-signals" } } })).id;
  const floe = (await org.db.product.findFirstOrThrow({ where: { name: "churn-signals" } })).floeYaml;
  for (const key of ["reject", "withdraw"] as const) {
    const name = `matrix-${key}`;
    const yaml = floe.replace("name: churn-signals", `name: ${name}`);
    requests[key] = (await submitRequest({ db: org.db, actor: actors.analyst, input: { name, team: "growth-analytics", description: key, domain: "sales", floeYaml: yaml } })).id;
  }
});
afterAll(() => org.close());

const draft = async (name: string) => org.db.manifest.findFirstOrThrow({ where: { name } });
const floe = async (name: string) => org.db.product.findFirstOrThrow({ where: { name } });

let submitted = 0;

// mutation, its input (built when the cell runs), the roles allowed.
const matrix: [string, (call: Omit<ServiceCall<unknown>, "input">) => Promise<unknown>, Role[]][] = [
  ["edit enterprise draft", async (c) => saveDraft({ ...c, input: { name: "acme-enterprise", yaml: (await draft("acme-enterprise")).draftYaml + "\n# edit\n", baseRevision: (await draft("acme-enterprise")).draftRevision } }), ["cto"]],
  ["publish enterprise", async (c) => publishManifest({ ...c, input: { name: "acme-enterprise", baseRevision: (await draft("acme-enterprise")).draftRevision, message: "m" } }), ["cto"]],
  ["edit sales draft", async (c) => saveDraft({ ...c, input: { name: "sales", yaml: (await draft("sales")).draftYaml + "\n# edit\n", baseRevision: (await draft("sales")).draftRevision } }), ["salesOwner"]],
  ["publish sales", async (c) => publishManifest({ ...c, input: { name: "sales", baseRevision: (await draft("sales")).draftRevision, message: "m" } }), ["salesOwner"]],
  ["submit request", async (c) => {
    const name = `matrix-new-${++submitted}`; // a fresh name per attempt: only the team's member may file it
    return submitRequest({ ...c, input: { name, team: "growth-analytics", description: "d", domain: "sales", floeYaml: (await floe("churn-signals")).floeYaml.replace("name: churn-signals", `name: ${name}`) } });
  }, ["analyst"]],
  ["approve sales request", async (c) => approveRequest({ ...c, input: { id: requests.approve, revision: (await floe("churn-signals")).revision } }), ["salesOwner"]],
  ["reject sales request", (c) => rejectRequest({ ...c, input: { id: requests.reject, reason: "no" } }), ["salesOwner"]],
  ["withdraw analyst's request", (c) => withdrawRequest({ ...c, input: { id: requests.withdraw } }), ["analyst"]],
  ["edit analyst's product", async (c) => saveProductFloe({ ...c, input: { name: "matrix-reject", yaml: (await floe("matrix-reject")).floeYaml + "\n# edit\n", baseRevision: (await floe("matrix-reject")).revision } }), ["analyst"]],
  ["remove sales product", (c) => removeProduct({ ...c, input: { name: "pipeline-health", reason: "retired" } }), ["salesOwner"]],
];

const fingerprint = async () =>
  JSON.stringify([
    await org.db.manifest.findMany({ orderBy: { id: "asc" } }),
    await org.db.manifestVersion.count(),
    await org.db.product.findMany({ orderBy: { id: "asc" } }),
    await org.db.registrationRequest.findMany({ orderBy: { id: "asc" } }),
    await org.db.auditEvent.count(),
  ]);

describe.each(matrix)("%s", (_label, mutate, allowed) => {
  // Refused cells first, so the allowed call (which changes state) runs last.
  const order = (Object.keys(ROLES) as Role[]).sort((a, b) => Number(allowed.includes(a)) - Number(allowed.includes(b)));
  it.each(order)("as %s", async (role) => {
    const before = await fingerprint();
    const attempt = mutate({ db: org.db, actor: actors[role] });
    if (allowed.includes(role)) {
      await expect(attempt).resolves.toBeDefined();
      expect(await fingerprint()).not.toBe(before);
    } else {
      await expect(attempt).rejects.toBeInstanceOf(role === "signedOut" ? UnauthenticatedError : ForbiddenError);
      expect(await fingerprint()).toBe(before);
    }
  });
});
