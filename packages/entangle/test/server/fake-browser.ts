// Just enough of a browser (DOM elements, location, EventSource, an ECharts stub) to run the dashboard's script
// in node against a live server. Elements keep children, text, attributes the script sets, and listeners.

type Listener = (event: { preventDefault(): void; data?: string }) => void;

export class FakeText {
  constructor(public text: string) {}
  get textContent(): string {
    return this.text;
  }
}

export class FakeElement {
  id = '';
  className = '';
  hidden = false;
  disabled = false;
  href = '';
  target = '';
  src = '';
  alt = '';
  max: number = 1;
  scrollTop = 0;
  scrollHeight = 0;
  onclick: (() => void) | null = null;
  children: (FakeElement | FakeText)[] = [];
  readonly dataset: Record<string, string> = {};
  readonly listeners = new Map<string, Listener[]>();
  html: string | undefined;
  #value: unknown;
  readonly #classes = new Set<string>();

  constructor(readonly tagName: string) {}

  get value(): unknown {
    if (this.#value === undefined && this.tagName === 'select') return (this.children.find((c) => c instanceof FakeElement) as FakeElement | undefined)?.value ?? '';
    return this.#value ?? '';
  }
  set value(v: unknown) {
    this.#value = v;
  }
  get classList(): { toggle(c: string, on?: boolean): void; contains(c: string): boolean } {
    return {
      toggle: (c, on) => (on ?? !this.#classes.has(c) ? this.#classes.add(c) : this.#classes.delete(c)),
      contains: (c) => this.#classes.has(c),
    };
  }
  get textContent(): string {
    return this.children.map((c) => c.textContent).join('');
  }
  set textContent(text: string) {
    this.children = [new FakeText(text)];
    this.html = undefined;
  }
  set innerHTML(html: string) {
    this.children = [];
    this.html = html;
  }
  get innerHTML(): string {
    return this.html ?? '';
  }
  append(...nodes: (FakeElement | FakeText | string)[]): void {
    for (const n of nodes) this.children.push(typeof n === 'string' ? new FakeText(n) : n);
  }
  replaceChildren(...nodes: (FakeElement | FakeText | string)[]): void {
    this.children = [];
    this.html = undefined;
    this.append(...nodes);
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string): void {
    for (const l of this.listeners.get(type) ?? []) l({ preventDefault() {} });
    if (type === 'click') this.onclick?.();
  }
  /** Every element below this one, depth first. */
  all(): FakeElement[] {
    return this.children.flatMap((c) => (c instanceof FakeElement ? [c, ...c.all()] : []));
  }
  /** The HTML strings and texts below this one, for assertions. */
  text(): string {
    return this.children.map((c) => (c instanceof FakeElement ? `${c.html ?? ''}${c.text()}` : c.text)).join(' ');
  }
}

export interface FakeChart {
  element: FakeElement;
  options: unknown[];
  disposed: boolean;
}

/** Runs `script` (the dashboard's) with a fake DOM built from the ids in `page`, talking to the server at `base`. */
export function runInFakeBrowser(script: string, page: string, base: string) {
  const byId = new Map<string, FakeElement>();
  for (const m of page.matchAll(/<(\w+)[^>]*\sid="([^"]+)"/g)) {
    const el = new FakeElement(m[1]);
    el.id = m[2];
    byId.set(m[2], el);
  }
  const windowListeners = new Map<string, Listener[]>();
  const fireWindow = (type: string): void => windowListeners.get(type)?.forEach((l) => l({ preventDefault() {} }));
  let hash = '';
  const location = {
    get hash(): string {
      return hash;
    },
    set hash(value: string) {
      hash = value.startsWith('#') ? value : `#${value}`;
      setTimeout(() => fireWindow('hashchange'), 0);
    },
  };
  const charts: FakeChart[] = [];
  const echarts = {
    init(element: FakeElement) {
      const chart: FakeChart = { element, options: [], disposed: false };
      charts.push(chart);
      return { setOption: (o: unknown) => chart.options.push(o), dispose: () => (chart.disposed = true), resize() {} };
    },
  };
  const fetchRelative = (url: string, init?: RequestInit): Promise<Response> => fetch(new URL(url, base), init);
  class EventSource {
    readonly #controller = new AbortController();
    readonly #listeners = new Map<string, Listener[]>();
    constructor(url: string) {
      void this.#read(url).catch(() => {});
    }
    addEventListener(type: string, listener: Listener): void {
      this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
    }
    close(): void {
      this.#controller.abort();
    }
    async #read(url: string): Promise<void> {
      const res = await fetch(new URL(url, base), { signal: this.#controller.signal });
      let buffer = '';
      const decoder = new TextDecoder();
      for await (const chunk of res.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type !== undefined && data !== undefined) this.#listeners.get(type)?.forEach((l) => l({ preventDefault() {}, data }));
        }
      }
    }
  }
  const created: FakeElement[] = [];
  const document = {
    getElementById: (id: string) => byId.get(id) ?? null,
    createElement: (tag: string) => {
      const el = new FakeElement(tag);
      created.push(el);
      return el;
    },
    createTextNode: (text: string) => new FakeText(text),
    querySelectorAll: (selector: string) => {
      if (selector !== 'aside li') throw new Error(`fake DOM: unsupported selector ${selector}`);
      return [...byId.values()].flatMap((e) => e.all()).filter((e) => e.tagName === 'li');
    },
  };
  const window = { addEventListener: (type: string, l: Listener) => windowListeners.set(type, [...(windowListeners.get(type) ?? []), l]) };
  new Function('document', 'window', 'location', 'fetch', 'EventSource', 'echarts', script)(document, window, location, fetchRelative, EventSource, echarts);
  return { byId: (id: string) => byId.get(id)!, charts, location };
}

/** Waits until `check` returns a value (polling every 10 ms); fails with `what` after `ms`. */
export async function until<T>(check: () => T | undefined | false, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
