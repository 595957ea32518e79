"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { useRemoveProduct } from "@/components/api/hooks";
import { Button } from "@/components/ui/button";
import { ReasonDialog } from "@/components/ui/reason-dialog";

/** The domain owner's "take this product out of the domain", with the reason the team will read. */
export function RemoveProductButton({ name, domain }: { name: string; domain: string }) {
  const remove = useRemoveProduct();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`Remove ${name}`}>
        <Trash2 aria-hidden /> Remove
      </Button>
      <ReasonDialog
        open={open}
        onOpenChange={setOpen}
        title={`Remove ${name} from ${domain}`}
        description={`Publishes a new ${domain} version without ${name} in its approved products. The product's team sees this reason in the audit log.`}
        action="Remove product"
        pending={remove.isPending}
        onConfirm={(reason) => remove.mutate({ name, reason }, { onSuccess: () => setOpen(false) })}
        id={`remove-${name}`}
      />
    </>
  );
}
