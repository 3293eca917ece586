'use client';
import { useMemo, useState } from 'react';
import { metricInfo } from './experiment-format';
import { typedNumber } from './form-model';
import { computePlan } from './power-calc';

/**
 * Inline sample-size calculator: the primary metric's baseline (a rate, or a mean and its spread), the smallest
 * change that matters, α and power → users per variant, and how many days that takes at the traffic expected.
 * Computed in the browser with the same power functions the results use.
 */
export function PowerCalculator({
  primaryMetric,
  variants,
  holdoutPercent,
  onUse,
}: {
  primaryMetric: string;
  variants: number;
  holdoutPercent: number;
  onUse: (perVariant: number) => void;
}) {
  const metric = metricInfo(primaryMetric);
  const kind = metric.kind === 'proportion' ? 'proportion' : 'mean';
  const [baseline, setBaseline] = useState('30');
  const [mean, setMean] = useState('');
  const [sd, setSd] = useState('');
  const [mde, setMde] = useState('10');
  const [alpha, setAlpha] = useState('0.05');
  const [power, setPower] = useState('80');
  const [test, setTest] = useState<'sequential' | 'fixed'>('sequential');
  const [traffic, setTraffic] = useState('200');

  const plan = useMemo(
    () =>
      computePlan({
        kind,
        baselinePercent: typedNumber(baseline),
        mean: typedNumber(mean),
        sd: typedNumber(sd),
        mdePercent: typedNumber(mde),
        alpha: typedNumber(alpha),
        powerPercent: typedNumber(power),
        test,
        variants,
        trafficPerDay: typedNumber(traffic),
        holdoutPercent: Number.isFinite(holdoutPercent) ? holdoutPercent : 0,
        unit: metric.shortUnit,
      }),
    [kind, baseline, mean, sd, mde, alpha, power, test, variants, traffic, holdoutPercent, metric.shortUnit],
  );

  return (
    <div
      className="power-calculator"
      data-testid="power-calculator"
      role="group"
      aria-labelledby="power-heading"
    >
      <h3 id="power-heading" className="subheading">
        Power calculator · {metric.name}
      </h3>
      <div className="exp-row">
        {kind === 'proportion' ? (
          <label>
            Baseline rate (%)
            <input
              inputMode="decimal"
              size={6}
              value={baseline}
              onChange={(e) => setBaseline(e.target.value)}
            />
          </label>
        ) : (
          <>
            <label>
              Baseline mean ({metric.shortUnit})
              <input inputMode="decimal" size={8} value={mean} onChange={(e) => setMean(e.target.value)} />
            </label>
            <label>
              Standard deviation per user ({metric.shortUnit})
              <input inputMode="decimal" size={8} value={sd} onChange={(e) => setSd(e.target.value)} />
            </label>
          </>
        )}
        <label>
          Minimum detectable effect (% relative)
          <input inputMode="decimal" size={6} value={mde} onChange={(e) => setMde(e.target.value)} />
        </label>
        <label>
          α (two-sided)
          <select value={alpha} onChange={(e) => setAlpha(e.target.value)}>
            <option value="0.01">0.01</option>
            <option value="0.05">0.05</option>
            <option value="0.1">0.10</option>
          </select>
        </label>
        <label>
          Power (%)
          <input inputMode="decimal" size={4} value={power} onChange={(e) => setPower(e.target.value)} />
        </label>
        <label>
          Test
          <select value={test} onChange={(e) => setTest(e.target.value === 'fixed' ? 'fixed' : 'sequential')}>
            <option value="sequential">Sequential (the results&apos; default)</option>
            <option value="fixed">Fixed horizon</option>
          </select>
        </label>
        <label>
          Expected traffic (customers per day)
          <input inputMode="numeric" size={7} value={traffic} onChange={(e) => setTraffic(e.target.value)} />
        </label>
      </div>
      {plan.ok ? (
        <div className="exp-row">
          <p className="power-result" data-testid="power-result" role="status">
            {plan.summary}
          </p>
          <button type="button" className="secondary" onClick={() => onUse(plan.perVariant)}>
            Use {plan.perVariant.toLocaleString('en')} per variant
          </button>
        </div>
      ) : (
        <p className="field-error" data-testid="power-problem" role="status">
          {plan.problem}
        </p>
      )}
    </div>
  );
}
