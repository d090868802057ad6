// The admin API as the console calls it: same origin, the session cookie, and the header that
// tells the server this request comes from the console (its CSRF check for changes).

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request(method, path, body, contentType = 'application/json') {
  const headers = { 'x-strait-console': '1', accept: 'application/json' };
  let payload;
  if (body !== undefined) {
    headers['content-type'] = contentType;
    payload = contentType === 'application/json' ? JSON.stringify(body) : body;
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { text };
  }
  if (!response.ok) {
    const error = data && data.error;
    const message = typeof error === 'string' ? error : error?.message || `${response.status} ${response.statusText}`;
    const failure = new ApiError(response.status, error?.code || 'error', message);
    if (response.status === 401 && path !== '/admin/session') {
      window.dispatchEvent(new CustomEvent('strait:unauthorized'));
    }
    throw failure;
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body ?? {}),
  postText: (path, text) => request('POST', path, text, 'text/plain; charset=utf-8'),
  del: (path) => request('DELETE', path),
};

export function query(params) {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
