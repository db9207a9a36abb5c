import { describe, expect, it } from 'vitest';
import { memoryInput } from '../shared/memory-input.ts';
import { cargoToml } from './cargo-toml.ts';

const MANIFEST = `[package]
name = "app"
version = "0.1.0"

[dependencies]
serde = { version = "=1.0.196", features = ["derive"] }
tokio = "1.35"
regex = { git = "https://github.com/rust-lang/regex", rev = "0c0990399270277832fbb5b91a1fa118e6f63dba" }
rand = { git = "https://github.com/rust-random/rand", tag = "0.8.5" }
helper = { path = "../helper", version = "0.3" }
log = { workspace = true }
json = { package = "serde_json", version = ">=1.0, <2" }

[dev-dependencies]
insta = "=1.34.0"

[target.'cfg(unix)'.dependencies]
libc = "0.2"
`;

const run = async (content: string) =>
  cargoToml.extract(memoryInput({ 'Cargo.toml': content }, 'Cargo.toml'));

describe('Cargo.toml', () => {
  it('reports exact requirements as packages and the rest as skipped, with lines', async () => {
    const { packages, skipped } = await run(MANIFEST);
    expect(packages.map((p) => [p.name, p.version, p.dev, p.locations[0]?.line])).toEqual([
      ['serde', '1.0.196', false, 6],
      ['insta', '1.34.0', true, 15],
    ]);
    expect(skipped.map((s) => [s.reason, s.name, s.version, s.line])).toEqual([
      ['non-registry', 'app', '0.1.0', 1],
      ['unpinned', 'tokio', '1.35', 7],
      ['non-registry', 'regex', '', 8],
      ['non-registry', undefined, undefined, 9],
      ['non-registry', 'helper', '0.3', 10],
      ['unpinned', 'log', '', 11],
      ['unpinned', 'serde_json', '', 12],
      ['unpinned', 'libc', '0.2', 18],
    ]);
  });

  it('fails a manifest cargo would refuse, naming the field', async () => {
    await expect(run('[dependencies]\nregex = { git = { url = "x" } }\n')).rejects.toMatchObject({
      code: 'input',
      message: 'Cargo.toml: not a valid Cargo.toml: dependencies.regex.git must be a string',
    });
  });
});
