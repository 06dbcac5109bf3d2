// The confirmation before a respondent deletes their own answers, in a real <dialog> (focus moves
// into it and back, Escape cancels).

/** Resolves true when the respondent chose to delete; false on "Keep my answers" or Escape. */
export function confirmErase(dialog) {
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'erase'), { once: true });
  });
}
