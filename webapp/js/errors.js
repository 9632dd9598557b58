/**
 * The two ways an upload ends without a key: an UploadError, in words for the person, or an
 * AbortError, because the person (or the embedding page) cancelled it.
 */

/**
 * Why an upload did not happen, in words for the person. `kind` is one of:
 * - `refused`: this application (or the page, by its rules) refused the file or the request;
 * - `storage`: the store answered the PUT with an error;
 * - `network`: the PUT got no readable answer (CORS or the network);
 * - `server`: the application could not be reached, or did not answer with a ticket or a record;
 * - `rejected`: the file reached the store, but the application's check found that the stored
 *   object is not what was declared, and deleted it (`record` is the upload's record, whose
 *   `problems` say why).
 * When the file was sent but its completion failed (`refused` or `server` from completeUpload),
 * the message says so: it is in the store and will be checked later.
 */
export class UploadError extends Error {
  /**
   * @param {string} kind `refused`, `storage`, `network`, `server` or `rejected`
   * @param {string} message a whole sentence that names the file
   * @param {{status?: number, code?: string, record?: Object}} [details] the HTTP status and
   *   machine code, if any; the upload's record, for `rejected`
   */
  constructor(kind, message, details = {}) {
    super(message);
    this.name = 'UploadError';
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.record = details.record;
  }
}

/**
 * The error a cancelled upload rejects with, the same as an aborted `fetch`.
 * @returns {DOMException} named `AbortError`
 */
export function abortError() {
  return new DOMException('Aborted', 'AbortError');
}
