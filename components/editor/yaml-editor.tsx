"use client";

import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import type { Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import CodeMirror, { type ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { useEffect, useMemo, useRef } from "react";
import type { Violation } from "@/lib/violations";

/** A violation's line:column as a document range (the rest of that line, so the squiggle is visible). */
function rangeOf(doc: Text, v: Violation): { from: number; to: number } {
  const line = doc.line(Math.min(Math.max(v.line || 1, 1), doc.lines));
  const from = Math.min(line.from + Math.max((v.column || 1) - 1, 0), line.to);
  return { from, to: line.to > from ? line.to : Math.min(from + 1, doc.length) };
}

export function toDiagnostics(doc: Text, violations: readonly Violation[]): Diagnostic[] {
  return violations.map((v) => ({ ...rangeOf(doc, v), severity: v.severity, source: v.code, message: v.message }));
}

/** CodeMirror 6 with YAML mode; `violations` appear inline at their line and in the gutter. */
export function YamlEditor({ value, onChange, violations, readOnly = false, label, height = "32rem", editorRef }: {
  value: string;
  onChange?: (text: string) => void;
  violations: readonly Violation[];
  readOnly?: boolean;
  label: string;
  height?: string;
  editorRef?: React.RefObject<ReactCodeMirrorRef | null>;
}) {
  const ownRef = useRef<ReactCodeMirrorRef>(null);
  const ref = editorRef ?? ownRef;
  const extensions = useMemo(
    // An explicit tab stop on the text, also when read-only (not contenteditable), so keyboard users can scroll it.
    () => [yaml(), lintGutter(), EditorView.lineWrapping, EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" })],
    [label],
  );

  useEffect(() => {
    const view = ref.current?.view;
    if (view) view.dispatch(setDiagnostics(view.state, toDiagnostics(view.state.doc, violations)));
  }, [violations, value, ref]);

  return (
    <div className="overflow-hidden rounded-md border border-slate-300 text-[13px] focus-within:border-indigo-500" data-testid="yaml-editor">
      <CodeMirror
        ref={ref}
        value={value}
        onChange={onChange}
        readOnly={readOnly}
        editable={!readOnly}
        height={height}
        extensions={extensions}
        basicSetup={{ foldGutter: true, highlightActiveLine: !readOnly, autocompletion: false }}
        onCreateEditor={(view) => view.dispatch(setDiagnostics(view.state, toDiagnostics(view.state.doc, violations)))}
      />
    </div>
  );
}

/** Moves the cursor to a violation and focuses the editor. */
export function revealViolation(ref: React.RefObject<ReactCodeMirrorRef | null>, v: Violation) {
  const view = ref.current?.view;
  if (!view) return;
  const { from } = rangeOf(view.state.doc, v);
  view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
  view.focus();
}
