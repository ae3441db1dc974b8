/**
 * A ZIP archive of a finished export, stored without compression: the web door sends a folder
 * export (brat, Label Studio) or a file with its manifest beside it as one download. Store-only
 * keeps the writer tiny and every tool reads it (`python3 -m zipfile`, `unzip`, Windows, macOS).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HamishError } from '../contract/errors.ts';

// Said to the analyst, whose page then shows it: a refusal with a way round, not a crash.
const TOO_BIG = (limit: string) =>
  `the export is over ${limit}, more than one ZIP file holds here: choose fewer documents, or export to a folder with hamish export --out`;

export interface ZipEntry {
  /** The member's path inside the archive, with `/` between folders. */
  readonly name: string;
  readonly data: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Bit 11 of the general purpose flags: names are UTF-8 (document ids may be Arabic). */
const UTF8_NAMES = 0x0800;
/** ZIP 2.0, as written by a Unix host (upper byte 3), so unzip keeps the permissions below. */
const MADE_BY = (3 << 8) | 20;
const NEEDED = 20;
/** rw-r--r-- regular file, in the upper half of the external attributes. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;

function dosTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    day: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** The whole archive. Exports that fit a browser download fit in memory (no ZIP64: < 4 GiB). */
export function zip(entries: readonly ZipEntry[], modified = new Date()): Buffer {
  const { time, day } = dosTime(modified);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data);
    const size = entry.data.length;
    if (offset + size > 0xffffffff) throw new HamishError('invalid_input', TOO_BIG('4 GB'));

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(NEEDED, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(MADE_BY, 4);
    header.writeUInt16LE(NEEDED, 6);
    header.writeUInt16LE(UTF8_NAMES, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(day, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(size, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number start, internal attributes: 0
    header.writeUInt32LE(FILE_ATTRIBUTES, 38);
    header.writeUInt32LE(offset, 42);

    parts.push(local, name, Buffer.from(entry.data.buffer, entry.data.byteOffset, size));
    central.push(header, name);
    offset += local.length + name.length + size;
  }
  const directory = Buffer.concat(central);
  if (entries.length > 0xffff) throw new HamishError('invalid_input', TOO_BIG('65,535 files'));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** Every file under `dir`, named `prefix/relative/path`, in a stable (sorted) order. */
export function entriesOf(dir: string, prefix: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const walk = (folder: string, name: string) => {
    for (const item of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, item.name);
      if (item.isDirectory()) walk(path, `${name}/${item.name}`);
      else if (item.isFile()) entries.push({ name: `${name}/${item.name}`, data: readFileSync(path) });
    }
  };
  walk(dir, prefix);
  return entries;
}
