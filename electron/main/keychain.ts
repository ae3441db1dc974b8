import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/hamish.ts';

/**
 * The hub's password sealed by the operating system's keychain (Electron's safeStorage: the
 * Keychain, DPAPI, libsecret/kwallet). None where it has no real one: on Linux without a secret
 * service safeStorage would fall back to a fixed key ('basic_text'), no better than plain text,
 * so the password is then held for the session only, as in web mode.
 */
export function keychainOf(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: () => string }): SecretStore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return undefined;
  return {
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
