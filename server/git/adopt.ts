// An incoming manifest change becomes the console's draft, by someone who may edit that manifest;
// from there the console's own review and publish decide. Git never publishes on its own.
import { z } from "zod";
import { saveDraft } from "../services/save-draft";
import type { ServiceCall } from "../services/context";
import { NotFoundError } from "../services/errors";
import { parseInput } from "../services/inputs";
import { gitStatus } from "./incoming";

export const AdoptInput = z.strictObject({ name: z.string().min(1).max(200), key: z.string().min(1).max(1000), baseRevision: z.number().int().nonnegative() });

export async function adoptIncoming({ db, actor, input }: ServiceCall) {
  const { name, key, baseRevision } = parseInput(AdoptInput, input);
  const status = await gitStatus(db);
  const change = status.configured ? status.manifests.find((m) => m.name === name)?.incoming.find((i) => i.key === key) : undefined;
  if (!change) throw new NotFoundError(`incoming change ${key} of '${name}'`);
  return saveDraft({ db, actor, input: { name, yaml: change.text, baseRevision } });
}
