// The one client every page uses to talk JSON to the LiveSurvey API.
// request(): a failed fetch (offline, server unreachable) becomes a NetworkError; every HTTP
// answer, good or bad, comes back as {status, ok, body, retryAfter} (the survey page retries).
// call(): for admin pages; a 401 goes to the login page and comes back, any other failure throws
// an ApiError carrying the server's JSON error message.

export class NetworkError extends Error {
  constructor(cause) {
    super('The server could not be reached.');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

export async function request(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new NetworkError(e);
  }
  let data = null;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch (e) {
      // A proxy's HTML error page or a cut-off body: the status alone has to do.
      data = null;
    }
  }
  const retryAfter = Number(response.headers.get('Retry-After')) || 0;
  return { status: response.status, ok: response.ok, body: data, retryAfter };
}

/** A failed admin API call, carrying the server's JSON error message (status 0: unreachable). */
export class ApiError extends Error {
  constructor(status, message, body = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

function loginUrl() {
  return '/login?next=' + encodeURIComponent(location.pathname + location.search);
}

/** An admin call: the reply's JSON body (null for 204), or an ApiError. */
export async function call(method, url, body) {
  let reply;
  try {
    reply = await request(method, url, body);
  } catch (e) {
    if (e instanceof NetworkError) {
      throw new ApiError(0, 'The server cannot be reached.');
    }
    throw e;
  }
  if (reply.status === 401) {
    location.assign(loginUrl());
    throw new ApiError(401, 'Log in as an admin first.');
  }
  if (!reply.ok) {
    throw new ApiError(reply.status, (reply.body && reply.body.error) || `The server answered ${reply.status}.`,
      reply.body);
  }
  return reply.body;
}

/** The respondent side of the API (SPEC §3) for one survey. */
export function surveyApi(slug) {
  const base = `/api/surveys/${encodeURIComponent(slug)}`;
  const me = `${base}/responses/me`;
  return {
    definition: () => request('GET', base),
    start: () => request('POST', `${base}/responses`),
    answer: (key, value) => request('PUT', `${me}/answers/${encodeURIComponent(key)}`, { value }),
    step: (n) => request('POST', `${me}/steps/${n}`),
    complete: () => request('POST', `${me}/complete`),
    reset: () => request('DELETE', me),
    erase: () => request('POST', `${me}/erase`),
  };
}

/** The admin side of the API (SPEC §3) for one survey, as the dashboard uses it. */
export function adminApi(slug) {
  const base = `/api/surveys/${encodeURIComponent(slug)}`;
  return {
    definition: () => call('GET', base),
    /** One page: {sort, dir, limit, cursor, filter} → {total, offset, items, nextCursor, prevCursor}. */
    responses(query) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        if (value !== null && value !== undefined && value !== '') {
          params.set(name, value);
        }
      }
      return call('GET', `${base}/responses?${params}`);
    },
    remove: (id) => call('DELETE', `${base}/responses/${encodeURIComponent(id)}`),
    summary: () => call('GET', `${base}/summary`),
    /** Started and completed per bucket ('hour': last 48 hours, 'day': last 90 days). */
    trends: (bucket) => call('GET', `${base}/trends?bucket=${encodeURIComponent(bucket)}`),
    webhooks: webhookApi(base),
    retention: () => call('GET', `${base}/retention`),
    /** Respondents' rights: {key, value} of an answer → everything about them, or erase it all. */
    respondentExport: (key, value) => call('POST', `${base}/respondents/export`, { key, value }),
    respondentErase: (key, value) => call('POST', `${base}/respondents/erase`, { key, value }),
    eventsUrl: `${base}/events`,
    exportCsvUrl: `${base}/export.csv`,
    exportJsonUrl: `${base}/export.json`,
  };
}

/** A survey's webhook endpoints (issue 11): register, list, change, delete, delivery log, test event. */
function webhookApi(base) {
  const hooks = `${base}/webhooks`;
  const one = (id) => `${hooks}/${encodeURIComponent(id)}`;
  return {
    list: () => call('GET', hooks),
    create: (url, events) => call('POST', hooks, { url, events }),
    update: (id, changes) => call('PATCH', one(id), changes),
    remove: (id) => call('DELETE', one(id)),
    deliveries: (id) => call('GET', `${one(id)}/deliveries`),
    test: (id) => call('POST', `${one(id)}/test`),
  };
}

/** The admin's survey API (issue 8): list, create, replace, open/close and delete surveys. */
export const surveysApi = {
  list: () => call('GET', '/api/surveys'),
  get: (slug) => call('GET', `/api/surveys/${encodeURIComponent(slug)}`),
  create: (definition) => call('POST', '/api/surveys', definition),
  replace: (slug, definition) => call('PUT', `/api/surveys/${encodeURIComponent(slug)}`, definition),
  setStatus: (slug, status) => call('PATCH', `/api/surveys/${encodeURIComponent(slug)}`, { status }),
  remove: (slug) => call('DELETE', `/api/surveys/${encodeURIComponent(slug)}`),
};

/** Logs in: the raw reply, so the login page can show the server's message. */
export function login(username, password) {
  return request('POST', '/api/login', { username, password });
}

export function logout() {
  return call('POST', '/api/logout').catch(() => null).then(() => location.assign('/login'));
}

/** True for answers worth retrying later: the network, a busy or failing server, a rate limit. */
export function isTransient(status) {
  return status === 408 || status === 429 || status >= 500;
}

/** The survey a page is for: /survey is the seeded 'default', /survey/{slug} any other. */
export function slugFromPath(path) {
  const match = /^\/survey\/([^/]+)\/?$/.exec(path);
  return match ? decodeURIComponent(match[1]) : 'default';
}

/**
 * Calls the API until it answers with something other than a transient failure, backing off
 * (and calling onWait) while the server cannot be reached; the browser coming online cuts a wait short.
 */
export async function patiently(call, onWait) {
  for (let attempt = 0; ; attempt++) {
    try {
      const reply = await call();
      if (!isTransient(reply.status)) {
        return reply;
      }
    } catch (e) {
      if (!(e instanceof NetworkError)) {
        throw e;
      }
    }
    onWait();
    await new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        window.removeEventListener('online', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(15000, 1000 * 2 ** attempt));
      window.addEventListener('online', done);
    });
  }
}
