#!/usr/bin/env bash
# Tests of ./sandlot's package installation (issue 14, bug 10): what counts as missing,
# that nothing is installed when nothing is, that a held apt/dpkg lock is waited for, and
# (issue 16) which Python libraries SANDLOT_PYTHON_LIBRARIES installs.
# apt-get and dpkg-query are stubs here: nothing is installed. LauncherScriptTest runs it.
set -uo pipefail

LAUNCHER="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)/sandlot"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
FAILURES=0

fail() { echo "FAIL: $*"; FAILURES=$((FAILURES + 1)); }

# One case in a subshell of its own: the launcher sourced, with stubs and a clean log.
run_case() {
  local name="$1"
  shift
  : >"$WORK/apt.log"
  (
    # shellcheck source=/dev/null
    source "$LAUNCHER"
    set +e
    apt-get() { echo "apt-get $*" >>"$WORK/apt.log"; }
    dpkg-query() { grep -qx "$3" "$WORK/dpkg-installed" 2>/dev/null && printf 'install ok installed' || printf 'unknown ok not-installed'; }
    can_install() { return 0; }
    install_esbuild() { :; }
    : >"$WORK/provided"
    APT_LOCKS=("$WORK/lock-frontend")
    touch "$WORK/lock-frontend"
    for pkg in "${!PACKAGE_PROVIDES[@]}"; do PACKAGE_PROVIDES[$pkg]="$WORK/provided"; done
    "$@"
  ) >"$WORK/out.txt" 2>&1
  local rc=$?
  echo "--- $name (exit $rc)"
  sed 's/^/    /' "$WORK/out.txt"
  return $rc
}

installs() { grep '^apt-get .* install ' "$WORK/apt.log" | sed 's/.*--no-install-recommends //'; }

# Everything there, though dpkg knows none of it (perl-base's /usr/bin/perl, node from
# elsewhere): no apt-get at all.
: >"$WORK/dpkg-installed"
run_case "all provided" install_runtimes || fail "install_runtimes failed with everything there"
[[ ! -s "$WORK/apt.log" ]] || fail "apt-get ran although nothing was missing: $(cat "$WORK/apt.log")"

# Only what is missing is installed.
missing_perl() { PACKAGE_PROVIDES[perl]="$WORK/no-such-perl"; install_runtimes; }
run_case "perl missing" missing_perl || fail "install_runtimes failed with perl missing"
[[ "$(installs)" == "perl" ]] || fail "expected to install only perl, installed: '$(installs)'"
grep -q -- "-o DPkg::Lock::Timeout=" "$WORK/apt.log" || fail "apt-get was not told to wait for the dpkg lock"

# A package dpkg has installed is there, whatever its file.
echo perl >"$WORK/dpkg-installed"
run_case "perl installed by dpkg" missing_perl || fail "install_runtimes failed"
[[ ! -s "$WORK/apt.log" ]] || fail "apt-get ran for a package dpkg has: $(cat "$WORK/apt.log")"
: >"$WORK/dpkg-installed"

# A command on PATH provides its package.
mkdir -p "$WORK/bin" && printf '#!/bin/sh\n' >"$WORK/bin/fakenode" && chmod +x "$WORK/bin/fakenode"
node_on_path() { PACKAGE_PROVIDES[nodejs]="fakenode"; PATH="$WORK/bin:$PATH"; missing_packages nodejs; }
run_case "command on PATH" node_on_path || fail "missing_packages failed"
[[ -z "$(cat "$WORK/out.txt")" ]] || fail "a command on PATH did not count: $(cat "$WORK/out.txt")"

# Python's libraries: all seven by default, the chosen ones, none with "none"; pip always.
no_libraries() { for pkg in "${!PACKAGE_PROVIDES[@]}"; do [[ "$pkg" == python3-* ]] && PACKAGE_PROVIDES[$pkg]="$WORK/absent"; done; }
libraries_default() { no_libraries; unset SANDLOT_PYTHON_LIBRARIES; install_runtimes; }
run_case "no libraries, default setting" libraries_default || fail "install_runtimes failed"
[[ "$(installs)" == "python3-pip python3-numpy python3-pandas python3-scipy python3-matplotlib python3-seaborn python3-sklearn python3-sympy" ]] \
  || fail "expected pip and the seven libraries, installed: '$(installs)'"
libraries_none() { no_libraries; SANDLOT_PYTHON_LIBRARIES=none install_runtimes; }
run_case "SANDLOT_PYTHON_LIBRARIES=none" libraries_none || fail "install_runtimes failed"
[[ "$(installs)" == "python3-pip" ]] || fail "expected only pip with none, installed: '$(installs)'"
libraries_two() { no_libraries; SANDLOT_PYTHON_LIBRARIES=" numpy, scikit-learn" install_runtimes; }
run_case "two libraries" libraries_two || fail "install_runtimes failed"
[[ "$(installs)" == "python3-pip python3-numpy python3-sklearn" ]] || fail "expected pip, numpy and sklearn, installed: '$(installs)'"
libraries_hostile() { SANDLOT_PYTHON_LIBRARIES='numpy,-o Dir=/tmp' install_runtimes; }
run_case "a hostile library name" libraries_hostile && fail "a library name that is an option was accepted"
grep -q "is not a library name" "$WORK/out.txt" || fail "no message naming the bad library name"
[[ ! -s "$WORK/apt.log" ]] || fail "apt-get ran for a bad library name: $(cat "$WORK/apt.log")"

# A held lock is waited for, and said so; apt-get runs once it is free.
flock "$WORK/lock-frontend" sleep 2 &
holder=$!
sleep 0.3
SECONDS=0
run_case "lock held for 2 s" missing_perl || fail "install_runtimes failed while the lock was held"
waited=$SECONDS
wait "$holder"
grep -q "waiting up to" "$WORK/out.txt" || fail "the user was not told about the wait"
grep -q "holds $WORK/lock-frontend" "$WORK/out.txt" || fail "the holder of the lock was not named"
(( waited >= 1 )) || fail "did not wait for the lock (${waited} s)"
[[ "$(installs)" == "perl" ]] || fail "expected perl to be installed after the wait, installed: '$(installs)'"

# Past the timeout it gives up, saying why, and installs nothing.
flock "$WORK/lock-frontend" sleep 5 &
holder=$!
sleep 0.3
short_wait() { APT_LOCK_TIMEOUT=1; missing_perl; }
run_case "lock held past the timeout" short_wait && fail "did not give up on a lock held past the timeout"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
grep -q "gave up after 1 s" "$WORK/out.txt" || fail "no message on giving up"
[[ -z "$(installs)" ]] || fail "installed although the lock was never free: '$(installs)'"

# SANDLOT_SKIP_INSTALL=1 never calls apt-get.
skipped() { SANDLOT_SKIP_INSTALL=1; missing_perl; }
run_case "SANDLOT_SKIP_INSTALL=1" skipped || fail "install_runtimes failed with SANDLOT_SKIP_INSTALL=1"
[[ ! -s "$WORK/apt.log" ]] || fail "apt-get ran with SANDLOT_SKIP_INSTALL=1"

if (( FAILURES > 0 )); then
  echo "$FAILURES failure(s)"
  exit 1
fi
echo "all launcher install checks passed"
