// pg-boss set up for low latency as its docs describe: the instance listens (useListenNotify) and the queue
// notifies on send, so an idle worker wakes at once; polling stays as the fallback at its minimum, 0.5 s.
import { PgBoss } from 'pg-boss';

const queueName = 'pickup';
const pollingIntervalSeconds = 0.5;

export async function open(connectionString, { poolSize }) {
  const boss = new PgBoss({ connectionString, max: poolSize, useListenNotify: true });
  boss.on('error', (error) => console.error('pg-boss error:', error?.stack ?? error));
  boss.on('warning', (warning) => console.error('pg-boss warning:', JSON.stringify(warning)));
  await boss.start();
  await boss.createQueue(queueName, { notify: true });

  return {
    setup: {
      add: 'PgBoss.send()',
      wakeUp: `LISTEN/NOTIFY (notify queue), ${pollingIntervalSeconds} s polling fallback`,
      producerPool: poolSize,
      workerConcurrency: 1,
    },

    add: (payload) => boss.send(queueName, payload),

    async startWorker(onJob) {
      await boss.work(queueName, { pollingIntervalSeconds, batchSize: 1, localConcurrency: 1 }, async ([job]) => onJob(job.data));
    },

    async stopWorker() {
      await boss.offWork(queueName, { wait: true });
    },

    async close() {
      await boss.stop({ graceful: true, close: true });
    },
  };
}
