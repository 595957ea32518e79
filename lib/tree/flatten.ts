import { isFilterActive, nodeMatcher, type TreeFilter } from "./filter";
import type { TreeModel, TreeNode } from "./model";

export interface OutlineRow {
  node: TreeNode;
  depth: number;
  expanded: boolean;
  /** False for an ancestor shown only to place a match. */
  match: boolean;
  /** Position among its shown siblings (1-based) and their number: aria-posinset/-setsize, as rows are virtualised. */
  position: number;
  siblings: number;
}

/**
 * The rows of the outline, top to bottom. Without a filter: the root, every domain, and the
 * products of expanded domains. With a filter, matches are revealed wherever they are (their
 * domains shown as context) and everything else is hidden. Linear in the number of nodes.
 */
export function flattenVisible(model: TreeModel, expanded: ReadonlySet<string>, filter: TreeFilter = {}): OutlineRow[] {
  const root = model.nodes.get(model.root)!;
  const filtering = isFilterActive(filter);
  const matches = nodeMatcher(filter);
  const rows: OutlineRow[] = [{ node: root, depth: 0, expanded: true, match: !filtering || matches(root), position: 1, siblings: 1 }];
  const domainRows: OutlineRow[] = [];
  const pushChildren = (nodes: TreeNode[]) =>
    nodes.forEach((node, i) => rows.push({ node, depth: 2, expanded: false, match: true, position: i + 1, siblings: nodes.length }));
  for (const domainId of root.children) {
    const domain = model.nodes.get(domainId)!;
    const hits = filtering ? domain.children.map((id) => model.nodes.get(id)!).filter(matches) : [];
    const domainMatches = !filtering || matches(domain);
    if (!domainMatches && hits.length === 0) continue;
    const open = filtering ? hits.length > 0 : expanded.has(domainId);
    const row: OutlineRow = { node: domain, depth: 1, expanded: open, match: domainMatches, position: domainRows.length + 1, siblings: 0 };
    rows.push(row);
    domainRows.push(row);
    if (open) pushChildren(filtering ? hits : domain.children.map((id) => model.nodes.get(id)!));
  }
  for (const row of domainRows) row.siblings = domainRows.length;
  return rows;
}
