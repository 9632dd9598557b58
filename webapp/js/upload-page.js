// Entry point of index.xhtml: a module file rather than inline script, so a strict
// Content-Security-Policy (script-src 'self') can apply to the page.
import { init } from './upload.js';

init(document.getElementById('uploader'));
