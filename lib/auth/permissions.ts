/**
 * Who may do what: one declarative table, checked by every service (the UI only mirrors it).
 * Pure: an actor and a resource description in, a yes/no out.
 */

export const ROLES = ["platform_admin", "domain_owner", "product_team"] as const;
export type Role = (typeof ROLES)[number];

export interface Membership {
  role: Role | string;
  /** domain_owner: the Manifest.id of the owned domain. */
  domainId?: string | null;
  /** product_team: the team name. */
  team?: string | null;
}

export interface Actor {
  userId: string;
  email: string;
  name: string;
  memberships: Membership[];
}

export const ACTIONS = [
  "manifest.edit",
  "manifest.publish",
  "request.create",
  "request.decide",
  "request.withdraw",
  "product.edit",
  "product.remove",
  "read",
] as const;
export type Action = (typeof ACTIONS)[number];

/** What the table needs to know about the thing acted on; each action reads only its own fields. */
export interface Resource {
  /** manifest.*: the manifest's tier and id. */
  tier?: "enterprise" | "domain" | "platform";
  manifestId?: string;
  /** request.decide / product.remove: the domain Manifest.id the request or product belongs to. */
  domainId?: string;
  /** request.withdraw: who made the request. */
  requestedById?: string;
  /** product.edit: the product's team and creator. */
  team?: string;
  createdById?: string;
}

type Rule = (actor: Actor, resource: Resource) => boolean;

const has = (actor: Actor, test: (m: Membership) => boolean) => actor.memberships.some(test);
const isAdmin: Rule = (a) => has(a, (m) => m.role === "platform_admin");
const ownsDomain = (a: Actor, domainId: string | undefined) =>
  domainId !== undefined && has(a, (m) => m.role === "domain_owner" && m.domainId === domainId);

/** Enterprise and 2-tier platform manifests belong to the CTO office; a domain to its owners. */
const writesManifest: Rule = (a, r) => (r.tier === "domain" ? ownsDomain(a, r.manifestId) : r.tier !== undefined && isAdmin(a, r));

export const PERMISSIONS: Record<Action, Rule> = {
  "manifest.edit": writesManifest,
  "manifest.publish": writesManifest,
  "request.create": (a, r) => isAdmin(a, r) || has(a, (m) => m.role === "product_team"),
  "request.decide": (a, r) => ownsDomain(a, r.domainId),
  "request.withdraw": (a, r) => r.requestedById !== undefined && a.userId === r.requestedById,
  "product.edit": (a, r) =>
    (r.createdById !== undefined && a.userId === r.createdById) ||
    (r.team !== undefined && has(a, (m) => m.role === "product_team" && m.team === r.team)),
  "product.remove": (a, r) => ownsDomain(a, r.domainId),
  read: () => true,
};

export function can(actor: Actor | null, action: Action, resource: Resource = {}): boolean {
  return actor !== null && PERMISSIONS[action](actor, resource);
}

export class UnauthenticatedError extends Error {
  readonly code = "UNAUTHENTICATED";
  constructor() {
    super("sign in first");
  }
}

export class ForbiddenError extends Error {
  readonly code = "FORBIDDEN";
  constructor(
    readonly action: Action,
    readonly resource: Resource,
  ) {
    super(`not allowed: ${action}`);
  }
}

/** Throws UnauthenticatedError (→ 401) without an actor, ForbiddenError (→ 403) when the table says no. */
export function assertCan(actor: Actor | null, action: Action, resource: Resource = {}): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!can(actor, action, resource)) throw new ForbiddenError(action, resource);
}
