import { describe, test, mock } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMPLETE_RETRY_PAUSES, completeWithRetries, pause, worthAskingAgain,
} from '../../../webapp/js/completion.js';
import { UploadError } from '../../../webapp/js/errors.js';
import { json } from './fakes.mjs';

const API = '/app/api/uploads';
const file = { name: 'report.pdf' };
const ticket = { id: 'id-1', key: 'uploads/alice/2026/01/05/id-1/report.pdf' };
const record = {
  id: 'id-1', key: ticket.key, state: 'stored', problems: [],
};
const UNAVAILABLE = {
  error: 'storage_unavailable',
  message: 'The storage did not answer within 10 seconds, so the upload could not be checked or'
    + ' changed. It is not lost: try again in a minute.',
};

/** A fetch that gives the answers in turn, the last one again and again. */
function answers(...given) {
  let next = 0;
  return mock.fn(async () => {
    const answer = given[Math.min(next, given.length - 1)];
    next += 1;
    return answer();
  });
}

const unreachable = () => {
  throw new TypeError('Failed to fetch');
};
const unavailable = () => json(503, UNAVAILABLE);
const checked = () => json(200, record);

/** A wait that records each pause and returns at once. */
const instantly = () => mock.fn(async () => {});

async function failure(promise) {
  return promise.then(() => assert.fail('expected a failure'), (error) => error);
}

describe('worthAskingAgain', () => {
  const server = (status) => new UploadError('server', 'x', { status });

  test('is true when the application could not be reached, or answered 502, 503 or 504', () => {
    assert.equal(worthAskingAgain(server(undefined)), true);
    assert.equal(worthAskingAgain(server(502)), true);
    assert.equal(worthAskingAgain(server(503)), true);
    assert.equal(worthAskingAgain(server(504)), true);
  });

  test('is true for a 404 or 500 without the application\'s error (a server deploying it)', () => {
    assert.equal(worthAskingAgain(new UploadError('refused', 'x', { status: 404 })), true);
    assert.equal(worthAskingAgain(server(500)), true);
    assert.equal(worthAskingAgain(new UploadError('refused', 'x', { status: 404, code: 'not_found' })),
      false, 'the application\'s own 404: there is no such upload');
  });

  test('is false for a 500, a 4xx, an answer that is not a record, or anything else', () => {
    assert.equal(worthAskingAgain(new UploadError('server', 'x', { status: 500, code: 'internal_error' })),
      false, 'the application\'s own 500');
    assert.equal(worthAskingAgain(server(200)), false, 'a sign-in page instead of a record');
    for (const status of [400, 401, 403, 404, 409, 429]) {
      const code = 'any_code';
      assert.equal(worthAskingAgain(new UploadError('refused', 'x', { status, code })), false, status);
    }
    for (const status of [400, 401, 403, 409, 429]) {
      assert.equal(worthAskingAgain(new UploadError('refused', 'x', { status })), false, status);
    }
    assert.equal(worthAskingAgain(new DOMException('Aborted', 'AbortError')), false);
    assert.equal(worthAskingAgain(new TypeError('Failed to fetch')), false);
    assert.equal(worthAskingAgain(undefined), false);
  });
});

describe('completeWithRetries', () => {
  test('pauses 1, 2, 4, 8 and 15 seconds by default, and nobody can change that list', () => {
    assert.deepEqual([...COMPLETE_RETRY_PAUSES], [1000, 2000, 4000, 8000, 15000]);
    assert.ok(Object.isFrozen(COMPLETE_RETRY_PAUSES));
  });

  test('answers the record at once when the application checks the file', async () => {
    const fetch = answers(checked);
    const wait = instantly();

    assert.deepEqual(await completeWithRetries(API, ticket, file, { fetch, wait }), record);
    assert.equal(fetch.mock.callCount(), 1);
    assert.equal(wait.mock.callCount(), 0);
  });

  test('asks again after a 503, and answers the record once the application can check',
    async () => {
      const fetch = answers(unavailable, unavailable, checked);
      const wait = instantly();
      const retries = [];

      const answered = await completeWithRetries(API, ticket, file, {
        fetch, wait, csrfToken: 'token-1', onRetry: (retry) => retries.push(retry),
      });

      assert.deepEqual(answered, record);
      assert.equal(fetch.mock.callCount(), 3);
      assert.deepEqual(wait.mock.calls.map((call) => call.arguments[0]), [1000, 2000]);
      assert.deepEqual(retries.map(({ attempt, pause: ms }) => [attempt, ms]), [[2, 1000],
        [3, 2000]]);
      assert.equal(retries[0].error.status, 503);
      for (const call of fetch.mock.calls) {
        assert.equal(call.arguments[0], `${API}/id-1/complete`);
        assert.equal(call.arguments[1].headers['X-CSRF-Token'], 'token-1');
      }
    });

  test('asks again after a 502 or a 504 from a proxy before the application', async () => {
    for (const status of [502, 504]) {
      const fetch = answers(() => new Response('<html>Bad gateway</html>', { status }), checked);

      assert.deepEqual(await completeWithRetries(API, ticket, file,
        { fetch, wait: instantly() }), record);
      assert.equal(fetch.mock.callCount(), 2, `${status}`);
    }
  });

  test('asks again after a server\'s own 404 (still deploying), not after the application\'s',
    async () => {
      const deploying = () => new Response('<html>Not Found</html>', { status: 404 });
      const fetch = answers(deploying, checked);
      assert.deepEqual(await completeWithRetries(API, ticket, file,
        { fetch, wait: instantly() }), record);
      assert.equal(fetch.mock.callCount(), 2);

      const unknown = () => json(404, { error: 'not_found', message: 'There is no such upload.' });
      const once = answers(unknown, checked);
      const error = await failure(completeWithRetries(API, ticket, file,
        { fetch: once, wait: instantly() }));
      assert.equal(error.status, 404);
      assert.equal(error.code, 'not_found');
      assert.equal(once.mock.callCount(), 1);
    });

  test('a 401 (signed out, e.g. by a server restart) leaves the file unchecked at once', async () => {
    const signedOut = () => json(401, { error: 'unauthenticated', message: 'Sign in first.' });
    const fetch = answers(signedOut, checked);
    const wait = instantly();

    const error = await failure(completeWithRetries(API, ticket, file, { fetch, wait }));

    assert.equal(error.kind, 'unchecked');
    assert.equal(error.status, 401);
    assert.equal(error.key, ticket.key);
    assert.match(error.message, /no need to upload it\s+again/);
    assert.equal(fetch.mock.callCount(), 1);
    assert.equal(wait.mock.callCount(), 0);
  });

  test('gives up after the last pause: the file is unchecked, not to be uploaded again',
    async () => {
      const fetch = answers(unavailable);
      const wait = instantly();

      const error = await failure(completeWithRetries(API, ticket, file, { fetch, wait }));

      assert.ok(error instanceof UploadError);
      assert.equal(error.kind, 'unchecked');
      assert.equal(error.message, '“report.pdf” reached the storage, but the application could'
        + ` not check it yet: ${UNAVAILABLE.message} It will check the file by itself later, so`
        + ' there is no need to upload it again; My uploads shows the outcome.');
      assert.equal(error.status, 503);
      assert.equal(error.code, 'storage_unavailable');
      assert.equal(error.reason, UNAVAILABLE.message);
      assert.equal(error.key, ticket.key);
      assert.equal(fetch.mock.callCount(), 6, 'the first request and five more');
      assert.deepEqual(wait.mock.calls.map((call) => call.arguments[0]),
        [1000, 2000, 4000, 8000, 15000]);
    });

  test('says the application could not be reached when no request got an answer', async () => {
    const fetch = answers(unreachable);

    const error = await failure(completeWithRetries(API, ticket, file,
      { fetch, wait: instantly(), pauses: [5, 10] }));

    assert.equal(error.kind, 'unchecked');
    assert.equal(error.status, undefined);
    assert.equal(error.reason, 'the application could not be reached.');
    assert.match(error.message, /^“report\.pdf” reached the storage, but the application could not check it yet: the application could not be reached\. It will check the file by itself later/);
    assert.equal(fetch.mock.callCount(), 3, 'as many pauses as given, plus one');
  });

  test('asks once when there are no pauses', async () => {
    const fetch = answers(unavailable);

    const error = await failure(completeWithRetries(API, ticket, file, { fetch, pauses: [] }));

    assert.equal(error.kind, 'unchecked');
    assert.equal(fetch.mock.callCount(), 1);
  });

  test('does not ask again after a 4xx or a 500: those answers would not change', async () => {
    for (const [status, body] of [
      [404, { error: 'not_found', message: 'There is no upload with this id.' }],
      [409, { error: 'not_uploaded', message: 'Nothing has reached the storage yet.' }],
      [500, { error: 'internal_error', message: 'Something went wrong (incident 1).' }],
    ]) {
      const fetch = answers(() => json(status, body));
      const wait = instantly();

      const error = await failure(completeWithRetries(API, ticket, file, { fetch, wait }));

      assert.equal(error.status, status);
      assert.equal(error.kind, status === 500 ? 'server' : 'refused');
      assert.equal(error.code, body.error);
      assert.equal(fetch.mock.callCount(), 1, `${status}`);
      assert.equal(wait.mock.callCount(), 0, `${status}`);
    }
  });

  test('stops at an answer not worth asking again after one that was', async () => {
    const fetch = answers(unavailable,
      () => json(404, { error: 'not_found', message: 'There is no upload with this id.' }));

    const error = await failure(completeWithRetries(API, ticket, file,
      { fetch, wait: instantly() }));

    assert.equal(error.kind, 'refused');
    assert.equal(error.status, 404);
    assert.equal(fetch.mock.callCount(), 2);
  });

  test('a signal that aborts during a pause stops the asking at once', async () => {
    const controller = new AbortController();
    const fetch = answers(unavailable);
    const started = Date.now();

    const error = await failure(completeWithRetries(API, ticket, file, {
      fetch,
      signal: controller.signal,
      pauses: [60_000],
      onRetry: () => setImmediate(() => controller.abort()),
    }));

    assert.equal(error.name, 'AbortError');
    assert.equal(fetch.mock.callCount(), 1);
    assert.ok(Date.now() - started < 10_000, 'the real pause of a minute was cut short');
  });

  test('a signal that aborts during a request stops the asking too', async () => {
    const controller = new AbortController();
    // what the real fetch does when its signal aborts
    const fetch = mock.fn((url, init) => new Promise((resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(init.signal.reason));
    }));
    const wait = instantly();

    const asking = completeWithRetries(API, ticket, file,
      { fetch, wait, signal: controller.signal });
    controller.abort();

    assert.equal((await failure(asking)).name, 'AbortError');
    assert.equal(fetch.mock.callCount(), 1);
    assert.equal(wait.mock.callCount(), 0);
  });

  test('an already aborted signal asks nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetch = answers(checked);

    const error = await failure(completeWithRetries(API, ticket, file,
      { fetch, signal: controller.signal }));

    assert.equal(error.name, 'AbortError');
    assert.equal(fetch.mock.callCount(), 0);
  });
});

describe('pause', () => {
  test('resolves after the time', async () => {
    const started = performance.now();

    await pause(30);

    assert.ok(performance.now() - started >= 25, 'it waited');
  });

  test('rejects with an AbortError when the signal aborts, or has aborted', async () => {
    const controller = new AbortController();
    const waiting = pause(60_000, controller.signal);
    controller.abort();

    await assert.rejects(waiting, { name: 'AbortError' });
    await assert.rejects(pause(60_000, controller.signal), { name: 'AbortError' });
  });
});
