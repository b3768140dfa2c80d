// Large messages through the KMIP listener over TLS (issue #6): framing of a message of exactly
// maxMessageSize however the bytes arrive, refusal of one byte more before its body, and large
// responses from the encoder's pool wiped and handed back once the socket has them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeTtlv, encodeTtlv } from '../../../../src/kmip/ttlv/index.ts';
import { emptyOutputPool, pooledOutputCount } from '../../../../src/kmip/ttlv/output-pool.ts';
import { useTestListeners } from './listener-fixtures.ts';

const MAX = 1024 * 1024;

/** A Request Message (Structure) of `total` bytes, header included, around a Byte String. */
function requestOf(total: number, fill: number): Uint8Array {
  const message = new Uint8Array(total);
  const view = new DataView(message.buffer);
  view.setUint32(0, 0x42007801); // Request Message, Structure
  view.setUint32(4, total - 8);
  view.setUint32(8, 0x4200c208); // Data, Byte String
  view.setUint32(12, total - 16);
  message.fill(fill, 16);
  return message;
}

/** Lets the event loop turn until `done()` or `limit` turns have passed. */
async function turnsUntil(done: () => boolean, limit = 10_000): Promise<boolean> {
  for (let i = 0; i < limit && !done(); i++) await new Promise((r) => setImmediate(r));
  return done();
}

describe('KMIP listener: large messages', { timeout: 60_000 }, () => {
  const { serve } = useTestListeners({ maxMessageSize: MAX });

  it('frames a message of exactly maxMessageSize sent in one write and in 16 KiB writes', async () => {
    const server = await serve();
    const client = server.connect('admin');
    const whole = requestOf(MAX, 0x5a);
    await client.send(whole);
    assert.deepEqual(await client.next(), whole);
    const pieces = requestOf(MAX, 0xc3);
    for (let at = 0; at < pieces.length; at += 16 * 1024) {
      await client.send(pieces.subarray(at, at + 16 * 1024));
    }
    assert.deepEqual(await client.next(), pieces);
  });

  it('refuses a header announcing one byte more than maxMessageSize before its body', async () => {
    const server = await serve();
    const client = server.connect('admin');
    // Only the header is sent: the refusal cannot wait for (or buffer) the body.
    await client.send(requestOf(MAX + 8, 0).subarray(0, 8));
    const line = await server.log.waitFor((l) => l.event === 'framing-error');
    assert.equal(line.reason, 'KW_TTLV_TOO_LARGE');
    await client.closed;
    assert.equal(client.received.length, 0);
  });

  it('wipes a large pooled response and hands it back once the socket has taken it', async () => {
    emptyOutputPool();
    const sent: Uint8Array[] = [];
    const server = await serve({
      handle: async ({ bytes }) => {
        // The encoder's output for a large message comes from the pool.
        const response = encodeTtlv(decodeTtlv(bytes, { maxMessageSize: MAX }));
        sent.push(response);
        return response;
      },
    });
    const client = server.connect('admin');
    const request = requestOf(256 * 1024, 0x77);
    await client.send(request);
    assert.deepEqual(await client.next(), request);
    const [response] = sent;
    assert.ok(response !== undefined);
    assert.ok(
      await turnsUntil(() => pooledOutputCount() === 1),
      'the written response went back to the pool',
    );
    assert.ok(
      response.every((b) => b === 0),
      'and was wiped',
    );
    // The next large response reuses it and still arrives intact.
    const second = requestOf(200 * 1024, 0x33);
    await client.send(second);
    assert.deepEqual(await client.next(), second);
    assert.equal(sent[1]?.buffer, response.buffer);
  });

  it('leaves a small response alone', async () => {
    const kept = requestOf(1024, 0x42);
    const server = await serve({ handle: async () => kept });
    const client = server.connect('admin');
    await client.send(requestOf(64, 1));
    assert.deepEqual(await client.next(), kept);
    assert.ok(kept.subarray(16).every((b) => b === 0x42));
  });
});
