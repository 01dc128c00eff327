# scripts/ldap.sh — source this (bash) to run a throwaway LDAP directory (Debian's
# OpenLDAP slapd) holding the test people of testservers/ldap/people.ldif.
#
# Installs Debian's `slapd` and `ldap-utils` first if needed (needs root), then
# stops and disables the system slapd service the package starts (port 389).
# Writes a slapd.conf in a temp dir (mdb backend; core, cosine, inetorgperson,
# nis schemas from /etc/ldap/schema plus testservers/ldap/supann.schema), loads
# people.ldif with slapadd, and runs slapd in the background as the current user,
# listening only on ldap://127.0.0.1:PORT/; log in target/slapd.log. PORT is
# SESAME_TEST_LDAP_PORT if set, else a free loopback port.
# ACLs: anonymous can read nothing but the root DSE and the schema; the service
# account below can read ou=people; nobody can write.
# Exports SESAME_TEST_LDAP_URL=ldap://127.0.0.1:PORT
#         SESAME_TEST_LDAP_BASE=ou=people,dc=univ-exemple,dc=fr
#         SESAME_TEST_LDAP_BIND_DN=cn=sesame,ou=services,dc=univ-exemple,dc=fr
#         SESAME_TEST_LDAP_PASSWORD_FILE=a file holding that account's password (no newline)
# Defines sesame_ldap_cleanup (stops slapd, deletes the temp dir); the caller
# should trap it on EXIT. Sourcing again first stops the previous directory.
# Returns 1 with a message on stderr if slapd cannot be started.
# Safe to source under `set -euo pipefail`.

# Kept across a second `source`, so that it can stop the first directory.
_SESAME_LDAP_PID=${_SESAME_LDAP_PID:-}
_SESAME_LDAP_DIR=${_SESAME_LDAP_DIR:-}
_SESAME_LDAP_SBIN=""
# Test-only secret; its {SSHA} hash is in testservers/ldap/people.ldif.
_SESAME_LDAP_PASSWORD='sesame-test-ldap-secret'

sesame_ldap_cleanup() {
  if [ -n "${_SESAME_LDAP_PID:-}" ] && kill -0 "$_SESAME_LDAP_PID" 2>/dev/null; then
    kill -TERM "$_SESAME_LDAP_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$_SESAME_LDAP_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$_SESAME_LDAP_PID" 2>/dev/null || true
    wait "$_SESAME_LDAP_PID" 2>/dev/null || true
  fi
  _SESAME_LDAP_PID=""
  if [ -n "${_SESAME_LDAP_DIR:-}" ]; then rm -rf "$_SESAME_LDAP_DIR"; fi
  _SESAME_LDAP_DIR=""
}

# slapd and slapadd live in /usr/sbin, often not on a non-root user's PATH.
_sesame_ldap_find_bin() {
  local d
  _SESAME_LDAP_SBIN=""
  command -v ldapwhoami >/dev/null 2>&1 || return 1
  for d in /usr/sbin /usr/local/sbin; do
    if [ -x "$d/slapd" ] && [ -x "$d/slapadd" ]; then _SESAME_LDAP_SBIN=$d; return 0; fi
  done
  return 1
}

# The package starts its own slapd (ldap:/// on port 389, and ldapi:///) and
# enables it at boot; we run our own, so stop and disable that one.
_sesame_ldap_disable_system_service() {
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now slapd >/dev/null 2>&1 || true
  else
    service slapd stop >/dev/null 2>&1 || true
    update-rc.d slapd disable >/dev/null 2>&1 || true
  fi
  if (exec 3<>/dev/tcp/127.0.0.1/389) 2>/dev/null; then
    echo "ldap.sh: warning: something still listens on 127.0.0.1:389 (the system slapd?)" >&2
  fi
}

# A port below the kernel's ephemeral range: a busy machine has hundreds of
# outgoing connections, and a port one of them holds as its local port refuses
# connections (so it looks free) yet cannot be bound.
_sesame_ldap_free_port() {
  local lo p
  read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || lo=32768
  case $lo in '' | *[!0-9]*) lo=32768 ;; esac
  if [ "$lo" -lt 12000 ]; then lo=50000; fi
  for _ in $(seq 1 100); do
    p=$((10000 + RANDOM % (lo - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# _sesame_ldap_run PORT LOG BINDDN: starts slapd on ldap://127.0.0.1:PORT/ and
# waits until BINDDN can bind. Returns 0 then, 2 if slapd found the port taken,
# 1 (with a message) on any other failure.
_sesame_ldap_run() {
  local url="ldap://127.0.0.1:$1" log=$2 binddn=$3 dir=$_SESAME_LDAP_DIR off
  off=$(wc -c <"$log")
  (cd "$dir" && exec "$_SESAME_LDAP_SBIN/slapd" -d stats -h "$url/" -f "$dir/slapd.conf") >>"$log" 2>&1 &
  _SESAME_LDAP_PID=$!
  for _ in $(seq 1 100); do
    if ! kill -0 "$_SESAME_LDAP_PID" 2>/dev/null; then
      wait "$_SESAME_LDAP_PID" 2>/dev/null || true
      _SESAME_LDAP_PID=""
      case $(tail -c +"$((off + 1))" "$log") in *"bind("*"errno=98"*) return 2 ;; esac
      echo "ldap.sh: slapd exited at start; $log says:" >&2
      cat "$log" >&2
      if [ -e /etc/apparmor.d/usr.sbin.slapd ]; then
        echo "ldap.sh: note: the AppArmor profile /etc/apparmor.d/usr.sbin.slapd may forbid slapd $dir" >&2
      fi
      return 1
    fi
    if LDAPNOINIT=1 ldapwhoami -x -o nettimeout=2 -H "$url" -D "$binddn" -y "$dir/password" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "ldap.sh: slapd did not answer a bind on $url within 10 s; $log says:" >&2
  cat "$log" >&2
  return 1
}

_sesame_ldap_start() {
  local root ldif schema log dir base binddn port rc
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || return 1
  ldif="$root/testservers/ldap/people.ldif"
  schema="$root/testservers/ldap/supann.schema"
  log="$root/target/slapd.log"
  base="ou=people,dc=univ-exemple,dc=fr"
  binddn="cn=sesame,ou=services,dc=univ-exemple,dc=fr"
  sesame_ldap_cleanup

  if ! _sesame_ldap_find_bin; then
    echo "ldap.sh: no slapd/ldap-utils; installing Debian packages slapd ldap-utils" >&2
    [ "$(id -u)" = 0 ] || { echo "ldap.sh: need root to apt-get install slapd ldap-utils" >&2; return 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=120 slapd ldap-utils >&2 \
      || { apt-get update -q -o DPkg::Lock::Timeout=120 >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=120 slapd ldap-utils >&2; } \
      || { echo "ldap.sh: apt-get install slapd ldap-utils failed" >&2; return 1; }
    _sesame_ldap_disable_system_service
    _sesame_ldap_find_bin || { echo "ldap.sh: slapd installed but slapd/slapadd/ldapwhoami not found" >&2; return 1; }
  fi

  if [ -n "${SESAME_TEST_LDAP_PORT:-}" ] && (exec 3<>"/dev/tcp/127.0.0.1/$SESAME_TEST_LDAP_PORT") 2>/dev/null; then
    echo "ldap.sh: port 127.0.0.1:$SESAME_TEST_LDAP_PORT is already in use" >&2
    return 1
  fi
  mkdir -p "$root/target" || return 1
  _SESAME_LDAP_DIR=$(mktemp -d /tmp/sesame-ldap.XXXXXX) || return 1
  dir=$_SESAME_LDAP_DIR
  mkdir "$dir/data" || { sesame_ldap_cleanup; return 1; }
  (umask 077 && printf '%s' "$_SESAME_LDAP_PASSWORD" >"$dir/password") || { sesame_ldap_cleanup; return 1; }

  # No loglevel: `-d stats` on slapd's command line sends one line per connection
  # and operation to stderr, that is to the log.
  cat >"$dir/slapd.conf" <<CONF || { sesame_ldap_cleanup; return 1; }
# Written by scripts/ldap.sh for the Sésame tests; deleted by sesame_ldap_cleanup.
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
include "$schema"

pidfile "$dir/slapd.pid"
argsfile "$dir/slapd.args"
modulepath /usr/lib/ldap
moduleload back_mdb

# Outside the database: the root DSE and the schema, readable by all.
access to dn.base="" by * read
access to dn.base="cn=Subschema" by * read
access to * by * none

database mdb
suffix "dc=univ-exemple,dc=fr"
directory "$dir/data"
maxsize 16777216
dbnosync
index objectClass eq
index uid,mail,supannEtuId,supannEmpId,supannCodeINE eq

# Passwords: usable to bind, readable by nobody.
access to attrs=userPassword
  by anonymous auth
  by * none
# People: the Sésame service account only (anonymous and other users get nothing).
access to dn.subtree="$base"
  by dn.exact="$binddn" read
  by * none
access to *
  by * none
CONF

  if ! "$_SESAME_LDAP_SBIN/slapadd" -f "$dir/slapd.conf" -l "$ldif" >"$log" 2>&1; then
    echo "ldap.sh: slapadd of $ldif failed; $log says:" >&2
    cat "$log" >&2
    sesame_ldap_cleanup
    return 1
  fi

  # A free port can still be taken before slapd binds it: then try another.
  for _ in 1 2 3 4 5; do
    if [ -n "${SESAME_TEST_LDAP_PORT:-}" ]; then
      port=$SESAME_TEST_LDAP_PORT
    else
      port=$(_sesame_ldap_free_port) || { echo "ldap.sh: found no free port" >&2; sesame_ldap_cleanup; return 1; }
    fi
    rc=0
    _sesame_ldap_run "$port" "$log" "$binddn" || rc=$?
    if [ "$rc" = 0 ]; then
      export SESAME_TEST_LDAP_URL="ldap://127.0.0.1:$port"
      export SESAME_TEST_LDAP_BASE="$base"
      export SESAME_TEST_LDAP_BIND_DN="$binddn"
      export SESAME_TEST_LDAP_PASSWORD_FILE="$dir/password"
      return 0
    fi
    [ "$rc" = 2 ] || break
    echo "ldap.sh: port 127.0.0.1:$port was taken before slapd could bind it" >&2
    [ -z "${SESAME_TEST_LDAP_PORT:-}" ] || break
  done
  if [ "$rc" = 2 ]; then
    echo "ldap.sh: slapd could not bind a port; $log says:" >&2
    cat "$log" >&2
  fi
  sesame_ldap_cleanup
  return 1
}

_sesame_ldap_start || { echo "ldap.sh: ERROR: could not start the test LDAP directory" >&2; return 1; }
