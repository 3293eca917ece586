'use client';
import { useState, type FormEvent } from 'react';
import type { ApiProblem } from '@/lib/client/api-fetch';
import type { BacktestRequest } from '@/lib/client/use-backtests';
import { backtestFieldErrors, defaultCutoff, DEFAULT_HORIZON_DAYS } from './backtest-format';

/**
 * Cut-off and horizon of a new backtest. The server's checks are the only ones (noValidate), so what it says —
 * a field message next to the field, a 422's sentence above the button — is what the user reads.
 */
export function BacktestForm({
  onRun,
  pending,
  error,
  timeZone,
}: {
  onRun: (request: BacktestRequest) => void;
  pending: boolean;
  error: ApiProblem | null;
  /** The store's zone, whose days the cut-off is (as the API says). */
  timeZone: string;
}) {
  const [cutoff, setCutoff] = useState(() => defaultCutoff(new Date(), timeZone));
  const [horizon, setHorizon] = useState(String(DEFAULT_HORIZON_DAYS));
  const { fields, other } = backtestFieldErrors(error?.errors ?? []);
  const hasFieldErrors = fields.cutoff !== undefined || fields.horizonDays !== undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // An empty horizon goes as 0, so the server answers with its bounds rather than a type error.
    onRun({ cutoff, horizonDays: horizon.trim() === '' ? 0 : Number(horizon) });
  };

  return (
    <form className="backtest-form" onSubmit={onSubmit} noValidate aria-label="Run a backtest">
      <div className="backtest-field">
        <label>
          Cut-off date ({timeZone})
          <input
            type="date"
            name="cutoff"
            value={cutoff}
            onChange={(e) => setCutoff(e.target.value)}
            aria-invalid={fields.cutoff !== undefined}
            aria-describedby={fields.cutoff ? 'backtest-cutoff-error' : undefined}
          />
        </label>
        {fields.cutoff ? (
          <span className="field-error" id="backtest-cutoff-error" data-testid="backtest-cutoff-error">
            {fields.cutoff}
          </span>
        ) : null}
      </div>
      <div className="backtest-field">
        <label>
          Horizon (days)
          <input
            type="number"
            name="horizonDays"
            inputMode="numeric"
            min={7}
            max={365}
            step={1}
            value={horizon}
            onChange={(e) => setHorizon(e.target.value)}
            aria-invalid={fields.horizonDays !== undefined}
            aria-describedby={fields.horizonDays ? 'backtest-horizon-error' : undefined}
          />
        </label>
        {fields.horizonDays ? (
          <span className="field-error" id="backtest-horizon-error" data-testid="backtest-horizon-error">
            {fields.horizonDays}
          </span>
        ) : null}
      </div>
      <button type="submit" disabled={pending}>
        {pending ? 'Running backtest…' : 'Run backtest'}
      </button>
      <p className="muted backtest-form-hint">
        The models are fitted on what was known at the cut-off and predict the horizon after it; cut-off plus
        horizon must lie in the past. Takes a few seconds.
      </p>
      {error && !hasFieldErrors ? (
        <p className="error" role="alert" data-testid="backtest-error">
          Could not run the backtest: {error.detail || error.message}
        </p>
      ) : null}
      {other.length && hasFieldErrors ? (
        <p className="error" role="alert">
          {other.join(' ')}
        </p>
      ) : null}
    </form>
  );
}
