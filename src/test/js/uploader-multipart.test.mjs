import {
  beforeEach, describe, test, mock,
} from 'node:test';
import assert from 'node:assert/strict';
import { init } from '../../../webapp/js/uploader.js';
import { recallUpload, rememberUpload } from '../../../webapp/js/resume.js';
import {
  FakeXhr, json, replaceGlobal, until, uploaderPage,
} from './fakes.mjs';

const KEY = 'uploads/alice/2026/01/05/7c9e/big.iso';
const LATER = '2099-01-05T14:15:00Z';

/** 10 bytes: parts of 4, 4 and 2 with a part size of 4. */
const big = () => new File(['0123456789'], 'big.iso',
  { type: 'application/octet-stream', lastModified: 1767621780000 });

const ticket = {
  id: 'u1',
  key: KEY,
  method: 'MULTIPART',
  size: 10,
  partSize: 4,
  partCount: 3,
  parallelParts: 2,
  expiresAt: LATER,
};
const record = (state) => ({
  id: 'u1',
  key: KEY,
  filename: 'big.iso',
  contentType: 'application/octet-stream',
  size: 10,
  state,
  issuedAt: '2026-01-05T14:03:00Z',
  expiresAt: LATER,
  updatedAt: '2026-01-05T14:03:02Z',
  problems: [],
});

/** localStorage's methods over a Map. */
function memoryStorage() {
  const items = new Map();
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
  };
}

/** The application for a file in parts; `listed` are the parts the store has already. */
function application({ listed = [], state = 'issued' } = {}) {
  return async (url, init) => {
    const body = init.body === undefined ? undefined : JSON.parse(init.body);
    if (url === '/app/api/uploads') {
      return json(201, ticket);
    }
    if (url.endsWith('/parts') && init.method === 'POST') {
      return json(200, {
        parts: body.parts.map(({ partNumber, checksumSha256 }) => ({
          partNumber,
          url: `https://store.example/b/big.iso?partNumber=${partNumber}`,
          headers: { 'x-amz-checksum-sha256': checksumSha256 },
          expiresAt: LATER,
        })),
      });
    }
    if (url.endsWith('/parts')) {
      return json(200, { parts: listed });
    }
    if (url.endsWith('/complete')) {
      return json(200, record('stored'));
    }
    if (init.method === 'DELETE') {
      return new Response(null, { status: 204 });
    }
    return json(200, { ...record(state), state });
  };
}

let page;
let fetch;
let storage;

beforeEach((t) => {
  page = uploaderPage({ accept: 'application/octet-stream' });
  Object.assign(page.root.dataset, { multipartThreshold: '8', person: 'alice' });
  FakeXhr.instances.length = 0;
  replaceGlobal(t, 'XMLHttpRequest', FakeXhr);
  fetch = mock.fn(application());
  replaceGlobal(t, 'fetch', fetch);
  storage = memoryStorage();
});

const row = () => page.list.children[0];
/** Web Crypto hashes on another thread: allow it many turns of the event loop. */
const soon = (condition) => until(condition, 20000);
const calls = () => fetch.mock.calls.map(({ arguments: [url, init] }) => `${init.method} ${url}`);
const partOf = (xhr) => Number(/partNumber=(\d+)/.exec(xhr.url)[1]);
const open = () => FakeXhr.instances.filter((xhr) => xhr.status === 0 && !xhr.aborted);

/** Cancels the row's upload and waits until it has ended, so nothing runs into the next test. */
async function cancelRow() {
  row().querySelector('button.cancel').dispatchEvent(new Event('click'));
  await soon(() => row().dataset.state === 'cancelled');
}

/** Answers every open part PUT with an ETag until the row settles. */
async function storeAll() {
  for (let turn = 0; turn < 20000 && ['uploading', 'waiting'].includes(row().dataset.state);
    turn += 1) {
    open().forEach((xhr) => xhr.respond(200, '', { ETag: `"etag-${partOf(xhr)}"` }));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return row();
}

describe('a file above data-multipart-threshold', () => {
  test('goes in parts without a whole-file checksum, counted, and is remembered until stored',
    async () => {
      init(page.root, { storage }).upload([big()]);
      await soon(() => FakeXhr.instances.length === 2);

      assert.deepEqual(JSON.parse(fetch.mock.calls[0].arguments[1].body),
        { filename: 'big.iso', contentType: 'application/octet-stream', size: 10 });
      assert.ok(row().querySelector('button.pause'), 'a pause button');
      assert.equal(row().dataset.partsSent, '0');
      assert.deepEqual(recallUpload(storage, 'alice', big()), {
        id: 'u1', key: KEY, size: 10, partSize: 4, partCount: 3, parallelParts: 2,
      });
      assert.equal(page.root.querySelector('#upload-overall').textContent,
        '0 bytes of 10 bytes sent.');

      const done = await storeAll();
      assert.equal(done.dataset.state, 'done');
      assert.equal(done.dataset.key, KEY);
      assert.equal(done.dataset.partsSent, '3');
      assert.equal(FakeXhr.instances.length, 3);
      assert.equal(done.querySelector('button.pause'), null);
      const completion = fetch.mock.calls.find(({ arguments: [url] }) => url.endsWith('/complete'));
      assert.deepEqual(JSON.parse(completion.arguments[1].body).parts,
        [1, 2, 3].map((partNumber) => ({ partNumber, etag: `"etag-${partNumber}"` })));
      assert.equal(recallUpload(storage, 'alice', big()), null, 'forgotten once stored');
      const overall = page.root.querySelector('#upload-overall');
      assert.equal(overall.dataset.loaded, '10');
      assert.equal(overall.textContent, '10 bytes of 10 bytes sent.');
    });

  test('pauses and resumes from the row’s buttons', async () => {
    init(page.root, { storage }).upload([big()]);
    await soon(() => open().length === 2);

    row().querySelector('button.pause').dispatchEvent(new Event('click'));

    assert.equal(row().dataset.state, 'paused');
    assert.equal(row().querySelector('button.pause'), null);
    assert.ok(row().querySelector('button.resume'));
    assert.equal(open().length, 0, 'the parts on the way are aborted');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(FakeXhr.instances.length, 2, 'nothing sent while paused');

    row().querySelector('button.resume').dispatchEvent(new Event('click'));
    assert.equal(row().dataset.state, 'uploading');
    await soon(() => open().length === 2);
    assert.equal((await storeAll()).dataset.state, 'done');
  });

  test('cancelling aborts the upload on the server and forgets it', async () => {
    init(page.root, { storage }).upload([big()]);
    await soon(() => open().length === 2);

    row().querySelector('button.cancel').dispatchEvent(new Event('click'));

    await soon(() => row().dataset.state === 'cancelled');
    assert.equal(open().length, 0);
    assert.ok(calls().includes('DELETE /app/api/uploads/u1'));
    assert.equal(recallUpload(storage, 'alice', big()), null);
  });

  test('shows the speed and the time left', async () => {
    let time = 0;
    init(page.root, { storage, now: () => time }).upload([big()]);
    await soon(() => open().length === 2);
    open()[0].progress(0, 4);
    time = 2000;
    open()[0].progress(4, 4);

    assert.equal(row().querySelector('span.rate').textContent, '2 bytes/s, about 3 s left');
    await cancelRow();
  });

  test('without data-multipart-threshold, goes whole with its checksum', async () => {
    delete page.root.dataset.multipartThreshold;
    fetch.mock.mockImplementation(async () => json(201, {
      id: 'u2', key: KEY, method: 'PUT', url: 'https://store.example/b/big.iso', headers: {},
    }));
    init(page.root, { storage }).upload([big()]);
    await soon(() => FakeXhr.instances.length === 1);

    assert.equal(typeof JSON.parse(fetch.mock.calls[0].arguments[1].body).checksumSha256,
      'string');
    assert.equal(row().querySelector('button.pause'), null);
    await cancelRow();
  });
});

describe('a file chosen again with an unfinished upload remembered', () => {
  beforeEach(() => {
    rememberUpload(storage, 'alice', big(), ticket);
  });

  test('offers to continue, and then sends only the parts the store lacks', async () => {
    fetch.mock.mockImplementation(application({
      listed: [{ partNumber: 1, etag: '"listed-1"', size: 4 },
        { partNumber: 3, etag: '"listed-3"', size: 2 }],
    }));
    init(page.root, { storage }).upload([big()]);

    assert.equal(row().dataset.state, 'resumable');
    assert.ok(row().querySelector('button.restart'));
    assert.equal(fetch.mock.callCount(), 0, 'nothing asked before the person chooses');
    row().querySelector('button.continue').dispatchEvent(new Event('click'));

    const done = await storeAll();
    assert.equal(done.dataset.state, 'done');
    assert.deepEqual(FakeXhr.instances.map(partOf), [2]);
    assert.equal(done.dataset.partsSent, '1');
    assert.deepEqual(calls().slice(0, 2),
      ['GET /app/api/uploads/u1', 'GET /app/api/uploads/u1/parts']);
    assert.equal(calls().includes('POST /app/api/uploads'), false, 'no new ticket');
    const completion = fetch.mock.calls.find(({ arguments: [url] }) => url.endsWith('/complete'));
    assert.deepEqual(JSON.parse(completion.arguments[1].body).parts.map(({ etag }) => etag),
      ['"listed-1"', '"etag-2"', '"listed-3"']);
  });

  test('starts afresh when the remembered upload is no longer open', async () => {
    fetch.mock.mockImplementation(application({ state: 'deleted' }));
    init(page.root, { storage }).upload([big()]);
    row().querySelector('button.continue').dispatchEvent(new Event('click'));

    const done = await storeAll();
    assert.equal(done.dataset.state, 'done');
    assert.ok(calls().includes('POST /app/api/uploads'));
    assert.equal(FakeXhr.instances.length, 3);
  });

  test('starts again on request: forgets, aborts the old upload and asks for a new ticket',
    async () => {
      init(page.root, { storage }).upload([big()]);
      row().querySelector('button.restart').dispatchEvent(new Event('click'));

      assert.equal(row().querySelector('button.continue'), null);
      await soon(() => FakeXhr.instances.length === 2);
      assert.equal(calls()[0], 'DELETE /app/api/uploads/u1');
      assert.ok(calls().includes('POST /app/api/uploads'));
      assert.equal((await storeAll()).dataset.state, 'done');
    });

  test('cancelling the offer ends the row without asking anything', async () => {
    init(page.root, { storage }).upload([big()]);
    row().querySelector('button.cancel').dispatchEvent(new Event('click'));

    assert.equal(row().dataset.state, 'cancelled');
    assert.equal(row().querySelector('button.continue'), null);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fetch.mock.callCount(), 0);
  });

  test('is remembered per person: someone else is not offered to continue it', async () => {
    page.root.dataset.person = 'bob';
    init(page.root, { storage }).upload([big()]);

    assert.equal(row().dataset.state, 'uploading');
    assert.equal(row().querySelector('button.continue'), null);
    await cancelRow();
  });
});
