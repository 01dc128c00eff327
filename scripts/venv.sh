# scripts/venv.sh — sourced by the scripts of the Python test servers
# (cas.sh, s3.sh). Defines sesame_venv.

# sesame_venv ROOT NAME REQUIREMENTS: creates target/venv-NAME with
# python3 -m venv and pip-installs REQUIREMENTS into it the first time, and
# again whenever that file differs from the copy kept in the venv; reuses it
# otherwise. Messages name the caller (NAME.sh); returns 1 on failure.
sesame_venv() {
  local root=$1 name=$2 req=$3 venv stamp log
  venv="$root/target/venv-$name"
  stamp="$venv/sesame-requirements.txt"
  log="$root/target/venv-$name-install.log"
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c '' 2>/dev/null && cmp -s "$req" "$stamp"; then
    return 0
  fi
  command -v python3 >/dev/null || { echo "$name.sh: python3 is not installed" >&2; return 1; }
  echo "$name.sh: installing the Python packages of $name's test server in $venv" >&2
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >"$log" 2>&1; then
    echo "$name.sh: python3 -m venv failed (on Debian: apt-get install python3-venv); $log says:" >&2
    cat "$log" >&2
    rm -rf "$venv"
    return 1
  fi
  if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-input -r "$req" >>"$log" 2>&1; then
    echo "$name.sh: pip install -r $req failed; $log says:" >&2
    cat "$log" >&2
    rm -rf "$venv"
    return 1
  fi
  cp "$req" "$stamp" || return 1
}

# sesame_free_port PYTHON: a free loopback port, printed.
sesame_free_port() {
  "$1" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}
