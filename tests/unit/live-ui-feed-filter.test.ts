import { describe, expect, it } from 'vitest';
import {
  NO_FILTER,
  feedUrl,
  narrowsAudience,
  parseLiveFilter,
  toLiveSearch,
  typesLabel,
} from '@/components/live/feed-filter';
import { EVENT_TYPES } from '@/lib/events/event-types';

describe('the Live filters in the page URL and the feed address', () => {
  it('reads types, segment and customer and writes them back under the same names', () => {
    const filter = parseLiveFilter(
      new URLSearchParams('types=purchase,add_to_cart&segment=At+Risk&customer=cus_000042'),
    );
    // Canonical order, whatever order the URL had.
    expect(filter).toEqual({
      types: ['add_to_cart', 'purchase'],
      segment: 'At Risk',
      customer: 'cus_000042',
    });
    expect(toLiveSearch(filter)).toBe('?types=add_to_cart%2Cpurchase&segment=At+Risk&customer=cus_000042');
    expect(feedUrl(filter)).toBe(
      '/api/v1/stream/feed?types=add_to_cart%2Cpurchase&segment=At+Risk&customer=cus_000042',
    );
    expect(parseLiveFilter(new URLSearchParams(toLiveSearch(filter)))).toEqual(filter);
  });

  it('drops what the feed would refuse (400) instead of failing the page', () => {
    expect(
      parseLiveFilter({ types: 'purchase,nonsense,purchase', segment: 'VIPs', customer: 'cus 1; drop' }),
    ).toEqual({ types: ['purchase'], segment: '', customer: '' });
    expect(parseLiveFilter({ types: ['search', 'purchase'], customer: ['a', 'b'] })).toEqual({
      types: ['search'],
      segment: '',
      customer: 'a',
    });
  });

  it('treats every type named, or none, as all types, and then sends no types parameter', () => {
    expect(parseLiveFilter({ types: EVENT_TYPES.join(',') }).types).toEqual([]);
    expect(parseLiveFilter({ types: ',' }).types).toEqual([]);
    expect(feedUrl(NO_FILTER)).toBe('/api/v1/stream/feed');
    expect(toLiveSearch(NO_FILTER)).toBe('');
  });

  it('knows when the feed shows only some shoppers, and names the types', () => {
    expect(narrowsAudience(NO_FILTER)).toBe(false);
    expect(narrowsAudience({ ...NO_FILTER, types: ['purchase'] })).toBe(false);
    expect(narrowsAudience({ ...NO_FILTER, segment: 'Loyal' })).toBe(true);
    expect(narrowsAudience({ ...NO_FILTER, customer: 'cus_000001' })).toBe(true);
    expect(typesLabel([])).toBe('all event types');
    expect(typesLabel(['search'])).toBe('search');
    expect(typesLabel(['search', 'purchase'])).toBe('2 event types');
  });
});
