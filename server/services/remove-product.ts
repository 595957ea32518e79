import "server-only";
import { assertCan } from "../../lib/auth/permissions";
import { hasErrors } from "../../lib/violations";
import { appendAudit } from "../audit/append";
import { auditActor, commitVersion } from "./commit-version";
import type { ServiceCall } from "./context";
import { ConflictError, NotFoundError, ValidationFailedError } from "./errors";
import type { RemoveProduct } from "./inputs";
import { loadSnapshot } from "./org-evaluation";
import { preparePublication } from "./publication";
import { editApprovedProducts, rebasedDraft } from "../../lib/yaml/edit";

/** Removes an approved product: a domain version without it in approved_products, in one transaction. */
export async function removeProduct({ db, actor, input, fault }: ServiceCall<RemoveProduct>) {
  const { name, reason } = input;
  const snapshot = await loadSnapshot(db);
  const product = snapshot.products.find((p) => p.name === name);
  if (!product) throw new NotFoundError(`product '${name}'`);
  assertCan(actor, "product.remove", { domainId: product.domainId });
  if (product.status !== "approved") throw new ConflictError(`product '${name}' is ${product.status}, not approved`);
  const domain = snapshot.manifests.find((m) => m.id === product.domainId);
  if (!domain?.latest) throw new ConflictError("the domain has no published version");
  const publication = await preparePublication(snapshot, domain, editApprovedProducts(domain.latest.yaml, name, "remove")!);
  if (hasErrors(publication.violations)) throw new ValidationFailedError(publication.violations);
  const draft = rebasedDraft(domain.draftYaml, domain.latest.yaml, { yaml: publication.yaml, version: publication.version, parentRef: publication.parent?.ref ?? null }, (t) => editApprovedProducts(t, name, "remove"));

  const version = await db.$transaction(async (tx) => {
    // The product row first, then the version and audit (the order a floe.yaml save takes): no lock-order deadlock.
    const { count } = await tx.product.updateMany({ where: { id: product.id, status: "approved" }, data: { status: "removed" } });
    if (count === 0) throw new ConflictError(`product '${name}' changed meanwhile`);
    const version = await commitVersion(tx, {
      manifest: domain,
      publication,
      actor,
      message: `Remove product ${name}: ${reason}`,
      action: "manifest.publish",
      confirmedBreaking: false,
      draft: { yaml: draft, baseRevision: domain.draftRevision },
      data: { removedProduct: name },
      fault,
    });
    await appendAudit(tx, { actor: auditActor(actor), action: "product.remove", entityType: "Product", entityId: product.id, reason, data: { name, domainVersion: version.version } });
    return version;
  });
  return { status: "removed", version: version.version, ref: version.ref };
}
