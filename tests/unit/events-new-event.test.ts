import { describe, expect, it } from 'vitest';
import { eventIdFor } from '@/lib/events/event-id';
import { EVENT_EXAMPLES } from '@/lib/events/examples';
import { newEvent } from '@/lib/events/new-event';
import { EventValidationError } from '@/lib/events/parse-event';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('eventIdFor', () => {
  it('gives the same UUID v5 for the same order, so a resent purchase is deduplicated', () => {
    const id = eventIdFor('purchase', 'ord_000042_0017');
    expect(id).toMatch(UUID_V5);
    expect(eventIdFor('purchase', 'ord_000042_0017')).toBe(id);
    // Pinned: changing the derivation would give every past order a new id and count it twice on replay. The value
    // is standard UUID v5, e.g. Python's uuid5(UUID('6f1c2a4e-…-2d1b0c9e8f34'), 'purchase\0ord_000042_0017').
    expect(id).toBe('4a50811f-5bd3-5484-b631-cd0850af4bb8');
  });

  it('differs per key and per namespace, and keeps the two apart', () => {
    const ids = [
      eventIdFor('purchase', 'ord_1'),
      eventIdFor('purchase', 'ord_2'),
      eventIdFor('erasure', 'ord_1'),
      eventIdFor('ab', 'c'),
      eventIdFor('a', 'bc'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('newEvent', () => {
  const { eventId: _id, schemaVersion: _v, receivedAt: _r, type: _t, ...fields } = EVENT_EXAMPLES.search;

  it('fills eventId, schemaVersion and receivedAt', () => {
    const before = Date.now();
    const event = newEvent('search', fields);
    expect(event.type).toBe('search');
    expect(event.schemaVersion).toBe(1);
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(event.receivedAt)).toBeGreaterThanOrEqual(before);
    expect(event.properties).toEqual(fields.properties);
    expect(newEvent('search', fields).eventId).not.toBe(event.eventId);
  });

  it('keeps a given id and timestamp, and treats an explicit undefined as missing', () => {
    const eventId = eventIdFor('purchase', 'ord_000042_0017');
    const purchase = EVENT_EXAMPLES.purchase;
    const event = newEvent('purchase', { ...purchase, eventId, receivedAt: '2026-03-14T08:37:49.120Z' });
    expect(event).toEqual({ ...purchase, eventId });
    expect(newEvent('search', { ...fields, eventId: undefined }).eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('throws a validation error naming each bad field', () => {
    const bad = () =>
      newEvent('purchase', {
        ...EVENT_EXAMPLES.purchase,
        source: 'orders',
        properties: { ...EVENT_EXAMPLES.purchase.properties, totalMinor: 1 },
      });
    expect(bad).toThrow(EventValidationError);
    expect(bad).toThrow(/properties\.totalMinor: totalMinor must equal/);
  });
});
