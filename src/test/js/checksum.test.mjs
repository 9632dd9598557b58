import { describe, test, mock } from 'node:test';
import assert from 'node:assert/strict';
import {
  LARGEST_WHOLE_PART, createPartHasher, sha256Base64, sha256PartBase64, toBase64,
} from '../../../webapp/js/checksum.js';
import { until } from './fakes.mjs';

const EMPTY = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
const ABC = 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=';

/** Web Crypto's digest of the same bytes, in base64: the independent answer. */
async function webCryptoBase64(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return btoa(String.fromCharCode(...digest));
}

function randomBytes(length) {
  const bytes = new Uint8Array(length);
  for (let start = 0; start < length; start += 65536) {
    crypto.getRandomValues(bytes.subarray(start, Math.min(start + 65536, length)));
  }
  return bytes;
}

/** A Blob whose slice and arrayBuffer calls are recorded; its slices are real Blobs. */
function spiedBlob(bytes) {
  const blob = new Blob([bytes]);
  mock.method(blob, 'slice');
  mock.method(blob, 'arrayBuffer');
  return blob;
}

describe('toBase64', () => {
  test('writes standard base64 with padding', () => {
    assert.equal(toBase64(new Uint8Array([])), '');
    assert.equal(toBase64(new Uint8Array([0xfb])), '+w==');
    assert.equal(toBase64(new Uint8Array([0xfb, 0xff])), '+/8=');
    assert.equal(toBase64(new TextEncoder().encode('abc')), 'YWJj');
  });

  test('handles more bytes than one call can take as arguments', () => {
    const bytes = randomBytes(200_000);

    assert.equal(toBase64(bytes), Buffer.from(bytes).toString('base64'));
  });
});

describe('sha256Base64', () => {
  test('gives the known digests of "" and "abc"', async () => {
    assert.equal(await sha256Base64(new Blob([])), EMPTY);
    assert.equal(await sha256Base64(new Blob(['abc'])), ABC);
    assert.equal(EMPTY.length, 44);
  });

  test('gives Web Crypto’s digest for every chunk size, reading only slices', async () => {
    const bytes = randomBytes(1000);
    const expected = await webCryptoBase64(bytes);

    for (const chunkSize of [1, 3, 64, 999, 1000, 1001, 4 * 1024 * 1024]) {
      const blob = spiedBlob(bytes);

      assert.equal(await sha256Base64(blob, { chunkSize }), expected, `chunk size ${chunkSize}`);
      assert.equal(blob.slice.mock.callCount(), Math.ceil(1000 / chunkSize));
      assert.deepEqual(blob.slice.mock.calls[0].arguments, [0, Math.min(chunkSize, 1000)]);
      assert.equal(blob.arrayBuffer.mock.callCount(), 0, 'never the whole blob at once');
    }
  });

  test('reads 4 MiB at a time unless told otherwise', async () => {
    const bytes = randomBytes(9 * 1024 * 1024);
    const blob = spiedBlob(bytes);

    assert.equal(await sha256Base64(blob), await webCryptoBase64(bytes));
    assert.deepEqual(blob.slice.mock.calls.map((call) => call.arguments),
      [[0, 4194304], [4194304, 8388608], [8388608, 9437184]]);
    assert.equal(blob.arrayBuffer.mock.callCount(), 0);
  });

  test('reports the bytes hashed after each slice, up to the total', async () => {
    const seen = [];

    await sha256Base64(new Blob(['0123456789']),
      { chunkSize: 4, onProgress: (hashed, total) => seen.push([hashed, total]) });

    assert.deepEqual(seen, [[4, 10], [8, 10], [10, 10]]);
  });

  test('rejects with an AbortError at once when aborted while a slice is read', async () => {
    const controller = new AbortController();
    const blob = spiedBlob(randomBytes(100));
    let reading = false;
    blob.slice.mock.mockImplementation((start, end) => {
      const part = Blob.prototype.slice.call(blob, start, end);
      if (start === 30) {
        // the fourth slice is still being read when the person cancels, and never ends
        part.arrayBuffer = () => {
          reading = true;
          return new Promise(() => {});
        };
      }
      return part;
    });

    const hashing = sha256Base64(blob, { chunkSize: 10, signal: controller.signal });
    await until(() => reading);
    controller.abort();

    await assert.rejects(hashing, (error) => error instanceof DOMException
      && error.name === 'AbortError' && error.message === 'Aborted');
    assert.equal(blob.slice.mock.callCount(), 4, 'the slice being read, then no more');
  });

  test('reads no further slice once aborted between two', async () => {
    const controller = new AbortController();
    const blob = spiedBlob(randomBytes(100));

    const hashing = sha256Base64(blob, {
      chunkSize: 10,
      signal: controller.signal,
      onProgress: (hashed) => {
        if (hashed === 30) {
          controller.abort();
        }
      },
    });

    await assert.rejects(hashing, { name: 'AbortError' });
    assert.equal(blob.slice.mock.callCount(), 3);
  });

  test('rejects with an AbortError, reading nothing, when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const blob = spiedBlob(new Uint8Array(10));

    await assert.rejects(sha256Base64(blob, { signal: controller.signal }), { name: 'AbortError' });
    assert.equal(blob.slice.mock.callCount(), 0);
  });

  test('refuses a chunk size that is not a positive whole number', async () => {
    for (const chunkSize of [0, -1, 1.5, Number.NaN]) {
      await assert.rejects(sha256Base64(new Blob(['abc']), { chunkSize }), RangeError);
    }
  });
});

describe('sha256PartBase64', () => {
  const abc = ABC;

  test('hashes a part with Web Crypto when there is one, and with the vendored code otherwise',
    async () => {
      const digest = mock.fn((algorithm, bytes) => crypto.subtle.digest(algorithm, bytes));
      assert.equal(await sha256PartBase64(new Blob(['abc']), { subtle: { digest } }), abc);
      assert.equal(digest.mock.calls[0].arguments[0], 'SHA-256');
      assert.equal(await sha256PartBase64(new Blob(['abc']), { subtle: null }), abc);
    });

  test('reads a part larger than LARGEST_WHOLE_PART slice by slice, never whole', async () => {
    const bytes = new Uint8Array(LARGEST_WHOLE_PART + 1);
    bytes[LARGEST_WHOLE_PART] = 7;
    const digest = mock.fn(() => {
      throw new Error('Web Crypto would take the whole part');
    });
    const expected = toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));

    assert.equal(await sha256PartBase64(new Blob([bytes]), { subtle: { digest } }), expected);
    assert.equal(digest.mock.callCount(), 0);
  });

  test('rejects with an AbortError when the signal has aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(sha256PartBase64(new Blob(['abc']), { signal: controller.signal }),
      { name: 'AbortError' });
  });
});

/** A stand-in for a module Worker: hashes what it is sent, as hash-worker.js does. */
function fakeWorkers({ failWith, refuse, crash } = {}) {
  const made = [];
  class FakeWorker extends EventTarget {
    constructor(url, options) {
      super();
      if (refuse) {
        throw new DOMException('Refused by the content security policy', 'SecurityError');
      }
      this.url = String(url);
      this.options = options;
      this.posted = [];
      made.push(this);
    }

    postMessage(data) {
      this.posted.push(data);
      if (crash) {
        setTimeout(() => this.dispatchEvent(new Event('error')), 0);
        return;
      }
      (async () => {
        const answer = failWith ? { id: data.id, error: failWith }
          : { id: data.id, checksum: await sha256PartBase64(data.blob) };
        this.dispatchEvent(new MessageEvent('message', { data: answer }));
      })();
    }
  }
  return { made, FakeWorker };
}

describe('createPartHasher', () => {
  const blob = new Blob(['abc']);
  const ABC = 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=';

  test('hashes parts in one module worker, started on the first part, passing the Blob itself',
    async () => {
      const { made, FakeWorker } = fakeWorkers();
      const hashPart = createPartHasher({ workerUrl: 'https://app.test/js/hash-worker.js',
        Worker: FakeWorker });
      assert.equal(made.length, 0, 'no worker before the first part');

      assert.equal(await hashPart(blob), ABC);
      assert.equal(await hashPart(new Blob([''])), '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');

      assert.equal(made.length, 1);
      assert.deepEqual(made[0].options, { type: 'module' });
      assert.equal(made[0].url, 'https://app.test/js/hash-worker.js');
      assert.equal(made[0].posted[0].blob, blob, 'the Blob is sent, not its bytes');
      assert.notEqual(made[0].posted[0].id, made[0].posted[1].id);
    });

  test('answers each part with its own digest when several are hashed at once', async () => {
    const { FakeWorker } = fakeWorkers();
    const hashPart = createPartHasher({ workerUrl: 'x.js', Worker: FakeWorker });
    const [a, b] = await Promise.all([hashPart(blob), hashPart(new Blob(['abcd']))]);
    assert.equal(a, ABC);
    assert.equal(b, await sha256PartBase64(new Blob(['abcd'])));
  });

  test('rejects with the worker’s reason when it could not hash', async () => {
    const { FakeWorker } = fakeWorkers({ failWith: 'NotReadableError' });
    const hashPart = createPartHasher({ workerUrl: 'x.js', Worker: FakeWorker });
    await assert.rejects(hashPart(blob), /The part could not be hashed: NotReadableError/);
  });

  test('rejects with an AbortError when cancelled while the worker hashes', async () => {
    const { FakeWorker } = fakeWorkers();
    const hashPart = createPartHasher({ workerUrl: 'x.js', Worker: FakeWorker });
    const controller = new AbortController();
    const hashing = hashPart(blob, { signal: controller.signal });
    controller.abort();
    await assert.rejects(hashing, { name: 'AbortError' });
  });

  test('hashes on the page when the worker cannot start, now and for every later part',
    async () => {
      const { made, FakeWorker } = fakeWorkers({ refuse: true });
      const hashPart = createPartHasher({ workerUrl: 'x.js', Worker: FakeWorker });
      assert.equal(await hashPart(blob), ABC);
      assert.equal(await hashPart(blob), ABC);
      assert.equal(made.length, 0);
    });

  test('hashes on the page the parts a failing worker had, and every later part', async () => {
    const { made, FakeWorker } = fakeWorkers({ crash: true });
    const hashPart = createPartHasher({ workerUrl: 'x.js', Worker: FakeWorker });
    assert.deepEqual(await Promise.all([hashPart(blob), hashPart(blob)]), [ABC, ABC]);
    assert.equal(await hashPart(blob), ABC);
    assert.equal(made.length, 1, 'not started again');
    assert.equal(made[0].posted.length, 2, 'the later part went straight to the page');
  });

  test('hashes on the page without workers', async () => {
    const hashPart = createPartHasher({ Worker: null });
    assert.equal(hashPart, sha256PartBase64);
    assert.equal(await hashPart(blob), ABC);
  });
});
