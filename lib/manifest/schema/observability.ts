import { z } from "zod";
import { bool, orNull } from "./common";

// floe's list, with IPv6 loopback matched where it is a host (`http://[::1]:4317`, which floe's
// own pattern misses), not anywhere in the URL (`/v1::1`, which floe accepts).
const PRIVATE_TARGETS = /:\/\/(127\.|192\.168\.|10\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|localhost|\[?::1(\]|[:/]|$))/;

/** floe refuses collector endpoints on private or loopback addresses. */
const endpoint = z
  .string()
  .regex(/^https?:\/\//, "must start with http:// or https://")
  .refine((u) => !PRIVATE_TARGETS.test(u), { message: "Endpoint cannot target private/internal networks" });

export const observabilitySchema = z.strictObject({
  tracing: z.strictObject({ enabled: bool().optional(), exporter: z.enum(["otlp", "console", "none"]).optional(), endpoint: orNull(endpoint) }).optional(),
  lineage: z.strictObject({ enabled: bool().optional(), transport: z.enum(["http", "console", "noop"]).optional(), endpoint: orNull(endpoint) }).optional(),
  logging: z.strictObject({ level: z.enum(["DEBUG", "INFO", "WARNING", "ERROR"]).optional(), format: z.enum(["json", "text"]).optional() }).optional(),
});
