/**
 * Direct browser uploads: ask the server for a ticket, PUT the file to the store with exactly the
 * ticket's headers, and tell the person what happened, per file.
 *
 * Events (CustomEvent, dispatched on the uploader element, `detail.file` is the File):
 * `upload:start`, `upload:progress` (`detail.loaded`, `detail.total`), `upload:done`
 * (`detail.key`), `upload:error` (`detail.error`, an UploadError).
 *
 * Importing this module has no side effects; call `init`.
 */

/** How many files travel at once; the rest wait their turn. */
const PARALLEL_UPLOADS = 3;

/**
 * Why an upload did not happen, in words for the person.
 * `kind` is `refused` (by this application), `storage` (the store answered with an error),
 * `network` (no readable answer: CORS or the network), or `server` (the application could not be
 * reached).
 */
export class UploadError extends Error {
  /**
   * @param {string} kind
   * @param {string} message
   * @param {{status?: number, code?: string}} [details]
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
 * Whether a media type matches the allowed patterns (`application/pdf`, `image/*`, `*\/*`), the
 * same rule the server applies.
 * @param {string} type
 * @param {string[]} allowed
 * @returns {boolean}
 */
export function typeAllowed(type, allowed) {
  const normalized = type.toLowerCase();
  const topLevel = normalized.split('/')[0];
  return allowed.some((pattern) => pattern === '*/*' || pattern === normalized
    || pattern === `${topLevel}/*`);
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
 * @param {File} file
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

function abortError() {
  return new DOMException('Aborted', 'AbortError');
}

/**
 * Asks the application for an upload ticket.
 * @param {string} api the `POST /api/uploads` URL
 * @param {File} file
 * @param {{signal?: AbortSignal, csrfToken?: string, now?: () => number}} [options]
 *   csrfToken: the session's token from the page, sent back so the server knows the request
 *   comes from its own page
 * @returns {Promise<{key: string, method: string, url: string, headers: Object<string,string>,
 *   expiresAt: string}>}
 */
export async function requestTicket(api, file, { signal, csrfToken = '', now = Date.now } = {}) {
  let response;
  try {
    response = await fetch(api, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-CSRF-Token': csrfToken,
      },
      body: JSON.stringify({ filename: file.name, contentType: file.type, size: file.size }),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new UploadError('server', `“${file.name}” was not uploaded: the application could not`
      + ' be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    let message = `the application answered HTTP ${response.status}.`;
    let code;
    try {
      const body = await response.json();
      if (body && typeof body.message === 'string') {
        message = body.message;
        code = body.error;
      }
    } catch {
      // not our JSON shape (a proxy's error page, say): keep the status
    }
    if (signal && signal.aborted) {
      throw abortError();
    }
    if (response.status >= 500) {
      throw new UploadError('server', `“${file.name}” was not uploaded: ${message}`,
        { status: response.status, code });
    }
    if (response.status === 401) {
      throw new UploadError('refused', `“${file.name}” was not uploaded: you are no longer`
        + ' signed in (the session may have timed out). Reload the page to sign in again.',
        { status: 401, code });
    }
    if (response.status === 429) {
      const at = retryAt(response.headers.get('Retry-After'), now());
      throw new UploadError('refused', `“${file.name}” was not uploaded: ${message}`
        + (at ? ` ${at}` : ''), { status: 429, code });
    }
    throw new UploadError('refused', `“${file.name}” was refused: ${message}`,
      { status: response.status, code });
  }
  let ticket;
  try {
    ticket = await response.json();
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    ticket = null;
  }
  if (!isTicket(ticket)) {
    throw new UploadError('server', `“${file.name}” was not uploaded: the application answered`
      + ' with something that is not an upload ticket (a sign-in page or a proxy’s error page,'
      + ' perhaps). Reload the page and try again.', { status: response.status });
  }
  return ticket;
}

/**
 * The clock time a Retry-After header (seconds or an HTTP date) points to, in words, so a person
 * knows when to try again: "(That is at 14:05.)".
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

function isTicket(value) {
  return value !== null && typeof value === 'object'
    && typeof value.key === 'string' && typeof value.url === 'string'
    && typeof value.method === 'string' && value.headers !== null
    && typeof value.headers === 'object'
    && Object.values(value.headers).every((header) => typeof header === 'string');
}

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

/**
 * PUTs the file to the ticket's URL with exactly the ticket's headers, reporting progress.
 * @param {{url: string, method: string, headers: Object<string,string>}} ticket
 * @param {File} file
 * @param {{signal?: AbortSignal, onProgress?: function(number, number): void}} [options]
 * @returns {Promise<void>}
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
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0 && onProgress) {
        onProgress(event.loaded, event.total);
      }
    });
    xhr.addEventListener('load', () => {
      signal?.removeEventListener('abort', onAbort);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve();
        return;
      }
      const { code, message } = parseStorageError(xhr.responseText);
      const detail = [`HTTP ${xhr.status}`, code].filter(Boolean).join(', ');
      reject(new UploadError('storage', `“${file.name}” was rejected by the storage (${detail})`
        + `${message ? `: ${message}` : '.'}`, { status: xhr.status, code: code ?? undefined }));
    });
    xhr.addEventListener('error', () => {
      signal?.removeEventListener('abort', onAbort);
      reject(new UploadError('network', `“${file.name}” could not be sent to the storage: the`
        + ' browser got no answer it was allowed to read. Most likely the bucket’s CORS rule does'
        + ' not allow this page’s origin or one of the upload headers; otherwise the storage'
        + ' cannot be reached on the network.'));
    });
    xhr.addEventListener('abort', () => {
      signal?.removeEventListener('abort', onAbort);
      reject(abortError());
    });
    xhr.send(file);
  });
}

/**
 * Uploads one file: ticket, then PUT.
 * @param {string} api
 * @param {File} file
 * @param {{signal?: AbortSignal, csrfToken?: string,
 *   onProgress?: function(number, number): void}} [options]
 * @returns {Promise<string>} the object key
 */
export async function uploadFile(api, file, options = {}) {
  const ticket = await requestTicket(api, file, options);
  await putFile(ticket, file, options);
  return ticket.key;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * Wires the uploader: file input, drop anywhere on the page, one row per file with progress,
 * cancel and outcome, announcements in the live region.
 * @param {HTMLElement} root the element carrying `data-api`, `data-accept`, `data-max-size`
 * @returns {{upload: function(Iterable<File>): void}}
 */
export function init(root) {
  const rules = {
    accept: root.dataset.accept.split(',').map((type) => type.trim()).filter(Boolean),
    maxSize: Number(root.dataset.maxSize),
  };
  const api = root.dataset.api;
  const csrfToken = root.dataset.csrfToken || '';
  const input = root.querySelector('input[type=file]');
  const list = root.querySelector('#upload-list');
  const status = root.querySelector('[role=status]');
  const dropZone = root.querySelector('.drop-zone');
  const waiting = [];
  let running = 0;

  const announce = (text) => {
    status.textContent = text;
  };
  const emit = (name, detail) => root.dispatchEvent(new CustomEvent(name, { detail }));

  function row(file) {
    const item = element('li', 'upload');
    item.dataset.file = file.name;
    item.dataset.state = 'waiting';
    const name = element('span', 'name', file.name);
    const progress = element('progress');
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute('aria-label', `Upload progress of ${file.name}`);
    const cancel = element('button', 'cancel', 'Cancel');
    cancel.type = 'button';
    cancel.setAttribute('aria-label', `Cancel upload of ${file.name}`);
    const outcome = element('span', 'outcome', 'Waiting…');
    item.append(name, cancel, progress, outcome);
    list.append(item);
    return { item, progress, cancel, outcome };
  }

  function finish(view, state, text, key) {
    view.item.dataset.state = state;
    view.outcome.textContent = text;
    if (key) {
      view.item.dataset.key = key;
      view.outcome.append(element('span', 'key', key), '.');
    }
    view.cancel.remove();
    announce(view.outcome.textContent);
  }

  async function run(file, view, controller) {
    view.item.dataset.state = 'uploading';
    view.outcome.textContent = 'Uploading…';
    emit('upload:start', { file });
    try {
      const key = await uploadFile(api, file, {
        csrfToken,
        signal: controller.signal,
        onProgress: (loaded, total) => {
          view.progress.value = Math.round((loaded / total) * 100);
          emit('upload:progress', { file, loaded, total });
        },
      });
      view.progress.value = 100;
      finish(view, 'done', `“${file.name}” is stored as `, key);
      emit('upload:done', { file, key });
    } catch (error) {
      if (error.name === 'AbortError') {
        finish(view, 'cancelled', `“${file.name}”: upload cancelled.`);
        return;
      }
      const failure = error instanceof UploadError ? error
        : new UploadError('network', `“${file.name}” was not uploaded: ${error.message}`);
      finish(view, 'error', failure.message);
      emit('upload:error', { file, error: failure });
    }
  }

  function next() {
    while (running < PARALLEL_UPLOADS && waiting.length > 0) {
      const job = waiting.shift();
      if (job.controller.signal.aborted) {
        continue;
      }
      running += 1;
      run(job.file, job.view, job.controller).finally(() => {
        running -= 1;
        next();
      });
    }
  }

  function upload(files) {
    for (const file of files) {
      const view = row(file);
      const refusal = checkFile(file, rules);
      if (refusal) {
        finish(view, 'refused', refusal);
        emit('upload:error', { file, error: new UploadError('refused', refusal) });
        continue;
      }
      const controller = new AbortController();
      view.cancel.addEventListener('click', () => {
        controller.abort();
        if (view.item.dataset.state === 'waiting') {
          finish(view, 'cancelled', `“${file.name}”: upload cancelled.`);
        }
      });
      waiting.push({ file, view, controller });
    }
    next();
  }

  input.addEventListener('change', () => {
    upload(Array.from(input.files));
    input.value = '';
  });

  // a file dropped anywhere on the page is uploaded, never opened by the browser instead
  const page = root.ownerDocument;
  page.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
  page.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) {
      dropZone.classList.remove('dragging');
    }
  });
  page.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      upload(Array.from(event.dataTransfer.files));
    }
  });

  root.dataset.ready = 'true';
  return { upload };
}
