// "Your domain (or product) was broken by someone else's publish": who, when, and the violation,
// to the owners of every broken domain and the teams of every broken product, in the publish's
// own transaction (notify only writes rows).
import type { Actor } from "../../lib/auth/permissions";
import type { Impact } from "../../lib/org/evaluate";
import type { Tx } from "../services/db";
import { notify, notifyEach } from "./notify";

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
  // Each owner hears once per publish, about everything of theirs it broke (never the publisher themself).
  const mine = new Map<string, { kind: "domain" | "product"; name: string }[]>();
  const add = (userId: string, node: { kind: "domain" | "product"; name: string }) => {
    if (userId === p.actor.userId) return;
    const list = mine.get(userId) ?? [];
    if (!list.some((n) => n.kind === node.kind && n.name === node.name)) list.push(node);
    mine.set(userId, list);
  };
  for (const d of domains) for (const m of members) if (m.role === "domain_owner" && m.domainId === d.id) add(m.userId, { kind: "domain", name: d.name });
  for (const x of products) for (const m of members) if ((m.role === "product_team" && m.team === x.team) || (m.role === "domain_owner" && m.domainId === x.domainId)) add(m.userId, { kind: "product", name: x.name });
  const label = (n: { kind: string; name: string }) => `${n.kind === "domain" ? "Domain" : "Product"} ${n.name}`;
  await notifyEach(
    tx,
    "breakage",
    [...mine].map(([userId, nodes]) => {
      const first = nodes.find((n) => n.kind === "domain") ?? nodes[0];
      const others = nodes.length - 1;
      return {
        userId,
        title: `${label(first)}${others ? ` and ${others} more of yours` : ""} broken by ${p.manifest} ${p.version}`,
        body: `${p.actor.email} published ${p.manifest} ${p.version} at ${when}. ${firstError(first.name)}${others ? ` Also broken: ${nodes.filter((n) => n !== first).slice(0, 20).map((n) => n.name).join(", ")}.` : ""}`,
        link: first.kind === "domain" ? `/domains/${first.name}` : `/products/${first.name}`,
      };
    }),
  );
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
