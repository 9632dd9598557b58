/**
 * How the page talks to the application: JSON with the session's cookie and CSRF token, and an
 * answer that is not 2xx turned into an UploadError in words for the person. Shared by the ticket
 * and completion calls (ticket.js) and the multipart calls (parts.js).
 */
import { UploadError, abortError } from './errors.js';
import { retryAt } from './rules.js';

/** What a 401 means for the person, in any call. */
export const SIGNED_OUT = 'you are no longer signed in (the session may have timed out). Reload'
  + ' the page to sign in again.';

/**
 * Sends a request to the application with the session's cookie and CSRF token, and a JSON body
 * when one is given.
 * @param {typeof fetch} send the function that sends the request
 * @param {string} url
 * @param {{method: string, body?: Object}} request
 * @param {{csrfToken?: string, signal?: AbortSignal}} options
 * @param {string} unreachable the reason when there is no answer at all
 * @param {function(string): string} sentence puts a reason into words that name the file
 * @returns {Promise<Response>} rejects with the AbortError, or an UploadError of kind `server`
 *   whose reason is `unreachable` when there is no answer
 */
export async function callApplication(send, url, { method, body }, { csrfToken = '', signal },
  unreachable, sentence) {
  const headers = { Accept: 'application/json', 'X-CSRF-Token': csrfToken };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  try {
    // called as a plain function: browsers refuse `fetch` called as a method of another object
    return await send(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
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
 * @param {Response} response
 * @param {{signal?: AbortSignal, now: () => number}} options
 * @param {function(string, number): string} sentence the reason and status into words
 * @returns {Promise<Error>}
 */
export async function failure(response, { signal, now }, sentence) {
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

/**
 * The parsed body of a 2xx, or null when it is not JSON; passes on an AbortError.
 * @param {Response} response
 * @returns {Promise<*>}
 */
export async function jsonOrNull(response) {
  try {
    return await response.json();
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    return null;
  }
}

/**
 * `{api}/{id}` and what follows, the id encoded.
 * @param {string} api the `POST /api/uploads` URL
 * @param {string} id the upload's id
 * @param {string} [rest] e.g. `/parts`
 * @returns {string}
 */
export function uploadUrl(api, id, rest = '') {
  return `${api.replace(/\/+$/, '')}/${encodeURIComponent(id)}${rest}`;
}
