import "server-only";
import { assertCan, type Actor } from "../../lib/auth/permissions";
import type { Db } from "./db";

export interface SearchHit {
  type: "domain" | "product" | "manifest" | "person";
  name: string;
  title: string;
  href: string;
}

const LIMIT = 8;

/** Names are lower-case; titles and descriptions are matched as typed (SQL LIKE semantics differ per database). */
export async function search(db: Db, actor: Actor | null, q: string): Promise<SearchHit[]> {
  assertCan(actor, "read");
  const term = q.trim();
  if (!term) return [];
  const lower = term.toLowerCase();
  const [manifests, products, people] = await Promise.all([
    db.manifest.findMany({ where: { OR: [{ name: { contains: lower } }, { title: { contains: term } }] }, take: LIMIT, orderBy: { name: "asc" } }),
    db.product.findMany({ where: { OR: [{ name: { contains: lower } }, { description: { contains: term } }] }, take: LIMIT, orderBy: { name: "asc" } }),
    db.user.findMany({ where: { OR: [{ email: { contains: lower } }, { name: { contains: term } }] }, take: LIMIT, orderBy: { email: "asc" } }),
  ]);
  return [
    ...manifests.map((m): SearchHit => ({
      type: m.tier === "domain" ? "domain" : "manifest",
      name: m.name,
      title: m.title ?? m.name,
      href: m.tier === "enterprise" ? "/enterprise" : `/domains/${m.name}`,
    })),
    ...products.map((p): SearchHit => ({ type: "product", name: p.name, title: p.description, href: `/products/${p.name}` })),
    ...people.map((u): SearchHit => ({ type: "person", name: u.email, title: u.name, href: `/audit?actor=${encodeURIComponent(u.email)}` })),
  ];
}
