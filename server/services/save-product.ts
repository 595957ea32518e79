import "server-only";
import { assertCan } from "../../lib/auth/permissions";
import { appendAudit } from "../audit/append";
import { auditActor } from "./commit-version";
import type { ServiceCall } from "./context";
import { NotFoundError, StaleRevisionError } from "./errors";
import type { SaveFloe } from "./inputs";
import { loadSnapshot } from "./org-evaluation";
import { digestOf } from "./publication";
import { validateProductText } from "./validate";

/** Saves a product's floe.yaml if it is still at `baseRevision` (else 409 with the current text). */
export async function saveProductFloe({ db, actor, input }: ServiceCall<SaveFloe>) {
  const { name, yaml, baseRevision } = input;
  const snapshot = await loadSnapshot(db);
  const product = snapshot.products.find((p) => p.name === name);
  if (!product) throw new NotFoundError(`product '${name}'`);
  assertCan(actor, "product.edit", { team: product.team });
  const revision = await db.$transaction(async (tx) => {
    const { count } = await tx.product.updateMany({ where: { id: product.id, revision: baseRevision }, data: { floeYaml: yaml, revision: { increment: 1 } } });
    if (count === 0) {
      const current = await tx.product.findUniqueOrThrow({ where: { id: product.id } });
      throw new StaleRevisionError({ yaml: current.floeYaml, revision: current.revision });
    }
    await appendAudit(tx, { actor: auditActor(actor), action: "product.edit", entityType: "Product", entityId: product.id, beforeDigest: digestOf(product.floeYaml), afterDigest: digestOf(yaml), data: { name, revision: baseRevision + 1 } });
    return baseRevision + 1;
  });
  return { revision, violations: await validateProductText(snapshot, yaml, `${name}/floe.yaml`) };
}
