import { describe, expect, it } from 'vitest';
import {
  ariaSort,
  customersApiPath,
  DEFAULT_FILTER,
  nextSort,
  noMatchMessage,
  parseCustomerListFilter,
  toCustomerListSearch,
  type CustomerListFilter,
} from '@/lib/customers/customer-list-params';
import { CUSTOMER_SORTS } from '@/lib/customers/list-customers';

const filter = (over: Partial<CustomerListFilter> = {}): CustomerListFilter => ({
  ...DEFAULT_FILTER,
  ...over,
});

describe('the customer list view in the URL', () => {
  it('reads search, segment, sort and order', () => {
    expect(
      parseCustomerListFilter({ q: '  cus_000001 ', segment: 'At Risk', sort: 'totalSpent', order: 'asc' }),
    ).toEqual({ q: 'cus_000001', segment: 'At Risk', sort: 'totalSpent', order: 'asc' });
  });

  it('falls back to the plain list for unknown or malformed values instead of failing the page', () => {
    expect(parseCustomerListFilter({ segment: 'VIP', sort: 'name', order: 'up' })).toEqual(DEFAULT_FILTER);
    expect(parseCustomerListFilter({})).toEqual(DEFAULT_FILTER);
  });

  it('takes the first of repeated parameters and cuts a search the API would refuse as too long', () => {
    const parsed = parseCustomerListFilter({
      q: ['x'.repeat(150), 'second'],
      segment: ["Can't Lose", 'Lost'],
    });
    expect(parsed.q).toHaveLength(100);
    expect(parsed.segment).toBe("Can't Lose");
  });

  it('accepts every sort the service offers', () => {
    for (const sort of CUSTOMER_SORTS) expect(parseCustomerListFilter({ sort }).sort).toBe(sort);
  });

  it('writes a view back so that reading it gives the same view (a link reproduces it)', () => {
    const views = [
      filter(),
      filter({ q: 'anna & co', segment: "Can't Lose" }),
      filter({ sort: 'createdAt', order: 'asc' }),
      filter({ order: 'asc' }),
    ];
    for (const view of views) {
      const search = new URLSearchParams(toCustomerListSearch(view));
      expect(parseCustomerListFilter(Object.fromEntries(search.entries()))).toEqual(view);
    }
  });

  it('keeps the plain list at /customers without a query', () => {
    expect(toCustomerListSearch(filter())).toBe('');
    expect(toCustomerListSearch(filter({ sort: 'totalSpent' }))).toBe('?sort=totalSpent');
  });
});

describe('customersApiPath', () => {
  it('sends only the parameters the API knows (an unknown one is a 400)', () => {
    const url = new URL(customersApiPath(filter({ q: 'cus_1', segment: 'Lost' }), 'abc'), 'http://x');
    expect(url.pathname).toBe('/api/v1/customers');
    expect([...url.searchParams.keys()].sort()).toEqual(['cursor', 'limit', 'order', 'q', 'segment', 'sort']);
    expect(url.searchParams.get('limit')).toBe('25');
    expect(url.searchParams.get('cursor')).toBe('abc');
  });

  it('leaves out an empty search, "All" segments and a missing cursor', () => {
    const url = new URL(customersApiPath(filter()), 'http://x');
    expect([...url.searchParams.keys()].sort()).toEqual(['limit', 'order', 'sort']);
  });
});

describe('sorting by column header', () => {
  it('flips the direction when the sorted column is clicked again', () => {
    const once = nextSort(filter({ sort: 'totalSpent', order: 'desc' }), 'totalSpent');
    expect(once).toMatchObject({ sort: 'totalSpent', order: 'asc' });
    expect(nextSort(once, 'totalSpent')).toMatchObject({ sort: 'totalSpent', order: 'desc' });
  });

  it('starts another column with the largest or newest first and keeps search and segment', () => {
    const next = nextSort(filter({ q: 'cus', segment: 'New', order: 'asc' }), 'orderCount');
    expect(next).toEqual({ q: 'cus', segment: 'New', sort: 'orderCount', order: 'desc' });
  });

  it('tells assistive technology which column is sorted and how', () => {
    const view = filter({ sort: 'createdAt', order: 'asc' });
    expect(ariaSort(view, 'createdAt')).toBe('ascending');
    expect(ariaSort(view, 'totalSpent')).toBe('none');
    expect(ariaSort(filter(), 'lastOrderAt')).toBe('descending');
  });
});

describe('noMatchMessage', () => {
  it('names the search and the segment that matched nothing', () => {
    expect(noMatchMessage(filter({ q: 'zed', segment: 'Lost' }), false)).toBe(
      'No customers match “zed” in segment Lost.',
    );
  });

  it('reminds a reader without personal-data rights that search looks at ids only', () => {
    expect(noMatchMessage(filter({ q: 'Anna' }), true)).toContain('customer ids only');
    expect(noMatchMessage(filter({ segment: 'Lost' }), true)).not.toContain('ids only');
  });
});
