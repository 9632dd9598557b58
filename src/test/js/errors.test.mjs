import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UploadError, abortError } from '../../../webapp/js/errors.js';

test('an UploadError carries its kind, sentence, status and code', () => {
  const error = new UploadError('refused', '“a.pdf” was refused: too large.',
    { status: 413, code: 'too_large' });

  assert.ok(error instanceof Error);
  assert.equal(error.name, 'UploadError');
  assert.equal(error.kind, 'refused');
  assert.equal(error.message, '“a.pdf” was refused: too large.');
  assert.equal(error.status, 413);
  assert.equal(error.code, 'too_large');
});

test('an UploadError of kind rejected carries the upload’s record', () => {
  const record = { id: 'id-1', state: 'rejected', problems: ['The checksum differs.'] };
  const error = new UploadError('rejected', '“a.pdf” reached the storage, but …', { record });

  assert.equal(error.kind, 'rejected');
  assert.equal(error.record, record);
});

test('an UploadError of kind unchecked carries the reason alone and the object’s key', () => {
  const error = new UploadError('unchecked', '“a.pdf” reached the storage, but …',
    { status: 503, reason: 'The storage is unavailable.', key: 'uploads/alice/a.pdf' });

  assert.equal(error.kind, 'unchecked');
  assert.equal(error.reason, 'The storage is unavailable.');
  assert.equal(error.key, 'uploads/alice/a.pdf');
});

test('an UploadError without details has no status, code, record, reason or key', () => {
  const error = new UploadError('network', 'no answer');

  assert.equal(error.status, undefined);
  assert.equal(error.code, undefined);
  assert.equal(error.record, undefined);
  assert.equal(error.reason, undefined);
  assert.equal(error.key, undefined);
});

test('the abort error is a DOMException named AbortError, like an aborted fetch', () => {
  const error = abortError();

  assert.ok(error instanceof DOMException);
  assert.equal(error.name, 'AbortError');
  assert.notEqual(abortError(), error, 'a new one each time');
});
