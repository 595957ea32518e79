"use client";

import { RotateCcw, Undo2 } from "lucide-react";
import Link from "next/link";
import { useDecideRequest } from "@/components/api/hooks";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { personLabel, type ProductRequest } from "@/lib/client/api";

const tones: Record<string, BadgeTone> = { pending: "pending", approved: "valid", rejected: "broken", withdrawn: "neutral" };

/** A product's registration requests, newest first; the requester withdraws a pending one or asks again. */
export function RequestHistory({ product, domain, requests, canAct }: { product: string; domain: string; requests: ProductRequest[]; canAct: boolean }) {
  const decide = useDecideRequest();
  const latest = requests[0];
  const canReRequest = canAct && latest && (latest.status === "rejected" || latest.status === "withdrawn");
  return (
    <div className="flex flex-col gap-2">
      <ol aria-label="Registration requests" className="flex flex-col gap-2">
        {requests.map((r) => (
          <li key={r.id} className="flex items-start gap-3 rounded-md border border-slate-200 bg-white px-3 py-2">
            <Badge tone={tones[r.status] ?? "neutral"}>{r.status}</Badge>
            <div className="flex flex-1 flex-col gap-0.5 text-sm">
              <span>
                into <Link href={`/domains/${domain}`} className="font-medium text-indigo-700 hover:underline">{domain}</Link> by {personLabel(r.requestedBy)}
                {r.createdAt && <span className="text-slate-500"> · {new Date(r.createdAt).toLocaleString()}</span>}
              </span>
              {r.decidedBy && <span className="text-xs text-slate-500">decided by {personLabel(r.decidedBy)}{r.decidedAt ? ` · ${new Date(r.decidedAt).toLocaleString()}` : ""}</span>}
              {r.reason && <span className="text-sm text-red-800">Reason: {r.reason}</span>}
            </div>
            {canAct && r.status === "pending" && (
              <Button size="sm" onClick={() => decide.mutate({ id: r.id, decision: "withdraw" })} disabled={decide.isPending}>
                <Undo2 aria-hidden /> Withdraw
              </Button>
            )}
          </li>
        ))}
      </ol>
      {requests.length === 0 && <p className="text-sm text-slate-500">No registration requests.</p>}
      {canReRequest && (
        <Link href={`/requests/new?from=${encodeURIComponent(product)}`} className={buttonClasses({ variant: "primary" })}>
          <RotateCcw aria-hidden /> Request again
        </Link>
      )}
    </div>
  );
}
