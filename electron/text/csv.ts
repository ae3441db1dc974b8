/**
 * One CSV field as RFC 4180 writes it: quoted when it holds a quote, a comma or a line break.
 * Several values (a role's spans) are joined by " | "; null (no cluster) is empty. The claims table
 * and the corpus view's CSV.
 */
export function csvField(value: string | number | readonly string[] | null): string {
  const text = Array.isArray(value) ? value.join(' | ') : value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
