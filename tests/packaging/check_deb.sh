#!/usr/bin/env bash
# Builds the .deb with CPack from a finished build tree and checks that it
# holds the programs and desktop files and depends on the Qt it links.
# usage: check_deb.sh BUILD_DIR APP_ID
set -euo pipefail
build=$1
app_id=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 || {
  cat "$out/cpack.log"; echo "FAIL: cpack did not make a package"; exit 1; }
deb=$(ls "$out"/*.deb)
contents=$(dpkg-deb -c "$deb")
depends=$(dpkg-deb -f "$deb" Depends)

status=0
for f in ./usr/bin/sdstudio ./usr/bin/sdstudio-cli \
         "./usr/share/applications/$app_id.desktop" \
         "./usr/share/metainfo/$app_id.metainfo.xml" \
         "./usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
         ./usr/share/doc/sdstudio/copyright; do
  if grep -q " $f\$" <<<"$contents"; then echo "ok: $f"; else echo "FAIL: $f missing"; status=1; fi
done
for d in libqt6widgets6 libqt6sql6-sqlite libqt6svg6 libmd4c-html0; do
  if grep -q "$d" <<<"$depends"; then echo "ok: depends on $d"; else echo "FAIL: no dependency on $d"; status=1; fi
done
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"
exit $status
