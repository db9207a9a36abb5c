import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { vendorModules } from './vendor-modules.ts';

const MODULES = `# github.com/BurntSushi/toml v1.2.1
## explicit; go 1.21
github.com/BurntSushi/toml
github.com/BurntSushi/toml/internal
# golang.org/x/net v0.5.6 => example.com/fork/net v1.4.5
## explicit
example.com/fork/net/http2
# example.com/local v1.0.0 => ./local
example.com/local
# example.com/unused v0.1.0
## explicit; go 1.21
# github.com/example/v2 v1.0.0
github.com/example/v2
# gopkg.in/yaml.v3 v3.0.1
gopkg.in/yaml.v3
`;

describe('vendor/modules.txt', () => {
  it('reports vendored modules, replacements, and skips local and invalid ones', async () => {
    expect(vendorModules.matches('vendor/modules.txt')).toBe(true);
    expect(vendorModules.matches('x/vendor/modules.txt')).toBe(true);
    expect(vendorModules.matches('modules.txt')).toBe(false);
    const { packages, skipped } = await vendorModules.extract(
      memoryInput({ 'vendor/modules.txt': MODULES }, 'vendor/modules.txt'),
    );
    expect(packages.map((p) => [p.name, p.version, p.locations[0]?.line])).toEqual([
      ['github.com/BurntSushi/toml', '1.2.1', 1],
      ['example.com/fork/net', '1.4.5', 5],
      ['gopkg.in/yaml.v3', '3.0.1', 14],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['non-registry', 'example.com/local', '1.0.0', 8],
      ['malformed', undefined, undefined, 12],
    ]);
  });
});
