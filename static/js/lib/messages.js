// What the survey page tells the respondent outside the fields: problems, the error summary after
// a refused NEXT (role=alert), and the save status (role=status).

import { byId, el, show } from './dom.js';

export const problemText = {
  offline: (action) => 'You seem to be offline. Your answers are kept on this device and will be sent '
    + `when the connection is back; then press ${action} again.`,
  offlineRestart: 'You seem to be offline, so the survey cannot start again right now. Please try again in a moment.',
  offlineErase: 'You seem to be offline, so your answers cannot be deleted right now. Please try again in a moment.',
  restarted: 'Your earlier response can no longer be reached from this browser (perhaps “Start again” was used '
    + 'in another window), so a new one has begun.',
  failed: (status) => `Something went wrong on our side (${status}). Please try again.`,
};

/** A problem with the step (kind 'error') or the connection (kind 'warn'), above the buttons. */
export function showProblem(text, kind = 'error', id = 'problem') {
  const box = byId(id);
  box.className = `problem ${kind}`;
  box.replaceChildren(text);
  show(box, true);
}

export function hideProblem() {
  for (const id of ['problem', 'restart-problem']) {
    byId(id).replaceChildren();
    show(byId(id), false);
  }
}

/** Lists the fields to fix, each a link that takes focus to the field. */
export function showErrorSummary(fields) {
  const box = byId('problem');
  const title = fields.length === 1 ? 'One answer needs fixing:' : `${fields.length} answers need fixing:`;
  const items = fields.map((field) => {
    const link = el('a', { href: `#${field.inputs[0].id}` }, field.question.label);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      field.focus();
    });
    return el('li', { 'data-key': field.key }, link);
  });
  box.className = 'problem error error-summary';
  box.replaceChildren(el('p', { class: 'summary-title' }, title), el('ul', {}, items));
  show(box, true);
}

/** Quietly drops fixed fields from the summary (removals are not announced), and the summary once empty. */
export function pruneErrorSummary(stillWrong) {
  const box = byId('problem');
  if (box.hidden || !box.classList.contains('error-summary')) {
    return;
  }
  const items = [...box.querySelectorAll('li[data-key]')];
  items.filter((item) => !stillWrong(item.dataset.key)).forEach((item) => item.remove());
  const left = box.querySelectorAll('li[data-key]').length;
  if (left === 0) {
    hideProblem();
  } else if (left < items.length) {
    box.querySelector('.summary-title').textContent = left === 1 ? 'One answer needs fixing:' : `${left} answers need fixing:`;
  }
}

const STATUS = {
  idle: ['', ''],
  saving: ['saving', 'Saving…'],
  saved: ['saved', 'Saved'],
  offline: ['offline', 'Offline — will retry'],
  rejected: ['rejected', 'Not saved — see the message by the field'],
};

export function showSaveStatus(name) {
  const [kind, text] = STATUS[name];
  const node = byId('save-status');
  node.className = `save-status ${kind}`;
  if (node.textContent !== text) {
    node.textContent = text;
  }
}
