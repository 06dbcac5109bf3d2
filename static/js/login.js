// The admin log-in form: POST /api/login, then on to `next` (a path on this site) or /dashboard.

import { login, NetworkError } from './lib/api.js';

const form = document.getElementById('login-form');
const message = document.getElementById('login-message');
const button = document.getElementById('login-button');
const username = document.getElementById('username');
const password = document.getElementById('password');

/** Only a same-site path: "/x" but not "//evil.example" or "/\\evil.example" or "https://…". */
export function safeNext(raw) {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) {
    return '/dashboard';
  }
  const url = new URL(raw, window.location.origin);
  if (url.origin !== window.location.origin) {
    return '/dashboard';
  }
  return url.pathname + url.search + url.hash;
}

function show(text) {
  message.textContent = text;
}

async function logIn(event) {
  event.preventDefault();
  show('');
  if (!username.value || !password.value) {
    const empty = !username.value ? username : password;
    empty.setAttribute('aria-invalid', 'true');
    show('Enter your username and password.');
    empty.focus();
    return;
  }
  username.removeAttribute('aria-invalid');
  password.removeAttribute('aria-invalid');
  button.disabled = true;
  try {
    const reply = await login(username.value, password.value);
    if (reply.ok) {
      window.location.assign(safeNext(new URLSearchParams(window.location.search).get('next')));
      return;
    }
    show((reply.body && reply.body.error) || `Log in failed (${reply.status}).`);
    password.value = '';
    password.focus();
  } catch (e) {
    if (!(e instanceof NetworkError)) {
      throw e;
    }
    show('Cannot reach the server. Check your connection and try again.');
  } finally {
    button.disabled = false;
  }
}

form.addEventListener('submit', logIn);
