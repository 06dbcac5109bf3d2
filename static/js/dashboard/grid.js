// Keyboard use and ARIA for the responses table (the WAI-ARIA grid pattern). Tabulator draws the
// table; this module corrects the roles it gets wrong for a grid (axe: aria-required-children and
// -parent), makes the grid one Tab stop, and moves between cells with the arrow keys.
//
// Keys, when a cell has focus: arrows move one cell; Home / End go to the first / last cell of the
// row, with Ctrl to the first / last row; Page Down / Page Up show the next / previous page; Enter
// or Space use what is in the cell (sort by a column, open an email, delete); Delete asks to delete
// the focused row's response.

const WIDGETS = 'a[href], button, input, select, textarea, [tabindex]';

function visible(element) {
  return element.getClientRects().length > 0;
}

export class KeyboardGrid {
  /**
   * @param table the Tabulator instance, once built
   * @param actions {nextPage(), previousPage(), remove(rowElement)}; each may be left out
   */
  constructor(table, { label, description, actions = {} }) {
    this.grid = table.element;
    this.actions = actions;
    // Until the admin moves, the Tab stop is the first response's first cell (the header when none).
    this.position = { row: 1, col: 0 };
    this.focusInside = false;
    this.fixRoles(label, description);
    this.grid.addEventListener('keydown', (e) => this.keydown(e));
    this.grid.addEventListener('focusin', (e) => this.focused(e.target));
    this.grid.addEventListener('focusout', (e) => this.left(e));
    // Tabulator redraws rows and cells on every load and live update: keep one Tab stop throughout.
    this.observer = new MutationObserver(() => this.scheduleSync());
    this.observer.observe(this.grid, { childList: true, subtree: true });
    this.sync();
  }

  /** The grid owns rows only: wrappers get no role, and nothing in between takes focus itself. */
  fixRoles(label, description) {
    const grid = this.grid;
    grid.setAttribute('aria-labelledby', label);
    if (description) {
      grid.setAttribute('aria-describedby', description);
    }
    grid.querySelector('.tabulator-header-contents')?.setAttribute('role', 'none');
    grid.querySelector('.tabulator-tableholder')?.removeAttribute('tabindex');
  }

  rows() {
    const header = this.grid.querySelector('.tabulator-headers');
    const body = [...this.grid.querySelectorAll('.tabulator-table > [role=row]')];
    return [header, ...body].filter((row) => row && visible(row));
  }

  cells(row) {
    return [...row.querySelectorAll(':scope > [role=columnheader], :scope > [role=gridcell]')].filter(visible);
  }

  /** What takes focus in a cell: its one link or button if it has one, else the cell itself. */
  target(cell) {
    const widgets = [...cell.querySelectorAll('a[href], button')];
    return widgets.length === 1 ? widgets[0] : cell;
  }

  /** The cell nearest a position (rows and columns come and go): {cell, row, col}, or null. */
  cellAt({ row, col }) {
    const rows = this.rows();
    if (!rows.length) {
      return null;
    }
    const r = Math.max(0, Math.min(row, rows.length - 1));
    const cells = this.cells(rows[r]);
    if (!cells.length) {
      return null;
    }
    const c = Math.max(0, Math.min(col, cells.length - 1));
    return { cell: cells[c], row: r, col: c };
  }

  scheduleSync() {
    if (!this.syncQueued) {
      this.syncQueued = true;
      queueMicrotask(() => {
        this.syncQueued = false;
        this.sync();
      });
    }
  }

  /** One Tab stop: the current cell's target; every other focusable thing in the grid is -1. */
  sync() {
    // Tabulator's own load-error box (hidden by the CSS): the page has one alert, outside the grid.
    this.grid.querySelector('.tabulator-alert-msg[role]')?.removeAttribute('role');
    const current = this.cellAt(this.position)?.cell;
    const target = current && this.target(current);
    for (const element of this.grid.querySelectorAll(`${WIDGETS}, [role=gridcell], [role=columnheader]`)) {
      if (element !== target) {
        element.setAttribute('tabindex', '-1');
      }
    }
    if (target) {
      target.setAttribute('tabindex', '0');
      const lost = !document.activeElement || document.activeElement === document.body;
      if (this.focusInside && lost) {
        target.focus(); // the focused row was deleted, or the page changed under it
      }
    }
  }

  focused(element) {
    this.focusInside = true;
    const cell = element.closest('[role=gridcell], [role=columnheader]');
    if (!cell) {
      return;
    }
    const rows = this.rows();
    const row = rows.indexOf(cell.closest('[role=row]'));
    const col = row < 0 ? -1 : this.cells(rows[row]).indexOf(cell);
    if (row >= 0 && col >= 0 && (row !== this.position.row || col !== this.position.col)) {
      this.position = { row, col };
      this.sync();
    }
  }

  /**
   * Focus left the grid for somewhere else (remember that: live updates must not pull it back), or
   * the focused element was removed by a redraw (it should come back, to the same place).
   */
  left(event) {
    if (event.relatedTarget) {
      this.focusInside = this.grid.contains(event.relatedTarget);
      return;
    }
    setTimeout(() => {
      if (event.target.isConnected && !this.grid.contains(document.activeElement)) {
        this.focusInside = false;
      }
    });
  }

  move(row, col) {
    const found = this.cellAt({ row, col });
    if (found) {
      this.position = { row: found.row, col: found.col };
      this.sync();
      this.target(found.cell).focus();
    }
  }

  keydown(event) {
    if (event.altKey || event.metaKey || event.target.closest('input, select, textarea')) {
      return;
    }
    const { row, col } = this.cellAt(this.position) ?? { row: 0, col: 0 };
    const last = Number.MAX_SAFE_INTEGER;
    const moves = {
      ArrowUp: () => this.move(row - 1, col),
      ArrowDown: () => this.move(row + 1, col),
      ArrowLeft: () => this.move(row, col - 1),
      ArrowRight: () => this.move(row, col + 1),
      Home: () => this.move(event.ctrlKey ? 0 : row, 0),
      End: () => this.move(event.ctrlKey ? last : row, last),
      PageDown: () => this.actions.nextPage?.(),
      PageUp: () => this.actions.previousPage?.(),
      Delete: () => {
        const rowElement = event.target.closest('.tabulator-table [role=row]');
        if (rowElement) {
          this.actions.remove?.(rowElement);
        }
      },
    };
    const action = moves[event.key];
    if (action) {
      event.preventDefault();
      event.stopPropagation();
      action();
    }
  }
}
