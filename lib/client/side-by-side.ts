import { diffLines } from "diff";

export interface DiffCell {
  line: number;
  text: string;
}
export interface DiffRow {
  kind: "same" | "changed" | "removed" | "added";
  left: DiffCell | null;
  right: DiffCell | null;
}

const linesOf = (value: string) => value.replace(/\n$/, "").split("\n");

/** Line diff as side-by-side rows: a removal followed by an addition pairs up as "changed". */
export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let l = 1;
  let r = 1;
  const changes = diffLines(before, after);
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    if (!c.added && !c.removed) {
      for (const text of linesOf(c.value)) rows.push({ kind: "same", left: { line: l++, text }, right: { line: r++, text } });
    } else if (c.removed) {
      const removed = linesOf(c.value);
      const next = changes[i + 1];
      const added = next?.added ? linesOf(next.value) : [];
      if (next?.added) i++;
      for (let k = 0; k < Math.max(removed.length, added.length); k++) {
        const left = k < removed.length ? { line: l++, text: removed[k] } : null;
        const right = k < added.length ? { line: r++, text: added[k] } : null;
        rows.push({ kind: left && right ? "changed" : left ? "removed" : "added", left, right });
      }
    } else {
      for (const text of linesOf(c.value)) rows.push({ kind: "added", left: null, right: { line: r++, text } });
    }
  }
  return rows;
}

export interface DiffGap {
  kind: "gap";
  hidden: number;
}

/** Keeps `context` unchanged rows around each change and folds longer unchanged runs into one gap. */
export function withContext(rows: DiffRow[], context = 3): (DiffRow | DiffGap)[] {
  const near = rows.map(() => false);
  rows.forEach((r, i) => {
    if (r.kind === "same") return;
    for (let k = Math.max(0, i - context); k <= Math.min(rows.length - 1, i + context); k++) near[k] = true;
  });
  const out: (DiffRow | DiffGap)[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (near[i]) {
      out.push(rows[i]);
      continue;
    }
    let j = i;
    while (j < rows.length && !near[j]) j++;
    out.push({ kind: "gap", hidden: j - i });
    i = j - 1;
  }
  return out;
}
