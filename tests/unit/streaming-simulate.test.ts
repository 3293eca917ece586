import { describe, expect, it } from 'vitest';
import { parseEvent } from '@/lib/events';
import { buildCatalog } from '@/lib/seed/catalog';
import { createPrng } from '@/lib/math/prng';
import { simulateSession, type SimStep } from '@/lib/cli/simulate/storefront-session';

const products = buildCatalog().products;

function sessions(seed: string, n: number): SimStep[][] {
  const rng = createPrng(seed);
  return Array.from({ length: n }, (_, i) =>
    simulateSession(rng, `cus_${String(i).padStart(6, '0')}`, `ses_${seed}_${i}`, products, 'EUR'),
  );
}

describe('simulated storefront visits', () => {
  const visits = sessions('sim', 300);

  it('are made of events the storefront API accepts, in time order, ending the session', () => {
    for (const steps of visits) {
      expect(steps.map((s) => s.atMs)).toEqual([...steps.map((s) => s.atMs)].sort((a, b) => a - b));
      const events = steps.flatMap((s) => (s.kind === 'event' ? [s.event] : []));
      expect(events[0]!.type).toBe('page_view');
      expect(events.at(-1)!.type).toBe('session_end');
      expect(events.at(-1)!.properties.eventCount).toBe(events.length);
      events.forEach((e, i) => {
        const parsed = parseEvent({
          ...e,
          eventId: `0b3f6c1e-4d0a-4c55-9d3a-${String(i).padStart(12, '0')}`,
          occurredAt: '2026-11-25T10:00:00.000Z',
          receivedAt: '2026-11-25T10:00:00.100Z',
          source: 'storefront',
          schemaVersion: 1,
        });
        expect(parsed.ok ? 'ok' : JSON.stringify(parsed.errors)).toBe('ok');
      });
    }
  });

  it('convert like a grocery storefront: carts often, orders sometimes, each order from its cart', () => {
    const withCart = visits.filter((v) =>
      v.some((s) => s.kind === 'event' && s.event.type === 'add_to_cart'),
    );
    const withOrder = visits.filter((v) => v.some((s) => s.kind === 'order'));
    expect(withCart.length / visits.length).toBeGreaterThan(0.5);
    expect(withOrder.length / visits.length).toBeGreaterThan(0.2);
    expect(withOrder.length / visits.length).toBeLessThan(0.7);
    for (const v of withOrder) {
      const order = v.find((s) => s.kind === 'order')!;
      expect(
        order.kind === 'order' &&
          order.order.items.every((l) => l.quantity > 0 && /^\d+\.\d\d$/.test(l.unitPrice)),
      ).toBe(true);
    }
  });

  it('are the same for the same seed', () => {
    expect(sessions('repeat', 20)).toEqual(sessions('repeat', 20));
    expect(sessions('repeat', 20)).not.toEqual(sessions('other', 20));
  });
});
