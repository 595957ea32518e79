import { z } from "zod";
import { manifestSchema } from "./schema/manifest";
import { productSchema } from "./schema/product";

/**
 * JSON Schema for editors (yaml-language-server), generated from the same zod schemas the
 * console validates with, so the two can never disagree. Cross-field rules (scope
 * constraints, inheritance) are beyond JSON Schema and stay in the validator.
 */
export function jsonSchemaFor(kind: "manifest" | "product"): Record<string, unknown> {
  const schema = kind === "manifest" ? manifestSchema : productSchema;
  return {
    ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }),
    title: kind === "manifest" ? "floe platform manifest (Mesh Console)" : "floe data product (floe.yaml)",
  };
}
