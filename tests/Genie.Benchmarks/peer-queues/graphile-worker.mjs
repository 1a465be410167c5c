// graphile-worker as its docs set it up: addJob through WorkerUtils, a runner with a task list; new jobs
// reach an idle worker by LISTEN/NOTIFY, so the poll interval (left at its default) only matters for future jobs.
import { Logger, makeWorkerUtils, run } from 'graphile-worker';

const pickupTask = 'pickup';

// The library logs every job at info level; only trouble is worth reading here.
const logger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') {
    console.error(`graphile-worker ${level}: ${message}`);
  }
});

export async function open(connectionString, { poolSize }) {
  const utils = await makeWorkerUtils({ connectionString, maxPoolSize: poolSize, logger });
  await utils.migrate();
  let runner = null;

  return {
    setup: { add: 'WorkerUtils.addJob()', wakeUp: 'LISTEN/NOTIFY', producerPool: poolSize, workerConcurrency: 1 },

    add: (payload) => utils.addJob(pickupTask, payload),

    async startWorker(onJob) {
      runner = await run({
        connectionString,
        concurrency: 1,
        noHandleSignals: true,
        logger,
        taskList: { [pickupTask]: async (payload) => onJob(payload) },
      });
    },

    async stopWorker() {
      await runner?.stop();
      runner = null;
    },

    async close() {
      await runner?.stop();
      await utils.release();
    },
  };
}
