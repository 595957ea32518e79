// Writes time-boxed exceptions into the enterprise manifest's governance.policy_overrides (floe's
// own list, so the published YAML stays floe-valid), keeping comments and layout; YAML 1.1 as floe reads it.
import { isMap, isSeq, parseDocument, type Document } from "yaml";
import { YAML11, YAML11_OUTPUT } from "../../lib/yaml/yaml11";

export interface OverrideEntry {
  id: string;
  domain: string;
  policyType: string;
  reason: string;
  expires: string;
  grantedBy: string;
}

/** The marker that ties an override to its console record: floe's model has no room for an id, its reason does. */
const marker = (id: string) => `mesh exception ${id}`;

/** The day as a YAML 1.1 timestamp, written unquoted as floe's own examples write `expires` (a `date`). */
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

function overridesOf(doc: Document) {
  const governance = doc.get("governance", true);
  if (governance !== undefined && governance !== null && !isMap(governance)) return null;
  const list = doc.getIn(["governance", "policy_overrides"], true);
  return list === undefined || list === null || isSeq(list) ? list : null;
}

/** Adds the override for a granted exception; null when the text has no editable `governance` mapping. */
export function addOverride(text: string, e: OverrideEntry): string | null {
  const doc = parseDocument(text, YAML11);
  if (doc.errors.length) return null;
  const list = overridesOf(doc);
  if (list === null) return null;
  const entry = doc.createNode({
    pattern: e.domain,
    action: "downgrade",
    reason: `${e.reason} (granted by ${e.grantedBy}; ${marker(e.id)})`,
    expires: asDate(e.expires),
    policy_types: [e.policyType],
  });
  if (list) list.add(entry);
  else doc.setIn(["governance", "policy_overrides"], doc.createNode([entry]));
  return doc.toString(YAML11_OUTPUT);
}

/** Moves a granted exception's `expires` (ending it early sets yesterday); null when its override is not there. */
export function setOverrideExpiry(text: string, id: string, expires: string): string | null {
  const doc = parseDocument(text, YAML11);
  if (doc.errors.length) return null;
  const list = overridesOf(doc);
  if (!list) return null;
  const index = list.items.findIndex((item) => isMap(item) && String(item.get("reason") ?? "").endsWith(`${marker(id)})`));
  if (index < 0) return null;
  doc.setIn(["governance", "policy_overrides", index, "expires"], asDate(expires));
  return doc.toString(YAML11_OUTPUT);
}
