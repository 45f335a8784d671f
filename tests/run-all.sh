#!/usr/bin/env bash
# Every test, on a fresh Debian machine with the .NET SDK: installs the Debian packages the tests use for
# real when they are missing, then runs `dotnet test Helpline.sln` (extra arguments go to dotnet test).
#   espeak-ng, sox, ffmpeg   voice stand-ins and the audio import
#   redis-server             the Redis store's tests start their own server
#   chromium                 the simulator's browser tests (Debian's /usr/bin/chromium)
# Installing needs root (or sudo). With them installed, `dotnet test Helpline.sln` alone is the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=()
for tool in espeak-ng:espeak-ng sox:sox ffmpeg:ffmpeg redis-server:redis-server chromium:chromium; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing the Debian packages the tests use: ${missing[*]}"
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

exec dotnet test Helpline.sln "$@"
