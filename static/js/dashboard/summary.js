// The summary panel: counts, average age, the gender pie (Chart.js, loaded as a classic script
// because its ES build imports a bare module name), top colours and "last updated".

import { compact, exactTime, percent, relative, whole } from './format.js';

const PALETTE = ['#6d28d9', '#0284c7', '#d97706', '#059669', '#db2777', '#4b5563'];

function text(node, value, title) {
  node.textContent = value;
  if (title !== undefined) {
    node.title = title;
  }
}

export class SummaryPanel {
  /** @param onFilter called with a gender option (or null to clear) when the pie is clicked */
  constructor(root, onFilter) {
    this.root = root;
    this.onFilter = onFilter;
    this.count = root.querySelector('[data-summary=count]');
    this.completed = root.querySelector('[data-summary=completed]');
    this.age = root.querySelector('[data-summary=age]');
    this.colours = root.querySelector('[data-summary=colours]');
    this.updated = root.querySelector('[data-summary=updated]');
    this.canvas = root.querySelector('[data-summary=genders]');
    this.legend = root.querySelector('[data-summary=gender-legend]');
    this.pieEmpty = root.querySelector('[data-summary=genders-empty]');
    this.genders = [];
    this.active = null;
    this.lastUpdated = null;
    this.chart = this.buildChart();
  }

  buildChart() {
    const Chart = window.Chart;
    return new Chart(this.canvas, {
      type: 'pie',
      data: { labels: [], datasets: [{ data: [], backgroundColor: [], borderColor: '#fff', borderWidth: 2 }] },
      options: {
        responsive: true,
        maintainAspectRatio: true,
        animation: { duration: 250 },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (ctx) => ` ${whole(ctx.parsed)} (${percent(ctx.parsed, this.total())})`,
            },
          },
        },
        onClick: (event, elements) => {
          if (elements.length) {
            this.toggle(this.genders[elements[0].index]);
          }
        },
        onHover: (event, elements) => {
          this.canvas.style.cursor = elements.length ? 'pointer' : 'default';
        },
      },
    });
  }

  total() {
    return this.genders.reduce((sum, g) => sum + g.count, 0);
  }

  toggle(gender) {
    this.onFilter(this.active === gender.value ? null : gender);
  }

  /** Which gender the table is filtered by (null: none), to mark it on the legend. */
  setActive(value) {
    this.active = value;
    for (const button of this.legend.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.value === value));
    }
  }

  render(summary) {
    text(this.count, compact(summary.count), `${whole(summary.count)} responses`);
    text(this.completed, compact(summary.completed), `${whole(summary.completed)} completed`);
    if (summary.averageAge === null || summary.averageAge === undefined) {
      text(this.age, '—', 'No completed responses yet');
    } else {
      text(this.age, Number(summary.averageAge).toFixed(1), 'Average age of completed responses');
    }
    this.renderGenders(summary.genders || []);
    this.renderColours(summary.topColours || []);
    this.lastUpdated = summary.lastUpdated;
    this.tick();
  }

  renderGenders(genders) {
    this.genders = genders;
    const total = this.total();
    const dataset = this.chart.data.datasets[0];
    this.chart.data.labels = genders.map((g) => g.label);
    dataset.data = genders.map((g) => g.count);
    dataset.backgroundColor = genders.map((g, i) => PALETTE[i % PALETTE.length]);
    this.chart.update();
    this.pieEmpty.hidden = total > 0;
    this.canvas.setAttribute('aria-label', total
      ? 'Gender of completed responses: '
        + genders.map((g) => `${g.label} ${whole(g.count)} (${percent(g.count, total)})`).join(', ')
      : 'No completed responses yet');
    this.legend.replaceChildren(...genders.map((g, i) => this.legendItem(g, i, total)));
    this.setActive(this.active);
  }

  legendItem(gender, index, total) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'legend-item';
    button.dataset.value = gender.value;
    button.title = `Show only ${gender.label} in the table`;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = PALETTE[index % PALETTE.length];
    const label = document.createElement('span');
    label.className = 'legend-label';
    label.textContent = gender.label;
    const figure = document.createElement('span');
    figure.className = 'legend-figure';
    figure.textContent = `${whole(gender.count)} · ${percent(gender.count, total)}`;
    button.append(swatch, label, figure);
    button.addEventListener('click', () => this.toggle(gender));
    return button;
  }

  renderColours(colours) {
    if (!colours.length) {
      const none = document.createElement('li');
      none.className = 'muted';
      none.textContent = 'No answers yet';
      this.colours.replaceChildren(none);
      return;
    }
    this.colours.replaceChildren(...colours.map((c) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      if (CSS.supports('color', c.value)) {
        swatch.style.background = c.value;
      }
      const label = document.createElement('span');
      label.textContent = c.label;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = whole(c.count);
      item.append(swatch, label, count);
      return item;
    }));
  }

  /** Moves "5 s ago" on; called every few seconds. */
  tick(now = Date.now()) {
    if (this.lastUpdated) {
      text(this.updated, relative(this.lastUpdated, now), exactTime(this.lastUpdated));
      this.updated.dateTime = this.lastUpdated;
    } else {
      text(this.updated, 'never', 'No responses yet');
    }
  }
}
