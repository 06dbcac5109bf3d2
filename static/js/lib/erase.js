// The confirmation before a respondent deletes their own answers, in a real <dialog> (focus moves
// into it and back, Escape cancels).

import { ask } from './ask.js';

/** Resolves true when the respondent chose to delete; false on "Keep my answers" or Escape. */
export function confirmErase(dialog) {
  return ask(dialog, 'erase');
}
