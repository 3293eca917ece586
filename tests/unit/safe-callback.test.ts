import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/auth/safe-callback';

const ORIGIN = 'https://pulse.example.com';

describe('the address signed-in users are sent back to', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeCallbackPath('/customers?segment=At%20Risk#top', ORIGIN)).toBe(
      '/customers?segment=At%20Risk#top',
    );
    expect(safeCallbackPath('/', ORIGIN)).toBe('/');
  });

  it.each([
    ['protocol-relative', '//evil.example/x'],
    ['backslash', '/\\evil.example'],
    ['tab before slashes', '/\t/evil.example'],
    ['absolute URL', 'https://evil.example/'],
    ['javascript:', 'javascript:alert(1)'],
    ['empty', ''],
  ])('sends a %s value home instead of off-site', (_label, raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe('/');
  });
});
