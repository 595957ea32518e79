import type { ComponentProps } from "react";
import { cn } from "./cn";
import { controlClasses } from "./field-styles";

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(controlClasses, "min-h-20 py-1.5 font-mono text-[13px]", className)} {...props} />;
}
