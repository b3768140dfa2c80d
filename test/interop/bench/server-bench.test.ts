// The server benchmark's harness, run small: both servers started, every phase driven at two
// concurrency levels, machine limits and memory measured, JSON lines and the markdown report
// written. It asserts that the harness works (every phase ran and succeeded), never speed.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runServerBench } from '../../../bench/server/run-server-bench.ts';
import { probePykmip, requirePykmip } from '../../support/pykmip.ts';

const probe = probePykmip();
const PHASES = [
  'connect',
  'create',
  'get',
  'locate',
  'activate',
  'encrypt-1k',
  'revoke',
  'destroy',
];

describe('npm run bench: the server benchmark harness', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('drives Keywarden and PyKMIP through every phase and writes JSON lines and a report', async (t) => {
    if (!requirePykmip(t, probe)) return;
    const resultsDir = await mkdtemp(join(tmpdir(), 'kw-bench-results-'));
    dirs.push(resultsDir);
    const said: string[] = [];
    const run = await runServerBench(
      {
        quick: true,
        levels: [1, 3],
        phaseMs: 150,
        backgroundObjects: 40,
        idleConnections: 20,
        limitSeconds: 1,
        crossCheckSeconds: 0.3,
      },
      (text) => said.push(text),
      { resultsDir, writeDoc: false },
    );

    for (const server of ['keywarden', 'pykmip']) {
      for (const phase of PHASES) {
        for (const concurrency of [1, 3]) {
          const m = run.phases.find(
            (p) => p.server === server && p.phase === phase && p.concurrency === concurrency,
          );
          assert.ok(m, `${server} ${phase} c=${concurrency} measured`);
          assert.ok(m.ops > 0, `${server} ${phase} c=${concurrency} ran operations`);
          assert.equal(m.errors, 0, `${server} ${phase} c=${concurrency}: ${m.firstError ?? ''}`);
          assert.ok(m.p50Ms > 0 && m.p99Ms >= m.p50Ms && m.p999Ms >= m.p99Ms);
          assert.ok(m.cpuMsPerOp >= 0);
        }
      }
    }
    // Each level's Activate, Revoke and Destroy handled exactly the objects its Create made.
    for (const server of ['keywarden', 'pykmip']) {
      for (const concurrency of [1, 3]) {
        const ops = (phase: string) =>
          run.phases.find(
            (p) => p.server === server && p.phase === phase && p.concurrency === concurrency,
          )?.ops;
        assert.equal(ops('activate'), ops('create'));
        assert.equal(ops('revoke'), ops('create'));
        assert.equal(ops('destroy'), ops('create'));
      }
    }
    assert.ok((run.limits.tlsEchoOpsPerSec ?? 0) > 0, 'TLS echo measured');
    assert.ok((run.limits.opensslHandshakesPerSec ?? 0) > 0, 'openssl s_time vs s_server');
    assert.ok((run.limits.keywardenHandshakesPerSec ?? 0) > 0, 'openssl s_time vs Keywarden');
    assert.ok((run.limits.aesGcmBytesPerSec ?? 0) > 0, 'openssl speed');
    assert.ok(run.limits.sqliteDurableInsertsPerSec > 0);
    assert.ok(run.memory.rssWithConnectionsBytes > 0 && run.memory.idleRssBytes > 0);
    assert.deepEqual(
      run.crossCheck.map((c) => c.server),
      ['keywarden', 'pykmip'],
    );

    const [file = ''] = await readdir(resultsDir);
    assert.ok(file.endsWith('.jsonl'));
    const lines = (await readFile(join(resultsDir, file), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; commit: string; machine: { cores: number } });
    assert.equal(lines.filter((l) => l.kind === 'phase').length, run.phases.length);
    for (const kind of ['limits', 'memory', 'cross-check', 'servers']) {
      assert.ok(
        lines.some((l) => l.kind === kind),
        `a ${kind} line`,
      );
    }
    assert.ok(lines.every((l) => l.commit.length > 0 && l.machine.cores > 0));
    const report = said.join('\n');
    assert.match(report, /\| phase \| conns \| Keywarden ops\/s/);
    assert.match(report, /\| get \| 3 \| [\d,]+ \|/);
  });
});
