#!/usr/bin/env bash
# Runs the whole test suite (Release build). Installs ffmpeg with apt-get when missing and root.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v ffmpeg >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ffmpeg (Debian package 'ffmpeg')"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg) >/dev/null 2>&1 || true
  else
    echo "test.sh: ffmpeg is missing; video tests will fail. Install it with: sudo apt-get install ffmpeg" >&2
  fi
fi
dotnet test MLVideo.sln -c Release --nologo "$@"
