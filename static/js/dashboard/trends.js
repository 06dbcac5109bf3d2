// Trends and drop-off (Chart.js, loaded as a classic script from its WebJar): responses started and
// completed per hour or per day, and how many reached each step. The funnel comes with every
// summary (live); the trend chart is fetched again, at most every few seconds, when something changed.

import { el } from '../lib/dom.js';
import { percent, whole } from './format.js';

const REFETCH_MS = 3000;
const STARTED = '#6366f1';
const COMPLETED = '#16a34a';

function label(iso, bucket) {
  const at = new Date(iso);
  return bucket === 'hour'
    ? at.toLocaleString('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit' })
    : at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
}

export class TrendsPanel {
  constructor(section, api, onError) {
    this.api = api;
    this.onError = onError;
    this.bucket = 'hour';
    this.buttons = [...section.querySelectorAll('[data-bucket]')];
    this.title = section.querySelector('#trend-title');
    this.totals = section.querySelector('#trend-totals');
    this.list = section.querySelector('#funnel-list');
    this.timer = null;
    this.trend = this.chart(section.querySelector('#trend-chart'), 'bar', [
      { label: 'Started', data: [], backgroundColor: STARTED },
      { label: 'Completed', data: [], backgroundColor: COMPLETED },
    ]);
    this.funnel = this.chart(section.querySelector('#funnel-chart'), 'bar', [
      { label: 'Responses', data: [], backgroundColor: [] },
    ], { indexAxis: 'y', plugins: { legend: { display: false } } });
    for (const button of this.buttons) {
      button.addEventListener('click', () => this.show(button.dataset.bucket));
    }
  }

  chart(canvas, type, datasets, extra = {}) {
    const Chart = window.Chart;
    return new Chart(canvas, {
      type,
      data: { labels: [], datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 200 },
        scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } },
        ...extra,
      },
    });
  }

  show(bucket) {
    this.bucket = bucket;
    for (const button of this.buttons) {
      button.setAttribute('aria-pressed', String(button.dataset.bucket === bucket));
    }
    this.title.textContent = `Responses started and completed per ${bucket}`;
    return this.refresh();
  }

  async refresh() {
    try {
      const series = await this.api.trends(this.bucket);
      this.trend.data.labels = series.points.map((p) => label(p.at, series.bucket));
      this.trend.data.datasets[0].data = series.points.map((p) => p.started);
      this.trend.data.datasets[1].data = series.points.map((p) => p.completed);
      this.trend.update();
      const started = series.points.reduce((sum, p) => sum + p.started, 0);
      const completed = series.points.reduce((sum, p) => sum + p.completed, 0);
      const span = series.bucket === 'hour' ? 'the last 48 hours' : 'the last 90 days';
      this.totals.textContent = `${whole(started)} started, ${whole(completed)} completed in ${span}`;
    } catch (e) {
      this.onError(e);
    }
  }

  /** Something changed: fetch the trend again soon (one request however many changes came). */
  changed() {
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.refresh();
      }, REFETCH_MS);
    }
  }

  /** The funnel from a summary: each step, then completed, as a share of those who started. */
  renderFunnel(funnel) {
    if (!funnel) {
      return;
    }
    const bars = [...funnel.steps.map((s) => [`Step ${s.step}`, s.reached]), ['Completed', funnel.completed]];
    const first = funnel.steps.length ? funnel.steps[0].reached : 0;
    this.funnel.data.labels = bars.map(([name]) => name);
    this.funnel.data.datasets[0].data = bars.map(([, count]) => count);
    this.funnel.data.datasets[0].backgroundColor = bars.map(([name]) => (name === 'Completed' ? COMPLETED : STARTED));
    this.funnel.update();
    this.list.replaceChildren(...bars.map(([name, count]) => el('li', { 'data-funnel': name },
      `${name}: ${whole(count)} (${percent(count, first)})`)));
  }
}
