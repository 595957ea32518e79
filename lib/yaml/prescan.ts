import type { Position } from "./positions";

// A linear scan of YAML text that bounds nesting depth and node count BEFORE the parser sees it.
// The `yaml` library recurses per nesting level: 10,000 levels of `- - - … x` exhausted V8 and
// aborted the server. The scan follows the block structure (indentation, compact `- - x` and
// `- key: value` entries, a sequence as the value of a key at the same indentation) and flow
// collections, and skips what is text: quoted scalars (also across lines), comments and block
// scalars (`|`, `>`). It may count a level too many in unusual documents (a `- ` inside a plain
// multi-line scalar) but never hides a structure the parser would build; the exact depth is
// checked again on the parsed tree.

export interface PrescanLimits {
  maxDepth: number;
  maxNodes: number;
}

export interface PrescanProblem extends Position {
  message: string;
}

/** One open block collection entry: the column of its indicator or key, and the depth it is at. */
interface Entry {
  col: number;
  depth: number;
  /** A `key:` with nothing after it on its line: a `- ` at the same column is its value. */
  openKey: boolean;
}

const SPACE = 32, TAB = 9, CR = 13;
const isBlank = (c: number) => c === SPACE || c === TAB || c === CR;

export function prescanYaml(text: string, limits: PrescanLimits): PrescanProblem | null {
  const stack: Entry[] = [];
  let line = 0;
  let nodes = 0;
  // Carried across lines.
  let quote = 0; // the open quote's char code, 0 outside quotes
  let flowDepth = 0;
  let flowBase = 0; // block depth where the outermost flow collection opened
  let scalarParentCol = -2; // a block scalar header was seen: its parent's column, else -2
  let scalarIndent = -1; // the block scalar's content indentation once known

  const tooDeep = (col: number): PrescanProblem => ({ message: `nesting deeper than ${limits.maxDepth} levels is refused`, line, column: col + 1 });
  const tooMany = (col: number): PrescanProblem => ({ message: `more than ${limits.maxNodes} collection entries are refused`, line, column: col + 1 });

  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos <= text.length) {
    line++;
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const start = pos;
    pos = end + 1;

    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === SPACE) indent++;
    let i = start + indent;
    let rest = i;
    while (rest < end && isBlank(text.charCodeAt(rest))) rest++;
    const blankLine = rest === end;

    // Block scalar content: every line indented at least as far as its first non-blank line.
    if (scalarParentCol > -2 && quote === 0 && flowDepth === 0) {
      if (blankLine) continue;
      if (scalarIndent < 0 && indent > scalarParentCol) scalarIndent = indent;
      if (scalarIndent >= 0 && indent >= scalarIndent) continue;
      scalarParentCol = -2;
      scalarIndent = -1;
    }

    // Document markers end quoted scalars and start a new document at depth 0.
    const marker = indent === 0 && end - start >= 3 && (text.startsWith("---", start) || text.startsWith("...", start)) && (end - start === 3 || isBlank(text.charCodeAt(start + 3)));
    if (marker) {
      quote = 0;
      flowDepth = 0;
      stack.length = 0;
      i = start + 3;
    }

    // Depth of the block context this line's nodes are in.
    let depth: number;
    let nodeStart = true;
    if (quote !== 0 || flowDepth > 0) {
      depth = flowBase; // a continuation line: no new block entries
      nodeStart = false;
    } else {
      if (!marker && (blankLine || text.charCodeAt(i) === 35 /* # */ || text.charCodeAt(i) === 37 /* % directive */)) continue;
      const dash = text.charCodeAt(i) === 45 /* - */ && (i + 1 === end || isBlank(text.charCodeAt(i + 1)));
      while (stack.length) {
        const top = stack[stack.length - 1];
        if (top.col < indent || (top.col === indent && top.openKey && dash)) break;
        stack.pop();
      }
      depth = marker ? 0 : stack.length ? stack[stack.length - 1].depth : 0;
    }
    const blockLine = quote === 0 && flowDepth === 0;
    let nodeCol = i - start;
    let lastKey: Entry | null = null;
    let afterKey = false; // something followed the last `key:` on this line

    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      const col = i - start;
      if (quote !== 0) {
        if (c === quote) {
          if (quote === 39 /* ' */ && text.charCodeAt(i + 1) === 39) i++;
          else quote = 0;
        } else if (c === 92 /* \ */ && quote === 34 /* " */) i++;
        continue;
      }
      if (isBlank(c)) continue;
      if (c === 35 /* # */ && (i === start || isBlank(text.charCodeAt(i - 1)))) break;
      if (lastKey && !(nodeStart && (c === 38 || c === 33))) afterKey = true; // an anchor or tag alone is not a value

      if (flowDepth > 0) {
        if (c === 91 || c === 123 /* [ { */) {
          if (++nodes > limits.maxNodes) return tooMany(col);
          if (flowBase + ++flowDepth > limits.maxDepth) return tooDeep(col);
          nodeStart = true;
        } else if (c === 93 || c === 125 /* ] } */) {
          flowDepth--;
          nodeStart = false;
        } else if (c === 44 /* , */) {
          if (++nodes > limits.maxNodes) return tooMany(col);
          nodeStart = true;
        } else if (c === 58 /* : */) nodeStart = true;
        else if (nodeStart && (c === 34 || c === 39)) {
          quote = c;
          nodeStart = false;
        } else nodeStart = false;
        continue;
      }

      // Block context.
      const next = i + 1 < end ? text.charCodeAt(i + 1) : 10;
      const indicatorEnds = i + 1 === end || isBlank(next);
      if (nodeStart && (c === 45 || c === 63 || c === 58) /* - ? : */ && indicatorEnds) {
        if (++nodes > limits.maxNodes) return tooMany(col);
        if (++depth > limits.maxDepth) return tooDeep(col);
        if (blockLine) stack.push({ col, depth, openKey: false });
        nodeCol = col + 1;
        continue;
      }
      if (nodeStart && (c === 38 || c === 33) /* & ! */) {
        while (i + 1 < end && !isBlank(text.charCodeAt(i + 1))) i++; // anchor or tag: the node follows
        continue;
      }
      if (nodeStart && (c === 124 || c === 62) /* | > */) {
        scalarParentCol = stack.length ? stack[stack.length - 1].col : -1;
        scalarIndent = -1;
        break; // the header's indicators and comment
      }
      if (nodeStart && (c === 91 || c === 123) /* [ { */) {
        if (++nodes > limits.maxNodes) return tooMany(col);
        flowBase = depth;
        if (depth + ++flowDepth > limits.maxDepth) return tooDeep(col);
        nodeStart = true;
        continue;
      }
      if (nodeStart) {
        nodeCol = col;
        nodeStart = false;
        if (c === 34 || c === 39) {
          quote = c;
          continue;
        }
      }
      if (c === 58 /* : */ && indicatorEnds) {
        // `key: value`: the key opens (or continues) a mapping at the key's column.
        if (++nodes > limits.maxNodes) return tooMany(col);
        if (++depth > limits.maxDepth) return tooDeep(nodeCol);
        if (blockLine) stack.push((lastKey = { col: nodeCol, depth, openKey: false }));
        afterKey = false;
        nodeStart = true;
        nodeCol = col + 1;
      }
    }
    if (lastKey && !afterKey) (lastKey as Entry).openKey = true;
  }
  return null;
}
