// What the git routes answer (server/git): whether git, the console and the OCI registry agree, and
// a sync's outcome, as strict zod schemas checked against the lib/gitops types they carry.
import { z } from "zod";
import type { IncomingChange as LibIncomingChange, ManifestAgreement as LibManifestAgreement, ProductAgreement as LibProductAgreement } from "../gitops/agreement";
import { same, Timestamp, Violation } from "./shapes";

const GitSide = z.enum(["same", "differs", "not-in-git", "pending-push"]);
const IncomingChange = z.strictObject({
  path: z.string(),
  key: z.string().meta({ description: "the oci:// reference a registry file stands for, or a product's domain/name" }),
  kind: z.enum(["new", "changed"]),
  text: z.string().meta({ description: "the file in git (secrets masked)" }),
  violations: z.array(Violation),
});
same<z.output<typeof IncomingChange>, LibIncomingChange>(true);
const ManifestAgreement = z.strictObject({
  name: z.string(),
  versions: z.array(z.strictObject({ version: z.string(), ref: z.string(), path: z.string(), git: GitSide, registry: z.enum(["pushed", "not-pushed", "no-registry"]) })),
  incoming: z.array(IncomingChange),
  agree: z.boolean(),
});
same<z.output<typeof ManifestAgreement>, LibManifestAgreement>(true);
const ProductAgreement = z.strictObject({ domain: z.string(), name: z.string(), git: GitSide, incoming: IncomingChange.nullable() });
same<z.output<typeof ProductAgreement>, LibProductAgreement>(true);

export const GitStatus = z.discriminatedUnion("configured", [
  z.strictObject({ configured: z.literal(false) }),
  z.strictObject({
    configured: z.literal(true),
    remote: z.string(),
    branch: z.string(),
    path: z.string().meta({ description: "the folder inside the repository holding registry/ and products/" }),
    head: z.string().nullable(),
    fetchedAt: Timestamp.nullable(),
    remoteError: z.string().nullable().meta({ description: "the remote's last failure (fetch or push); null when the last contact worked" }),
    outbox: z.strictObject({ pending: z.int(), nextAttemptAt: Timestamp.nullable(), lastError: z.string().nullable() }),
    manifests: z.array(ManifestAgreement),
    products: z.array(ProductAgreement),
  }),
]);

export const GitSynced = z.strictObject({
  pushed: z.int(),
  pushStopped: z.string().nullable().meta({ description: "why pushing stopped early (remote down, lease held elsewhere, waiting for a retry)" }),
  fetched: z.boolean(),
  head: z.string().nullable(),
  fetchError: z.string().nullable(),
});
