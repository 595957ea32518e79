"use client";

import { GitMerge } from "lucide-react";
import { useState } from "react";
import { YamlDiff } from "@/components/diff/yaml-diff";
import { Button } from "@/components/ui/button";

/** 409 on save: what the user typed stays; they choose to take the other version or overwrite it. */
export function ConflictNotice({ mine, theirs, onReloadTheirs, onKeepMine }: {
  mine: string;
  theirs: { yaml: string; revision: number };
  onReloadTheirs: () => void;
  onKeepMine: () => void;
}) {
  const [showDiff, setShowDiff] = useState(true);
  return (
    <section role="alert" aria-labelledby="conflict-title" className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3">
      <div className="flex items-start gap-3">
        <GitMerge aria-hidden className="mt-0.5 size-5 text-amber-700" />
        <div className="flex flex-1 flex-col gap-0.5">
          <h2 id="conflict-title" className="font-semibold text-amber-900">Conflict: someone else saved this draft (revision {theirs.revision})</h2>
          <p className="text-sm text-amber-900">Your changes are kept in the editor and were not saved. Reload their version, or keep yours and save over it.</p>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button size="sm" variant="ghost" onClick={() => setShowDiff((s) => !s)} aria-expanded={showDiff}>
            {showDiff ? "Hide" : "Show"} differences
          </Button>
          <Button size="sm" onClick={onReloadTheirs}>Reload theirs</Button>
          <Button size="sm" variant="primary" onClick={onKeepMine}>Keep mine</Button>
        </div>
      </div>
      {showDiff && <YamlDiff before={theirs.yaml} after={mine} beforeLabel={`Theirs (revision ${theirs.revision})`} afterLabel="Yours (unsaved)" />}
    </section>
  );
}
