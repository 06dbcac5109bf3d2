// The live event stream (SSE): applies `response`, `deleted` and `summary` events as they come,
// holds them back while the admin has paused, and reconnects by itself when the stream drops.
// A reconnect resumes from the last event id seen (the browser's own retries send Last-Event-ID;
// ours pass ?lastEventId=), so the server replays what was missed, or sends `reset` when it
// cannot, and only then is the table reloaded.

const MAX_QUEUED_ROWS = 500; // beyond this a reload is cheaper than replaying every change
const RETRY_MS = [1000, 2000, 5000, 10000];

export class LiveStream {
  /**
   * handlers: response(row), deleted(id), summary(summary), reload() for a full refresh,
   * state({connected, paused, waiting}) whenever the status line should change.
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.connected = false;
    this.everConnected = false;
    this.paused = false;
    this.waiting = 0;
    this.queue = new Map();
    this.queuedSummary = null;
    this.reloadOnResume = false;
    this.retries = 0;
    this.source = null;
    this.lastEventId = null;
    this.buffer = null;
  }

  /**
   * Opens the stream, holding its events back until release(): the first page is fetched once the
   * server has registered the stream (joined resolves), so nothing changes unseen in between.
   */
  startHeld() {
    this.buffer = [];
    this.joined = new Promise((resolve) => { this.markJoined = resolve; });
    this.start();
    return this.joined;
  }

  /** Applies, in order, the events held back since startHeld(). */
  release() {
    const held = this.buffer || [];
    this.buffer = null;
    for (const [type, data] of held) {
      this.receive(type, data);
    }
  }

  start() {
    const url = this.lastEventId === null ? this.url
      : `${this.url}?lastEventId=${encodeURIComponent(this.lastEventId)}`;
    const source = new EventSource(url);
    this.source = source;
    source.addEventListener('open', () => this.opened());
    source.addEventListener('error', () => this.failed(source));
    for (const type of ['response', 'deleted', 'summary']) {
      source.addEventListener(type, (e) => this.event(type, e, JSON.parse(e.data)));
    }
    source.addEventListener('reset', (e) => this.event('reset', e, null));
  }

  event(type, e, data) {
    if (e.lastEventId) {
      this.lastEventId = e.lastEventId;
    }
    this.markJoined?.();
    if (this.buffer) {
      this.buffer.push([type, data]);
    } else {
      this.receive(type, data);
    }
  }

  opened() {
    // A reconnect needs no reload: the server replays from our last event id, or sends `reset`.
    this.connected = true;
    this.everConnected = true;
    this.retries = 0;
    this.emit();
  }

  failed(source) {
    if (source !== this.source) {
      return;
    }
    this.connected = false;
    this.failedOnce = true;
    this.emit();
    if (source.readyState === EventSource.CLOSED) {
      // The browser gave up (an error status, e.g. while the server restarts): retry ourselves.
      const delay = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)];
      setTimeout(() => {
        if (this.source === source) {
          this.handlers.check?.();
          this.start();
        }
      }, delay);
    }
  }

  receive(type, data) {
    if (!this.paused) {
      this.apply(type, data);
      return;
    }
    if (type === 'response' || type === 'deleted') {
      this.waiting += 1; // the summary that comes with every change is not one more to the admin
    }
    if (type === 'summary') {
      this.queuedSummary = data;
    } else if (type === 'reset') {
      this.reloadOnResume = true;
    } else {
      const id = data.id;
      this.queue.delete(id);
      this.queue.set(id, { type, data });
      if (this.queue.size > MAX_QUEUED_ROWS) {
        this.reloadOnResume = true;
        this.queue.clear();
      }
    }
    this.emit();
  }

  apply(type, data) {
    switch (type) {
      case 'response': this.handlers.response(data); break;
      case 'deleted': this.handlers.deleted(data.id); break;
      case 'summary': this.handlers.summary(data); break;
      case 'reset': this.handlers.reload(); break;
      default: break;
    }
  }

  pause() {
    this.paused = true;
    this.emit();
  }

  /** Catches up: every change held back is applied, the latest summary last. */
  resume() {
    this.paused = false;
    if (this.reloadOnResume) {
      this.handlers.reload();
    } else {
      for (const { type, data } of this.queue.values()) {
        this.apply(type, data);
      }
      if (this.queuedSummary) {
        this.handlers.summary(this.queuedSummary);
      }
    }
    this.queue.clear();
    this.queuedSummary = null;
    this.reloadOnResume = false;
    this.waiting = 0;
    this.emit();
  }

  emit() {
    this.handlers.state({ connected: this.connected, paused: this.paused, waiting: this.waiting });
  }
}
