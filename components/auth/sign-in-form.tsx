"use client";

import { KeyRound, LogIn } from "lucide-react";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { authClient } from "./auth-client";

export interface DemoAccount {
  email: string;
  name: string;
  summary: string;
}

export function SignInForm({ next, demoAccounts, demoPassword, passwordSignIn, sso, initialError }: {
  /** Where to go after signing in (a path inside the console). */
  next: string;
  demoAccounts: DemoAccount[];
  demoPassword: string;
  /** Email + password sign-in offered (off with SSO outside the demo, MESH_PASSWORD_SIGNIN). */
  passwordSignIn: boolean;
  sso: { providerId: string; name: string } | null;
  initialError: string | null;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const submitRef = useRef<HTMLButtonElement>(null);

  async function signIn(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const { error } = await authClient.signIn.email({ email, password });
    if (error) {
      setPending(false);
      setError(error.status === 401 ? "Wrong email or password." : (error.message ?? "Sign-in failed. Try again."));

      return;
    }
    // A full load, so the root layout renders the console frame for the signed-in user.
    window.location.assign(next);
  }

  async function signInWithSso() {
    if (!sso) return;
    setPending(true);
    const { error } = await authClient.signIn.social({
      provider: sso.providerId,
      callbackURL: next,
      errorCallbackURL: "/sign-in",
    });
    if (error) {
      setPending(false);
      setError(error.message ?? "Single sign-on is not available right now.");
    }
  }

  function fill(account: DemoAccount) {
    setEmail(account.email);
    setPassword(demoPassword);
    setError(null);
    submitRef.current?.focus();
  }

  return (
    <div className="flex flex-col gap-5">
      {sso && (
        <>
          <Button variant="primary" size="lg" onClick={signInWithSso} disabled={pending}>
            <KeyRound aria-hidden />
            Sign in with {sso.name}
          </Button>
          {passwordSignIn && (
            <p className="flex items-center gap-3 text-xs text-slate-500 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
              or with email
            </p>
          )}
        </>
      )}
      {!passwordSignIn && error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {passwordSignIn && (
        <form onSubmit={signIn} className="flex flex-col gap-3">
          <Field label="Email" htmlFor="email">
            <Input
              id="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error !== null}
            />
          </Field>
          <Field label="Password" htmlFor="password">
            <Input
              id="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error !== null}
            />
          </Field>
          {error && (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          )}
          <Button ref={submitRef} type="submit" variant={sso ? "secondary" : "primary"} size="lg" disabled={pending}>
            <LogIn aria-hidden />
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
      )}
      {demoAccounts.length > 0 && (
        <section aria-labelledby="demo-accounts" className="flex flex-col gap-2">
          <h2 id="demo-accounts" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Demo accounts <span className="font-normal normal-case">(password {demoPassword})</span>
          </h2>
          <ul className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <button
                  type="button"
                  onClick={() => fill(account)}
                  className="flex w-full flex-col items-start px-3 py-2 text-left hover:bg-slate-50 focus-visible:bg-slate-50"
                >
                  <span className="text-sm font-medium text-slate-900"><span className="sr-only">Use </span>{account.name}</span>
                  <span className="text-xs text-slate-500">
                    {account.email} · {account.summary}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
