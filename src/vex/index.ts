import { SecflowError } from '../core/errors.ts';
import { parseJsonObject } from '../sbom/json-document.ts';
import { isCycloneDxVex, readCycloneDxVex } from './cyclonedx-vex.ts';
import { isOpenVex, readOpenVex } from './openvex.ts';
import type { VexStatement } from './statement.ts';

export { applyVex } from './apply.ts';
export type { VexStatement, VexStatus } from './statement.ts';

/** The statements of a VEX document, OpenVEX or CycloneDX, told apart by content. */
export function readVex(path: string, content: string): VexStatement[] {
  const doc = parseJsonObject(path, content, 'VEX');
  if (isOpenVex(doc)) return readOpenVex(doc, path);
  if (isCycloneDxVex(doc)) return readCycloneDxVex(doc, path);
  throw new SecflowError('input', `${path}: neither OpenVEX nor CycloneDX VEX`, {
    hint: 'OpenVEX documents have "@context": "https://openvex.dev/ns/v0.2.0"; CycloneDX ones "bomFormat": "CycloneDX".',
  });
}
