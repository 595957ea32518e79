import type { ComponentProps } from "react";
import { cn } from "./cn";
import { controlClasses } from "./field-styles";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(controlClasses, "h-8", className)} {...props} />;
}
