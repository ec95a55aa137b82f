#!/usr/bin/env bash
# Builds docker/Dockerfile.jvm as IMAGE with podman, on a machine without a Docker engine, where
# base images cannot be pulled: the base is Debian trixie with its OpenJDK 25 runtime, made with
# debootstrap on first use and cached (podman's storage, and a tarball in CACHE_DIR).
#
# Needs root (debootstrap, podman) and ./mvnw package done. Usage: docker/build-image.sh IMAGE
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${1:?usage: docker/build-image.sh IMAGE}
BASE_IMAGE=localhost/inventory-base:trixie-jre25
CACHE_DIR=${SMOKE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/inventory-smoke}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/docker/podman.conf}

say() { echo "image: $*" >&2; }
fail() { echo "image: FAILED: $*" >&2; exit 1; }

[[ -d target/quarkus-app ]] || fail "target/quarkus-app is missing: run ./mvnw package first"
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
[[ -x /usr/sbin/debootstrap ]] || missing+=(debootstrap)
if (( ${#missing[@]} )); then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- Base image: Debian trixie with its OpenJDK 25 runtime -------------------------------------
if podman image exists "$BASE_IMAGE"; then
    say "base image $BASE_IMAGE present"
else
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    mkdir -p "$CACHE_DIR"
    tarball="$CACHE_DIR/trixie-jre25.tar"
    if [[ ! -s "$tarball" ]]; then
        # The Debian mirror this machine's apt already uses.
        mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep '/debian$' | head -1)
        [[ -n "$mirror" ]] || mirror=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -1)
        [[ -n "$mirror" ]] || fail "no Debian mirror found in the apt sources"
        say "building the base image with debootstrap (first run only; cached in $CACHE_DIR)"
        root="$WORK/rootfs"
        debootstrap --variant=minbase trixie "$root" "$mirror" >"$WORK/debootstrap.log" 2>&1 \
            || { tail -20 "$WORK/debootstrap.log"; fail "debootstrap"; }
        mount -t proc proc "$root/proc"
        chroot "$root" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends openjdk-25-jre-headless ca-certificates \
            && apt-get clean && rm -rf /var/lib/apt/lists/*" >"$WORK/jre.log" 2>&1 \
            || { umount "$root/proc"; tail -20 "$WORK/jre.log"; fail "installing the JRE"; }
        umount "$root/proc"
        tar -C "$root" -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
    fi
    podman import --quiet --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        "$tarball" "$BASE_IMAGE" >/dev/null
    say "base image $BASE_IMAGE imported"
fi

# --- The image ---------------------------------------------------------------------------------
say "building $IMAGE from docker/Dockerfile.jvm"
podman build --quiet --network host -f docker/Dockerfile.jvm --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$IMAGE" . >/dev/null \
    || fail "podman build"
