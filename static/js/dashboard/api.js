// The admin API of SPEC §3, as the dashboard uses it. Every call sends the session cookie; a 401
// means the session is gone, so the page goes to the login page and comes back afterwards.

const LOGIN = '/login?next=' + encodeURIComponent(location.pathname + location.search);

/** A failed API call, carrying the server's JSON error message. */
export class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

async function call(method, path, body) {
    const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    let reply;
    try {
        reply = await fetch(path, init);
    } catch (e) {
        throw new ApiError(0, 'The server cannot be reached.');
    }
    if (reply.status === 401) {
        location.assign(LOGIN);
        throw new ApiError(401, 'Log in as an admin first.');
    }
    if (!reply.ok) {
        let message = `The server answered ${reply.status}.`;
        try {
            message = (await reply.json()).error || message;
        } catch (e) {
            // not JSON: keep the status message
        }
        throw new ApiError(reply.status, message);
    }
    return reply.status === 204 ? null : reply.json();
}

/** The API of one survey. */
export function surveyApi(slug) {
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
        eventsUrl: `${base}/events`,
        exportCsvUrl: `${base}/export.csv`,
        exportJsonUrl: `${base}/export.json`,
    };
}

export function logout() {
    return call('POST', '/api/logout').catch(() => null).then(() => location.assign('/login'));
}
