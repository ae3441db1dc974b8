import { brat } from './brat.ts';
import { claimsCsv, claimsJson } from './claims-table.ts';
import { conll } from './conll.ts';
import { doccano } from './doccano.ts';
import type { ExportFormat } from '../../contract/contract.ts';
import type { FormatWriter } from './writer.ts';
import { jsonl } from './jsonl.ts';
import { labelstudio } from './labelstudio.ts';
import { prodigy } from './prodigy.ts';

/** Every export format's writer, by the name the contract and `hamish export --format` use. */
export const WRITERS: Readonly<Record<ExportFormat, FormatWriter>> = {
  jsonl,
  prodigy,
  doccano,
  labelstudio,
  brat,
  conll,
  'claims-csv': claimsCsv,
  'claims-json': claimsJson,
};
