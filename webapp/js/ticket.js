/**
 * The ticket request: `POST /api/uploads` with what the person chose, and the application's answer
 * turned into a ticket or an UploadError that says why not.
 */
import { UploadError, abortError } from './errors.js';
import { retryAt } from './rules.js';

/**
 * Whether a parsed answer has the shape of an upload ticket: a key, a URL, a method and headers
 * whose values are all strings (they are sent as they are).
 * @param {*} value
 * @returns {boolean}
 */
export function isTicket(value) {
  return value !== null && typeof value === 'object'
    && typeof value.key === 'string' && typeof value.url === 'string'
    && typeof value.method === 'string' && value.headers !== null
    && typeof value.headers === 'object'
    && Object.values(value.headers).every((header) => typeof header === 'string');
}

/**
 * Asks the application for an upload ticket.
 * @param {string} api the `POST /api/uploads` URL
 * @param {{name: string, type: string, size: number}} file
 * @param {{signal?: AbortSignal, csrfToken?: string, now?: () => number,
 *   fetch?: typeof fetch}} [options]
 *   csrfToken: the session's token from the page, sent back so the server knows the request
 *   comes from its own page; now: the clock for Retry-After; fetch: the function that sends the
 *   request, the global `fetch` (looked up on each call) unless given
 * @returns {Promise<{key: string, method: string, url: string, headers: Object<string,string>,
 *   expiresAt: string}>}
 * @throws {UploadError} when there is no ticket; a DOMException named `AbortError` when cancelled
 */
export async function requestTicket(api, file, {
  signal, csrfToken = '', now = Date.now, fetch: send = globalThis.fetch,
} = {}) {
  if (signal && signal.aborted) {
    throw abortError();
  }
  const response = await post(send, api, file, csrfToken, signal);
  if (!response.ok) {
    throw await refusal(response, file, signal, now);
  }
  return readTicket(response, file);
}

async function post(send, api, file, csrfToken, signal) {
  try {
    // called as a plain function: browsers refuse `fetch` called as a method of another object
    return await send(api, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-CSRF-Token': csrfToken,
      },
      body: JSON.stringify({ filename: file.name, contentType: file.type, size: file.size }),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new UploadError('server', `“${file.name}” was not uploaded: the application could not`
      + ' be reached. Check your connection and try again.');
  }
}

/** The UploadError (or AbortError) for an answer that is not 2xx. */
async function refusal(response, file, signal, now) {
  const { status } = response;
  const { message, code } = await errorBody(response);
  if (signal && signal.aborted) {
    return abortError();
  }
  if (status >= 500) {
    return new UploadError('server', `“${file.name}” was not uploaded: ${message}`,
      { status, code });
  }
  if (status === 401) {
    return new UploadError('refused', `“${file.name}” was not uploaded: you are no longer`
      + ' signed in (the session may have timed out). Reload the page to sign in again.',
    { status, code });
  }
  if (status === 429) {
    const at = retryAt(response.headers.get('Retry-After'), now());
    return new UploadError('refused', `“${file.name}” was not uploaded: ${message}`
      + (at ? ` ${at}` : ''), { status, code });
  }
  return new UploadError('refused', `“${file.name}” was refused: ${message}`, { status, code });
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

async function readTicket(response, file) {
  let ticket;
  try {
    ticket = await response.json();
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    ticket = null;
  }
  if (!isTicket(ticket)) {
    throw new UploadError('server', `“${file.name}” was not uploaded: the application answered`
      + ' with something that is not an upload ticket (a sign-in page or a proxy’s error page,'
      + ' perhaps). Reload the page and try again.', { status: response.status });
  }
  return ticket;
}
