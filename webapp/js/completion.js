/**
 * Asking the application to check a file that reached the store, patiently. When the application
 * cannot be reached, or answers 502, 503 or 504 (it is restarting, or its store is briefly down),
 * or a 404 or 500 that is not the application's own JSON (a server that is starting answers so
 * until it has deployed the application), `complete` is asked again after growing pauses. When it still cannot be asked, the file is in the
 * store all the same, and the application's sweeper checks it by itself once its ticket has
 * expired: the person is told so, not asked to upload it again. So too when the person is no
 * longer signed in (a 401: a restarted server has forgotten its sessions). Any other answer (a record, a 4xx
 * such as the application's own 404 or 409 `not_uploaded`, a 500) ends the asking at once.
 */
import { UploadError, abortError } from './errors.js';
import { completeUpload } from './ticket.js';

/**
 * The pauses before each new request, in milliseconds: five more after the first, over about
 * half a minute, long enough for a server restart or a short outage of the store.
 */
export const COMPLETE_RETRY_PAUSES = Object.freeze([1000, 2000, 4000, 8000, 15000]);

/** The statuses of a proxy or server that cannot answer just now. */
const UNAVAILABLE_STATUSES = [502, 503, 504];

/**
 * Whether a failed completion is worth asking again: the application could not be reached, or it
 * (or a proxy before it) answered 502, 503 or 504, or something that is not the application
 * answered 404 or 500 without its JSON error (the server has not deployed the application yet).
 * @param {*} error what completeUpload rejected with
 * @returns {boolean}
 */
export function worthAskingAgain(error) {
  if (!(error instanceof UploadError)) {
    return false;
  }
  if (error.status === undefined || UNAVAILABLE_STATUSES.includes(error.status)) {
    return error.kind === 'server';
  }
  // not the application's JSON: a server that has not deployed it yet (or is deploying it)
  return (error.status === 404 || error.status === 500) && error.code === undefined;
}

/**
 * Waits, or rejects with an AbortError as soon as the signal aborts.
 * @param {number} milliseconds
 * @param {AbortSignal} [signal]
 * @returns {Promise<void>}
 */
export function pause(milliseconds, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) {
      reject(abortError());
      return;
    }
    const stop = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** The words for a file the application will check later by itself. */
function willBeCheckedLater(file, reason) {
  return `“${file.name}” reached the storage, but the application could not check it yet:`
    + ` ${reason} It will check the file by itself later, so there is no need to upload it`
    + ' again; My uploads shows the outcome.';
}

/**
 * Asks the application to check a sent file (completeUpload), and asks again after each pause
 * while it cannot answer (see worthAskingAgain).
 * @param {string} api the `POST /api/uploads` URL
 * @param {{id: string, key?: string}} ticket the ticket the file was sent with
 * @param {{name: string}} file
 * @param {{signal?: AbortSignal, csrfToken?: string, now?: () => number, fetch?: typeof fetch,
 *   pauses?: number[], wait?: function(number, AbortSignal=): Promise<void>,
 *   onRetry?: function({attempt: number, pause: number, error: UploadError}): void}} [options]
 *   those of completeUpload; signal: stops asking, also during a pause; pauses: the pauses before
 *   each new request in milliseconds (COMPLETE_RETRY_PAUSES unless given; `[]` asks once); wait:
 *   how a pause is waited (`pause` unless given; tests pass their own); onRetry: called before
 *   each pause with the number of the request about to be made (2 for the first repeat), the
 *   pause, and why the last one failed
 * @returns {Promise<Object>} the upload's record, as completeUpload resolves it
 * @throws {UploadError} of kind `unchecked` when every request failed in a way worth asking again,
 *   or at once when the person is no longer signed in (401) (its `status`, `code` and `reason`
 *   those of the last failure, its `key` the ticket's); the failure itself when it was
 *   not worth asking again; a DOMException named `AbortError` when the signal aborted
 */
export async function completeWithRetries(api, ticket, file, options = {}) {
  const {
    pauses = COMPLETE_RETRY_PAUSES, wait = pause, onRetry = () => {}, ...asked
  } = options;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await completeUpload(api, ticket, file, asked);
    } catch (error) {
      if (error instanceof UploadError && error.status === 401) {
        // signed out (a restarted server forgets its sessions): the file is in the store all the
        // same, and asking again cannot help until the person signs in
        throw new UploadError('unchecked', willBeCheckedLater(file, error.reason), {
          status: error.status, code: error.code, reason: error.reason, key: ticket.key,
        });
      }
      if (!worthAskingAgain(error)) {
        throw error;
      }
      if (attempt > pauses.length) {
        const reason = error.reason ?? 'the application could not be reached.';
        throw new UploadError('unchecked', willBeCheckedLater(file, reason), {
          status: error.status, code: error.code, reason, key: ticket.key,
        });
      }
      const next = pauses[attempt - 1];
      onRetry({ attempt: attempt + 1, pause: next, error });
      await wait(next, asked.signal);
    }
  }
}
