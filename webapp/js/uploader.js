/**
 * The uploader on the page: the file input, dropping files anywhere on the page, one row per file
 * with progress, a cancel button and the outcome, and announcements in the live region.
 *
 * Each file goes through four steps: its SHA-256 is computed in the browser (the row is in state
 * `uploading` and says "Checking the file…"; the progress bar does not move), a ticket is asked
 * for with it, the file is PUT to the store (the progress bar shows the bytes sent), and the
 * application is told, so that it checks the stored object. Once the PUT has succeeded the file is
 * in the store, so the cancel button goes away: cancelling could no longer undo anything. When the
 * application cannot be reached for that last step, or answers 502, 503 or 504 (a restart, a store
 * briefly down), the row says so and the uploader asks again after 1, 2, 4, 8 and 15 seconds (see
 * completion.js); if it still cannot, the row ends in state `sent` with
 * `data-record-state="unchecked"` and `data-key`, saying that the file reached the storage and
 * that the application will check it by itself later — not that it should be uploaded again.
 *
 * Events are CustomEvents dispatched on the uploader root; they bubble and are cancelable, so the
 * page that embeds the uploader can listen on any ancestor and replace what the uploader does.
 * `detail.file` is the File in each.
 *
 * - `upload:start`: the file is about to be uploaded. `preventDefault()`: it is not; its row ends
 *   in state `cancelled` with the usual "upload cancelled" text.
 * - `upload:progress` (`detail.loaded`, `detail.total`, in bytes sent to the store):
 *   `preventDefault()`: the row's progress bar is not updated for this event.
 * - `upload:done` (`detail.key`, the object key; `detail.record`, the upload's record, checked
 *   and `stored`): dispatched once the row is in state `done` with `data-key` and
 *   `data-record-state="stored"`. `preventDefault()`: the uploader writes no outcome text and
 *   announces nothing, so the page can render its own.
 * - `upload:error` (`detail.error`, an UploadError): dispatched once the row is in state `error`
 *   (or `refused`, when the page itself refused the file). For a file the check removed, the
 *   error's kind is `rejected`, it carries the `record`, and the row has
 *   `data-record-state="rejected"`. For a file that reached the storage but could not be checked
 *   (see above), the error's kind is `unchecked`, it carries the `key`, and the row is in state
 *   `sent` with `data-key` and `data-record-state="unchecked"`. `preventDefault()`: likewise no
 *   outcome text and no announcement.
 *
 * A cancelled upload (the row's button, or `upload:start` prevented) dispatches no further event.
 */
import { UploadError } from './errors.js';
import { checkFile } from './rules.js';
import { sha256Base64 } from './checksum.js';
import { requestTicket } from './ticket.js';
import { completeWithRetries } from './completion.js';
import { putFile } from './put.js';

/** How many files travel at once; the rest wait their turn. */
const PARALLEL_UPLOADS = 3;

/** The outcome text of each step while it lasts. */
const STAGE_TEXT = {
  hashing: 'Checking the file…',
  sending: 'Uploading…',
  checking: 'Checking the stored file…',
  waiting: ({ pause }) => `Sent. The application cannot check it just now; asking again in`
    + ` ${Math.max(1, Math.round(pause / 1000))} s…`,
};

/** The UploadError for a record the application's check rejected (and deleted). */
function rejection(file, record) {
  const problems = record.problems ?? [];
  return new UploadError('rejected', `“${file.name}” reached the storage, but the check found`
    + ` problems, so it was removed${problems.length > 0 ? `: ${problems.join(' ')}` : '.'}`,
  { record });
}

/**
 * Uploads one file: its checksum, a ticket, the PUT, then the completion the application checks,
 * asked again while the application cannot answer (see completeWithRetries). The completion is
 * not cancelled by the signal: once the PUT has succeeded, the file is in the store, and the
 * application must hear of it.
 * @param {string} api the `POST /api/uploads` URL
 * @param {File} file
 * @param {{signal?: AbortSignal, csrfToken?: string, now?: () => number, fetch?: typeof fetch,
 *   onProgress?: function(number, number): void, onStage?: function(string, Object=): void,
 *   completeRetryPauses?: number[], wait?: function(number): Promise<void>}} [options]
 *   those of requestTicket and putFile (onProgress: the bytes sent to the store); onStage: called
 *   with `hashing`, `sending` and `checking` as each step begins, and with `waiting` and
 *   `{attempt, pause}` before each pause between two completions; completeRetryPauses and wait:
 *   completeWithRetries' `pauses` and `wait`
 * @returns {Promise<Object>} the upload's record, `stored` (see completeUpload)
 * @throws {UploadError} why not: of kind `rejected` when the check removed the file, `unchecked`
 *   when the file was sent but the application could not be asked to check it; a DOMException
 *   named `AbortError` when cancelled
 */
export async function uploadFile(api, file, options = {}) {
  const stage = options.onStage ?? (() => {});
  stage('hashing');
  const checksumSha256 = await sha256Base64(file, { signal: options.signal });
  stage('sending');
  const ticket = await requestTicket(api, file, { ...options, checksumSha256 });
  await putFile(ticket, file, options);
  stage('checking');
  const record = await completeWithRetries(api, ticket, file, {
    csrfToken: options.csrfToken,
    now: options.now,
    fetch: options.fetch,
    pauses: options.completeRetryPauses,
    wait: options.wait,
    onRetry: ({ attempt, pause }) => stage('waiting', { attempt, pause }),
  });
  if (record.state !== 'stored') {
    throw rejection(file, record);
  }
  return record;
}

function element(page, tag, className, text) {
  const node = page.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** Dispatches the event on the root; false when a listener cancelled it. */
function emit(uploader, name, detail) {
  return uploader.root.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, cancelable: true }),
  );
}

/** A new row at the end of the list: name, cancel button, progress bar, outcome. */
function addRow(uploader, file) {
  const make = (...parts) => element(uploader.page, ...parts);
  const item = make('li', 'upload');
  item.dataset.file = file.name;
  item.dataset.state = 'waiting';
  const name = make('span', 'name', file.name);
  const progress = make('progress');
  progress.max = 100;
  progress.value = 0;
  progress.setAttribute('aria-label', `Upload progress of ${file.name}`);
  const cancel = make('button', 'cancel', 'Cancel');
  cancel.type = 'button';
  cancel.setAttribute('aria-label', `Cancel upload of ${file.name}`);
  const outcome = make('span', 'outcome', 'Waiting…');
  item.append(name, cancel, progress, outcome);
  uploader.list.append(item);
  return { item, progress, cancel, outcome };
}

/** The row's final state, before its event: no cancel button, no stale "Uploading…". */
function settle(view, state, { key, recordState } = {}) {
  view.item.dataset.state = state;
  if (key) {
    view.item.dataset.key = key;
  }
  if (recordState) {
    view.item.dataset.recordState = recordState;
  }
  view.cancel.remove();
  view.outcome.textContent = '';
}

/** The outcome in the row and in the live region. */
function tell(uploader, view, text, key) {
  view.outcome.textContent = text;
  if (key) {
    view.outcome.append(element(uploader.page, 'span', 'key', key), '.');
  }
  uploader.status.textContent = view.outcome.textContent;
}

function cancelled(uploader, view, file) {
  settle(view, 'cancelled');
  tell(uploader, view, `“${file.name}”: upload cancelled.`);
}

function succeeded(uploader, view, file, record) {
  const { key } = record;
  view.progress.value = 100;
  settle(view, 'done', { key, recordState: record.state });
  if (emit(uploader, 'upload:done', { file, key, record })) {
    tell(uploader, view, `“${file.name}” is stored as `, key);
  }
}

function failed(uploader, view, file, error, state = 'error') {
  settle(view, state, { recordState: error.record?.state });
  if (emit(uploader, 'upload:error', { file, error })) {
    tell(uploader, view, error.message);
  }
}

/** The file is in the store, but the application will check it later, by itself. */
function unchecked(uploader, view, file, error) {
  view.progress.value = 100;
  settle(view, 'sent', { key: error.key, recordState: 'unchecked' });
  if (emit(uploader, 'upload:error', { file, error })) {
    tell(uploader, view, error.message);
  }
}

function showProgress(uploader, view, file, loaded, total) {
  if (emit(uploader, 'upload:progress', { file, loaded, total })) {
    view.progress.value = Math.round((loaded / total) * 100);
  }
}

/** The step's text in the row; past the PUT there is nothing left to cancel. */
function showStage(view, stage, detail) {
  const text = STAGE_TEXT[stage];
  view.outcome.textContent = typeof text === 'function' ? text(detail) : text;
  if (stage === 'checking') {
    view.cancel.remove();
  }
}

/** One file from its turn in the queue to its outcome; never rejects. */
async function run(uploader, { file, view, controller }) {
  if (!emit(uploader, 'upload:start', { file })) {
    cancelled(uploader, view, file);
    return;
  }
  view.item.dataset.state = 'uploading';
  let record;
  try {
    record = await uploadFile(uploader.api, file, {
      csrfToken: uploader.csrfToken,
      signal: controller.signal,
      onProgress: (loaded, total) => showProgress(uploader, view, file, loaded, total),
      onStage: (stage, detail) => showStage(view, stage, detail),
      completeRetryPauses: uploader.completeRetryPauses,
      wait: uploader.wait,
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      cancelled(uploader, view, file);
    } else if (error instanceof UploadError && error.kind === 'unchecked') {
      unchecked(uploader, view, file, error);
    } else {
      failed(uploader, view, file, error instanceof UploadError ? error
        : new UploadError('network', `“${file.name}” was not uploaded: ${error.message}`));
    }
    return;
  }
  succeeded(uploader, view, file, record);
}

/** Runs jobs at most `limit` at a time, in the order they came; skips cancelled ones. */
function createQueue(limit, work) {
  const waiting = [];
  let running = 0;
  function next() {
    while (running < limit && waiting.length > 0) {
      const job = waiting.shift();
      if (!job.controller.signal.aborted) {
        running += 1;
        work(job).finally(() => {
          running -= 1;
          next();
        });
      }
    }
  }
  return { add: (job) => waiting.push(job), next };
}

/** A row for the file, then either the page's refusal or a place in the queue. */
function enqueue(uploader, queue, file) {
  const view = addRow(uploader, file);
  const refusal = checkFile(file, uploader.rules);
  if (refusal) {
    failed(uploader, view, file, new UploadError('refused', refusal), 'refused');
    return;
  }
  const controller = new AbortController();
  view.cancel.addEventListener('click', () => {
    controller.abort();
    if (view.item.dataset.state === 'waiting') {
      cancelled(uploader, view, file);
    }
  });
  queue.add({ file, view, controller });
}

function wireInput(input, upload) {
  input.addEventListener('change', () => {
    upload(Array.from(input.files));
    input.value = '';
  });
}

/** A file dropped anywhere on the page is uploaded, never opened by the browser instead. */
function wireDrop(page, dropZone, upload) {
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
}

/** The root's settings (written by the server from its own configuration) and its parts. */
function readUploader(root, { completeRetryPauses, wait }) {
  return {
    root,
    completeRetryPauses,
    wait,
    page: root.ownerDocument,
    api: root.dataset.api,
    csrfToken: root.dataset.csrfToken || '',
    rules: {
      accept: root.dataset.accept.split(',').map((type) => type.trim()).filter(Boolean),
      maxSize: Number(root.dataset.maxSize),
    },
    list: root.querySelector('#upload-list'),
    status: root.querySelector('[role=status]'),
  };
}

/**
 * Wires the uploader: file input, drop anywhere on the page, one row per file with progress,
 * cancel and outcome, announcements in the live region. Sets `data-ready="true"` on the root when
 * done. The events it dispatches are described at the top of this module.
 * @param {HTMLElement} root the element carrying `data-api`, `data-accept`, `data-max-size` and
 *   `data-csrf-token`
 * @param {{completeRetryPauses?: number[], wait?: function(number): Promise<void>}} [options]
 *   how long to pause between two requests to check a sent file (COMPLETE_RETRY_PAUSES of
 *   completion.js unless given), and how a pause is waited (tests pass their own)
 * @returns {{upload: function(Iterable<File>): void}} uploads files as if the person chose them
 */
export function init(root, options = {}) {
  const uploader = readUploader(root, options);
  const queue = createQueue(PARALLEL_UPLOADS, (job) => run(uploader, job));
  const upload = (files) => {
    for (const file of files) {
      enqueue(uploader, queue, file);
    }
    queue.next();
  };
  wireInput(root.querySelector('input[type=file]'), upload);
  wireDrop(uploader.page, root.querySelector('.drop-zone'), upload);
  root.dataset.ready = 'true';
  return { upload };
}
