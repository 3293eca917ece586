'use client';
import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { safeCallbackPath } from '@/lib/auth/safe-callback';

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    }).catch(() => ({ error: 'Unreachable', ok: false }) as const);
    setPending(false);
    if (result?.error === 'Unreachable') {
      setError('The server could not be reached. Check the connection and try again.');
      return;
    }
    if (!result || result.error) {
      setError(
        result?.error === 'TooManyAttempts'
          ? 'Too many sign-in attempts. Wait a few minutes and try again.'
          : 'Email or password is wrong.',
      );
      return;
    }
    // Only same-site paths: an open redirect after sign-in would hand people to phishing pages.
    router.replace(safeCallbackPath(params.get('callbackUrl'), window.location.origin));
    router.refresh();
  }

  return (
    <form className="sign-in" onSubmit={onSubmit} aria-label="Sign in">
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
