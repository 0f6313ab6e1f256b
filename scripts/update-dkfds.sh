#!/usr/bin/env bash
# Vendor Det Fælles Designsystem (npm package dkfds) into mentornet/static/dkfds.
# Pinned: change DKFDS_VERSION here, run this script, commit the result. Node is needed only here.
set -euo pipefail

DKFDS_VERSION="11.2.0"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/mentornet/static/dkfds"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "dkfds@$DKFDS_VERSION" >/dev/null && tar xzf "dkfds-$DKFDS_VERSION.tgz")
dist="$work/package/dist"

rm -rf "$target"
mkdir -p "$target/css" "$target/js" "$target/img"
# Source maps are left out: drop the comments that point at them.
sed '/sourceMappingURL=/d' "$dist/css/dkfds.min.css" > "$target/css/dkfds.min.css"
sed '/sourceMappingURL=/d' "$dist/js/dkfds.min.js" > "$target/js/dkfds.min.js"
cp "$dist/img/all-svg-icons.svg" "$target/img/"
# Copy every file the stylesheet refers to, and nothing else.
grep -o 'url([^)]*)' "$target/css/dkfds.min.css" | sed -e 's/^url(//' -e 's/)$//' -e "s/[\"']//g" -e 's/[?#].*//' \
  | grep '^\.\./' | sort -u | while read -r ref; do
    source="$dist/css/$ref"
    dest="$target/css/$ref"
    mkdir -p "$(dirname "$dest")"
    cp "$source" "$dest"
  done
cp "$dist/LICENSE.md" "$target/LICENSE.md"
printf 'dkfds %s, vendored by scripts/update-dkfds.sh\n' "$DKFDS_VERSION" > "$target/VERSION"
echo "Vendored dkfds $DKFDS_VERSION into $target"
