// The responses table: Tabulator showing one page at a time, sorted and paged on the server
// through the cursor API, and changed in place by live events.

import { TabulatorFull as Tabulator } from '/webjars/tabulator-tables/6.3.1/dist/js/tabulator_esm.min.mjs';
import { buildColumns, markEditing, sortKeyOf } from './columns.js';
import { KeyboardGrid } from './grid.js';
import { range, relative } from './format.js';

const DEFAULT_SORT = { sort: 'started', dir: 'desc' };

/** Newest first on page one: the only view where a brand-new response belongs at the top. */
function isDefaultView(view) {
  return view.cursor === null && view.sort === DEFAULT_SORT.sort && view.dir === DEFAULT_SORT.dir;
}

export class ResponsesTable {
  /**
   * @param element where the table goes
   * @param pager {range, first, prev, next, size} elements of the pager
   */
  constructor({ element, empty, pager, api, definition, onDelete, onError, hidden = new Set(), pageSize = 25 }) {
    this.api = api;
    this.empty = empty;
    this.requests = 0;
    this.pager = pager;
    this.onError = onError;
    this.view = { ...DEFAULT_SORT, cursor: null, limit: pageSize, filter: null };
    this.page = { total: 0, offset: 0, nextCursor: null, prevCursor: null };
    this.refreshTimer = null;
    this.ready = new Promise((resolve) => { this.markReady = resolve; });
    const columns = buildColumns(definition, onDelete);
    this.chooser = columns.filter((c) => c.chooser).map(({ field, title }) => ({ field, title }));
    this.table = new Tabulator(element, {
      index: 'id',
      layout: 'fitDataStretch',
      renderVertical: 'basic',
      columns: columns.map(({ chooser, ...column }) => ({
        headerSortStartingDir: ['startedAt', 'updatedAt', 'completed'].includes(column.field) ? 'desc' : 'asc',
        visible: !hidden.has(column.field),
        ...column,
      })),
      sortMode: 'remote',
      headerSortTristate: false,
      initialSort: [{ column: 'startedAt', dir: 'desc' }],
      ajaxURL: api.eventsUrl, // any URL: ajaxRequestFunc below does the fetching
      ajaxRequestFunc: (url, config, params) => this.fetchPage(params),
      dataLoader: false,
      rowFormatter: (row) => {
        row.getElement().dataset.responseId = row.getData().id;
        markEditing(row);
      },
      // No Tabulator placeholder: it centres in the scrolled width, off screen on a phone.
      placeholder: false,
      keybindings: false, // KeyboardGrid owns the keys
    });
    this.table.on('tableBuilt', () => {
      this.keyboard = new KeyboardGrid(this.table, {
        label: element.dataset.labelledby,
        description: element.dataset.describedby,
        actions: {
          nextPage: () => !pager.next.disabled && this.turn('nextCursor'),
          previousPage: () => !pager.prev.disabled && this.turn('prevCursor'),
          remove: (rowElement) => onDelete(this.table.getRow(rowElement).getData()),
        },
      });
      this.markReady();
    });
    for (const event of ['dataProcessed', 'rowAdded', 'rowDeleted']) {
      this.table.on(event, () => this.showEmpty());
    }
    this.table.on('dataLoadError', (error) => this.onError(error));
    pager.first.addEventListener('click', () => this.goTo(null));
    pager.prev.addEventListener('click', () => this.turn('prevCursor'));
    pager.next.addEventListener('click', () => this.turn('nextCursor'));
    pager.size.value = String(pageSize);
    pager.size.addEventListener('change', () => {
      this.view.limit = Number(pager.size.value);
      this.goTo(null);
    });
  }

  /** Called by Tabulator for every load: initial, header sort click, setData, replaceData. */
  async fetchPage(params) {
    const sorter = (params.sort || [])[0];
    if (sorter) {
      const sort = sortKeyOf(sorter.field);
      if (sort !== this.view.sort || sorter.dir !== this.view.dir) {
        Object.assign(this.view, { sort, dir: sorter.dir, cursor: null });
      }
    }
    const { sort, dir, limit, cursor, filter } = this.view;
    const request = ++this.requests;
    this.table.element.setAttribute('aria-busy', 'true');
    try {
      const reply = await this.api.responses({ sort, dir, limit, cursor, filter });
      if (request !== this.requests) {
        return reply.items; // a newer load overtook this one: Tabulator drops these rows too
      }
      this.page = {
        total: reply.total, offset: reply.offset,
        nextCursor: reply.nextCursor, prevCursor: reply.prevCursor,
      };
      this.renderPager(reply.items.length);
      return reply.items;
    } finally {
      this.table.element.removeAttribute('aria-busy');
    }
  }

  goTo(cursor) {
    this.view.cursor = cursor;
    return this.table.setData();
  }

  /**
   * Next or previous page. While a refresh is due, the cursors are from before live rows were
   * pushed onto this page: the next page would start past the rows pushed off it. Reload first.
   */
  async turn(cursor) {
    if (this.refreshTimer && !this.held) {
      await this.refresh();
    }
    return this.goTo(this.page[cursor]);
  }

  /** Reloads the page being looked at (same cursor, so the same place in the list). */
  refresh() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    if (this.held) {
      this.refreshPending = true; // paused: the admin sees nothing change until they resume
      return Promise.resolve();
    }
    this.refreshPending = false;
    return this.table.replaceData();
  }

  /** While held (live updates paused), background reloads wait; the admin's own clicks do not. */
  hold(held) {
    this.held = held;
    if (!held && this.refreshPending) {
      this.refresh();
    }
  }

  /** A refresh soon, for changes an event cannot patch exactly (a gap left by a delete). */
  refreshSoon() {
    if (!this.refreshTimer) {
      this.refreshTimer = setTimeout(() => this.refresh(), 500);
    }
  }

  setFilter(filter) {
    this.view.filter = filter;
    return this.goTo(null);
  }

  /** The total without a filter is the summary's count: keeps "of 1,234" live between loads. */
  setUnfilteredTotal(count) {
    if (!this.view.filter && count !== this.page.total) {
      this.page.total = count;
      this.renderPager(this.table.getDataCount());
    }
  }

  matchesFilter(row) {
    if (!this.view.filter) {
      return true;
    }
    // The server's filter: valid answers of completed responses, the set the pie counts.
    const [key, value] = this.view.filter.split(':');
    const answer = row.answers[key];
    const chosen = Array.isArray(answer) ? answer.includes(value) : answer === value;
    return chosen && row.completed && !(row.invalid && row.invalid[key]);
  }

  /** A `response` event: patch the row if shown; put a new one at the top of the newest-first page. */
  applyResponse(row) {
    if (this.shown(row.id)) {
      this.table.updateData([row]);
      return;
    }
    if (!isDefaultView(this.view) || !this.matchesFilter(row) || !this.isNewer(row)) {
      return;
    }
    this.table.addData([row], true);
    const rows = this.table.getRows();
    for (const extra of rows.slice(this.view.limit)) {
      extra.delete();
    }
    this.page.total += 1;
    this.renderPager(Math.min(rows.length, this.view.limit));
    this.refreshSoon(); // the next-page cursor now points past a row we pushed off this page
  }

  /** Whether a response is on the page shown (getRow would log a warning when it is not). */
  shown(id) {
    return this.table.searchRows('id', '=', id).length > 0;
  }

  showEmpty() {
    this.empty.hidden = this.table.getDataCount() > 0;
    this.empty.querySelector('strong').textContent = this.view.filter
      ? 'No responses match this filter.' : 'No responses yet.';
  }

  isNewer(row) {
    const rows = this.table.getData();
    if (rows.length < this.view.limit) {
      return true;
    }
    return Date.parse(row.startedAt) >= Date.parse(rows[rows.length - 1].startedAt);
  }

  /** A `deleted` event (or our own delete): the row goes now, the gap is filled by a reload. */
  applyDeleted(id) {
    const [row] = this.table.searchRows('id', '=', id);
    if (row) {
      row.delete();
      this.page.total = Math.max(0, this.page.total - 1);
      this.renderPager(this.table.getDataCount());
    }
    // Also when the row is not found (on another page, or the page was being reloaded as it was
    // deleted): the total and the pages around have changed all the same.
    this.refreshSoon();
  }

  /** Every few seconds: "5 s ago" moves on, and "typing…" markers of idle fields go away. */
  tick(now = Date.now()) {
    for (const row of this.table.getRows()) {
      const data = row.getData();
      const time = row.getCell('updatedAt')?.getElement().querySelector('time');
      if (time) {
        time.textContent = relative(data.updatedAt, now);
      }
      markEditing(row, now);
    }
  }

  /** The columns the admin may hide: [{field, title}]. */
  chooserColumns() {
    return this.chooser;
  }

  showColumn(field, shown) {
    const column = this.table.getColumn(field);
    if (column) {
      if (shown) {
        column.show();
      } else {
        column.hide();
      }
    }
  }

  renderPager(count) {
    const { total, offset, nextCursor, prevCursor } = this.page;
    this.pager.range.textContent = range(offset, count, total);
    this.pager.first.disabled = this.view.cursor === null && !prevCursor;
    this.pager.prev.disabled = !prevCursor;
    this.pager.next.disabled = !nextCursor;
  }
}
