/**
 * The file's SHA-256, computed in the browser before the ticket is asked for: the server signs it
 * into the PUT (`x-amz-checksum-sha256`), so the store refuses bytes that changed on the way, and
 * compares it with what was stored. Hashed slice by slice with @noble/hashes 2.4.0 (vendored),
 * because Web Crypto's `digest` takes the whole file in memory at once.
 */
import { sha256 } from './vendor/noble-hashes/sha2.js';
import { abortError } from './errors.js';

/** Bytes read and hashed at a time: large enough to be quick, small enough for any device. */
const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

/** Bytes per String.fromCharCode call, well below the engines' argument limits. */
const BASE64_BATCH = 0x8000;

/**
 * Standard base64 (with padding) of bytes, the way S3 writes checksums; `btoa` rather than
 * Node's Buffer, so it is the same code in browsers and in Node.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toBase64(bytes) {
  let binary = '';
  for (let start = 0; start < bytes.length; start += BASE64_BATCH) {
    binary += String.fromCharCode(...bytes.subarray(start, start + BASE64_BATCH));
  }
  return btoa(binary);
}

function throwIfAborted(signal) {
  if (signal && signal.aborted) {
    throw abortError();
  }
}

/** The slice's bytes, or the AbortError as soon as the signal aborts, even mid-read. */
function readSlice(blob, start, end, signal) {
  const reading = blob.slice(start, end).arrayBuffer();
  if (!signal) {
    return reading;
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    reading.then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The SHA-256 of a Blob (a File) in base64, read one slice at a time: never the whole file in
 * memory. A cancel takes effect at once, also while a slice is being read.
 * @param {Blob} blob
 * @param {{signal?: AbortSignal, chunkSize?: number,
 *   onProgress?: function(number, number): void}} [options]
 *   chunkSize: bytes per slice, 4 MiB unless given; onProgress: called after each slice with the
 *   bytes hashed so far and the total (not called for an empty blob)
 * @returns {Promise<string>} 44 characters of base64; rejects with a DOMException named
 *   `AbortError` when the signal aborts
 */
export async function sha256Base64(blob, {
  signal, chunkSize = DEFAULT_CHUNK_SIZE, onProgress,
} = {}) {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive whole number of bytes, not ${chunkSize}`);
  }
  const hash = sha256.create();
  const total = blob.size;
  for (let start = 0; start < total; start += chunkSize) {
    throwIfAborted(signal);
    const end = Math.min(start + chunkSize, total);
    const slice = await readSlice(blob, start, end, signal);
    hash.update(new Uint8Array(slice));
    if (onProgress) {
      onProgress(end, total);
    }
  }
  throwIfAborted(signal);
  return toBase64(hash.digest());
}

/** The largest part Web Crypto is given whole; a larger one is read and hashed slice by slice. */
export const LARGEST_WHOLE_PART = 64 * 1024 * 1024;

/**
 * The SHA-256 of one part of a file sent in parts, in base64. A part of up to LARGEST_WHOLE_PART
 * bytes (16 MiB by default) goes to Web Crypto's native `digest` whole (much faster than hashing
 * in script), and its bytes are dropped as soon as the digest is computed. A larger part (parts
 * grow up to 5 GiB for the largest files), or any part without Web Crypto (a page served over
 * plain HTTP from another host has no `crypto.subtle`), is read and hashed slice by slice by the
 * vendored hash.
 * @param {Blob} blob the part, `file.slice(start, end)`
 * @param {{signal?: AbortSignal, subtle?: SubtleCrypto|null}} [options] subtle: Web Crypto,
 *   `crypto.subtle` unless given (null: none)
 * @returns {Promise<string>} 44 characters of base64; rejects with a DOMException named
 *   `AbortError` when the signal aborts
 */
export async function sha256PartBase64(blob, {
  signal, subtle = globalThis.crypto?.subtle ?? null,
} = {}) {
  if (!subtle || blob.size > LARGEST_WHOLE_PART) {
    return sha256Base64(blob, { signal });
  }
  throwIfAborted(signal);
  const digest = await subtle.digest('SHA-256', await readSlice(blob, 0, blob.size, signal));
  throwIfAborted(signal);
  return toBase64(new Uint8Array(digest));
}

/**
 * A part hasher for files sent in parts: in a worker (hash-worker.js) when the browser has
 * workers and Web Crypto, so a part's bytes are read and hashed off the page's thread and outside
 * its heap; otherwise on the page (sha256PartBase64). One worker serves every part of the page;
 * it is started on the first part.
 * @param {{workerUrl?: URL|string, Worker?: typeof Worker}} [options] where the worker's module
 *   is (next to this one unless given), and the Worker constructor (the global one unless given;
 *   null: hash on the page)
 * @returns {function(Blob, {signal?: AbortSignal}=): Promise<string>} hashes one part: 44
 *   characters of base64; rejects with a DOMException named `AbortError` when the signal aborts
 */
export function createPartHasher({
  workerUrl = new URL('./hash-worker.js', import.meta.url),
  Worker: WorkerType = globalThis.Worker ?? null,
} = {}) {
  if (!WorkerType || !globalThis.crypto?.subtle) {
    return sha256PartBase64;
  }
  let worker = null;
  let broken = false;
  let next = 0;
  const pending = new Map();
  // a worker that cannot start or run (a policy that forbids it, no module workers) hashes
  // nothing: its parts, and every later one, are hashed on the page instead
  const giveUp = () => {
    broken = true;
    const stranded = [...pending.values()];
    pending.clear();
    stranded.forEach((job) => job.onPage());
  };
  const start = () => {
    try {
      worker = new WorkerType(workerUrl, { type: 'module' });
    } catch {
      broken = true;
      return;
    }
    worker.addEventListener('error', giveUp);
    worker.addEventListener('messageerror', giveUp);
    worker.addEventListener('message', ({ data }) => {
      const job = pending.get(data.id);
      pending.delete(data.id);
      if (job) {
        job.settle(data);
      }
    });
  };
  return (blob, { signal } = {}) => {
    if (worker === null && !broken) {
      start();
    }
    if (broken) {
      return sha256PartBase64(blob, { signal });
    }
    return new Promise((resolve, reject) => {
      throwIfAborted(signal);
      next += 1;
      const id = next;
      const onAbort = () => {
        pending.delete(id); // the worker's answer, when it comes, is dropped
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      pending.set(id, {
        settle: ({ checksum, error }) => {
          done();
          if (error === undefined) {
            resolve(checksum);
          } else {
            reject(new Error(`The part could not be hashed: ${error}`));
          }
        },
        onPage: () => {
          done();
          sha256PartBase64(blob, { signal }).then(resolve, reject);
        },
      });
      worker.postMessage({ id, blob });
    });
  };
}
