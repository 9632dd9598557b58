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
import * as multipart from '../../../webapp/js/multipart.js';
import * as resume from '../../../webapp/js/resume.js';

test('upload.js exports everything it exported before, the checksum, the completion and its'
  + ' retries, the parts of a multipart upload, and only that', () => {
  assert.deepEqual(Object.keys(upload).sort(), [
    'COMPLETE_RETRY_PAUSES', 'PART_RETRY_PAUSES', 'UploadError', 'checkFile', 'completeUpload',
    'completeWithRetries', 'createPauser', 'describeSize', 'forgetUpload', 'init',
    'parseStorageError', 'putFile', 'putPart', 'recallUpload', 'rememberUpload', 'reopen',
    'requestTicket', 'retryAt', 'sendParts', 'sha256Base64', 'sha256PartBase64', 'typeAllowed',
    'uploadFile', 'uploadInParts',
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
  assert.equal(upload.putPart, put.putPart);
  assert.equal(upload.sha256PartBase64, checksum.sha256PartBase64);
  assert.equal(upload.sendParts, multipart.sendParts);
  assert.equal(upload.uploadInParts, multipart.uploadInParts);
  assert.equal(upload.reopen, multipart.reopen);
  assert.equal(upload.createPauser, multipart.createPauser);
  assert.equal(upload.PART_RETRY_PAUSES, multipart.PART_RETRY_PAUSES);
  assert.equal(upload.rememberUpload, resume.rememberUpload);
  assert.equal(upload.recallUpload, resume.recallUpload);
  assert.equal(upload.forgetUpload, resume.forgetUpload);
});

test('importing the modules touches no page', () => {
  assert.equal(typeof globalThis.document, 'undefined');
});
