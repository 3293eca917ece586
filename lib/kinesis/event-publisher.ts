import { getKinesisClient } from '../aws/clients';
import { getConfig } from '../config';
import type { PulseEvent } from '../events';
import { KinesisProducer, type StoredRecord } from './producer';

let producer: KinesisProducer | undefined;

/** The process's producer for the events stream (one queue, one batcher, per process). */
export function eventProducer(): KinesisProducer {
  producer ??= new KinesisProducer({ streamName: getConfig().EVENTS_STREAM, client: getKinesisClient() });
  return producer;
}

/** Publishes one event; partition key = customerId, so a customer's events stay on one shard, in order. */
export function publishEvent(event: PulseEvent): Promise<StoredRecord> {
  return eventProducer().send(event.customerId, JSON.stringify(event));
}

/** Flushes and closes the producer (worker and server shutdown). */
export async function closeEventPublisher(): Promise<void> {
  const current = producer;
  producer = undefined;
  await current?.close();
}
