import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  forgetUpload, recallUpload, rememberUpload, resumeKey,
} from '../../../webapp/js/resume.js';

const file = { name: 'big.iso', size: 10, lastModified: 1767621780000 };
const ticket = {
  id: 'u1', key: 'uploads/alice/big.iso', method: 'MULTIPART', size: 10, partSize: 4,
  partCount: 3, parallelParts: 2, expiresAt: '2026-01-06T14:00:00Z',
};
const entry = {
  id: 'u1', key: 'uploads/alice/big.iso', size: 10, partSize: 4, partCount: 3, parallelParts: 2,
};

function memoryStorage() {
  const items = new Map();
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => items.set(key, String(value)),
    removeItem: (key) => items.delete(key),
  };
}

describe('resume bookkeeping', () => {
  test('remembers the plan of a ticket for the person and the file, and recalls it', () => {
    const storage = memoryStorage();

    assert.equal(rememberUpload(storage, 'alice', file, ticket), true);

    assert.deepEqual(recallUpload(storage, 'alice', file), entry);
    assert.deepEqual([...storage.items.keys()], [resumeKey('alice', file)]);
    assert.deepEqual(JSON.parse(storage.items.get(resumeKey('alice', file))), entry,
      'no URL, no expiry, nothing but the plan');
  });

  test('keeps files and people apart', () => {
    const storage = memoryStorage();
    rememberUpload(storage, 'alice', file, ticket);

    assert.equal(recallUpload(storage, 'bob', file), null);
    assert.equal(recallUpload(storage, 'alice', { ...file, lastModified: 1 }), null);
    assert.equal(recallUpload(storage, 'alice', { ...file, name: 'other.iso' }), null);
    assert.notEqual(resumeKey('a:b', { ...file, name: 'c' }), resumeKey('a', { ...file,
      name: 'b:c' }), 'no two people and names share a key');
  });

  test('forgets, and forgets an entry it cannot use', () => {
    const storage = memoryStorage();
    rememberUpload(storage, 'alice', file, ticket);
    forgetUpload(storage, 'alice', file);
    assert.equal(recallUpload(storage, 'alice', file), null);

    for (const text of ['not json', '{"id":"u1"}', JSON.stringify({ ...entry, partCount: 2 }),
      JSON.stringify({ ...entry, size: 11 })]) {
      storage.setItem(resumeKey('alice', file), text);
      assert.equal(recallUpload(storage, 'alice', file), null, text);
      assert.equal(storage.items.size, 0, `${text} is removed`);
    }
  });

  test('fails quietly where storage throws or is missing', () => {
    const throwing = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('QuotaExceededError'); },
      removeItem: () => { throw new Error('SecurityError'); },
    };
    assert.equal(rememberUpload(throwing, 'alice', file, ticket), false);
    assert.equal(recallUpload(throwing, 'alice', file), null);
    assert.doesNotThrow(() => forgetUpload(throwing, 'alice', file));
    assert.equal(rememberUpload(null, 'alice', file, ticket), false);
    assert.equal(recallUpload(null, 'alice', file), null);
  });
});
