'use client';
import { useModelView } from '@/lib/client/use-privacy';

/** "What the model sees": the pseudonymized features, whether consent lets them leave, and what never does. */
export function ModelView({ customerId }: { customerId: string }) {
  const view = useModelView(customerId);
  if (view.error) return view.error.status === 404 ? null : <p className="error">{view.error.message}</p>;
  if (!view.data) return null;
  return (
    <div className="model-view" data-testid="model-view">
      <h3>What the model sees</h3>
      <p className={view.data.sent ? 'ok' : 'muted'} data-testid="model-view-sent">
        {view.data.reason}
      </p>
      <pre>{JSON.stringify(view.data.input, null, 2)}</pre>
      <p className="muted">Never sent: {view.data.withheld.join(', ')}.</p>
    </div>
  );
}
