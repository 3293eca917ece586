import { Suspense } from 'react';
import { SignInForm } from '@/components/sign-in-form';

export const metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <main className="sign-in-page">
      <div className="sign-in-card">
        <h1>Customer Pulse</h1>
        <p className="muted">Sign in to the dashboard.</p>
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </main>
  );
}
