"use client";

import { Lock } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ResolutionView } from "@/lib/client/api";
import { formatValue, valueAt } from "@/lib/client/provenance-rows";
import { FormSection } from "./form-section";
import { asNumber, asString, asStrings, yamlBinding } from "./yaml-binding";
import { ENFORCEMENT_LEVELS } from "@/lib/manifest/schema/governance";
import { ruleHint, type RuleHint } from "@/lib/resolve/rule-hints";

/** What the domain inherits and the limits it must respect, taken from the enterprise. */
export interface EnterpriseLimits {
  name: string;
  version: string;
  computeWhitelist: string[] | null;
  defaultCompute: string | null;
  retentionFloor: number | null;
  retentionCeiling: number | null;
  enforcementFloor: string | null;
}

export function DomainForm({ text, setText, readOnly, limits, resolution }: {
  text: string;
  setText: (t: string) => void;
  readOnly: boolean;
  limits: EnterpriseLimits;
  resolution: ResolutionView | null;
}) {
  const y = yamlBinding(text, setText);
  if (y.get([]) === undefined)
    return <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">The YAML does not parse, so the form is paused. Fix the error shown in the editor.</p>;

  const compute = asString(y.get(["plugins", "compute", "type"]));
  const offered = limits.computeWhitelist;
  const retention = asNumber(y.get(["governance", "data_retention_days"]));
  const min = limits.retentionFloor ?? 1;
  const max = limits.retentionCeiling ?? undefined;
  const retentionError = retention !== undefined && (retention < min || (max !== undefined && retention > max)) ? `Must be between ${min} and ${max ?? "∞"} days` : undefined;
  const enforcement = asString(y.get(["governance", "policy_enforcement_level"]));
  const floorIndex = limits.enforcementFloor ? (ENFORCEMENT_LEVELS as readonly string[]).indexOf(limits.enforcementFloor) : 0;
  const origin = `from enterprise ${limits.version}`;

  return (
    <fieldset disabled={readOnly} className="contents">
      <FormSection title="Compute" description={offered ? `Only plugins on the ${limits.name} whitelist are offered.` : "The enterprise does not restrict compute."}>
        <Field label="Compute plugin" htmlFor="compute-plugin" hint={`Leave on "inherit" to use the enterprise default${limits.defaultCompute ? ` (${limits.defaultCompute})` : ""}.`}>
          {offered ? (
            <Select id="compute-plugin" aria-describedby="compute-plugin-hint" value={compute} onChange={(e) => y.selectPlugin("compute", e.target.value || undefined)}>
              <option value="">inherit{limits.defaultCompute ? ` (${limits.defaultCompute})` : ""}</option>
              {offered.map((c) => <option key={c} value={c}>{c}</option>)}
              {compute && !offered.includes(compute) && <option value={compute} disabled>{compute} (not approved)</option>}
            </Select>
          ) : (
            <Input id="compute-plugin" aria-describedby="compute-plugin-hint" key={compute} defaultValue={compute} onBlur={(e) => y.selectPlugin("compute", e.target.value.trim() || undefined)} />
          )}
        </Field>
      </FormSection>

      <FormSection title="Governance overrides" description="Values a domain may change, within the enterprise bounds.">
        <div className="grid grid-cols-2 gap-3">
          <Field label="Data retention (days)" htmlFor="retention-days" hint={`Allowed: ${min} – ${max ?? "no ceiling"} days. Empty inherits ${limits.retentionFloor ?? "the enterprise value"}.`} error={retentionError}>
            <Input
              id="retention-days"
              type="number"
              min={min}
              max={max}
              aria-invalid={!!retentionError}
              aria-describedby="retention-days-hint"
              value={retention ?? ""}
              onChange={(e) => y.set(["governance", "data_retention_days"], e.target.value === "" ? undefined : Number(e.target.value))}
            />
          </Field>
          <Field label="Policy enforcement" htmlFor="domain-enforcement" hint={limits.enforcementFloor ? `At least ${limits.enforcementFloor} (${origin}).` : undefined}>
            <Select id="domain-enforcement" aria-describedby="domain-enforcement-hint" value={enforcement} onChange={(e) => y.set(["governance", "policy_enforcement_level"], e.target.value || undefined)}>
              <option value="">inherit{limits.enforcementFloor ? ` (${limits.enforcementFloor})` : ""}</option>
              {ENFORCEMENT_LEVELS.map((level, i) => <option key={level} value={level} disabled={i < floorIndex}>{level}{i < floorIndex ? " (weaker than enterprise)" : ""}</option>)}
            </Select>
          </Field>
        </div>
      </FormSection>

      {resolution && <InheritedValues resolution={resolution} origin={origin} />}
      <ApprovedProducts values={asStrings(y.get(["approved_products"]))} />
    </fieldset>
  );
}

const INHERITED_SHOWN = ["governance.pii_encryption", "governance.audit_logging", "governance.network_policies.enabled", "governance.network_policies.default_deny", "plugins.telemetry_backend", "plugins.lineage_backend", "plugins.orchestrator", "plugins.catalog", "plugins.storage"];

/** The enterprise's values this domain cannot change, with their origin. */
function InheritedValues({ resolution, origin }: { resolution: ResolutionView; origin: string }) {
  const rows = INHERITED_SHOWN.filter((p) => resolution.provenance[p]?.tier === "enterprise");
  if (rows.length === 0) return null;
  return (
    <FormSection title="Inherited from the enterprise" description="Read-only here: change them on the enterprise policy.">
      <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-1.5">
        {rows.map((path) => {
          const p = resolution.provenance[path];
          return (
            <div key={path} className="contents">
              <dt className="flex flex-col">
                <span className="font-mono text-xs text-slate-700">{path}</span>
                <span className="text-xs text-slate-500">{`from enterprise ${p.version || origin.replace("from enterprise ", "")}`}</span>
              </dt>
              <dd className="flex items-center justify-end gap-2">
                <span className="font-mono text-xs">{formatValue(valueAt(resolution.resolved, path))}</span>
                <RuleBadge hint={ruleHint(path, p.locked)} />
              </dd>
            </div>
          );
        })}
      </dl>
    </FormSection>
  );
}

/** What a domain may do with the value, from the inheritance table; the rule's reason on hover. */
function RuleBadge({ hint }: { hint: RuleHint }) {
  return (
    <Badge tone={hint.locked ? "locked" : "neutral"} title={hint.why}>
      {!hint.locked && <Lock aria-hidden className="size-3" />}
      {hint.label}
    </Badge>
  );
}

function ApprovedProducts({ values }: { values: string[] }) {
  return (
    <FormSection title="Approved products" description="Changed by approving or removing products, not by hand.">
      {values.length === 0 ? <p className="text-sm text-slate-500">None yet.</p> : (
        <ul aria-label="Approved products" className="flex flex-wrap gap-1.5">
          {values.map((v) => <li key={v}><Badge tone="valid">{v}</Badge></li>)}
        </ul>
      )}
    </FormSection>
  );
}
