import { describe, test, mock } from 'node:test';
import assert from 'node:assert/strict';
import {
  createPauser, createRateMeter, describeRate, isExpiredSignature, partRange, reopen, sendParts,
  uploadInParts, worthSendingAgain,
} from '../../../webapp/js/multipart.js';
import { UploadError } from '../../../webapp/js/errors.js';
import { FakeXhr, json, replaceGlobal, until } from './fakes.mjs';

const START = Date.parse('2026-01-05T14:00:00Z');
const LATER = '2026-01-05T14:15:00Z';
const API = '/app/api/uploads';

/** A file of `count` parts of 4 bytes, the last of 2: part n holds the letter n ('a' for 1). */
function fileOf(count) {
  const text = Array.from({ length: count }, (_, index) => String.fromCharCode(97 + (index % 26))
    .repeat(index === count - 1 ? 2 : 4)).join('');
  return new File([text], 'big.iso', { type: 'application/octet-stream' });
}

function ticketFor(file, parallelParts = 2) {
  return {
    id: 'u1',
    key: 'uploads/alice/big.iso',
    method: 'MULTIPART',
    size: file.size,
    partSize: 4,
    partCount: Math.ceil(file.size / 4),
    parallelParts,
    expiresAt: '2026-01-06T14:00:00Z',
  };
}

const recordOf = (state) => ({
  id: 'u1', key: 'uploads/alice/big.iso', state, expiresAt: '2026-01-06T14:00:00Z',
});

/**
 * The application: signs every part asked for (the n-th signing's URLs expire n quarter hours
 * after START, so the first at LATER), and answers the other calls as told.
 */
function application({
  sign = (parts, count) => json(200, {
    parts: parts.map(({ partNumber, checksumSha256 }) => ({
      partNumber,
      url: `https://store.example/b/big.iso?partNumber=${partNumber}&signing=${count}`,
      headers: { 'x-amz-checksum-sha256': checksumSha256 },
      expiresAt: new Date(START + count * 15 * 60000).toISOString(),
    })),
  }),
  complete = () => json(200, recordOf('stored')),
  record = () => json(200, recordOf('issued')),
  list = () => json(200, { parts: [] }),
} = {}) {
  const calls = [];
  let signings = 0;
  const fetch = async (url, init) => {
    const body = init.body === undefined ? undefined : JSON.parse(init.body);
    calls.push({ url, method: init.method, body });
    if (url.endsWith('/parts') && init.method === 'POST') {
      signings += 1;
      return sign(body.parts, signings);
    }
    if (url.endsWith('/parts')) {
      return list();
    }
    if (url.endsWith('/complete')) {
      return complete(body);
    }
    return init.method === 'DELETE' ? new Response(null, { status: 204 }) : record();
  };
  const signed = () => calls.filter(({ url, method }) => url.endsWith('/parts')
    && method === 'POST').map(({ body }) => body.parts.map(({ partNumber }) => partNumber));
  return {
    fetch, calls, signed, deletes: () => calls.filter(({ method }) => method === 'DELETE'),
  };
}

/** A store whose part PUTs the test settles by hand (or `auto` settles at once). */
function store(auto) {
  const puts = [];
  const sendPart = (part, blob, options) => new Promise((resolve, reject) => {
    const put = {
      part, blob, options, open: true, partNumber: part.partNumber,
    };
    const settle = (how) => (value) => {
      if (put.open) {
        put.open = false;
        how(value);
      }
    };
    put.resolve = settle(resolve);
    put.reject = settle(reject);
    options.signal.addEventListener('abort',
      () => put.reject(new DOMException('Aborted', 'AbortError')), { once: true });
    puts.push(put);
    if (auto) {
      Promise.resolve().then(() => auto(put));
    }
  });
  return { puts, sendPart, open: () => puts.filter((put) => put.open) };
}

const etagOf = (partNumber) => `"etag-${partNumber}"`;
const succeed = (put) => put.resolve(etagOf(put.partNumber));

/** Lets the store take every open part, turn after turn, until the sending settles. */
async function drive(sender, sending, check = () => {}) {
  let settled = false;
  sending.then(() => {
    settled = true;
  }, () => {
    settled = true;
  });
  for (let turn = 0; turn < 1000 && !settled; turn += 1) {
    check();
    sender.open().forEach(succeed);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return sending;
}

/** A hasher that counts how many parts it holds at once. */
function hasher() {
  const counts = { now: 0, most: 0, calls: 0 };
  const hashPart = async (blob) => {
    counts.now += 1;
    counts.calls += 1;
    counts.most = Math.max(counts.most, counts.now);
    const bytes = await blob.arrayBuffer();
    await new Promise((resolve) => setImmediate(resolve));
    counts.now -= 1;
    return `sha-${new TextDecoder().decode(bytes)}`;
  };
  return { counts, hashPart };
}

function options(app, sender, extra = {}) {
  return {
    fetch: app.fetch,
    csrfToken: 'token-1',
    sendPart: sender.sendPart,
    hashPart: hasher().hashPart,
    now: () => START,
    wait: mock.fn(async () => {}),
    ...extra,
  };
}

const storageError = (status, code, reason) => new UploadError('storage',
  `Part n was rejected by the storage (HTTP ${status}).`, { status, code, reason });

describe('partRange', () => {
  test('cuts the file into parts of partSize bytes, the last holding the rest', () => {
    const plan = { size: 10, partSize: 4 };
    assert.deepEqual([1, 2, 3].map((number) => partRange(plan, number)),
      [{ start: 0, end: 4 }, { start: 4, end: 8 }, { start: 8, end: 10 }]);
  });
});

describe('isExpiredSignature and worthSendingAgain', () => {
  const before = START;
  const after = Date.parse(LATER) + 1;

  test('knows an expired signature by its code, its message, or the clock', () => {
    assert.equal(isExpiredSignature(storageError(403, 'ExpiredToken'), LATER, before), true);
    assert.equal(isExpiredSignature(storageError(403, 'RequestExpired'), LATER, before), true);
    assert.equal(isExpiredSignature(storageError(403, 'AccessDenied', 'Request has expired'),
      LATER, before), true);
    assert.equal(isExpiredSignature(storageError(403, 'AccessDenied', 'Access Denied'),
      LATER, after), true, 'a 403 after expiresAt');
  });

  test('does not take another refusal for an expired signature', () => {
    assert.equal(isExpiredSignature(storageError(403, 'SignatureDoesNotMatch', 'The request'
      + ' signature we calculated does not match'), LATER, before), false);
    assert.equal(isExpiredSignature(storageError(400, 'ExpiredToken'), LATER, after), false);
    assert.equal(isExpiredSignature(new Error('expired'), LATER, after), false);
  });

  test('sends again after the network, a 5xx, 408, 429 or RequestTimeout, not after others',
    () => {
      const network = new UploadError('network', 'no answer');
      assert.equal(worthSendingAgain(network), true);
      for (const status of [500, 502, 503, 504, 408, 429]) {
        assert.equal(worthSendingAgain(storageError(status)), true, String(status));
      }
      assert.equal(worthSendingAgain(storageError(400, 'RequestTimeout')), true);
      for (const status of [400, 403, 404, 412]) {
        assert.equal(worthSendingAgain(storageError(status, 'X')), false, String(status));
      }
      assert.equal(worthSendingAgain(new UploadError('storage', 'x', { code: 'ETagNotExposed' })),
        false);
    });
});

describe('sendParts', () => {
  test('sends each part’s own slice with its signed URL and returns every ETag in order',
    async () => {
      const file = fileOf(5);
      const app = application();
      const sender = store(succeed);
      const progress = [];
      const sent = [];

      const parts = await sendParts(API, ticketFor(file), file, options(app, sender, {
        onProgress: (loaded, total) => progress.push([loaded, total]),
        onPartSent: (number) => sent.push(number),
      }));

      assert.deepEqual(parts, [1, 2, 3, 4, 5].map((partNumber) => ({
        partNumber, etag: etagOf(partNumber),
      })));
      assert.equal(sender.puts.length, 5);
      for (const put of sender.puts) {
        const { start, end } = partRange(ticketFor(file), put.partNumber);
        assert.ok(put.blob instanceof Blob, 'a Blob slice, never its bytes');
        assert.equal(await put.blob.text(), await file.slice(start, end).text());
        assert.equal(put.part.headers['x-amz-checksum-sha256'], `sha-${await put.blob.text()}`);
        assert.match(put.part.url, new RegExp(`partNumber=${put.partNumber}&`));
      }
      assert.deepEqual(sent.sort(), [1, 2, 3, 4, 5]);
      assert.deepEqual(progress.at(-1), [18, 18]);
      const signing = app.calls.find(({ method }) => method === 'POST');
      assert.equal(signing.url, '/app/api/uploads/u1/parts');
    });

  test('has at most parallelParts parts on the way, and starts the next as one ends',
    async () => {
      const file = fileOf(6);
      const sender = store();
      const sending = sendParts(API, ticketFor(file, 2), file,
        options(application(), sender));
      await until(() => sender.open().length === 2);
      await new Promise((resolve) => setImmediate(resolve));

      assert.equal(sender.open().length, 2);
      succeed(sender.open()[0]);
      await until(() => sender.puts.length === 3);
      assert.equal(sender.open().length, 2);
      const parts = await drive(sender, sending, () => assert.ok(sender.open().length <= 2));
      assert.equal(parts.length, 6);
    });

  test('signs just in time, in batches no larger than parallelParts, never all at once',
    async () => {
      const file = fileOf(20);
      const app = application();
      const sender = store();
      const sending = sendParts(API, ticketFor(file, 3), file, options(app, sender));
      await until(() => sender.open().length === 3);
      await new Promise((resolve) => setImmediate(resolve));

      const signedEarly = app.signed().flat();
      assert.ok(signedEarly.length <= 6, `signed ${signedEarly.length} of 20 before any ended`);
      await drive(sender, sending, () => {
        const signed = app.signed().flat().length;
        const finished = sender.puts.filter((put) => !put.open).length;
        assert.ok(signed <= finished + 3 * 3, `${signed} signed, ${finished} finished`);
      });
      assert.ok(app.signed().every((batch) => batch.length >= 1 && batch.length <= 3));
      assert.deepEqual(app.signed().flat(), Array.from({ length: 20 }, (_, i) => i + 1));
    });

  test('never asks for more than 100 signatures at once', async () => {
    const file = fileOf(250);
    const app = application();
    await sendParts(API, ticketFor(file, 150), file, options(app, store(succeed)));

    assert.ok(app.signed().every((batch) => batch.length <= 100));
    assert.equal(app.signed().flat().length, 250);
  });

  test('hashes at most two parts at a time, whatever parallelParts is', async () => {
    const file = fileOf(12);
    const { counts, hashPart } = hasher();
    await sendParts(API, ticketFor(file, 4), file,
      options(application(), store(succeed), { hashPart }));

    assert.equal(counts.calls, 12);
    assert.equal(counts.most, 2, `two parts hashed at once (Web Crypto in a worker), saw ${counts.most}`);
  });

  for (const [what, failure] of [
    ['the network', () => new UploadError('network', 'no readable answer')],
    ['a 503', () => storageError(503, 'SlowDown', 'Please reduce your request rate.')],
    ['a 500', () => storageError(500, 'InternalError')],
    ['a 408', () => storageError(408)],
    ['a 429', () => storageError(429)],
  ]) {
    test(`sends a part again after ${what}, after a pause`, async () => {
      const file = fileOf(2);
      let failures = 0;
      const sender = store((put) => {
        if (put.partNumber === 2 && failures < 2) {
          failures += 1;
          put.reject(failure());
        } else {
          succeed(put);
        }
      });
      const opts = options(application(), sender);

      const parts = await sendParts(API, ticketFor(file), file, opts);

      assert.deepEqual(parts.map(({ etag }) => etag), [etagOf(1), etagOf(2)]);
      assert.deepEqual(sender.puts.map(({ partNumber }) => partNumber).sort(), [1, 2, 2, 2]);
      assert.deepEqual(opts.wait.mock.calls.map((call) => call.arguments[0]), [1000, 2000]);
    });
  }

  test('gives up on a part after the last pause, naming the part, the store and the attempts',
    async () => {
      const file = fileOf(3);
      const sender = store((put) => (put.partNumber === 2
        ? put.reject(new UploadError('storage', 'Part 2 of 3 of “big.iso” was rejected by the'
          + ' storage (HTTP 503, SlowDown).', { status: 503, code: 'SlowDown' }))
        : succeed(put)));
      const opts = options(application(), sender);

      await assert.rejects(sendParts(API, ticketFor(file), file, opts), {
        name: 'UploadError',
        kind: 'storage',
        status: 503,
        message: 'Part 2 of 3 of “big.iso” was rejected by the storage (HTTP 503, SlowDown). It'
          + ' was tried 6 times; “big.iso” was not uploaded.',
      });
      assert.deepEqual(opts.wait.mock.calls.map((call) => call.arguments[0]),
        [1000, 2000, 4000, 8000, 15000]);
      assert.equal(sender.puts.filter(({ partNumber }) => partNumber === 2).length, 6);
    });

  for (const [what, failure, clock] of [
    ['AccessDenied saying the request has expired',
      storageError(403, 'AccessDenied', 'Request has expired'), START],
    ['ExpiredToken', storageError(403, 'ExpiredToken', 'The provided token has expired.'), START],
    ['a bare 403 once the part’s expiry has passed', storageError(403), Date.parse(LATER) + 1],
  ]) {
    test(`signs a part again and sends it again after ${what}`, async () => {
      const file = fileOf(2);
      let refused = false;
      let time = START;
      const sender = store((put) => {
        if (put.partNumber === 1 && !refused) {
          refused = true;
          time = clock;
          put.reject(failure);
        } else {
          succeed(put);
        }
      });
      const app = application();
      const opts = options(app, sender, { now: () => time });

      await sendParts(API, ticketFor(file), file, opts);
      assert.deepEqual(app.signed().flat().sort(), [1, 1, 2], 'part 1 signed twice, part 2 once');
      assert.deepEqual(app.signed().filter((batch) => batch.includes(1)).at(-1), [1],
        'signed again on its own');
      const again = sender.puts.filter(({ partNumber }) => partNumber === 1);
      assert.equal(again.length, 2);
      assert.notEqual(again[1].part.url, again[0].part.url, 'the new URL');
      assert.equal(again[1].part.headers['x-amz-checksum-sha256'], 'sha-aaaa');
      assert.equal(opts.wait.mock.callCount(), 0);
    });
  }

  test('signs a part again before sending it when its URL is about to expire', async () => {
    const file = fileOf(1);
    let time = START;
    const app = application();
    const sender = store(succeed);
    const hash = hasher();
    const hashPart = async (blob) => {
      const checksum = await hash.hashPart(blob);
      time = Date.parse(LATER) - 1000;
      return checksum;
    };
    await sendParts(API, ticketFor(file), file,
      options(app, sender, { hashPart, now: () => time }));

    assert.deepEqual(app.signed(), [[1], [1]]);
    assert.equal(sender.puts.length, 1);
    assert.match(sender.puts[0].part.url, /signing=2$/);
  });

  test('stops after signing a part again MAX_RESIGNS times', async () => {
    const file = fileOf(1);
    const sender = store((put) => put.reject(storageError(403, 'ExpiredToken')));
    const app = application();

    await assert.rejects(sendParts(API, ticketFor(file), file,
      options(app, sender, { maxResigns: 2 })), { status: 403, code: 'ExpiredToken' });
    assert.equal(app.signed().length, 3, 'the first signing and two more');
    assert.equal(sender.puts.length, 3);
  });

  test('stops at once, with the store’s words, on a 403 that is not an expiry', async () => {
    const file = fileOf(3);
    const refusal = storageError(403, 'SignatureDoesNotMatch', 'The request signature we'
      + ' calculated does not match the signature you provided.');
    const sender = store((put) => (put.partNumber === 1 ? put.reject(refusal) : succeed(put)));
    const opts = options(application(), sender);

    await assert.rejects(sendParts(API, ticketFor(file), file, opts), refusal);
    assert.equal(opts.wait.mock.callCount(), 0);
    assert.equal(sender.puts.filter(({ partNumber }) => partNumber === 1).length, 1);
  });

  test('asks again for signatures while the application answers 503, then stops on a 409',
    async () => {
      const file = fileOf(2);
      let signings = 0;
      const app = application({
        sign: () => {
          signings += 1;
          return signings === 1
            ? json(503, { error: 'unavailable', message: 'The storage is unavailable.' })
            : json(409, { error: 'not_open', message: 'This upload is no longer open.' });
        },
      });
      const opts = options(app, store(succeed));

      await assert.rejects(sendParts(API, ticketFor(file), file, opts), {
        kind: 'refused',
        status: 409,
        code: 'not_open',
        message: '“big.iso” was not uploaded: This upload is no longer open.',
      });
      assert.deepEqual(opts.wait.mock.calls.map((call) => call.arguments[0]), [1000]);
    });

  test('pausing aborts the parts on the way and sends nothing until resumed', async () => {
    const file = fileOf(4);
    const sender = store();
    const pauser = createPauser();
    const sending = sendParts(API, ticketFor(file, 2), file,
      options(application(), sender, { pauser }));
    await until(() => sender.open().length === 2);
    const first = sender.open();

    pauser.pause();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(pauser.paused, true);
    assert.ok(first.every((put) => !put.open), 'both aborted');
    assert.equal(sender.puts.length, 2, 'nothing new while paused');

    pauser.resume();
    await until(() => sender.open().length === 2);
    assert.deepEqual(sender.open().map(({ partNumber }) => partNumber),
      first.map(({ partNumber }) => partNumber), 'the same parts again');
    assert.equal((await drive(sender, sending)).length, 4);
  });

  test('sends only the parts the store lacks, reusing the listed ETags', async () => {
    const file = fileOf(5);
    const sender = store(succeed);
    const done = [
      { partNumber: 1, etag: '"listed-1"', size: 4 },
      { partNumber: 3, etag: '"short-3"', size: 3 },
      { partNumber: 5, etag: '"listed-5"', size: 2 },
    ];
    const progress = [];

    const parts = await sendParts(API, ticketFor(file), file, options(application(), sender,
      { done, onProgress: (loaded) => progress.push(loaded) }));

    assert.deepEqual(sender.puts.map(({ partNumber }) => partNumber).sort(), [2, 3, 4]);
    assert.deepEqual(parts.map(({ etag }) => etag),
      ['"listed-1"', etagOf(2), etagOf(3), etagOf(4), '"listed-5"']);
    assert.equal(progress[0], 6, 'the listed parts count as sent from the start');
  });
});

describe('uploadInParts', () => {
  test('completes with every part, ascending, quoted ETags and all, and forgets the upload',
    async () => {
      const file = fileOf(3);
      const app = application();
      const forget = mock.fn();
      const stages = [];

      const record = await uploadInParts(API, ticketFor(file), file, options(app,
        store(succeed), { forget, onStage: (stage) => stages.push(stage) }));

      assert.deepEqual(record, recordOf('stored'));
      const completion = app.calls.find(({ url }) => url.endsWith('/complete'));
      assert.equal(completion.url, '/app/api/uploads/u1/complete');
      assert.deepEqual(completion.body, {
        parts: [1, 2, 3].map((partNumber) => ({ partNumber, etag: etagOf(partNumber) })),
      });
      assert.equal(forget.mock.callCount(), 1);
      assert.deepEqual(stages, ['checking']);
      assert.equal(app.deletes().length, 0);
    });

  test('cancelling aborts the parts on the way, sends no more and aborts the upload',
    async () => {
      const file = fileOf(6);
      const app = application();
      const sender = store();
      const controller = new AbortController();
      const forget = mock.fn();
      const uploading = uploadInParts(API, ticketFor(file, 2), file,
        options(app, sender, { signal: controller.signal, forget }));
      await until(() => sender.open().length === 2);
      const open = sender.open();

      controller.abort();

      await assert.rejects(uploading, { name: 'AbortError' });
      assert.ok(open.every((put) => !put.open));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(sender.puts.length, 2);
      assert.deepEqual(app.deletes().map(({ url }) => url), ['/app/api/uploads/u1']);
      assert.equal(forget.mock.callCount(), 1);
      assert.equal(app.calls.some(({ url }) => url.endsWith('/complete')), false);
    });

  test('a part that fails for good aborts the upload and forgets it', async () => {
    const file = fileOf(2);
    const app = application();
    const forget = mock.fn();
    const refusal = storageError(400, 'BadDigest', 'The checksum did not match.');

    await assert.rejects(uploadInParts(API, ticketFor(file), file, options(app,
      store((put) => put.reject(refusal)), { forget })), refusal);
    assert.equal(app.deletes().length, 1);
    assert.equal(forget.mock.callCount(), 1);
  });

  test('keeps the upload to be finished later when the completion cannot be asked for',
    async () => {
      const file = fileOf(2);
      const app = application({
        complete: () => json(503, { error: 'unavailable', message: 'Try again later.' }),
      });
      const forget = mock.fn();

      await assert.rejects(uploadInParts(API, ticketFor(file), file, options(app,
        store(succeed), { forget, completeRetryPauses: [1] })), {
        kind: 'server',
        status: 503,
        message: 'All parts of “big.iso” reached the storage, but the application could not put'
          + ' them together: Try again later. Choose the same file again later to finish it;'
          + ' the parts sent are kept for a while.',
      });
      assert.equal(forget.mock.callCount(), 0);
      assert.equal(app.deletes().length, 0);
    });

  test('says why the application refused to put the parts together, and aborts nothing',
    async () => {
      const file = fileOf(2);
      const app = application({
        complete: () => json(400, {
          error: 'invalid_request', message: 'Part 2 does not have the ETag given.',
        }),
      });
      const forget = mock.fn();

      await assert.rejects(uploadInParts(API, ticketFor(file), file, options(app,
        store(succeed), { forget })), {
        kind: 'refused',
        status: 400,
        code: 'invalid_request',
        message: 'All parts of “big.iso” reached the storage, but the application could not put'
          + ' them together: Part 2 does not have the ETag given. “big.iso” was not uploaded.',
      });
      assert.equal(forget.mock.callCount(), 1);
      // the completion may have gone through after all: the sweeper aborts what is unfinished
      assert.equal(app.deletes().length, 0);
    });

  test('keeps an upload whose parts could not be sent for the network, to continue later',
    async () => {
      const file = fileOf(2);
      const app = application();
      const forget = mock.fn();
      const down = new UploadError('network', 'Part 1 of “big.iso” could not be sent.');

      await assert.rejects(uploadInParts(API, ticketFor(file), file, options(app,
        store((put) => put.reject(down)), { forget, retryPauses: [1] })), (error) => {
        assert.equal(error.kind, 'network');
        assert.match(error.message, /Choose the same file again to continue where it stopped/);
        return true;
      });
      assert.equal(forget.mock.callCount(), 0, 'remembered, so choosing the file again continues');
      assert.equal(app.deletes().length, 0, 'the parts sent stay in the store');
    });

  test('with the real part sender, a missing ETag stops the upload with the CORS rule’s fix',
    async (t) => {
      FakeXhr.instances.length = 0;
      replaceGlobal(t, 'XMLHttpRequest', FakeXhr);
      const file = fileOf(1);
      const app = application();
      const { sendPart, ...rest } = options(app, store());
      const uploading = uploadInParts(API, ticketFor(file), file, rest);
      await until(() => FakeXhr.instances.length === 1);
      FakeXhr.instances[0].respond(200);

      await assert.rejects(uploading, {
        kind: 'storage',
        code: 'ETagNotExposed',
        message: 'Part 1 of 1 of “big.iso” reached the storage, but the browser was not allowed'
          + ' to read the ETag the storage answered with, and the upload cannot be finished'
          + ' without it. The bucket’s CORS rule must expose it: ExposeHeaders: ETag.',
      });
      assert.equal(FakeXhr.instances.length, 1, 'not sent again');
      assert.equal(rest.wait.mock.callCount(), 0);
    });
});

describe('reopen', () => {
  const entry = {
    id: 'u1', key: 'uploads/alice/big.iso', size: 18, partSize: 4, partCount: 5, parallelParts: 3,
  };
  const file = fileOf(5);

  test('gives the ticket and the listed parts of an upload that is still open', async () => {
    const listed = [{ partNumber: 2, etag: '"e2"', size: 4 }];
    const app = application({ list: () => json(200, { parts: listed }) });

    const reopened = await reopen(API, entry, file, { fetch: app.fetch });

    assert.deepEqual(reopened, {
      ticket: {
        ...entry, method: 'MULTIPART', expiresAt: '2026-01-06T14:00:00Z',
      },
      done: listed,
    });
    assert.deepEqual(app.calls.map(({ url, method }) => `${method} ${url}`),
      ['GET /app/api/uploads/u1', 'GET /app/api/uploads/u1/parts']);
  });

  test('gives null for an upload that is unknown, or no longer open', async () => {
    const unknown = application({
      record: () => json(404, { error: 'not_found', message: 'There is no such upload.' }),
    });
    assert.equal(await reopen(API, entry, file, { fetch: unknown.fetch }), null);
    const finished = application({ record: () => json(200, recordOf('deleted')) });
    assert.equal(await reopen(API, entry, file, { fetch: finished.fetch }), null);
    assert.equal(finished.calls.length, 1, 'no parts asked for');
  });

  test('gives the checked record of an upload the store completed, its answer lost', async () => {
    const app = application({
      list: () => json(409, { error: 'not_open', message: 'The storage no longer has it.' }),
    });

    const reopened = await reopen(API, entry, file, { fetch: app.fetch });

    assert.deepEqual(reopened, { record: recordOf('stored') });
    const completion = app.calls.find(({ url }) => url.endsWith('/complete'));
    assert.deepEqual(completion.body, {}, 'asks what became of it, listing no parts');
  });

  test('gives null when the store has neither the upload in parts nor its object', async () => {
    const app = application({
      list: () => json(409, { error: 'not_open', message: 'The storage no longer has it.' }),
      complete: () => json(409, { error: 'not_uploaded', message: 'Not complete yet.' }),
    });
    assert.equal(await reopen(API, entry, file, { fetch: app.fetch }), null);
  });

  test('fails when the application cannot say', async () => {
    const app = application({ record: () => json(503, { error: 'u', message: 'Down.' }) });
    await assert.rejects(reopen(API, entry, file, { fetch: app.fetch }),
      { kind: 'server', status: 503 });
  });
});

describe('createPauser', () => {
  test('lets work through while running, holds it while paused, and tells listeners', async () => {
    const pauser = createPauser();
    const heard = [];
    pauser.onChange((paused) => heard.push(paused));
    await pauser.whenRunning();
    pauser.pause();
    let through = false;
    const held = pauser.whenRunning().then(() => {
      through = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(through, false);
    pauser.resume();
    await held;
    assert.equal(through, true);
    assert.deepEqual(heard, [true, false]);
  });

  test('rejects a wait when its signal aborts', async () => {
    const pauser = createPauser();
    const controller = new AbortController();
    pauser.pause();
    const held = pauser.whenRunning(controller.signal);
    controller.abort();
    await assert.rejects(held, { name: 'AbortError' });
  });
});

describe('createRateMeter and describeRate', () => {
  test('measures bytes per second over the last seconds and the time left', () => {
    let time = 0;
    const meter = createRateMeter(() => time, 10000);
    assert.deepEqual(meter.measure(0, 10000000), { speed: null, secondsLeft: null });
    time = 2000;
    const rate = meter.measure(2000000, 10000000);
    assert.deepEqual(rate, { speed: 1000000, secondsLeft: 8 });
    assert.equal(describeRate(rate), '976.6 KB/s, about 8 s left');
    meter.reset();
    assert.deepEqual(meter.measure(2000000, 10000000), { speed: null, secondsLeft: null });
  });

  test('says minutes and hours in words, and nothing before it knows', () => {
    assert.equal(describeRate({ speed: null, secondsLeft: null }), '');
    assert.equal(describeRate({ speed: 0, secondsLeft: null }), '0 bytes/s');
    assert.equal(describeRate({ speed: 1048576, secondsLeft: 150 }), '1 MB/s, about 3 min left');
    assert.equal(describeRate({ speed: 1048576, secondsLeft: 5400 }),
      '1 MB/s, about 1 h 30 min left');
  });
});
