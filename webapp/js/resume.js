/**
 * What the page remembers of an unfinished upload in parts, so that it can be continued after a
 * reload: the upload's id and part plan in `localStorage`, under a key made of the signed-in
 * person and the file's name, size and last change (the same file, chosen again by the same
 * person). Remembering is a convenience: when storage is unavailable (a private window, a full
 * quota, a blocked origin) nothing is remembered and nothing fails.
 */

/** The prefix of every key this module writes. */
const PREFIX = 's3-direct-upload.multipart:';

/**
 * The storage key for a person's file.
 * @param {string} person the signed-in person's name ('' when the page does not say)
 * @param {{name: string, size: number, lastModified?: number}} file
 * @returns {string}
 */
export function resumeKey(person, file) {
  return PREFIX + JSON.stringify([person, file.name, file.size, file.lastModified ?? 0]);
}

/** Whether a parsed entry has the shape `remember` writes, for this file's size. */
function isEntry(value, file) {
  const count = (number) => Number.isSafeInteger(number) && number >= 1;
  return value !== null && typeof value === 'object' && typeof value.id === 'string'
    && typeof value.key === 'string' && value.size === file.size && count(value.partSize)
    && count(value.partCount) && value.partCount === Math.ceil(value.size / value.partSize)
    && (value.parallelParts === undefined || count(value.parallelParts));
}

/**
 * The browser's localStorage, or null where reading it throws (storage blocked for the origin).
 * @returns {Storage|null}
 */
export function defaultStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Remembers a MULTIPART ticket for the file.
 * @param {Storage|null} storage localStorage, or anything with getItem/setItem/removeItem
 * @param {string} person
 * @param {{name: string, size: number, lastModified?: number}} file
 * @param {{id: string, key: string, size: number, partSize: number, partCount: number,
 *   parallelParts?: number}} ticket
 * @returns {boolean} whether it was remembered
 */
export function rememberUpload(storage, person, file, ticket) {
  const {
    id, key, size, partSize, partCount, parallelParts,
  } = ticket;
  try {
    storage?.setItem(resumeKey(person, file), JSON.stringify({
      id, key, size, partSize, partCount, parallelParts,
    }));
    return storage !== null && storage !== undefined;
  } catch {
    return false;
  }
}

/**
 * The unfinished upload remembered for the file, or null. An entry that cannot be read, or that
 * does not fit the file, is forgotten.
 * @param {Storage|null} storage
 * @param {string} person
 * @param {{name: string, size: number, lastModified?: number}} file
 * @returns {{id: string, key: string, size: number, partSize: number, partCount: number,
 *   parallelParts?: number}|null}
 */
export function recallUpload(storage, person, file) {
  let text = null;
  try {
    text = storage?.getItem(resumeKey(person, file)) ?? null;
  } catch {
    return null;
  }
  if (text === null) {
    return null;
  }
  let entry = null;
  try {
    entry = JSON.parse(text);
  } catch {
    // written by something else, or cut short: not ours to use
  }
  if (!isEntry(entry, file)) {
    forgetUpload(storage, person, file);
    return null;
  }
  return entry;
}

/**
 * Forgets what was remembered for the file: it was finished, cancelled, failed for good, or the
 * person chose to start again.
 * @param {Storage|null} storage
 * @param {string} person
 * @param {{name: string, size: number, lastModified?: number}} file
 */
export function forgetUpload(storage, person, file) {
  try {
    storage?.removeItem(resumeKey(person, file));
  } catch {
    // nothing to forget where nothing could be remembered
  }
}
