// The dashboard's webhooks section: register endpoints, see their state and delivery log,
// send a test event, enable/disable, delete. Everything shown goes in as text (el()).

import { el } from '../lib/dom.js';
import { shortTime } from './format.js';

const REFRESH_MS = 5000;

export class WebhooksPanel {
  constructor(section, api, onError) {
    this.api = api;
    this.onError = onError;
    this.list = section.querySelector('#webhook-list');
    this.none = section.querySelector('#webhook-none');
    this.secret = section.querySelector('#webhook-secret');
    this.form = section.querySelector('#webhook-form');
    this.openLogs = new Set();
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.create();
    });
  }

  start() {
    this.refresh();
    setInterval(() => this.refresh(), REFRESH_MS);
  }

  async create() {
    const url = this.form.querySelector('#webhook-url').value.trim();
    const events = [...this.form.querySelectorAll('input[name="webhook-event"]:checked')].map((i) => i.value);
    try {
      const created = await this.api.create(url, events);
      this.form.reset();
      this.showSecret(created);
      await this.refresh();
    } catch (e) {
      this.onError(e);
    }
  }

  showSecret(endpoint) {
    this.secret.replaceChildren(
      el('strong', {}, 'Signing secret for ', endpoint.url, ' (shown only this once): '),
      el('code', {}, endpoint.secret),
    );
    this.secret.hidden = false;
  }

  async refresh() {
    try {
      const endpoints = await this.api.list();
      const items = await Promise.all(endpoints.map((e) => this.item(e)));
      this.list.replaceChildren(...items);
      this.none.hidden = endpoints.length > 0;
    } catch (e) {
      this.onError(e);
    }
  }

  async item(endpoint) {
    const state = endpoint.enabled ? 'Active' : 'Disabled';
    const action = (label, run, extra = {}) => {
      const button = el('button', { type: 'button', class: 'button button-small', ...extra }, label);
      button.addEventListener('click', async () => {
        try {
          await run();
          await this.refresh();
        } catch (e) {
          this.onError(e);
        }
      });
      return button;
    };
    const log = el('details', { class: 'webhook-log-box', open: this.openLogs.has(endpoint.id) },
      el('summary', {}, 'Delivery log'));
    log.addEventListener('toggle', () => {
      // Re-rendered open logs fire 'toggle' too: act only on a change the admin made.
      if (log.open === this.openLogs.has(endpoint.id)) {
        return;
      }
      if (log.open) {
        this.openLogs.add(endpoint.id);
        this.refresh();
      } else {
        this.openLogs.delete(endpoint.id);
      }
    });
    if (log.open) {
      log.append(this.logTable(await this.api.deliveries(endpoint.id)));
    }
    return el('li', { class: 'webhook', 'data-endpoint': endpoint.id },
      el('div', { class: 'webhook-head' },
        el('span', { class: 'webhook-target' }, endpoint.url),
        el('span', { class: 'webhook-state', 'data-enabled': String(endpoint.enabled) }, state),
        el('span', { class: 'muted' }, endpoint.events.join(', ')),
        el('span', { class: 'webhook-actions' },
          action('Send test event', () => this.api.test(endpoint.id), { disabled: !endpoint.enabled }),
          action(endpoint.enabled ? 'Disable' : 'Enable',
            () => this.api.update(endpoint.id, { enabled: !endpoint.enabled })),
          action('Delete', () => this.api.remove(endpoint.id), { class: 'button button-small button-danger' }))),
      endpoint.enabled ? null : el('p', { class: 'webhook-disabled', role: 'alert' },
        endpoint.disabledReason || 'Disabled.', ' Deliveries are paused until you enable it again.'),
      endpoint.enabled && endpoint.consecutiveFailures > 0 ? el('p', { class: 'webhook-failing' },
        `The last ${endpoint.consecutiveFailures} attempts failed; retrying with backoff.`) : null,
      log);
  }

  logTable(deliveries) {
    if (!deliveries.length) {
      return el('p', { class: 'muted' }, 'No deliveries yet.');
    }
    const head = el('tr', {}, ['Event', 'Status', 'Attempts', 'Last answer', 'Next try', 'Created']
      .map((h) => el('th', { scope: 'col' }, h)));
    const rows = deliveries.map((d) => el('tr', {},
      el('td', {}, d.type),
      el('td', {}, d.status),
      el('td', {}, String(d.attempts)),
      el('td', {}, d.lastError || (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—')),
      el('td', {}, d.nextAttemptAt ? shortTime(d.nextAttemptAt) : '—'),
      el('td', {}, shortTime(d.createdAt))));
    return el('table', { class: 'webhook-log' }, el('thead', {}, head), el('tbody', {}, rows));
  }
}
