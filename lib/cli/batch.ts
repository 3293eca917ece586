import { openStack } from '../aws/stack';
import { recomputeSegments } from '../segmentation/recompute-segments';
import { closeEventPublisher } from '../stream/event-publisher';
import { runCli } from './run-cli';

/** npm run batch: the nightly job now — RFM edges recomputed from every customer and everyone rescored. */
runCli(async () => {
  const stack = await openStack();
  try {
    const runId = `nightly:${new Date().toISOString().slice(0, 10)}`;
    let reported = 0;
    const result = await recomputeSegments(new Date(), (done, of) => {
      if (done - reported >= of / 10 || done === of) {
        console.log(`  ${done.toLocaleString('en')}/${of.toLocaleString('en')} customers scored`);
        reported = done;
      }
    });
    console.log(
      `${runId}: ${result.scored.toLocaleString('en')} customers scored (${result.refused.toLocaleString('en')} without personalization consent), ${result.changed.toLocaleString('en')} changed ` +
        `segment (each published as segment_updated), ${result.seconds.toFixed(1)} s`,
    );
  } finally {
    await closeEventPublisher();
    await stack.close();
  }
});
