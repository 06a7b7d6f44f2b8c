// Connection strings carry passwords; everything that leaves this package names host and database only.

/** `user@host:port/db` for a postgres URL, or a placeholder when it cannot be parsed. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    const port = u.port || '5432';
    const db = u.pathname.replace(/^\//, '') || '(default database)';
    return `${user}${u.hostname}:${port}/${db}`;
  } catch {
    return '(unparseable PostgreSQL URL)';
  }
}

/** Replaces the URL's password (raw and decoded) wherever it appears in `text`. */
export function redactSecret(text: string, url: string): string {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    const m = /:\/\/[^:/@]*:([^@]*)@/.exec(url);
    password = m?.[1] ?? '';
  }
  if (!password) return text;
  let out = text.split(password).join('***');
  const decoded = safeDecode(password);
  if (decoded) out = out.split(decoded).join('***');
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}
