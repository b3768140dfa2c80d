import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as cryptoModule from '../../../../src/crypto/index.ts';
import { DEFAULT_CRYPTO_POLICY } from '../../../../src/crypto/index.ts';
import { createLogger } from '../../../../src/server/logger.ts';
import { defaultAccessPolicy, type ObjectSession } from '../../../../src/server/objects/index.ts';
import { createStreamRegistry } from '../../../../src/server/operations/crypto-streams.ts';
import { PRODUCT } from '../../../../src/server/operations/product.ts';
import {
  ItemContext,
  MessageScope,
  type PipelineServices,
} from '../../../../src/server/pipeline/item-context.ts';

const services: PipelineServices = {
  authorize: defaultAccessPolicy,
  crypto: cryptoModule,
  cryptoPolicy: DEFAULT_CRYPTO_POLICY,
  now: () => new Date(0),
  supportedOperations: ['Get'],
  server: PRODUCT,
  attributeListing: 'compatible',
  defaultLeaseTime: undefined,
  certificateAuthority: undefined,
};
const session = {} as ObjectSession;
const client = { identity: { name: 'alice' }, credentials: [] };
const signal = new AbortController().signal;

function scopeOn(connectionId: string | undefined, registry = createStreamRegistry()) {
  return new MessageScope(
    services,
    registry,
    { identity: 'alice', connectionId },
    client,
    '1.4',
    signal,
  );
}

describe('ItemContext', () => {
  it('carries the message scope and the services', () => {
    const scope = scopeOn('c1');
    const ctx = new ItemContext(scope, session, () => assert.fail('no logger needed'));
    assert.equal(ctx.identity.name, 'alice');
    assert.equal(ctx.version, '1.4');
    assert.equal(ctx.signal, signal);
    assert.equal(ctx.crypto, cryptoModule);
    assert.equal(ctx.server, PRODUCT);
    assert.deepEqual(ctx.supportedOperations, ['Get']);
    assert.equal(ctx.now().getTime(), 0);
    assert.equal(ctx.certificateAuthority, undefined);
    const withCa = new ItemContext(
      new MessageScope(
        { ...services, certificateAuthority: () => Promise.reject(new Error('none')) },
        createStreamRegistry(),
        { identity: 'alice' },
        client,
        '1.4',
        signal,
      ),
      session,
      () => assert.fail('no logger needed'),
    );
    assert.equal(typeof withCa.certificateAuthority, 'function');
  });

  it('makes the object view and the logger only when asked, once', () => {
    let loggers = 0;
    const logger = createLogger({ level: 'silent', destination: { write: () => undefined } });
    const ctx = new ItemContext(scopeOn('c1'), session, () => (loggers++, logger));
    assert.equal(loggers, 0);
    assert.equal(ctx.logger, logger);
    assert.equal(loggers, 1);
    assert.equal(ctx.objects, ctx.objects);
    assert.equal(ctx.objects.identity.name, 'alice');
  });

  it('shares the ID Placeholder and references of the message between its items', () => {
    const scope = scopeOn('c1');
    const first = new ItemContext(scope, session, () => assert.fail());
    const second = new ItemContext(scope, session, () => assert.fail());
    assert.throws(() => second.resolveId(undefined), { code: 'KW_KMIP_RESULT' });
    first.idPlaceholder.set('key-1');
    assert.equal(second.idPlaceholder.get(), 'key-1');
    assert.equal(second.resolveId(undefined), 'key-1');
    assert.equal(second.resolveId('key-2'), 'key-2');
    second.idPlaceholder.clear();
    assert.equal(first.idPlaceholder.get(), undefined);
  });

  it("gives the items of a connection that connection's streams, and a message without one its own", () => {
    const registry = createStreamRegistry();
    const a = new ItemContext(scopeOn('c1', registry), session, () => assert.fail());
    const b = new ItemContext(scopeOn('c1', registry), session, () => assert.fail());
    const c = new ItemContext(scopeOn('c2', registry), session, () => assert.fail());
    assert.equal(a.streams, b.streams);
    assert.notEqual(a.streams, c.streams);
    const lone = scopeOn(undefined, registry);
    const first = new ItemContext(lone, session, () => assert.fail());
    const second = new ItemContext(lone, session, () => assert.fail());
    assert.equal(first.streams, second.streams);
    assert.notEqual(
      first.streams,
      new ItemContext(scopeOn(undefined, registry), session, () => assert.fail()).streams,
    );
  });
});
