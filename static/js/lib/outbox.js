// The answer outbox: every answer the respondent changes goes through here on its way to the
// server. It keeps the latest unsent value per question in memory and in localStorage, sends one
// request per question at a time (so the last value typed is the last one stored), never sends
// a value the server already holds, and retries with backoff while the server is unreachable.

import { isTransient } from './api.js';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 15000;

/** Where unsent answers survive a closed tab: one localStorage entry per survey. */
export class StoredOutbox {
  constructor(name) {
    this.name = name;
  }

  load() {
    try {
      const saved = JSON.parse(localStorage.getItem(this.name));
      return saved && typeof saved.answers === 'object' ? saved : null;
    } catch (e) {
      return null;
    }
  }

  save(responseId, answers) {
    try {
      if (Object.keys(answers).length === 0) {
        localStorage.removeItem(this.name);
      } else {
        localStorage.setItem(this.name, JSON.stringify({ responseId, answers }));
      }
    } catch (e) {
      // Storage full or switched off: the answers still wait in memory.
    }
  }
}

export class Outbox {
  #pending = new Map();  // key -> latest value not yet sent
  #inFlight = new Map(); // key -> value on its way
  #delayed = new Map();  // key -> debounce timer: the pending value is sent when it fires
  #needsVerdict = new Set(); // keys to send even when equal to the stored value
  #known = new Map();    // key -> JSON of the value the server holds
  #rejected = new Map(); // key -> {json, message}: a value the server refused (4xx) and why
  #failures = 0;
  #offline = false;
  #sentAny = false;
  #timer = null;
  #waiters = [];
  #generation = 0;
  #responseId = null;

  /**
   * send(key, value) -> Promise<{status, ok, body, retryAfter}> (throws NetworkError);
   * listener: {verdict(key, body, current), rejected(key, message), gone(status), status(name)}.
   */
  constructor(send, store, listener) {
    this.send = send;
    this.store = store;
    this.listener = listener;
  }

  /** Starts over for a response: forgets everything queued, remembers what the server holds. */
  begin(responseId, serverAnswers) {
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#delayed.forEach(clearTimeout);
    this.#delayed.clear();
    this.#needsVerdict.clear();
    this.#pending.clear();
    this.#inFlight.clear();
    this.#known.clear();
    this.#rejected.clear();
    this.#failures = 0;
    this.#offline = false;
    this.#sentAny = false;
    this.#responseId = responseId;
    for (const [key, answer] of Object.entries(serverAnswers)) {
      this.#known.set(key, JSON.stringify(answer.value));
    }
    this.#settle();
  }

  /** Answers typed on this device but not yet stored, if they belong to this response. */
  unsent(responseId) {
    const saved = this.store.load();
    if (saved && saved.responseId === responseId) {
      return saved.answers;
    }
    this.discardUnsent(); // left over from a response this browser no longer has
    return {};
  }

  discardUnsent() {
    this.store.save(null, {});
  }

  /**
   * Queues a value, kept at once (memory and localStorage) and sent after delayMs (typing) or
   * now. Returns false when it is the value already queued or stored, or one the server refused.
   */
  put(key, value, delayMs = 0) {
    const json = JSON.stringify(value);
    const refused = this.#rejected.get(key);
    let changed = true;
    if (refused) {
      if (refused.json === json) {
        return false; // the server said no to exactly this value; sending it again cannot help
      }
      this.#rejected.delete(key);
      this.#needsVerdict.add(key); // even if it equals the stored value: the field needs a verdict
    } else if (json === this.#latest(key)) {
      changed = false;
    }
    if (!changed && (delayMs > 0 || !this.#delayed.has(key))) {
      return false; // nothing new; a keystroke that changed nothing leaves the debounce alone
    }
    if (changed) {
      this.#pending.set(key, value);
      this.#persist();
    }
    clearTimeout(this.#delayed.get(key));
    this.#delayed.delete(key);
    if (delayMs > 0) {
      this.#delayed.set(key, setTimeout(() => {
        this.#delayed.delete(key);
        this.#drainUnlessWaiting();
      }, delayMs));
    } else {
      this.#drainUnlessWaiting();
    }
    this.#emitStatus();
    return changed;
  }

  #latest(key) {
    if (this.#pending.has(key)) {
      return JSON.stringify(this.#pending.get(key));
    }
    if (this.#inFlight.has(key)) {
      return JSON.stringify(this.#inFlight.get(key));
    }
    return this.#known.get(key);
  }

  /** True while a value for this question is queued or on its way. */
  busy(key) {
    return this.#pending.has(key) || this.#inFlight.has(key);
  }

  /** The server's reason for refusing the value last sent for this question, if it did. */
  rejection(key) {
    const refused = this.#rejected.get(key);
    return refused ? refused.message : null;
  }

  /**
   * Sends everything queued now and resolves once the queue is empty ({saved: true}) or the
   * server could not be reached ({offline: true}) or the response is gone ({gone: true}).
   */
  flush() {
    const done = new Promise((resolve) => this.#waiters.push(resolve));
    this.retryNow();
    this.#settle();
    return done;
  }

  /** Sends what is typed but still in its debounce, and skips any backoff wait. */
  retryNow() {
    this.#delayed.forEach(clearTimeout);
    this.#delayed.clear();
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#drain();
    this.#emitStatus();
  }

  #drainUnlessWaiting() {
    if (this.#timer === null) {
      this.#drain();
    }
  }

  #drain() {
    for (const [key, value] of [...this.#pending]) {
      if (this.#inFlight.has(key) || this.#delayed.has(key)) {
        continue;
      }
      if (JSON.stringify(value) === this.#known.get(key) && !this.#needsVerdict.has(key)) {
        this.#pending.delete(key); // typed back to what the server already holds
        this.#persist();
        continue;
      }
      this.#needsVerdict.delete(key);
      this.#sendOne(key, value);
    }
  }

  async #sendOne(key, value) {
    const generation = this.#generation;
    this.#pending.delete(key);
    this.#inFlight.set(key, value);
    let reply = null;
    try {
      reply = await this.send(key, value);
    } catch (e) {
      reply = null; // NetworkError: unreachable, try again later
    }
    if (generation !== this.#generation) {
      return; // an answer for a response this page has since left
    }
    this.#inFlight.delete(key);
    if (reply === null || isTransient(reply.status)) {
      this.#retryLater(key, value, reply === null ? 0 : reply.retryAfter);
    } else if (reply.ok) {
      this.#failures = 0;
      this.#offline = false;
      this.#sentAny = true;
      this.#known.set(key, JSON.stringify(value));
      this.listener.verdict(key, reply.body, !this.busy(key));
    } else if (reply.status === 404 || reply.status === 409) {
      this.#generation++;
      this.#delayed.forEach(clearTimeout);
      this.#delayed.clear();
      this.#pending.clear();
      this.#inFlight.clear();
      this.#persist();
      this.#resolveWaiters({ gone: true });
      this.listener.gone(reply.status);
      return;
    } else {
      // A value the server refuses (400, 413, …) would fail forever: drop it and say why.
      const message = (reply.body && reply.body.error) || `The server refused this answer (${reply.status}).`;
      if (!this.busy(key)) {
        this.#rejected.set(key, { json: JSON.stringify(value), message });
        this.listener.rejected(key, message);
      }
    }
    this.#persist();
    this.#drainUnlessWaiting();
    this.#settle();
  }

  #retryLater(key, value, retryAfterSeconds) {
    if (!this.#pending.has(key)) {
      this.#pending.set(key, value); // unless something newer was typed meanwhile
    }
    this.#offline = true;
    if (this.#timer === null) { // one backoff step per round, however many answers failed in it
      this.#failures++;
      const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.#failures - 1));
      const delay = Math.max(backoff * (0.8 + Math.random() * 0.4), retryAfterSeconds * 1000);
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#drain();
        this.#emitStatus();
      }, delay);
    }
    this.#resolveWaiters({ offline: true });
  }

  #settle() {
    if (this.#pending.size === 0 && this.#inFlight.size === 0) {
      this.#resolveWaiters({ saved: true });
    }
    this.#emitStatus();
  }

  #resolveWaiters(outcome) {
    const waiters = this.#waiters;
    this.#waiters = [];
    waiters.forEach((resolve) => resolve(outcome));
  }

  #persist() {
    const unsent = Object.fromEntries([...this.#inFlight, ...this.#pending]);
    this.store.save(this.#responseId, unsent);
  }

  /** 'saving', 'saved', 'offline', 'rejected' or 'idle' (nothing sent yet). */
  status() {
    const queued = this.#pending.size + this.#inFlight.size > 0;
    if (queued && this.#offline) {
      return 'offline';
    }
    if (queued) {
      return 'saving';
    }
    if (this.#rejected.size > 0) {
      return 'rejected';
    }
    return this.#sentAny ? 'saved' : 'idle';
  }

  #emitStatus() {
    this.listener.status(this.status());
  }
}
