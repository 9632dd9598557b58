import { describe, test, mock } from 'node:test';
import assert from 'node:assert/strict';
import {
  abortUpload, fetchRecord, listParts, signParts,
} from '../../../webapp/js/parts.js';
import { json } from './fakes.mjs';

const API = '/app/api/uploads';

describe('signParts', () => {
  test('POSTs the parts with their checksums and the CSRF token, and gives the signed parts',
    async () => {
      const fetch = mock.fn(async () => json(200, {
        parts: [2, 1].map((partNumber) => ({
          partNumber, url: `https://s/p${partNumber}`, headers: { a: 'b' }, expiresAt: 'x',
        })),
      }));
      const asked = [{ partNumber: 1, checksumSha256: 'c1' },
        { partNumber: 2, checksumSha256: 'c2' }];

      const signed = await signParts(API, 'u 1', asked,
        { fileName: 'big.iso', fetch, csrfToken: 'token-1' });

      assert.deepEqual(signed.map(({ partNumber, url }) => [partNumber, url]),
        [[1, 'https://s/p1'], [2, 'https://s/p2']], 'in the order asked');
      const [url, init] = fetch.mock.calls[0].arguments;
      assert.equal(url, '/app/api/uploads/u%201/parts');
      assert.equal(init.method, 'POST');
      assert.equal(init.headers['X-CSRF-Token'], 'token-1');
      assert.deepEqual(JSON.parse(init.body), { parts: asked });
    });

  test('refuses to ask for more than 100 at once', async () => {
    const parts = Array.from({ length: 101 },
      (_, index) => ({ partNumber: index + 1, checksumSha256: 'c' }));
    await assert.rejects(signParts(API, 'u1', parts, { fileName: 'big.iso' }), RangeError);
  });

  test('fails when the answer lacks a part asked for', async () => {
    const fetch = async () => json(200, { parts: [] });
    await assert.rejects(signParts(API, 'u1', [{ partNumber: 1, checksumSha256: 'c' }],
      { fileName: 'big.iso', fetch }), { kind: 'server', status: 200 });
  });

  test('gives the application’s reason for a 429', async () => {
    const fetch = async () => json(429,
      { error: 'too_many_parts', message: 'You have signed too many parts this hour.' });
    await assert.rejects(signParts(API, 'u1', [{ partNumber: 1, checksumSha256: 'c' }],
      { fileName: 'big.iso', fetch }), {
      kind: 'refused',
      status: 429,
      message: '“big.iso” was not uploaded: You have signed too many parts this hour.',
    });
  });
});

describe('listParts, fetchRecord and abortUpload', () => {
  test('lists the whole parts the store has', async () => {
    const fetch = async () => json(200, {
      parts: [{ partNumber: 1, etag: '"e1"', size: 4 }, { partNumber: 2 }],
    });
    assert.deepEqual(await listParts(API, 'u1', { fileName: 'big.iso', fetch }),
      [{ partNumber: 1, etag: '"e1"', size: 4 }]);
  });

  test('reads the record, or null for the application’s 404 but not a bare one', async () => {
    const ok = async () => json(200, { id: 'u1', state: 'issued' });
    assert.deepEqual(await fetchRecord(API, 'u1', { fileName: 'f', fetch: ok }),
      { id: 'u1', state: 'issued' });
    const gone = async () => json(404, { error: 'not_found', message: 'No such upload.' });
    assert.equal(await fetchRecord(API, 'u1', { fileName: 'f', fetch: gone }), null);
    const bare = async () => new Response('<html>Not Found</html>', { status: 404 });
    await assert.rejects(fetchRecord(API, 'u1', { fileName: 'f', fetch: bare }),
      { status: 404 });
  });

  test('aborts with a DELETE carrying the CSRF token', async () => {
    const fetch = mock.fn(async () => new Response(null, { status: 204 }));
    await abortUpload(API, 'u1', { fileName: 'f', fetch, csrfToken: 'token-1' });
    const [url, init] = fetch.mock.calls[0].arguments;
    assert.equal(`${init.method} ${url}`, 'DELETE /app/api/uploads/u1');
    assert.equal(init.headers['X-CSRF-Token'], 'token-1');
    assert.equal(init.body, undefined);
  });
});
