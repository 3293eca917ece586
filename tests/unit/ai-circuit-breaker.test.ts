import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '@/lib/ai/circuit-breaker';

function breaker(failureThreshold = 3, cooldownMs = 10_000) {
  const clock = { now: 0 };
  return { clock, cb: new CircuitBreaker({ failureThreshold, cooldownMs, now: () => clock.now }) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold, and a success resets the count', () => {
    const { cb } = breaker(3);
    cb.recordFailure();
    cb.recordFailure();
    cb.recordSuccess();
    cb.recordFailure();
    cb.recordFailure();
    expect(cb.state).toBe('closed');
    expect(cb.tryAcquire()).toBe(true);
  });

  it('opens after N consecutive failures and refuses calls until the cooldown has passed', () => {
    const { cb, clock } = breaker(3, 10_000);
    for (let i = 0; i < 3; i += 1) cb.recordFailure();
    expect(cb.state).toBe('open');
    expect(cb.tryAcquire()).toBe(false);
    clock.now = 9_999;
    expect(cb.tryAcquire()).toBe(false);
    expect(cb.retryInMs()).toBe(1);
  });

  it('lets exactly one trial through when half-open; its success closes the circuit', () => {
    const { cb, clock } = breaker(2, 10_000);
    cb.recordFailure();
    cb.recordFailure();
    clock.now = 10_000;
    expect(cb.state).toBe('half-open');
    expect(cb.tryAcquire()).toBe(true);
    expect(cb.tryAcquire()).toBe(false); // a concurrent caller fails fast while the trial runs
    cb.recordSuccess();
    expect(cb.state).toBe('closed');
    expect(cb.tryAcquire()).toBe(true);
  });

  it('reopens for a full cooldown when the trial fails, even below the threshold', () => {
    const { cb, clock } = breaker(5, 10_000);
    for (let i = 0; i < 5; i += 1) cb.recordFailure();
    clock.now = 10_000;
    expect(cb.tryAcquire()).toBe(true);
    cb.recordFailure();
    expect(cb.state).toBe('open');
    clock.now = 19_999;
    expect(cb.tryAcquire()).toBe(false);
    clock.now = 20_000;
    expect(cb.tryAcquire()).toBe(true);
  });
});
