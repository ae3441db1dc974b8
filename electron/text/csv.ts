/**
 * One CSV field as RFC 4180 writes it: quoted when it holds a quote, a comma or a line break.
 * Several values (a role's spans) are joined by " | ". The claims table and the corpus view's CSV.
 */
export function csvField(value: string | number | readonly string[]): string {
  const text = Array.isArray(value) ? value.join(' | ') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
