import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '@/lib/config';
import { getAlert, raiseAlert } from '@/lib/live/alerts/alert-store';
import type { NewAlert } from '@/lib/live/alerts/alert-store';
import { deliverDueWebhooks, MAX_ATTEMPTS, queueWebhook, webhookSignature } from '@/lib/live/alerts/webhooks';
import { useTestStack } from './support/test-stack';

const SECRET = 'webhook-test-secret';

/** A receiver that answers from a script per alert id (then 200), and keeps what it got. */
function receiver() {
  const got: { id: string; body: string; signature: string }[] = [];
  const script = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const id = String(req.headers['x-pulse-delivery']);
      got.push({ id, body, signature: String(req.headers['x-pulse-signature']) });
      const next = script.get(id)?.shift() ?? 200;
      res.writeHead(next).end();
    });
  });
  return { server, got, script };
}

const alert = (alertId: string, severity: NewAlert['severity'] = 'warning'): NewAlert => ({
  alertId,
  kind: 'order_value',
  severity,
  title: `Order ${alertId}: a 10× basket`,
  subject: 'cus_hook',
  customerId: 'cus_hook',
  explanation: { feature: 'order value', expected: '€40', observed: '€400', why: '10× the usual' },
});

describe('alert webhooks', () => {
  const hook = receiver();
  useTestStack();
  beforeAll(async () => {
    await new Promise<void>((r) => hook.server.listen(0, '127.0.0.1', r));
    const { port } = hook.server.address() as AddressInfo;
    Object.assign(process.env, {
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
      ALERT_WEBHOOK_SECRET: SECRET,
      ALERT_WEBHOOK_MIN_SEVERITY: 'warning',
    });
    resetConfig();
  });
  afterAll(async () => {
    for (const k of ['ALERT_WEBHOOK_URL', 'ALERT_WEBHOOK_SECRET', 'ALERT_WEBHOOK_MIN_SEVERITY'])
      delete process.env[k];
    resetConfig();
    await new Promise((r) => hook.server.close(r));
  });

  it('delivers a new alert once, signed, retrying failures with backoff until the receiver takes it', async () => {
    hook.script.set('hook:retry', [500, 503]);
    const t0 = new Date();
    expect(await raiseAlert(alert('hook:retry'), t0)).toBe(true);
    expect(await raiseAlert(alert('hook:retry'), t0)).toBe(false); // the same detection again
    expect(await raiseAlert(alert('hook:quiet', 'info'), t0)).toBe(true); // below the configured severity

    expect(await deliverDueWebhooks(getAlert, t0)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    // Not due again before its backoff (1 s), then due.
    expect(await deliverDueWebhooks(getAlert, new Date(t0.getTime() + 500))).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
    expect(await deliverDueWebhooks(getAlert, new Date(t0.getTime() + 1_100))).toMatchObject({ retrying: 1 });
    expect(await deliverDueWebhooks(getAlert, new Date(t0.getTime() + 4_000))).toMatchObject({
      delivered: 1,
    });
    expect(await deliverDueWebhooks(getAlert, new Date(t0.getTime() + 60_000))).toMatchObject({
      delivered: 0,
    });

    const sent = hook.got.filter((g) => g.id === 'hook:retry');
    expect(sent).toHaveLength(3);
    expect(sent[2]!.signature).toBe(webhookSignature(SECRET, sent[2]!.body));
    expect(JSON.parse(sent[2]!.body)).toMatchObject({
      type: 'alert.raised',
      alert: { alertId: 'hook:retry', severity: 'warning', explanation: { observed: '€400' } },
    });
    expect(hook.got.some((g) => g.id === 'hook:quiet')).toBe(false);
    const stored = await getAlert('hook:retry');
    expect(stored?.webhook).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(stored?.revision).toBe(0); // delivery is not a workflow change
  });

  it('gives up at once on a refusal that will not change, and after the last attempt otherwise', async () => {
    hook.script.set('hook:gone', [410]);
    hook.script.set(
      'hook:down',
      Array.from({ length: MAX_ATTEMPTS }, () => 502),
    );
    const t0 = new Date();
    await raiseAlert(alert('hook:gone'), t0);
    await raiseAlert(alert('hook:down'), t0);
    const results = [];
    for (let minute = 0; minute <= 40; minute++)
      results.push(await deliverDueWebhooks(getAlert, new Date(t0.getTime() + minute * 60_000)));
    expect((await getAlert('hook:gone'))?.webhook).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'answered 410',
    });
    expect((await getAlert('hook:down'))?.webhook).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
    });
    expect(hook.got.filter((g) => g.id === 'hook:down')).toHaveLength(MAX_ATTEMPTS);
  });

  it('keeps a delivery queued by a detection that crashed before storing its alert, and sends it once it is raised', async () => {
    const t0 = new Date();
    await queueWebhook(alert('hook:crashed'), t0); // the crash came right after this
    expect(await deliverDueWebhooks(getAlert, t0)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    // The next run of the detection raises it again; the queued delivery goes out.
    expect(await raiseAlert(alert('hook:crashed'), new Date(t0.getTime() + 60_000))).toBe(true);
    expect(await deliverDueWebhooks(getAlert, new Date(t0.getTime() + 61_000))).toMatchObject({
      delivered: 1,
    });
    expect(hook.got.filter((g) => g.id === 'hook:crashed')).toHaveLength(1);
  });
});
