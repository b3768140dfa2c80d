// What `keywarden serve` keeps loaded at idle (issue #9): the X.509 library only when a
// certificate is handled, never for the first start's development PKI or a restart; an
// operation's module only from its first request; the KMIP XML and JSON codecs never.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEV_PKI_FILES } from '../../../src/pki/index.ts';

const RUN_CLI = fileURLToPath(new URL('../../../src/cli/run-cli.ts', import.meta.url));

// Runs `serve` in a fresh process until it is ready, stops it like SIGTERM would, and prints
// the exit code and every module the process loaded.
const SERVE_AND_LIST = `
import { EventEmitter } from 'node:events';
import { registerHooks } from 'node:module';
import { getHeapSpaceStatistics } from 'node:v8';
const loaded = [];
let young = -1;
let builtins = [];
registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
const { runCli } = await import(process.argv[1]);
const signals = new EventEmitter();
let out = '';
let err = '';
const io = {
  stdout: { write: (text) => { out += text; if (out.includes('KMIP listening') && young < 0) { young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size; builtins = process.moduleLoadList.filter((m) => m.includes('internal/deps/undici')); setImmediate(() => signals.emit('SIGTERM')); } } },
  stderr: { write: (text) => { err += text; } },
  readStdin: async () => new Uint8Array(),
  env: {},
  cwd: process.cwd(),
  signals,
  exit: () => {},
};
const code = await runCli(['serve', '--port', '0', '--home', process.argv[2]], io);
console.log(JSON.stringify({ code, err, loaded, young, builtins }));
process.exit(0);
`;

const X509_PACKAGES = /\/node_modules\/(@peculiar\/|reflect-metadata\/|tsyringe\/|asn1js\/)/;

interface Listed {
  readonly code: number;
  readonly err: string;
  readonly loaded: string[];
  /** The young generation's size when the ready line is written. */
  readonly young: number;
  /** Node's bundled fetch (undici) among the built-in modules loaded by then. */
  readonly builtins: string[];
}

function serveAndList(home: string): Listed {
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', SERVE_AND_LIST, RUN_CLI, home],
    {
      encoding: 'utf8',
      env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
    },
  );
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Listed;
}

describe('keywarden serve memory footprint (issue #9)', () => {
  const home = mkdtempSync(join(tmpdir(), 'kw-footprint-'));
  // One serve on a fresh data folder (the development PKI is made) and one restart.
  const starts = [serveAndList(home), serveAndList(home)] as const;
  after(() => rmSync(home, { recursive: true, force: true }));

  it('starts and stops cleanly, with the development PKI in place', () => {
    for (const { code, err, loaded } of starts) {
      assert.equal(code, 0, err);
      assert.ok(loaded.some((url) => url.endsWith('/src/server/kmip-server.ts')));
    }
    assert.deepEqual(readdirSync(join(home, 'pki')).sort(), Object.values(DEV_PKI_FILES).sort());
  });

  it('makes the development PKI without loading the X.509 library, and restarts without it', () => {
    for (const { loaded } of starts) {
      assert.deepEqual(
        loaded.filter((url) => X509_PACKAGES.test(url)),
        [],
      );
    }
  });

  it('loads neither the KMIP client nor the client and administration commands', () => {
    const unneeded = [
      '/src/client/index.ts',
      '/src/cli/command-table.ts',
      '/node_modules/js-yaml/',
    ];
    for (const { loaded } of starts) {
      assert.deepEqual(
        loaded.filter((url) => unneeded.some((part) => url.includes(part))),
        [],
      );
    }
  });

  it('loads no operation module, no KMIP XML or JSON codec and no @noble/curves before a request', () => {
    // The operations table's names only; each operation's module comes with its first request.
    const operationModule = /\/src\/server\/operations\/(?!index\.ts$|lazy-handler\.ts$)/;
    const codecs = /\/src\/kmip\/(index\.ts$|xml\/|json\/)|\/node_modules\/fast-xml-parser\//;
    // ECDSA over a given digest (Sign with Digested Data) loads @noble/curves when first used.
    const noble = /\/node_modules\/@noble\//;
    for (const { loaded } of starts) {
      assert.ok(loaded.some((url) => url.endsWith('/src/server/operations/index.ts')));
      assert.deepEqual(
        loaded.filter((url) => codecs.test(url) || noble.test(url)),
        [],
      );
      const operations = loaded.filter((url) => operationModule.test(url));
      // Shared by the pipeline (stream bookkeeping) and the product name Query reports.
      const shared = ['crypto-streams.ts', 'product.ts'];
      assert.deepEqual(
        operations.filter((url) => !shared.some((name) => url.endsWith(`/operations/${name}`))),
        [],
      );
      assert.ok(!operations.some((url) => url.endsWith('/certify.ts')));
    }
  });

  it('keeps the generated KMIP registry ASCII, so V8 stores its source in one byte a character', () => {
    const source = readFileSync(
      new URL('../../../src/kmip/generated/registry.ts', import.meta.url),
    );
    assert.equal(
      source.findIndex((byte) => byte > 0x7f),
      -1,
    );
  });

  it("hands the start-up's young generation back before the ready line", () => {
    for (const { young } of starts) {
      assert.ok(young > 0 && young <= 2 * 1048576, `young generation ${young} bytes`);
    }
  });

  it("does not load Node's bundled fetch (node:http's lazy exports) before a SLUGS request", () => {
    for (const { builtins } of starts) assert.deepEqual(builtins, []);
  });
});
