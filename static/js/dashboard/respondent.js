// "A respondent's data": find the responses that gave an answer (an email, say), download
// everything stored about that person as JSON, or erase it everywhere after a confirmation.

import { ask } from '../lib/ask.js';

const FREE_TEXT = ['text', 'email', 'textarea'];

function confirmErase(dialog, sentence) {
  dialog.querySelector('#erase-text').textContent = sentence;
  return ask(dialog, 'erase');
}

function download(data, filename) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function plural(n) {
  return n === 1 ? '1 response' : `${n.toLocaleString('en')} responses`;
}

/** @param questions the survey's questions; only free-text ones can find a person */
export function respondentData({ form, key, value, result, dialog, api, slug, questions }) {
  key.replaceChildren(...questions.filter((q) => FREE_TEXT.includes(q.type)).map((q) => {
    const option = document.createElement('option');
    option.value = q.key;
    option.textContent = q.label;
    option.selected = q.type === 'email';
    return option;
  }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const action = event.submitter?.value;
    const label = key.selectedOptions[0]?.textContent ?? key.value;
    const answer = value.value.trim();
    try {
      if (action === 'export') {
        const data = await api.respondentExport(key.value, answer);
        download(data, `${slug}-respondent.json`);
        result.textContent = `${plural(data.responses.length)} found with ${label} “${answer}”; downloaded.`;
        return;
      }
      if (!(await confirmErase(dialog, `Every response with ${label} “${answer}”.`))) {
        return;
      }
      const erased = await api.respondentErase(key.value, answer);
      result.textContent = `Erased ${plural(erased.erased)} with ${label} “${answer}”.`;
    } catch (e) {
      result.textContent = e.message;
    }
  });
}
