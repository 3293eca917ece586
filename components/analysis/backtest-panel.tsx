'use client';
import { useStoreUnits } from '@/components/shell/store-units';
import { useMemo, useState } from 'react';
import { ChartCalibration } from '@/components/chart/chart-calibration';
import { useBacktests, useRunBacktest } from '@/lib/client/use-backtests';
import { BacktestFigures } from './backtest-figures';
import { BacktestScores } from './backtest-scores';
import { BacktestForm } from './backtest-form';
import { backtestOptionLabel } from './backtest-format';
import { toCalibrationSeries } from './backtest-rows';
import { startedLabel } from './run-format';

/**
 * Backtests on the Analysis page: run one (when the user may) and read how the models would have done — headline
 * scores and a calibration chart — for the newest or an earlier backtest.
 */
export function BacktestPanel({ canRun }: { canRun: boolean }) {
  const { timeZone } = useStoreUnits();
  const animate = process.env.NODE_ENV !== 'test';
  const list = useBacktests();
  const run = useRunBacktest();
  // null follows the newest, so a backtest just run is the one shown.
  const [chosen, setChosen] = useState<string | null>(null);
  const backtests = useMemo(() => list.data?.backtests ?? [], [list.data]);
  const shown = backtests.find((b) => b.runId === chosen) ?? backtests[0];
  const series = useMemo(() => (shown ? toCalibrationSeries(shown.score) : []), [shown]);

  return (
    <section className="card backtest-panel" aria-labelledby="backtests-heading" data-testid="backtest-panel">
      <header className="card-header">
        <h2 id="backtests-heading">Backtests</h2>
        <span className="muted">how the models would have done on history they did not see</span>
      </header>
      {canRun && list.data ? (
        <BacktestForm
          timeZone={list.data.timeZone}
          pending={run.isPending}
          error={run.error}
          onRun={(request) => run.mutate(request, { onSuccess: () => setChosen(null) })}
        />
      ) : null}
      {list.error ? (
        <p className="error" role="alert">
          Could not load the backtests: {list.error.message}
        </p>
      ) : null}
      {shown ? (
        <div data-testid="backtest-result" data-run-id={shown.runId}>
          <div className="backtest-picker">
            {backtests.length > 1 ? (
              <label>
                Backtest shown
                <select value={shown.runId} onChange={(e) => setChosen(e.target.value)}>
                  {backtests.map((b, i) => (
                    <option key={b.runId} value={b.runId}>
                      {backtestOptionLabel(b, timeZone)}
                      {i === 0 ? ' (newest)' : ''}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <p className="muted" data-testid="backtest-meta">
              Cut-off <strong>{shown.score.cutoff}</strong>, horizon{' '}
              <strong>{shown.score.horizonDays.toLocaleString('en')} days</strong> · run{' '}
              {startedLabel(shown.startedAt, timeZone)} by {shown.requestedBy}
            </p>
          </div>
          <BacktestFigures backtest={shown} />
          <h3 className="subheading">Against naive forecasts</h3>
          <BacktestScores backtest={shown} />
          <h3 className="subheading">Calibration</h3>
          <p className="muted">
            Customers grouped by their predicted chance; each dot shows how many of them it really happened to
            (bigger dots, more customers). Dots on the dashed line mean the percentages can be taken at face
            value; below it the models promised too much, above it too little.
          </p>
          <ChartCalibration series={series} animate={animate} />
        </div>
      ) : list.isSuccess ? (
        <p className="muted" data-testid="no-backtests">
          No backtest yet.{canRun ? ' Run one above: the defaults test the last 90 days.' : ''}
        </p>
      ) : null}
    </section>
  );
}
