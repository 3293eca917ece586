import { PUT as putConsentRoute } from '@/app/api/v1/consent/[customerId]/route';
import { params, request } from './http';
import { TEST_DEMO_KEY } from './test-stack';

export const NOTICE =
  'We use your purchases to suggest products you may like. You can change this at any time.';

/** PUT /consent/{customerId} with the storefront key (and any extra headers). */
export const putConsent = (customerId: string, body: unknown, headers: Record<string, string> = {}) =>
  putConsentRoute(
    request(`/api/v1/consent/${customerId}`, {
      method: 'PUT',
      headers: { 'x-api-key': TEST_DEMO_KEY, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
    params({ customerId }),
  );
