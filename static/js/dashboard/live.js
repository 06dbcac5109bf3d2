// The live event stream (SSE): applies `response`, `deleted` and `summary` events as they come,
// holds them back while the admin has paused, and reconnects by itself when the stream drops.

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
  }

  start() {
    const source = new EventSource(this.url);
    this.source = source;
    source.addEventListener('open', () => this.opened());
    source.addEventListener('error', () => this.failed(source));
    source.addEventListener('response', (e) => this.receive('response', JSON.parse(e.data)));
    source.addEventListener('deleted', (e) => this.receive('deleted', JSON.parse(e.data)));
    source.addEventListener('summary', (e) => this.receive('summary', JSON.parse(e.data)));
    source.addEventListener('reset', () => this.receive('reset', null));
  }

  opened() {
    const reconnected = this.everConnected;
    this.connected = true;
    this.everConnected = true;
    this.retries = 0;
    if (reconnected) {
      // Whatever happened while we were away: reload what is on screen (now, or on resume).
      this.receive('reset', null);
    }
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
