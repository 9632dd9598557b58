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
 *
 * Large files: a file larger than the root's `data-multipart-threshold` (none: no file is) is
 * not hashed as a whole; its ticket is asked for without a checksum, and when the application
 * answers with a MULTIPART ticket the file goes in parts (see multipart.js): each part hashed,
 * signed and PUT on its own, a few at a time, and the application asked to put them together.
 * Such a row gets a pause button (`button.pause`, then `button.resume`; the row is in state
 * `paused` meanwhile), shows the speed and the time left (`span.rate`), and counts the parts the
 * store took in this page in `data-parts-sent`. Its upload is remembered in localStorage for the
 * signed-in person (the root's `data-person`) and the file (see resume.js): when the person
 * chooses the same file again, say after a reload, its row is in state `resumable` and offers
 * `button.continue` (only the parts the store lacks are sent) and `button.restart` (the old
 * upload is abandoned and a new one begins). Cancelling asks the application to abort the upload.
 * `upload:progress` counts the bytes of the parts the store has and of those on the way, so it
 * may go back when a part is sent again. `#upload-overall` (made when the page has none) says how
 * many bytes of all files are sent, with `data-loaded` and `data-total`.
 */
import { UploadError } from './errors.js';
import { checkFile, describeSize } from './rules.js';
import { sha256Base64 } from './checksum.js';
import { requestTicket } from './ticket.js';
import { completeWithRetries } from './completion.js';
import { putFile } from './put.js';
import {
  createPauser, createRateMeter, describeRate, reopen, uploadInParts,
} from './multipart.js';
import { abortUpload } from './parts.js';
import {
  defaultStorage, forgetUpload, recallUpload, rememberUpload,
} from './resume.js';

/** How many files travel at once; the rest wait their turn. */
const PARALLEL_UPLOADS = 3;

/** The outcome text of each step while it lasts. */
const STAGE_TEXT = {
  hashing: 'Checking the file…',
  resuming: 'Looking for the parts sent before…',
  sending: 'Uploading…',
  parts: 'Uploading in parts…',
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

/** The record, or the UploadError when the check rejected (and deleted) the file. */
function checked(file, record) {
  if (record.state !== 'stored') {
    throw rejection(file, record);
  }
  return record;
}

/** The options of uploadInParts from those of uploadFile, for this file's remembered upload. */
function inPartsOptions(file, options, done) {
  const { storage = null, person = '' } = options;
  return {
    ...options,
    done,
    forget: () => forgetUpload(storage, person, file),
  };
}

/**
 * Uploads one file: its checksum, a ticket, the PUT, then the completion the application checks,
 * asked again while the application cannot answer (see completeWithRetries). The completion is
 * not cancelled by the signal: once the PUT has succeeded, the file is in the store, and the
 * application must hear of it. A file above `multipartThreshold` is not hashed as a whole: its
 * ticket is asked for without a checksum, and a MULTIPART ticket sends it in parts (see
 * uploadInParts), remembered in `storage` until it ends (see resume.js); with `resume`, the
 * remembered upload is continued if the application still has it open.
 * @param {string} api the `POST /api/uploads` URL
 * @param {File} file
 * @param {{signal?: AbortSignal, csrfToken?: string, now?: () => number, fetch?: typeof fetch,
 *   onProgress?: function(number, number): void, onStage?: function(string, Object=): void,
 *   completeRetryPauses?: number[], wait?: function(number): Promise<void>,
 *   multipartThreshold?: number, resume?: Object, storage?: Storage|null, person?: string,
 *   pauser?: Object, onPartSent?: function(number): void, retryPauses?: number[]}} [options]
 *   those of requestTicket and putFile (onProgress: the bytes sent to the store); onStage: called
 *   with `hashing` (not for a file in parts), `resuming` (while a remembered upload is looked
 *   up), `sending`, `parts` and `{ticket}` (when the file goes in parts) and `checking` as each
 *   step begins, and with `waiting` and `{attempt, pause}` before each pause between two
 *   completions; completeRetryPauses and wait: completeWithRetries' `pauses` and `wait`;
 *   multipartThreshold: the size in bytes above which the file may go in parts (none unless
 *   given); resume: what recallUpload remembered; storage and person: where and for whom it is
 *   remembered; pauser, onPartSent and retryPauses: those of sendParts
 * @returns {Promise<Object>} the upload's record, `stored` (see completeUpload)
 * @throws {UploadError} why not: of kind `rejected` when the check removed the file, `unchecked`
 *   when the file was sent but the application could not be asked to check it; a DOMException
 *   named `AbortError` when cancelled
 */
export async function uploadFile(api, file, options = {}) {
  const stage = options.onStage ?? (() => {});
  const large = file.size > (options.multipartThreshold ?? Infinity);
  if (large && options.resume) {
    stage('resuming');
    const reopened = await reopen(api, options.resume, file, options);
    if (reopened?.record) {
      forgetUpload(options.storage ?? null, options.person ?? '', file);
      return checked(file, reopened.record);
    }
    if (reopened !== null) {
      stage('parts', { ticket: reopened.ticket });
      return checked(file, await uploadInParts(api, reopened.ticket, file,
        inPartsOptions(file, options, reopened.done)));
    }
    forgetUpload(options.storage ?? null, options.person ?? '', file);
  }
  let checksumSha256;
  if (!large) {
    stage('hashing');
    checksumSha256 = await sha256Base64(file, { signal: options.signal });
  }
  stage('sending');
  const ticket = await requestTicket(api, file, { ...options, checksumSha256 });
  if (ticket.method === 'MULTIPART') {
    rememberUpload(options.storage ?? null, options.person ?? '', file, ticket);
    stage('parts', { ticket });
    return checked(file, await uploadInParts(api, ticket, file,
      inPartsOptions(file, options, [])));
  }
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
  return checked(file, record);
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

/** A button of the row's controls. */
function button(uploader, className, text, label) {
  const node = element(uploader.page, 'button', className, text);
  node.type = 'button';
  node.setAttribute('aria-label', label);
  return node;
}

/** A new row at the end of the list: name, controls (cancel), progress bar, outcome. */
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
  const controls = make('span', 'controls');
  const cancel = button(uploader, 'cancel', 'Cancel', `Cancel upload of ${file.name}`);
  controls.append(cancel);
  const outcome = make('span', 'outcome', 'Waiting…');
  item.append(name, controls, progress, outcome);
  uploader.list.append(item);
  return {
    item, progress, controls, cancel, outcome,
  };
}

/** The overall line: bytes sent of all files that are (or were) on their way. */
function showOverall(uploader) {
  let loaded = 0;
  let total = 0;
  uploader.totals.forEach((bytes) => {
    loaded += bytes.loaded;
    total += bytes.total;
  });
  uploader.overall.dataset.loaded = String(loaded);
  uploader.overall.dataset.total = String(total);
  uploader.overall.textContent = total > 0
    ? `${describeSize(loaded)} of ${describeSize(total)} sent.` : '';
}

/** The row's final state, before its event: no buttons, no stale "Uploading…". */
function settle(uploader, view, state, { key, recordState } = {}) {
  view.item.dataset.state = state;
  if (key) {
    view.item.dataset.key = key;
  }
  if (recordState) {
    view.item.dataset.recordState = recordState;
  }
  view.controls.textContent = '';
  view.outcome.textContent = '';
  if (view.rate) {
    view.rate.textContent = '';
  }
  const bytes = uploader.totals.get(view);
  if (bytes && state === 'done') {
    bytes.loaded = bytes.total;
  } else if (bytes && state !== 'sent') {
    uploader.totals.delete(view);
  }
  showOverall(uploader);
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
  settle(uploader, view, 'cancelled');
  tell(uploader, view, `“${file.name}”: upload cancelled.`);
}

function succeeded(uploader, view, file, record) {
  const { key } = record;
  view.progress.value = 100;
  settle(uploader, view, 'done', { key, recordState: record.state });
  if (emit(uploader, 'upload:done', { file, key, record })) {
    tell(uploader, view, `“${file.name}” is stored as `, key);
  }
}

function failed(uploader, view, file, error, state = 'error') {
  settle(uploader, view, state, { recordState: error.record?.state });
  if (emit(uploader, 'upload:error', { file, error })) {
    tell(uploader, view, error.message);
  }
}

/** The file is in the store, but the application will check it later, by itself. */
function unchecked(uploader, view, file, error) {
  view.progress.value = 100;
  settle(uploader, view, 'sent', { key: error.key, recordState: 'unchecked' });
  if (emit(uploader, 'upload:error', { file, error })) {
    tell(uploader, view, error.message);
  }
}

function showProgress(uploader, view, file, loaded, total) {
  const bytes = uploader.totals.get(view);
  if (bytes) {
    bytes.loaded = loaded;
    showOverall(uploader);
  }
  if (view.meter && view.item.dataset.state === 'uploading') {
    view.rate.textContent = describeRate(view.meter.measure(loaded, total));
  }
  if (emit(uploader, 'upload:progress', { file, loaded, total })) {
    view.progress.value = Math.round((loaded / total) * 100);
  }
}

/** Pause and resume buttons for a file in parts, and a place for its speed and time left. */
function addPartControls(uploader, view, file, pauser) {
  view.item.dataset.partsSent = '0';
  view.meter = createRateMeter(uploader.now);
  view.rate = element(uploader.page, 'span', 'rate');
  view.item.append(view.rate);
  const pause = button(uploader, 'pause', 'Pause', `Pause upload of ${file.name}`);
  const resume = button(uploader, 'resume', 'Resume', `Resume upload of ${file.name}`);
  pause.addEventListener('click', () => {
    pauser.pause();
    view.meter.reset();
    view.item.dataset.state = 'paused';
    view.rate.textContent = '';
    view.outcome.textContent = 'Paused.';
    pause.remove();
    view.controls.append(resume);
  });
  resume.addEventListener('click', () => {
    pauser.resume();
    view.item.dataset.state = 'uploading';
    view.outcome.textContent = STAGE_TEXT.parts;
    resume.remove();
    view.controls.append(pause);
  });
  view.controls.append(pause);
}

/** The step's text in the row; past the PUT (or the last part) there is nothing to cancel. */
function showStage(uploader, job, stage, detail) {
  const { view } = job;
  const text = STAGE_TEXT[stage];
  view.outcome.textContent = typeof text === 'function' ? text(detail) : text;
  if (stage === 'parts') {
    addPartControls(uploader, view, job.file, job.pauser);
  }
  if (stage === 'checking') {
    view.controls.textContent = '';
    if (view.rate) {
      view.rate.textContent = '';
    }
  }
}

/** One file from its turn in the queue to its outcome; never rejects. */
async function run(uploader, job) {
  const { file, view, controller } = job;
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
      now: uploader.now,
      onProgress: (loaded, total) => showProgress(uploader, view, file, loaded, total),
      onStage: (stage, detail) => showStage(uploader, job, stage, detail),
      completeRetryPauses: uploader.completeRetryPauses,
      wait: uploader.wait,
      multipartThreshold: uploader.multipartThreshold,
      storage: uploader.storage,
      person: uploader.person,
      resume: job.resume,
      pauser: job.pauser,
      onPartSent: () => {
        view.item.dataset.partsSent = String(Number(view.item.dataset.partsSent) + 1);
      },
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

/**
 * The row of a file with an unfinished upload remembered: it waits for the person to choose
 * between continuing it and starting again, then joins the queue.
 */
function offerToContinue(uploader, queue, job, entry) {
  const { view, file } = job;
  view.item.dataset.state = 'resumable';
  view.outcome.textContent = 'Part of this file was uploaded before. Continue where it'
    + ' stopped, or start again?';
  const proceed = (resume) => {
    carryOn.remove();
    restart.remove();
    view.item.dataset.state = 'waiting';
    view.outcome.textContent = 'Waiting…';
    queue.add({ ...job, resume });
    queue.next();
  };
  const carryOn = button(uploader, 'continue', 'Continue', `Continue upload of ${file.name}`);
  const restart = button(uploader, 'restart', 'Start again',
    `Start the upload of ${file.name} again`);
  carryOn.addEventListener('click', () => proceed(entry));
  restart.addEventListener('click', () => {
    forgetUpload(uploader.storage, uploader.person, file);
    // the parts sent before are of no use now; when the abort cannot be asked for, the
    // application's sweeper and the bucket's lifecycle rule abort the old upload later
    abortUpload(uploader.api, entry.id, {
      fileName: file.name, csrfToken: uploader.csrfToken,
    }).catch(() => {});
    proceed(null);
  });
  view.controls.append(carryOn, restart);
}

/**
 * A row for the file, then either the page's refusal, an offer to continue what was sent before,
 * or a place in the queue.
 */
function enqueue(uploader, queue, file) {
  const view = addRow(uploader, file);
  const refusal = checkFile(file, uploader.rules);
  if (refusal) {
    failed(uploader, view, file, new UploadError('refused', refusal), 'refused');
    return;
  }
  uploader.totals.set(view, { loaded: 0, total: file.size });
  showOverall(uploader);
  const controller = new AbortController();
  view.cancel.addEventListener('click', () => {
    controller.abort();
    if (['waiting', 'resumable'].includes(view.item.dataset.state)) {
      cancelled(uploader, view, file);
    }
  });
  const job = {
    file, view, controller, pauser: createPauser(), resume: null,
  };
  const entry = file.size > uploader.multipartThreshold
    ? recallUpload(uploader.storage, uploader.person, file) : null;
  if (entry) {
    offerToContinue(uploader, queue, job, entry);
  } else {
    queue.add(job);
  }
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

/** The overall line: the page's `#upload-overall`, or one made after the list. */
function overallLine(root) {
  const found = root.querySelector('#upload-overall');
  if (found) {
    return found;
  }
  const line = root.ownerDocument.createElement('p');
  line.className = 'overall';
  line.setAttribute('id', 'upload-overall');
  root.append(line);
  return line;
}

/** The root's settings (written by the server from its own configuration) and its parts. */
function readUploader(root, {
  completeRetryPauses, wait, storage = defaultStorage(), now = Date.now,
}) {
  const threshold = Number(root.dataset.multipartThreshold);
  return {
    root,
    completeRetryPauses,
    wait,
    storage,
    now,
    page: root.ownerDocument,
    api: root.dataset.api,
    csrfToken: root.dataset.csrfToken || '',
    person: root.dataset.person ?? '',
    multipartThreshold: root.dataset.multipartThreshold && Number.isFinite(threshold)
      ? threshold : Infinity,
    rules: {
      accept: root.dataset.accept.split(',').map((type) => type.trim()).filter(Boolean),
      maxSize: Number(root.dataset.maxSize),
    },
    list: root.querySelector('#upload-list'),
    status: root.querySelector('[role=status]'),
    overall: overallLine(root),
    totals: new Map(),
  };
}

/**
 * Wires the uploader: file input, drop anywhere on the page, one row per file with progress,
 * cancel and outcome, announcements in the live region. Sets `data-ready="true"` on the root when
 * done. The events it dispatches are described at the top of this module.
 * @param {HTMLElement} root the element carrying `data-api`, `data-accept`, `data-max-size` and
 *   `data-csrf-token`, and optionally `data-multipart-threshold` (bytes; larger files may go in
 *   parts) and `data-person` (the signed-in person, to remember unfinished uploads by)
 * @param {{completeRetryPauses?: number[], wait?: function(number): Promise<void>,
 *   storage?: Storage|null, now?: () => number}} [options]
 *   how long to pause between two requests to check a sent file (COMPLETE_RETRY_PAUSES of
 *   completion.js unless given), how a pause is waited (tests pass their own; it also paces the
 *   attempts of a part), where unfinished uploads are remembered (localStorage unless given),
 *   and the clock
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
