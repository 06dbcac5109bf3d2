// Confirmation before a delete, in a real <dialog>: names the response so the admin knows which.

import { ask } from '../lib/ask.js';
import { shortTime } from './format.js';

export class DeleteDialog {
  constructor(dialog, questions) {
    this.dialog = dialog;
    this.text = dialog.querySelector('#confirm-text');
    this.nameKey = questions.find((q) => q.key === 'name')?.key;
    this.emailKey = questions.find((q) => q.type === 'email')?.key;
  }

  /** Resolves true when the admin chose Delete; false on Cancel or Escape. */
  confirm(row) {
    const who = [row.answers[this.nameKey], row.answers[this.emailKey]]
      .filter((v) => typeof v === 'string' && v.trim() !== '');
    const by = who.length ? ` by ${who.join(', ')}` : '';
    this.text.textContent = `Response #${row.id}${by}, started ${shortTime(row.startedAt)}.`;
    return ask(this.dialog, 'delete');
  }
}
