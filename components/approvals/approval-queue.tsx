"use client";

import { Check, Inbox, X } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useDecideRequest, useRequests } from "@/components/api/hooks";
import { QueryView } from "@/components/api/query-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { personLabel, type ListedRequest } from "@/lib/client/api";

/** Pending registration requests of one domain; the owner approves, or rejects with a reason. */
export function ApprovalQueue({ domain, canDecide }: { domain: string; canDecide: boolean }) {
  const requests = useRequests({ domain, status: "pending" });
  return (
    <QueryView query={requests}>
      {(items) =>
        items.length === 0 ? (
          <EmptyState icon={Inbox} title="No pending requests" description={`Product teams asking to join ${domain} show up here.`} />
        ) : (
          <ul aria-label="Pending requests" className="flex flex-col gap-2">
            {items.map((r) => <RequestCard key={r.id} request={r} canDecide={canDecide && r.canDecide !== false} />)}
          </ul>
        )
      }
    </QueryView>
  );
}

function RequestCard({ request, canDecide }: { request: ListedRequest; canDecide: boolean }) {
  const decide = useDecideRequest();
  const [rejecting, setRejecting] = useState(false);
  const headingId = `request-${request.id}`;
  return (
    <li aria-labelledby={headingId} className="flex items-start gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <div className="flex items-center gap-2">
          <h3 id={headingId} className="font-semibold">{request.name}</h3>
          <Badge tone="pending">{request.status}</Badge>
          {request.team && <span className="text-xs text-slate-500">team {request.team}</span>}
        </div>
        {request.description && <p className="text-sm text-slate-600">{request.description}</p>}
        <p className="text-xs text-slate-500">
          requested by {personLabel(request.requestedBy)}
          {request.createdAt ? ` · ${new Date(request.createdAt).toLocaleString()}` : ""} · <Link className="text-indigo-700 underline" href={`/products/${request.name}`}>view floe.yaml</Link>
        </p>
      </div>
      {canDecide && (
        <div className="flex shrink-0 gap-2">
          <Button size="sm" variant="primary" disabled={decide.isPending} onClick={() => decide.mutate({ id: request.id, decision: "approve", revision: request.product?.revision ?? 0 })} aria-label={`Approve ${request.name}`}>
            <Check aria-hidden /> Approve
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setRejecting(true)} aria-label={`Reject ${request.name}`}>
            <X aria-hidden /> Reject
          </Button>
        </div>
      )}
      <ReasonDialog
        open={rejecting}
        onOpenChange={setRejecting}
        title={`Reject ${request.name}`}
        description="The requesting team sees this reason."
        action="Reject request"
        pending={decide.isPending}
        onConfirm={(reason) => decide.mutate({ id: request.id, decision: "reject", reason }, { onSuccess: () => setRejecting(false) })}
        id={request.id}
      />
    </li>
  );
}
