"use client";

import { useState } from "react";
import { Button } from "./button";
import { Dialog, DialogContent, DialogFooter } from "./dialog";
import { Field } from "./field";
import { Textarea } from "./textarea";

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** Who will read the reason, and what the action does. */
  description: string;
  /** The confirming button's label, e.g. "Reject request". */
  action: string;
  pending: boolean;
  /** Called with the trimmed reason; close the dialog on success. */
  onConfirm: (reason: string) => void;
  /** Unique per page: the reason field's id. */
  id: string;
}

/** A destructive decision that must say why (the reason lands in the audit log and reaches the team). */
export function ReasonDialog({ open, onOpenChange, title, description, action, pending, onConfirm, id }: Props) {
  const [reason, setReason] = useState("");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={title} description={description}>
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm(reason.trim());
          }}
        >
          <Field label="Reason" htmlFor={`reason-${id}`}>
            <Textarea id={`reason-${id}`} required value={reason} onChange={(e) => setReason(e.target.value)} className="font-sans" />
          </Field>
          <DialogFooter>
            <Button variant="ghost" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={!reason.trim() || pending}>{action}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
