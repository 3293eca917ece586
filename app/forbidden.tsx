import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="sign-in-page">
      <div className="sign-in-card">
        <h1>No access</h1>
        <p>Your role may not open this section. Ask an admin if you need it.</p>
        <Link href="/">Back to the Overview</Link>
      </div>
    </main>
  );
}
