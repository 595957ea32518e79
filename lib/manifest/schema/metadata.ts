import { z } from "zod";
import { RESERVED_NAMES, semverString } from "./common";

export const manifestMetadataSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$/, "must be lowercase letters, digits and '-', not starting or ending with '-'")
    .refine((n) => !RESERVED_NAMES.includes(n.toLowerCase()), { message: "this name is reserved by floe" }),
  version: semverString,
  owner: z.string().min(1),
  description: z.string().max(500).optional(),
});
export type ManifestMetadata = z.infer<typeof manifestMetadataSchema>;

export const productMetadataSchema = z.strictObject({
  name: z.string().min(1).max(63).regex(/^[a-z][a-z0-9-]*$/, "must start with a letter and use lowercase letters, digits and '-'"),
  version: semverString,
  description: z.string().max(500).optional(),
  owner: z.string().min(1).optional(),
  labels: z.record(z.string(), z.string()).optional(),
});
export type ProductMetadata = z.infer<typeof productMetadataSchema>;
