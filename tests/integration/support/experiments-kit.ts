import { expect } from 'vitest';
import { putItem, queryItems } from '@/lib/db/items';
import { createExperiment } from '@/lib/experiments/create-experiment';
import type { ExperimentDefinitionInput } from '@/lib/experiments/experiment';
import { transitionExperiment } from '@/lib/experiments/transition-experiment';
import { DomainError } from '@/lib/errors/domain-error';
import { toApiError, type ApiError } from '@/lib/http/errors';
import { appendConsent } from '@/lib/privacy/consent/append-consent';

/** Customers without a consent entry allow what experiments need (call before the stack starts). */
export function grantExperimentDefaults(): void {
  process.env.CONSENT_DEFAULT_GRANTED = 'analytics,personalization,ai_processing';
}

export const BY = 'marketing@example.com';
export const STATISTICAL = { provider: 'statistical' as const };
export const HAIKU = { provider: 'bedrock' as const, model: 'haiku' };

export const definition = (
  key: string,
  overrides: Partial<ExperimentDefinitionInput> = {},
): ExperimentDefinitionInput => ({
  key,
  name: `Experiment ${key}`,
  hypothesis: 'Claude Haiku predicts next purchases better than the statistical text, at under a cent each.',
  variants: [
    { name: 'control', analyzer: STATISTICAL, weight: 50 },
    { name: 'haiku', analyzer: HAIKU, weight: 50 },
  ],
  controlVariant: 'control',
  primaryMetric: 'accuracy',
  secondaryMetrics: ['cost_usd'],
  guardrails: [{ metric: 'latency_ms', tolerancePercent: 20 }],
  ...overrides,
});

export async function started(key: string, overrides: Partial<ExperimentDefinitionInput> = {}) {
  await createExperiment(definition(key, overrides), BY);
  return transitionExperiment(key, { to: 'running' }, { by: BY });
}

/** The DomainError the promise rejects with, as the API answers it (status, title, detail, field errors). */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return toApiError(error, 'test');
}

export const customer = (customerId: string, segment?: string) =>
  putItem('customers', {
    customerId,
    firstName: 'Test',
    lastName: 'Shopper',
    email: `${customerId}@example.com`,
    city: 'Utrecht',
    postcode: '3511',
    createdAt: '2025-01-01T00:00:00.000Z',
    ...(segment ? { segment } : {}),
  });

export const withdraw = (customerId: string, purpose: 'personalization' | 'ai_processing') =>
  appendConsent({
    customerId,
    changes: { [purpose]: false },
    policyVersion: '1',
    noticeText: 'notice',
    source: 'officer',
    actor: { kind: 'user', id: 'privacy@example.com' },
    gpc: false,
  });

export const assignmentRows = (experimentId: string) =>
  queryItems('experiment_assignments', {
    keyCondition: 'experimentId = :e',
    values: { ':e': experimentId },
    consistent: true,
  });
