// One question of the survey definition as form controls: a labelled input, select or textarea,
// or a fieldset of radios / checkboxes, with its help text and a message line for the verdict.

import { el } from './dom.js';

// Autofill hints for the seeded survey's keys; other surveys simply get none.
const AUTOCOMPLETE = { name: 'name', email: 'email', address: 'street-address' };

export function renderQuestion(question) {
  const id = `q-${question.key}`;
  const helpId = `${id}-help`;
  const msgId = `${id}-msg`;
  const described = question.help ? `${helpId} ${msgId}` : msgId;
  const help = question.help ? el('p', { class: 'help', id: helpId }, question.help) : null;
  const message = el('p', { class: 'field-msg', id: msgId, 'aria-live': 'polite' });
  const title = [question.label, question.required ? null : el('span', { class: 'optional' }, ' (optional)')];

  let root;
  let inputs;
  let read;
  let write;
  let counter = null;
  if (question.type === 'radio' || question.type === 'checkbox') {
    inputs = question.options.map((option, i) => el('input', {
      type: question.type, id: `${id}-${i}`, name: question.key, value: option.value,
      'aria-describedby': described,
    }));
    const rows = question.options.map((option, i) =>
      el('div', { class: 'option' }, inputs[i], el('label', { for: inputs[i].id }, option.label)));
    root = el('fieldset', { class: `field choice ${question.type}`, id },
      el('legend', {}, title), help, el('div', { class: 'options' }, rows), message);
    if (question.type === 'radio') {
      read = () => (inputs.find((input) => input.checked) || { value: '' }).value;
      write = (value) => inputs.forEach((input) => { input.checked = input.value === value; });
    } else {
      read = () => inputs.filter((input) => input.checked).map((input) => input.value);
      write = (value) => {
        const chosen = new Set(Array.isArray(value) ? value : []);
        inputs.forEach((input) => { input.checked = chosen.has(input.value); });
      };
    }
  } else {
    const control = controlFor(question, id, described);
    inputs = [control];
    if (question.type === 'textarea' && question.maxLength) {
      counter = el('span', { class: 'counter', 'aria-hidden': 'true' });
    }
    root = el('div', { class: `field ${question.type}` },
      el('label', { for: id }, title), help, control, el('div', { class: 'field-foot' }, message, counter));
    read = () => control.value;
    write = (value) => { control.value = typeof value === 'string' ? value : ''; };
  }
  if (question.required) {
    inputs.forEach((input) => input.setAttribute('aria-required', 'true'));
  }
  if (counter) {
    const update = () => { counter.textContent = `${[...inputs[0].value].length} / ${question.maxLength}`; };
    inputs[0].addEventListener('input', update);
    const plainWrite = write;
    write = (value) => { plainWrite(value); update(); };
  }

  return {
    key: question.key,
    question,
    root,
    inputs,
    read,
    write,
    /** Moves focus to the field (the first option of a group). */
    focus: () => inputs[0].focus(),
    /** kind: 'error' (text says why), 'ok', or null for no verdict shown. */
    feedback(kind, text) {
      message.replaceChildren();
      root.classList.toggle('has-error', kind === 'error');
      root.classList.toggle('is-valid', kind === 'ok');
      inputs.forEach((input) => {
        if (kind === 'error') {
          input.setAttribute('aria-invalid', 'true');
        } else {
          input.removeAttribute('aria-invalid');
        }
      });
      if (kind === 'error') {
        message.append(el('span', { class: 'icon', 'aria-hidden': 'true' }, '!'),
          el('span', { class: 'sr-only' }, 'Error: '), text);
      } else if (kind === 'ok') {
        message.append(el('span', { class: 'icon', 'aria-hidden': 'true' }, '✓'), 'Looks good');
      }
    },
  };
}

function controlFor(question, id, described) {
  const common = { id, name: question.key, 'aria-describedby': described };
  if (question.type === 'textarea') {
    return el('textarea', { ...common, rows: 5 });
  }
  if (question.type === 'select') {
    const placeholder = el('option', { value: '' }, 'Choose…');
    return el('select', common, placeholder,
      question.options.map((option) => el('option', { value: option.value }, option.label)));
  }
  const email = question.type === 'email';
  return el('input', {
    ...common,
    type: email ? 'email' : 'text',
    autocomplete: AUTOCOMPLETE[question.key] || 'off',
    spellcheck: email ? 'false' : null,
    autocapitalize: email ? 'off' : null,
    inputmode: email ? 'email' : (question.type === 'number' ? (question.integer ? 'numeric' : 'decimal') : null),
  });
}

/** Whether an answer has anything in it (a blank optional answer gets no tick). */
export function isFilled(value) {
  return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.trim() !== '';
}
