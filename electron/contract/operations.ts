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
  'libraryPage',
  'openDocument',
  'createSpan',
  'deleteSpan',
  'updateSpan',
  'setStance',
  'linkRole',
  'unlinkRole',
  'reorderVia',
  'clusterCandidates',
  'joinCluster',
  'leaveCluster',
  'clusters',
  'cluster',
  'clusterMatrix',
  'clusterAgreement',
  'setScope',
  'rejectScope',
  'undo',
  'knownWords',
  'redo',
  'setDocumentStatus',
  'saveViewOffset',
  'setDocumentMeta',
  'importFiles',
  'exportDataset',
  'backupLibrary',
  'listBackups',
  'restoreLibrary',
  'agreement',
  'agreementSummary',
  'agreementDisagreements',
  'reviewDocument',
  'decide',
  'decideCard',
  'decideScope',
  'acceptAgreed',
  'nextDisagreement',
  'suggest',
  'propagate',
  'acceptSuggestions',
  'rejectSuggestions',
  'importGazetteer',
  'syncStatus',
  'syncNow',
  'setHub',
] as const;

export type Operation = (typeof OPERATIONS)[number];

export function isOperation(name: string): name is Operation {
  return (OPERATIONS as readonly string[]).includes(name);
}

/**
 * Operations that read or write wherever the caller names on this machine. No window calls them:
 * web mode uploads and downloads through routes of its own, and the desktop shell asks the analyst
 * in native dialogs; both run them as the core's jobs (jobs.ts). The doors a page reaches (IPC, the server's /api) do not
 * offer them, so a page gone wrong still cannot read or overwrite the analyst's files.
 */
const FILE_OPERATIONS = ['importFiles', 'exportDataset', 'backupLibrary', 'listBackups', 'restoreLibrary'] as const satisfies readonly Operation[];

/** What the renderer may call. */
export type WindowOperation = Exclude<Operation, (typeof FILE_OPERATIONS)[number]>;

export function isWindowOperation(name: string): name is WindowOperation {
  return isOperation(name) && !(FILE_OPERATIONS as readonly string[]).includes(name);
}

export const WINDOW_OPERATIONS: readonly WindowOperation[] = OPERATIONS.filter(isWindowOperation);
