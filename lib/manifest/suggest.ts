import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
import type { PathSegment } from "../yaml/positions";

type AnySchema = z.core.$ZodType;

/** Unwraps optional/nullable/default/pipe wrappers down to the schema that holds a shape. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema };
    if ((def.type === "optional" || def.type === "nullable" || def.type === "default" || def.type === "prefault") && def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else return s;
  }
}

/** The keys an object schema accepts at `path` (empty when the path leads elsewhere). */
export function keysAt(schema: AnySchema, path: readonly PathSegment[]): string[] {
  let s = unwrap(schema);
  for (const seg of path) {
    const def = s._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema; valueType?: AnySchema; options?: AnySchema[] };
    if (def.type === "object" && def.shape && typeof seg === "string" && def.shape[seg]) s = unwrap(def.shape[seg]);
    else if (def.type === "array" && def.element) s = unwrap(def.element);
    else if (def.type === "record" && def.valueType) s = unwrap(def.valueType);
    else return [];
  }
  const def = s._zod.def as { type: string; shape?: Record<string, AnySchema>; options?: AnySchema[] };
  if (def.type === "object" && def.shape) return Object.keys(def.shape);
  if (def.type === "union" && def.options) return [...new Set(def.options.flatMap((o) => keysAt(o, [])))];
  return [];
}

/** "did you mean" for a mistyped key, only when the nearest key is plausibly what was meant. */
export function nearestKey(key: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0) return null;
  const best = closest(key, candidates as string[]);
  return distance(key, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}
