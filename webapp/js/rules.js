/**
 * The client-side rules: pure functions over the server's own settings, so the page refuses a
 * file the server would refuse before asking for a ticket.
 */

/** Types a wildcard does not admit, only their exact name (an SVG image can carry script). */
const ONLY_WHEN_NAMED = ['image/svg+xml'];

/**
 * Whether a media type matches the allowed patterns (`application/pdf`, `image/*`, `*\/*`), the
 * same rule the server applies.
 * @param {string} type
 * @param {string[]} allowed
 * @returns {boolean}
 */
export function typeAllowed(type, allowed) {
  const normalized = type.toLowerCase();
  if (allowed.includes(normalized)) {
    return true;
  }
  if (ONLY_WHEN_NAMED.includes(normalized)) {
    return false;
  }
  const topLevel = normalized.split('/')[0];
  return allowed.some((pattern) => pattern === '*/*' || pattern === `${topLevel}/*`);
}

/**
 * Byte counts the way people read them.
 * @param {number} bytes
 * @returns {string}
 */
export function describeSize(bytes) {
  if (bytes < 1024) {
    return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  }
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * The reason the browser should not even ask for a ticket, or null when the file may go.
 * @param {{name: string, type: string, size: number}} file a File, or anything shaped like one
 * @param {{accept: string[], maxSize: number}} rules the server's own settings
 * @returns {string|null}
 */
export function checkFile(file, rules) {
  if (!file.type) {
    return `“${file.name}” was not uploaded: the browser cannot tell what kind of file it is.`
      + ` Accepted: ${rules.accept.join(', ')}.`;
  }
  if (!typeAllowed(file.type, rules.accept)) {
    return `“${file.name}” was not uploaded: files of type ${file.type} are not accepted here.`
      + ` Accepted: ${rules.accept.join(', ')}.`;
  }
  if (file.size > rules.maxSize) {
    return `“${file.name}” was not uploaded: it is ${describeSize(file.size)}, and the largest`
      + ` file accepted is ${describeSize(rules.maxSize)}.`;
  }
  return null;
}

/**
 * The clock time a Retry-After header (seconds or an HTTP date) points to, in words, so a person
 * knows when to try again: "(That is at 14:05.)", in the person's own time format.
 * @param {string|null} header
 * @param {number} now milliseconds since the epoch
 * @returns {string} empty when the header says nothing usable
 */
export function retryAt(header, now) {
  let when = Number.NaN;
  if (header && /^\d+$/.test(header.trim())) {
    when = now + Number(header.trim()) * 1000;
  } else if (header) {
    when = Date.parse(header);
  }
  if (!Number.isFinite(when) || when < now) {
    return '';
  }
  const at = new Date(when).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `(That is at ${at}.)`;
}
