/**
 * The names of the contract's operations, apart from their schemas so that code which only routes
 * calls (the Electron preload, bundled into every window) does not carry the validation library.
 * contract.ts defines exactly these, checked by the compiler.
 */
export const OPERATIONS = [
  'session',
  'setAnnotator',
  'listAnnotators',
  'listDocuments',
  'openDocument',
  'createSpan',
  'deleteSpan',
  'updateSpan',
  'undo',
  'knownWords',
  'redo',
  'setDocumentStatus',
  'saveViewOffset',
  'importFiles',
  'exportDataset',
  'backupLibrary',
  'listBackups',
  'restoreLibrary',
  'agreement',
  'reviewDocument',
  'decide',
  'acceptAgreed',
  'nextDisagreement',
] as const;

export type Operation = (typeof OPERATIONS)[number];

export function isOperation(name: string): name is Operation {
  return (OPERATIONS as readonly string[]).includes(name);
}
