// Numbers and times as a person reads them. Pure functions, no DOM.

const WHOLE = new Intl.NumberFormat('en');

/** 1,234 with separators. */
export function whole(n) {
  return WHOLE.format(n);
}

/**
 * A count in a small space: exact below 10,000, then 12.3k, 123k, 1.2M. Rounded down so a count
 * never looks bigger than it is (99,999 is 99.9k, not 100.0k).
 */
export function compact(n) {
  if (n < 10_000) {
    return WHOLE.format(n);
  }
  const [scaled, suffix] = n < 1_000_000 ? [n / 1_000, 'k'] : [n / 1_000_000, 'M'];
  if (scaled >= 100) {
    return Math.floor(scaled) + suffix;
  }
  return (Math.floor(scaled * 10) / 10).toFixed(1) + suffix;
}

/** 41.7 % of a whole, for the pie's tooltip; '0 %' of nothing. */
export function percent(part, whole) {
  if (!whole) {
    return '0 %';
  }
  const value = Math.round((part / whole) * 1000) / 10;
  return `${value} %`;
}

/** "just now", "5 s ago", "3 min ago", "2 h ago", "4 d ago". */
export function relative(iso, now = Date.now()) {
  const seconds = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (seconds < 2) {
    return 'just now';
  }
  if (seconds < 60) {
    return `${seconds} s ago`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min ago`;
  }
  if (seconds < 86_400) {
    return `${Math.floor(seconds / 3600)} h ago`;
  }
  return `${Math.floor(seconds / 86_400)} d ago`;
}

const SHORT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit',
});
const FULL = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'long' });

/** "28 Nov, 04:15:57" in the admin's time zone. */
export function shortTime(iso) {
  return SHORT.format(new Date(iso));
}

/** The exact time, for tooltips: "Saturday 28 November 2026 at 04:15:57 UTC". */
export function exactTime(iso) {
  return FULL.format(new Date(iso));
}

/** "26–50 of 1,234"; "No responses" for an empty list. */
export function range(offset, count, total) {
  if (!total || !count) {
    return total ? `0 of ${WHOLE.format(total)}` : 'No responses';
  }
  return `${WHOLE.format(offset + 1)}–${WHOLE.format(offset + count)} of ${WHOLE.format(total)}`;
}
