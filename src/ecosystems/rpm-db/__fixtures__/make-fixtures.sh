#!/bin/sh
# Rebuilds the rpm database fixtures with Debian's rpm (4.18) and Berkeley DB 5.3 tools:
#   apt-get install -y rpm db5.3-util
# rpmdb.sqlite: a real database written by `rpm -i --justdb` from the specs in specs/.
# Packages / Packages.be: real Berkeley DB hash files written by db5.3_load (little- and
# big-endian) holding the same header blobs keyed by instance number, the way rpm's bdb backend
# stores them (Debian's rpm no longer writes bdb itself). rpm-qa.txt is `rpm -qa` on the result.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/SPECS" "$work/db"
cp "$here"/specs/*.spec "$work/SPECS/"
for spec in "$work"/SPECS/*.spec; do rpmbuild --define "_topdir $work" -bb "$spec" >/dev/null; done
rpm --dbpath "$work/db" --initdb
rpm --dbpath "$work/db" -i --justdb --nodeps --noscripts --ignorearch "$work"/RPMS/*/*.rpm
cp "$work/db/rpmdb.sqlite" "$here/rpmdb.sqlite"
rpm --dbpath "$work/db" -qa --qf '%{NAME} %{EPOCHNUM} %{VERSION} %{RELEASE} %{ARCH} %{SOURCERPM}\n' |
  sort >"$here/rpm-qa.txt"
python3 - "$work" <<'PY'
import sqlite3, struct, sys
work = sys.argv[1]
rows = sqlite3.connect(f'file:{work}/db/rpmdb.sqlite?mode=ro', uri=True).execute(
    'select hnum, blob from Packages order by hnum').fetchall()
for name, order in (('packages.dump', None), ('packages-be.dump', '4321')):
    out = ['VERSION=3', 'format=bytevalue', 'type=hash', 'db_pagesize=4096']
    if order: out.append(f'db_lorder={order}')
    out += ['HEADER=END', ' ' + struct.pack('<I', 0).hex(), ' ' + struct.pack('<I', len(rows) + 1).hex()]
    for hnum, blob in rows:
        out += [' ' + struct.pack('<I', hnum).hex(), ' ' + bytes(blob).hex()]
    out.append('DATA=END')
    open(f'{work}/{name}', 'w').write('\n'.join(out) + '\n')
PY
rm -f "$here/Packages" "$here/Packages.be"
db5.3_load -f "$work/packages.dump" "$here/Packages"
db5.3_load -f "$work/packages-be.dump" "$here/Packages.be"
