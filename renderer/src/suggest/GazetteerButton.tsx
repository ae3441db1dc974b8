import { api } from '../api.ts';
import type { Banner } from '../banner.ts';

/**
 * Adds a gazetteer (CSV or TSV of name,label,variants) to the library's: its names are then
 * suggested in every document (G). Says how many names went in and which rows were left out, at
 * their file and line (all of them in the banner's tooltip).
 */
export function GazetteerButton({ onReport }: { onReport: (report: Banner) => void }) {
  const add = async (file: File) => {
    try {
      const report = await api.importGazetteer({ file: file.name, text: await file.text() });
      const problems = report.problems.map(({ file: where, line, reason }) => `${where}:${line}: ${reason}`);
      const left = problems.length === 0 ? '' : `; ${problems.length} rows left out: ${problems[0]}${problems.length > 1 ? ' …' : ''}`;
      onReport({ kind: 'told', text: `${file.name}: ${report.entries} names added (F finds them)${left}`, detail: problems.join('\n') });
    } catch (error) {
      onReport({ kind: 'problem', text: `${file.name} not added: ${(error as Error).message}`, detail: '' });
    }
  };
  // The file input is made when asked for: the page's one file input stays the import's.
  const choose = () => {
    const picker = document.createElement('input');
    picker.type = 'file';
    picker.accept = '.csv,.tsv,.txt,text/csv,text/tab-separated-values';
    picker.addEventListener('change', () => {
      const file = picker.files?.[0];
      if (file) void add(file);
    });
    picker.click();
  };
  return (
    <button className="topbar-button" title="Add a list of places and actors (CSV or TSV: name,label,variants)" onClick={choose}>
      Gazetteer…
    </button>
  );
}
