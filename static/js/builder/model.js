// The builder's model: a survey definition in exactly the shape the API reads and returns, and
// the edits the form makes to it. No DOM here.

export const TYPES = [
  ['text', 'Short text'],
  ['textarea', 'Long text'],
  ['email', 'Email'],
  ['number', 'Number'],
  ['radio', 'Single choice (buttons)'],
  ['select', 'Single choice (dropdown)'],
  ['checkbox', 'Multiple choice (checkboxes)'],
];

const CHOICE = ['radio', 'select', 'checkbox'];
const TEXTUAL = ['text', 'textarea', 'email'];

export const isChoice = (type) => CHOICE.includes(type);
export const isTextual = (type) => TEXTUAL.includes(type);

/** The summary kinds a question of this type can show, with the words the form uses for them. */
export function summaryKinds(question) {
  const numeric = (question.options || []).length > 0
    && question.options.every((o) => /^-?\d{1,9}$/.test(o.value));
  switch (question.type) {
    case 'number': return [['average', 'Average'], ['distribution', 'Distribution (bars)']];
    case 'radio':
    case 'select':
      return [['shares', 'Pie chart of the answers'], ['distribution', 'Distribution (bars)'],
        ...(numeric ? [['average', 'Average']] : [])];
    case 'checkbox': return [['top', 'Top 3 answers'], ['distribution', 'Distribution (bars)']];
    default: return [];
  }
}

const SUFFIX = { average: 'Average', distribution: 'Distribution', shares: 'Shares', top: 'Top' };

/** A summary's property name in the summary JSON: kept if it had one, else derived from the key. */
export function summaryFor(question, kind) {
  const existing = (question.summaries || []).find((s) => s.kind === kind);
  return existing || { kind, name: `${question.key || 'q'}${SUFFIX[kind]}`.replace(/[^a-zA-Z0-9]/g, '') };
}

export function blankDefinition() {
  return { slug: '', title: '', intro: '', thankYou: '', steps: [{ questions: [blankQuestion(1)] }] };
}

export function blankQuestion(n) {
  return { key: `question_${n}`, label: '', help: '', type: 'text', required: false, options: [], summaries: [] };
}

/** A key a person would type, from a label: "Favourite colour" → favourite_colour. */
export function keyFrom(label) {
  const key = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return /^[a-z]/.test(key) ? key : `q_${key}`.replace(/_+$/, '');
}

/** Changing type drops the settings the new type has no use for (and gives a choice two options). */
export function changeType(question, type) {
  question.type = type;
  if (!isTextual(type)) {
    delete question.minLength;
    delete question.maxLength;
  }
  if (type !== 'number') {
    delete question.min;
    delete question.max;
    delete question.integer;
  }
  if (type !== 'checkbox') {
    delete question.minPicks;
    delete question.maxPicks;
  }
  if (isChoice(type) && !(question.options || []).length) {
    question.options = [{ value: 'option_1', label: 'Option 1' }, { value: 'option_2', label: 'Option 2' }];
  }
  if (!isChoice(type)) {
    question.options = [];
  }
  if (isChoice(type) || type === 'textarea') {
    question.unique = false;
  }
  const allowed = summaryKinds(question).map(([kind]) => kind);
  question.summaries = (question.summaries || []).filter((s) => allowed.includes(s.kind));
}

/** Moves list[index] by delta (-1 up, +1 down); false when it cannot move. */
export function move(list, index, delta) {
  const to = index + delta;
  if (to < 0 || to >= list.length) {
    return false;
  }
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item);
  return true;
}

/** The definition to send: derived fields dropped, empty optional settings left out. */
export function toSend(definition) {
  const clean = (q) => {
    const out = { ...q };
    for (const name of ['minLength', 'maxLength', 'min', 'max', 'minPicks', 'maxPicks']) {
      if (out[name] === '' || out[name] === null || out[name] === undefined || Number.isNaN(out[name])) {
        delete out[name];
      }
    }
    delete out.step;
    delete out.autoKey; // the form's own notes: whether the key (an option's value) follows the label
    out.options = (out.options || []).map(({ value, label }) => ({ value, label }));
    return out;
  };
  return {
    slug: definition.slug,
    title: definition.title,
    intro: definition.intro,
    thankYou: definition.thankYou,
    steps: definition.steps.map((s) => ({ questions: s.questions.map(clean) })),
  };
}
