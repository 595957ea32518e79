// Input schemas shared by services and route handlers (the HTTP layer parses with the same ones).
import { z } from "zod";
import { refusedYaml } from "../../lib/yaml/safe-load";

export const MAX_YAML_CHARS = 256 * 1024;

// YAML forbids C0 control characters other than tab and line breaks; PostgreSQL cannot even store NUL.
const noControlChars = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
const text = (max: number) => z.string().trim().min(1, "required").max(max).refine(noControlChars, "must not contain control characters");

export const yamlText = z
  .string()
  .max(MAX_YAML_CHARS, "YAML larger than 256 KiB")
  .refine(noControlChars, "YAML must not contain control characters")
  // Hostile YAML (too deep, too many entries, prototype keys) is refused here, never stored or evaluated.
  .superRefine((yaml, ctx) => {
    const p = refusedYaml(yaml);
    if (p) ctx.addIssue({ code: "custom", message: `YAML refused at line ${p.line}, column ${p.column}: ${p.message}` });
  });
export const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and dashes");
/**
 * A team is named like a product: NFC-normalised, then only `[a-z0-9-]`, so a Cyrillic look-alike,
 * a right-to-left override or a zero-width character is refused (400) instead of naming a new team.
 */
export const team = z.string().normalize("NFC").regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "team names are lower-case letters, digits and dashes");
export const revision = z.int().min(0);
export const message = text(2000);
export const reason = text(2000);

export const SaveDraftInput = z.strictObject({ name, yaml: yamlText, baseRevision: revision });
export const PublishInput = z.strictObject({ name, baseRevision: revision, message, confirmBreaking: z.boolean().optional() });
export const RollbackInput = z.strictObject({ name, version: z.string().min(1).max(64), message, confirmBreaking: z.boolean().optional() });
export const SubmitRequestInput = z.strictObject({
  name,
  team,
  description: text(2000),
  domain: name,
  floeYaml: yamlText,
});
export const RequestIdInput = z.strictObject({ id: z.string().min(1).max(64) });
/** Approval names the product revision the owner reviewed: a floe.yaml edited since is not approved. */
export const ApproveInput = z.strictObject({ id: z.string().min(1).max(64), revision });
export const RejectInput = z.strictObject({ id: z.string().min(1).max(64), reason });
export const RemoveProductInput = z.strictObject({ name, reason });
export const SaveFloeInput = z.strictObject({ name, yaml: yamlText, baseRevision: revision });
export const ValidateInput = z.strictObject({ kind: z.enum(["manifest", "product"]), yaml: yamlText, name: name.optional() });

/** Older services re-parse their input (to be moved to typed input, as the services below take). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  return schema.parse(input);
}

// What services take: parsed once, at the boundary (the route wrapper), never again inside.
export type SaveDraft = z.output<typeof SaveDraftInput>;
export type Publish = z.output<typeof PublishInput>;
export type Rollback = z.output<typeof RollbackInput>;
export type SubmitRequest = z.output<typeof SubmitRequestInput>;
export type RequestId = z.output<typeof RequestIdInput>;
export type Approve = z.output<typeof ApproveInput>;
export type Reject = z.output<typeof RejectInput>;
export type RemoveProduct = z.output<typeof RemoveProductInput>;
export type SaveFloe = z.output<typeof SaveFloeInput>;
export type Validate = z.output<typeof ValidateInput>;
