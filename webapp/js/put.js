/**
 * The PUT to the store: the file sent to the ticket's URL with exactly the ticket's headers, and
 * the store's answer read in words.
 */
import { UploadError, abortError } from './errors.js';

/**
 * The S3 error code and message from an XML error body, when there is one.
 * @param {string} text
 * @returns {{code: string|null, message: string|null}}
 */
export function parseStorageError(text) {
  if (!text) {
    return { code: null, message: null };
  }
  const xml = new DOMParser().parseFromString(text, 'application/xml');
  const read = (name) => {
    const element = xml.querySelector(`Error > ${name}`);
    return element ? element.textContent.trim() : null;
  };
  return { code: read('Code'), message: read('Message') };
}

function storageRejection(xhr, file) {
  const { code, message } = parseStorageError(xhr.responseText);
  const detail = [`HTTP ${xhr.status}`, code].filter(Boolean).join(', ');
  return new UploadError('storage', `“${file.name}” was rejected by the storage (${detail})`
    + `${message ? `: ${message}` : '.'}`, { status: xhr.status, code: code ?? undefined });
}

function unreadableAnswer(file) {
  return new UploadError('network', `“${file.name}” could not be sent to the storage: the`
    + ' browser got no answer it was allowed to read. Most likely the bucket’s CORS rule does'
    + ' not allow this page’s origin or one of the upload headers; otherwise the storage'
    + ' cannot be reached on the network.');
}

/**
 * PUTs the file to the ticket's URL with exactly the ticket's headers, reporting progress.
 * @param {{url: string, method: string, headers: Object<string,string>}} ticket
 * @param {File} file
 * @param {{signal?: AbortSignal, onProgress?: function(number, number): void}} [options]
 *   onProgress: called with the bytes sent and the total
 * @returns {Promise<void>} rejects with an UploadError, or a DOMException named `AbortError`
 *   when the signal aborts
 */
export function putFile(ticket, file, { signal, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.method, ticket.url);
    for (const [name, value] of Object.entries(ticket.headers)) {
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
        resolve();
      } else {
        reject(storageRejection(xhr, file));
      }
    });
    xhr.addEventListener('error', () => {
      stopListening();
      reject(unreadableAnswer(file));
    });
    xhr.addEventListener('abort', () => {
      stopListening();
      reject(abortError());
    });
    xhr.send(file);
  });
}
