// Tells a screen reader user what arrived, politely and without flooding: "3 new responses,
// 1 completed" at most once every few seconds, from the summary's counts. Keystrokes are not news.

const MIN_GAP_MS = 8000;  // between two announcements
const GATHER_MS = 1500;   // a burst of arrivals becomes one announcement

function plural(n, one, many) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

export class Announcer {
  /** @param region an element with aria-live="polite" (and aria-atomic), visually hidden */
  constructor(region) {
    this.region = region;
    this.last = null;
    this.added = 0;
    this.completed = 0;
    this.spokenAt = -Infinity;
    this.timer = null;
  }

  /** Every summary the dashboard shows passes through here; the first one is the baseline. */
  summary({ count, completed }) {
    if (this.last) {
      this.added += Math.max(0, count - this.last.count);
      this.completed += Math.max(0, completed - this.last.completed);
    }
    this.last = { count, completed };
    if ((this.added || this.completed) && !this.timer) {
      const wait = Math.max(GATHER_MS, this.spokenAt + MIN_GAP_MS - Date.now());
      this.timer = setTimeout(() => this.speak(), wait);
    }
  }

  speak() {
    this.timer = null;
    const parts = [];
    if (this.added) {
      parts.push(plural(this.added, 'new response', 'new responses'));
    }
    if (this.completed) {
      parts.push(plural(this.completed, 'response completed', 'responses completed'));
    }
    this.added = 0;
    this.completed = 0;
    if (parts.length) {
      this.spokenAt = Date.now();
      // Replacing the text node (not the same text again) makes screen readers read it every time.
      this.region.replaceChildren(document.createTextNode(parts.join(', ')));
    }
  }
}
