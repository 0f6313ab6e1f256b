#!/usr/bin/env bash
# Install the Debian packages the test suite (or, with "bench", the benchmarks) needs, when missing.
# As root it installs them with apt; otherwise it says exactly what to install.
set -euo pipefail

needed=()
command -v msgfmt >/dev/null 2>&1 || needed+=(gettext)
# PDFs (WeasyPrint's libraries and a font), and pdftotext to read them back in the tests.
for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  dpkg -s "$package" >/dev/null 2>&1 || needed+=("$package")
done
command -v pdftotext >/dev/null 2>&1 || needed+=(poppler-utils)
if [ "${1:-}" = "bench" ]; then
  command -v wrk >/dev/null 2>&1 || needed+=(wrk)
else
  [ -x /usr/bin/chromium ] || needed+=(chromium)
fi

if [ ${#needed[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "mentornet needs these Debian packages: ${needed[*]}" >&2
  echo "Install them as root:  sudo apt-get install -y ${needed[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${needed[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null
