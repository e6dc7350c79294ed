#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Debian packages end to end, without root changes to this machine:
#   cpack -G DEB; lintian (any E: fails); the server package unpacked into a scratch root; its
#   installed daemon started with its installed config on a free port; a chat through it; SIGHUP
#   reload; SIGTERM exit 0; the client package's desktop entry and AppStream metainfo validated.
#   test_packages.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
pid=
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

for tool in cpack dpkg-deb dpkg-shlibdeps lintian desktop-file-validate appstreamcli python3; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh --test installs it)"
done

step "cpack -G DEB"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/cpack" >"$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log"; fail "cpack"; }
server_deb=$(ls "$work"/cpack/kaiwa-server_*.deb)
client_deb=$(ls "$work"/cpack/kaiwa_*.deb 2>/dev/null || true)
for deb in $server_deb $client_deb; do
    echo "$(basename "$deb"): Depends: $(dpkg-deb -f "$deb" Depends)"
done

step "lintian"
# Running as root makes lintian say so; that is not a finding.
lintian --tag-display-limit 0 $server_deb $client_deb 2>&1 | grep -v "running with root privileges" | tee "$work/lintian.log" || true
grep -q '^E:' "$work/lintian.log" && fail "lintian reported errors"

step "dependencies exist in this system's archive"
for deb in $server_deb $client_deb; do
    for dependency in $(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g'); do
        apt-cache show "$dependency" >/dev/null 2>&1 || dpkg-query -W "$dependency" >/dev/null 2>&1 \
            || fail "$(basename "$deb") depends on $dependency, which no archive here has"
    done
done

step "unpack into a scratch root"
root=$work/root
dpkg-deb -x "$server_deb" "$root"
for file in usr/bin/kaiwa-server etc/kaiwa/kaiwa-server.conf lib/systemd/system/kaiwa-server.service \
    usr/lib/sysusers.d/kaiwa-server.conf usr/share/man/man1/kaiwa-server.1.gz \
    usr/share/doc/kaiwa-server/copyright usr/share/doc/kaiwa-server/changelog.Debian.gz; do
    [[ -e "$root/$file" ]] || fail "kaiwa-server package lacks /$file"
done
dpkg-deb -e "$server_deb" "$work/control"
grep -qx /etc/kaiwa/kaiwa-server.conf "$work/control/conffiles" || fail "the config file is not a conffile"
grep -q '^ExecStart=/usr/bin/kaiwa-server --config /etc/kaiwa/kaiwa-server.conf$' "$root/lib/systemd/system/kaiwa-server.service" \
    || fail "the unit does not start /usr/bin/kaiwa-server with /etc/kaiwa/kaiwa-server.conf"

step "installed config and man page match the option table"
daemon=$root/usr/bin/kaiwa-server
config=$root/etc/kaiwa/kaiwa-server.conf
LC_ALL=C "$daemon" --print-config >"$work/print-config"
diff <(grep -v '^; Installed for' "$config" | sed 's|^database=/var/lib/kaiwa/kaiwa-server.sqlite$|database=|') \
    "$work/print-config" || fail "installed config differs from --print-config beyond database="
for key in $(sed -n 's/^\([a-z-]*\)=.*/\1/p' "$work/print-config"); do
    zcat "$root/usr/share/man/man1/kaiwa-server.1.gz" | grep -qF -- "\\-\\-${key//-/\\-} " || fail "man page lacks --$key"
done
if command -v systemd-analyze >/dev/null; then
    # Offline check of the unit's directives, on a copy naming the binary in the scratch root.
    sed "s|^ExecStart=/usr/bin/|ExecStart=$root/usr/bin/|" "$root/lib/systemd/system/kaiwa-server.service" \
        >"$work/kaiwa-server.service"
    systemd-analyze verify --man=no "$work/kaiwa-server.service" 2>&1 | tee "$work/verify.log"
    grep -qi "error\|unknown" "$work/verify.log" && fail "systemd-analyze verify"
fi

step "the installed daemon, with the installed config, on a free port"
cp "$config" "$work/kaiwa-server.conf"
# The config's database= is /var/lib/kaiwa (made by systemd's StateDirectory=); here: the scratch dir.
JOURNAL_STREAM=0:0 "$daemon" --config "$work/kaiwa-server.conf" --port 0 --database "$work/history.sqlite" \
    >"$work/daemon.out" 2>"$work/daemon.err" &
pid=$!
for _ in $(seq 100); do
    [[ -s "$work/daemon.out" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/daemon.err"; fail "the daemon exited"; }
    sleep 0.1
done
port=$(sed -n 's|^kaiwa-server listening on http://[^:]*:\([0-9]*\)/chat/$|\1|p' "$work/daemon.out")
[[ -n "$port" ]] || { cat "$work/daemon.out" "$work/daemon.err"; fail "no listening line"; }
echo "listening on $port"
python3 "$here/chat.py" "$port" "雑談" || { cat "$work/daemon.err"; fail "chat through the installed daemon"; }

step "SIGHUP re-reads the config; SIGTERM exits 0"
sed -i 's/^history=.*/history=7/' "$work/kaiwa-server.conf"
kill -HUP "$pid"
for _ in $(seq 50); do grep -q "reloaded: history 7" "$work/daemon.err" && break; sleep 0.1; done
grep -q "reloaded: history 7" "$work/daemon.err" || { cat "$work/daemon.err"; fail "SIGHUP did not reload"; }
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[[ $status -eq 0 ]] || fail "exit status $status after SIGTERM"
# Under the journal (JOURNAL_STREAM): syslog priorities, no time stamps.
grep -q '^<6>kaiwa.server.app info: serving' "$work/daemon.err" || { cat "$work/daemon.err"; fail "journal log format"; }

if [[ -n "$client_deb" ]]; then
    step "client package: desktop entry, AppStream, icon, --version"
    dpkg-deb -x "$client_deb" "$root"
    desktop-file-validate "$root/usr/share/applications/io.github.kaiwa.Kaiwa.desktop" || fail "desktop-file-validate"
    appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.kaiwa.Kaiwa.metainfo.xml" || fail "appstreamcli validate"
    [[ -s "$root/usr/share/icons/hicolor/scalable/apps/io.github.kaiwa.Kaiwa.svg" ]] || fail "icon missing"
    [[ -s "$root/usr/share/man/man1/kaiwa.1.gz" ]] || fail "kaiwa.1 missing"
    dpkg-deb -f "$client_deb" Depends | tr ',' '\n' | grep -qx ' *fonts-noto-color-emoji' \
        || fail "the client package does not depend on fonts-noto-color-emoji (emoji would be boxes)"
    "$root/usr/bin/kaiwa" --version || fail "kaiwa --version"
fi
echo "PASS"
