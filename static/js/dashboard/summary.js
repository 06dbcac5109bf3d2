// The summary panel: counts and "last updated", and between them one card per summary the survey
// definition asks for (cards.js). Chart.js is loaded as a classic script because its ES build
// imports a bare module name.

import { exactTime, relative, compact, whole } from './format.js';
import { cardFor } from './cards.js';

function text(node, value, title) {
  node.textContent = value;
  if (title !== undefined) {
    node.title = title;
  }
}

export class SummaryPanel {
  /**
   * @param questions the definition's questions, in order
   * @param onFilter called with {key, value, label} (or null to clear) when a pie is clicked
   */
  constructor(root, questions, onFilter) {
    this.count = root.querySelector('[data-summary=count]');
    this.completed = root.querySelector('[data-summary=completed]');
    this.updated = root.querySelector('[data-summary=updated]');
    this.lastUpdated = null;
    this.cards = [];
    const last = this.updated.closest('.card');
    for (const question of questions) {
      for (const spec of question.summaries || []) {
        const card = cardFor(question, spec, onFilter);
        if (card) {
          last.before(card.element);
          this.cards.push({ name: spec.name, key: question.key, card });
        }
      }
    }
  }

  /** Which option the table is filtered by (null: none), to mark it on its pie's legend. */
  setActive(filter) {
    for (const { key, card } of this.cards) {
      if (card.setActive) {
        card.setActive(filter && filter.key === key ? filter.value : null);
      }
    }
  }

  render(summary) {
    text(this.count, compact(summary.count), `${whole(summary.count)} responses`);
    text(this.completed, compact(summary.completed), `${whole(summary.completed)} completed`);
    for (const { name, card } of this.cards) {
      card.render(summary[name]);
    }
    this.lastUpdated = summary.lastUpdated;
    this.tick();
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
