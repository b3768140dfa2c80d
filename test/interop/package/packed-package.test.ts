// The published package as a user gets it: `npm pack` (prepack builds dist/), `npm install`
// of the tarball into a fresh project, then plain Node imports `keywarden/wbem` and talks to a
// CIM-XML server, tsc checks a TypeScript consumer against the shipped .d.ts, and `npx
// keywarden` runs the built CLI (Node does not strip types under node_modules).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CimInstance,
  CimInstanceName,
  Uint32,
  errorElement,
  imethodResponse,
  type IMethodCall,
} from '../../../src/wbem/index.ts';
import {
  PASSWORD,
  USER,
  startCimServer,
  type CimServer,
} from '../../unit/wbem/support/cim-test-server.ts';
import { REPO, installTarball, packRepo, run, type PackInfo } from './packed-install.ts';

const fritz = new CimInstanceName('PyWBEM_Person', { keybindings: { Name: 'Fritz' } });

/** A consumer as a user writes it: plain ESM JavaScript importing the package by name. */
const CONSUMER_MJS = `
import { WbemConnection, CimError, CimStatus, Uint32 } from 'keywarden/wbem';
import { KmipClient } from 'keywarden/client';
import { buildClientTlsOptions } from 'keywarden/tls';
import { createRequire } from 'node:module';

const [url, user, password] = process.argv.slice(2);
const conn = new WbemConnection(url, { creds: { user, password }, auth: 'digest' });
const names = await conn.enumerateInstanceNames('PyWBEM_Person');
const inst = await conn.getInstance(names[0]);
let deleteStatus = null;
try {
  await conn.deleteInstance(names[0]);
} catch (err) {
  if (err instanceof CimError) deleteStatus = err.statusCode;
}
await conn.close();
let deepImport = 'resolved';
try {
  await import('keywarden/dist/wbem/index.js');
} catch (err) {
  deepImport = err.code;
}
console.log(JSON.stringify({
  names: names.map((n) => n.toWbemUri()),
  age: Number(inst.get('Age').value),
  ageIsUint32: inst.get('Age') instanceof Uint32,
  notFound: deleteStatus === CimStatus.CIM_ERR_NOT_FOUND,
  kmipClient: typeof KmipClient,
  tls: typeof buildClientTlsOptions,
  deepImport,
  requireSame: createRequire(import.meta.url)('keywarden/wbem').WbemConnection === WbemConnection,
}));
`;

/** A TypeScript consumer; the @ts-expect-error lines fail the check if the types were `any`. */
const CONSUMER_TS = `
import { WbemConnection, CimInstanceName, CimError, type WbemConnectionOptions } from 'keywarden/wbem';
import { KmipClient, type KmipClientOptions } from 'keywarden/client';
import type { ClientTlsInput } from 'keywarden/tls';

const tls: ClientTlsInput = { verify: false };
const options: WbemConnectionOptions = { creds: { user: 'u', password: 'p' }, tls, timeout: 5 };
const conn = new WbemConnection('https://cimom.example.com', options);
const names: CimInstanceName[] = await conn.enumerateInstanceNames('CIM_ComputerSystem');
const first: string = names[0]?.classname ?? '';
// @ts-expect-error classname is a string
const wrong: number = names[0]?.classname ?? 0;
// @ts-expect-error the options object has no such field
new WbemConnection('http://h', { user: 'u' });
const isCimError = (e: unknown): e is CimError => e instanceof CimError;
const kmip: KmipClientOptions | undefined = undefined;
export { first, wrong, isCimError, kmip, KmipClient };
`;

describe('the packed npm package', () => {
  let dir: string;
  let app: string;
  let pack: PackInfo;
  let server: CimServer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kw-pack-'));
    app = join(dir, 'app');
    const packed = await packRepo(dir);
    pack = packed;
    await installTarball(app, packed.tarball);
    server = await startCimServer({
      auth: 'digest',
      handler: ({ body }) => {
        const call = body as IMethodCall;
        switch (call.name) {
          case 'EnumerateInstanceNames':
            return imethodResponse(call.name, { returnValue: [fritz.toCimXml()] });
          case 'GetInstance': {
            const inst = new CimInstance('PyWBEM_Person', {
              properties: { Name: 'Fritz', Age: new Uint32(42) },
            });
            return imethodResponse(call.name, { returnValue: [inst.toCimXml()] });
          }
          default:
            return imethodResponse(call.name, { error: errorElement(6, 'gone') });
        }
      },
    });
  });
  after(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ships dist/ and bin/ only: no TypeScript sources, tests or build state', () => {
    const paths = pack.files.map((f) => f.path);
    const allowed = /^(bin\/|dist\/|package\.json$|README\.md$|LICENSE|CHANGELOG\.md$)/;
    assert.deepEqual(
      paths.filter((p) => !allowed.test(p)),
      [],
    );
    for (const entry of ['wbem', 'client', 'tls']) {
      assert.ok(paths.includes(`dist/${entry}/index.js`), entry);
      assert.ok(paths.includes(`dist/${entry}/index.d.ts`), entry);
    }
    assert.ok(paths.includes('dist/cli/main.js'));
    assert.ok(!paths.some((p) => p.endsWith('.ts') && !p.endsWith('.d.ts')));
  });

  it('imports keywarden/wbem from plain Node and runs operations against a CIMOM', async () => {
    const script = join(app, 'consumer.mjs');
    await writeFile(script, CONSUMER_MJS);
    const result = await run(process.execPath, [script, server.url, USER, PASSWORD], app, 60_000);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      names: ['/root/cimv2:PyWBEM_Person.Name="Fritz"'],
      age: 42,
      ageIsUint32: true,
      notFound: true,
      kmipClient: 'function',
      tls: 'function',
      deepImport: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      requireSame: true,
    });
    const calls = server.requests.map((r) => (r.body as IMethodCall).name);
    assert.deepEqual(calls, ['EnumerateInstanceNames', 'GetInstance', 'DeleteInstance']);
    // the packaged HTTP layer answered the challenge with Digest
    assert.ok(server.authorizations.some((a) => a?.startsWith('Digest ')));
  });

  it('type-checks a TypeScript consumer against the shipped .d.ts files', async () => {
    await writeFile(join(app, 'consumer.ts'), CONSUMER_TS);
    const tsconfig = {
      compilerOptions: {
        target: 'es2024',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        // check our .d.ts files too, not only the consumer
        skipLibCheck: false,
        types: ['node'],
        typeRoots: [join(REPO, 'node_modules', '@types')],
      },
      files: ['consumer.ts'],
    };
    await writeFile(join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], app, 120_000);
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  // `--no`: never fetch a package of that name from the registry; `--`: npx options end there
  it('runs the installed CLI with npx (the built dist/cli, not the sources)', async () => {
    const manifest = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as {
      version: string;
    };
    const version = await run('npx', ['--no', '--', 'keywarden', '--version'], app, 60_000);
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), manifest.version);
    assert.equal(pack.version, manifest.version);
    const help = await run('npx', ['--no', '--', 'keywarden', 'wbem', '--help'], app, 60_000);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^ {2}ei \[options\] <class> +enumerate instances/m);
  });

  it('still runs bin/keywarden.js from the checkout (the TypeScript sources, no build needed)', async () => {
    const bin = join(REPO, 'bin', 'keywarden.js');
    const result = await run(process.execPath, [bin, '--version'], REPO, 60_000);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), pack.version);
  });
});
