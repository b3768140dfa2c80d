// The audit log of `keywarden serve` survives kill -9: every request the server answered has
// its audit records in the database afterwards, and the hash chain verifies. Every acknowledged
// Create's key is stored too: the server commits a request's writes and its audit record in one
// transaction (issue #9) and answers only after that commit.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ResultStatus, type ResponseMessage } from '../../../src/kmip/index.ts';
import { loadMasterKey, openSqliteStore } from '../../../src/store/index.ts';
import {
  runKeywarden,
  startKeywardenProcess,
  type KeywardenProcess,
} from '../../support/keywarden-process.ts';
import { createAesKey, message } from '../../support/server-harness.ts';
import { adminCredentials, KmipTlsClient, type ClientCredentials } from './kmip-tls-client.ts';

const WRITERS = 4;
const KILL_AFTER = 60;

describe('audit log of keywarden serve after kill -9', () => {
  let home: string;
  let server: KeywardenProcess;
  let admin: ClientCredentials;

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'kw-audit-durability-'));
    server = await startKeywardenProcess({ home });
    admin = await adminCredentials(home);
  });
  after(async () => {
    await server.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  it('holds every acknowledged Create and its record, in an intact chain', async () => {
    const acknowledged = new Set<string>();
    let kill: Promise<void> | undefined;
    const writer = async () => {
      const client = await KmipTlsClient.connect(server, admin);
      for (;;) {
        let response: ResponseMessage;
        try {
          response = await client.send(message('1.4', [createAesKey()]));
        } catch {
          return; // the server is gone
        }
        const [item] = response.batchItems;
        if (item?.kind === 'typed' && item.resultStatus === ResultStatus.Success) {
          acknowledged.add((item.payload as { uniqueIdentifier: string }).uniqueIdentifier);
        }
        if (acknowledged.size >= KILL_AFTER && kill === undefined) kill = server.kill9();
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    await kill;
    assert.equal(server.child.signalCode, 'SIGKILL');

    const tail = await runKeywarden(['audit', 'tail', '--json', '-n', '100000', '--home', home]);
    assert.equal(tail.code, 0, tail.stderr);
    const records = tail.stdout
      .trimEnd()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { operation: string; resultStatus: string; objectIds: string[] },
      );
    const audited = new Set(
      records
        .filter((r) => r.operation === 'Create' && r.resultStatus === 'Success')
        .flatMap((r) => r.objectIds),
    );
    const missing = [...acknowledged].filter((id) => !audited.has(id));
    assert.deepEqual(missing, [], 'every acknowledged Create has its audit record');

    // The keys themselves: acknowledged means committed, with their audit record.
    const store = await openSqliteStore({
      path: join(home, 'keywarden.db'),
      masterKey: await loadMasterKey(join(home, 'master.key')),
    });
    try {
      const lost: string[] = [];
      for (const id of acknowledged) if (!(await store.has?.(id))) lost.push(id);
      assert.deepEqual(lost, [], 'every acknowledged Create is stored');
    } finally {
      await store.close();
    }

    const verify = await runKeywarden(['audit', 'verify', '--home', home]);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /audit log intact/);
  });
});
