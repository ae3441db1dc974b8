import type { UnitKind } from '../../../electron/contract/contract.ts';

export const KIND_NAMES: Record<UnitKind, string> = {
  agreed: 'Agreed',
  label: 'Same range, different label',
  range: 'Overlapping, different range',
  partial: 'Only some annotators',
};
