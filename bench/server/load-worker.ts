/**
 * A load-generator worker thread: holds its share of the phase's TLS connections and keeps
 * one request in flight on each (a KMIP client waits for its answer), timing every exchange.
 * The main thread (load.ts) starts the workers of a phase together so their clocks agree.
 *
 * Messages: main → worker `LoadTask` then `{ go: deadlineMs }` (or `{ release: true }` for
 * the idle phase); worker → main `{ ready: true }` once connected, then `LoadResult`.
 */
import { performance } from 'node:perf_hooks';
import { connect, type TLSSocket } from 'node:tls';
import { parentPort, workerData } from 'node:worker_threads';
import { TtlvMessageReader } from '../../src/kmip/index.ts';
import { readOutcome } from './requests.ts';

/** What a worker is asked to do. */
export interface LoadTask {
  readonly host: string;
  readonly port: number;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
  readonly connections: number;
  /**
   * timed: send `requests` round-robin until the deadline; each: send each request once;
   * connect: repeat handshake + the first request + close until the deadline; idle: connect,
   * then hold the connections open until released.
   */
  readonly mode: 'timed' | 'each' | 'connect' | 'idle';
  readonly requests: readonly Uint8Array[];
  /** Return the Unique Identifiers the responses carry (Create). */
  readonly collectIds: boolean;
  /**
   * timed: this worker's first connection's number among all the phase's connections, and
   * how many there are; connection n starts at request `n × requests / total`, so the
   * connections begin on different objects instead of racing for the same ones (a Get's first
   * read of a key is a write: Fresh becomes false).
   */
  readonly firstConnection?: number;
  readonly totalConnections?: number;
}

/** What a worker measured. */
export interface LoadResult {
  readonly ops: number;
  readonly errors: number;
  readonly firstError?: string;
  /** Exchange latencies in nanoseconds, one per operation. */
  readonly latenciesNs: Float64Array;
  readonly ids: string[];
}

class Connection {
  readonly #socket: TLSSocket;
  readonly #reader = new TtlvMessageReader({ maxMessageSize: 64 * 1024 * 1024 });
  #waiter: ((message: Uint8Array | Error) => void) | undefined;

  private constructor(socket: TLSSocket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      for (const message of this.#reader.push(chunk)) this.#settle(message);
    });
    socket.on('error', (error) => this.#settle(error));
    socket.on('close', () => this.#settle(new Error('connection closed by the server')));
  }

  #settle(value: Uint8Array | Error): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.(value);
  }

  static open(task: LoadTask): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect({
        host: task.host,
        port: task.port,
        ca: task.ca,
        cert: task.cert,
        key: task.key,
        servername: 'localhost',
        minVersion: 'TLSv1.2',
      });
      socket.setNoDelay(true);
      socket.once('secureConnect', () => {
        socket.removeListener('error', reject);
        resolve(new Connection(socket));
      });
      socket.once('error', reject);
    });
  }

  exchange(request: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.#waiter = (value) => (value instanceof Error ? reject(value) : resolve(value));
      this.#socket.write(request);
    });
  }

  close(): void {
    this.#socket.destroy();
  }
}

class Recorder {
  ops = 0;
  errors = 0;
  firstError: string | undefined;
  latencies = new Float64Array(1024);
  readonly ids: string[] = [];
  readonly collectIds: boolean;

  constructor(collectIds: boolean) {
    this.collectIds = collectIds;
  }

  /** Records one exchange that started at `startMs` (performance.now()). */
  record(startMs: number, response: Uint8Array | Error): void {
    const ns = (performance.now() - startMs) * 1e6;
    if (this.ops === this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.ops++] = ns;
    if (response instanceof Error) return this.fail(response.message);
    const outcome = readOutcome(response);
    if (!outcome.ok) return this.fail(outcome.failure ?? 'failed');
    if (this.collectIds) this.ids.push(...outcome.ids);
  }

  fail(text: string): void {
    this.errors++;
    this.firstError ??= text;
  }

  result(): LoadResult {
    return {
      ops: this.ops,
      errors: this.errors,
      ...(this.firstError === undefined ? {} : { firstError: this.firstError }),
      latenciesNs: this.latencies.slice(0, this.ops),
      ids: this.ids,
    };
  }
}

function nextMessage(): Promise<{ go?: number; release?: boolean }> {
  return new Promise((resolve) => parentPort?.once('message', resolve));
}

async function run(task: LoadTask): Promise<LoadResult> {
  const recorder = new Recorder(task.collectIds);
  if (task.mode === 'connect') {
    parentPort?.postMessage({ ready: true });
    const { go = 0 } = await nextMessage();
    await Promise.all(
      Array.from({ length: task.connections }, async () => {
        while (Date.now() < go) {
          const start = performance.now();
          try {
            const connection = await Connection.open(task);
            const response = await connection.exchange(task.requests[0] ?? new Uint8Array());
            connection.close();
            recorder.record(start, response);
          } catch (error) {
            recorder.record(start, error as Error);
          }
        }
      }),
    );
    return recorder.result();
  }

  const connections = await Promise.all(
    Array.from({ length: task.connections }, () => Connection.open(task)),
  );
  parentPort?.postMessage({ ready: true });
  const signal = await nextMessage();
  if (task.mode === 'idle') {
    for (const c of connections) c.close();
    return recorder.result();
  }
  const deadline = signal.go ?? 0;
  let next = 0;
  await Promise.all(
    connections.map(async (connection, index) => {
      let turn = startOf(task, index);
      for (;;) {
        let request: Uint8Array | undefined;
        if (task.mode === 'each') {
          request = task.requests[next++];
          if (request === undefined) break;
        } else {
          if (Date.now() >= deadline) break;
          request = task.requests[turn++ % task.requests.length];
        }
        if (request === undefined) break;
        const start = performance.now();
        try {
          recorder.record(start, await connection.exchange(request));
        } catch (error) {
          recorder.record(start, error as Error);
          return;
        }
      }
    }),
  );
  for (const c of connections) c.close();
  return recorder.result();
}

/** Where a timed connection starts in the request list (see LoadTask.firstConnection). */
function startOf(task: LoadTask, index: number): number {
  const total = task.totalConnections ?? task.connections;
  const n = (task.firstConnection ?? 0) + index;
  return Math.floor((n * task.requests.length) / Math.max(1, total));
}

const result = await run(workerData as LoadTask);
parentPort?.postMessage(result);
