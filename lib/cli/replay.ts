import { parseArgs } from 'node:util';
import { openStack } from '../aws/stack';
import { listDeadLetters } from '../kinesis/consumer/delivery-log';
import { replayDeadLetters } from '../kinesis/consumer/replay';
import { closeEventPublisher } from '../kinesis/producer';
import { decodeEvent, EVENT_HANDLERS, excludeErased } from '../worker/event-handlers';
import { runCli } from './run-cli';
import { bindStoreUnits } from '../overview/bind-store-units';

const HELP = `Usage: npm run replay -- [--list] [--handler NAME]

Runs dead letters (events a handler failed on repeatedly) through their handler again, after the cause was fixed.
  --list          show the dead letters instead of replaying them
  --handler NAME  only this handler's letters (${EVENT_HANDLERS.map((h) => h.name).join(', ')})`;

runCli(async () => {
  const { values } = parseArgs({
    options: {
      list: { type: 'boolean' },
      handler: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const stack = await openStack();
  await bindStoreUnits(); // the store's currency and zone, when this process was not given them
  try {
    if (values.list) {
      const letters = await listDeadLetters(values.handler);
      if (!letters.length) console.log('no dead letters');
      for (const l of letters) {
        console.log(
          `${l.failedAt}  ${l.handler.padEnd(18)} ${l.eventId || '(undecodable)'}  ×${l.attempts}  ${l.error}`,
        );
      }
      return;
    }
    const result = await replayDeadLetters({
      handlers: EVENT_HANDLERS,
      decode: decodeEvent,
      handler: values.handler,
      exclude: excludeErased,
    });
    console.log(
      `replayed ${result.replayed}, already handled by a redelivery ${result.alreadyHandled}, ` +
        `still failing ${result.failed.length}` +
        (result.unknownHandler ? `, ${result.unknownHandler} without a handler (undecodable records)` : '') +
        (result.dropped ? `, ${result.dropped} about erased customers dropped` : ''),
    );
    result.failed.forEach((f) => console.log(`  ${f.handler} ${f.deadLetterId}: ${f.error}`));
  } finally {
    await closeEventPublisher();
    await stack.close();
  }
});
