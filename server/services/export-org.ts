// Export = the organisation directory layout `mesh check` reads: every published version exactly as
// stored, plus approved and pending products' floe.yaml. One domain narrows it to that domain, the
// enterprise it builds on, and its products (still a complete, checkable organisation).
import "server-only";
import { assertCan, can, type Actor } from "../../lib/auth/permissions";
import { maskSecretsInYaml } from "../../lib/manifest/secrets";
import { exportFiles, type ExportFile } from "../../lib/org/export";
import { writeTarGz } from "../../lib/node/archive";
import type { Db } from "./db";
import { NotFoundError } from "./errors";

/** What may be exported on its own: every domain (and 2-tier platform), by name. */
export async function exportTargets(db: Db, actor: Actor | null): Promise<string[]> {
  assertCan(actor, "read");
  const rows = await db.manifest.findMany({ where: { tier: { not: "enterprise" } }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

export async function exportOrg(db: Db, actor: Actor | null, options: { domain?: string } = {}): Promise<{ slug: string; files: ExportFile[] }> {
  assertCan(actor, "read");
  const org = await db.organisation.findFirst({ orderBy: { slug: "asc" } });
  if (!org) throw new NotFoundError("organisation");
  const manifests = await db.manifest.findMany({
    where: { orgId: org.id },
    select: { id: true, name: true, tier: true, versions: { select: { ref: true, yaml: true } } },
  });
  let included = manifests;
  if (options.domain) {
    const domain = manifests.find((m) => m.name === options.domain && m.tier !== "enterprise");
    if (!domain) throw new NotFoundError(`domain '${options.domain}'`);
    included = manifests.filter((m) => m === domain || (domain.tier === "domain" && m.tier === "enterprise"));
  }
  const products = await db.product.findMany({
    where: { orgId: org.id, status: { in: ["approved", "pending"] }, domainId: { in: included.map((m) => m.id) } },
    select: { name: true, status: true, floeYaml: true, team: true, domainId: true, domain: { select: { name: true } } },
  });
  // A pending floe.yaml goes only to its team and the domain's owners, like everywhere else.
  const visible = products.filter((p) => p.status === "approved" || can(actor, "product.readDraft", { team: p.team, domainId: p.domainId }));
  const files = exportFiles({
    manifests: included.flatMap((m) => m.versions),
    products: visible.map((p) => ({ name: p.name, domainName: p.domain.name, status: p.status as "approved" | "pending", yaml: p.floeYaml })),
  });
  // Secrets are masked here as in every other output (publishing refuses them; older rows may hold some).
  return { slug: options.domain ? `${org.slug}-${options.domain}` : org.slug, files: files.map((f) => ({ ...f, text: maskSecretsInYaml(f.text) })) };
}

/** Compressed off the event loop (zlib on the thread pool), so an export never stalls other requests. */
export function exportArchive(files: readonly ExportFile[], root: string): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  return writeTarGz(files.map((f) => ({ path: `${root}/${f.path}`, bytes: encoder.encode(f.text) })));
}
