import { z } from "zod";
import { orNull, RESERVED_NAMES, semverString } from "./common";

export const manifestMetadataSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$/, "must be lowercase letters, digits and '-', not starting or ending with '-'")
    .refine((n) => !RESERVED_NAMES.includes(n.toLowerCase()), { message: "this name is reserved by floe" }),
  version: semverString,
  owner: z.string().min(1),
  description: orNull(z.string().max(500)),
});

export const productMetadataSchema = z.strictObject({
  name: z.string().min(1).max(63).regex(/^[a-z][a-z0-9-]*$/, "must start with a letter and use lowercase letters, digits and '-'"),
  version: semverString,
  description: orNull(z.string().max(500)),
  owner: orNull(z.string().min(1)),
  labels: orNull(z.record(z.string(), z.string())),
});
