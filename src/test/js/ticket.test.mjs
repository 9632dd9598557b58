import { describe, test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { isTicket, requestTicket } from '../../../webapp/js/ticket.js';
import { UploadError } from '../../../webapp/js/errors.js';
import { json, replaceGlobal } from './fakes.mjs';

const API = '/app/api/uploads';
const file = new File(['%PDF-1.4 report'], 'report.pdf', { type: 'application/pdf' });
const ticket = {
  key: 'uploads/alice/2026/01/05/7c9e/report.pdf',
  method: 'PUT',
  url: 'https://store.example/uploads/alice/2026/01/05/7c9e/report.pdf?X-Amz-Signature=abc',
  headers: { 'Content-Type': 'application/pdf', 'x-amz-server-side-encryption': 'AES256' },
  expiresAt: '2026-01-05T14:13:00Z',
};

/** A fetch that answers every request with what `answer` returns. */
const answering = (answer) => mock.fn(async () => answer());

async function refusal(fetch, options = {}) {
  const error = await requestTicket(API, file, { fetch, ...options }).then(
    () => assert.fail('expected no ticket'), (rejection) => rejection);
  assert.ok(error instanceof UploadError, `${error}`);
  return error;
}

describe('isTicket', () => {
  test('accepts the application’s ticket', () => {
    assert.equal(isTicket(ticket), true);
    assert.equal(isTicket({ ...ticket, headers: {} }), true);
  });

  test('refuses an answer without key, url, method or headers', () => {
    for (const field of ['key', 'url', 'method', 'headers']) {
      const { [field]: left, ...rest } = ticket;
      assert.equal(isTicket(rest), false, `without ${field}`);
    }
    assert.equal(isTicket({ ...ticket, headers: null }), false);
    assert.equal(isTicket({ ...ticket, key: 42 }), false);
  });

  test('refuses header values that are not strings', () => {
    assert.equal(isTicket({ ...ticket, headers: { 'Content-Length': 12 } }), false);
    assert.equal(isTicket({ ...ticket, headers: { 'Content-Type': null } }), false);
  });

  test('refuses what is not an object', () => {
    assert.equal(isTicket(null), false);
    assert.equal(isTicket(undefined), false);
    assert.equal(isTicket('<html>'), false);
  });
});

describe('requestTicket', () => {
  test('returns the ticket of a 201', async () => {
    const fetch = answering(() => json(201, ticket));

    assert.deepEqual(await requestTicket(API, file, { fetch, csrfToken: 'token-1' }), ticket);
  });

  test('sends exactly the name, type and size, with the CSRF token and the session cookie',
    async () => {
      const fetch = answering(() => json(201, ticket));
      const { signal } = new AbortController();

      await requestTicket(API, file, { fetch, csrfToken: 'token-1', signal });

      assert.equal(fetch.mock.callCount(), 1);
      const [url, init] = fetch.mock.calls[0].arguments;
      assert.equal(url, API);
      assert.equal(init.method, 'POST');
      assert.deepEqual(JSON.parse(init.body),
        { filename: 'report.pdf', contentType: 'application/pdf', size: 15 });
      assert.equal(init.headers['X-CSRF-Token'], 'token-1');
      assert.equal(init.headers['Content-Type'], 'application/json');
      assert.equal(init.credentials, 'same-origin');
      assert.equal(init.signal, signal);
    });

  test('uses the global fetch of the moment when none is given', async (t) => {
    const fetch = answering(() => json(201, ticket));
    replaceGlobal(t, 'fetch', fetch);

    assert.deepEqual(await requestTicket(API, file), ticket);
    assert.equal(fetch.mock.callCount(), 1);
  });

  test('gives the application’s reason for a refusal', async () => {
    const error = await refusal(answering(() => json(415, {
      error: 'unsupported_type', message: 'Files of type image/png are not accepted here.',
    })));

    assert.equal(error.kind, 'refused');
    assert.equal(error.status, 415);
    assert.equal(error.code, 'unsupported_type');
    assert.equal(error.message,
      '“report.pdf” was refused: Files of type image/png are not accepted here.');
  });

  test('says the person is no longer signed in on a 401', async () => {
    const error = await refusal(answering(() => json(401, {
      error: 'unauthorized', message: 'Sign in first.',
    })));

    assert.equal(error.kind, 'refused');
    assert.equal(error.status, 401);
    assert.equal(error.message, '“report.pdf” was not uploaded: you are no longer signed in'
      + ' (the session may have timed out). Reload the page to sign in again.');
  });

  test('says when to try again after a 429', async () => {
    const now = Date.UTC(2026, 0, 5, 14, 3, 0);
    const at = new Date(now + 120_000)
      .toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

    const error = await refusal(answering(() => json(429, {
      error: 'limit_exceeded', message: 'You have had 100 tickets this hour.',
    }, { 'Retry-After': '120' })), { now: () => now });

    assert.equal(error.kind, 'refused');
    assert.equal(error.status, 429);
    assert.equal(error.code, 'limit_exceeded');
    assert.equal(error.message,
      `“report.pdf” was not uploaded: You have had 100 tickets this hour. (That is at ${at}.)`);
    assert.match(error.message, /\(That is at \d\d[:.]\d\d( [AP]M)?\.\)$/);
  });

  test('blames the server for a 5xx, with its status when the body is not the application’s',
    async () => {
      const error = await refusal(answering(() => new Response('<html>Bad gateway</html>',
        { status: 503, headers: { 'Content-Type': 'text/html' } })));

      assert.equal(error.kind, 'server');
      assert.equal(error.status, 503);
      assert.equal(error.code, undefined);
      assert.equal(error.message,
        '“report.pdf” was not uploaded: the application answered HTTP 503.');
    });

  test('blames the server for a 200 that is not a ticket', async () => {
    for (const answer of [
      () => new Response('<html>Please sign in</html>',
        { status: 200, headers: { 'Content-Type': 'text/html' } }),
      () => json(200, { key: 'uploads/x' }),
    ]) {
      const error = await refusal(answering(answer));

      assert.equal(error.kind, 'server');
      assert.equal(error.status, 200);
      assert.match(error.message, /^“report\.pdf” was not uploaded: the application answered with something that is not an upload ticket/);
    }
  });

  test('says the application could not be reached when fetch fails', async () => {
    const error = await refusal(mock.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));

    assert.equal(error.kind, 'server');
    assert.equal(error.status, undefined);
    assert.equal(error.message, '“report.pdf” was not uploaded: the application could not be'
      + ' reached. Check your connection and try again.');
  });

  test('rejects with an AbortError, without asking, when the signal is already aborted',
    async () => {
      const fetch = answering(() => json(201, ticket));
      const controller = new AbortController();
      controller.abort();

      await assert.rejects(requestTicket(API, file, { fetch, signal: controller.signal }),
        { name: 'AbortError' });
      assert.equal(fetch.mock.callCount(), 0);
    });

  test('passes on the AbortError of a request cancelled in flight', async () => {
    const controller = new AbortController();
    // what the real fetch does when its signal aborts
    const fetch = mock.fn((url, init) => new Promise((resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(init.signal.reason));
    }));

    const pending = requestTicket(API, file, { fetch, signal: controller.signal });
    controller.abort();

    await assert.rejects(pending, { name: 'AbortError' });
  });
});
