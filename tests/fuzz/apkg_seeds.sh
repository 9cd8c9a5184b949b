#!/usr/bin/env bash
# Seeds for fuzz_apkg from the primer's decks in tests/data/anki: each
# package whole (mode byte 0), and the collection inside it as a legacy
# collection.anki2 (mode 1) and as a schema 18 collection (mode 2; the
# target compresses it). usage: apkg_seeds.sh OUT_DIR
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")/../data/anki" && pwd)
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for deck in "$here"/*.apkg; do
  name=$(basename "$deck" .apkg)
  { printf '\x00'; cat "$deck"; } >"$out/$name-apkg"
  python3 - "$deck" "$tmp/$name.anki2" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    open(sys.argv[2], "wb").write(z.read("collection.anki2"))
PY
  { printf '\x01'; cat "$tmp/$name.anki2"; } >"$out/$name-anki2"
  { printf '\x02'; cat "$tmp/$name.anki2"; } >"$out/$name-anki21b"
done
ls "$out" | wc -l
