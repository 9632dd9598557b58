import {
  beforeEach, describe, test, mock,
} from 'node:test';
import assert from 'node:assert/strict';
import { init, uploadFile } from '../../../webapp/js/uploader.js';
import { UploadError } from '../../../webapp/js/errors.js';
import {
  FakeXhr, json, replaceGlobal, until, uploaderPage,
} from './fakes.mjs';

const KEY = 'uploads/alice/2026/01/05/7c9e/report.pdf';
const pdf = (name = 'report.pdf') => new File(['%PDF-1.4 report'], name,
  { type: 'application/pdf' });
const ticketFor = (file) => ({
  id: `id-${file}`,
  key: KEY.replace('report.pdf', file),
  method: 'PUT',
  url: `https://store.example/bucket/${file}?X-Amz-Signature=abc`,
  headers: { 'Content-Type': 'application/pdf' },
});
const recordFor = (file, state = 'stored', problems = []) => ({
  id: `id-${file}`,
  key: ticketFor(file).key,
  filename: file,
  contentType: 'application/pdf',
  size: 15,
  state,
  issuedAt: '2026-01-05T14:03:00Z',
  expiresAt: '2026-01-05T14:13:00Z',
  updatedAt: '2026-01-05T14:03:02Z',
  problems,
});

/** The application: a ticket for every ticket request, `complete(name)` for every completion. */
function application(complete = (name) => json(200, recordFor(name))) {
  return async (url, init) => {
    const completion = /\/id-([^/]+)\/complete$/.exec(url);
    return completion ? complete(decodeURIComponent(completion[1]))
      : json(201, ticketFor(JSON.parse(init.body).filename));
  };
}

/** A PDF whose slices are never read to the end, so hashing can be caught in the act. */
function endlessPdf(name = 'slow.pdf') {
  const { type, size } = pdf(name);
  return {
    name, type, size, slice: () => ({ arrayBuffer: () => new Promise(() => {}) }),
  };
}

let page;
let fetch;

beforeEach((t) => {
  page = uploaderPage();
  FakeXhr.instances.length = 0;
  replaceGlobal(t, 'XMLHttpRequest', FakeXhr);
  fetch = mock.fn(application());
  replaceGlobal(t, 'fetch', fetch);
});

const row = (name = 'report.pdf') => page.list.children.find((item) => item.dataset.file === name);
const outcome = (name) => row(name).querySelector('span.outcome').textContent;
const progress = (name) => row(name).querySelector('progress');

/** The events of these names that reach the root, in order. */
function record(...names) {
  const seen = [];
  names.forEach((name) => page.root.addEventListener(name, (event) => seen.push(event)));
  return seen;
}

function choose(...files) {
  page.input.files = files;
  page.input.value = 'C:\\fakepath\\chosen';
  page.input.dispatchEvent(new Event('change'));
}

async function xhrNumber(index) {
  await until(() => FakeXhr.instances.length > index);
  return FakeXhr.instances[index];
}

async function finished(name = 'report.pdf') {
  await until(() => ['done', 'sent', 'error', 'refused', 'cancelled']
    .includes(row(name)?.dataset.state));
  return row(name);
}

describe('init', () => {
  test('marks the root ready', () => {
    const uploader = init(page.root);

    assert.equal(page.root.dataset.ready, 'true');
    assert.equal(typeof uploader.upload, 'function');
  });

  test('uploads a chosen file and says where it is stored', async () => {
    init(page.root);
    choose(pdf());

    assert.equal(page.input.value, '', 'the input is ready for the same file again');
    assert.equal(row().dataset.state, 'uploading');
    assert.equal(progress().max, 100);
    const xhr = await xhrNumber(0);
    const [url, request] = fetch.mock.calls[0].arguments;
    assert.equal(url, '/app/api/uploads');
    assert.equal(request.headers['X-CSRF-Token'], 'token-1');
    xhr.progress(6, 15);
    assert.equal(progress().value, 40);
    xhr.respond(200);

    const done = await finished();
    assert.equal(done.dataset.state, 'done');
    assert.equal(done.dataset.key, KEY);
    assert.equal(done.dataset.recordState, 'stored');
    assert.equal(progress().value, 100);
    assert.equal(outcome(), `“report.pdf” is stored as ${KEY}.`);
    assert.equal(done.querySelector('span.key').textContent, KEY);
    assert.equal(done.querySelector('button.cancel'), null);
    assert.equal(page.status.textContent, `“report.pdf” is stored as ${KEY}.`);
  });

  test('asks for the ticket with the file’s SHA-256, then for the check after the PUT',
    async () => {
      const digest = await crypto.subtle.digest('SHA-256',
        new TextEncoder().encode('%PDF-1.4 report'));
      const checksum = btoa(String.fromCharCode(...new Uint8Array(digest)));
      init(page.root).upload([pdf()]);
      const xhr = await xhrNumber(0);

      assert.equal(fetch.mock.callCount(), 1, 'no completion before the PUT has succeeded');
      assert.deepEqual(JSON.parse(fetch.mock.calls[0].arguments[1].body), {
        filename: 'report.pdf', contentType: 'application/pdf', size: 15, checksumSha256: checksum,
      });
      xhr.respond(200);
      await finished();
      assert.equal(fetch.mock.callCount(), 2);
      const [url, request] = fetch.mock.calls[1].arguments;
      assert.equal(url, '/app/api/uploads/id-report.pdf/complete');
      assert.equal(request.method, 'POST');
      assert.equal(request.body, '{}');
      assert.equal(request.headers['X-CSRF-Token'], 'token-1');
      assert.equal(request.credentials, 'same-origin');
    });

  test('says it is checking the file while hashing it, and cancelling then asks for nothing',
    async () => {
      init(page.root).upload([endlessPdf()]);

      assert.equal(row('slow.pdf').dataset.state, 'uploading');
      assert.equal(outcome('slow.pdf'), 'Checking the file…');
      row('slow.pdf').querySelector('button.cancel').dispatchEvent(new Event('click'));

      const cancelled = await finished('slow.pdf');
      assert.equal(cancelled.dataset.state, 'cancelled');
      assert.equal(outcome('slow.pdf'), '“slow.pdf”: upload cancelled.');
      assert.equal(page.status.textContent, '“slow.pdf”: upload cancelled.');
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(fetch.mock.callCount(), 0);
      assert.equal(FakeXhr.instances.length, 0);
    });

  test('once the PUT succeeded, says it is checking the stored file, with nothing to cancel',
    async () => {
      let answer;
      fetch.mock.mockImplementation(application(() => new Promise((resolve) => {
        answer = resolve;
      })));
      init(page.root).upload([pdf()]);
      (await xhrNumber(0)).respond(200);
      await until(() => answer !== undefined);

      assert.equal(row().dataset.state, 'uploading');
      assert.equal(outcome(), 'Checking the stored file…');
      assert.equal(row().querySelector('button.cancel'), null);
      answer(json(200, recordFor('report.pdf')));
      assert.equal((await finished()).dataset.state, 'done');
    });

  test('says what the check found when it removed the file', async () => {
    const problems = ['The stored object has 14 bytes, not the 15 declared.',
      'Its checksum is not the one declared.'];
    fetch.mock.mockImplementation(application(
      (name) => json(200, recordFor(name, 'rejected', problems)),
    ));
    const seen = record('upload:done', 'upload:error');
    init(page.root).upload([pdf()]);
    (await xhrNumber(0)).respond(200);

    const rejected = await finished();
    const sentence = '“report.pdf” reached the storage, but the check found problems, so it was'
      + ' removed: The stored object has 14 bytes, not the 15 declared. Its checksum is not the'
      + ' one declared.';
    assert.equal(rejected.dataset.state, 'error');
    assert.equal(rejected.dataset.recordState, 'rejected');
    assert.equal(rejected.dataset.key, undefined);
    assert.equal(outcome(), sentence);
    assert.equal(page.status.textContent, sentence);
    assert.deepEqual(seen.map((event) => event.type), ['upload:error']);
    const { error } = seen[0].detail;
    assert.ok(error instanceof UploadError);
    assert.equal(error.kind, 'rejected');
    assert.equal(error.message, sentence);
    assert.deepEqual(error.record, recordFor('report.pdf', 'rejected', problems));
  });

  test('asks again while the application answers 503, saying so, and shows the stored file'
    + ' once it can check it', async () => {
    const pauses = [];
    const wait = (ms) => new Promise((resolve) => pauses.push({ ms, resolve }));
    let completions = 0;
    fetch.mock.mockImplementation(application((name) => {
      completions += 1;
      return completions <= 2
        ? json(503, { error: 'storage_unavailable', message: 'The storage is unavailable.' })
        : json(200, recordFor(name));
    }));
    init(page.root, { wait }).upload([pdf()]);
    (await xhrNumber(0)).respond(200);

    await until(() => pauses.length === 1);
    assert.equal(row().dataset.state, 'uploading');
    assert.equal(outcome(), 'Sent. The application cannot check it just now; asking again in'
      + ' 1 s…');
    assert.equal(row().querySelector('button.cancel'), null, 'nothing left to cancel');
    pauses[0].resolve();
    await until(() => pauses.length === 2);
    assert.equal(outcome(), 'Sent. The application cannot check it just now; asking again in'
      + ' 2 s…');
    pauses[1].resolve();

    const done = await finished();
    assert.equal(done.dataset.state, 'done');
    assert.equal(done.dataset.recordState, 'stored');
    assert.equal(completions, 3);
    assert.deepEqual(pauses.map(({ ms }) => ms), [1000, 2000]);
  });

  test('when the check still cannot be asked for, says the file reached the storage and will be'
    + ' checked later, without calling it an error', async () => {
    const wait = mock.fn(async () => {});
    const reason = 'The storage did not answer within 10 seconds, so the upload could not be'
      + ' checked or changed. It is not lost: try again in a minute.';
    fetch.mock.mockImplementation(application(() => json(503, {
      error: 'storage_unavailable', message: reason,
    })));
    const seen = record('upload:done', 'upload:error');
    init(page.root, { wait }).upload([pdf()]);
    (await xhrNumber(0)).respond(200);

    const sent = await finished();
    const sentence = `“report.pdf” reached the storage, but the application could not check it`
      + ` yet: ${reason} It will check the file by itself later, so there is no need to upload`
      + ' it again; My uploads shows the outcome.';
    assert.equal(sent.dataset.state, 'sent');
    assert.equal(sent.dataset.recordState, 'unchecked');
    assert.equal(sent.dataset.key, KEY);
    assert.equal(progress().value, 100);
    assert.equal(sent.querySelector('button.cancel'), null);
    assert.equal(outcome(), sentence);
    assert.equal(page.status.textContent, sentence);
    assert.deepEqual(wait.mock.calls.map((call) => call.arguments[0]),
      [1000, 2000, 4000, 8000, 15000]);
    assert.equal(fetch.mock.callCount(), 7, 'the ticket, then six requests to check the file');
    assert.deepEqual(seen.map((event) => event.type), ['upload:error']);
    const { error } = seen[0].detail;
    assert.equal(error.kind, 'unchecked');
    assert.equal(error.status, 503);
    assert.equal(error.key, KEY);
  });

  test('uses the pauses it is given, and says so when the application cannot be reached at all',
    async () => {
      const wait = mock.fn(async () => {});
      fetch.mock.mockImplementation(application(() => {
        throw new TypeError('Failed to fetch');
      }));
      init(page.root, { wait, completeRetryPauses: [10] }).upload([pdf()]);
      (await xhrNumber(0)).respond(200);

      const sent = await finished();
      assert.equal(sent.dataset.state, 'sent');
      assert.equal(sent.dataset.recordState, 'unchecked');
      assert.match(outcome(), /^“report\.pdf” reached the storage, but the application could not check it yet: the application could not be reached\. It will check the file by itself later/);
      assert.deepEqual(wait.mock.calls.map((call) => call.arguments[0]), [10]);
      assert.equal(fetch.mock.callCount(), 3);
    });

  test('does not ask again when the check answers 404: the row is an error', async () => {
    const wait = mock.fn(async () => {});
    fetch.mock.mockImplementation(application(() => json(404, {
      error: 'not_found', message: 'There is no upload with this id.',
    })));
    const seen = record('upload:error');
    init(page.root, { wait }).upload([pdf()]);
    (await xhrNumber(0)).respond(200);

    const failed = await finished();
    const sentence = '“report.pdf” was sent to the storage, but the application could not'
      + ' check it yet: There is no upload with this id. It will be checked later; see My'
      + ' uploads.';
    assert.equal(failed.dataset.state, 'error');
    assert.equal(failed.dataset.recordState, undefined);
    assert.equal(outcome(), sentence);
    assert.equal(seen[0].detail.error.kind, 'refused');
    assert.equal(seen[0].detail.error.status, 404);
    assert.equal(wait.mock.callCount(), 0);
    assert.equal(fetch.mock.callCount(), 2);
  });

  test('dispatches bubbling, cancelable events with the file, progress and key', async () => {
    const seen = record('upload:start', 'upload:progress', 'upload:done', 'upload:error');
    const file = pdf();
    init(page.root).upload([file]);
    const xhr = await xhrNumber(0);
    xhr.progress(15, 15);
    xhr.respond(200);
    await finished();

    assert.deepEqual(seen.map((event) => event.type),
      ['upload:start', 'upload:progress', 'upload:done']);
    assert.ok(seen.every((event) => event.bubbles && event.cancelable
      && event.target === page.root && event.detail.file === file));
    assert.deepEqual([seen[1].detail.loaded, seen[1].detail.total], [15, 15]);
    assert.equal(seen[2].detail.key, KEY);
    assert.deepEqual(seen[2].detail.record, recordFor('report.pdf'));
  });

  test('a prevented upload:start cancels the upload before it asks', async () => {
    page.root.addEventListener('upload:start', (event) => event.preventDefault());
    init(page.root).upload([pdf()]);

    const cancelled = await finished();
    assert.equal(cancelled.dataset.state, 'cancelled');
    assert.equal(outcome(), '“report.pdf”: upload cancelled.');
    assert.equal(page.status.textContent, '“report.pdf”: upload cancelled.');
    assert.equal(fetch.mock.callCount(), 0);
  });

  test('a prevented upload:progress leaves the progress bar alone', async () => {
    page.root.addEventListener('upload:progress', (event) => event.preventDefault());
    init(page.root).upload([pdf()]);
    const xhr = await xhrNumber(0);
    xhr.progress(6, 15);

    assert.equal(progress().value, 0);
  });

  test('a prevented upload:done leaves the outcome to the page', async () => {
    page.root.addEventListener('upload:done', (event) => {
      assert.equal(row().dataset.state, 'done', 'the state is set before the event');
      event.preventDefault();
    });
    init(page.root).upload([pdf()]);
    (await xhrNumber(0)).respond(200);

    const done = await finished();
    assert.equal(done.dataset.key, KEY);
    assert.equal(outcome(), '');
    assert.equal(page.status.textContent, '');
    assert.equal(done.querySelector('button.cancel'), null);
  });

  test('shows the application’s refusal, unless upload:error is prevented', async () => {
    fetch.mock.mockImplementation(async () => json(415,
      { error: 'unsupported_type', message: 'Files of type image/png are not accepted here.' }));
    const seen = record('upload:error');
    const { upload } = init(page.root);
    upload([pdf('first.pdf')]);
    await finished('first.pdf');
    page.root.addEventListener('upload:error', (event) => event.preventDefault());
    upload([pdf('second.pdf')]);
    await finished('second.pdf');

    const sentence = '“first.pdf” was refused: Files of type image/png are not accepted here.';
    assert.equal(row('first.pdf').dataset.state, 'error');
    assert.equal(outcome('first.pdf'), sentence);
    assert.equal(seen[0].detail.error.kind, 'refused');
    assert.equal(row('second.pdf').dataset.state, 'error');
    assert.equal(outcome('second.pdf'), '');
    assert.equal(page.status.textContent, sentence, 'nothing announced for the second');
  });

  test('refuses a file of the wrong type without asking the application', async () => {
    const seen = record('upload:error');
    init(page.root).upload([new File(['plain'], 'notes.txt', { type: 'text/plain' })]);

    const refused = await finished('notes.txt');
    const sentence = '“notes.txt” was not uploaded: files of type text/plain are not accepted'
      + ' here. Accepted: application/pdf.';
    assert.equal(refused.dataset.state, 'refused');
    assert.equal(outcome('notes.txt'), sentence);
    assert.equal(page.status.textContent, sentence);
    assert.ok(seen[0].detail.error instanceof UploadError);
    assert.equal(seen[0].detail.error.message, sentence);
    assert.equal(fetch.mock.callCount(), 0);
  });

  test('explains a PUT without a readable answer with the CORS rule', async () => {
    init(page.root).upload([pdf()]);
    (await xhrNumber(0)).fail();

    await finished();
    assert.equal(row().dataset.state, 'error');
    assert.match(outcome(), /^“report\.pdf” could not be sent to the storage: .* Most likely the bucket’s CORS rule/);
    assert.match(page.status.textContent, /CORS rule/);
  });

  test('uploads at most three files at once, the others in turn', async () => {
    const answers = [];
    fetch.mock.mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
    const names = ['1.pdf', '2.pdf', '3.pdf', '4.pdf', '5.pdf'];
    init(page.root).upload(names.map((name) => pdf(name)));
    await until(() => fetch.mock.callCount() === 3);
    await new Promise((resolve) => setImmediate(resolve));

    assert.equal(fetch.mock.callCount(), 3);
    assert.deepEqual(names.map((name) => row(name).dataset.state),
      ['uploading', 'uploading', 'uploading', 'waiting', 'waiting']);
    assert.equal(outcome('4.pdf'), 'Waiting…');
    answers[0](json(503, { error: 'unavailable', message: 'Try again later.' }));

    await until(() => fetch.mock.callCount() === 4);
    assert.equal(row('1.pdf').dataset.state, 'error');
    assert.equal(row('4.pdf').dataset.state, 'uploading');
  });

  test('cancelling a waiting file ends it at once and skips it', async () => {
    const answers = [];
    fetch.mock.mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
    const names = ['1.pdf', '2.pdf', '3.pdf', '4.pdf'];
    init(page.root).upload(names.map((name) => pdf(name)));
    await until(() => fetch.mock.callCount() === 3);
    row('4.pdf').querySelector('button.cancel').dispatchEvent(new Event('click'));

    assert.equal(row('4.pdf').dataset.state, 'cancelled');
    assert.equal(outcome('4.pdf'), '“4.pdf”: upload cancelled.');
    assert.equal(row('4.pdf').querySelector('button.cancel'), null);
    answers[0](json(503, { error: 'unavailable', message: 'Try again later.' }));
    await finished('1.pdf');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fetch.mock.callCount(), 3);
  });

  test('cancelling during the PUT aborts it', async () => {
    init(page.root).upload([pdf()]);
    const xhr = await xhrNumber(0);
    xhr.progress(3, 15);
    row().querySelector('button.cancel').dispatchEvent(new Event('click'));

    const cancelled = await finished();
    assert.equal(xhr.aborted, true);
    assert.equal(cancelled.dataset.state, 'cancelled');
    assert.equal(progress().value, 20);
    assert.equal(page.status.textContent, '“report.pdf”: upload cancelled.');
  });

  test('uploads files dropped anywhere on the page instead of letting the browser open them',
    async () => {
      init(page.root);
      const dragover = new Event('dragover', { cancelable: true });
      page.document.dispatchEvent(dragover);
      assert.equal(dragover.defaultPrevented, true);
      assert.equal(page.dropZone.classList.contains('dragging'), true);

      const drop = Object.assign(new Event('drop', { cancelable: true }),
        { dataTransfer: { files: [pdf('dropped.pdf')] } });
      page.document.dispatchEvent(drop);

      assert.equal(drop.defaultPrevented, true);
      assert.equal(page.dropZone.classList.contains('dragging'), false);
      assert.equal(row('dropped.pdf').dataset.state, 'uploading');
    });
});

describe('uploadFile', () => {
  test('hashes, sends and has the file checked, and resolves to the stored record', async () => {
    const stages = [];
    const uploading = uploadFile('/app/api/uploads', pdf(),
      { fetch, csrfToken: 'token-1', onStage: (stage) => stages.push(stage) });
    const xhr = await xhrNumber(0);
    assert.deepEqual(stages, ['hashing', 'sending']);
    xhr.respond(200);

    assert.deepEqual(await uploading, recordFor('report.pdf'));
    assert.deepEqual(stages, ['hashing', 'sending', 'checking']);
  });

  test('does not let the signal cancel the completion: the file is in the storage already',
    async () => {
      const controller = new AbortController();
      let answer;
      fetch.mock.mockImplementation(application(() => new Promise((resolve) => {
        answer = resolve;
      })));
      const uploading = uploadFile('/app/api/uploads', pdf(), { signal: controller.signal });
      (await xhrNumber(0)).respond(200);
      await until(() => answer !== undefined);
      controller.abort();
      answer(json(200, recordFor('report.pdf')));

      assert.deepEqual(await uploading, recordFor('report.pdf'));
      assert.equal(fetch.mock.calls[1].arguments[1].signal, undefined);
    });
});

describe('upload-page.js', () => {
  test('wires the page’s #uploader when loaded', async (t) => {
    replaceGlobal(t, 'document', page.document);

    await import('../../../webapp/js/upload-page.js');

    assert.equal(page.root.dataset.ready, 'true');
  });
});
