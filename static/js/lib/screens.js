// The survey page's screens around the fields: loading, a step (counter, progress, buttons) and
// the closing screen (thank you / already submitted).

import { byId, el, show } from './dom.js';
import { hideProblem, showSaveStatus } from './messages.js';

export function showRetrying() {
  byId('loading').textContent = 'Cannot reach the survey server — retrying…';
}

export function showStepScreen(definition, number) {
  const counter = `Step ${number} of ${definition.stepCount}`;
  byId('step-heading').textContent = counter;
  document.title = `${counter} · ${definition.title}`;
  byId('progress').replaceChildren(...definition.steps.map((s) => el('li', {
    class: s.number < number ? 'is-done' : s.number === number ? 'is-current' : null,
  })));
  show(byId('previous'), number > 1);
  byId('next').textContent = number === definition.stepCount ? 'Submit' : 'Next';
  hideProblem();
  show(byId('loading'), false);
  show(byId('done'), false);
  show(byId('survey-intro'), number === 1 && Boolean(definition.intro));
  show(byId('step'), true);
  show(byId('restart'), true);
  show(byId('erase-line'), true);
  byId('restart-note').textContent = 'with a blank form (answers already sent are kept)';
}

export function showDoneScreen(heading, text, definition) {
  hideProblem();
  show(byId('loading'), false);
  show(byId('step'), false);
  show(byId('survey-intro'), false);
  byId('done-heading').textContent = heading;
  byId('done-text').textContent = text;
  show(byId('done'), true);
  show(byId('restart'), true);
  show(byId('erase-line'), true);
  byId('restart-note').textContent = 'to answer the survey as someone new';
  showSaveStatus('idle');
  document.title = `${heading} · ${definition ? definition.title : 'LiveSurvey'}`;
}
