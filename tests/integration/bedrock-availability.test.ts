import { describe, expect, it } from 'vitest';
import { HAIKU, SONNET, input, good, bedrockSuite } from './support/bedrock';

// Claude on Bedrock when it is slow, throttled or down: the real BedrockRuntimeClient (through lib/ai) against a Converse-compatible server.
const converse = bedrockSuite();

describe('Bedrock analyzer: availability', () => {
  it('retries throttling with jittered exponential backoff, then uses the answer', async () => {
    const sleeps: number[] = [];
    converse.server.script({ kind: 'throttle' }, { kind: 'unavailable' }, { kind: 'json', value: good });
    const result = await converse
      .analyzer({
        throttle: { attempts: 3, baseDelayMs: 100 },
        sleep: async (ms) => void sleeps.push(ms),
      })
      .explain(input);

    expect(result).toMatchObject({ analyzer: 'bedrock', modelId: HAIKU, calls: 3 });
    // Half of each step (100, 200 ms) for sure, plus random 0.5 of the other half.
    expect(sleeps).toEqual([75, 150]);
  });

  it('uses the fallback model when the primary stays throttled', async () => {
    converse.server.script(
      { kind: 'throttle' },
      { kind: 'throttle' },
      { kind: 'throttle' },
      { kind: 'json', value: good },
    );
    const result = await converse.analyzer({ fallbackModel: 'sonnet' }).explain(input);

    expect(converse.server.requests.map((r) => r.modelId)).toEqual([HAIKU, HAIKU, HAIKU, SONNET]);
    expect(result).toMatchObject({ analyzer: 'bedrock', modelId: SONNET, summary: good.summary, calls: 4 });
  });

  it('falls back to the statistical text when throttled past the retries and no fallback model is set', async () => {
    converse.server.script({ kind: 'throttle' }, { kind: 'throttle' }, { kind: 'throttle' });
    const result = await converse.analyzer().explain(input);
    expect(result).toMatchObject({ analyzer: 'statistical', calls: 3, costUsd: 0 });
    expect(result.fallbackReason).toMatch(/^global\.anthropic\.claude-haiku.*: throttled on 3 attempts/);
  });

  it('aborts a request at the timeout, then tries the fallback model', async () => {
    converse.server.script({ kind: 'hang', ms: 10_000, value: good }, { kind: 'json', value: good });
    const started = performance.now();
    const result = await converse.analyzer({ timeoutMs: 300, fallbackModel: 'sonnet' }).explain(input);
    const elapsed = performance.now() - started;

    expect(result).toMatchObject({ analyzer: 'bedrock', modelId: SONNET, calls: 2 });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
    await expect.poll(() => converse.server.requests[0]!.aborted).toBe(true);
  });

  it('falls back to the statistical text after a timeout without a fallback model', async () => {
    converse.server.script({ kind: 'hang', ms: 10_000, value: good });
    const result = await converse.analyzer({ timeoutMs: 300 }).explain(input);
    expect(result).toMatchObject({ analyzer: 'statistical', calls: 1 });
    expect(result.fallbackReason).toBe(`${HAIKU}: timed out after 300 ms`);
  });

  it('opens the circuit after consecutive failures: no request until the cooldown, then one trial', async () => {
    let now = 1_000_000;
    const bedrock = converse.analyzer({
      breaker: { failureThreshold: 2, cooldownMs: 60_000 },
      now: () => now,
    });
    converse.server.script({ kind: 'error' }, { kind: 'error' });
    for (let i = 0; i < 2; i += 1) {
      const failed = await bedrock.explain(input);
      expect(failed.fallbackReason).toContain('HTTP 500 InternalServerException');
    }
    expect(converse.server.requests).toHaveLength(2); // a 500 is not retried on the same model

    const started = performance.now();
    const open = await bedrock.explain(input);
    expect(performance.now() - started).toBeLessThan(100);
    expect(open).toMatchObject({ analyzer: 'statistical', calls: 0 });
    expect(open.fallbackReason).toBe(`${HAIKU}: circuit open (next trial in 60 s)`);
    expect(converse.server.requests).toHaveLength(2);

    now += 60_000;
    converse.server.script({ kind: 'json', value: good });
    expect(await bedrock.explain(input)).toMatchObject({ analyzer: 'bedrock', calls: 1 });
    expect(converse.server.requests).toHaveLength(3);
  });

  it('goes straight to the fallback model while the primary circuit is open', async () => {
    const bedrock = converse.analyzer({
      fallbackModel: 'sonnet',
      breaker: { failureThreshold: 1, cooldownMs: 60_000 },
    });
    converse.server.script({ kind: 'error' }, { kind: 'json', value: good });
    expect(await bedrock.explain(input)).toMatchObject({ modelId: SONNET, calls: 2 });

    converse.server.reset();
    converse.server.script({ kind: 'json', value: good });
    const result = await bedrock.explain(input);
    expect(converse.server.requests.map((r) => r.modelId)).toEqual([SONNET]);
    expect(result).toMatchObject({ analyzer: 'bedrock', modelId: SONNET, calls: 1 });
  });
});
