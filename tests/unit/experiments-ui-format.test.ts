import { describe, expect, it } from 'vitest';
import {
  analyzerLabel,
  daysRunningLabel,
  decisionText,
  decisionTone,
  formatAbsoluteEffect,
  formatChance,
  formatNumber,
  formatPValue,
  formatRelative,
  formatValue,
  metricInfo,
  shortUnitOf,
} from '@/components/experiments/experiment-format';
import { emptyListMessage, parseStatusFilter, statusSearch } from '@/components/experiments/list-params';

describe('metric units', () => {
  it('shows shares in percent and means with the head of their unit', () => {
    const accuracy = metricInfo('accuracy');
    const cost = metricInfo('cost_usd');
    const latency = metricInfo('latency_ms');
    expect(formatValue(0.4213, accuracy)).toBe('42.1 %');
    expect(formatValue(0.00213, cost)).toBe('0.00213 USD');
    expect(formatValue(842.4, latency)).toBe('842 ms');
    expect(formatValue(12345.6, latency)).toBe('12,346 ms');
    expect(formatValue(null, latency)).toBe('—');
    expect(cost.unit).toBe('USD per analysis');
  });

  it('names a custom metric by its declared unit and an unknown one plainly', () => {
    const custom = [
      { key: 'basket_eur', name: 'Basket', kind: 'mean', direction: 'higher', unit: 'EUR per order' },
    ] as const;
    expect(metricInfo('basket_eur', custom)).toMatchObject({ name: 'Basket', shortUnit: 'EUR' });
    expect(metricInfo('nope').shortUnit).toBe('value');
    expect(shortUnitOf('clicks', 'mean')).toBe('clicks');
    expect(shortUnitOf('anything', 'proportion')).toBe('%');
  });

  it('signs effects: percentage points for shares, the unit for means', () => {
    expect(formatAbsoluteEffect(0.052, metricInfo('accuracy'))).toBe('+5.2 pp');
    expect(formatAbsoluteEffect(-0.0004, metricInfo('accuracy'))).toBe('0.0 pp');
    expect(formatAbsoluteEffect(-12.5, metricInfo('latency_ms'))).toBe('−12.5 ms');
    expect(formatRelative(0.123)).toBe('+12.3 %');
    expect(formatRelative(-0.05)).toBe('−5.0 %');
    expect(formatRelative(0)).toBe('0.0 %');
    expect(formatNumber(-0.000123456)).toBe('−0.000123');
  });

  it('keeps p-values and chances readable at the extremes', () => {
    expect(formatPValue(0.0004)).toBe('< 0.001');
    expect(formatPValue(0.0342)).toBe('0.034');
    expect(formatPValue(null)).toBe('—');
    expect(formatChance(0.9996)).toBe('> 99 %');
    expect(formatChance(1)).toBe('100 %');
    expect(formatChance(0.004)).toBe('< 1 %');
    expect(formatChance(0.5)).toBe('50 %');
  });
});

describe('list labels', () => {
  it('gives the decision badge its words and tone', () => {
    const ship = { action: 'ship', variant: 'haiku', label: 'ship haiku', reason: '' } as const;
    expect(decisionText(ship, 'running')).toBe('ship haiku');
    expect(decisionTone(ship)).toBe('ship');
    expect(decisionTone({ ...ship, action: 'stop-guardrail', label: 'stop: guardrail' })).toBe('stop');
    expect(decisionTone({ ...ship, action: 'no-difference', label: 'no difference' })).toBe('none');
    expect(decisionTone({ ...ship, action: 'keep-running', label: 'keep running' })).toBe('keep');
    expect(decisionText(null, 'draft')).toBe('not started');
    expect(decisionTone(null)).toBe('draft');
  });

  it('counts days and names analyzers', () => {
    expect(daysRunningLabel(null)).toBe('not started');
    expect(daysRunningLabel(1)).toBe('1 day');
    expect(daysRunningLabel(14)).toBe('14 days');
    expect(analyzerLabel({ provider: 'bedrock', model: 'sonnet', promptVersion: 'insight-v1' })).toBe(
      'Claude sonnet · prompt insight-v1',
    );
    expect(analyzerLabel({ provider: 'statistical' })).toMatch(/^Statistical/);
  });

  it('reads the status filter from the URL, ignoring unknown values', () => {
    expect(parseStatusFilter('running')).toBe('running');
    expect(parseStatusFilter(['paused', 'running'])).toBe('paused');
    expect(parseStatusFilter('bogus')).toBe('');
    expect(parseStatusFilter(undefined)).toBe('');
    expect(statusSearch('stopped')).toBe('?status=stopped');
    expect(statusSearch('')).toBe('');
    expect(emptyListMessage('running', true)).toBe('No running experiments.');
    expect(emptyListMessage('', false)).toBe('No experiments yet.');
  });
});
