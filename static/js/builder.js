// The survey builder (issue 8): /surveys/new and /surveys/{slug}/edit. A form over the definition
// (builder/form.js), a live preview drawn by the survey page's own field code, JSON import and
// export, and save with the server's per-path errors shown by the fields they belong to.

import { surveysApi } from './lib/api.js';
import { byId, el } from './lib/dom.js';
import { renderQuestion } from './lib/fields.js';
import { blankDefinition, toSend } from './builder/model.js';
import { renderSteps } from './builder/form.js';

const editing = location.pathname.match(/^\/surveys\/([^/]+)\/edit$/);
let slug = editing ? decodeURIComponent(editing[1]) : null;
let definition = blankDefinition();
let previewTimer;

function bindSurveyFields() {
  const fields = { 'b-title': 'title', 'b-slug': 'slug', 'b-intro': 'intro', 'b-thanks': 'thankYou' };
  for (const [id, name] of Object.entries(fields)) {
    const control = byId(id);
    control.value = definition[name] || '';
    control.oninput = () => { definition[name] = control.value; schedulePreview(); };
  }
  byId('b-slug').readOnly = Boolean(slug); // a survey keeps its address; copy it to get another
}

function render(focusKey) {
  renderSteps(byId('steps'), definition, onChange);
  if (focusKey) {
    const target = document.querySelector(`[data-focus="${CSS.escape(focusKey)}"]`)
      || document.querySelector(`[data-path="${CSS.escape(focusKey)}"]`) || byId(focusKey);
    if (target) {
      target.focus();
    }
  }
  schedulePreview();
}

function onChange(kind, focusKey) {
  if (kind === 'structure') {
    const active = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.focus : null;
    render(typeof focusKey === 'string' ? focusKey : active);
  } else {
    schedulePreview();
  }
}

function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(drawPreview, 150);
}

/** The survey as a respondent will see it, every step at once, drawn by the survey page's own code. */
function drawPreview() {
  const count = definition.steps.length;
  const parts = [el('h3', { class: 'preview-title' }, definition.title || 'Untitled survey'),
    definition.intro ? el('p', { class: 'intro' }, definition.intro) : null];
  definition.steps.forEach((step, s) => {
    parts.push(el('h4', { class: 'preview-step' }, `Step ${s + 1} of ${count}`));
    for (const question of step.questions) {
      try {
        parts.push(renderQuestion({ ...question, label: question.label || '(no question yet)',
          options: question.options || [] }).root);
      } catch (e) {
        parts.push(el('p', { class: 'muted' }, `(${question.key}: cannot be shown yet)`));
      }
    }
  });
  byId('preview').replaceChildren(...parts.filter(Boolean));
}

function clearProblems() {
  byId('problems').hidden = true;
  document.querySelectorAll('.b-error').forEach((n) => n.remove());
  document.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
}

/** The element a JSON path belongs to: the path itself, else its nearest parent in the form. */
function elementFor(path) {
  for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const found = document.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (found) {
      return found;
    }
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) {
      break;
    }
  }
  return null;
}

function showProblems(error) {
  clearProblems();
  const details = (error.body && error.body.details) || {};
  const list = el('ul', {});
  for (const [path, message] of Object.entries(details)) {
    const target = elementFor(path);
    const note = el('p', { class: 'b-error', role: 'note' }, message);
    if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) {
      target.setAttribute('aria-invalid', 'true');
      target.after(note);
    } else if (target) {
      target.append(note);
    }
    list.append(el('li', {}, `${path}: ${message}`));
  }
  const banner = byId('problems');
  banner.replaceChildren(el('p', {}, el('strong', {}, error.message)), list.children.length ? list : '');
  banner.hidden = false;
  banner.focus();
}

async function save() {
  clearProblems();
  byId('saved').hidden = true;
  try {
    const sent = toSend(definition);
    const saved = slug ? await surveysApi.replace(slug, sent) : await surveysApi.create(sent);
    if (!slug) {
      slug = saved.slug;
      history.replaceState(null, '', `/surveys/${encodeURIComponent(slug)}/edit`);
      byId('builder-heading').textContent = `Edit “${saved.title}”`;
      bindSurveyFields();
    }
    const page = `/survey/${encodeURIComponent(slug)}`;
    byId('saved').replaceChildren(`Saved (revision ${saved.revision}). `,
      el('a', { href: page }, 'Open the survey'), ' · ',
      el('a', { href: `/dashboard/${encodeURIComponent(slug)}` }, 'Open its dashboard'));
    byId('saved').hidden = false;
  } catch (e) {
    showProblems(e);
  }
}

function load(loaded) {
  definition = loaded;
  // Keys and option values of a loaded survey are stored with answers: they change only by hand.
  definition.steps.forEach((s) => s.questions.forEach((q) => {
    q.autoKey = false;
    (q.options || []).forEach((o) => { o.autoValue = false; });
  }));
  bindSurveyFields();
  render();
}

async function main() {
  if (slug) {
    const loaded = await surveysApi.get(slug);
    byId('builder-heading').textContent = `Edit “${loaded.title}”`;
    document.title = `Edit ${loaded.title} · LiveSurvey`;
    load(loaded);
  } else if (new URLSearchParams(location.search).get('copy')) {
    // "Copy" in the survey list: the same definition under a new slug, saved as a new survey.
    const original = await surveysApi.get(new URLSearchParams(location.search).get('copy'));
    load({ ...original, slug: `${original.slug}-copy`.slice(0, 64), title: `Copy of ${original.title}`.slice(0, 200) });
  } else {
    bindSurveyFields();
    render();
  }
  byId('save').addEventListener('click', save);
  byId('builder-form').addEventListener('submit', (e) => { e.preventDefault(); save(); });
  byId('add-step').addEventListener('click', () => {
    definition.steps.push({ questions: [] });
    render(`steps[${definition.steps.length - 1}].add`);
  });
  byId('export-json').addEventListener('click', () => {
    byId('json').value = JSON.stringify(toSend(definition), null, 2);
  });
  byId('import-json').addEventListener('click', () => {
    try {
      const imported = JSON.parse(byId('json').value);
      if (slug) {
        imported.slug = slug;
      }
      load({ ...blankDefinition(), ...imported, steps: imported.steps || [] });
    } catch (e) {
      showProblems({ message: `That is not JSON: ${e.message}` });
    }
  });
}

main().catch((e) => showProblems(e));
