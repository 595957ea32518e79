"use client";

import { useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useImpactMarks, useManifests } from "@/components/api/hooks";
import { ErrorPanel, Loading } from "@/components/api/query-state";
import { apiFetch } from "@/lib/client/api";
import { isFilterActive, nodeMatcher, type TreeFilter } from "@/lib/tree/filter";
import { flattenVisible } from "@/lib/tree/flatten";
import { IMPACT_COLOURS, impactMarks } from "@/lib/tree/impact";
import { capExpanded, defaultExpanded, layoutTree } from "@/lib/tree/layout";
import type { TreeModel, TreeNode } from "@/lib/tree/model";
import { computesOf, overlayColour, type Overlay } from "@/lib/tree/overlay";
import { parseViewState, viewStateParams, withSelectionShown, type TreeViewState } from "@/lib/tree/view-state";
import { cn } from "@/components/ui/cn";
import { decodeTree, type WireTree } from "@/lib/tree/wire";
import { TreeCanvas } from "./tree-canvas";
import type { FocusRequest } from "./focus";
import { TreeMinimap } from "./tree-minimap";
import { TreeOutline } from "./tree-outline";
import { TreeSidePanel } from "./tree-side-panel";
import { TreeToolbar } from "./tree-toolbar";

export const treeQueryKey = ["tree"] as const;

export function TreeView() {
  const tree = useQuery({ queryKey: treeQueryKey, queryFn: async () => decodeTree(await apiFetch<WireTree>("/api/tree")) });
  if (tree.error) return <div className="p-6"><ErrorPanel error={tree.error} title="Could not load the organisation tree" /></div>;
  if (!tree.data) return <div className="p-6"><Loading label="Loading the organisation tree…" /></div>;
  return (
    <ReactFlowProvider>
      <LoadedTree model={tree.data} />
    </ReactFlowProvider>
  );
}

/**
 * The view's state, mirrored into the URL (shareable links; history entries are replaced, not
 * pushed). Held in React state so typing and expanding never wait for the router's URL update,
 * and read from the URL again only when a navigation (not our own write) changes it.
 */
function useViewState(model: TreeModel): [TreeViewState, (next: TreeViewState) => void] {
  const params = useSearchParams();
  const query = params.toString();
  // A link names the selection: its domain opens, whichever way the link was made (`?sel=` alone too).
  const read = (q: string) => withSelectionShown(model, parseViewState(new URLSearchParams(q)));
  const [view, setViewState] = useState(() => read(query));
  // URLs we wrote ourselves: the router reports them late, one by one, and they must not roll the state back.
  const ours = useRef(new Set([query]));
  useEffect(() => {
    if (ours.current.delete(query)) return;
    setViewState(read(query));
  }, [query]); // eslint-disable-line react-hooks/exhaustive-deps
  const setView = useCallback((next: TreeViewState) => {
    setViewState(next);
    const written = viewStateParams(next).toString();
    ours.current.add(written);
    window.history.replaceState(null, "", written ? `?${written}` : window.location.pathname);
  }, []);
  return [view, setView];
}

function LoadedTree({ model }: { model: TreeModel }) {
  const [view, setView] = useViewState(model);
  const open = useMemo(() => view.open ?? defaultExpanded(model), [view.open, model]);
  const openSet = useMemo(() => new Set(open), [open]);
  const layout = useMemo(() => layoutTree(model, { expanded: open }), [model, open]);
  const rows = useMemo(() => flattenVisible(model, openSet, view.filter), [model, openSet, view.filter]);
  const computes = useMemo(() => computesOf(model.nodes.values()), [model]);
  const matchCount = useMemo(() => {
    if (!isFilterActive(view.filter)) return null;
    const matches = nodeMatcher(view.filter);
    let n = 0;
    for (const node of model.nodes.values()) if (node.kind !== "enterprise" && matches(node)) n++;
    return n;
  }, [model, view.filter]);

  // Impact overlay: what the chosen manifest's draft would change or break, node by node.
  const impact = useImpactMarks(view.impact ?? "", Boolean(view.impact));
  const marks = useMemo(() => (view.impact && impact.data ? impactMarks(model, impact.data.marks) : null), [model, view.impact, impact.data]);
  const colourOf = useCallback(
    (n: TreeNode) => (marks ? IMPACT_COLOURS[marks.get(n.id) ?? "unaffected"] : overlayColour(view.overlay, n)),
    [marks, view.overlay],
  );
  const manifests = useManifests();
  const drafts = useMemo(() => (manifests.data ?? []).filter((m) => m.draftChanged && m.canEdit).map((m) => m.name), [manifests.data]);

  // Which view should bring the selection into sight: the other one than where it was made.
  const [canvasFocus, setCanvasFocus] = useState<FocusRequest>({ id: view.selected, seq: 1 });
  const [outlineFocus, setOutlineFocus] = useState<FocusRequest>({ id: view.selected, seq: 1 });

  // Latest view for callbacks handed to memoised nodes, so they stay stable across renders.
  const latest = useRef({ view, open });
  latest.current = { view, open };

  const withOpen = useCallback((ids: string[]) => ({ ...latest.current.view, open: ids }), []);
  const toggle = useCallback(
    (domainId: string) => {
      const current = latest.current.open;
      setView(withOpen(current.includes(domainId) ? current.filter((id) => id !== domainId) : capExpanded(model, [...current, domainId])));
      setCanvasFocus((f) => ({ id: domainId, seq: f.seq + 1 }));
    },
    [model, setView, withOpen],
  );
  /** Opens a domain as the newest, so it is the one drawn product by product when the node budget forces tiles. */
  const reveal = useCallback(
    (domainId: string) => {
      const current = latest.current.open;
      if (current.at(-1) !== domainId) setView(withOpen(capExpanded(model, [...current.filter((id) => id !== domainId), domainId])));
    },
    [model, setView, withOpen],
  );
  const expand = useCallback(
    (domainId: string) => {
      reveal(domainId);
      setCanvasFocus((f) => ({ id: domainId, seq: f.seq + 1 }));
    },
    [reveal],
  );
  /** Selects a node; a product inside a closed domain opens it, so the canvas can show it. */
  const select = useCallback(
    (id: string, from: "canvas" | "outline") => {
      const { view: v, open: current } = latest.current;
      const parent = model.nodes.get(id)?.parent;
      // Picked elsewhere than the canvas, its domain becomes the newest open one: drawn product by product, not as tiles.
      const reveal = model.nodes.get(id)?.kind === "product" && parent && (from === "canvas" ? !current.includes(parent) : current.at(-1) !== parent);
      setView({ ...v, selected: id, open: reveal ? capExpanded(model, [...current.filter((d) => d !== parent), parent]) : current });
      if (from === "canvas") setOutlineFocus((f) => ({ id, seq: f.seq + 1 }));
      else setCanvasFocus((f) => ({ id, seq: f.seq + 1 }));
    },
    [model, setView],
  );
  const selectFromCanvas = useCallback((id: string) => select(id, "canvas"), [select]);
  const selectFromOutline = useCallback((id: string) => select(id, "outline"), [select]);
  const setFilter = useCallback((filter: TreeFilter) => setView({ ...latest.current.view, filter }), [setView]);
  const setOverlay = useCallback((overlay: Overlay) => setView({ ...latest.current.view, overlay }), [setView]);
  const setImpact = useCallback((name: string | null) => setView({ ...latest.current.view, impact: name }), [setView]);

  const close = useCallback(() => setView({ ...latest.current.view, selected: null }), [setView]);

  const selected = view.selected ? model.nodes.get(view.selected) : undefined;
  // On narrow screens the panel is a sheet over the canvas's lower half: the canvas keeps the selection in what is left.
  const canvasBox = useRef<HTMLDivElement>(null);
  const panelBox = useRef<HTMLElement>(null);
  const coveredBy = useCallback(() => {
    const c = canvasBox.current?.getBoundingClientRect(), p = panelBox.current?.getBoundingClientRect();
    if (!c || !p || p.left >= c.right || p.right <= c.left || p.top >= c.bottom || p.bottom <= c.top) return null;
    return { left: p.left - c.left, top: p.top - c.top, right: p.right - c.left, bottom: p.bottom - c.top };
  }, []);

  return (
    <div className="flex h-full flex-col">
      <TreeToolbar
        filter={view.filter}
        overlay={view.overlay}
        computes={computes}
        matchCount={matchCount}
        onFilter={setFilter}
        onOverlay={setOverlay}
        impact={{ name: view.impact, drafts, marks, pending: impact.isFetching, error: impact.error }}
        onImpact={setImpact}
      />
      {view.selected && !selected && <NotInTree id={view.selected} onDismiss={close} />}
      <div className={cn("relative grid min-h-0 flex-1 grid-cols-[13rem_1fr] lg:grid-cols-[18rem_1fr]", selected && "lg:grid-cols-[18rem_1fr_24rem]")}>
        <div className="flex min-h-0 flex-col border-r border-slate-200 bg-white">
          <div className="min-h-0 flex-1">
            <TreeOutline rows={rows} selected={view.selected} onSelect={selectFromOutline} onToggle={toggle} focusRequest={outlineFocus} />
          </div>
          <TreeMinimap nodes={layout.nodes} colourOf={colourOf} />
        </div>
        <div ref={canvasBox} className="relative min-h-0 bg-slate-50" data-testid="tree-canvas">
          <TreeCanvas
            model={model}
            layout={layout}
            selected={view.selected}
            filter={view.filter}
            marks={marks}
            onSelect={selectFromCanvas}
            onToggle={toggle}
            onExpand={expand}
            onReveal={reveal}
            focusRequest={canvasFocus}
            coveredBy={coveredBy}
            colourOf={colourOf}
          />
        </div>
        {selected && (
          <aside
            ref={panelBox}
            data-testid="tree-side-panel"
            className="absolute right-0 bottom-0 left-[13rem] z-20 h-1/2 min-h-0 border-t border-slate-200 bg-white shadow-lg lg:static lg:h-auto lg:border-t-0 lg:border-l lg:shadow-none"
          >
            <TreeSidePanel key={selected.id} node={selected} onClose={close} />
          </aside>
        )}
      </div>
    </div>
  );
}

/**
 * A link selected something the tree does not show: say so instead of opening on nothing. Products
 * leave the tree when removed, rejected or withdrawn; their page still shows their history.
 */
function NotInTree({ id, onDismiss }: { id: string; onDismiss: () => void }) {
  const product = id.startsWith("p:") ? id.slice(2) : null;
  return (
    <div role="status" className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      <span>
        {product ? (
          <>
            The product <strong>{product}</strong> is not in the tree: it shows approved and pending products, not removed, rejected or withdrawn ones.{" "}
            <Link className="underline" href={`/products/${encodeURIComponent(product)}`}>Open its page</Link>
          </>
        ) : (
          <>Nothing named <strong>{id}</strong> is in the tree.</>
        )}
      </span>
      <button type="button" onClick={onDismiss} className="ml-auto rounded px-2 py-0.5 text-amber-900 underline hover:bg-amber-100">Dismiss</button>
    </div>
  );
}
