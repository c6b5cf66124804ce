#!/usr/bin/env bash
# Runs the main demo end to end (examples/QuickStart). Installs ffmpeg with apt-get when missing and root.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "demo.sh: installing ffmpeg (Debian package 'ffmpeg')"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg
  else
    echo "demo.sh: ffmpeg and ffprobe are required. Install them with: sudo apt-get install ffmpeg" >&2
    exit 1
  fi
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "demo.sh: the .NET 10 SDK is required (https://dotnet.microsoft.com/download)." >&2
  exit 1
fi
dotnet run -c Release --project examples/QuickStart -- "$@"
