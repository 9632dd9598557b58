import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as upload from '../../../webapp/js/upload.js';
import * as errors from '../../../webapp/js/errors.js';
import * as rules from '../../../webapp/js/rules.js';
import * as checksum from '../../../webapp/js/checksum.js';
import * as ticket from '../../../webapp/js/ticket.js';
import * as completion from '../../../webapp/js/completion.js';
import * as put from '../../../webapp/js/put.js';
import * as uploader from '../../../webapp/js/uploader.js';

test('upload.js exports everything it exported before, the checksum, the completion and its'
  + ' retries, and only that', () => {
  assert.deepEqual(Object.keys(upload).sort(), [
    'COMPLETE_RETRY_PAUSES', 'UploadError', 'checkFile', 'completeUpload', 'completeWithRetries',
    'describeSize', 'init', 'parseStorageError', 'putFile', 'requestTicket', 'retryAt',
    'sha256Base64', 'typeAllowed', 'uploadFile',
  ]);
});

test('upload.js re-exports the modules’ own functions, not copies', () => {
  assert.equal(upload.UploadError, errors.UploadError);
  assert.equal(upload.typeAllowed, rules.typeAllowed);
  assert.equal(upload.describeSize, rules.describeSize);
  assert.equal(upload.checkFile, rules.checkFile);
  assert.equal(upload.retryAt, rules.retryAt);
  assert.equal(upload.sha256Base64, checksum.sha256Base64);
  assert.equal(upload.requestTicket, ticket.requestTicket);
  assert.equal(upload.completeUpload, ticket.completeUpload);
  assert.equal(upload.completeWithRetries, completion.completeWithRetries);
  assert.equal(upload.COMPLETE_RETRY_PAUSES, completion.COMPLETE_RETRY_PAUSES);
  assert.equal(upload.putFile, put.putFile);
  assert.equal(upload.parseStorageError, put.parseStorageError);
  assert.equal(upload.uploadFile, uploader.uploadFile);
  assert.equal(upload.init, uploader.init);
});

test('importing the modules touches no page', () => {
  assert.equal(typeof globalThis.document, 'undefined');
});
