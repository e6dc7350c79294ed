#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs whatever Kaiwa needs from Debian's packages (Debian 12 or Ubuntu).
#   scripts/install-deps.sh          build + run dependencies
#   scripts/install-deps.sh --test   also what the tests and benchmarks need (Redis, PostgreSQL, Chromium, openssl,
#                                    fonts, the compatibility peers' Daphne/Channels and Node, clang for sanitizers,
#                                    a D-Bus daemon and GNOME Keyring for the keychain tests)
# Enough on a minimal Debian 12 (debootstrap --variant=minbase, plus git): nothing else is assumed.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
    qt6-translations-l10n libqt6sql6-sqlite libqt6sql6-psql libgl-dev
    libhiredis-dev libssl-dev qtkeychain-qt6-dev libsecret-1-0 fonts-noto-color-emoji
)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(
        redis-server postgresql
        chromium chromium-driver python3-selenium
        xvfb xauth fonts-noto-cjk
        openssl
        dbus-daemon gnome-keyring
        daphne python3-django-channels python3-channels-redis
        desktop-file-utils appstream lintian
        clang-14 libclang-rt-14-dev clang-format-14 dpkg-dev fakeroot
    )
    # bench/peers/node-ws needs Node 18+ and npm: Debian's, unless a Node is already there (it may bundle npm).
    command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "Installing: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
