/**
 * The application's two calls around the upload: `POST /api/uploads` for a ticket before it, and
 * `POST /api/uploads/{id}/complete` after it, each answer turned into what the page needs or an
 * UploadError that says why not. The calls in between for a file sent in parts are in parts.js.
 */
import { UploadError, abortError } from './errors.js';
import {
  callApplication, failure, jsonOrNull, uploadUrl,
} from './api.js';

/** The states a completion answers with: checked and kept, or checked and deleted. */
const CHECKED_STATES = ['stored', 'rejected'];

/** Whether a value is an object whose values are all strings (they are sent as they are). */
function isStringMap(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    && Object.values(value).every((item) => typeof item === 'string');
}

/** Whether a value is a whole number of at least `least`. */
function isCount(value, least) {
  return Number.isSafeInteger(value) && value >= least;
}

/**
 * Whether a MULTIPART ticket's plan adds up: parts of `partSize` bytes, the last holding the rest,
 * `partCount` of them for `size` bytes, and how many to send at once.
 */
function isPartPlan(value) {
  return isCount(value.size, 1) && isCount(value.partSize, 1) && isCount(value.partCount, 1)
    && isCount(value.parallelParts, 1) && typeof value.expiresAt === 'string'
    && value.partCount === Math.ceil(value.size / value.partSize);
}

/**
 * Whether a parsed answer has the shape of an upload ticket: an id, a key, and either a URL with
 * the method `PUT` and headers or the method `POST` and form fields (whose values are all strings:
 * they are sent as they are), or the method `MULTIPART` with a part plan that adds up (`size`,
 * `partSize`, `partCount`, `parallelParts`, `expiresAt`; the part URLs are asked for later).
 * @param {*} value
 * @returns {boolean}
 */
export function isTicket(value) {
  if (value === null || typeof value !== 'object' || typeof value.id !== 'string'
    || typeof value.key !== 'string') {
    return false;
  }
  if (value.method === 'MULTIPART') {
    return isPartPlan(value);
  }
  if (typeof value.url !== 'string') {
    return false;
  }
  return value.method === 'POST' ? isStringMap(value.fields)
    : typeof value.method === 'string' && isStringMap(value.headers);
}

/**
 * Whether a parsed answer has the shape of a checked upload record: an id, a key, the state
 * `stored` or `rejected`, and problems (sentences) when there are any.
 * @param {*} value
 * @returns {boolean}
 */
export function isRecord(value) {
  return value !== null && typeof value === 'object' && typeof value.id === 'string'
    && typeof value.key === 'string' && CHECKED_STATES.includes(value.state)
    && (value.problems === undefined || (Array.isArray(value.problems)
      && value.problems.every((problem) => typeof problem === 'string')));
}

/** The words for a ticket request the application did not grant. */
function ticketRefusal(file, reason, status) {
  return status >= 500 || status === 401 || status === 429
    ? `“${file.name}” was not uploaded: ${reason}`
    : `“${file.name}” was refused: ${reason}`;
}

/**
 * Asks the application for an upload ticket.
 * @param {string} api the `POST /api/uploads` URL
 * @param {{name: string, type: string, size: number}} file
 * @param {{signal?: AbortSignal, csrfToken?: string, now?: () => number,
 *   fetch?: typeof fetch, checksumSha256?: string}} [options]
 *   csrfToken: the session's token from the page, sent back so the server knows the request
 *   comes from its own page; now: the clock for Retry-After; fetch: the function that sends the
 *   request, the global `fetch` (looked up on each call) unless given; checksumSha256: the
 *   file's SHA-256 in base64 (see checksum.js), sent when given so the ticket requires it
 * @returns {Promise<{id: string, key: string, method: string, url?: string,
 *   headers?: Object<string,string>, fields?: Object<string,string>, expiresAt: string,
 *   size?: number, partSize?: number, partCount?: number, parallelParts?: number}>}
 *   `url` and `headers` for a PUT, `url` and `fields` for a POST, the part plan for a MULTIPART
 *   ticket (for a file above the multipart threshold, asked for without a checksum: each part
 *   carries its own)
 * @throws {UploadError} when there is no ticket; a DOMException named `AbortError` when cancelled
 */
export async function requestTicket(api, file, {
  signal, csrfToken = '', now = Date.now, fetch: send = globalThis.fetch, checksumSha256,
} = {}) {
  if (signal && signal.aborted) {
    throw abortError();
  }
  const body = { filename: file.name, contentType: file.type, size: file.size };
  if (checksumSha256 !== undefined) {
    body.checksumSha256 = checksumSha256;
  }
  const response = await callApplication(send, api, { method: 'POST', body },
    { csrfToken, signal },
    'the application could not be reached. Check your connection and try again.',
    (reason) => `“${file.name}” was not uploaded: ${reason}`);
  if (!response.ok) {
    throw await failure(response, { signal, now },
      (reason, status) => ticketRefusal(file, reason, status));
  }
  const ticket = await jsonOrNull(response);
  if (!isTicket(ticket)) {
    throw new UploadError('server', `“${file.name}” was not uploaded: the application answered`
      + ' with something that is not an upload ticket (a sign-in page or a proxy’s error page,'
      + ' perhaps). Reload the page and try again.', { status: response.status });
  }
  return ticket;
}

/** The words for a completion that did not happen: the file is in the storage all the same. */
function notChecked(file, reason) {
  return `“${file.name}” was sent to the storage, but the application could not check it yet:`
    + ` ${reason} It will be checked later; see My uploads.`;
}

/**
 * Tells the application that the PUT (or every part) succeeded, so it checks the stored object
 * against what was declared for the ticket (size, type, checksum) and keeps or deletes it.
 * @param {string} api the `POST /api/uploads` URL; the completion goes to `{api}/{id}/complete`
 * @param {{id: string}} ticket the ticket the file was sent with
 * @param {{name: string}} file
 * @param {{signal?: AbortSignal, csrfToken?: string, now?: () => number,
 *   fetch?: typeof fetch, parts?: {partNumber: number, etag: string}[]}} [options] as for
 *   requestTicket; parts: for a file sent in parts, every part in ascending order with the ETag
 *   the store answered its PUT with (quotes and all), sent as the body's `parts` so the
 *   application can put the object together; the body is `{}` without them
 * @returns {Promise<{id: string, key: string, filename: string, contentType: string,
 *   size: number, state: string, issuedAt: string, expiresAt: string, updatedAt: string,
 *   problems: string[]}>} the upload's record: `state` is `stored` (checked) or `rejected`
 *   (deleted; `problems` says why, in sentences)
 * @throws {UploadError} `server` (5xx, no answer, not a record) or `refused` (4xx), with a sentence
 *   saying the file was sent but not checked yet (and the application's reason alone as `reason`);
 *   a DOMException named `AbortError` when cancelled. Asks once: completeWithRetries (see
 *   completion.js) asks again while the application cannot answer.
 */
export async function completeUpload(api, ticket, file, {
  signal, csrfToken = '', now = Date.now, fetch: send = globalThis.fetch, parts,
} = {}) {
  if (signal && signal.aborted) {
    throw abortError();
  }
  const url = uploadUrl(api, ticket.id, '/complete');
  const body = parts === undefined ? {} : { parts };
  const response = await callApplication(send, url, { method: 'POST', body },
    { csrfToken, signal }, 'the application could not be reached.',
    (reason) => notChecked(file, reason));
  if (!response.ok) {
    throw await failure(response, { signal, now }, (reason) => notChecked(file, reason));
  }
  const record = await jsonOrNull(response);
  if (!isRecord(record)) {
    const reason = 'the application answered with something that is not an upload record (a'
      + ' sign-in page or a proxy’s error page, perhaps).';
    throw new UploadError('server', notChecked(file, reason), { status: response.status, reason });
  }
  return record;
}
