/**
 * Every key of the article, once: the editor's and the review's handlers, the footer's key list
 * and the desktop's Tag menu are all made from this table. Plain data with no zod, no DOM and no
 * React, so that both Electron main and the page can import it.
 *
 * A binding says which command a chord means in one context. The page asks the contexts that
 * apply, most particular first (a card's armed role, then the open card, then the editor), and
 * the first binding whose command is taken wins: so one key press is one command.
 */
import type { Role } from './claims.ts';
import { LABEL_NAMES, LABELS, type Label } from './labels.ts';

/**
 * Where a binding applies: the editor; an open claim card; a card with a role armed; a card with
 * its via role armed (↑/↓ order the chain); the review.
 */
export type KeyContext = 'editor' | 'card' | 'card-armed' | 'via-armed' | 'review';

/** A modifier that must be held (true), must not be (false), or may be either ('any'). */
export type Held = boolean | 'any';

/**
 * A key with its modifiers. `key` is a physical key (KeyboardEvent.code: KeyS, Digit1, Numpad1),
 * so letters work on an Arabic layout too, or a named key (KeyboardEvent.key: Tab, ArrowLeft,
 * Enter, Escape, Delete). `ctrl` is Ctrl or, on a Mac, Cmd.
 */
export interface Chord {
  readonly key: string;
  readonly shift: Held;
  readonly ctrl: Held;
  readonly alt: Held;
}

export interface Nudge {
  readonly edge: 'start' | 'end';
  /** Towards the end of the text: ← in right-to-left text. */
  readonly forward: boolean;
  readonly by: 'word' | 'letter';
}

export type ClusterKey = 'link' | 'compare' | 'corpus';

/** Each command's payload (undefined: none). */
export interface CommandPayloads {
  'span.tag': Label;
  'span.delete': undefined;
  'span.step': 1 | -1;
  'span.nudge': Nudge;
  'span.strip': undefined;
  'span.note': undefined;
  'cursor.move': { readonly forward: boolean; readonly extend: boolean };
  'selection.clear': undefined;
  'history.undo': undefined;
  'history.redo': undefined;
  'document.step': 1 | -1;
  'document.done': undefined;
  'cluster.open': ClusterKey;
  'card.toggle': undefined;
  'card.arm': Role;
  'card.stance': undefined;
  'card.cycle': 1 | -1;
  'card.via-pick': 1 | -1;
  'card.via-move': 1 | -1;
  'card.unlink': undefined;
  'card.commit': undefined;
  'card.disarm': undefined;
  'card.close': undefined;
  'scope.toggle': undefined;
  'scope.ends-here': undefined;
  'scope.proposal': 1 | -1;
  'scope.keep': undefined;
  /** Wide: count the library's occurrences too. */
  'suggest.propagate': { readonly wide: boolean };
  'suggest.find': undefined;
  'suggest.step': 1 | -1;
  /** All: every suggestion of the same text and label. */
  'suggest.accept': { readonly all: boolean };
  'suggest.reject': { readonly all: boolean };
  'review.relabel': Label;
  'review.move': 'next' | 'previous';
  'review.version': 1 | -1;
  'review.accept': undefined;
  'review.accept-agreed': undefined;
  'review.reject': undefined;
  'review.drop-edit': undefined;
}

export type CommandId = keyof CommandPayloads;

interface BindingOf<K extends CommandId> {
  readonly context: KeyContext;
  readonly chord: Chord;
  readonly command: K;
  readonly payload: CommandPayloads[K];
  /** What the key does, for the Tag menu. */
  readonly label: string;
  /**
   * The footer's words for it. Bindings of a context with the same hint are one footer entry,
   * their keys side by side; a binding without one (Numpad 1, Backspace, the Alt variants of an
   * edge move) is a variant the hint of another already names.
   */
  readonly hint?: string;
}

export type Binding = { readonly [K in CommandId]: BindingOf<K> }[CommandId];

const chord = (key: string, held: Partial<Omit<Chord, 'key'>> = {}): Chord => ({ key, shift: false, ctrl: false, alt: false, ...held });

function bind<K extends CommandId>(
  context: KeyContext,
  key: Chord,
  command: K,
  payload: CommandPayloads[K],
  label: string,
  hint?: string,
): Binding {
  return { context, chord: key, command, payload, label, ...(hint !== undefined && { hint }) } as Binding;
}

/** 1–4 by the labels' order, on the digit row (listed) and the number pad (a variant). */
function labelKeys(context: KeyContext, command: 'span.tag' | 'review.relabel', label: (name: string) => string, hint: string): Binding[] {
  return [
    ...LABELS.map((tag, i) => bind(context, chord(`Digit${i + 1}`), command, tag, label(LABEL_NAMES[tag].en), hint)),
    ...LABELS.map((tag, i) => bind(context, chord(`Numpad${i + 1}`), command, tag, label(LABEL_NAMES[tag].en))),
  ];
}

/**
 * Ctrl+←/→ move an edge by a word, towards the end of the text or back (← is forward in
 * right-to-left text); Shift takes the start edge, Alt goes by letter.
 */
function nudgeKeys(context: KeyContext, hint: string): Binding[] {
  const keys: Binding[] = [];
  for (const by of ['word', 'letter'] as const) {
    for (const edge of ['end', 'start'] as const) {
      for (const forward of [true, false]) {
        const listed = by === 'word' && edge === 'end';
        const label = `Move the ${edge} edge ${forward ? 'forward' : 'back'} by a ${by}`;
        const key = chord(forward ? 'ArrowLeft' : 'ArrowRight', { ctrl: true, shift: edge === 'start', alt: by === 'letter' });
        keys.push(bind(context, key, 'span.nudge', { edge, forward, by }, label, listed ? hint : undefined));
      }
    }
  }
  return keys;
}

/** Ctrl+Z undoes; Ctrl+Y and Ctrl+Shift+Z redo. */
function historyKeys(context: KeyContext, what: string): Binding[] {
  const hint = context === 'editor' ? 'undo/redo' : `undo/redo ${what}`;
  return [
    bind(context, chord('KeyZ', { ctrl: true }), 'history.undo', undefined, `Undo (${what})`, hint),
    bind(context, chord('KeyY', { ctrl: true, shift: 'any' }), 'history.redo', undefined, `Redo (${what})`, hint),
    bind(context, chord('KeyZ', { ctrl: true, shift: true }), 'history.redo', undefined, `Redo (${what})`),
  ];
}

/** Alt+↓ the next document of the library, Alt+↑ the one before. */
function documentKeys(context: KeyContext): Binding[] {
  const hint = 'document';
  return [
    bind(context, chord('ArrowDown', { alt: true, shift: 'any' }), 'document.step', 1, 'Next document', hint),
    bind(context, chord('ArrowUp', { alt: true, shift: 'any' }), 'document.step', -1, 'Previous document', hint),
  ];
}

const ANY = { shift: 'any', ctrl: 'any', alt: 'any' } as const;

export const KEYMAP: readonly Binding[] = [
  // The editor: spans, selection, documents.
  ...labelKeys('editor', 'span.tag', (name) => `Tag the selection: ${name}`, 'tag the selection (a span selected: relabel)'),
  bind('editor', chord('Delete', { shift: 'any' }), 'span.delete', undefined, 'Delete the selected span', 'delete the span'),
  bind('editor', chord('Backspace', { shift: 'any' }), 'span.delete', undefined, 'Delete the selected span'),
  bind('editor', chord('Tab'), 'span.step', 1, 'Next span', 'next/previous span'),
  bind('editor', chord('Tab', { shift: true }), 'span.step', -1, 'Previous span', 'next/previous span'),
  bind('editor', chord('ArrowLeft'), 'cursor.move', { forward: true, extend: false }, 'Move the cursor forward a word', 'move by word (Shift: extend)'),
  bind('editor', chord('ArrowRight'), 'cursor.move', { forward: false, extend: false }, 'Move the cursor back a word', 'move by word (Shift: extend)'),
  bind('editor', chord('ArrowLeft', { shift: true }), 'cursor.move', { forward: true, extend: true }, 'Extend the selection forward a word'),
  bind('editor', chord('ArrowRight', { shift: true }), 'cursor.move', { forward: false, extend: true }, 'Extend the selection back a word'),
  ...nudgeKeys('editor', 'end edge (Shift: start, Alt: by letter)'),
  bind('editor', chord('KeyS'), 'span.strip', undefined, 'Strip the proclitic', 'strip the proclitic'),
  bind('editor', chord('KeyN'), 'span.note', undefined, 'Note on the selected span', 'note'),
  bind('editor', chord('Escape', ANY), 'selection.clear', undefined, 'Select nothing', 'select nothing'),
  bind('editor', chord('KeyC'), 'card.toggle', undefined, 'Open or close the claim card', 'claim card'),
  bind('editor', chord('KeyK'), 'cluster.open', 'link', 'The same claim elsewhere', 'same claim elsewhere'),
  bind('editor', chord('KeyG'), 'cluster.open', 'compare', "Compare the claim's cluster", 'compare'),
  bind('editor', chord('KeyG', { shift: true }), 'cluster.open', 'corpus', 'Clusters of the library', 'clusters'),
  bind('editor', chord('KeyO', { shift: false }), 'scope.toggle', undefined, 'Leave the selection out of scope (or bring it back)', 'out of scope'),
  bind('editor', chord('KeyO', { shift: true }), 'scope.ends-here', undefined, 'The article ends at the cursor', 'the article ends here'),
  bind('editor', chord('KeyP'), 'scope.proposal', 1, 'Next proposed scope', 'proposed scope (Shift: back; O: yes)'),
  bind('editor', chord('KeyP', { shift: true }), 'scope.proposal', -1, 'Previous proposed scope'),
  bind('editor', chord('KeyI'), 'scope.keep', undefined, 'Keep the proposed text in the article', 'keep it in'),
  bind('editor', chord('KeyE'), 'suggest.propagate', { wide: false }, "Offer the span's other occurrences", 'other occurrences (Shift: count the library’s)'),
  bind('editor', chord('KeyE', { shift: true }), 'suggest.propagate', { wide: true }, "Offer the span's other occurrences, counting the library's"),
  bind('editor', chord('KeyF'), 'suggest.find', undefined, 'Find dates, names and what was tagged before', 'find dates, names, what you tagged before'),
  bind('editor', chord('KeyJ'), 'suggest.step', 1, 'Next suggestion', 'next suggestion (Shift: back)'),
  bind('editor', chord('KeyJ', { shift: true }), 'suggest.step', -1, 'Previous suggestion'),
  bind('editor', chord('KeyY'), 'suggest.accept', { all: false }, 'Accept the suggestion', 'accept (Shift: all of this text)'),
  bind('editor', chord('KeyY', { shift: true }), 'suggest.accept', { all: true }, 'Accept every suggestion of this text'),
  bind('editor', chord('KeyX'), 'suggest.reject', { all: false }, 'Reject the suggestion', 'reject (Shift: all of this text)'),
  bind('editor', chord('KeyX', { shift: true }), 'suggest.reject', { all: true }, 'Reject every suggestion of this text'),
  ...historyKeys('editor', 'spans'),
  ...documentKeys('editor'),
  bind('editor', chord('Enter', { ctrl: true, shift: 'any', alt: 'any' }), 'document.done', undefined, 'Mark done and go to the next', 'done'),

  // An open claim card: its roles by physical key, S source, V via, L location, D date.
  bind('card', chord('KeyS'), 'card.arm', 'source', 'Arm the source role', 'source'),
  bind('card', chord('KeyV'), 'card.arm', 'via', 'Arm the via role', 'via'),
  bind('card', chord('KeyL'), 'card.arm', 'location', 'Arm the location role', 'location'),
  bind('card', chord('KeyD'), 'card.arm', 'date', 'Arm the date role', 'date'),
  bind('card', chord('KeyT'), 'card.stance', undefined, 'Next stance', 'stance'),
  // Not the editor's delete: with a card open, Delete works on the card, never on the claim.
  bind('card', chord('Delete', { shift: 'any' }), 'card.unlink', undefined, 'Unlink the last role filled', 'unlink the last'),
  bind('card', chord('Backspace', { shift: 'any' }), 'card.unlink', undefined, 'Unlink the last role filled'),
  bind('card', chord('Enter'), 'card.commit', undefined, 'Link the candidate into the armed role', 'link'),
  bind('card', chord('Escape', ANY), 'card.close', undefined, 'Close the card', 'close'),
  bind('card-armed', chord('Tab', { shift: false }), 'card.cycle', 1, 'Next candidate', 'next/previous candidate'),
  bind('card-armed', chord('Tab', { shift: true }), 'card.cycle', -1, 'Previous candidate', 'next/previous candidate'),
  bind('card-armed', chord('Escape', ANY), 'card.disarm', undefined, 'Disarm the role', 'disarm'),
  bind('via-armed', chord('ArrowUp'), 'card.via-pick', -1, 'Pick the via before', 'pick a via'),
  bind('via-armed', chord('ArrowDown'), 'card.via-pick', 1, 'Pick the via after', 'pick a via'),
  bind('via-armed', chord('ArrowUp', { shift: true }), 'card.via-move', -1, 'Move the via earlier', 'move it earlier/later'),
  bind('via-armed', chord('ArrowDown', { shift: true }), 'card.via-move', 1, 'Move the via later', 'move it earlier/later'),

  // The review.
  bind('review', chord('Tab'), 'review.move', 'next', 'Next open disagreement', 'next/previous open disagreement'),
  bind('review', chord('Tab', { shift: true }), 'review.move', 'previous', 'Previous open disagreement', 'next/previous open disagreement'),
  bind('review', chord('ArrowUp', { shift: 'any' }), 'review.version', -1, 'The version above', 'choose a version'),
  bind('review', chord('ArrowDown', { shift: 'any' }), 'review.version', 1, 'The version below', 'choose a version'),
  bind('review', chord('KeyA'), 'review.accept', undefined, 'Accept the chosen version into gold', 'accept into gold'),
  bind('review', chord('Enter'), 'review.accept', undefined, 'Accept the chosen version into gold', 'accept into gold'),
  bind('review', chord('KeyR'), 'review.reject', undefined, 'Reject the chosen version', 'reject'),
  ...labelKeys('review', 'review.relabel', (name) => `Relabel the chosen version: ${name}`, 'edit first: relabel'),
  ...nudgeKeys('review', 'end edge (Shift: start, Alt: by letter)'),
  bind('review', chord('Escape', ANY), 'review.drop-edit', undefined, 'Drop the edit', 'drop the edit'),
  bind('review', chord('KeyA', { shift: true }), 'review.accept-agreed', undefined, 'Accept all agreed units', 'accept all agreed'),
  ...historyKeys('review', 'decisions'),
  ...documentKeys('review'),
];

/** The keys a KeyboardEvent carries, as the table reads them. */
export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** Physical keys are read from `code`, named keys from `key`. */
const PHYSICAL = /^(?:Key|Digit|Numpad)/;

const holds = (want: Held, held: boolean): boolean => want === 'any' || want === held;

export function matches(chord: Chord, press: KeyPress): boolean {
  const key = PHYSICAL.test(chord.key) ? press.code : press.key;
  return (
    key === chord.key &&
    holds(chord.shift, press.shiftKey) &&
    holds(chord.ctrl, press.ctrlKey || press.metaKey) &&
    holds(chord.alt, press.altKey)
  );
}

/** The binding a key press means in one context, if any. */
export function bindingIn(context: KeyContext, press: KeyPress): Binding | null {
  return KEYMAP.find((binding) => binding.context === context && matches(binding.chord, press)) ?? null;
}

/** Whether one key press could match both chords (the collision the table must not have). */
export function overlap(a: Chord, b: Chord): boolean {
  const meet = (x: Held, y: Held) => x === 'any' || y === 'any' || x === y;
  return a.key === b.key && meet(a.shift, b.shift) && meet(a.ctrl, b.ctrl) && meet(a.alt, b.alt);
}

const ELECTRON_KEYS: Readonly<Record<string, string>> = { ArrowLeft: 'Left', ArrowRight: 'Right', ArrowUp: 'Up', ArrowDown: 'Down' };

/** A chord as Electron writes accelerators (CmdOrCtrl+Shift+Left); 'any' modifiers are left out. */
export function accelerator({ key, shift, ctrl, alt }: Chord): string {
  const name = ELECTRON_KEYS[key] ?? key.replace(/^(?:Key|Digit)/, '').replace(/^Numpad/, 'num');
  return [ctrl === true && 'CmdOrCtrl', alt === true && 'Alt', shift === true && 'Shift', name].filter(Boolean).join('+');
}

const SHOWN_KEYS: Readonly<Record<string, string>> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc' };

/** A chord as the footer shows it, key by key: ['Ctrl', 'Shift', '←']. */
export function keyCaps({ key, shift, ctrl, alt }: Chord): string[] {
  const name = SHOWN_KEYS[key] ?? key.replace(/^(?:Key|Digit)/, '');
  return [ctrl === true && 'Ctrl', alt === true && 'Alt', shift === true && 'Shift', name].filter((cap): cap is string => typeof cap === 'string');
}

/**
 * The chord of a command (with this payload) in a context, for the labels that name their key
 * (the label bar's 1–4, a card's role keys): the listed one where there are variants.
 */
export function chordOf<K extends CommandId>(context: KeyContext, command: K, payload?: CommandPayloads[K]): Chord {
  const same = (b: Binding) => b.context === context && b.command === command && JSON.stringify(b.payload) === JSON.stringify(payload);
  const found = KEYMAP.find((b) => same(b) && b.hint !== undefined) ?? KEYMAP.find(same);
  if (!found) throw new Error(`no key for ${command} in ${context}`);
  return found.chord;
}

/** A chord as one name, for a title or a single key cap: 'Shift+G'. */
export const keyName = (chord: Chord): string => keyCaps(chord).join('+');

/** One footer entry: the chords of the bindings sharing a hint, and the hint. */
export interface KeyHint {
  readonly chords: readonly Chord[];
  readonly hint: string;
}

/** A context's footer entries, in the table's order. */
export function keyHints(context: KeyContext): KeyHint[] {
  const hints = new Map<string, Chord[]>();
  for (const binding of KEYMAP) {
    if (binding.context !== context || binding.hint === undefined) continue;
    hints.set(binding.hint, [...(hints.get(binding.hint) ?? []), binding.chord]);
  }
  return [...hints].map(([hint, chords]) => ({ hint, chords }));
}

/** The Tag menu: the editor's listed keys, each with its full label. */
export function menuKeys(): { readonly label: string; readonly accelerator: string }[] {
  return KEYMAP.filter((binding) => binding.context === 'editor' && binding.hint !== undefined).map((binding) => ({
    label: binding.label,
    accelerator: accelerator(binding.chord),
  }));
}
