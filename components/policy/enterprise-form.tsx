"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ChipList } from "./chip-list";
import { FormSection } from "./form-section";
import { asNumber, asString, asStrings, yamlBinding } from "./yaml-binding";
import { AUDIT_LOGGING, ENFORCEMENT_LEVELS, PII_ENCRYPTION } from "@/lib/manifest/schema/governance";
import { KNOWN_PLUGIN_TYPES, WHITELIST_CATEGORIES } from "@/lib/manifest/schema/plugins";


const numberOrUndefined = (raw: string) => (raw.trim() === "" ? undefined : Number(raw));

/** Structured view of the enterprise policy; every change is written into the YAML draft. */
export function EnterpriseForm({ text, setText, readOnly }: { text: string; setText: (t: string) => void; readOnly: boolean }) {
  const y = yamlBinding(text, setText);
  const whitelist = (y.get(["approved_plugins"]) ?? {}) as Record<string, unknown>;
  const [newCategory, setNewCategory] = useState("");
  const unparsable = y.get([]) === undefined;
  const retention = asNumber(y.get(["governance", "data_retention_days"]));
  const ceiling = asNumber(y.get(["governance_bounds", "data_retention_days", "max"]));
  const missingCategories = WHITELIST_CATEGORIES.filter((c) => !(c in whitelist));

  if (unparsable) return <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">The YAML does not parse, so the form is paused. Fix the error shown in the editor.</p>;

  return (
    <fieldset disabled={readOnly} className="contents">
      <FormSection title="Plugin whitelist" description="Domains may only select plugins listed here. A category that is absent is unrestricted.">
        {Object.keys(whitelist).map((category) => (
          <div key={category} className="grid grid-cols-[8rem_1fr] items-start gap-3">
            <span className="pt-1 font-mono text-xs font-medium text-slate-700" id={`wl-${category}`}>{category}</span>
            <ChipList id={`wl-add-${category}`} label={`${category} whitelist`} values={asStrings(whitelist[category])} suggestions={knownTypes(category)} readOnly={readOnly} onChange={(v) => y.set(["approved_plugins", category], v)} />
          </div>
        ))}
        {!readOnly && missingCategories.length > 0 && (
          <div className="flex items-end gap-2">
            <Field label="Restrict another category" htmlFor="wl-new-category" className="w-48">
              <Select id="wl-new-category" value={newCategory} onChange={(e) => setNewCategory(e.target.value)}>
                <option value="">Choose…</option>
                {missingCategories.map((c) => <option key={c}>{c}</option>)}
              </Select>
            </Field>
            <Button size="md" disabled={!newCategory} onClick={() => { y.set(["approved_plugins", newCategory], []); setNewCategory(""); }}>Add category</Button>
          </div>
        )}
      </FormSection>

      <FormSection title="Observability" description="Fixed for the whole enterprise: domains cannot change the backends.">
        <div className="grid grid-cols-2 gap-3">
          <Field label="Telemetry backend" htmlFor="telemetry-backend">
            <Input id="telemetry-backend" list="telemetry-options" key={asString(y.get(["plugins", "telemetry_backend", "type"]))} defaultValue={asString(y.get(["plugins", "telemetry_backend", "type"]))} onBlur={(e) => y.selectPlugin("telemetry_backend", e.target.value.trim() || undefined)} />
            <datalist id="telemetry-options">{KNOWN_PLUGIN_TYPES.telemetry_backend.map((t) => <option key={t} value={t} />)}</datalist>
          </Field>
          <Field label="Lineage backend" htmlFor="lineage-backend">
            <Input id="lineage-backend" list="lineage-options" key={asString(y.get(["plugins", "lineage_backend", "type"]))} defaultValue={asString(y.get(["plugins", "lineage_backend", "type"]))} onBlur={(e) => y.selectPlugin("lineage_backend", e.target.value.trim() || undefined)} />
            <datalist id="lineage-options">{KNOWN_PLUGIN_TYPES.lineage_backend.map((t) => <option key={t} value={t} />)}</datalist>
          </Field>
        </div>
      </FormSection>

      <FormSection title="Security policy" description="Domains may only make these stricter.">
        <div className="grid grid-cols-2 gap-3">
          <Field label="PII encryption" htmlFor="pii-encryption">
            <Select id="pii-encryption" value={asString(y.get(["governance", "pii_encryption"]))} onChange={(e) => y.set(["governance", "pii_encryption"], e.target.value || undefined)}>
              <option value="">not set</option>
              {PII_ENCRYPTION.map((v) => <option key={v}>{v}</option>)}
            </Select>
          </Field>
          <Field label="Audit logging" htmlFor="audit-logging">
            <Select id="audit-logging" value={asString(y.get(["governance", "audit_logging"]))} onChange={(e) => y.set(["governance", "audit_logging"], e.target.value || undefined)}>
              <option value="">not set</option>
              {AUDIT_LOGGING.map((v) => <option key={v}>{v}</option>)}
            </Select>
          </Field>
        </div>
        <div className="flex gap-6">
          {(["enabled", "default_deny"] as const).map((key) => (
            <label key={key} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={y.get(["governance", "network_policies", key]) === true} onChange={(e) => y.set(["governance", "network_policies", key], e.target.checked)} />
              Network policies: {key === "enabled" ? "enabled" : "default deny"}
            </label>
          ))}
        </div>
      </FormSection>

      <FormSection title="Governance defaults and bounds" description="Domains may raise retention from the floor up to the ceiling; enforcement only gets stricter.">
        <div className="grid grid-cols-3 gap-3">
          <Field label="Retention floor (days)" htmlFor="retention-floor">
            <Input id="retention-floor" type="number" min={1} value={retention ?? ""} onChange={(e) => y.set(["governance", "data_retention_days"], numberOrUndefined(e.target.value))} />
          </Field>
          <Field label="Retention ceiling (days)" htmlFor="retention-ceiling" error={ceiling !== undefined && retention !== undefined && ceiling < retention ? "Ceiling is below the floor" : undefined}>
            <Input id="retention-ceiling" type="number" min={retention ?? 1} value={ceiling ?? ""} aria-describedby="retention-ceiling-hint" onChange={(e) => y.set(["governance_bounds", "data_retention_days", "max"], numberOrUndefined(e.target.value))} />
          </Field>
          <Field label="Policy enforcement" htmlFor="enforcement-level">
            <Select id="enforcement-level" value={asString(y.get(["governance", "policy_enforcement_level"]))} onChange={(e) => y.set(["governance", "policy_enforcement_level"], e.target.value || undefined)}>
              <option value="">not set</option>
              {ENFORCEMENT_LEVELS.map((l) => <option key={l}>{l}</option>)}
            </Select>
          </Field>
        </div>
      </FormSection>
    </fieldset>
  );
}

/** floe's known plugin types of a category, as suggestions (own keys only: categories come from the YAML). */
const knownTypes = (category: string): readonly string[] => (Object.hasOwn(KNOWN_PLUGIN_TYPES, category) ? KNOWN_PLUGIN_TYPES[category as keyof typeof KNOWN_PLUGIN_TYPES] : []);
