// Stand-ins for the browser parts Node lacks: just enough DOM for the uploader, and an
// XMLHttpRequest the test answers by hand. Real Event/EventTarget/CustomEvent underneath, so
// dispatchEvent, cancelable and preventDefault behave as in a browser (without a tree to bubble in).

/** Matches one compound selector: `tag`, `#id`, `.class`, `[name=value]`, combined. */
function matches(node, selector) {
  const parts = selector.match(/[#.]?[\w-]+|\[[\w-]+=[^\]]+\]/g) || [];
  return parts.every((part) => {
    if (part.startsWith('#')) {
      return node.getAttribute('id') === part.slice(1);
    }
    if (part.startsWith('.')) {
      return node.classList.contains(part.slice(1));
    }
    if (part.startsWith('[')) {
      const [name, value] = part.slice(1, -1).split('=');
      return node.getAttribute(name) === value.replace(/^['"]|['"]$/g, '');
    }
    return node.tagName === part.toUpperCase();
  });
}

export class FakeElement extends EventTarget {
  constructor(ownerDocument, tag) {
    super();
    this.ownerDocument = ownerDocument;
    this.tagName = tag.toUpperCase();
    this.childNodes = [];
    this.parentNode = null;
    this.dataset = {};
    this.attributes = new Map();
    this.ownText = '';
    const classes = new Set();
    this.classList = {
      add: (name) => classes.add(name),
      remove: (name) => classes.delete(name),
      contains: (name) => classes.has(name),
    };
  }

  set className(value) {
    value.split(/\s+/).filter(Boolean).forEach((name) => this.classList.add(name));
  }

  get children() {
    return this.childNodes.filter((node) => typeof node !== 'string');
  }

  get textContent() {
    return this.ownText + this.childNodes
      .map((node) => (typeof node === 'string' ? node : node.textContent)).join('');
  }

  set textContent(value) {
    this.childNodes = [];
    this.ownText = String(value);
  }

  append(...nodes) {
    for (const node of nodes) {
      if (typeof node !== 'string') {
        node.parentNode = this;
      }
      this.childNodes.push(node);
    }
  }

  remove() {
    if (this.parentNode) {
      this.parentNode.childNodes = this.parentNode.childNodes.filter((node) => node !== this);
      this.parentNode = null;
    }
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  querySelector(selector) {
    for (const child of this.children) {
      if (matches(child, selector)) {
        return child;
      }
      const found = child.querySelector(selector);
      if (found) {
        return found;
      }
    }
    return null;
  }
}

export class FakeDocument extends EventTarget {
  constructor() {
    super();
    this.body = new FakeElement(this, 'body');
  }

  createElement(tag) {
    return new FakeElement(this, tag);
  }

  getElementById(id) {
    return this.body.querySelector(`#${id}`);
  }
}

/** The markup of index.xhtml's uploader, with the attributes the server renders. */
export function uploaderPage({ accept = 'application/pdf', maxSize = 10485760 } = {}) {
  const document = new FakeDocument();
  const make = (tag, attributes = {}, className = '') => {
    const node = document.createElement(tag);
    node.className = className;
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  };
  const root = make('section', { id: 'uploader' });
  Object.assign(root.dataset, {
    api: '/app/api/uploads', accept, maxSize: String(maxSize), csrfToken: 'token-1',
  });
  const dropZone = make('div', { id: 'drop-zone' }, 'drop-zone');
  const input = make('input', { type: 'file', id: 'file-input' });
  dropZone.append(input);
  const list = make('ul', { id: 'upload-list' });
  const status = make('p', { id: 'upload-status', role: 'status' });
  root.append(dropZone, list, status);
  document.body.append(root);
  return {
    document, root, input, list, status, dropZone,
  };
}

/** An XMLHttpRequest whose answer the test gives: `respond`, `fail`, `progress`. */
export class FakeXhr extends EventTarget {
  static instances = [];

  constructor() {
    super();
    this.upload = new EventTarget();
    this.headers = {};
    this.status = 0;
    this.responseText = '';
    this.responseHeaders = {};
    this.aborted = false;
    FakeXhr.instances.push(this);
  }

  open(method, url) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name, value) {
    this.headers[name] = value;
  }

  send(body) {
    this.body = body;
  }

  abort() {
    this.aborted = true;
    this.dispatchEvent(new Event('abort'));
  }

  progress(loaded, total, lengthComputable = true) {
    this.upload.dispatchEvent(Object.assign(new Event('progress'), {
      lengthComputable, loaded, total,
    }));
  }

  /** Answers; `headers` are what getResponseHeader may read (CORS-exposed ones, in a browser). */
  respond(status, responseText = '', headers = {}) {
    this.status = status;
    this.responseText = responseText;
    this.responseHeaders = headers;
    this.dispatchEvent(new Event('load'));
  }

  getResponseHeader(name) {
    const found = Object.keys(this.responseHeaders)
      .find((header) => header.toLowerCase() === name.toLowerCase());
    return found === undefined ? null : this.responseHeaders[found];
  }

  fail() {
    this.dispatchEvent(new Event('error'));
  }
}

/** Replaces a global for the current test, restored when it ends. */
export function replaceGlobal(t, name, value) {
  const had = Object.hasOwn(globalThis, name);
  const previous = globalThis[name];
  globalThis[name] = value;
  t.after(() => {
    if (had) {
      globalThis[name] = previous;
    } else {
      delete globalThis[name];
    }
  });
}

/** Waits (on the event loop, not a clock) until the condition holds. */
export async function until(condition, turns = 100) {
  for (let turn = 0; turn < turns; turn += 1) {
    if (condition()) {
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`still not true after ${turns} turns: ${condition}`);
}

/** A Response with a JSON body. */
export function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status, headers: { 'Content-Type': 'application/json', ...headers },
  });
}
