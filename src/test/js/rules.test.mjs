import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  typeAllowed, describeSize, checkFile, retryAt,
} from '../../../webapp/js/rules.js';

describe('typeAllowed', () => {
  test('allows exactly the listed type', () => {
    assert.equal(typeAllowed('application/pdf', ['application/pdf']), true);
    assert.equal(typeAllowed('application/zip', ['application/pdf']), false);
  });

  test('a wildcard allows every subtype of its top-level type only', () => {
    assert.equal(typeAllowed('image/png', ['application/pdf', 'image/*']), true);
    assert.equal(typeAllowed('text/plain', ['image/*']), false);
    assert.equal(typeAllowed('imagery/png', ['image/*']), false);
  });

  test('no wildcard admits SVG, only its exact name, as on the server', () => {
    assert.equal(typeAllowed('image/svg+xml', ['image/*']), false);
    assert.equal(typeAllowed('image/svg+xml', ['*/*']), false);
    assert.equal(typeAllowed('IMAGE/SVG+XML', ['image/*', 'image/svg+xml']), true);
  });

  test('*/* allows any type', () => {
    assert.equal(typeAllowed('application/x-anything', ['*/*']), true);
  });

  test('ignores the case of the file’s type', () => {
    assert.equal(typeAllowed('Application/PDF', ['application/pdf']), true);
    assert.equal(typeAllowed('IMAGE/PNG', ['image/*']), true);
  });

  test('allows nothing when nothing is listed', () => {
    assert.equal(typeAllowed('application/pdf', []), false);
  });
});

describe('describeSize', () => {
  test('counts small sizes in bytes, singular for one', () => {
    assert.equal(describeSize(0), '0 bytes');
    assert.equal(describeSize(1), '1 byte');
    assert.equal(describeSize(1023), '1023 bytes');
  });

  test('uses KB, MB and GB, whole numbers without a decimal', () => {
    assert.equal(describeSize(1024), '1 KB');
    assert.equal(describeSize(10 * 1024 * 1024), '10 MB');
    assert.equal(describeSize(2 * 1024 ** 3), '2 GB');
  });

  test('gives one decimal otherwise', () => {
    assert.equal(describeSize(1536), '1.5 KB');
    assert.equal(describeSize(1234567), '1.2 MB');
    assert.equal(describeSize(1.25 * 1024 ** 3), '1.3 GB');
  });

  test('stops at TB', () => {
    assert.equal(describeSize(1024 ** 5), '1024 TB');
  });
});

describe('checkFile', () => {
  const rules = { accept: ['application/pdf', 'image/*'], maxSize: 10 * 1024 * 1024 };

  test('refuses a file the browser cannot type, listing what is accepted', () => {
    assert.equal(checkFile({ name: 'notes', type: '', size: 10 }, rules),
      '“notes” was not uploaded: the browser cannot tell what kind of file it is.'
      + ' Accepted: application/pdf, image/*.');
  });

  test('refuses a type that is not accepted', () => {
    assert.equal(checkFile({ name: 'notes.txt', type: 'text/plain', size: 10 }, rules),
      '“notes.txt” was not uploaded: files of type text/plain are not accepted here.'
      + ' Accepted: application/pdf, image/*.');
  });

  test('refuses a file larger than the limit, in sizes people read', () => {
    assert.equal(checkFile({ name: 'huge.pdf', type: 'application/pdf', size: 15 * 1024 * 1024 },
      rules), '“huge.pdf” was not uploaded: it is 15 MB, and the largest file accepted is 10 MB.');
  });

  test('lets an accepted file of exactly the limit go', () => {
    assert.equal(checkFile({ name: 'a.pdf', type: 'application/pdf', size: rules.maxSize }, rules),
      null);
    assert.equal(checkFile(new File(['%PDF'], 'b.png', { type: 'image/png' }), rules), null);
  });
});

describe('retryAt', () => {
  // 14:03:00 UTC: 120 seconds later is another minute, 120 milliseconds later is not
  const now = Date.UTC(2026, 0, 5, 14, 3, 0);
  const clock = (when) => new Date(when)
    .toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

  test('reads seconds as a delay from now', () => {
    assert.notEqual(clock(now + 120_000), clock(now));
    assert.equal(retryAt('120', now), `(That is at ${clock(now + 120_000)}.)`);
    assert.equal(retryAt(' 120 ', now), `(That is at ${clock(now + 120_000)}.)`);
  });

  test('reads an HTTP date', () => {
    const header = 'Mon, 05 Jan 2026 15:30:00 GMT';
    assert.equal(retryAt(header, now), `(That is at ${clock(Date.UTC(2026, 0, 5, 15, 30))}.)`);
  });

  test('says nothing for a missing or unreadable header', () => {
    assert.equal(retryAt(null, now), '');
    assert.equal(retryAt('', now), '');
    assert.equal(retryAt('soon', now), '');
    assert.equal(retryAt('in two minutes', now), '');
  });

  test('says nothing for a time already past', () => {
    assert.equal(retryAt('Mon, 05 Jan 2026 13:00:00 GMT', now), '');
  });
});
