/**
 * Reads the package fields secflow needs from an RPM header blob as stored in the rpm database
 * (no lead, no magic): big-endian index count and data length, 16-byte index entries
 * {tag, type, offset, count}, then the data store. See rpm's docs/manual/format.md.
 */

/** The name/version fields of one installed RPM. */
export interface RpmRecord {
  readonly name: string;
  /** Absent when the package has no epoch (rpm treats that as 0 when comparing). */
  readonly epoch?: number;
  readonly version: string;
  readonly release: string;
  readonly arch?: string;
  /** File name of the source RPM, e.g. "openssl-3.0.7-27.el9.src.rpm". */
  readonly sourceRpm?: string;
  readonly vendor?: string;
}

const TAG_NAME = 1000;
const TAG_VERSION = 1001;
const TAG_RELEASE = 1002;
const TAG_EPOCH = 1003;
const TAG_VENDOR = 1011;
const TAG_ARCH = 1022;
const TAG_SOURCERPM = 1044;

const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_I18NSTRING = 9;

// rpm's own limits (lib/header.c): more is a corrupt or hostile header.
const MAX_INDEX_ENTRIES = 0xffff;
const MAX_DATA_LENGTH = 256 * 1024 * 1024;

export class RpmHeaderError extends Error {
  override readonly name = 'RpmHeaderError';
}

/** Parses one header blob; throws RpmHeaderError when it is truncated or inconsistent. */
export function parseRpmHeader(blob: Uint8Array): RpmRecord {
  if (blob.length < 8) throw new RpmHeaderError(`header of ${blob.length} bytes is too short`);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const il = view.getUint32(0);
  const dl = view.getUint32(4);
  if (il > MAX_INDEX_ENTRIES || dl > MAX_DATA_LENGTH) {
    throw new RpmHeaderError(`header claims ${il} entries and ${dl} data bytes`);
  }
  const dataStart = 8 + il * 16;
  if (dataStart + dl > blob.length) {
    throw new RpmHeaderError(`header needs ${dataStart + dl} bytes, blob has ${blob.length}`);
  }
  const strings = new Map<number, string>();
  let epoch: number | undefined;
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const tag = view.getUint32(at);
    const type = view.getUint32(at + 4);
    const offset = view.getUint32(at + 8);
    const count = view.getUint32(at + 12);
    if (tag === TAG_EPOCH && type === TYPE_INT32 && count >= 1) {
      if (offset + 4 > dl) throw new RpmHeaderError('epoch points past the data store');
      epoch = view.getUint32(dataStart + offset);
    } else if (wanted(tag) && (type === TYPE_STRING || type === TYPE_I18NSTRING)) {
      strings.set(tag, readString(blob, dataStart + offset, dataStart + dl));
    }
  }
  const name = strings.get(TAG_NAME);
  const version = strings.get(TAG_VERSION);
  const release = strings.get(TAG_RELEASE);
  if (!name || version === undefined || release === undefined) {
    throw new RpmHeaderError('header without NAME, VERSION or RELEASE');
  }
  const arch = strings.get(TAG_ARCH);
  const sourceRpm = strings.get(TAG_SOURCERPM);
  const vendor = strings.get(TAG_VENDOR);
  return {
    name,
    ...(epoch === undefined ? {} : { epoch }),
    version,
    release,
    ...(arch ? { arch } : {}),
    ...(sourceRpm ? { sourceRpm } : {}),
    ...(vendor ? { vendor } : {}),
  };
}

function wanted(tag: number): boolean {
  return (
    tag === TAG_NAME ||
    tag === TAG_VERSION ||
    tag === TAG_RELEASE ||
    tag === TAG_ARCH ||
    tag === TAG_SOURCERPM ||
    tag === TAG_VENDOR
  );
}

/** A NUL-terminated string that must end inside the data store. */
function readString(blob: Uint8Array, start: number, end: number): string {
  const nul = blob.indexOf(0, start);
  if (nul < 0 || nul >= end) throw new RpmHeaderError('unterminated string in header');
  return Buffer.from(blob.buffer, blob.byteOffset + start, nul - start).toString('utf8');
}

/** "openssl-3.0.7-27.el9.src.rpm" → name "openssl", version "3.0.7-27.el9". */
export function parseSourceRpm(file: string): { name: string; version: string } | undefined {
  const base = file.replace(/\.(no)?src\.rpm$/, '');
  const releaseDash = base.lastIndexOf('-');
  const versionDash = base.lastIndexOf('-', releaseDash - 1);
  if (releaseDash <= 0 || versionDash <= 0) return undefined;
  return { name: base.slice(0, versionDash), version: base.slice(versionDash + 1) };
}

/** The full EVR rpm compares: "1:3.0.7-27.el9", or "3.0.7-27.el9" without epoch. */
export function rpmEvr(r: { epoch?: number; version: string; release: string }): string {
  const vr = r.release === '' ? r.version : `${r.version}-${r.release}`;
  return r.epoch === undefined ? vr : `${r.epoch}:${vr}`;
}
