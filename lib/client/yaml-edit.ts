import { isCollection, isMap, isScalar, parseDocument } from "yaml";

/**
 * Form edits applied to YAML text through the `yaml` Document API, so comments and key
 * order survive (a round trip through plain objects would drop both).
 */

export type YamlPath = readonly (string | number)[];

/** The plain JS value at `path`, or undefined when the text does not parse or the path is absent. */
export function readYamlIn(text: string, path: YamlPath): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const node = doc.getIn(path, true);
  return node && typeof node === "object" && "toJSON" in node ? (node as { toJSON(): unknown }).toJSON() : node;
}

/**
 * Sets (or, for `undefined`, deletes) the value at `path`. Returns null when the text has YAML
 * errors: the form cannot edit what does not parse, the YAML editor shows why.
 */
export function writeYamlIn(text: string, path: YamlPath, value: unknown): string | null {
  const doc = parseDocument(text);
  if (doc.errors.length) return null;
  if (value === undefined) {
    if (doc.hasIn(path)) doc.deleteIn(path);
    pruneEmptyParents(doc, path);
  } else {
    const existing = doc.getIn(path, true);
    if (isScalar(existing) && (value === null || typeof value !== "object")) {
      existing.value = value; // keeps the trailing comment and quoting style
    } else {
      const node = doc.createNode(value);
      if (isCollection(existing) && isCollection(node)) {
        // `[duckdb, snowflake]  # why` stays a flow list with its comment.
        node.flow = existing.flow;
        node.comment = existing.comment;
        node.commentBefore = existing.commentBefore;
      }
      doc.setIn(path, node);
    }
  }
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

/** Removing the last key of a mapping the form created would leave `governance: {}` behind. */
function pruneEmptyParents(doc: ReturnType<typeof parseDocument>, path: YamlPath) {
  for (let depth = path.length - 1; depth > 0; depth--) {
    const parent = path.slice(0, depth);
    const node = doc.getIn(parent, true);
    if (isMap(node) && node.items.length === 0) doc.deleteIn(parent);
    else break;
  }
}
