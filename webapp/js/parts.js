/**
 * The application's calls for a file sent in parts, besides the ticket and the completion
 * (ticket.js): part URLs signed just in time, the parts the store already has (to resume), the
 * upload's record (is it still open?), and the abort of an upload the person cancelled.
 */
import { UploadError, abortError } from './errors.js';
import {
  callApplication, failure, jsonOrNull, uploadUrl,
} from './api.js';

/** The most parts the application signs in one request. */
export const MAX_SIGN_BATCH = 100;

const UNREACHABLE = 'the application could not be reached. Check your connection and try again.';

/** Whether a value is an object whose values are all strings. */
function isStringMap(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    && Object.values(value).every((item) => typeof item === 'string');
}

function throwIfAborted(signal) {
  if (signal && signal.aborted) {
    throw abortError();
  }
}

/** The words for a call about the file's upload that failed. */
function notUploaded(fileName) {
  return (reason) => `“${fileName}” was not uploaded: ${reason}`;
}

/** The answer's JSON, or the UploadError (or AbortError) for an answer that is not 2xx. */
async function call(url, request, {
  fileName, signal, csrfToken = '', now = Date.now, fetch: send = globalThis.fetch,
}) {
  throwIfAborted(signal);
  const sentence = notUploaded(fileName);
  const response = await callApplication(send, url, request, { csrfToken, signal }, UNREACHABLE,
    sentence);
  if (!response.ok) {
    throw await failure(response, { signal, now }, sentence);
  }
  return { response, body: response.status === 204 ? null : await jsonOrNull(response) };
}

function unexpected(fileName, what, status) {
  return new UploadError('server', `“${fileName}” was not uploaded: the application answered`
    + ` with something that is not ${what} (a sign-in page or a proxy’s error page, perhaps).`
    + ' Reload the page and try again.', { status });
}

/**
 * Asks the application to sign the PUTs of some parts, each binding the part's length and
 * checksum. Ask for a few at a time, just before they are sent: the URLs expire.
 * @param {string} api the `POST /api/uploads` URL
 * @param {string} id the upload's id
 * @param {{partNumber: number, checksumSha256: string}[]} parts 1 to MAX_SIGN_BATCH parts, each
 *   with its SHA-256 in base64
 * @param {{fileName: string, signal?: AbortSignal, csrfToken?: string, now?: () => number,
 *   fetch?: typeof fetch}} options as for requestTicket (ticket.js); fileName for the messages
 * @returns {Promise<{partNumber: number, url: string, headers: Object<string,string>,
 *   expiresAt: string}[]>} one per part asked for, in the order asked
 * @throws {UploadError} `refused` for a 4xx (404 unknown, 409 `not_open`, 429 the signing limit,
 *   401 signed out), `server` for a 5xx, no answer or an answer that is not the parts asked for;
 *   a DOMException named `AbortError` when cancelled
 */
export async function signParts(api, id, parts, options) {
  if (parts.length < 1 || parts.length > MAX_SIGN_BATCH) {
    throw new RangeError(`1 to ${MAX_SIGN_BATCH} parts are signed at a time, not ${parts.length}`);
  }
  const { response, body } = await call(uploadUrl(api, id, '/parts'),
    { method: 'POST', body: { parts } }, options);
  const signed = new Map((Array.isArray(body?.parts) ? body.parts : [])
    .filter((part) => part !== null && typeof part === 'object'
      && typeof part.url === 'string' && isStringMap(part.headers)
      && typeof part.expiresAt === 'string')
    .map((part) => [part.partNumber, part]));
  if (parts.some(({ partNumber }) => !signed.has(partNumber))) {
    throw unexpected(options.fileName, 'the signed parts asked for', response.status);
  }
  return parts.map(({ partNumber }) => {
    const { url, headers, expiresAt } = signed.get(partNumber);
    return {
      partNumber, url, headers, expiresAt,
    };
  });
}

/**
 * The parts the store already has for an open upload (S3 ListParts), to resume it.
 * @param {string} api the `POST /api/uploads` URL
 * @param {string} id the upload's id
 * @param {{fileName: string, signal?: AbortSignal, csrfToken?: string, now?: () => number,
 *   fetch?: typeof fetch}} options as for signParts
 * @returns {Promise<{partNumber: number, etag: string, size: number}[]>} those listed whole
 * @throws {UploadError} as signParts
 */
export async function listParts(api, id, options) {
  const { response, body } = await call(uploadUrl(api, id, '/parts'), { method: 'GET' },
    options);
  if (!Array.isArray(body?.parts)) {
    throw unexpected(options.fileName, 'a list of parts', response.status);
  }
  return body.parts.filter((part) => part !== null && typeof part === 'object'
    && Number.isSafeInteger(part.partNumber) && typeof part.etag === 'string'
    && part.etag !== '' && Number.isSafeInteger(part.size));
}

/**
 * The upload's record, whatever its state (`issued` while a multipart upload is open), or null
 * when the application knows no such upload of this person's (404).
 * @param {string} api the `POST /api/uploads` URL
 * @param {string} id the upload's id
 * @param {{fileName: string, signal?: AbortSignal, csrfToken?: string, now?: () => number,
 *   fetch?: typeof fetch}} options as for signParts
 * @returns {Promise<{id: string, state: string}|null>}
 * @throws {UploadError} as signParts, for anything but a 404
 */
export async function fetchRecord(api, id, options) {
  try {
    const { response, body } = await call(uploadUrl(api, id), { method: 'GET' }, options);
    if (body === null || typeof body !== 'object' || typeof body.state !== 'string') {
      throw unexpected(options.fileName, 'an upload record', response.status);
    }
    return body;
  } catch (error) {
    if (error instanceof UploadError && error.status === 404 && error.code !== undefined) {
      return null;
    }
    throw error;
  }
}

/**
 * Asks the application to abort the upload (S3 AbortMultipartUpload): its record becomes
 * `deleted`, and the parts sent so far are discarded.
 * @param {string} api the `POST /api/uploads` URL
 * @param {string} id the upload's id
 * @param {{fileName: string, signal?: AbortSignal, csrfToken?: string, now?: () => number,
 *   fetch?: typeof fetch}} options as for signParts
 * @returns {Promise<void>}
 * @throws {UploadError} as signParts
 */
export async function abortUpload(api, id, options) {
  await call(uploadUrl(api, id), { method: 'DELETE' }, options);
}
