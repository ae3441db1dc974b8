import { useRef, useState } from 'react';
import { api } from '../api.ts';

/**
 * Adds a gazetteer (CSV or TSV of name,label,variants) to the library's: its names are then
 * suggested in every document (G). Says how many names went in and which rows were left out, at
 * their file and line.
 */
export function GazetteerButton() {
  const picker = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState<{ text: string; problems: string[] } | null>(null);
  const add = async (file: File) => {
    try {
      const report = await api.importGazetteer({ file: file.name, text: await file.text() });
      const problems = report.problems.map(({ file: where, line, reason }) => `${where}:${line}: ${reason}`);
      const left = problems.length === 0 ? '' : `; ${problems.length} rows left out: ${problems[0]}${problems.length > 1 ? ' …' : ''}`;
      setSaid({ text: `${file.name}: ${report.entries} names added (G suggests them)${left}`, problems });
    } catch (error) {
      setSaid({ text: `${file.name} not added: ${(error as Error).message}`, problems: [] });
    }
  };
  return (
    <>
      <button className="topbar-button" title="Add a list of places and actors (CSV or TSV: name,label,variants)" onClick={() => picker.current?.click()}>
        Gazetteer…
      </button>
      <input
        ref={picker}
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
        hidden
        aria-label="Gazetteer file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void add(file);
          event.target.value = '';
        }}
      />
      {said ? (
        <span className="gazetteer-report" role="status" title={said.problems.join('\n')}>
          {said.text} <button onClick={() => setSaid(null)}>Dismiss</button>
        </span>
      ) : null}
    </>
  );
}
