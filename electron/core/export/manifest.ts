/**
 * The manifest says what an export holds and how it was made, so a dataset found on a disk months
 * later can be trusted or redone: tool version, time, format, filters, layers, counts per label,
 * the unit of every offset, and the spans the format could not hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportFilters, Unrepresentable } from '../../contract/contract.ts';
import { packageRoot } from '../paths.ts';
import { byCodePoint, type ExportCounts } from './source.ts';

export interface Manifest {
  readonly tool: 'hamish';
  readonly tool_version: string;
  readonly created_at: string;
  readonly format: string;
  readonly options: Record<string, unknown>;
  readonly offset_unit: 'codepoint';
  /** The gold filter shows as the layer it is: annotators ["gold"]. */
  readonly filters: Record<Exclude<keyof ExportFilters, 'gold' | 'reviewed'>, readonly string[] | null> & { readonly reviewed: boolean };
  readonly layers: readonly string[];
  /** left_out: documents the status and review filters left out. */
  readonly counts: Omit<ExportCounts, 'leftOut'> & { readonly left_out: number };
  readonly unrepresentable: readonly Unrepresentable[];
  /** CoNLL: spans written wider than they are, out to whole tokens. */
  readonly widened: number;
}

export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

export function makeManifest(fields: {
  format: string;
  options: Record<string, unknown>;
  filters: ExportFilters;
  layers: readonly string[];
  counts: ExportCounts;
  now: Date;
  unrepresentable: readonly Unrepresentable[];
  widened: number;
}): Manifest {
  const { filters, counts } = fields;
  return {
    tool: 'hamish',
    tool_version: TOOL_VERSION,
    created_at: fields.now.toISOString(),
    format: fields.format,
    options: fields.options,
    offset_unit: 'codepoint',
    filters: {
      annotators: filters.annotators ?? null,
      statuses: filters.statuses ?? null,
      reviewed: filters.reviewed === true,
      labels: filters.labels ?? null,
      documents: filters.documents ?? null,
    },
    layers: fields.layers,
    counts: {
      documents: counts.documents,
      left_out: counts.leftOut,
      spans: counts.spans,
      labels: counts.labels,
      annotators: Object.fromEntries(Object.entries(counts.annotators).sort(([a], [b]) => byCodePoint(a, b))),
    },
    unrepresentable: fields.unrepresentable,
    widened: fields.widened,
  };
}
