#!/usr/bin/env bash
# Bring the third-party static files in from npm, as pli/static/vendor/VERSIONS.txt lists them:
# `npm pack PACKAGE@VERSION`, copy each file from the tarball, check its SHA-256.
# A changed checksum stops the script: update VERSIONS.txt only after reading what changed upstream.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDOR=pli/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
status=0
while read -r package version source target sha; do
  case "$package" in ''|'#'*) continue ;; esac
  folder="$WORK/$package-$version"
  if [ ! -d "$folder" ]; then
    mkdir -p "$folder"
    (cd "$folder" && npm pack --silent "$package@$version" >/dev/null && tar xzf ./*.tgz)
  fi
  mkdir -p "$(dirname "$VENDOR/$target")"
  cp "$folder/$source" "$VENDOR/$target"
  actual=$(sha256sum "$VENDOR/$target" | cut -d' ' -f1)
  if [ "$actual" != "$sha" ]; then
    echo "$target: SHA-256 $actual, VERSIONS.txt says $sha" >&2
    status=1
  fi
done < "$VENDOR/VERSIONS.txt"
[ $status = 0 ] && echo "Every vendored file matches VERSIONS.txt."
exit $status
