import { z } from "zod";
import { k8sName, openRecord } from "./common";

const secretReference = z.strictObject({
  source: z.enum(["env", "kubernetes", "vault", "external-secrets", "infisical"]).optional(),
  name: k8sName,
  key: z.string().optional(),
});

const registryAuth = z
  .strictObject({
    type: z.enum(["anonymous", "basic", "token", "aws-irsa", "azure-managed-identity", "gcp-workload-identity"]),
    credentials_ref: secretReference.optional(),
  })
  .refine((a) => (a.type === "basic" || a.type === "token") === Boolean(a.credentials_ref), {
    message: "credentials_ref is required for basic/token auth and must be absent otherwise",
    path: ["credentials_ref"],
  });

export const artifactsSchema = z.strictObject({
  registry: z.strictObject({
    uri: z.string().regex(/^oci:\/\/[a-zA-Z0-9][a-zA-Z0-9.-]*[a-zA-Z0-9](:[0-9]+)?(\/[a-zA-Z0-9._-]+)*$/, "must be oci://host[:port]/path with no tag"),
    auth: registryAuth.optional(),
    tls_verify: z.boolean().optional(),
    cache: z.strictObject({ enabled: z.boolean().optional(), path: z.string().optional(), max_size_gb: z.number().int().min(1).optional(), ttl_hours: z.number().int().min(1).optional() }).optional(),
    // Resilience, signing and verification are passed through to floe unchanged.
    resilience: openRecord.optional(),
    signing: openRecord.optional(),
    verification: openRecord.optional(),
  }),
  promotion: openRecord.optional(),
});

const resourceQuantity = z.strictObject({ cpu: z.string().optional(), memory: z.string().optional() });
export const resourcePresetSchema = z.strictObject({ requests: resourceQuantity.optional(), limits: resourceQuantity.optional() });
