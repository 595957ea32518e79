import type { NodeStatus, TreeNode } from "./model";

/** What the search box and the filter selects narrow the tree to. */
export interface TreeFilter {
  /** Case-insensitive substring of the node's name. */
  q?: string;
  compute?: string;
  status?: NodeStatus;
}

export const isFilterActive = (f: TreeFilter) => Boolean(f.q?.trim() || f.compute || f.status);

export function nodeMatcher(f: TreeFilter): (n: TreeNode) => boolean {
  const q = f.q?.trim().toLowerCase();
  return (n) => (!q || n.name.toLowerCase().includes(q)) && (!f.compute || n.compute === f.compute) && (!f.status || n.status === f.status);
}
