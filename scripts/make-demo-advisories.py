#!/usr/bin/env python3
"""Builds examples/advisories/: every OSV record in the shared snapshot that names a package of
examples/demo-project, in osv.dev's published layout (<Ecosystem>/all.zip + modified_id.csv).
Deterministic: the same inputs give byte-identical zips.

usage: python3 scripts/make-demo-advisories.py [SHARED_ADVISORIES_DIR]
"""
import json
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'advisories')
DEMO = os.path.join(ROOT, 'examples', 'demo-project')
OUT = os.path.join(ROOT, 'examples', 'advisories')


def demo_names():
    names = {'npm': set(), 'PyPI': set(), 'Go': {'stdlib'}, 'RubyGems': set(), 'crates.io': set()}
    lock = json.load(open(os.path.join(DEMO, 'web', 'package-lock.json')))
    for key in lock.get('packages', {}):
        if key:
            names['npm'].add(key.split('node_modules/')[-1])
    for line in open(os.path.join(DEMO, 'api', 'requirements.txt')):
        m = re.match(r'^([A-Za-z0-9_.-]+)', line.strip())
        if m:
            names['PyPI'].add(re.sub(r'[-_.]+', '-', m.group(1)).lower())
    for line in open(os.path.join(DEMO, 'worker', 'go.mod')):
        m = re.match(r'^\s*([a-z0-9.-]+\.[a-z]+/[^\s]+)\s+v', line)
        if m:
            names['Go'].add(m.group(1))
    for line in open(os.path.join(DEMO, 'billing', 'Gemfile.lock')):
        m = re.match(r'^    ([a-z0-9_-]+) \(', line)
        if m:
            names['RubyGems'].add(m.group(1))
    for m in re.finditer(r'name = "([^"]+)"', open(os.path.join(DEMO, 'cli', 'Cargo.lock')).read()):
        names['crates.io'].add(m.group(1))
    return names


def main():
    for ecosystem, wanted in sorted(demo_names().items()):
        norm = (lambda n: re.sub(r'[-_.]+', '-', n).lower()) if ecosystem == 'PyPI' else (lambda n: n)
        src = zipfile.ZipFile(os.path.join(SHARED, ecosystem, 'all.zip'))
        records = []
        for entry in sorted(src.namelist()):
            record = json.loads(src.read(entry))
            if any(norm(a.get('package', {}).get('name', '')) in wanted for a in record.get('affected', [])):
                records.append((entry, src.read(entry), record))
        os.makedirs(os.path.join(OUT, ecosystem), exist_ok=True)
        with zipfile.ZipFile(os.path.join(OUT, ecosystem, 'all.zip'), 'w', zipfile.ZIP_DEFLATED) as out:
            for entry, raw, record in records:
                info = zipfile.ZipInfo(entry, date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, raw)
        rows = sorted(((r['modified'], r['id']) for _, _, r in records), key=lambda x: (x[0], x[1]), reverse=True)
        with open(os.path.join(OUT, ecosystem, 'modified_id.csv'), 'w') as csv:
            csv.writelines(f'{m},{i}\n' for m, i in rows)
        print(f'{ecosystem}: {len(records)} records')


main()
