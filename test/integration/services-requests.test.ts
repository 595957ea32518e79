// The registration workflow: submit → approve / reject (reason required) → withdraw → re-request, and removal.
import { afterEach, beforeEach, expect, it } from "vitest";
import { ZodError } from "zod";
import { verifyAuditChain } from "../../server/audit/verify";
import { ConflictError, InjectedFault } from "../../server/services/errors";
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
  const result = await approveRequest({ db: org.db, actor: owner, input: { id } });
  expect(result).toMatchObject({ status: "approved", version: "1.1.0", ref: "oci://registry.acme.example/floe/sales:1.1.0" });

  const domain = await org.db.manifestVersion.findUniqueOrThrow({ where: { ref: result.ref } });
  expect(domain.yaml).toMatch(/approved_products:[\s\S]*- churn-signals/);
  expect((await org.db.manifest.findFirstOrThrow({ where: { name: "sales" } })).draftYaml).toContain("- churn-signals");
  const product = await getProduct(org.db, owner, "churn-signals");
  expect(product.product).toMatchObject({ status: "approved", domainVersion: "1.1.0" });
  expect(product.floeYaml).toContain(`manifest: ${result.ref}`);
  expect(product.resolution.violations.filter((v) => v.severity === "error")).toEqual([]);
  expect(product.requests[0]).toMatchObject({ status: "approved", decidedBy: SALES_OWNER });

  await expect(approveRequest({ db: org.db, actor: owner, input: { id } })).rejects.toBeInstanceOf(ConflictError);
  expect(await verifyAuditChain(org.db)).toMatchObject({ ok: true });
});

it("a product requested with the ADR's platform.ref is approved with floe's platform.manifest (ref renamed, not kept beside it)", async () => {
  const analyst = await org.actor(ANALYST);
  const floeYaml = "# ADR-0038 shape\nplatform:\n  ref: oci://registry.acme.example/floe/sales:1.0.0  # the domain\ntransforms:\n  - name: stg_leads\n";
  const { id } = await submitRequest({ db: org.db, actor: analyst, input: { name: "lead-scores", team: "growth-analytics", description: "Lead scores", domain: "sales", floeYaml } });
  const result = await approveRequest({ db: org.db, actor: await org.actor(SALES_OWNER), input: { id } });
  expect(result).toMatchObject({ status: "approved", version: "1.1.0" });
  const stored = (await org.db.product.findFirstOrThrow({ where: { name: "lead-scores" } })).floeYaml;
  expect(stored).toContain(`manifest: ${result.ref} # the domain`);
  expect(stored).not.toMatch(/^\s*ref:/m);
});

it("an approval that fails midway leaves everything as it was", async () => {
  const id = await pendingRequestOf("churn-signals");
  const before = await state();
  await expect(approveRequest({ db: org.db, actor: await org.actor(SALES_OWNER), input: { id }, fault: "product-update" })).rejects.toBeInstanceOf(InjectedFault);
  expect(await state()).toEqual(before);
});

it("rejecting needs a reason; withdraw and re-request work", async () => {
  const marketing = await org.actor(MARKETING_OWNER);
  const web = await pendingRequestOf("web-sessions");
  await expect(rejectRequest({ db: org.db, actor: marketing, input: { id: web, reason: " " } })).rejects.toBeInstanceOf(ZodError);
  await rejectRequest({ db: org.db, actor: marketing, input: { id: web, reason: "duplicates campaign-analytics" } });
  expect(await org.db.registrationRequest.findUniqueOrThrow({ where: { id: web } })).toMatchObject({ status: "rejected", reason: "duplicates campaign-analytics" });

  const analyst = await org.actor(ANALYST);
  const fx = await pendingRequestOf("fx-exposure");
  await withdrawRequest({ db: org.db, actor: analyst, input: { id: fx } });
  const fxProduct = await org.db.product.findFirstOrThrow({ where: { name: "fx-exposure" } });
  expect(fxProduct.status).toBe("withdrawn");

  const again = await submitRequest({
    db: org.db,
    actor: analyst,
    input: { name: "fx-exposure", team: "growth-analytics", description: fxProduct.description, domain: "finance", floeYaml: fxProduct.floeYaml },
  });
  expect(again.productId).toBe(fxProduct.id);
  const queue = await listRequests(org.db, await org.actor(FINANCE_OWNER), { domain: "finance", status: "pending" });
  expect(queue.items.map((r) => [r.product.name, r.canDecide])).toEqual([["fx-exposure", true]]);
  expect(queue.nextCursor).toBeNull();
  await approveRequest({ db: org.db, actor: await org.actor(FINANCE_OWNER), input: { id: again.id } });
  expect((await org.db.product.findUniqueOrThrow({ where: { id: fxProduct.id } })).status).toBe("approved");

  // A product that is pending or approved cannot be requested a second time.
  await expect(
    submitRequest({ db: org.db, actor: analyst, input: { name: "fx-exposure", team: "x", description: "x", domain: "finance", floeYaml: fxProduct.floeYaml } }),
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
