// The column chooser: a checkbox per column; the admin's choice is remembered in localStorage.

export class ColumnChooser {
  constructor(fieldset, slug) {
    this.fieldset = fieldset;
    // Escape closes the chooser and puts focus back on its button, as a menu would.
    const details = fieldset.closest('details');
    details?.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && details.open) {
        details.open = false;
        details.querySelector('summary').focus();
      }
    });
    this.key = `livesurvey.dashboard.${slug}.hiddenColumns`;
    this.hidden = new Set(this.load());
  }

  load() {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) || '[]');
      return Array.isArray(stored) ? stored.filter((f) => typeof f === 'string') : [];
    } catch (e) {
      return [];
    }
  }

  save() {
    try {
      localStorage.setItem(this.key, JSON.stringify([...this.hidden]));
    } catch (e) {
      // storage full or disabled: the choice lasts until the page is reloaded
    }
  }

  /** @param columns [{field, title}] @param onChange (field, shown) */
  render(columns, onChange) {
    for (const { field, title } of columns) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = !this.hidden.has(field);
      box.addEventListener('change', () => {
        if (box.checked) {
          this.hidden.delete(field);
        } else {
          this.hidden.add(field);
        }
        this.save();
        onChange(field, box.checked);
      });
      label.append(box, ' ', title);
      this.fieldset.append(label);
    }
  }
}
