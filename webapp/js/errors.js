/**
 * The two ways an upload ends without a key: an UploadError, in words for the person, or an
 * AbortError, because the person (or the embedding page) cancelled it.
 */

/**
 * Why an upload did not happen, in words for the person.
 * `kind` is `refused` (by this application), `storage` (the store answered with an error),
 * `network` (no readable answer: CORS or the network), or `server` (the application could not be
 * reached, or did not answer with a ticket).
 */
export class UploadError extends Error {
  /**
   * @param {string} kind `refused`, `storage`, `network` or `server`
   * @param {string} message a whole sentence that names the file
   * @param {{status?: number, code?: string}} [details] the HTTP status and machine code, if any
   */
  constructor(kind, message, details = {}) {
    super(message);
    this.name = 'UploadError';
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
  }
}

/**
 * The error a cancelled upload rejects with, the same as an aborted `fetch`.
 * @returns {DOMException} named `AbortError`
 */
export function abortError() {
  return new DOMException('Aborted', 'AbortError');
}
