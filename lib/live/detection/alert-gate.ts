/**
 * No alert storms: one alert per kind and subject (an event type, a customer) until it has been quiet for the
 * cool-down. A spike that lasts ten minutes is one alert, not ten; the same spike tomorrow is a new one. Pure (the
 * clock comes in).
 */
export class AlertGate {
  private readonly last = new Map<string, number>();

  constructor(private readonly coolDownMs: number) {}

  /** True when an alert for this key may be raised now; every anomalous observation extends the quiet period. */
  admit(kind: string, subject: string, nowMs: number): boolean {
    const key = `${kind}|${subject}`;
    const previous = this.last.get(key);
    this.last.set(key, nowMs);
    return previous === undefined || nowMs - previous >= this.coolDownMs;
  }
}
