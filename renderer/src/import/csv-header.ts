/** The column names in the first record of a CSV file (RFC 4180 quoting), read from its start. */
export async function csvColumns(file: Blob): Promise<string[]> {
  const start = (await file.slice(0, 64 * 1024).text()).replace(/^\uFEFF/, '');
  const columns: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < start.length; i++) {
    const char = start[i]!;
    if (quoted) {
      if (char === '"' && start[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      columns.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') break;
    else field += char;
  }
  columns.push(field);
  return columns.map((c) => c.trim());
}
