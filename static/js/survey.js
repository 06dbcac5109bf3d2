// The respondent's page: renders whatever survey definition the API returns, one step at a time,
// sends answers in the background through the outbox, and lets the server judge every answer.

import { patiently, slugFromPath, surveyApi } from './lib/api.js';
import { byId, show } from './lib/dom.js';
import { isFilled, renderQuestion } from './lib/fields.js';
import { confirmErase } from './lib/erase.js';
import { Outbox, StoredOutbox } from './lib/outbox.js';
import { showDoneScreen, showRetrying, showStepScreen } from './lib/screens.js';
import {
  hideProblem, problemText, pruneErrorSummary, showErrorSummary, showProblem, showSaveStatus,
} from './lib/messages.js';

const DEBOUNCE_MS = 350;
const slug = slugFromPath(location.pathname);
const api = surveyApi(slug);

const page = {
  definition: null,
  step: 1,
  values: {},          // key -> what the respondent typed or chose
  verdicts: {},        // key -> {valid, error}: the server's word on the value it holds
  touched: new Set(),  // fields whose errors may show (left once, or checked by NEXT)
  fields: new Map(),   // key -> rendered field of the step on screen
  busy: false,
};

const outbox = new Outbox(api.answer, new StoredOutbox(`livesurvey.unsent.${slug}`), {
  verdict(key, body, current) {
    if (current) {
      page.verdicts[key] = { valid: body.valid, error: body.error };
      renderFeedback(key);
    }
  },
  rejected(key, message) {
    page.verdicts[key] = { valid: false, error: message };
    page.touched.add(key);
    renderFeedback(key);
  },
  gone(status) {
    if (status === 409) {
      showDone('Survey already submitted.', 'Your answers were received. Thank you!', true);
    } else {
      load({ focus: true, notice: problemText.restarted });
    }
  },
  status(name) {
    if (!byId('step').hidden) {
      showSaveStatus(name);
    }
  },
});

/** Starts or resumes this browser's response and shows the step it is on. */
async function load({ focus = false, notice = null } = {}) {
  byId('survey').setAttribute('aria-busy', 'true');
  if (!page.definition) {
    const reply = await patiently(api.definition, showRetrying);
    if (!reply.ok) {
      byId('loading').textContent = reply.status === 404
        ? `There is no survey called “${slug}”.` : 'The survey could not be loaded. Please reload the page.';
      return;
    }
    page.definition = reply.body;
    byId('survey-title').textContent = page.definition.title;
    byId('survey-intro').textContent = page.definition.intro;
  }
  if (page.definition.status === 'closed') {
    showClosed();
    return;
  }
  const started = await patiently(api.start, showRetrying);
  byId('survey').setAttribute('aria-busy', 'false');
  if (started.status === 409) {
    showClosed();
    return;
  }
  if (!started.ok) {
    byId('loading').textContent = 'The survey could not be started. Please reload the page.';
    return;
  }
  resume(started.body);
  if (notice) {
    showProblem(notice);
  }
  if (focus) {
    byId(started.body.completed ? 'done-heading' : 'step-heading').focus();
  }
}

function resume(state) {
  page.values = {};
  page.verdicts = {};
  page.touched.clear();
  outbox.begin(state.id, state.completed ? {} : state.answers);
  if (state.completed) {
    outbox.discardUnsent();
    const when = new Date(state.completedAt).toLocaleString([], { dateStyle: 'long', timeStyle: 'short' });
    showDone('Survey already submitted.', `Your answers were received on ${when}. Thank you!`, false);
    return;
  }
  for (const [key, answer] of Object.entries(state.answers)) {
    page.values[key] = answer.value;
    page.verdicts[key] = { valid: answer.valid, error: answer.error };
    if (isFilled(answer.value)) {
      page.touched.add(key);
    }
  }
  // What was typed here but never reached the server is newer than what the server holds.
  const known = new Set(page.definition.steps.flatMap((s) => s.questions.map((q) => q.key)));
  for (const [key, value] of Object.entries(outbox.unsent(state.id))) {
    if (known.has(key)) {
      page.values[key] = value;
      outbox.put(key, value);
    }
  }
  showStep(state.currentStep, false);
}

function showStep(number, focus) {
  const { definition } = page;
  const step = definition.steps.find((s) => s.number === number) || definition.steps[0];
  page.step = step.number;
  page.fields = new Map();
  const fields = step.questions.map((question) => {
    const field = renderQuestion(question);
    field.write(page.values[question.key] ?? (question.type === 'checkbox' ? [] : ''));
    wire(field);
    page.fields.set(question.key, field);
    return field.root;
  });
  byId('fields').replaceChildren(...fields);
  page.fields.forEach((field, key) => renderFeedback(key));

  showStepScreen(definition, step.number);
  showSaveStatus(outbox.status());
  if (focus) {
    byId('step-heading').focus();
  }
}

function wire(field) {
  const { key } = field;
  const typed = ['text', 'email', 'textarea', 'number'].includes(field.question.type);
  const take = () => { page.values[key] = field.read(); };
  field.root.addEventListener('input', () => {
    take();
    outbox.put(key, page.values[key], typed ? DEBOUNCE_MS : 0);
  });
  field.root.addEventListener('change', () => { take(); send(key); });
  field.root.addEventListener('focusout', (event) => {
    if (field.root.contains(event.relatedTarget)) {
      return; // moving between the options of one group
    }
    take();
    page.touched.add(key);
    send(key);
    if (!outbox.busy(key)) {
      renderFeedback(key); // otherwise the verdict on the new value will render it
    }
  });
}

/** Sends the field's value now (leaving a field, a choice made, NEXT). */
function send(key) {
  outbox.put(key, page.values[key]);
}

function renderFeedback(key) {
  const field = page.fields.get(key);
  const verdict = page.verdicts[key];
  if (!field) {
    return;
  }
  if (verdict && !verdict.valid && page.touched.has(key)) {
    field.feedback('error', verdict.error);
  } else if (verdict && verdict.valid && isFilled(page.values[key])) {
    field.feedback('ok');
  } else {
    field.feedback(null);
  }
  pruneErrorSummary((k) => page.verdicts[k] && !page.verdicts[k].valid);
}

/** NEXT (or Submit on the last step): send what is unsent, then let the server judge the step. */
async function advance() {
  hideProblem();
  for (const field of page.fields.values()) {
    page.values[field.key] = field.read();
    page.touched.add(field.key);
    send(field.key);
  }
  const flushed = await outbox.flush();
  if (flushed.gone) {
    return;
  }
  if (flushed.offline) {
    showProblem(problemText.offline(byId('next').textContent), 'warn');
    return;
  }
  const refused = [...page.fields.keys()].filter((key) => outbox.rejection(key));
  if (refused.length > 0) {
    refused.forEach(renderFeedback);
    showErrors(refused);
    return;
  }
  const last = page.step === page.definition.stepCount;
  let reply;
  try {
    reply = await (last ? api.complete() : api.step(page.step));
  } catch (e) {
    showProblem(problemText.offline(byId('next').textContent), 'warn');
    return;
  }
  if (reply.ok && last) {
    outbox.discardUnsent();
    showDone(page.definition.thankYou, 'You can close this page now.', true);
  } else if (reply.ok) {
    await refreshDefinition();
    showStep(reply.body.nextStep, true);
  } else if (reply.status === 422 && reply.body && reply.body.details) {
    refuse(reply.body.details);
  } else if (reply.status === 404 || reply.status === 409) {
    await load({ focus: true, notice: reply.status === 404 ? problemText.restarted : reply.body && reply.body.error });
  } else {
    showProblem((reply.body && reply.body.error) || problemText.failed(reply.status));
  }
}

/**
 * The survey's owner may have edited it since the page loaded: the next step shows the current
 * revision. Cheap when nothing changed: the browser revalidates with the ETag and gets a 304.
 */
async function refreshDefinition() {
  try {
    const reply = await api.definition();
    if (reply.ok && reply.body && reply.body.revision !== page.definition.revision) {
      page.definition = reply.body;
      byId('survey-title').textContent = page.definition.title;
      byId('survey-intro').textContent = page.definition.intro;
    }
  } catch (e) {
    // Offline: carry on with the definition we have.
  }
}

function showClosed() {
  byId('survey').setAttribute('aria-busy', 'false');
  showDone('This survey is closed.', 'It no longer takes responses. Thank you for your interest.', false);
}

/** The server refused a step: show each field's reason, on the step of the first one. */
function refuse(details) {
  const keys = Object.keys(details);
  keys.forEach((key) => {
    page.verdicts[key] = { valid: false, error: details[key] };
    page.touched.add(key);
  });
  const stepOf = (key) => page.definition.steps.find((s) => s.questions.some((q) => q.key === key));
  const here = keys.filter((key) => page.fields.has(key));
  if (here.length === 0 && stepOf(keys[0])) {
    showStep(stepOf(keys[0]).number, false);
  }
  const shown = keys.filter((key) => page.fields.has(key));
  shown.forEach(renderFeedback);
  showErrors(shown);
}

function showErrors(keys) {
  const fields = keys.map((key) => page.fields.get(key));
  showErrorSummary(fields);
  fields[0].focus();
}

function showDone(heading, text, focus) {
  page.fields = new Map();
  showDoneScreen(heading, text, page.definition);
  if (focus) {
    byId('done-heading').focus();
  }
}

/** Reset & retry: forget this browser's response and begin a blank one. */
async function startAgain() {
  let reply;
  try {
    reply = await api.reset();
  } catch (e) {
    showProblem(problemText.offlineRestart, 'warn', 'restart-problem');
    return;
  }
  if (!reply.ok && reply.status !== 404) {
    showProblem((reply.body && reply.body.error) || problemText.failed(reply.status), 'error', 'restart-problem');
    return;
  }
  outbox.begin(null, {});
  outbox.discardUnsent();
  await load({ focus: true });
}

/** "Delete my answers": after a confirmation, the response is erased on the server, not just forgotten here. */
async function eraseMyAnswers() {
  if (!(await confirmErase(byId('confirm-erase')))) {
    return;
  }
  let reply;
  try {
    reply = await api.erase();
  } catch (e) {
    showProblem(problemText.offlineErase, 'warn', 'restart-problem');
    return;
  }
  if (!reply.ok && reply.status !== 404) { // 404: nothing is stored for this browser, which is the aim
    showProblem((reply.body && reply.body.error) || problemText.failed(reply.status), 'error', 'restart-problem');
    return;
  }
  outbox.begin(null, {});
  outbox.discardUnsent();
  page.values = {};
  showDone('Your answers have been deleted.', 'Nothing you entered in this survey is kept.', true);
  byId('restart-note').textContent = 'to answer the survey afresh';
  show(byId('erase-line'), false);
}

async function guarded(action) {
  if (page.busy) {
    return;
  }
  page.busy = true;
  byId('survey').classList.add('is-busy');
  byId('next').setAttribute('aria-disabled', 'true');
  try {
    await action();
  } finally {
    page.busy = false;
    byId('survey').classList.remove('is-busy');
    byId('next').removeAttribute('aria-disabled');
  }
}

byId('step-form').addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(advance);
});
byId('previous').addEventListener('click', () => {
  if (page.busy) {
    return;
  }
  page.fields.forEach((field, key) => send(key));
  showStep(page.step - 1, true);
});
byId('start-again').addEventListener('click', () => guarded(startAgain));
byId('erase').addEventListener('click', () => guarded(eraseMyAnswers));
window.addEventListener('online', () => outbox.retryNow());
// Leaving the page: send what is still in its debounce (localStorage keeps it if this fails).
window.addEventListener('pagehide', () => outbox.retryNow());
load();
