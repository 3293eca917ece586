/**
 * A circuit breaker per language model: after `failureThreshold` consecutive failed calls it opens, and calls fail
 * fast (no request, no waiting for a timeout) for `cooldownMs`, so a Bedrock outage costs the nightly batch seconds
 * rather than a timeout per customer. After the cooldown it is half-open: one trial call goes through; its success
 * closes the circuit, its failure opens it for another cooldown. Pure apart from the injected clock.
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!(options.failureThreshold >= 1)) throw new Error('failureThreshold must be at least 1');
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now; in half-open, only the first caller gets the trial. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Milliseconds until a trial call is allowed (0 when one is). */
  retryInMs(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, this.openedAt + this.options.cooldownMs - this.now());
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.failures += 1;
    // A failed trial reopens at once; otherwise open on reaching the threshold.
    if (this.trialInFlight || this.failures >= this.options.failureThreshold) {
      this.openedAt = this.now();
      this.trialInFlight = false;
    }
  }
}
