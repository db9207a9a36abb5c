import { SecflowError } from '../core/errors.ts';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The file's top-level JSON object, or a SecflowError('input') that names the file. */
export function parseJsonObject(path: string, content: string, format: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (cause) {
    throw new SecflowError('input', `${path}: not valid JSON, so not a ${format} document`, {
      cause,
      hint: `Check that ${path} is complete ${format} JSON (XML and tag-value forms are not read).`,
    });
  }
  if (!isObject(parsed)) {
    throw new SecflowError('input', `${path}: a ${format} document is a JSON object`, {
      hint: `Check that ${path} is a ${format} JSON document.`,
    });
  }
  return parsed;
}

/** The last path segment, lower-cased, for name-based matching. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}
