import { isFilterActive, nodeMatcher, type TreeFilter } from "./filter";
import type { TreeModel, TreeNode } from "./model";

export interface OutlineRow {
  node: TreeNode;
  depth: number;
  expanded: boolean;
  /** False for an ancestor shown only to place a match. */
  match: boolean;
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
  const rows: OutlineRow[] = [{ node: root, depth: 0, expanded: true, match: !filtering || matches(root) }];
  for (const domainId of root.children) {
    const domain = model.nodes.get(domainId)!;
    if (!filtering) {
      const open = expanded.has(domainId);
      rows.push({ node: domain, depth: 1, expanded: open, match: true });
      if (open) for (const id of domain.children) rows.push({ node: model.nodes.get(id)!, depth: 2, expanded: false, match: true });
      continue;
    }
    const hits = domain.children.map((id) => model.nodes.get(id)!).filter(matches);
    const domainMatches = matches(domain);
    if (!domainMatches && hits.length === 0) continue;
    rows.push({ node: domain, depth: 1, expanded: hits.length > 0, match: domainMatches });
    for (const node of hits) rows.push({ node, depth: 2, expanded: false, match: true });
  }
  return rows;
}
