import type { Input } from '../../../electron/contract/contract.ts';

/** What the Export dialog asks for: `exportDataset`'s input without `out`. */
export type ExportChoice = Omit<Input<'exportDataset'>, 'out'>;

export interface ExportSummary {
  readonly file: string;
  readonly documents: number;
  readonly spans: number;
  readonly unrepresentable: number;
}

/**
 * Web mode: the server writes the export and sends it back as one file (a ZIP for several); the
 * browser saves it through a blob URL and a download link, which the page's CSP allows.
 */
export async function downloadExport(choice: ExportChoice): Promise<ExportSummary> {
  if (window.hamish) throw new Error('Exporting from the desktop window is not available yet: use hamish export');
  const response = await fetch('download/export', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(choice),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `the export failed (${response.status})`);
  }
  const file = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'hamish-export';
  const report = JSON.parse(response.headers.get('X-Hamish-Export') ?? '{}') as Partial<ExportSummary>;
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the blob to the download; revoke once it has been read.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return { file, documents: report.documents ?? 0, spans: report.spans ?? 0, unrepresentable: report.unrepresentable ?? 0 };
}
