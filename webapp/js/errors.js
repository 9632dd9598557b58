/**
 * The two ways an upload ends without a key: an UploadError, in words for the person, or an
 * AbortError, because the person (or the embedding page) cancelled it.
 */

/**
 * Why an upload did not happen, or did not end checked, in words for the person. `kind` is one of:
 * - `refused`: this application (or the page, by its rules) refused the file or the request;
 * - `storage`: the store answered the PUT with an error;
 * - `network`: the PUT got no readable answer (CORS or the network);
 * - `server`: the application could not be reached, or did not answer with a ticket or a record;
 * - `rejected`: the file reached the store, but the application's check found that the stored
 *   object is not what was declared, and deleted it (`record` is the upload's record, whose
 *   `problems` say why);
 * - `unchecked`: the file reached the store, but the application could not be asked to check it,
 *   even after asking again for a while (it could not be reached, or answered 502, 503 or 504); it
 *   checks the file by itself later, so there is nothing to upload again (see completion.js).
 * When the file was sent but its completion failed (`refused` or `server` from completeUpload),
 * the message says so: it is in the store and will be checked later.
 */
export class UploadError extends Error {
  /**
   * @param {string} kind `refused`, `storage`, `network`, `server`, `rejected` or `unchecked`
   * @param {string} message a whole sentence that names the file
   * @param {{status?: number, code?: string, record?: Object, reason?: string, key?: string}}
   *   [details] the HTTP status and machine code, if any; the upload's record, for `rejected`;
   *   the reason alone (without the file's name), where the message wraps one; the object's key,
   *   for `unchecked`
   */
  constructor(kind, message, details = {}) {
    super(message);
    this.name = 'UploadError';
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.record = details.record;
    this.reason = details.reason;
    this.key = details.key;
  }
}

/**
 * The error a cancelled upload rejects with, the same as an aborted `fetch`.
 * @returns {DOMException} named `AbortError`
 */
export function abortError() {
  return new DOMException('Aborted', 'AbortError');
}
