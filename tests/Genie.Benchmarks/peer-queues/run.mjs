// Measures one PostgreSQL job queue from npm the way Genie's own figures are measured, so the table can put them side by side.
//
//   node run.mjs <peer>      peer: graphile-worker | pg-boss
//
// Environment: PEER_DATABASE_URL (postgres:// URL of an empty database the peer owns), PEER_ENQUEUE_JOBS,
// PEER_PRODUCERS (adds in flight), PEER_PICKUP_JOBS, PEER_PICKUP_INTERVAL_MS.
// Prints one JSON object on stdout; anything else (warnings, errors) goes to stderr.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const peers = {
  'graphile-worker': () => import('./graphile-worker.mjs'),
  'pg-boss': () => import('./pg-boss.mjs'),
};

// The first pickups pay for connection set-up and query planning, which no idle worker in steady state pays.
const pickupWarmUp = 10;

function setting(name, fallback) {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function count(name, fallback) {
  const value = Number(setting(name, fallback));
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, not ${process.env[name]}`);
  }
  return value;
}

/**
 * Pickup latency with the worker running and idle: one job at a time, at most one per interval, from the
 * moment add() is called to the moment the handler starts. Waiting for each pickup keeps the worker idle
 * when the next job arrives, so this is latency, not queueing behind earlier jobs.
 */
async function measurePickup(queue, jobs, intervalMs) {
  const waiting = new Map();
  await queue.startWorker(({ n }) => {
    const startedAt = performance.now();
    waiting.get(n)?.(startedAt);
  });

  const samplesMs = [];
  for (let n = 0; n < pickupWarmUp + jobs; n++) {
    const slot = performance.now();
    const started = new Promise((resolve) => waiting.set(n, resolve));
    const calledAt = performance.now();
    await queue.add({ n });
    const startedAt = await started;
    waiting.delete(n);
    if (n >= pickupWarmUp) {
      samplesMs.push(startedAt - calledAt);
    }
    await sleep(Math.max(0, slot + intervalMs - performance.now()));
  }

  await queue.stopWorker();
  return { jobs, intervalMs, warmUp: pickupWarmUp, from: 'add() called', to: 'handler started', samplesMs };
}

/** Enqueue throughput at saturation: `jobs` single-job adds, `producers` of them in flight, no worker running. */
async function measureEnqueue(queue, jobs, producers) {
  const addMany = async (total) => {
    let next = 0;
    const producer = async () => {
      while (next < total) {
        next++;
        await queue.add({ n: next });
      }
    };
    await Promise.all(Array.from({ length: producers }, producer));
  };

  // Opens the pool's connections and warms the insert path before the clock starts.
  await addMany(Math.min(jobs, producers * 4));
  const started = performance.now();
  await addMany(jobs);
  const seconds = (performance.now() - started) / 1000;
  return { jobs, producers, seconds, jobsPerSecond: jobs / seconds };
}

async function main() {
  const name = process.argv[2];
  if (!(name in peers)) {
    throw new Error(`usage: node run.mjs <${Object.keys(peers).join('|')}>`);
  }

  const url = setting('PEER_DATABASE_URL');
  const producers = count('PEER_PRODUCERS', '32');
  const enqueueJobs = count('PEER_ENQUEUE_JOBS');
  const pickupJobs = count('PEER_PICKUP_JOBS');
  const pickupIntervalMs = count('PEER_PICKUP_INTERVAL_MS', '50');

  const { open } = await peers[name]();
  const queue = await open(url, { poolSize: producers });
  try {
    // Pickup first, on the freshly installed schema: enqueueing first would leave a backlog for the worker.
    const pickup = await measurePickup(queue, pickupJobs, pickupIntervalMs);
    const enqueue = await measureEnqueue(queue, enqueueJobs, producers);
    process.stdout.write(JSON.stringify({ peer: name, setup: queue.setup, enqueue, pickup }) + '\n');
  } finally {
    await queue.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error?.stack ?? error);
    process.exit(1);
  },
);
