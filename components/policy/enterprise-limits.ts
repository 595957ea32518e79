"use client";

import { useManifest, useVersion } from "@/components/api/hooks";
import { latestVersion } from "@/components/editor/manifest-workbench";
import type { ResolutionView } from "@/lib/client/api";
import { valueAt } from "@/lib/client/provenance-rows";
import { readYamlIn } from "@/lib/yaml/edit";
import type { EnterpriseLimits } from "./domain-form";

const num = (v: unknown) => (typeof v === "number" ? v : null);
const str = (v: unknown) => (typeof v === "string" ? v : null);

/**
 * The bounds a domain edits within: the enterprise version its resolution follows (the latest
 * published one, which publishing rebases the domain on). The compute whitelist comes from the
 * domain's resolution when it has one.
 */
export function useEnterpriseLimits(enterpriseName: string | null, resolution: ResolutionView | null): EnterpriseLimits | null {
  const fromChain = resolution?.chain.find((link) => link.tier === "enterprise")?.version ?? null;
  // Only without a resolution does the enterprise's own detail (heavier) need loading.
  const enterprise = useManifest(fromChain ? "" : (enterpriseName ?? ""));
  const versionName = fromChain ?? (enterprise.data ? (latestVersion(enterprise.data)?.version ?? null) : null);
  const version = useVersion(enterpriseName ?? "", versionName);
  if (!enterpriseName || !version.data || !versionName) return null;
  const text = version.data.yaml;
  const fromResolution = valueAt(resolution?.resolved, "approved_plugins.compute");
  const whitelist = Array.isArray(fromResolution) ? fromResolution : readYamlIn(text, ["approved_plugins", "compute"]);
  return {
    name: enterpriseName,
    version: versionName,
    computeWhitelist: Array.isArray(whitelist) ? whitelist.map(String) : null,
    defaultCompute: str(readYamlIn(text, ["plugins", "compute", "type"])),
    retentionFloor: num(readYamlIn(text, ["governance", "data_retention_days"])),
    retentionCeiling: num(readYamlIn(text, ["governance_bounds", "data_retention_days", "max"])),
    enforcementFloor: str(readYamlIn(text, ["governance", "policy_enforcement_level"])),
  };
}
