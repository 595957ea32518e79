/**
 * Who may do what: one declarative table, checked by every service (the UI only mirrors it).
 * Pure: an actor and a resource description in, a yes/no out.
 *
 * Every grant comes from one of the actor's memberships and reaches only that membership's scope:
 *
 * | role            | scope          | may                                                                       |
 * |-----------------|----------------|---------------------------------------------------------------------------|
 * | platform_admin  | the enterprise | edit, publish and read the draft of the enterprise (or 2-tier platform);  |
 * |                 | (the org)      | import the organisation (org.import), push it to the OCI registry         |
 * |                 |                | (registry.push), export it, so read every pending floe.yaml               |
 * | domain_owner    | one domain     | edit, publish and read the domain's draft; decide its registration        |
 * |                 |                | requests and read their pending floe.yaml; remove its products            |
 * | product_team    | one team       | file registration requests for the team, re-submit and withdraw the       |
 * |                 |                | team's requests, edit and read the team's floe.yaml (pending or live)     |
 * | viewer          | none           | read what is published; change nothing                                    |
 *
 * Reviewed changes (four eyes): whoever may edit a manifest submits its draft for review; who may
 * review it (approve, request changes, reject) follows the tier's review rule (`ReviewRule`), and
 * never includes the change's author. Only the author withdraws. A domain owner asks for a plugin
 * to be whitelisted for their domain; platform admins decide, and set the review rules.
 *
 * Everyone signed in reads published versions and approved products ("read"); drafts and pending
 * floe.yaml files are read only by who may edit or review them. A product belongs to the team it was
 * filed for: nobody files, re-submits or edits for a team they are not a member of.
 */

export const ROLES = ["platform_admin", "domain_owner", "product_team", "viewer"] as const;
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
  "manifest.readDraft",
  "request.create",
  "request.decide",
  "request.withdraw",
  "product.edit",
  "product.readDraft",
  "product.remove",
  "change.submit",
  "change.read",
  "change.review",
  "change.withdraw",
  "whitelist.request",
  "whitelist.decide",
  "review.configure",
  "org.import",
  "registry.push",
  "read",
] as const;
export type Action = (typeof ACTIONS)[number];

/** What the table needs to know about the thing acted on; each action reads only its own fields. */
export interface Resource {
  /** manifest.*: the manifest's tier and id. */
  tier?: "enterprise" | "domain" | "platform";
  manifestId?: string;
  /** request.decide / product.remove / product.readDraft: the domain Manifest.id the request or product belongs to. */
  domainId?: string;
  /** request.create / request.withdraw / product.*: the team the request or product belongs to. */
  team?: string;
  /** change.*: who wrote the change, and the tier's review rule. */
  authorId?: string;
  rule?: ReviewRule;
}

/**
 * Who must approve a change of a tier. `none`: review is optional (publishing directly is allowed);
 * a submitted change is then reviewed by anyone else who may publish the manifest.
 */
export const REVIEW_RULES = {
  enterprise: ["platform_admin", "none"],
  domain: ["domain_owner_or_admin", "domain_owner", "none"],
} as const;
export type ReviewRule = (typeof REVIEW_RULES)[keyof typeof REVIEW_RULES][number];

type Rule = (actor: Actor, resource: Resource) => boolean;

const has = (actor: Actor, test: (m: Membership) => boolean) => actor.memberships.some(test);
const isAdmin: Rule = (a) => has(a, (m) => m.role === "platform_admin");
const ownsDomain = (a: Actor, domainId: string | undefined) =>
  typeof domainId === "string" && has(a, (m) => m.role === "domain_owner" && m.domainId === domainId);
/** Exact team match: names are compared as stored (the HTTP boundary admits only `[a-z0-9-]` names). */
const inTeam = (a: Actor, team: string | undefined) =>
  typeof team === "string" && team !== "" && has(a, (m) => m.role === "product_team" && m.team === team);

/** Enterprise and 2-tier platform manifests belong to the CTO office; a domain to its owners. */
const writesManifest: Rule = (a, r) =>
  r.tier === "domain" ? ownsDomain(a, r.manifestId) : (r.tier === "enterprise" || r.tier === "platform") && isAdmin(a, r);
const teamMember: Rule = (a, r) => inTeam(a, r.team);

/** May review changes of this manifest under its tier's rule (author aside). An unknown rule grants nobody. */
const eligibleReviewer: Rule = (a, r) => {
  const domain = r.tier === "domain";
  switch (r.rule) {
    case "none":
      return writesManifest(a, r);
    case "platform_admin":
      return (r.tier === "enterprise" || r.tier === "platform") && isAdmin(a, r);
    case "domain_owner":
      return domain && ownsDomain(a, r.manifestId);
    case "domain_owner_or_admin":
      return domain && (ownsDomain(a, r.manifestId) || isAdmin(a, r));
    default:
      return false;
  }
};
/** The author of a change is known and is not this actor: nobody approves their own change. */
const notAuthor = (a: Actor, r: Resource) => typeof r.authorId === "string" && r.authorId !== "" && a.userId !== r.authorId;
const isAuthor = (a: Actor, r: Resource) => typeof r.authorId === "string" && r.authorId !== "" && a.userId === r.authorId;

export const PERMISSIONS: Record<Action, Rule> = {
  "manifest.edit": writesManifest,
  "manifest.publish": writesManifest,
  "manifest.readDraft": writesManifest,
  "request.create": teamMember,
  "request.decide": (a, r) => ownsDomain(a, r.domainId),
  "request.withdraw": teamMember,
  "product.edit": teamMember,
  /** The pending floe.yaml: its team, the owner of the domain reviewing it, and the platform admin (who exports the organisation). */
  "product.readDraft": (a, r) => inTeam(a, r.team) || ownsDomain(a, r.domainId) || isAdmin(a, r),
  "product.remove": (a, r) => ownsDomain(a, r.domainId),
  "change.submit": writesManifest,
  /** A change request shows a draft: its editors and its reviewers read it. */
  "change.read": (a, r) => writesManifest(a, r) || eligibleReviewer(a, r),
  "change.review": (a, r) => eligibleReviewer(a, r) && notAuthor(a, r),
  "change.withdraw": (a, r) => isAuthor(a, r) && writesManifest(a, r),
  "whitelist.request": (a, r) => ownsDomain(a, r.domainId),
  "whitelist.decide": isAdmin,
  "review.configure": isAdmin,
  /** Importing publishes versions of every tier at once. */
  "org.import": isAdmin,
  /** Pushes every unpushed version of every tier to the organisation's registry. */
  "registry.push": isAdmin,
  read: () => true,
};

export function can(actor: Actor | null, action: Action, resource: Resource = {}): boolean {
  return actor !== null && Object.hasOwn(PERMISSIONS, action) && PERMISSIONS[action](actor, resource);
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
    super(`not allowed: ${action}${resource.team !== undefined ? ` for team '${resource.team}'` : ""}`);
  }
}

/** Throws UnauthenticatedError (→ 401) without an actor, ForbiddenError (→ 403) when the table says no. */
export function assertCan(actor: Actor | null, action: Action, resource: Resource = {}): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!can(actor, action, resource)) throw new ForbiddenError(action, resource);
}
