import { isCollection, isMap, isScalar, parseDocument } from "yaml";
import { YAML11, YAML11_OUTPUT } from "../yaml/yaml11";

/**
 * Form edits applied to YAML text through the `yaml` Document API, so comments and key
 * order survive (a round trip through plain objects would drop both). Read and written as
 * YAML 1.1, as floe reads it: a string such as `off` or `2026-06-01` is written quoted.
 */

export type YamlPath = readonly (string | number)[];

/** The plain JS value at `path`, or undefined when the text does not parse or the path is absent. */
export function readYamlIn(text: string, path: YamlPath): unknown {
  const doc = parseDocument(text, YAML11);
  if (doc.errors.length) return undefined;
  const node = doc.getIn(path, true);
  return node && typeof node === "object" && "toJSON" in node ? (node as { toJSON(): unknown }).toJSON() : node;
}

/**
 * Sets (or, for `undefined`, deletes) the value at `path`. Returns null when the text has YAML
 * errors: the form cannot edit what does not parse, the YAML editor shows why.
 */
export function writeYamlIn(text: string, path: YamlPath, value: unknown): string | null {
  const doc = parseDocument(text, YAML11);
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
  return doc.toString(YAML11_OUTPUT);
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

/**
 * Selects a plugin type for `plugins.<category>` (undefined: inherit, the entry removed). A new
 * type starts from `{type}` alone: the previous type's `config`, `version` and
 * `connection_secret_ref` (Snowflake's account and warehouse under Databricks) are dropped,
 * with the comment on the entry kept. The same type again changes nothing.
 */
export function selectPluginType(text: string, category: string, type: string | undefined): string | null {
  const path = ["plugins", category];
  if (type === undefined) return writeYamlIn(text, path, undefined);
  const current = readYamlIn(text, path);
  const currentType = current && typeof current === "object" && !Array.isArray(current) ? (current as { type?: unknown }).type : undefined;
  if (currentType === type) return writeYamlIn(text, [...path, "type"], type);
  return writeYamlIn(text, path, { type });
}
