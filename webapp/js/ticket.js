/**
 * The application's two calls around the PUT: `POST /api/uploads` for a ticket before it, and
 * `POST /api/uploads/{id}/complete` after it, each answer turned into what the page needs or an
 * UploadError that says why not.
 */
import { UploadError, abortError } from './errors.js';
import { retryAt } from './rules.js';

/** What a 401 means for the person, in either call. */
const SIGNED_OUT = 'you are no longer signed in (the session may have timed out). Reload the page'
  + ' to sign in again.';

/** The states a completion answers with: checked and kept, or checked and deleted. */
const CHECKED_STATES = ['stored', 'rejected'];

/** Whether a value is an object whose values are all strings (they are sent as they are). */
function isStringMap(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    && Object.values(value).every((item) => typeof item === 'string');
}

/**
 * Whether a parsed answer has the shape of an upload ticket: an id, a key, a URL, and either the
 * method `PUT` with headers or the method `POST` with form fields, whose values are all strings
 * (they are sent as they are).
 * @param {*} value
 * @returns {boolean}
 */
export function isTicket(value) {
  if (value === null || typeof value !== 'object' || typeof value.id !== 'string'
    || typeof value.key !== 'string' || typeof value.url !== 'string') {
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

/**
 * POSTs JSON to the application with the session's cookie and CSRF token.
 * @param {function(string): string} sentence puts a reason into words that name the file
 * @returns {Promise<Response>} rejects with the AbortError, or an UploadError of kind `server`
 *   whose reason is `unreachable` when there is no answer
 */
async function postJson(send, url, body, { csrfToken, signal }, unreachable, sentence) {
  try {
    // called as a plain function: browsers refuse `fetch` called as a method of another object
    return await send(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-CSRF-Token': csrfToken,
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new UploadError('server', sentence(unreachable), { reason: unreachable });
  }
}

/** The application's `{error, message}` body, or the bare status when the body is not that. */
async function errorBody(response) {
  try {
    const body = await response.json();
    if (body && typeof body.message === 'string') {
      return { message: body.message, code: body.error };
    }
  } catch {
    // not our JSON shape (a proxy's error page, say): keep the status
  }
  return { message: `the application answered HTTP ${response.status}.`, code: undefined };
}

/**
 * The UploadError (or AbortError) for an application answer that is not 2xx: kind `server` for a
 * 5xx, `refused` otherwise. The reason is the application's message, or what a 401 means, or the
 * message with the time a 429's Retry-After points to; `sentence` puts it in words that name the
 * file.
 */
async function failure(response, { signal, now }, sentence) {
  const { status } = response;
  const { message, code } = await errorBody(response);
  if (signal && signal.aborted) {
    return abortError();
  }
  let reason = message;
  if (status === 401) {
    reason = SIGNED_OUT;
  } else if (status === 429) {
    const at = retryAt(response.headers.get('Retry-After'), now());
    reason = at ? `${message} ${at}` : message;
  }
  const kind = status >= 500 ? 'server' : 'refused';
  return new UploadError(kind, sentence(reason, status), { status, code, reason });
}

/** The parsed body of a 2xx, or null when it is not JSON; passes on an AbortError. */
async function jsonOrNull(response) {
  try {
    return await response.json();
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    return null;
  }
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
 * @returns {Promise<{id: string, key: string, method: string, url: string,
 *   headers?: Object<string,string>, fields?: Object<string,string>, expiresAt: string}>}
 *   `headers` for a PUT, `fields` for a POST
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
  const response = await postJson(send, api, body, { csrfToken, signal },
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
 * Tells the application that the PUT succeeded, so it checks the stored object against what was
 * declared for the ticket (size, type, checksum) and keeps or deletes it.
 * @param {string} api the `POST /api/uploads` URL; the completion goes to `{api}/{id}/complete`
 * @param {{id: string}} ticket the ticket the file was sent with
 * @param {{name: string}} file
 * @param {{signal?: AbortSignal, csrfToken?: string, now?: () => number,
 *   fetch?: typeof fetch}} [options] as for requestTicket
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
  signal, csrfToken = '', now = Date.now, fetch: send = globalThis.fetch,
} = {}) {
  if (signal && signal.aborted) {
    throw abortError();
  }
  const url = `${api.replace(/\/+$/, '')}/${encodeURIComponent(ticket.id)}/complete`;
  const response = await postJson(send, url, {}, { csrfToken, signal },
    'the application could not be reached.', (reason) => notChecked(file, reason));
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
