/**
 * The desktop's keychain for the hub's password, over a stand-in for Electron's safeStorage (the
 * real one needs Electron's process): what it stores is what safeStorage sealed, and where the
 * platform has no real keychain there is none (the password is then kept for the session only).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keychainOf } from '../../electron/main/keychain.ts';

/** Seals by reversing the bytes: not the plain text, and only this stand-in opens it. */
const standIn = (available: boolean, backend = 'gnome_libsecret') => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (plain: string) => Buffer.from(plain).reverse(),
  decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
});

test('the password goes out sealed by safeStorage and comes back whole', () => {
  const keychain = keychainOf(standIn(true));
  assert.ok(keychain);
  const sealed = keychain.seal('كلمة-سر s3cret');
  assert.ok(!sealed.includes('s3cret'));
  assert.equal(keychain.open(sealed), 'كلمة-سر s3cret');
});

test('no keychain where safeStorage cannot encrypt, or on Linux only with its fixed key', () => {
  assert.equal(keychainOf(standIn(false)), undefined);
  if (process.platform === 'linux') assert.equal(keychainOf(standIn(true, 'basic_text')), undefined);
});
