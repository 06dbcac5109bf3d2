// The summary's cards, one kind per summary kind of the survey definition (average, shares,
// top, distribution): each card shows one property of the summary JSON, named by the definition.

import { el } from '../lib/dom.js';
import { percent, whole } from './format.js';

const PALETTE = ['#6d28d9', '#0284c7', '#d97706', '#059669', '#db2777', '#4b5563'];

function lower(text) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function defaultTitle(question, spec) {
  switch (spec.kind) {
    case 'average': return `Average ${lower(question.label)}`;
    case 'top': return `Top ${lower(question.label)}`;
    default: return question.label;
  }
}

function noAnswers() {
  return el('li', { class: 'muted' }, 'No answers yet');
}

/** One number, to one decimal: the mean answer. */
class AverageCard {
  constructor(question, spec) {
    this.value = el('p', { class: 'big' }, '—');
    this.element = el('div', { class: 'card card-number' }, el('h3', {}, spec.title || defaultTitle(question, spec)),
      this.value, el('p', { class: 'sub' }, 'of completed responses'));
  }

  render(average) {
    const none = average === null || average === undefined;
    this.value.textContent = none ? '—' : Number(average).toFixed(1);
    this.value.title = none ? 'No completed responses yet' : 'Average of completed responses';
  }
}

/** The most chosen options, ranked, with their counts. */
class TopCard {
  constructor(question, spec) {
    this.list = el('ol', { class: 'colours' }, noAnswers());
    this.element = el('div', { class: 'card card-colours' }, el('h3', {}, spec.title || defaultTitle(question, spec)),
      this.list);
  }

  render(options) {
    if (!options || !options.length) {
      this.list.replaceChildren(noAnswers());
      return;
    }
    this.list.replaceChildren(...options.map((o) => {
      const swatch = el('span', { class: 'swatch' });
      if (CSS.supports('color', o.value)) {
        swatch.style.background = o.value; // a colour question shows its colours
      }
      return el('li', {}, swatch, el('span', {}, o.label), el('span', { class: 'count' }, whole(o.count)));
    }));
  }
}

/** Bars: how the answers spread over the options or number ranges. */
class DistributionCard {
  constructor(question, spec) {
    this.list = el('ul', { class: 'bars' }, noAnswers());
    this.element = el('div', { class: 'card card-bars' }, el('h3', {}, spec.title || defaultTitle(question, spec)),
      this.list);
  }

  render(bars) {
    const total = (bars || []).reduce((sum, b) => sum + b.count, 0);
    if (!total) {
      this.list.replaceChildren(noAnswers());
      return;
    }
    const most = Math.max(...bars.map((b) => b.count));
    this.list.replaceChildren(...bars.map((b) => {
      const bar = el('span', { class: 'bar' });
      bar.style.width = `${most ? (b.count / most) * 100 : 0}%`;
      return el('li', { title: `${whole(b.count)} · ${percent(b.count, total)}` },
        el('span', { class: 'bar-label' }, b.label), el('span', { class: 'bar-track' }, bar),
        el('span', { class: 'count' }, whole(b.count)));
    }));
  }
}

/** A pie of a single choice's options (Chart.js); clicking a slice or a legend entry filters the table. */
class PieCard {
  constructor(question, spec, onFilter) {
    this.question = question;
    this.onFilter = onFilter;
    this.title = spec.title || defaultTitle(question, spec);
    this.canvas = el('canvas', { role: 'img', 'aria-label': `${this.title} of completed responses`, width: 160, height: 160 });
    this.empty = el('p', { class: 'pie-empty muted' }, 'No completed responses yet');
    this.legend = el('div', { class: 'legend', role: 'group', 'aria-label': `Filter the table by ${lower(question.label)}` });
    this.element = el('div', { class: 'card card-pie' }, el('h3', {}, this.title),
      el('div', { class: 'pie' }, this.canvas, this.empty), this.legend,
      el('p', { class: 'sub' }, 'of completed responses; a click lists those responses'));
    this.options = [];
    this.active = null;
    this.chart = null;
  }

  buildChart() {
    return new window.Chart(this.canvas, {
      type: 'pie',
      data: { labels: [], datasets: [{ data: [], backgroundColor: [], borderColor: '#fff', borderWidth: 2 }] },
      options: {
        responsive: true,
        maintainAspectRatio: true,
        animation: { duration: 250 },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (ctx) => ` ${whole(ctx.parsed)} (${percent(ctx.parsed, this.total())})` } },
        },
        onClick: (event, elements) => {
          if (elements.length) {
            this.toggle(this.options[elements[0].index]);
          }
        },
        onHover: (event, elements) => {
          this.canvas.style.cursor = elements.length ? 'pointer' : 'default';
        },
      },
    });
  }

  total() {
    return this.options.reduce((sum, o) => sum + o.count, 0);
  }

  toggle(option) {
    this.onFilter(this.active === option.value ? null : { key: this.question.key, ...option });
  }

  setActive(value) {
    this.active = value;
    for (const button of this.legend.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.value === value));
    }
  }

  render(options) {
    this.chart = this.chart || this.buildChart(); // once the card is in the page, so it has a size
    this.options = options || [];
    const total = this.total();
    const dataset = this.chart.data.datasets[0];
    this.chart.data.labels = this.options.map((o) => o.label);
    dataset.data = this.options.map((o) => o.count);
    dataset.backgroundColor = this.options.map((o, i) => PALETTE[i % PALETTE.length]);
    this.chart.update();
    this.empty.hidden = total > 0;
    this.canvas.setAttribute('aria-label', total
      ? `${this.title} of completed responses: `
        + this.options.map((o) => `${o.label} ${whole(o.count)} (${percent(o.count, total)})`).join(', ')
      : 'No completed responses yet');
    this.legend.replaceChildren(...this.options.map((o, i) => this.legendItem(o, i, total)));
    this.setActive(this.active);
  }

  legendItem(option, index, total) {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = PALETTE[index % PALETTE.length];
    const button = el('button', { type: 'button', class: 'legend-item', 'data-value': option.value,
      title: `Show only ${option.label} in the table` },
    swatch, el('span', { class: 'legend-label' }, option.label),
    el('span', { class: 'legend-figure' }, `${whole(option.count)} · ${percent(option.count, total)}`));
    button.addEventListener('click', () => this.toggle(option));
    return button;
  }
}

/** The card for one summary of one question. */
export function cardFor(question, spec, onFilter) {
  switch (spec.kind) {
    case 'average': return new AverageCard(question, spec);
    case 'shares': return new PieCard(question, spec, onFilter);
    case 'top': return new TopCard(question, spec);
    case 'distribution': return new DistributionCard(question, spec);
    default: return null;
  }
}
