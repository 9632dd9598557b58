import { describe, test, mock } from 'node:test';
import assert from 'node:assert/strict';
import {
  completeUpload, isRecord, isTicket, requestTicket,
} from '../../../webapp/js/ticket.js';
import { UploadError } from '../../../webapp/js/errors.js';
import { json, replaceGlobal } from './fakes.mjs';

const API = '/app/api/uploads';
const file = new File(['%PDF-1.4 report'], 'report.pdf', { type: 'application/pdf' });
const CHECKSUM = 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=';
const ticket = {
  id: '0b9f3c2e-6a51-4d7e-9a3f-1c2d3e4f5a6b',
  key: 'uploads/alice/2026/01/05/7c9e/report.pdf',
  method: 'PUT',
  url: 'https://store.example/uploads/alice/2026/01/05/7c9e/report.pdf?X-Amz-Signature=abc',
  headers: {
    'Content-Type': 'application/pdf',
    'x-amz-server-side-encryption': 'AES256',
    'x-amz-checksum-sha256': CHECKSUM,
    'x-amz-meta-uploaded-by': 'alice',
    'x-amz-meta-upload-id': '0b9f3c2e-6a51-4d7e-9a3f-1c2d3e4f5a6b',
    'If-None-Match': '*',
  },
  expiresAt: '2026-01-05T14:13:00Z',
};
const record = {
  id: ticket.id,
  key: ticket.key,
  filename: 'report.pdf',
  contentType: 'application/pdf',
  size: 15,
  state: 'stored',
  issuedAt: '2026-01-05T14:03:00Z',
  expiresAt: '2026-01-05T14:13:00Z',
  updatedAt: '2026-01-05T14:03:02Z',
  problems: [],
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

  test('refuses an answer without id, key, url, method or headers', () => {
    for (const field of ['id', 'key', 'url', 'method', 'headers']) {
      const { [field]: left, ...rest } = ticket;
      assert.equal(isTicket(rest), false, `without ${field}`);
    }
    assert.equal(isTicket({ ...ticket, headers: null }), false);
    assert.equal(isTicket({ ...ticket, key: 42 }), false);
    assert.equal(isTicket({ ...ticket, id: 7 }), false);
  });

  test('accepts a POST ticket with fields instead of headers', () => {
    const { headers, ...rest } = ticket;
    const post = { ...rest, method: 'POST', fields: { key: 'k', policy: 'cG9saWN5' } };
    assert.equal(isTicket(post), true);
    assert.equal(isTicket({ ...post, fields: undefined }), false, 'without fields');
    assert.equal(isTicket({ ...post, fields: { 'success_action_status': 204 } }), false);
    assert.equal(isTicket({ ...post, fields: ['key', 'k'] }), false);
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

  test('sends the file’s checksum with the rest when it is given', async () => {
    const fetch = answering(() => json(201, ticket));

    await requestTicket(API, file, { fetch, csrfToken: 'token-1', checksumSha256: CHECKSUM });

    assert.deepEqual(JSON.parse(fetch.mock.calls[0].arguments[1].body), {
      filename: 'report.pdf', contentType: 'application/pdf', size: 15, checksumSha256: CHECKSUM,
    });
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

describe('isRecord', () => {
  test('accepts a stored record and a rejected one with its problems', () => {
    assert.equal(isRecord(record), true);
    assert.equal(isRecord({
      ...record, state: 'rejected', problems: ['The stored object has 14 bytes, not 15.'],
    }), true);
    const { problems, ...withoutProblems } = record;
    assert.equal(isRecord(withoutProblems), true, 'problems may be left out');
  });

  test('refuses an answer without id, key or a checked state', () => {
    for (const field of ['id', 'key', 'state']) {
      const { [field]: left, ...rest } = record;
      assert.equal(isRecord(rest), false, `without ${field}`);
    }
    assert.equal(isRecord({ ...record, state: 'issued' }), false);
    assert.equal(isRecord({ ...record, problems: 'none' }), false);
    assert.equal(isRecord({ ...record, problems: [42] }), false);
    assert.equal(isRecord(null), false);
    assert.equal(isRecord('<html>'), false);
  });
});

describe('completeUpload', () => {
  const COMPLETE = `${API}/${ticket.id}/complete`;

  async function notChecked(fetch, options = {}) {
    const error = await completeUpload(API, ticket, file, { fetch, ...options }).then(
      () => assert.fail('expected no record'), (rejection) => rejection);
    assert.ok(error instanceof UploadError, `${error}`);
    return error;
  }

  const sentence = (reason) => `“report.pdf” was sent to the storage, but the application could`
    + ` not check it yet: ${reason} It will be checked later; see My uploads.`;

  test('POSTs {} to {api}/{id}/complete with the CSRF token and the session cookie', async () => {
    const fetch = answering(() => json(200, record));
    const { signal } = new AbortController();

    await completeUpload(API, ticket, file, { fetch, csrfToken: 'token-1', signal });

    assert.equal(fetch.mock.callCount(), 1);
    const [url, init] = fetch.mock.calls[0].arguments;
    assert.equal(url, COMPLETE);
    assert.deepEqual(init, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-CSRF-Token': 'token-1',
      },
      body: '{}',
      credentials: 'same-origin',
      signal,
    });
  });

  test('returns the record the application answers, stored or rejected', async () => {
    const rejected = { ...record, state: 'rejected', problems: ['The checksum differs.'] };

    assert.deepEqual(await completeUpload(API, ticket, file,
      { fetch: answering(() => json(200, record)) }), record);
    assert.deepEqual(await completeUpload(API, ticket, file,
      { fetch: answering(() => json(200, rejected)) }), rejected);
  });

  test('uses the global fetch of the moment, and an API URL with a trailing slash', async (t) => {
    const fetch = answering(() => json(200, record));
    replaceGlobal(t, 'fetch', fetch);

    assert.deepEqual(await completeUpload(`${API}/`, ticket, file), record);
    assert.equal(fetch.mock.calls[0].arguments[0], COMPLETE);
  });

  test('blames the server for a 503, with the application’s reason', async () => {
    const error = await notChecked(answering(() => json(503, {
      error: 'storage_unavailable', message: 'The storage cannot be reached right now.',
    })));

    assert.equal(error.kind, 'server');
    assert.equal(error.status, 503);
    assert.equal(error.code, 'storage_unavailable');
    assert.equal(error.message, sentence('The storage cannot be reached right now.'));
    assert.equal(error.reason, 'The storage cannot be reached right now.', 'the reason alone');
  });

  test('gives the application’s reason for a 404', async () => {
    const error = await notChecked(answering(() => json(404, {
      error: 'not_found', message: 'There is no upload with this id.',
    })));

    assert.equal(error.kind, 'refused');
    assert.equal(error.status, 404);
    assert.equal(error.code, 'not_found');
    assert.equal(error.message, sentence('There is no upload with this id.'));
  });

  test('says the person is no longer signed in on a 401', async () => {
    const error = await notChecked(answering(() => json(401, {
      error: 'unauthorized', message: 'Sign in first.',
    })));

    assert.equal(error.kind, 'refused');
    assert.equal(error.status, 401);
    assert.equal(error.message, sentence('you are no longer signed in (the session may have'
      + ' timed out). Reload the page to sign in again.'));
  });

  test('says when to try again after a 429', async () => {
    const now = Date.UTC(2026, 0, 5, 14, 3, 0);
    const at = new Date(now + 60_000)
      .toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

    const error = await notChecked(answering(() => json(429, {
      error: 'limit_exceeded', message: 'Too many requests.',
    }, { 'Retry-After': '60' })), { now: () => now });

    assert.equal(error.kind, 'refused');
    assert.equal(error.message, sentence(`Too many requests. (That is at ${at}.)`));
  });

  test('blames the server for a 5xx that is not the application’s, with its status', async () => {
    const error = await notChecked(answering(() => new Response('<html>Bad gateway</html>',
      { status: 502, headers: { 'Content-Type': 'text/html' } })));

    assert.equal(error.kind, 'server');
    assert.equal(error.status, 502);
    assert.equal(error.message, sentence('the application answered HTTP 502.'));
  });

  test('blames the server for a 200 that is not a record', async () => {
    for (const answer of [
      () => new Response('<html>Please sign in</html>',
        { status: 200, headers: { 'Content-Type': 'text/html' } }),
      () => json(200, { ...record, state: 'issued' }),
    ]) {
      const error = await notChecked(answering(answer));

      assert.equal(error.kind, 'server');
      assert.equal(error.status, 200);
      assert.equal(error.message, sentence('the application answered with something that is'
        + ' not an upload record (a sign-in page or a proxy’s error page, perhaps).'));
    }
  });

  test('says the application could not be reached when fetch fails', async () => {
    const error = await notChecked(mock.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));

    assert.equal(error.kind, 'server');
    assert.equal(error.status, undefined);
    assert.equal(error.message, sentence('the application could not be reached.'));
    assert.equal(error.reason, 'the application could not be reached.');
  });

  test('rejects with an AbortError, without asking, when the signal is already aborted',
    async () => {
      const fetch = answering(() => json(200, record));
      const controller = new AbortController();
      controller.abort();

      await assert.rejects(completeUpload(API, ticket, file, { fetch, signal: controller.signal }),
        { name: 'AbortError' });
      assert.equal(fetch.mock.callCount(), 0);
    });
});

describe('multipart tickets and completions', () => {
  const multipart = {
    id: 'u1', key: 'uploads/alice/big.iso', method: 'MULTIPART', size: 10, partSize: 4,
    partCount: 3, parallelParts: 2, expiresAt: '2026-01-06T14:00:00Z',
  };

  test('isTicket accepts a MULTIPART ticket whose plan adds up, without URL or headers', () => {
    assert.equal(isTicket(multipart), true);
    assert.equal(isTicket({ ...multipart, partCount: 2 }), false);
    assert.equal(isTicket({ ...multipart, parallelParts: 0 }), false);
    assert.equal(isTicket({ ...multipart, partSize: '4' }), false);
    assert.equal(isTicket({ ...multipart, expiresAt: undefined }), false);
  });

  test('completeUpload sends the parts when given, and {} otherwise', async () => {
    const bodies = [];
    const fetch = async (url, init) => {
      bodies.push(JSON.parse(init.body));
      return json(200, { id: 'u1', key: multipart.key, state: 'stored' });
    };
    const parts = [{ partNumber: 1, etag: '"e1"' }, { partNumber: 2, etag: '"e2"' }];
    await completeUpload('/app/api/uploads', multipart, { name: 'big.iso' }, { fetch, parts });
    await completeUpload('/app/api/uploads', multipart, { name: 'big.iso' }, { fetch });

    assert.deepEqual(bodies, [{ parts }, {}]);
  });
});
