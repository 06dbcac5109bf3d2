// The table's columns, built from the survey definition: one per question, then started, last
// activity and the Completed flag. Every formatter builds DOM nodes and puts respondent text in
// with textContent: an answer is never parsed as HTML.

import { el } from '../lib/dom.js';
import { exactTime, relative, shortTime } from './format.js';

/** How long after the last keystroke a field still counts as "being edited right now". */
export const EDITING_WINDOW_MS = 15_000;

const EMAIL = /^[^\s@?#&/\\]+@[^\s@?#&/\\]+$/;


/** A header: the question's label (as text), sortable by click or keyboard, with a unique badge. */
function header(label, { unique = false, sortable = true } = {}) {
  return () => {
    const holder = el(sortable ? 'button' : 'span', { class: 'col-title' });
    if (sortable) {
      holder.type = 'button';
      holder.title = `Sort by ${label}`;
    }
    holder.append(el('span', { class: 'col-label' }, label));
    if (unique) {
      const badge = el('span', { class: 'badge badge-unique' }, 'unique');
      badge.title = 'Unique: no two responses may give the same answer';
      holder.append(' ', badge);
    }
    return holder;
  };
}

function optionLabels(question) {
  return new Map((question.options || []).map((o) => [o.value, o.label]));
}

/** The answer as a person reads it: option labels for choices, lists joined with commas. */
export function displayValue(question, value, labels = optionLabels(question)) {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.map((v) => labels.get(v) ?? v).join(', ');
  }
  return labels.get(value) ?? String(value);
}

export function isEditing(row, key, now = Date.now()) {
  return !row.completed && row.editing === key && now - Date.parse(row.updatedAt) < EDITING_WINDOW_MS;
}

/**
 * Marks the cell being edited right now ("typing…") and unmarks the others. Runs after every
 * render and update of a row (Tabulator re-formats only cells whose value changed, but the marker
 * moves when another field is typed in) and every few seconds, so idle fields lose the mark.
 */
export function markEditing(row, now = Date.now()) {
  const data = row.getData();
  for (const cell of row.getCells()) {
    const field = cell.getField();
    if (!field || !field.startsWith('answers.')) {
      continue;
    }
    const editing = isEditing(data, field.slice('answers.'.length), now);
    const element = cell.getElement();
    element.classList.toggle('is-editing', editing);
    const marker = element.querySelector('.typing');
    if (editing && !marker) {
      element.querySelector('.cell')?.append(el('span', { class: 'typing' }, 'typing…'));
    } else if (!editing && marker) {
      marker.remove();
    }
  }
}

function answerFormatter(question) {
  const labels = optionLabels(question);
  return (cell) => {
    const row = cell.getRow().getData();
    const text = displayValue(question, cell.getValue(), labels);
    const error = row.invalid && row.invalid[question.key];
    cell.getElement().classList.toggle('is-invalid', Boolean(error));
    const wrap = el('span', { class: 'cell' });
    let value;
    if (question.type === 'email' && !error && EMAIL.test(text)) {
      value = el('a', { class: 'cell-text' }, text);
      value.href = `mailto:${text}`;
    } else {
      value = el('span', { class: 'cell-text' }, text);
    }
    value.title = error ? `${text}\n${error}` : text;
    wrap.append(value);
    if (error) {
      const mark = el('span', { class: 'cell-invalid' }, '!');
      mark.title = error;
      mark.setAttribute('aria-label', `Invalid: ${error}`);
      wrap.prepend(mark);
    }
    return wrap;
  };
}

function timeFormatter(relativeToo) {
  return (cell) => {
    const iso = cell.getValue();
    if (!iso) {
      return el('span', { class: 'cell-empty' }, '—');
    }
    const node = el('time', { class: 'cell-time' }, relativeToo ? relative(iso) : shortTime(iso));
    node.dateTime = iso;
    node.title = exactTime(iso);
    return node;
  };
}

function completedFormatter(stepCount) {
  return (cell) => {
    const row = cell.getRow().getData();
    if (row.completed) {
      const node = el('span', { class: 'flag flag-done' }, 'Yes');
      if (row.completedAt) {
        node.title = `Completed ${exactTime(row.completedAt)}`;
      }
      return node;
    }
    const node = el('span', { class: 'flag flag-open' }, 'No');
    node.append(el('span', { class: 'flag-step' }, ` · step ${row.currentStep} of ${stepCount}`));
    node.title = `In progress: on step ${row.currentStep} of ${stepCount}`;
    return node;
  };
}

function deleteFormatter(onDelete) {
  return (cell) => {
    const row = cell.getRow().getData();
    const button = el('button', { class: 'button-small button-danger' }, 'Delete');
    button.type = 'button';
    button.setAttribute('aria-label', `Delete response ${row.id}`);
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      onDelete(row);
    });
    return button;
  };
}

/** Maps a column's field to the API's sort key, and back. */
export const SORT_KEYS = { startedAt: 'started', updatedAt: 'updated', completed: 'completed' };

export function sortKeyOf(field) {
  return SORT_KEYS[field] ?? field.replace(/^answers\./, '');
}

export function questionsOf(definition) {
  return definition.steps.flatMap((step) => step.questions);
}

/** Column definitions for Tabulator. `chooser` columns are the ones the admin may hide. */
export function buildColumns(definition, onDelete) {
  const questions = questionsOf(definition);
  const wide = (q) => q.type === 'textarea' || q.key === 'address';
  return [
    ...questions.map((q) => ({
      field: `answers.${q.key}`,
      title: q.label,
      titleFormatter: header(q.label, { unique: q.unique }),
      formatter: answerFormatter(q),
      minWidth: q.type === 'select' ? 80 : 120,
      maxWidth: wide(q) ? 320 : 260,
      widthGrow: wide(q) ? 2 : 1,
      chooser: true,
    })),
    {
      field: 'startedAt', title: 'Started', titleFormatter: header('Started'),
      formatter: timeFormatter(false), minWidth: 150, chooser: true,
    },
    {
      field: 'updatedAt', title: 'Last activity', titleFormatter: header('Last activity'),
      formatter: timeFormatter(true), minWidth: 120, chooser: true,
    },
    {
      field: 'completed', title: 'Completed', titleFormatter: header('Completed'),
      formatter: completedFormatter(definition.stepCount), minWidth: 150, chooser: true,
    },
    {
      field: 'actions', title: 'Actions', titleFormatter: header('Actions', { sortable: false }),
      headerSort: false, formatter: deleteFormatter(onDelete), minWidth: 90, width: 90,
      hozAlign: 'center', chooser: false,
    },
  ];
}
