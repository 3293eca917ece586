import { beforeEach, describe, expect, it } from 'vitest';
import {
  recordSignInAttempt,
  recordSignInResult,
  resetSignInThrottle,
  signInBlockedFor,
} from '@/lib/auth/sign-in-throttle';

const T0 = Date.parse('2026-11-24T10:00:00Z');

describe('sign-in throttling', () => {
  beforeEach(() => resetSignInThrottle());

  it('blocks an email after 10 failures in 15 minutes, whatever the case, until the window has passed', () => {
    for (let i = 0; i < 9; i++) recordSignInResult('Ana@Example.com', false, T0 + i * 1000);
    expect(signInBlockedFor('ana@example.com', 'c1', T0 + 10_000)).toBeUndefined();
    recordSignInResult('ana@example.com', false, T0 + 10_000);
    expect(signInBlockedFor('ANA@example.com', 'c2', T0 + 11_000)).toBe(15 * 60 - 11);
    expect(signInBlockedFor('other@example.com', 'c2', T0 + 11_000)).toBeUndefined();
    expect(signInBlockedFor('ana@example.com', 'c2', T0 + 15 * 60_000 + 1)).toBeUndefined();
  });

  it('clears an email’s failures once it signs in', () => {
    for (let i = 0; i < 10; i++) recordSignInResult('ana@example.com', false, T0);
    recordSignInResult('ana@example.com', true, T0 + 1);
    expect(signInBlockedFor('ana@example.com', 'c1', T0 + 2)).toBeUndefined();
  });

  it('blocks a client address after 60 attempts in the window, across emails', () => {
    for (let i = 0; i < 60; i++) recordSignInAttempt('203.0.113.9', T0 + i);
    expect(signInBlockedFor(`any${Math.floor(T0)}@example.com`, '203.0.113.9', T0 + 100)).toBeGreaterThan(0);
    expect(signInBlockedFor('any@example.com', '198.51.100.1', T0 + 100)).toBeUndefined();
  });
});
