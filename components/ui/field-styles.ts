/** Shared look of text-like form controls (Input, Textarea, Select). */
export const controlClasses =
  "w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 " +
  "focus-visible:border-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 " +
  "aria-[invalid=true]:border-red-500";
