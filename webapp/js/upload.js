/**
 * Direct browser uploads: hash the file, ask the server for a ticket, PUT the file to the store
 * with exactly the ticket's headers, ask the server to check what was stored, and tell the person
 * what happened, per file; a file above the multipart threshold goes in parts, a few at a time,
 * and can be paused, and continued after a reload. This module is the public API; each concern
 * lives in its own module (errors, rules, checksum, api, ticket, completion, put, parts,
 * multipart, resume, uploader).
 *
 * When the application cannot be reached to check a sent file, or answers 502, 503 or 504, the
 * check is asked for again after 1, 2, 4, 8 and 15 seconds; if it still cannot be, the row ends in
 * state `sent` with `data-record-state="unchecked"`: the file is in the storage, and the
 * application checks it by itself later (see completion.js).
 *
 * Events (CustomEvent, dispatched on the uploader root, `bubbles: true, cancelable: true`;
 * `detail.file` is the File):
 * - `upload:start` — `preventDefault()` means the file is not uploaded: its row ends in state
 *   `cancelled` with the usual "upload cancelled" text.
 * - `upload:progress` (`detail.loaded`, `detail.total`) — `preventDefault()` means the row's
 *   progress bar is not updated for this event.
 * - `upload:done` (`detail.key`, `detail.record`) — the row is already in state `done` with
 *   `data-key` and `data-record-state="stored"`; `preventDefault()` means the uploader writes no
 *   outcome text and no announcement, so the embedding page can render its own.
 * - `upload:error` (`detail.error`, an UploadError) — the row is already in state `error` (or
 *   `refused`; with `data-record-state="rejected"` when the server's check removed the file, an
 *   error of kind `rejected`; or `sent`, with `data-key` and `data-record-state="unchecked"`, when
 *   the file reached the storage but the application could not be asked to check it, an error of
 *   kind `unchecked`); `preventDefault()` likewise suppresses the outcome text and the
 *   announcement.
 *
 * Importing this module has no side effects; call `init`.
 */

/** Why an upload did not happen (see errors.js). */
export { UploadError } from './errors.js';

/** The page's own checks before asking for a ticket, and the Retry-After time (see rules.js). */
export {
  typeAllowed, describeSize, checkFile, retryAt,
} from './rules.js';

/** The file's SHA-256 in base64, read slice by slice (see checksum.js). */
export { sha256Base64 } from './checksum.js';

/**
 * `POST /api/uploads` for a ticket and `POST /api/uploads/{id}/complete` for the checked record,
 * or an UploadError (see ticket.js).
 */
export { requestTicket, completeUpload } from './ticket.js';

/**
 * `complete` asked again while the application cannot answer, and the pauses between (see
 * completion.js).
 */
export { completeWithRetries, COMPLETE_RETRY_PAUSES } from './completion.js';

/** The PUT to the store, one part's PUT, and the store's XML error bodies (see put.js). */
export { putFile, putPart, parseStorageError } from './put.js';

/** A part's SHA-256 in base64, with Web Crypto where there is one (see checksum.js). */
export { sha256PartBase64 } from './checksum.js';

/**
 * A file in parts: the scheduler, the whole upload with its completion, the reopening of a
 * remembered upload, and the pause switch (see multipart.js).
 */
export {
  sendParts, uploadInParts, reopen, createPauser, PART_RETRY_PAUSES,
} from './multipart.js';

/** What the page remembers of an unfinished upload in parts (see resume.js). */
export { rememberUpload, recallUpload, forgetUpload } from './resume.js';

/** One file from checksum to checked record, and the page wiring (see uploader.js). */
export { uploadFile, init } from './uploader.js';
