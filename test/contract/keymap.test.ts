/**
 * The key map (electron/contract/keymap.ts): one binding per key press in each context, every
 * variant named by a listed binding, and the footer and Tag menu made from it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../electron/core/paths.ts';
import {
  accelerator,
  bindingIn,
  KEYMAP,
  keyCaps,
  keyHints,
  keyName,
  menuKeys,
  overlap,
  type Binding,
  type KeyContext,
  type KeyPress,
} from '../../electron/contract/keymap.ts';

const CONTEXTS: readonly KeyContext[] = ['editor', 'card', 'card-armed', 'via-armed', 'review'];

const press = (code: string, key: string, held: Partial<Omit<KeyPress, 'code' | 'key'>> = {}): KeyPress => ({
  code,
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...held,
});

describe('the key map', () => {
  test('no two bindings of one context can take the same key press', () => {
    for (const context of CONTEXTS) {
      const bindings = KEYMAP.filter((b) => b.context === context);
      assert.ok(bindings.length > 0, context);
      for (const [i, a] of bindings.entries()) {
        for (const b of bindings.slice(i + 1)) {
          assert.ok(!overlap(a.chord, b.chord), `${context}: ${a.label} (${accelerator(a.chord)}) and ${b.label} (${accelerator(b.chord)})`);
        }
      }
    }
  });

  test('a collision is caught: a chord with a modifier left open meets both of its forms', () => {
    const shift = { key: 'KeyE', shift: true, ctrl: false, alt: false } as const;
    assert.ok(overlap({ ...shift, shift: 'any' }, shift));
    assert.ok(overlap({ ...shift, shift: 'any' }, { ...shift, shift: false }));
    assert.ok(!overlap(shift, { ...shift, shift: false }));
    assert.ok(!overlap(shift, { ...shift, key: 'KeyF' }));
  });

  test('every binding without a footer hint is a variant of a listed one (same context and command)', () => {
    for (const binding of KEYMAP.filter((b) => b.hint === undefined)) {
      assert.ok(
        KEYMAP.some((b) => b.hint !== undefined && b.context === binding.context && b.command === binding.command),
        `${binding.context}: ${binding.label} (${accelerator(binding.chord)})`,
      );
    }
  });

  test('letters go by physical key, so they work on an Arabic layout; named keys by their name', () => {
    // On an Arabic layout KeyA types ش and Digit1 types ١.
    assert.equal(bindingIn('review', press('KeyA', 'ش'))?.command, 'review.accept');
    assert.equal(bindingIn('review', press('KeyA', 'ش', { shiftKey: true }))?.command, 'review.accept-agreed');
    assert.deepEqual(bindingIn('editor', press('Digit1', '١'))?.payload, 'claim');
    assert.deepEqual(bindingIn('editor', press('Numpad4', '4'))?.payload, 'date');
    assert.equal(bindingIn('editor', press('Digit1', '!', { shiftKey: true })), null);
    assert.equal(bindingIn('editor', press('Tab', 'Tab', { shiftKey: true }))?.payload, -1);
    // Cmd on a Mac is Ctrl.
    assert.equal(bindingIn('editor', press('KeyZ', 'z', { metaKey: true }))?.command, 'history.undo');
    assert.equal(bindingIn('editor', press('KeyZ', 'z', { metaKey: true, shiftKey: true }))?.command, 'history.redo');
    assert.deepEqual(bindingIn('editor', press('ArrowRight', 'ArrowRight', { ctrlKey: true, shiftKey: true, altKey: true }))?.payload, {
      edge: 'start',
      forward: false,
      by: 'letter',
    });
    assert.equal(bindingIn('editor', press('KeyS', 's', { ctrlKey: true })), null);
  });

  test('the same key means different commands in different contexts', () => {
    const del = press('Delete', 'Delete');
    assert.equal(bindingIn('editor', del)?.command, 'span.delete');
    assert.equal(bindingIn('card', del)?.command, 'card.unlink');
    assert.equal(bindingIn('editor', press('KeyS', 's'))?.command, 'span.strip');
    assert.deepEqual(bindingIn('card', press('KeyS', 's'))?.payload, 'source');
    assert.equal(bindingIn('card', press('Digit1', '1')), null, 'a card passes 1–4 on to the editor');
    assert.equal(bindingIn('card-armed', press('Escape', 'Escape'))?.command, 'card.disarm');
    assert.equal(bindingIn('card', press('Escape', 'Escape'))?.command, 'card.close');
  });

  test("the footer lists every listed binding of its context, in the table's order", () => {
    for (const context of CONTEXTS) {
      const listed = KEYMAP.filter((b) => b.context === context && b.hint !== undefined);
      const shown = keyHints(context).flatMap(({ hint, chords }) => chords.map((chord) => ({ hint, chord })));
      assert.deepEqual(
        shown.map(({ hint, chord }) => [hint, accelerator(chord)]).sort(),
        listed.map((b) => [b.hint, accelerator(b.chord)]).sort(),
        context,
      );
      assert.deepEqual(
        keyHints(context).map((h) => h.hint),
        [...new Set(listed.map((b) => b.hint))],
      );
    }
  });

  test('the Tag menu is the editor’s listed bindings, with Electron’s accelerators', () => {
    const editor = KEYMAP.filter((b) => b.context === 'editor' && b.hint !== undefined);
    assert.deepEqual(
      menuKeys(),
      editor.map((b) => ({ label: b.label, accelerator: accelerator(b.chord) })),
    );
    const shown = new Map(menuKeys().map(({ label, accelerator }) => [accelerator, label]));
    assert.equal(shown.get('1'), 'Tag the selection: Claim');
    assert.equal(shown.get('CmdOrCtrl+Shift+Left'), undefined, 'a variant is not listed');
    assert.equal(shown.get('CmdOrCtrl+Left'), 'Move the end edge forward by a word');
    assert.equal(shown.get('Shift+Tab'), 'Previous span');
    assert.equal(shown.get('Alt+Down'), 'Next document');
    assert.equal(shown.get('CmdOrCtrl+Enter'), 'Mark done and go to the next');
    // Electron's accelerator grammar: modifiers, then one key name.
    for (const { accelerator: written } of menuKeys()) assert.match(written, /^(?:(?:CmdOrCtrl|Alt|Shift)\+)*(?:[A-Z0-9]|Tab|Left|Right|Up|Down|Delete|Escape|Enter)$/, written);
  });
});

describe("the README's Keys tables", () => {
  /** Each row's key caps, as a table writes them in backticks (`Ctrl+Shift+Z` is Ctrl, Shift and Z). */
  function rowsOf(table: string): Set<string>[] {
    return table
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map((row) => new Set([...row.matchAll(/`([^`]+)`/g)].flatMap(([, written]) => written!.split(/[+\s/]+/))));
  }
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const keys = readme.slice(readme.indexOf('### Keys'), readme.indexOf('### Import and export in the app'));
  const at = keys.indexOf('**Review**');
  const [editing, review] = at === -1 ? [keys, undefined] : [keys.slice(0, at), keys.slice(at)];

  test('name every listed key of the key map, each in one row: the editor’s and the card’s in the first, review’s in the second', () => {
    assert.ok(editing && review, 'README.md has a Keys section with a Review table after it');
    const tables: [readonly KeyContext[], string][] = [
      [['editor', 'card', 'card-armed', 'via-armed'], editing],
      [['review'], review],
    ];
    for (const [contexts, table] of tables) {
      const rows = rowsOf(table);
      const named = (b: Binding) => rows.some((caps) => keyCaps(b.chord).every((cap) => caps.has(cap)));
      const missing = KEYMAP.filter((b) => contexts.includes(b.context) && b.hint !== undefined && !named(b));
      assert.deepEqual(
        missing.map((b) => `${keyName(b.chord)}: ${b.label}`),
        [],
        `keys of ${contexts.join(', ')} the README does not name`,
      );
    }
  });
});
