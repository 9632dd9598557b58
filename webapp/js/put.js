/**
 * The upload to the store: the file PUT to the ticket's URL with exactly the ticket's headers, or
 * for a POST ticket posted as a form with exactly the ticket's fields before it, and the store's
 * answer read in words.
 */
import { UploadError, abortError } from './errors.js';

const XML_ENTITIES = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'',
};

const ERROR_ELEMENT = /<Error(?:\s[^>]*)?>([\s\S]*?)<\/Error\s*>/;
const CODE_ELEMENT = /<Code(?:\s[^>]*)?>([^<]*)<\/Code\s*>/;
const MESSAGE_ELEMENT = /<Message(?:\s[^>]*)?>([^<]*)<\/Message\s*>/;

/** Character data with the five predefined entities and character references replaced. */
function decodeXml(text) {
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g,
    (reference, decimal, hex, name) => {
      if (name) {
        return XML_ENTITIES[name];
      }
      const codePoint = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex, 16);
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : reference;
    });
}

function textOf(pattern, xml) {
  const match = pattern.exec(xml);
  const text = match ? decodeXml(match[1]).trim() : '';
  return text || null;
}

/**
 * The S3 error code and message from an XML error body (`<Error><Code>…</Code><Message>…</Message>
 * …</Error>`), when there is one. A plain function rather than DOMParser, so that it reads the
 * same in every browser and in Node; it never throws.
 * @param {string} text the response body
 * @returns {{code: string|null, message: string|null}} null for what the body does not say
 */
export function parseStorageError(text) {
  const error = typeof text === 'string' ? ERROR_ELEMENT.exec(text) : null;
  if (!error) {
    return { code: null, message: null };
  }
  return { code: textOf(CODE_ELEMENT, error[1]), message: textOf(MESSAGE_ELEMENT, error[1]) };
}

function storageRejection(xhr, label) {
  const { code, message } = parseStorageError(xhr.responseText);
  const detail = [`HTTP ${xhr.status}`, code].filter(Boolean).join(', ');
  return new UploadError('storage', `${label} was rejected by the storage (${detail})`
    + `${message ? `: ${message}` : '.'}`,
  { status: xhr.status, code: code ?? undefined, reason: message ?? undefined });
}

function unreadableAnswer(label) {
  return new UploadError('network', `${label} could not be sent to the storage: the`
    + ' browser got no answer it was allowed to read. Most likely the bucket’s CORS rule does'
    + ' not allow this page’s origin or one of the upload headers; otherwise the storage'
    + ' cannot be reached on the network.');
}

function etagNotExposed(label) {
  return new UploadError('storage', `${label} reached the storage, but the browser was not`
    + ' allowed to read the ETag the storage answered with, and the upload cannot be finished'
    + ' without it. The bucket’s CORS rule must expose it: ExposeHeaders: ETag.',
  { code: 'ETagNotExposed' });
}

/**
 * The body a POST ticket sends: its fields in their order, then the file, last, as S3 requires
 * (fields after the file are ignored).
 * @param {{fields: Object<string,string>}} ticket
 * @param {File} file
 * @returns {FormData}
 */
export function formFor(ticket, file) {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) {
    form.append(name, value);
  }
  form.append('file', file, file.name);
  return form;
}

/**
 * One request to the store with progress; resolves with the XHR of a 2xx answer.
 * @param {{method: string, url: string, headers: Object<string,string>,
 *   body: Blob|FormData, label: string}} request label: who is sent, in words (`“a.pdf”`)
 * @param {{signal?: AbortSignal, onProgress?: function(number, number): void}} options
 * @returns {Promise<XMLHttpRequest>}
 */
function transfer({
  method, url, headers, body, label,
}, { signal, onProgress }) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) {
      xhr.setRequestHeader(name, value);
    }
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const stopListening = () => signal?.removeEventListener('abort', onAbort);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0 && onProgress) {
        onProgress(event.loaded, event.total);
      }
    });
    xhr.addEventListener('load', () => {
      stopListening();
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr);
      } else {
        reject(storageRejection(xhr, label));
      }
    });
    xhr.addEventListener('error', () => {
      stopListening();
      reject(unreadableAnswer(label));
    });
    xhr.addEventListener('abort', () => {
      stopListening();
      reject(abortError());
    });
    xhr.send(body);
  });
}

/**
 * Sends the file to the store as the ticket says, reporting progress: a PUT to its URL with
 * exactly its headers, or a POST of a form with exactly its fields (multipart/form-data, which the
 * browser encodes itself). The store's XML error reads the same for both.
 * @param {{url: string, method: string, headers?: Object<string,string>,
 *   fields?: Object<string,string>}} ticket
 * @param {File} file
 * @param {{signal?: AbortSignal, onProgress?: function(number, number): void}} [options]
 *   onProgress: called with the bytes sent and the total
 * @returns {Promise<void>} rejects with an UploadError, or a DOMException named `AbortError`
 *   when the signal aborts
 */
export async function putFile(ticket, file, { signal, onProgress } = {}) {
  const post = ticket.method === 'POST';
  await transfer({
    method: ticket.method,
    url: ticket.url,
    headers: post ? {} : ticket.headers,
    body: post ? formFor(ticket, file) : file,
    label: `“${file.name}”`,
  }, { signal, onProgress });
}

/**
 * Sends one part of a file sent in parts: a PUT of the part's bytes (a slice of the File, read
 * by the browser as it sends, never held in memory here) to the part's URL with exactly its
 * headers, and the ETag the store answered with, which completing the upload needs. The browser
 * may read the ETag only when the bucket's CORS rule exposes it; without it the part is useless,
 * so that is an error that says how to fix it.
 * @param {{partNumber: number, url: string, headers: Object<string,string>}} part a signed part
 * @param {Blob} body the part's bytes, `file.slice(start, end)`
 * @param {{fileName: string, partCount?: number, signal?: AbortSignal,
 *   onProgress?: function(number, number): void}} options fileName: the file's name, for the
 *   messages; onProgress: called with the part's bytes sent and its size
 * @returns {Promise<string>} the ETag as the store wrote it (quoted); rejects with an
 *   UploadError (`storage` with the status, the S3 code and its message as `reason`, or
 *   `network`), or a DOMException named `AbortError` when the signal aborts
 */
export async function putPart(part, body, {
  fileName, partCount, signal, onProgress,
} = {}) {
  const of = partCount ? ` of ${partCount}` : '';
  const label = `Part ${part.partNumber}${of} of “${fileName}”`;
  const xhr = await transfer({
    method: 'PUT', url: part.url, headers: part.headers, body, label,
  }, { signal, onProgress });
  const etag = xhr.getResponseHeader('ETag');
  if (!etag) {
    throw etagNotExposed(label);
  }
  return etag;
}
