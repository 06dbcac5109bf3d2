// The admin dashboard (SPEC §2): wires the table, the summary and the live stream together.

import { adminApi, logout } from './lib/api.js';
import { Announcer } from './dashboard/announcer.js';
import { questionsOf } from './dashboard/columns.js';
import { ColumnChooser } from './dashboard/chooser.js';
import { DeleteDialog } from './dashboard/delete.js';
import { LiveStream } from './dashboard/live.js';
import { respondentData } from './dashboard/respondent.js';
import { SummaryPanel } from './dashboard/summary.js';
import { ResponsesTable } from './dashboard/table.js';
import { TrendsPanel } from './dashboard/trends.js';
import { WebhooksPanel } from './dashboard/webhooks.js';

const $ = (id) => document.getElementById(id);
// /dashboard/{slug} for any survey; /dashboard (or ?survey=) for the default one.
const pathSlug = location.pathname.match(/^\/dashboard\/([^/]+)$/);
const slug = pathSlug ? decodeURIComponent(pathSlug[1])
  : new URLSearchParams(location.search).get('survey') || 'default';
const api = adminApi(slug);
let errorTimer;

function showError(error) {
  const banner = $('error');
  banner.textContent = error.message || String(error);
  banner.hidden = false;
  clearTimeout(errorTimer);
  errorTimer = setTimeout(() => { banner.hidden = true; }, 10_000);
}

function showLiveState({ connected, paused, waiting }, stream) {
  const status = $('live-status');
  const pause = $('pause');
  $('disconnected').hidden = connected || !stream.failedOnce;
  let state = 'live';
  let label = 'Live';
  if (!connected) {
    state = 'offline';
    label = stream.everConnected ? 'Reconnecting…' : 'Connecting…';
  } else if (paused) {
    state = 'paused';
    label = waiting ? `Paused · ${waiting.toLocaleString('en')} ${waiting === 1 ? 'update' : 'updates'} waiting`
      : 'Paused';
  }
  status.dataset.state = state;
  $('live-text').textContent = label;
  pause.textContent = paused ? 'Resume live updates' : 'Pause live updates';
  pause.setAttribute('aria-pressed', String(paused));
}

async function main() {
  $('export-csv').href = api.exportCsvUrl;
  $('export-json').href = api.exportJsonUrl;
  $('logout').addEventListener('click', () => logout());
  new WebhooksPanel(document.querySelector('.webhooks'), api.webhooks, showError).start();

  const definition = await api.definition();
  $('survey-title').textContent = definition.title;
  document.title = `Dashboard: ${definition.title} · LiveSurvey`;

  const chooser = new ColumnChooser($('column-chooser'), slug);
  const dialog = new DeleteDialog($('confirm-delete'), questionsOf(definition));
  let table;
  let summary;
  // A pie's option, {key, value, label}, or null for none.
  const setFilter = (option) => {
    $('filter-chip').hidden = !option;
    $('filter-label').textContent = option ? option.label : '';
    summary.setActive(option);
    table.setFilter(option ? `${option.key}:${option.value}` : null);
  };
  summary = new SummaryPanel(document.querySelector('.summary'), questionsOf(definition), setFilter);
  const trends = new TrendsPanel(document.querySelector('.trends'), api, showError);
  const announcer = new Announcer($('announcements'));
  table = new ResponsesTable({
    element: $('responses-table'),
    empty: $('table-empty'),
    pager: {
      range: $('page-range'), first: $('page-first'), prev: $('page-prev'),
      next: $('page-next'), size: $('page-size'),
    },
    api,
    definition,
    hidden: chooser.hidden,
    onError: showError,
    onDelete: async (row) => {
      if (!(await dialog.confirm(row))) {
        return;
      }
      try {
        await api.remove(row.id);
      } catch (e) {
        if (e.status !== 404) { // 404: someone else deleted it first; either way it is gone
          showError(e);
          return;
        }
      }
      table.applyDeleted(row.id);
    },
  });
  chooser.render(table.chooserColumns(), (field, shown) => table.showColumn(field, shown));
  $('filter-clear').addEventListener('click', () => setFilter(null));

  const refreshSummary = () => api.summary().then((s) => {
    summary.render(s);
    trends.renderFunnel(s.funnel);
    announcer.summary(s);
    table.setUnfilteredTotal(s.count);
  }).catch(showError);
  const stream = new LiveStream(api.eventsUrl, {
    response: (row) => table.applyResponse(row),
    deleted: (id) => table.applyDeleted(id),
    summary: (s) => {
      summary.render(s);
      trends.renderFunnel(s.funnel);
      trends.changed();
      announcer.summary(s);
      table.setUnfilteredTotal(s.count);
    },
    reload: () => {
      table.refresh();
      refreshSummary();
    },
    check: refreshSummary, // a 401 here sends the admin to the login page
    state: (state) => {
      table.hold(state.paused);
      showLiveState(state, stream);
    },
  });
  $('pause').addEventListener('click', () => (stream.paused ? stream.resume() : stream.pause()));

  respondentData({
    form: $('respondent-form'), key: $('respondent-key'), value: $('respondent-value'),
    result: $('respondent-result'), dialog: $('confirm-erase'), api, slug, questions: questionsOf(definition),
  });
  api.retention().then((policy) => { // "Responses older than 90 days are deleted."
    $('retention').textContent = policy.text;
    $('retention').hidden = false;
  }).catch(showError);
  await table.ready;
  refreshSummary();
  trends.show('hour');
  // Changes between the first page and the stream opening: the stream joins first (its events
  // held), the page is fetched again, then the held events apply on top, in order.
  await stream.startHeld();
  await table.refresh();
  stream.release();
  setInterval(() => {
    summary.tick();
    if (!stream.paused) {
      table.tick();
    }
  }, 3000);
}

main().catch(showError);
