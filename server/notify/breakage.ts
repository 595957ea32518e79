// "Your domain (or product) was broken by someone else's publish": who, when, and the violation,
// to the owners of every broken domain and the teams of every broken product, in the publish's
// own transaction (notify only writes rows).
import type { Actor } from "../../lib/auth/permissions";
import type { Impact } from "../../lib/org/evaluate";
import type { Tx } from "../services/db";
import { notify } from "./notify";

export async function notifyBreakage(tx: Tx, p: { orgId: string; actor: Actor; manifest: string; version: string; broken: Impact["broken"]; at: Date }): Promise<void> {
  if (p.broken.length === 0) return;
  const domainNames = p.broken.filter((e) => e.kind === "domain").map((e) => e.name);
  const productIds = p.broken.filter((e) => e.kind === "product").map((e) => e.key);
  const [domains, products] = await Promise.all([
    domainNames.length ? tx.manifest.findMany({ where: { orgId: p.orgId, name: { in: domainNames } }, select: { id: true, name: true } }) : [],
    productIds.length ? tx.product.findMany({ where: { id: { in: productIds } }, select: { id: true, name: true, team: true, domainId: true } }) : [],
  ]);
  const members = await tx.roleMembership.findMany({
    where: { OR: [{ role: "domain_owner", domainId: { in: [...domains.map((d) => d.id), ...products.map((x) => x.domainId)] } }, { role: "product_team", team: { in: products.map((x) => x.team) } }] },
    select: { userId: true, role: true, domainId: true, team: true },
  });
  const firstError = (name: string) => {
    const v = p.broken.find((e) => e.name === name)?.newErrors[0];
    return v ? `${v.code} at ${v.path}: ${v.message}` : "new errors";
  };
  const when = p.at.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  // One message per broken node, to its owners (never to the publisher themself).
  const send = (userIds: string[], kind: "domain" | "product", name: string) =>
    notify(tx, {
      kind: "breakage",
      orgId: p.orgId,
      userIds: userIds.filter((id) => id !== p.actor.userId),
      webhook: false,
      title: `${kind === "domain" ? "Domain" : "Product"} ${name} broken by ${p.manifest} ${p.version}`,
      body: `${p.actor.email} published ${p.manifest} ${p.version} at ${when}. ${firstError(name)}`,
      link: kind === "domain" ? `/domains/${name}` : `/products/${name}`,
    });
  for (const d of domains) await send(members.filter((m) => m.role === "domain_owner" && m.domainId === d.id).map((m) => m.userId), "domain", d.name);
  for (const x of products) await send(members.filter((m) => (m.role === "product_team" && m.team === x.team) || (m.role === "domain_owner" && m.domainId === x.domainId)).map((m) => m.userId), "product", x.name);
  // The organisation's webhooks get one message for the whole publish.
  const names = p.broken.map((e) => e.name);
  await notify(tx, {
    kind: "breakage",
    orgId: p.orgId,
    userIds: [],
    title: `${p.manifest} ${p.version} broke ${names.length} node(s)`,
    body: `${p.actor.email} published ${p.manifest} ${p.version} at ${when}, breaking ${names.slice(0, 20).join(", ")}${names.length > 20 ? ", …" : ""}. ${firstError(names[0])}`,
    link: `/history/${p.manifest}`,
  });
}
