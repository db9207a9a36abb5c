/**
 * Names that conventionally hold development-only requirements when a format records groups
 * or extras by name only (uv extras, pdm groups without their pyproject.toml).
 */
const DEV_GROUP_NAMES = new Set([
  'dev',
  'develop',
  'development',
  'test',
  'tests',
  'testing',
  'lint',
  'linting',
  'typing',
  'docs',
  'doc',
]);

/** Whether a group or extra name conventionally means development-only. */
export function isDevGroupName(name: string): boolean {
  return DEV_GROUP_NAMES.has(name.toLowerCase());
}
