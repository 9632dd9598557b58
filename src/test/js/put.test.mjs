import {
  beforeEach, describe, test, mock,
} from 'node:test';
import assert from 'node:assert/strict';
import { parseStorageError, putFile, putPart } from '../../../webapp/js/put.js';
import { UploadError } from '../../../webapp/js/errors.js';
import { FakeXhr, replaceGlobal, until } from './fakes.mjs';

const SIGNATURE_MISMATCH = '<?xml version="1.0" encoding="UTF-8"?>\n'
  + '<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does'
  + ' not match the signature you provided. Check your key and signing method.</Message>'
  + '<AWSAccessKeyId>AKIAEXAMPLE</AWSAccessKeyId><StringToSign>PUT\n\napplication/pdf\n'
  + '1767621780\nx-amz-server-side-encryption:AES256\n/bucket/key.pdf</StringToSign>'
  + '<RequestId>4442587FB7D0A2F9</RequestId><HostId>nOmKz1I8n2E=</HostId></Error>';

describe('parseStorageError', () => {
  test('reads the code and message of an S3 error', () => {
    assert.deepEqual(parseStorageError(SIGNATURE_MISMATCH), {
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided.'
        + ' Check your key and signing method.',
    });
  });

  test('decodes the five XML entities and character references, once', () => {
    const { message } = parseStorageError('<Error><Code>X</Code><Message>a &amp; b &lt;c&gt;'
      + ' &quot;d&quot; &apos;e&apos; caf&#233; caf&#xE9; &amp;lt;</Message></Error>');

    assert.equal(message, 'a & b <c> "d" \'e\' café café &lt;');
  });

  test('leaves unknown entities and impossible references as they are', () => {
    const { message } = parseStorageError(
      '<Error><Message>&nbsp; &#x110000; &#99999999999;</Message></Error>',
    );

    assert.equal(message, '&nbsp; &#x110000; &#99999999999;');
  });

  test('trims the text and tolerates attributes and whitespace in the tags', () => {
    assert.deepEqual(parseStorageError(
      '<Error xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\n  <Code >\n AccessDenied\n'
      + ' </Code>\n  <Message>Access Denied</Message >\n</Error >',
    ), { code: 'AccessDenied', message: 'Access Denied' });
  });

  test('reads only Code and Message inside Error, not look-alikes', () => {
    assert.deepEqual(parseStorageError(
      '<Code>Outside</Code><Error><CodeName>No</CodeName><Code>Inside</Code>'
      + '<MessageId>No</MessageId></Error><Message>Outside</Message>',
    ), { code: 'Inside', message: null });
    assert.deepEqual(parseStorageError('<ErrorResponse><Code>No</Code></ErrorResponse>'),
      { code: null, message: null });
  });

  test('gives nulls for empty elements, empty bodies, HTML and garbage, without throwing', () => {
    const none = { code: null, message: null };
    assert.deepEqual(parseStorageError('<Error><Code></Code><Message/></Error>'), none);
    for (const body of ['', null, undefined, 42, '<html><body><h1>403 Forbidden</h1></body></html>',
      'not xml at all <<< &#;', '<Error><Code>Unclosed', '{"error":"x"}']) {
      assert.deepEqual(parseStorageError(body), none, String(body));
    }
  });
});

describe('putFile', () => {
  const file = new File(['%PDF-1.4 report'], 'report.pdf', { type: 'application/pdf' });
  const ticket = {
    key: 'uploads/alice/report.pdf',
    method: 'PUT',
    url: 'https://store.example/bucket/uploads/alice/report.pdf?X-Amz-Signature=abc',
    headers: { 'Content-Type': 'application/pdf', 'x-amz-server-side-encryption': 'AES256' },
  };

  beforeEach((t) => {
    FakeXhr.instances.length = 0;
    replaceGlobal(t, 'XMLHttpRequest', FakeXhr);
  });

  const sent = async () => {
    await until(() => FakeXhr.instances.length > 0);
    return FakeXhr.instances[0];
  };

  test('PUTs the file to the ticket’s URL with exactly the ticket’s headers', async () => {
    const done = putFile(ticket, file);
    const xhr = await sent();
    xhr.respond(200);

    await done;
    assert.equal(xhr.method, 'PUT');
    assert.equal(xhr.url, ticket.url);
    assert.deepEqual(xhr.headers, ticket.headers);
    assert.equal(xhr.body, file);
  });

  test('reports progress when the total is known', async () => {
    const onProgress = mock.fn();
    const done = putFile(ticket, file, { onProgress });
    const xhr = await sent();
    xhr.progress(5, 15);
    xhr.progress(7, 0, false);
    xhr.progress(15, 15);
    xhr.respond(204);

    await done;
    assert.deepEqual(onProgress.mock.calls.map((call) => call.arguments), [[5, 15], [15, 15]]);
  });

  test('names the status, S3 code and message when the store refuses', async () => {
    const done = putFile(ticket, file);
    (await sent()).respond(403, SIGNATURE_MISMATCH);

    const error = await done.catch((rejection) => rejection);
    assert.ok(error instanceof UploadError);
    assert.equal(error.kind, 'storage');
    assert.equal(error.status, 403);
    assert.equal(error.code, 'SignatureDoesNotMatch');
    assert.equal(error.message, '“report.pdf” was rejected by the storage'
      + ' (HTTP 403, SignatureDoesNotMatch): The request signature we calculated does not match'
      + ' the signature you provided. Check your key and signing method.');
  });

  test('names the status alone when the store says nothing readable', async () => {
    const done = putFile(ticket, file);
    (await sent()).respond(502, '<html>Bad gateway</html>');

    await assert.rejects(done, {
      kind: 'storage',
      status: 502,
      code: undefined,
      message: '“report.pdf” was rejected by the storage (HTTP 502).',
    });
  });

  test('points at the CORS rule when the browser gets no readable answer', async () => {
    const done = putFile(ticket, file);
    (await sent()).fail();

    await assert.rejects(done, {
      kind: 'network',
      message: '“report.pdf” could not be sent to the storage: the browser got no answer it was'
        + ' allowed to read. Most likely the bucket’s CORS rule does not allow this page’s origin'
        + ' or one of the upload headers; otherwise the storage cannot be reached on the network.',
    });
  });

  test('aborts the request when the signal aborts', async () => {
    const controller = new AbortController();
    const done = putFile(ticket, file, { signal: controller.signal });
    const xhr = await sent();
    controller.abort();

    await assert.rejects(done, { name: 'AbortError' });
    assert.equal(xhr.aborted, true);
  });

  test('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    await assert.rejects(putFile(ticket, file, { signal: controller.signal }),
      { name: 'AbortError' });
    assert.equal(FakeXhr.instances.length, 0);
  });
});

describe('putFile with a POST ticket', () => {
  const file = new File(['%PDF-1.4 report'], 'report.pdf', { type: 'application/pdf' });
  const ticket = {
    key: 'uploads/alice/report.pdf',
    method: 'POST',
    url: 'https://store.example/bucket/',
    fields: {
      key: 'uploads/alice/report.pdf',
      'Content-Type': 'application/pdf',
      'x-amz-server-side-encryption': 'AES256',
      success_action_status: '204',
      policy: 'cG9saWN5',
      'x-amz-signature': 'abc',
    },
  };

  beforeEach((t) => {
    FakeXhr.instances.length = 0;
    replaceGlobal(t, 'XMLHttpRequest', FakeXhr);
  });

  const sent = async () => {
    await until(() => FakeXhr.instances.length > 0);
    return FakeXhr.instances[0];
  };

  test('posts a form of exactly the ticket’s fields, in order, then the file', async () => {
    const done = putFile(ticket, file);
    const xhr = await sent();
    xhr.respond(204);

    await done;
    assert.equal(xhr.method, 'POST');
    assert.equal(xhr.url, ticket.url);
    assert.deepEqual(xhr.headers, {}, 'the browser sets the multipart Content-Type itself');
    assert.ok(xhr.body instanceof FormData);
    const entries = [...xhr.body.entries()];
    assert.deepEqual(entries.slice(0, -1), Object.entries(ticket.fields));
    const [name, sentFile] = entries.at(-1);
    assert.equal(name, 'file');
    assert.equal(sentFile.name, 'report.pdf');
    assert.equal(await sentFile.text(), '%PDF-1.4 report');
  });

  test('reports progress and names the store’s error as for a PUT', async () => {
    const onProgress = mock.fn();
    const done = putFile(ticket, file, { onProgress });
    const xhr = await sent();
    xhr.progress(8, 16);
    xhr.respond(400, '<Error><Code>EntityTooLarge</Code>'
      + '<Message>Your proposed upload exceeds the maximum allowed size</Message></Error>');

    await assert.rejects(done, {
      kind: 'storage',
      status: 400,
      code: 'EntityTooLarge',
      message: '“report.pdf” was rejected by the storage (HTTP 400, EntityTooLarge): Your'
        + ' proposed upload exceeds the maximum allowed size',
    });
    assert.deepEqual(onProgress.mock.calls.map((call) => call.arguments), [[8, 16]]);
  });
});

describe('putPart', () => {
  const file = new File(['0123456789abcdef'], 'big.iso', { type: 'application/octet-stream' });
  const part = {
    partNumber: 2,
    url: 'https://store.example/bucket/big.iso?partNumber=2&uploadId=u1&X-Amz-Signature=abc',
    headers: { 'x-amz-checksum-sha256': 'c2hhMjU2', 'Content-Length': '6' },
    expiresAt: '2026-01-05T14:13:00Z',
  };

  beforeEach((t) => {
    FakeXhr.instances.length = 0;
    replaceGlobal(t, 'XMLHttpRequest', FakeXhr);
  });

  const sent = async () => {
    await until(() => FakeXhr.instances.length > 0);
    return FakeXhr.instances[0];
  };

  test('PUTs the slice to the part’s URL with exactly its headers and resolves to the ETag',
    async () => {
      const onProgress = mock.fn();
      const slice = file.slice(6, 12);
      const done = putPart(part, slice, { fileName: 'big.iso', onProgress });
      const xhr = await sent();
      xhr.progress(3, 6);
      xhr.respond(200, '', { ETag: '"5d41402abc4b2a76b9719d911017c592"' });

      assert.equal(await done, '"5d41402abc4b2a76b9719d911017c592"', 'quotes and all');
      assert.equal(xhr.method, 'PUT');
      assert.equal(xhr.url, part.url);
      assert.deepEqual(xhr.headers, part.headers);
      assert.equal(xhr.body, slice, 'the Blob itself, not its bytes');
      assert.deepEqual(onProgress.mock.calls.map((call) => call.arguments), [[3, 6]]);
    });

  test('names the bucket’s CORS rule when the ETag cannot be read', async () => {
    const done = putPart(part, file.slice(6, 12), { fileName: 'big.iso', partCount: 3 });
    (await sent()).respond(200);

    await assert.rejects(done, {
      name: 'UploadError',
      kind: 'storage',
      code: 'ETagNotExposed',
      message: 'Part 2 of 3 of “big.iso” reached the storage, but the browser was not allowed'
        + ' to read the ETag the storage answered with, and the upload cannot be finished without'
        + ' it. The bucket’s CORS rule must expose it: ExposeHeaders: ETag.',
    });
  });

  test('names the part, the status, the S3 code and keeps its message as the reason',
    async () => {
      const done = putPart(part, file.slice(6, 12), { fileName: 'big.iso' });
      (await sent()).respond(403, '<Error><Code>AccessDenied</Code>'
        + '<Message>Request has expired</Message></Error>');

      await assert.rejects(done, {
        kind: 'storage',
        status: 403,
        code: 'AccessDenied',
        reason: 'Request has expired',
        message: 'Part 2 of “big.iso” was rejected by the storage (HTTP 403, AccessDenied):'
          + ' Request has expired',
      });
    });

  test('aborts the request when the signal aborts', async () => {
    const controller = new AbortController();
    const done = putPart(part, file.slice(6, 12), {
      fileName: 'big.iso', signal: controller.signal,
    });
    const xhr = await sent();
    controller.abort();

    await assert.rejects(done, { name: 'AbortError' });
    assert.equal(xhr.aborted, true);
  });
});
