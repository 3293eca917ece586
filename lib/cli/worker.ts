import { openStack } from '../aws/stack';
import { runWorker } from '../worker/run-worker';
import { runCli } from './run-cli';
import { bindStoreUnits } from '../overview/bind-store-units';

runCli(async () => {
  const stack = await openStack();
  await bindStoreUnits(); // the store's currency and zone, when this process was not given them
  const worker = await runWorker();
  console.log(`worker ${worker.workerId} running`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await worker.stop();
  await stack.close();
  console.log('worker stopped');
});
