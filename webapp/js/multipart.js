/**
 * A file sent in parts (an S3 multipart upload the application has opened): which part goes when,
 * and what happens when one fails. Pure scheduling over injected parts (`fetch`, the part sender,
 * the hasher, the clock and the wait), so it runs the same in Node's tests as in the browser.
 *
 * - At most the ticket's `parallelParts` parts are on the way at once.
 * - Each part's SHA-256 is computed just before the part is signed, one part at a time while other
 *   parts travel: the only part bytes in memory are those being hashed (a part is PUT as a Blob
 *   slice, which the browser reads as it sends).
 * - Parts are signed as they are hashed: whatever has been hashed goes in one request as soon as
 *   none is pending, and at most `parallelParts` parts (at most MAX_SIGN_BATCH) wait hashed or
 *   signed for their turn, so a free slot starts its next part at once, and signed URLs, which
 *   expire, are never signed long ahead.
 * - A part whose PUT fails for the network, a 5xx, a 408, a 429 or S3's `RequestTimeout` is sent
 *   again after 1, 2, 4, 8 and 15 seconds (PART_RETRY_PAUSES); a part refused because its
 *   signature expired (see isExpiredSignature) is signed again and sent again, at most MAX_RESIGNS
 *   times; anything else stops the upload with the store's reason.
 * - Pausing aborts the parts on the way (their bytes are sent again on resuming) and starts
 *   nothing new until resumed.
 * - Cancelling (the signal) aborts everything and asks the application to abort the upload.
 */
import { UploadError, abortError } from './errors.js';
import {
  MAX_SIGN_BATCH, abortUpload, fetchRecord, listParts, signParts,
} from './parts.js';
import { completeWithRetries, pause } from './completion.js';
import { completeUpload } from './ticket.js';
import { putPart } from './put.js';
import { createPartHasher } from './checksum.js';
import { describeSize } from './rules.js';

/** The pauses before each new attempt of a part (and of a signing request), in milliseconds. */
export const PART_RETRY_PAUSES = Object.freeze([1000, 2000, 4000, 8000, 15000]);

/** How many times one part may be signed again because its signature expired. */
export const MAX_RESIGNS = 3;

/** S3 error codes that mean the request's signature is no longer valid. */
const EXPIRED_CODES = ['ExpiredToken', 'RequestExpired', 'TokenRefreshRequired'];

let sharedHasher = null;

/** The page's one part hasher (a worker where the browser has one), made on first use. */
function pageHasher() {
  sharedHasher ??= createPartHasher();
  return sharedHasher;
}

/** How many parts are hashed at once (Web Crypto hashes off the page's thread). */
const HASHES_AT_ONCE = 2;

/** A part URL this close to its expiry is signed again before it is used. */
const EXPIRY_MARGIN = 5000;

/**
 * The bytes of part `partNumber` (1-based): `[start, end)`.
 * @param {{size: number, partSize: number}} plan
 * @param {number} partNumber
 * @returns {{start: number, end: number}}
 */
export function partRange(plan, partNumber) {
  const start = (partNumber - 1) * plan.partSize;
  return { start, end: Math.min(start + plan.partSize, plan.size) };
}

/**
 * Whether the store refused a part because its signed URL expired: a 403 whose S3 code says so
 * (`ExpiredToken`, `RequestExpired`), or `AccessDenied` whose message says the request expired,
 * or any 403 once the part's `expiresAt` has passed by the local clock.
 * @param {*} error what the part sender rejected with
 * @param {string} expiresAt the signed part's expiry (ISO 8601)
 * @param {number} now milliseconds since the epoch
 * @returns {boolean}
 */
export function isExpiredSignature(error, expiresAt, now) {
  if (!(error instanceof UploadError) || error.status !== 403) {
    return false;
  }
  if (EXPIRED_CODES.includes(error.code)) {
    return true;
  }
  if (/expired/i.test(error.reason ?? '')) {
    return true;
  }
  return now >= Date.parse(expiresAt);
}

/**
 * Whether a part's failed PUT is worth sending again as it is: no answer (the network), a 5xx,
 * 408, 429, or S3's `RequestTimeout` (a 400 for a connection that went idle).
 * @param {*} error what the part sender rejected with
 * @returns {boolean}
 */
export function worthSendingAgain(error) {
  if (!(error instanceof UploadError)) {
    return false;
  }
  if (error.status === undefined) {
    return error.kind === 'network';
  }
  return error.status >= 500 || error.status === 408 || error.status === 429
    || error.code === 'RequestTimeout';
}

/**
 * Whether a failed signing request is worth asking again: no answer, a 5xx, or 429.
 */
function worthSigningAgain(error) {
  // 429: the application's rate limits, which free up as time passes
  return error instanceof UploadError && (error.status === 429
    || (error.kind === 'server' && (error.status === undefined || error.status >= 500)));
}

/**
 * A pause switch shared by the page (its buttons) and the scheduler.
 * @returns {{readonly paused: boolean, pause: function(): void, resume: function(): void,
 *   whenRunning: function(AbortSignal=): Promise<void>,
 *   onChange: function(function(boolean): void): function(): void}}
 *   whenRunning: resolves at once, or on resuming; rejects with an AbortError when the signal
 *   aborts. onChange: the listener hears every change; call what it returns to stop.
 */
export function createPauser() {
  let paused = false;
  let resumed = [];
  const listeners = new Set();
  const change = (value) => {
    if (paused === value) {
      return;
    }
    paused = value;
    if (!paused) {
      resumed.forEach((wake) => wake());
      resumed = [];
    }
    listeners.forEach((listener) => listener(paused));
  };
  return {
    get paused() {
      return paused;
    },
    pause: () => change(true),
    resume: () => change(false),
    whenRunning(signal) {
      if (signal && signal.aborted) {
        return Promise.reject(abortError());
      }
      if (!paused) {
        return Promise.resolve();
      }
      return new Promise((resolve, reject) => {
        const stop = () => reject(abortError());
        signal?.addEventListener('abort', stop, { once: true });
        resumed.push(() => {
          signal?.removeEventListener('abort', stop);
          resolve();
        });
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Speed and time left from the bytes sent over the last few seconds.
 * @param {() => number} now the clock, in milliseconds
 * @param {number} [span] how far back the speed looks, in milliseconds
 * @returns {{measure: function(number, number): {speed: number|null,
 *   secondsLeft: number|null}, reset: function(): void}} measure: with the bytes sent and the
 *   total, the bytes per second (null until a second has been measured) and the seconds left
 *   (null while nothing moves); reset: forget what was measured (after a pause)
 */
export function createRateMeter(now, span = 10000) {
  let samples = [];
  return {
    measure(loaded, total) {
      const time = now();
      samples.push({ time, loaded });
      while (samples.length > 2 && time - samples[1].time >= span) {
        samples.shift();
      }
      const elapsed = time - samples[0].time;
      if (elapsed < 1000) {
        return { speed: null, secondsLeft: null };
      }
      const speed = Math.max(0, loaded - samples[0].loaded) / (elapsed / 1000);
      return { speed, secondsLeft: speed > 0 ? Math.max(0, total - loaded) / speed : null };
    },
    reset() {
      samples = [];
    },
  };
}

/**
 * Speed and time left in words: "2.5 MB/s, about 3 min left".
 * @param {{speed: number|null, secondsLeft: number|null}} rate as createRateMeter measures
 * @returns {string} empty while there is nothing to say
 */
export function describeRate({ speed, secondsLeft }) {
  if (speed === null) {
    return '';
  }
  const perSecond = `${describeSize(Math.round(speed))}/s`;
  if (secondsLeft === null) {
    return perSecond;
  }
  let left;
  if (secondsLeft < 60) {
    left = `${Math.max(1, Math.round(secondsLeft))} s`;
  } else if (secondsLeft < 3600) {
    left = `${Math.round(secondsLeft / 60)} min`;
  } else {
    left = `${Math.floor(secondsLeft / 3600)} h ${Math.round((secondsLeft % 3600) / 60)} min`;
  }
  return `${perSecond}, about ${left} left`;
}

/** An AbortController that aborts with the signal, and a way to stop listening to it. */
function linkedController(signal) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (signal?.aborted) {
    controller.abort();
  }
  signal?.addEventListener('abort', abort, { once: true });
  return { controller, unlink: () => signal?.removeEventListener('abort', abort) };
}

/**
 * Sends every part the store does not have yet, as described at the top of this module.
 * @param {string} api the `POST /api/uploads` URL
 * @param {{id: string, size: number, partSize: number, partCount: number,
 *   parallelParts: number}} ticket a MULTIPART ticket (or the one remembered for it)
 * @param {Blob & {name: string}} file
 * @param {Object} [options]
 * @param {AbortSignal} [options.signal] cancels: every PUT is aborted
 * @param {string} [options.csrfToken] @param {typeof fetch} [options.fetch]
 * @param {() => number} [options.now] the clock, `Date.now` unless given
 * @param {function(number, AbortSignal=): Promise<void>} [options.wait] how a pause between two
 *   attempts is waited
 * @param {function(Object, Blob, Object): Promise<string>} [options.sendPart] sends a signed
 *   part and resolves to its ETag: putPart unless given
 * @param {function(Blob, Object): Promise<string>} [options.hashPart] a part's SHA-256 in
 *   base64: the page's createPartHasher unless given
 * @param {{partNumber: number, etag: string, size: number}[]} [options.done] the parts the store
 *   has already (listParts); one of the expected size is not sent again
 * @param {ReturnType<typeof createPauser>} [options.pauser] the page's pause switch
 * @param {number[]} [options.retryPauses] PART_RETRY_PAUSES unless given
 * @param {number} [options.maxResigns] MAX_RESIGNS unless given
 * @param {function(number, number): void} [options.onProgress] the bytes in the store or on the
 *   way, and the total
 * @param {function(number): void} [options.onPartSent] the number of each part the store took
 * @returns {Promise<{partNumber: number, etag: string}[]>} every part, ascending, with its ETag
 * @throws {UploadError} the first part (or signing request) that failed for good; a DOMException
 *   named `AbortError` when cancelled
 */
export async function sendParts(api, ticket, file, options = {}) {
  const {
    signal, now = Date.now, wait = pause, sendPart = putPart, hashPart = pageHasher(),
    done = [], pauser = createPauser(), retryPauses = PART_RETRY_PAUSES,
    maxResigns = MAX_RESIGNS, onProgress = () => {}, onPartSent = () => {},
  } = options;
  const asking = {
    fileName: file.name, csrfToken: options.csrfToken, now, fetch: options.fetch,
  };
  const sizeOf = (number) => {
    const { start, end } = partRange(ticket, number);
    return end - start;
  };
  const etags = new Map();
  for (const part of done) {
    if (part.partNumber >= 1 && part.partNumber <= ticket.partCount
      && part.size === sizeOf(part.partNumber)) {
      etags.set(part.partNumber, part.etag);
    }
  }
  let stored = [...etags.keys()].reduce((sum, number) => sum + sizeOf(number), 0);
  const travelling = new Map();
  const report = () => {
    let loaded = stored;
    travelling.forEach((bytes) => {
      loaded += bytes;
    });
    onProgress(loaded, ticket.size);
  };

  const { controller: everything, unlink } = linkedController(signal);
  const attempts = new Set();
  const stopListening = pauser.onChange((paused) => {
    if (paused) {
      attempts.forEach((attempt) => attempt.abort());
    }
  });
  let firstError = null;
  const fail = (error) => {
    firstError ??= error;
    everything.abort();
  };
  const throwIfStopped = () => {
    if (everything.signal.aborted) {
      throw abortError();
    }
  };

  /** Signs parts, asking again while the application cannot answer. */
  async function sign(batch) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await signParts(api, ticket.id, batch, { ...asking, signal: everything.signal });
      } catch (error) {
        if (!worthSigningAgain(error) || attempt >= retryPauses.length) {
          throw error;
        }
        await wait(retryPauses[attempt], everything.signal);
      }
    }
  }

  // parts hashed or signed but not yet on the way: enough to start the next ones at once, few
  // enough that a URL is not signed long before its part travels
  const lookahead = Math.min(MAX_SIGN_BATCH, Math.max(1, ticket.parallelParts));
  const waiting = [];
  for (let number = 1; number <= ticket.partCount; number += 1) {
    if (!etags.has(number)) {
      waiting.push(number);
    }
  }
  const hashed = [];
  const ready = [];
  const hashings = new Set();
  let signing = null;
  let sleepers = [];
  const wakeUp = () => {
    const woken = sleepers;
    sleepers = [];
    woken.forEach((resolve) => resolve());
  };
  const nextChange = () => new Promise((resolve) => {
    sleepers.push(resolve);
  });

  /** Hashes the next waiting part; the only part bytes held are those being hashed. */
  async function hashNext() {
    const partNumber = waiting.shift();
    await pauser.whenRunning(everything.signal);
    const { start, end } = partRange(ticket, partNumber);
    const checksumSha256 = await hashPart(file.slice(start, end), { signal: everything.signal });
    throwIfStopped();
    hashed.push({ partNumber, checksumSha256 });
  }

  /**
   * Keeps the pipeline full: one part hashed at a time while others travel, and whatever has been
   * hashed signed in one request as soon as none is pending.
   */
  function pump() {
    if (everything.signal.aborted) {
      return;
    }
    while (hashings.size < HASHES_AT_ONCE && waiting.length > 0
      && ready.length + hashed.length + hashings.size < lookahead) {
      const hashing = hashNext().then(() => {
        hashings.delete(hashing);
        pump();
      }, (error) => {
        hashings.delete(hashing);
        fail(error);
        wakeUp();
      });
      hashings.add(hashing);
    }
    if (signing === null && hashed.length > 0) {
      const batch = hashed.splice(0, lookahead);
      signing = sign(batch).then((signed) => {
        signing = null;
        signed.forEach((part, index) => ready.push({ ...part, ...batch[index] }));
        pump();
        wakeUp();
      }, (error) => {
        signing = null;
        fail(error);
        wakeUp();
      });
    }
  }

  /** The next signed part to send, or null when there is none left. */
  async function nextPart() {
    for (;;) {
      throwIfStopped();
      if (ready.length > 0) {
        const part = ready.shift();
        pump();
        return part;
      }
      if (waiting.length === 0 && hashed.length === 0 && hashings.size === 0 && signing === null) {
        return null;
      }
      pump();
      await nextChange();
    }
  }

  /** One part until the store has it, sent again, or signed and sent again, as needed. */
  async function send(part) {
    const { start, end } = partRange(ticket, part.partNumber);
    let signed = part;
    let failures = 0;
    let resigns = 0;
    const resign = async (error) => {
      if (resigns >= maxResigns) {
        throw error;
      }
      resigns += 1;
      const [fresh] = await sign([{
        partNumber: part.partNumber, checksumSha256: part.checksumSha256,
      }]);
      signed = { ...fresh, checksumSha256: part.checksumSha256 };
    };
    for (;;) {
      await pauser.whenRunning(everything.signal);
      if (now() >= Date.parse(signed.expiresAt) - EXPIRY_MARGIN) {
        await resign(new UploadError('storage', `Part ${part.partNumber} of “${file.name}”`
          + ` could not be sent before its signature expired, even after being signed again`
          + ` ${maxResigns} times.`));
        continue;
      }
      const { controller: attempt, unlink: unlinkAttempt } = linkedController(everything.signal);
      attempts.add(attempt);
      travelling.set(part.partNumber, 0);
      try {
        const etag = await sendPart(signed, file.slice(start, end), {
          fileName: file.name,
          partCount: ticket.partCount,
          signal: attempt.signal,
          onProgress: (loaded) => {
            travelling.set(part.partNumber, loaded);
            report();
          },
        });
        etags.set(part.partNumber, etag);
        stored += end - start;
        onPartSent(part.partNumber);
        return;
      } catch (error) {
        throwIfStopped();
        if (error.name === 'AbortError') {
          // paused: sent again once resumed
        } else if (isExpiredSignature(error, signed.expiresAt, now())) {
          await resign(error);
        } else if (!worthSendingAgain(error)) {
          throw error;
        } else if (failures >= retryPauses.length) {
          throw new UploadError(error.kind, `${error.message} It was tried ${failures + 1}`
            + ` times; “${file.name}” was not uploaded.`, error);
        } else {
          await wait(retryPauses[failures], everything.signal);
          failures += 1;
        }
      } finally {
        attempts.delete(attempt);
        unlinkAttempt();
        travelling.delete(part.partNumber);
        report();
      }
    }
  }

  async function worker() {
    for (let part = await nextPart(); part !== null; part = await nextPart()) {
      await send(part);
    }
  }

  try {
    report();
    const workers = Math.min(ticket.parallelParts, Math.max(1, waiting.length));
    await Promise.all(Array.from({ length: workers }, () => worker().catch(fail)));
    await Promise.all([...hashings, signing]);
  } finally {
    stopListening();
    unlink();
  }
  if (signal && signal.aborted) {
    throw abortError();
  }
  if (firstError) {
    throw firstError;
  }
  return [...etags.entries()].sort(([a], [b]) => a - b)
    .map(([partNumber, etag]) => ({ partNumber, etag }));
}

/**
 * Opens a remembered upload again, if the application still has it open: its ticket, and the
 * parts the store has.
 * @param {string} api the `POST /api/uploads` URL
 * @param {{id: string, key: string, size: number, partSize: number, partCount: number,
 *   parallelParts?: number}} entry what resume.js remembered
 * @param {{name: string}} file
 * @param {{signal?: AbortSignal, csrfToken?: string, now?: () => number, fetch?: typeof fetch}}
 *   [options]
 * @returns {Promise<{ticket: Object, done: {partNumber: number, etag: string,
 *   size: number}[]}|{record: Object}|null>} null when the application knows no such upload (any
 *   more), or it is no longer open (`issued`); `{record}` when the store had completed it already
 *   (a completion whose answer was lost): the checked record
 * @throws {UploadError} when the application cannot say; an AbortError when cancelled
 */
export async function reopen(api, entry, file, options = {}) {
  const asking = { ...options, fileName: file.name };
  const record = await fetchRecord(api, entry.id, asking);
  if (record === null || record.state !== 'issued') {
    return null;
  }
  let done;
  try {
    done = await listParts(api, entry.id, asking);
  } catch (error) {
    if (!(error instanceof UploadError) || error.status !== 409) {
      throw error;
    }
    // the store has no such upload in parts any more: completed by a call whose answer was lost?
    try {
      return { record: await completeUpload(api, { id: entry.id, key: entry.key }, file, asking) };
    } catch {
      return null;
    }
  }
  const ticket = {
    id: entry.id,
    key: entry.key,
    method: 'MULTIPART',
    size: entry.size,
    partSize: entry.partSize,
    partCount: entry.partCount,
    parallelParts: entry.parallelParts ?? 1,
    expiresAt: record.expiresAt,
  };
  return { ticket, done };
}

/**
 * Whether sending parts stopped for something that passes (no answer, the application or the
 * store briefly unavailable, signed out), so that the upload is worth continuing later rather than
 * aborting: anything but a cancel or a definite refusal.
 */
function worthContinuingLater(error) {
  return error instanceof UploadError && (error.status === 401
    || (error.kind === 'network' || error.kind === 'server')
      && (error.status === undefined || error.status >= 500 || error.status === 429));
}

/** The words for a completion of parts that did not happen. */
function notPutTogether(file, error, resumable) {
  const reason = error.reason ?? error.message;
  const next = resumable ? ' Choose the same file again later to finish it; the parts sent are'
    + ' kept for a while.' : ` “${file.name}” was not uploaded.`;
  return `All parts of “${file.name}” reached the storage, but the application could not put`
    + ` them together: ${reason}${next}`;
}

/**
 * A file in parts from the first part to the checked record: sendParts, then the completion with
 * every part's ETag, asked again while the application cannot answer (completeWithRetries).
 * Cancelling asks the application to abort the upload; so does a failure that makes the upload
 * useless. `forget` is called when there is nothing left to continue: on success, cancel, and
 * final failure — but not when all parts were sent and only the completion could not be asked for
 * (no answer, 502-504, or signed out), since choosing the file again then finishes it.
 * @param {string} api the `POST /api/uploads` URL
 * @param {Object} ticket a MULTIPART ticket
 * @param {Blob & {name: string}} file
 * @param {Object} [options] those of sendParts, and: completeRetryPauses, completeWithRetries'
 *   `pauses`; onStage, called with `checking` once every part is sent, and with `waiting` and
 *   `{attempt, pause}` before each pause between two completions; forget, see above
 * @returns {Promise<Object>} the upload's record (`stored` or `rejected`, see completeUpload)
 * @throws {UploadError} why not; a DOMException named `AbortError` when cancelled
 */
export async function uploadInParts(api, ticket, file, options = {}) {
  const { onStage = () => {}, forget = () => {} } = options;
  const asking = {
    fileName: file.name, csrfToken: options.csrfToken, now: options.now, fetch: options.fetch,
  };
  // the abort is asked for without the signal, which has aborted; when it cannot be asked for,
  // the application's sweeper and the bucket's lifecycle rule abort the upload later
  const abandon = () => abortUpload(api, ticket.id, asking).catch(() => {});
  let parts;
  try {
    parts = await sendParts(api, ticket, file, options);
  } catch (error) {
    if (worthContinuingLater(error)) {
      // the parts sent stay in the store: choosing the file again sends only the rest
      throw new UploadError(error.kind, `${error.message} Choose the same file again to continue`
        + ' where it stopped; the parts sent are kept for a while.', error);
    }
    forget();
    await abandon();
    throw error;
  }
  onStage('checking');
  let record;
  try {
    record = await completeWithRetries(api, ticket, file, {
      csrfToken: options.csrfToken,
      now: options.now,
      fetch: options.fetch,
      parts,
      pauses: options.completeRetryPauses,
      wait: options.wait,
      onRetry: ({ attempt, pause: next }) => onStage('waiting', { attempt, pause: next }),
    });
  } catch (error) {
    if (!(error instanceof UploadError)) {
      throw error;
    }
    const resumable = error.kind === 'unchecked';
    if (!resumable) {
      // never aborted once a completion was asked for: it may have gone through, and the
      // application's sweeper aborts what is left unfinished
      forget();
    }
    throw new UploadError(resumable ? 'server' : error.kind,
      notPutTogether(file, error, resumable), {
        status: error.status, code: error.code, reason: error.reason,
      });
  }
  forget();
  return record;
}
