import { useEffect, useRef, useState } from 'react';
import type { ClusterMatrix } from '../../../electron/contract/contract.ts';
import type { Stance } from '../../../electron/contract/claims.ts';
import { api } from '../api.ts';
import { saveAs } from '../export/download.ts';
import { useModal } from '../modal.ts';
import { columnName, matrixCsv } from './corpus-table.ts';
import './clusters.css';

const CELL = 64;
const ROW = 40;
const LABEL = 360;
const HEAD = 120;
const LEGEND = 44;
const LEGEND_WIDTH = 640;
const FONT = "'Noto Naskh Arabic', 'Noto Sans Arabic', 'DejaVu Sans', sans-serif";

/** Each stance has its own shape as well as its colour (never colour alone). */
const STANCE_LOOK: Readonly<Record<Stance, { colour: string; name: string }>> = {
  asserted: { colour: '#1f5fa8', name: 'asserted (filled disc)' },
  denied: { colour: '#c0392b', name: 'denied (cross)' },
  hedged: { colour: '#b9770e', name: 'hedged (dashed ring)' },
};

function Mark({ stance, x, y }: { stance: Stance; x: number; y: number }) {
  const { colour } = STANCE_LOOK[stance];
  if (stance === 'asserted') return <circle cx={x} cy={y} r={9} fill={colour} />;
  if (stance === 'denied') {
    return (
      <g stroke={colour} strokeWidth={4} strokeLinecap="round">
        <line x1={x - 8} y1={y - 8} x2={x + 8} y2={y + 8} />
        <line x1={x - 8} y1={y + 8} x2={x + 8} y2={y - 8} />
      </g>
    );
  }
  return <circle cx={x} cy={y} r={8} fill="none" stroke={colour} strokeWidth={3} strokeDasharray="4 3" />;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The picture itself: what is shown is what the SVG and PNG exports save. */
function MatrixPicture({ matrix, chosen }: { matrix: ClusterMatrix; chosen: number }) {
  // Room on the right for the last slanted heading, and at least the legend's width.
  const width = Math.max(LABEL + CELL * matrix.documents.length + 150, LEGEND_WIDTH);
  const height = HEAD + ROW * matrix.rows.length + LEGEND;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily={FONT} fontSize={14} className="corpus-picture" role="img" aria-label="Clusters by documents">
      <rect width={width} height={height} fill="#ffffff" />
      {matrix.documents.map((d, j) => (
        <text key={d.id} transform={`translate(${LABEL + CELL * j + CELL / 2 + 4}, ${HEAD - 8}) rotate(-40)`} fill="#222">
          <tspan fontWeight="bold">{clip(columnName(d), 22)}</tspan>
          {d.published ? (
            <tspan fill="#666" dx={6}>
              {d.published.slice(0, 10)}
            </tspan>
          ) : null}
        </text>
      ))}
      {matrix.rows.map((row, i) => {
        const y = HEAD + ROW * i;
        return (
          <g key={row.cluster} data-cluster={row.cluster}>
            <rect x={0} y={y} width={width} height={ROW} fill={i === chosen ? '#fff4c2' : i % 2 ? '#f6f6f4' : '#ffffff'} />
            {/* Right to left: the clipped end (…) at the left, the claim's start against the cells. */}
            <text x={LABEL - 10} y={y + ROW / 2 + 5} textAnchor="start" direction="rtl" fill="#222">
              <title>{row.title}</title>
              {clip(row.title, 46)}
            </text>
            {row.cells.map((cell, j) => {
              const x = LABEL + CELL * j + CELL / 2;
              return (
                <g key={j}>
                  <rect x={LABEL + CELL * j + 2} y={y + 2} width={CELL - 4} height={ROW - 4} fill="none" stroke="#ddd" />
                  {cell[0] ? <Mark stance={cell[0].stance} x={x} y={y + ROW / 2} /> : null}
                  {cell.length > 1 ? (
                    <text x={x + 14} y={y + ROW / 2 - 6} fontSize={11} fill="#222">
                      ×{cell.length}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        );
      })}
      {(['asserted', 'denied', 'hedged'] as const).map((stance, k) => (
        <g key={stance}>
          <Mark stance={stance} x={20 + k * 200} y={HEAD + ROW * matrix.rows.length + 24} />
          <text x={36 + k * 200} y={HEAD + ROW * matrix.rows.length + 29} fill="#222">
            {STANCE_LOOK[stance].name}
          </text>
        </g>
      ))}
    </svg>
  );
}

interface Props {
  readonly annotator: { annotator?: string };
  readonly onCompare: (clusterId: string) => void;
  readonly onClose: () => void;
}

/**
 * Clusters × documents: which outlet carries which claim, with its stance, as a picture to read
 * at a glance. ↑/↓ choose a cluster, Enter compares its claims; saved as SVG, PNG or CSV.
 */
export function CorpusView({ annotator, onCompare, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const picture = useRef<HTMLDivElement>(null);
  const [matrix, setMatrix] = useState<ClusterMatrix | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState(0);

  useEffect(() => {
    let live = true;
    api.clusterMatrix({ ...annotator }).then(
      (m) => live && setMatrix(m),
      (error: Error) => live && setProblem(error.message),
    );
    return () => {
      live = false;
    };
  }, [annotator.annotator]);

  useEffect(() => {
    const keys = (event: KeyboardEvent) => {
      if (!matrix || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') setChosen(Math.max(0, Math.min(matrix.rows.length - 1, chosen + (event.key === 'ArrowDown' ? 1 : -1))));
      else if (event.key === 'Enter' && matrix.rows[chosen]) onCompare(matrix.rows[chosen].cluster);
      else return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener('keydown', keys, true);
    return () => window.removeEventListener('keydown', keys, true);
  });
  useModal(dialog);

  const svgText = () => {
    const svg = picture.current?.querySelector('svg');
    return svg ? new XMLSerializer().serializeToString(svg) : null;
  };
  const save = (blob: Blob, file: string) => {
    const url = URL.createObjectURL(blob);
    saveAs(url, file);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  const saveSvg = () => {
    const text = svgText();
    if (text) save(new Blob([text], { type: 'image/svg+xml' }), 'hamish-clusters.svg');
  };
  const savePng = () => {
    const text = svgText();
    const svg = picture.current?.querySelector('svg');
    if (!text || !svg) return;
    const image = new Image();
    // A data: address, not a blob: one: the page's Content-Security-Policy lets images come only from itself and data:.
    image.onload = () => {
      // Twice the size: sharp on a high-density screen and in a slide.
      const canvas = document.createElement('canvas');
      canvas.width = svg.width.baseVal.value * 2;
      canvas.height = svg.height.baseVal.value * 2;
      const context = canvas.getContext('2d')!;
      context.scale(2, 2);
      context.drawImage(image, 0, 0);
      canvas.toBlob((png) => (png ? save(png, 'hamish-clusters.png') : setProblem('the picture could not be drawn as PNG')), 'image/png');
    };
    image.onerror = () => setProblem('the picture could not be drawn as PNG');
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  };

  return (
    <dialog ref={dialog} className="cluster-dialog corpus" aria-label="Clusters by documents" onClose={onClose}>
      <h2>Which outlet carries which claim</h2>
      {problem ? <p role="alert">{problem}</p> : null}
      {matrix === null ? (
        <p role="status">Reading the clusters…</p>
      ) : matrix.rows.length === 0 ? (
        <p role="status">No clusters yet: select a claim and press K to find the same claim in other documents.</p>
      ) : (
        <>
          <div className="corpus-scroll" ref={picture} onDoubleClick={() => matrix.rows[chosen] && onCompare(matrix.rows[chosen].cluster)}>
            <MatrixPicture matrix={matrix} chosen={chosen} />
          </div>
          <div className="corpus-actions">
            <button onClick={saveSvg}>Save SVG</button>
            <button onClick={savePng}>Save PNG</button>
            <button onClick={() => save(new Blob([matrixCsv(matrix)], { type: 'text/csv' }), 'hamish-clusters.csv')}>Save CSV</button>
          </div>
        </>
      )}
      <p className="cluster-status" role="status">
        ↑/↓ choose a cluster · <kbd>Enter</kbd> compare its claims · <kbd>Esc</kbd> close
      </p>
    </dialog>
  );
}
