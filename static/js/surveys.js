// The admin's survey list (issue 8): status, counts, and links to each survey's page, dashboard
// and editor; open / close, and delete after a confirmation.

import { surveysApi } from './lib/api.js';
import { byId, el } from './lib/dom.js';
import { compact, exactTime, relative, whole } from './dashboard/format.js';

function showError(error) {
  const banner = byId('error');
  banner.textContent = error.message || String(error);
  banner.hidden = false;
}

/** Asks before deleting: the survey's responses go with it. */
function confirmDelete(survey) {
  const dialog = byId('confirm-delete');
  byId('confirm-text').textContent = `“${survey.title}” and all of its ${whole(survey.responses)} `
    + `responses will be deleted for good. This cannot be undone.`;
  return new Promise((resolve) => {
    const done = (answer) => {
      byId('confirm-ok').onclick = null;
      byId('confirm-cancel').onclick = null;
      dialog.close();
      resolve(answer);
    };
    byId('confirm-ok').onclick = () => done(true);
    byId('confirm-cancel').onclick = () => done(false);
    dialog.addEventListener('cancel', () => resolve(false), { once: true });
    dialog.showModal();
    byId('confirm-cancel').focus();
  });
}

function actionButton(label, onClick, className = 'button secondary small') {
  const button = el('button', { type: 'button', class: className }, label);
  button.addEventListener('click', onClick);
  return button;
}

function row(survey, reload) {
  const path = encodeURIComponent(survey.slug);
  const open = survey.status === 'open';
  const toggle = actionButton(open ? 'Close' : 'Open', async () => {
    try {
      await surveysApi.setStatus(survey.slug, open ? 'closed' : 'open');
      await reload();
    } catch (e) {
      showError(e);
    }
  });
  toggle.setAttribute('aria-label', `${open ? 'Close' : 'Open'} “${survey.title}”`);
  const remove = actionButton('Delete', async () => {
    if (await confirmDelete(survey)) {
      try {
        await surveysApi.remove(survey.slug);
        await reload();
      } catch (e) {
        showError(e);
      }
    }
  }, 'button secondary small danger');
  remove.setAttribute('aria-label', `Delete “${survey.title}”`);
  const last = survey.lastActivity
    ? el('time', { datetime: survey.lastActivity, title: exactTime(survey.lastActivity) }, relative(survey.lastActivity))
    : el('span', { class: 'muted' }, 'never');
  const link = (href, text, label) => el('a', { href, 'aria-label': `${text} of “${survey.title}”`, title: label }, text);
  return el('tr', { 'data-slug': survey.slug },
    el('th', { scope: 'row' }, el('span', { class: 'survey-title' }, survey.title),
      el('span', { class: 'slug' }, survey.slug)),
    el('td', {}, el('span', { class: `status status-${survey.status}` }, open ? 'Open' : 'Closed')),
    el('td', { class: 'num', 'data-label': 'Responses', title: `${whole(survey.responses)} responses` },
      compact(survey.responses)),
    el('td', { class: 'num', 'data-label': 'Completed', title: `${whole(survey.completed)} completed` },
      compact(survey.completed)),
    el('td', {}, last),
    el('td', { class: 'actions-cell' }, el('div', { class: 'actions' },
      link(`/survey/${path}`, 'Page', 'The survey as respondents see it'),
      link(`/dashboard/${path}`, 'Dashboard', 'Responses arriving live'),
      link(`/surveys/${path}/edit`, 'Edit', 'Change the questions'),
      link(`/surveys/new?copy=${path}`, 'Copy', 'A new survey with the same questions'),
      toggle, remove)));
}

async function load() {
  const surveys = await surveysApi.list();
  byId('loading').hidden = true;
  const table = byId('surveys');
  table.hidden = false;
  table.tBodies[0].replaceChildren(...surveys.map((s) => row(s, load)));
  if (!surveys.length) {
    table.tBodies[0].append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No surveys yet.')));
  }
}

load().catch(showError);
