// The builder's form: one fieldset per step and per question, with the settings of each type.
// Values are written to the model as they are typed; adding, removing, moving and changing a type
// rebuild the form (and put focus back on the control that was used).

import { el } from '../lib/dom.js';
import { TYPES, changeType, isChoice, isTextual, keyFrom, move, summaryFor, summaryKinds } from './model.js';

let ids = 0;

/** A labelled input bound to question[name]; kind: text, number, checkbox, textarea. */
function input(obj, name, label, path, kind, onChange, extra = {}) {
  const id = `b${ids += 1}`;
  if (kind === 'checkbox') {
    const box = el('input', { type: 'checkbox', id, 'data-path': path, ...extra });
    box.checked = Boolean(obj[name]);
    box.addEventListener('change', () => { obj[name] = box.checked; onChange('value'); });
    return el('div', { class: 'b-check' }, box, el('label', { for: id }, label));
  }
  const control = kind === 'textarea' ? el('textarea', { id, rows: 2, 'data-path': path, ...extra })
    : el('input', { id, type: kind === 'number' ? 'number' : 'text', 'data-path': path, ...extra });
  control.value = obj[name] ?? '';
  control.addEventListener('input', () => {
    obj[name] = kind === 'number' ? (control.value === '' ? '' : Number(control.value)) : control.value;
    onChange('value', control);
  });
  return el('div', { class: 'b-field' }, el('label', { for: id }, label), control);
}

function button(label, name, onClick, focusKey) {
  const b = el('button', { type: 'button', class: 'button secondary small', 'aria-label': name, 'data-focus': focusKey },
    label);
  b.addEventListener('click', onClick);
  return b;
}

function options(q, path, onChange) {
  const rows = q.options.map((o, j) => {
    const op = `${path}.options[${j}]`;
    const name = o.label || `option ${j + 1}`;
    // A new option's value follows its label until the value is edited by hand.
    const value = input(o, 'value', `Option ${j + 1} value`, `${op}.value`, 'text', onChange, { spellcheck: 'false' });
    value.querySelector('input').addEventListener('input', () => { o.autoValue = false; });
    const label = input(o, 'label', `Option ${j + 1} label`, `${op}.label`, 'text', (kind) => {
      if (o.autoValue !== false) {
        o.value = keyFrom(o.label);
        value.querySelector('input').value = o.value;
      }
      onChange(kind);
    });
    return el('li', { class: 'b-option', 'data-path': op }, label, value,
      el('div', { class: 'row-actions' },
        button('↑', `Move option “${name}” up`, () => move(q.options, j, -1) && onChange('structure'), `${op}.up`),
        button('↓', `Move option “${name}” down`, () => move(q.options, j, 1) && onChange('structure'), `${op}.down`),
        button('Remove', `Remove option “${name}”`, () => { q.options.splice(j, 1); onChange('structure'); },
          `${path}.addOption`)));
  });
  const add = button('Add option', `Add an option to “${q.label || 'this question'}”`, () => {
    const n = q.options.length + 1;
    q.options.push({ value: `option_${n}`, label: `Option ${n}` });
    onChange('structure');
  }, `${path}.addOption`);
  return el('div', { class: 'b-options', 'data-path': `${path}.options` },
    el('p', { class: 'b-sub' }, 'Options (the value is stored; the label can change later)'),
    el('ol', {}, rows), add);
}

function summaries(q, path, onChange) {
  const kinds = summaryKinds(q);
  if (!kinds.length) {
    return null;
  }
  const boxes = kinds.map(([kind, words]) => {
    const id = `b${ids += 1}`;
    const box = el('input', { type: 'checkbox', id });
    box.checked = (q.summaries || []).some((s) => s.kind === kind);
    box.addEventListener('change', () => {
      const others = (q.summaries || []).filter((s) => s.kind !== kind);
      q.summaries = box.checked ? [...others, summaryFor(q, kind)] : others;
      onChange('value');
    });
    return el('div', { class: 'b-check' }, box, el('label', { for: id }, words));
  });
  return el('fieldset', { class: 'b-summaries', 'data-path': `${path}.summaries` },
    el('legend', {}, 'On the dashboard'), boxes);
}

function typeSelect(q, path, onChange) {
  const id = `b${ids += 1}`;
  const select = el('select', { id, 'data-path': `${path}.type`, 'data-focus': `${path}.type` },
    TYPES.map(([value, words]) => el('option', { value }, words)));
  select.value = q.type;
  select.addEventListener('change', () => { changeType(q, select.value); onChange('structure'); });
  return el('div', { class: 'b-field' }, el('label', { for: id }, 'Type'), select);
}

function question(step, s, i, onChange) {
  const q = step.questions[i];
  const path = `steps[${s}].questions[${i}]`;
  const name = q.label || `question ${i + 1}`;
  const label = input(q, 'label', 'Question', `${path}.label`, 'text', (kind, control) => {
    if (q.autoKey !== false && control) {
      q.key = keyFrom(q.label);
      control.closest('fieldset').querySelector(`[data-path="${path}.key"]`).value = q.key;
    }
    onChange(kind);
  });
  const key = input(q, 'key', 'Key (stored with the answers)', `${path}.key`, 'text', onChange, { spellcheck: 'false' });
  key.querySelector('input').addEventListener('input', () => { q.autoKey = false; });
  const parts = [label, typeSelect(q, path, onChange), key,
    input(q, 'help', 'Help text', `${path}.help`, 'text', onChange),
    el('div', { class: 'b-row' }, input(q, 'required', 'Required', `${path}.required`, 'checkbox', onChange),
      isChoice(q.type) || q.type === 'textarea' ? null
        : input(q, 'unique', 'No two responses may give the same answer', `${path}.unique`, 'checkbox', onChange))];
  if (isTextual(q.type)) {
    parts.push(el('div', { class: 'b-row' },
      input(q, 'minLength', 'Fewest characters', `${path}.minLength`, 'number', onChange, { min: 0 }),
      input(q, 'maxLength', 'Most characters', `${path}.maxLength`, 'number', onChange, { min: 1 })));
  }
  if (q.type === 'number') {
    parts.push(el('div', { class: 'b-row' },
      input(q, 'min', 'Smallest answer', `${path}.min`, 'number', onChange, { step: 'any' }),
      input(q, 'max', 'Largest answer', `${path}.max`, 'number', onChange, { step: 'any' }),
      input(q, 'integer', 'Whole numbers only', `${path}.integer`, 'checkbox', onChange)));
  }
  if (isChoice(q.type)) {
    parts.push(options(q, path, onChange));
  }
  if (q.type === 'checkbox') {
    parts.push(el('div', { class: 'b-row' },
      input(q, 'minPicks', 'Fewest ticks', `${path}.minPicks`, 'number', onChange, { min: 0 }),
      input(q, 'maxPicks', 'Most ticks', `${path}.maxPicks`, 'number', onChange, { min: 1 })));
  }
  parts.push(summaries(q, path, onChange));
  const card = el('fieldset', { class: 'b-question', 'data-path': path },
    el('legend', {}, `Question ${i + 1}`), ...parts,
    el('div', { class: 'row-actions' },
      button('Move up', `Move question “${name}” up`, () => moveQuestion(step, s, i, -1, onChange), `${path}.up`),
      button('Move down', `Move question “${name}” down`, () => moveQuestion(step, s, i, 1, onChange), `${path}.down`),
      button('Remove question', `Remove question “${name}”`, () => {
        step.questions.splice(i, 1);
        onChange('structure');
      }, `steps[${s}].add`)));
  // Keyboard reordering: Alt+↑ / Alt+↓ anywhere in the question.
  card.addEventListener('keydown', (e) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      moveQuestion(step, s, i, e.key === 'ArrowUp' ? -1 : 1, onChange);
    }
  });
  return card;
}

function moveQuestion(step, s, i, delta, onChange) {
  if (move(step.questions, i, delta)) {
    onChange('structure', `steps[${s}].questions[${i + delta}].${delta < 0 ? 'up' : 'down'}`);
  }
}

/** Renders every step of the definition into root. */
export function renderSteps(root, definition, onChange) {
  const count = definition.steps.length;
  root.replaceChildren(...definition.steps.map((step, s) => el('fieldset', { class: 'b-step', 'data-path': `steps[${s}]` },
    el('legend', {}, `Step ${s + 1} of ${count}`),
    el('div', { 'data-path': `steps[${s}].questions` }, step.questions.map((q, i) => question(step, s, i, onChange))),
    el('div', { class: 'row-actions' },
      button('Add a question', `Add a question to step ${s + 1}`, () => {
        const n = definition.steps.reduce((sum, st) => sum + st.questions.length, 0) + 1;
        step.questions.push({ key: `question_${n}`, label: '', help: '', type: 'text', required: false,
          options: [], summaries: [] });
        onChange('structure', `steps[${s}].questions[${step.questions.length - 1}].type`);
      }, `steps[${s}].add`),
      button('Move step up', `Move step ${s + 1} up`, () => move(definition.steps, s, -1)
        && onChange('structure', `steps[${s - 1}].stepUp`), `steps[${s}].stepUp`),
      button('Move step down', `Move step ${s + 1} down`, () => move(definition.steps, s, 1)
        && onChange('structure', `steps[${s + 1}].stepDown`), `steps[${s}].stepDown`),
      button('Remove step', `Remove step ${s + 1}`, () => {
        definition.steps.splice(s, 1);
        onChange('structure', 'add-step');
      }, `steps[${s}].remove`)))));
}
