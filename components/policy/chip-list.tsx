"use client";

import { Plus, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** Editable list of short values shown as chips; Enter or "Add" appends, the × removes. */
export function ChipList({ id, label, values, onChange, readOnly, placeholder = "Add…", suggestions = [] }: {
  id: string;
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  readOnly: boolean;
  placeholder?: string;
  /** Offered as the input's autocomplete (values already listed are left out); any other value is accepted too. */
  suggestions?: readonly string[];
}) {
  const [draft, setDraft] = useState("");
  const add = () => {
    const v = draft.trim();
    if (v && !values.includes(v)) onChange([...values, v]);
    setDraft("");
  };
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <ul aria-label={label} className="contents">
        {values.map((v) => (
          <li key={v} className="inline-flex items-center gap-1 rounded-full border border-indigo-200 bg-indigo-50 py-0.5 pr-1 pl-2.5 text-xs font-medium text-indigo-800">
            {v}
            {!readOnly && (
              <button type="button" aria-label={`Remove ${v} from ${label}`} onClick={() => onChange(values.filter((x) => x !== v))} className="rounded-full p-0.5 hover:bg-indigo-100">
                <X aria-hidden className="size-3" />
              </button>
            )}
          </li>
        ))}
        {values.length === 0 && <li className="text-xs text-slate-500">none (nothing approved)</li>}
      </ul>
      {!readOnly && (
        <span className="inline-flex items-center gap-1">
          <Input
            id={id}
            list={suggestions.length ? `${id}-suggestions` : undefined}
            aria-label={`Add to ${label}`}
            value={draft}
            placeholder={placeholder}
            className="h-7 w-28 text-xs"
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
          {suggestions.length > 0 && (
            <datalist id={`${id}-suggestions`}>
              {suggestions.filter((s) => !values.includes(s)).map((s) => <option key={s} value={s} />)}
            </datalist>
          )}
          <Button size="sm" variant="ghost" aria-label={`Add to ${label}`} onClick={add} disabled={!draft.trim()}>
            <Plus aria-hidden />
          </Button>
        </span>
      )}
    </div>
  );
}
