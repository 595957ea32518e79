import { z } from "zod";

/** floe's strict semver (no `v`, no pre-release) for metadata and plugin versions. */
export const semverString = z.string().regex(/^\d+\.\d+\.\d+$/, "must be a version like 1.2.3 (no 'v', no pre-release)");

/** Kubernetes secret name, as floe validates `connection_secret_ref`. */
export const k8sName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$/, "must be a Kubernetes name (lowercase letters, digits and '-')");

export const RESERVED_NAMES = ["default", "system", "floe", "admin", "root"];

export const openRecord = z.record(z.string(), z.unknown());
