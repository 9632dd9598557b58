/**
 * Hashes parts of a file off the page's thread, so that neither their bytes nor the work sit in
 * the page: `{id, blob}` in (a Blob is passed by reference, not copied), `{id, checksum}` (base64
 * SHA-256) or `{id, error}` out. Started by checksum.js's createPartHasher as a module worker.
 */
import { sha256PartBase64 } from './checksum.js';

self.addEventListener('message', async ({ data: { id, blob } }) => {
  try {
    self.postMessage({ id, checksum: await sha256PartBase64(blob) });
  } catch (error) {
    self.postMessage({ id, error: String(error?.message ?? error) });
  }
});
