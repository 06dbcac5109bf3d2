// A yes/no question in a real <dialog> (focus moves into it and back, Escape answers no).

const pending = new WeakMap();

/**
 * Opens the dialog and resolves true when the button with value `yes` closed it; false on any
 * other button or Escape. The dialog's `close` event comes in a later task: under load the next
 * key press can be handled first and open the dialog again, and the close event still queued from
 * the last time must not answer this time (it answered "no" to a "Delete" pressed afterwards).
 */
export function ask(dialog, yes) {
  pending.get(dialog)?.(false);
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    const closed = () => {
      if (!dialog.open) {
        settle(dialog.returnValue === yes);
      }
    };
    const settle = (answer) => {
      dialog.removeEventListener('close', closed);
      pending.delete(dialog);
      resolve(answer);
    };
    pending.set(dialog, settle);
    dialog.addEventListener('close', closed);
  });
}
