// The impact preview as the API answers it: a summary with the first page of each group, one page of
// a group after a cursor, or one mark per node for the tree's overlay (lib/org/impact-page.ts).
// The full preview (previewImpact) stays the services' function; this only cuts it for the wire.
import type { Actor } from "../../lib/auth/permissions";
import { decodeCursor, IMPACT_PAGE_SIZE, impactGroups, impactMarks, impactPage, pagedImpact, type ImpactGroup } from "../../lib/org/impact-page";
import type { Db } from "./db";
import { BadInputError } from "./errors";
import { previewImpact } from "./publish-manifest";

export interface ImpactQuery {
  /** One page of this group; without it, the summary and the first page of every group. */
  group?: ImpactGroup;
  cursor?: string;
  limit?: number;
  /** `marks`: each affected node's name under its worst mark, for the tree's impact overlay. */
  view?: "marks";
}

type Preview = Awaited<ReturnType<typeof previewImpact>>;
// Sorted groups per preview (previews are memoised by data fingerprint, so pages of one preview share them).
const groupsByPreview = new WeakMap<Preview, ReturnType<typeof impactGroups>>();
const groupsOf = (p: Preview) => {
  let groups = groupsByPreview.get(p);
  if (!groups) groupsByPreview.set(p, (groups = impactGroups(p)));
  return groups;
};

export async function impactResponse({ db, actor, name, query }: { db: Db; actor: Actor | null; name: string; query: ImpactQuery }) {
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && (!cursor || !query.group)) throw new BadInputError("invalid cursor: pass a group and the nextCursor of its previous page");
  const preview = await previewImpact({ db, actor, name });
  const { version, ref, violations } = preview;
  if (query.view === "marks") return { version, ref, marks: impactMarks(preview) };
  if (query.group) return impactPage(groupsOf(preview)[query.group], cursor, query.limit ?? IMPACT_PAGE_SIZE);
  return { version, ref, violations, ...pagedImpact(groupsOf(preview), query.limit) };
}
