#!/usr/bin/env bash
# Proves the Dockerfile: builds the image with podman, runs it with a named volume and checks it the way
# an operator and Twilio meet it, then removes everything it made.
#
#   bash deploy/container-check.sh                # as root, on a Debian machine without Docker
#   HELPLINE_KEEP_BASE_IMAGES=1 bash deploy/container-check.sh   # keep the base images for a faster rerun
#
# No registry is reached: the two base images the Dockerfile names (Microsoft's .NET SDK and ASP.NET
# runtime) are stood in for by local images made here: a Debian root file system from the machine's
# own apt source (debootstrap) with this machine's .NET copied in, user `app` (uid 1654, as Microsoft's
# images define APP_UID). They are passed as --build-arg; the Dockerfile's defaults stay Microsoft's.
# What this proves: the Dockerfile, the app and the image's settings (non-root, HEALTHCHECK, ICU for
# Dari, the data volume across a restart). What not: Microsoft's images themselves (Ubuntu-based).
#
# Checks: GET /healthz; the image's HEALTHCHECK command; the process is not root; a signed SMS is
# answered in Spanish and in Dari; a bad signature gets 403; a conversation survives a restart.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
step() { printf '[container-check %3ds] %s\n' $((SECONDS - started)) "$*"; }
fail() { printf '[container-check] FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (podman, debootstrap and chroot need it here)"

name=helpline-check-$$
image=localhost/helpline-check:$$
volume=helpline-check-data-$$
sdk_image=localhost/helpline-standin/dotnet-sdk:10.0
aspnet_image=localhost/helpline-standin/dotnet-aspnet:10.0
work=$(mktemp -d /var/tmp/helpline-container-check.XXXXXX)
port=${HELPLINE_CHECK_PORT:-18080}
base="http://127.0.0.1:$port"
token=check-auth-token-$$
account=AC0123456789abcdef0123456789abcdef

# --- podman, set up for this machine (nothing under /etc/containers is changed) ------------------
missing=()
for tool in podman:podman buildah:buildah runc:runc debootstrap:debootstrap; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# crun fails on this kernel's hybrid cgroups; podman's default ulimits cannot be set in this VM.
hard_nofile=$(ulimit -Hn)
cat > "$work/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$hard_nofile:$hard_nofile", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
export CONTAINERS_CONF="$work/containers.conf"

cleanup() {
  local status=$?
  podman rm -f -t 0 "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
  podman rmi -f "$image" >/dev/null 2>&1 || true
  if [ -z "${HELPLINE_KEEP_BASE_IMAGES:-}" ]; then
    podman rmi -f "$sdk_image" "$aspnet_image" >/dev/null 2>&1 || true
    podman image prune -f >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  [ $status = 0 ] || printf '[container-check] cleaned up after a failure\n' >&2
  exit $status
}
trap cleanup EXIT

# --- stand-ins for Microsoft's base images --------------------------------------------------------
if ! podman image exists "$sdk_image" || ! podman image exists "$aspnet_image"; then
  step "making base images: debootstrap from this machine's apt source"
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  mirror=$(apt-get indextargets --format '$(SITE) $(RELEASE)' 'Identifier: Packages' \
    | awk -v c="$codename" '$2 == c { print $1; exit }')
  [ -n "$mirror" ] || fail "no apt source for $codename"
  icu=$(dpkg-query -W -f '${Package}\n' 'libicu[0-9]*' 2>/dev/null | grep -E '^libicu[0-9]+$' | head -n 1)
  [ -n "$icu" ] || icu=libicu72
  rootfs="$work/rootfs"
  debootstrap --variant=minbase --include="ca-certificates,$icu,libssl3,tzdata,zlib1g,libgcc-s1,libstdc++6" \
    "$codename" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap"; }
  chroot "$rootfs" groupadd --gid=1654 app
  chroot "$rootfs" useradd --no-log-init --uid=1654 --gid=1654 --create-home app
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  common_env=(--change 'ENV APP_UID=1654' --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true'
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')

  step "ASP.NET runtime stand-in: this machine's .NET runtime ($(ls "$dotnet_root/shared/Microsoft.AspNetCore.App"))"
  mkdir -p "$rootfs/usr/share/dotnet"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$rootfs/usr/share/dotnet/"
  ln -s /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
  tar -C "$rootfs" -c . | podman import "${common_env[@]}" --change 'ENV ASPNETCORE_HTTP_PORTS=8080' - "$aspnet_image" >>"$work/podman.log" 2>&1

  step "SDK stand-in: the whole SDK ($(dotnet --version)) and this machine's extra CA certificates"
  cp -a "$dotnet_root/." "$rootfs/usr/share/dotnet/"
  # Outbound TLS here passes a proxy with its own CA: NuGet inside the build needs to trust it.
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
    chroot "$rootfs" update-ca-certificates >/dev/null 2>&1
  fi
  sdk_env=("${common_env[@]}" --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1' --change 'ENV DOTNET_NOLOGO=1')
  [ -z "${NUGET_CERT_REVOCATION_MODE:-}" ] || sdk_env+=(--change "ENV NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE")
  tar -C "$rootfs" -c . | podman import "${sdk_env[@]}" - "$sdk_image" >>"$work/podman.log" 2>&1
  rm -rf "$rootfs"
fi

# --- the image ----------------------------------------------------------------------------------
step "building the image from the Dockerfile"
# --format docker keeps the HEALTHCHECK (the OCI format drops it).
podman build --format docker --pull=never \
  --build-arg "SDK_IMAGE=$sdk_image" --build-arg "ASPNET_IMAGE=$aspnet_image" \
  -t "$image" . >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; fail "podman build"; }

run() {
  podman run -d --name "$name" -p "127.0.0.1:$port:8080" \
    -e "Twilio__AuthToken=$token" -e "Twilio__AccountSid=$account" \
    -e "Helpline__CallerKeySecret=container-check-secret-$$" -e "Helpline__PublicBaseUrl=$base" \
    -v "$volume:/app/data" "$image" >>"$work/podman.log" 2>&1
}

wait_healthy() {
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then return 0; fi
    if [ "$(podman inspect -f '{{.State.Running}}' "$name")" != true ]; then
      podman logs "$name" 2>&1 | tail -n 30 >&2
      fail "the container stopped"
    fi
    sleep 0.5
  done
  podman logs "$name" 2>&1 | tail -n 30 >&2
  fail "/healthz did not answer within 60 s"
}

# An SMS webhook as Twilio sends it: form fields, signed with the auth token over the URL and the
# sorted name+value pairs (HMAC-SHA1, base64).
sms() { # sms FROM BODY SID [SIGNATURE] -> prints "status<TAB>body"
  local from=$1 text=$2 sid=$3 signature=${4:-}
  local url="$base/twilio/sms"
  local -a fields=("AccountSid=$account" "Body=$text" "From=$from" "MessageSid=$sid" "NumMedia=0" "To=+15555550199")
  if [ -z "$signature" ]; then
    local signed=$url field
    while IFS= read -r field; do signed+="${field%%=*}${field#*=}"; done < <(printf '%s\n' "${fields[@]}" | LC_ALL=C sort -t= -k1,1)
    signature=$(printf '%s' "$signed" | openssl dgst -sha1 -hmac "$token" -binary | base64)
  fi
  local -a form=()
  for field in "${fields[@]}"; do form+=(--data-urlencode "$field"); done
  curl -sS -o "$work/reply" -w '%{http_code}' -H "X-Twilio-Signature: $signature" "${form[@]}" "$url"
}

expect() { # expect WHAT STATUS TEXT
  local what=$1 want_status=$2 want_text=$3 got_status
  got_status=$(cat "$work/status")
  [ "$got_status" = "$want_status" ] || { cat "$work/reply" >&2; fail "$what: HTTP $got_status, wanted $want_status"; }
  [ -z "$want_text" ] || grep -qF -- "$want_text" "$work/reply" || { cat "$work/reply" >&2; echo >&2; fail "$what: the reply lacks '$want_text'"; }
  step "ok: $what"
}

step "running it with the named volume $volume"
podman volume create "$volume" >>"$work/podman.log" 2>&1
run
wait_healthy
step "ok: GET /healthz answers 200"

podman healthcheck run "$name" >/dev/null || fail "the image's HEALTHCHECK command reports unhealthy"
step "ok: the image's HEALTHCHECK command reports healthy"

uid=$(podman exec "$name" id -u)
[ "$uid" != 0 ] || fail "the helpline runs as root"
step "ok: the helpline runs as uid $uid, not root"

sms +15555550100 Español SM00000000000000000000000000000001 > "$work/status"
expect "a signed 'Español' gets the Spanish main menu" 200 "2 Tengo miedo"

sms +15555550101 دری SM00000000000000000000000000000002 > "$work/status"
expect "a signed 'دری' gets the Dari main menu (ICU, fa-AF)" 200 "2 گفتن ترس خود"

sms +15555550102 hola SM00000000000000000000000000000003 "AAAAAAAAAAAAAAAAAAAAAAAAAAA=" > "$work/status"
expect "a bad signature gets 403" 403 ""

step "restarting the container"
# (No systemd here: podman says it cannot schedule the health check; the check above runs it by hand.)
podman restart -t 10 "$name" >>"$work/podman.log" 2>&1
wait_healthy
sms +15555550100 2 SM00000000000000000000000000000004 > "$work/status"
expect "after the restart, '2' carries on the Spanish conversation" 200 "Si tiene miedo de regresar"

step "all checks passed; cleaning up"
