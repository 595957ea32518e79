// The registration workflow: submit → approve / reject (reason required) → withdraw → re-request, and removal.
import { afterEach, beforeEach, expect, it } from "vitest";
import { ZodError } from "zod";
import { RejectInput } from "../../server/services/inputs";
import { parseProduct } from "../../lib/manifest/parse";
import { verifyAuditChain } from "../../server/audit/verify";
import { ForbiddenError } from "../../lib/auth/permissions";
import { ConflictError, InjectedFault, ServiceError } from "../../server/services/errors";
import { publishManifest } from "../../server/services/publish-manifest";
import { saveDraft } from "../../server/services/save-draft";
import { saveProductFloe } from "../../server/services/save-product";
import { getProduct, listRequests } from "../../server/services/queries";
import { removeProduct } from "../../server/services/remove-product";
import { approveRequest, rejectRequest, submitRequest, withdrawRequest } from "../../server/services/requests";
import { ANALYST, FINANCE_OWNER, MARKETING_OWNER, SALES_OWNER, seededOrg, type SeededOrg } from "./services-setup";

let org: SeededOrg;
beforeEach(async () => {
  org = await seededOrg();
});
afterEach(() => org.close());

const pendingRequestOf = async (product: string) =>
  (await org.db.registrationRequest.findFirstOrThrow({ where: { product: { name: product }, status: "pending" } })).id;

const revisionOf = async (product: string) => (await org.db.product.findFirstOrThrow({ where: { name: product } })).revision;

/** A new product of the analyst's team in `domain`, from a seeded floe.yaml. */
const fileAsAnalyst = async (name: string, domain = "finance", team = "growth-analytics") => {
  const floeYaml = (await org.db.product.findFirstOrThrow({ where: { name: "fx-exposure" } })).floeYaml.replace("name: fx-exposure", `name: ${name}`);
  return submitRequest({ db: org.db, actor: await org.actor(ANALYST), input: { name, team, description: "hedging", domain, floeYaml } });
};

const state = async () => ({
  versions: await org.db.manifestVersion.count(),
  manifests: await org.db.manifest.findMany({ orderBy: { id: "asc" } }),
  products: await org.db.product.findMany({ orderBy: { id: "asc" } }),
  requests: await org.db.registrationRequest.findMany({ orderBy: { id: "asc" } }),
  audit: await org.db.auditEvent.count(),
});

it("approving publishes a domain version listing the product, approves it and repoints its floe.yaml, in one step", async () => {
  const id = await pendingRequestOf("churn-signals");
  const owner = await org.actor(SALES_OWNER);
  const result = await approveRequest({ db: org.db, actor: owner, input: { id, revision: await revisionOf("churn-signals") } });
  expect(result).toMatchObject({ status: "approved", version: "1.1.0", ref: "oci://registry.acme.example/floe/sales:1.1.0" });

  const domain = await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: result.ref } });
  expect(domain.yaml).toMatch(/approved_products:[\s\S]*- churn-signals/);
  expect((await org.db.manifest.findFirstOrThrow({ where: { name: "sales" } })).draftYaml).toContain("- churn-signals");
  const product = await getProduct(org.db, owner, "churn-signals");
  expect(product.product).toMatchObject({ status: "approved", domainVersion: "1.1.0" });
  expect(product.floeYaml).toContain(`manifest: ${result.ref}`);
  expect(product.resolution!.violations.filter((v) => v.severity === "error")).toEqual([]);
  expect(product.requests[0]).toMatchObject({ status: "approved", decidedBy: SALES_OWNER });

  await expect(approveRequest({ db: org.db, actor: owner, input: { id, revision: await revisionOf("churn-signals") } })).rejects.toBeInstanceOf(ConflictError);
  expect(await verifyAuditChain(org.db)).toMatchObject({ ok: true });
});

it("a product requested with the ADR's platform.ref is approved with floe's platform.manifest (ref renamed, not kept beside it)", async () => {
  const analyst = await org.actor(ANALYST);
  const floeYaml = "# ADR-0038 shape\nplatform:\n  ref: oci://registry.acme.example/floe/sales:1.0.0  # the domain\ntransforms:\n  - name: stg_leads\n";
  const { id } = await submitRequest({ db: org.db, actor: analyst, input: { name: "lead-scores", team: "growth-analytics", description: "Lead scores", domain: "sales", floeYaml } });
  const result = await approveRequest({ db: org.db, actor: await org.actor(SALES_OWNER), input: { id, revision: await revisionOf("lead-scores") } });
  expect(result).toMatchObject({ status: "approved", version: "1.1.0" });
  const stored = (await org.db.product.findFirstOrThrow({ where: { name: "lead-scores" } })).floeYaml;
  expect(stored).toContain(`manifest: ${result.ref} # the domain`);
  expect(stored).not.toMatch(/^\s*ref:/m);
  // Stored in floe's form: header filled in, nothing left for floe-core to refuse.
  expect(stored).toMatch(/^# ADR-0038 shape\napiVersion: floe\.dev\/v1\nkind: FloeSpec\nmetadata:\n  name: lead-scores\n/);
  expect(parseProduct(stored, "lead-scores/floe.yaml").violations).toEqual([]);
});

it("an approval that fails midway leaves everything as it was", async () => {
  const id = await pendingRequestOf("churn-signals");
  const before = await state();
  await expect(approveRequest({ db: org.db, actor: await org.actor(SALES_OWNER), input: { id, revision: await revisionOf("churn-signals") }, fault: "product-update" })).rejects.toBeInstanceOf(InjectedFault);
  expect(await state()).toEqual(before);
});

it("rejecting needs a reason; withdraw and re-request work", async () => {
  const marketing = await org.actor(MARKETING_OWNER);
  const web = await pendingRequestOf("web-sessions");
  // A blank reason is refused where input enters (the route parses with RejectInput; services take parsed input).
  expect(() => RejectInput.parse({ id: web, reason: " " })).toThrow(ZodError);
  await rejectRequest({ db: org.db, actor: marketing, input: { id: web, reason: "duplicates campaign-analytics" } });
  expect(await org.db.registrationRequest.findUniqueOrThrow({ where: { id: web } })).toMatchObject({ status: "rejected", reason: "duplicates campaign-analytics" });

  const analyst = await org.actor(ANALYST);
  const first = await fileAsAnalyst("fx-hedging");
  await withdrawRequest({ db: org.db, actor: analyst, input: { id: first.id } });
  const product = await org.db.product.findFirstOrThrow({ where: { name: "fx-hedging" } });
  expect(product.status).toBe("withdrawn");

  const again = await submitRequest({
    db: org.db,
    actor: analyst,
    input: { name: "fx-hedging", team: "growth-analytics", description: product.description, domain: "finance", floeYaml: product.floeYaml },
  });
  expect(again.productId).toBe(product.id);
  const queue = await listRequests(org.db, await org.actor(FINANCE_OWNER), { domain: "finance", status: "pending" });
  expect(queue.items.map((r) => [r.product.name, r.canDecide]).sort()).toEqual([["fx-exposure", true], ["fx-hedging", true]]);
  expect(queue.nextCursor).toBeNull();
  await approveRequest({ db: org.db, actor: await org.actor(FINANCE_OWNER), input: { id: again.id, revision: await revisionOf("fx-hedging") } });
  expect((await org.db.product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("approved");

  // A product that is pending or approved cannot be requested a second time.
  await expect(
    submitRequest({ db: org.db, actor: analyst, input: { name: "fx-hedging", team: "growth-analytics", description: "x", domain: "finance", floeYaml: product.floeYaml } }),
  ).rejects.toBeInstanceOf(ConflictError);
  expect(await verifyAuditChain(org.db)).toMatchObject({ ok: true });
});

it("removing an approved product publishes a domain version without it", async () => {
  const result = await removeProduct({ db: org.db, actor: await org.actor(SALES_OWNER), input: { name: "customer-360", reason: "replaced by customer-graph" } });
  const yaml = (await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: result.ref } })).yaml;
  expect(yaml).not.toContain("customer-360");
  expect(yaml).toContain("- sales-forecast");
  expect((await org.db.product.findFirstOrThrow({ where: { name: "customer-360" } })).status).toBe("removed");
  const event = await org.db.auditEvent.findFirstOrThrow({ where: { action: "product.remove" } });
  expect(event.reason).toBe("replaced by customer-graph");
});

const codeOf = (e: unknown) => (e instanceof ServiceError ? e.code : e instanceof ForbiddenError ? e.code : String(e));

it("a product stays with its team: another team cannot file for it, re-submit it, withdraw it or edit it", async () => {
  const analyst = await org.actor(ANALYST);
  const fx = await org.db.product.findFirstOrThrow({ where: { name: "fx-exposure" } }); // team treasury, pending
  await rejectRequest({ db: org.db, actor: await org.actor(FINANCE_OWNER), input: { id: await pendingRequestOf("fx-exposure"), reason: "not now" } });
  const before = await state();
  const takeOver = (team: string) => submitRequest({ db: org.db, actor: analyst, input: { name: "fx-exposure", team, description: "mine now", domain: "finance", floeYaml: fx.floeYaml } });
  await expect(takeOver("growth-analytics")).rejects.toMatchObject({ status: 403, code: "PRODUCT_OF_OTHER_TEAM" });
  await expect(takeOver("treasury")).rejects.toBeInstanceOf(ForbiddenError);
  await expect(saveProductFloe({ db: org.db, actor: analyst, input: { name: "fx-exposure", yaml: fx.floeYaml, baseRevision: fx.revision } })).rejects.toBeInstanceOf(ForbiddenError);
  const web = await pendingRequestOf("web-sessions"); // team web-analytics, filed by the analyst in the seed
  await expect(withdrawRequest({ db: org.db, actor: analyst, input: { id: web } })).rejects.toBeInstanceOf(ForbiddenError);
  expect(await state()).toEqual(before);
});

it("approval is bound to the reviewed revision: a floe.yaml edited after review is not approved", async () => {
  const filed = await fileAsAnalyst("fx-hedging");
  const owner = await org.actor(FINANCE_OWNER);
  const reviewed = await revisionOf("fx-hedging");
  const product = await org.db.product.findFirstOrThrow({ where: { name: "fx-hedging" } });
  await saveProductFloe({ db: org.db, actor: await org.actor(ANALYST), input: { name: "fx-hedging", yaml: `${product.floeYaml}# edited after review\n`, baseRevision: reviewed } });
  const before = await state();
  const stale = await approveRequest({ db: org.db, actor: owner, input: { id: filed.id, revision: reviewed } }).catch((e: unknown) => e);
  expect(stale).toMatchObject({ status: 409, code: "STALE_REVISION", extra: { current: { revision: reviewed + 1, status: "pending" } } });
  expect(await state()).toEqual(before);
  await approveRequest({ db: org.db, actor: owner, input: { id: filed.id, revision: reviewed + 1 } });
  expect(await org.db.product.findFirstOrThrow({ where: { name: "fx-hedging" } })).toMatchObject({ status: "approved" });
});

it("a save racing an approval: exactly one wins and nothing is lost", async () => {
  for (let round = 0; round < 6; round++) {
    const name = `race-${round}`;
    const filed = await fileAsAnalyst(name);
    const { floeYaml, revision } = await org.db.product.findFirstOrThrow({ where: { name } });
    const edited = `${floeYaml}# concurrent edit\n`;
    const [approved, saved] = await Promise.allSettled([
      approveRequest({ db: org.db, actor: await org.actor(FINANCE_OWNER), input: { id: filed.id, revision } }),
      saveProductFloe({ db: org.db, actor: await org.actor(ANALYST), input: { name, yaml: edited, baseRevision: revision } }),
    ]);
    expect([approved.status, saved.status].filter((s) => s === "fulfilled")).toHaveLength(1);
    const after = await org.db.product.findFirstOrThrow({ where: { name } });
    if (saved.status === "fulfilled") expect(after).toMatchObject({ status: "pending", floeYaml: edited, revision: revision + 1 });
    else expect(after.status).toBe("approved");
    const failure = approved.status === "rejected" ? approved.reason : (saved as PromiseRejectedResult).reason;
    expect(codeOf(failure)).toBe("STALE_REVISION");
  }
  expect(await verifyAuditChain(org.db)).toMatchObject({ ok: true });
});

it("concurrent re-submissions of one product make exactly one pending request, and the database refuses a second", async () => {
  const filed = await fileAsAnalyst("fx-hedging");
  const analyst = await org.actor(ANALYST);
  await withdrawRequest({ db: org.db, actor: analyst, input: { id: filed.id } });
  const product = await org.db.product.findFirstOrThrow({ where: { name: "fx-hedging" } });
  const attempts = await Promise.allSettled(
    Array.from({ length: 8 }, () =>
      submitRequest({ db: org.db, actor: analyst, input: { name: "fx-hedging", team: "growth-analytics", description: "again", domain: "finance", floeYaml: product.floeYaml } }),
    ),
  );
  expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
  for (const a of attempts) if (a.status === "rejected") expect(a.reason).toBeInstanceOf(ConflictError);
  expect(await org.db.registrationRequest.count({ where: { productId: product.id, status: "pending" } })).toBe(1);
  // The partial unique index holds whatever the application does.
  await expect(org.db.registrationRequest.create({ data: { productId: product.id, requestedById: analyst.userId, status: "pending" } })).rejects.toMatchObject({ code: "P2002" });
});

it("a domain owner cannot list another domain's product (or an unregistered one) in approved_products", async () => {
  const owner = await org.actor(SALES_OWNER);
  const sales = await org.db.manifest.findFirstOrThrow({ where: { name: "sales" } });
  const yaml = sales.draftYaml.replace(/approved_products:\n/, "approved_products:\n  - attribution\n  - nobody-registered-this\n");
  expect(yaml).not.toBe(sales.draftYaml);
  const saved = await saveDraft({ db: org.db, actor: owner, input: { name: "sales", yaml, baseRevision: sales.draftRevision } });
  const outside = saved.violations.filter((v) => v.code === "PRODUCT_NOT_IN_DOMAIN");
  expect(outside.map((v) => [v.path, v.message.split(";")[0]])).toEqual([
    ["approved_products.0", "product 'attribution' belongs to domain 'marketing', not 'sales'"],
    ["approved_products.1", "product 'nobody-registered-this' is not registered"],
  ]);
  const line = yaml.split("\n").findIndex((l) => l.includes("- attribution")) + 1;
  expect(outside[0]).toMatchObject({ line, column: 5 });
  const versions = await org.db.manifestVersion.count();
  const refused = await publishManifest({ db: org.db, actor: owner, input: { name: "sales", baseRevision: saved.revision, message: "grab attribution" } }).catch((e: unknown) => e);
  expect(refused).toMatchObject({ status: 422, code: "VALIDATION_FAILED" });
  expect(await org.db.manifestVersion.count()).toBe(versions);
});
