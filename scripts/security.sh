#!/usr/bin/env bash
# Security checks (make security): govulncheck against a vulnerability
# database built locally from the pinned golang.org/x/vulndb module (this
# machine reaches the Go module proxy but not vuln.go.dev), gosec, and
# npm audit of the production dependencies.
#
#   scripts/security.sh [vuln|gosec|npm]...   (default: all three)
#
# Tools and the built database are cached under GATEHOUSE_TOOLS_CACHE
# (default ~/.cache/gatehouse-tools), never in the repository, so a warm
# run only scans.
set -euo pipefail
cd "$(dirname "$0")/.."

GO="${GO:-go}"
# go.mod's toolchain (standard-library fixes); see the Makefile.
export GOTOOLCHAIN="${GOTOOLCHAIN:-go1.26.11}"
NPM="${NPM:-npm}"
# Pinned: bump deliberately, with the findings of the new versions triaged.
GOVULNCHECK_VERSION=v1.9.0
GOSEC_VERSION=v2.30.0
VULNDB_VERSION=v0.0.0-20261105234957-e22db6528018

CACHE="${GATEHOUSE_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gatehouse-tools}"
BIN="$CACHE/bin"
mkdir -p "$BIN"

# tool NAME PACKAGE VERSION: the cached binary, installed once per version.
tool() {
  local name=$1 pkg=$2 version=$3 exe="$BIN/$1-$3"
  if [ ! -x "$exe" ]; then
    echo "--- installing $name $version" >&2
    local tmp
    tmp=$(mktemp -d)
    # Outside the repository's module, so go.mod and go.sum stay as they are.
    (cd "$tmp" && GOBIN="$tmp" GOFLAGS=-mod=mod "$GO" install "$pkg@$version") >&2
    mv "$tmp/$name" "$exe"
    rm -rf "$tmp"
  fi
  echo "$exe"
}

# vulndb: the database in govulncheck's file:// layout (index/db.json,
# index/modules.json, ID/GO-*.json), indexed by x/vulndb's own indexdb
# command from the OSV files of the module (data/osv/*.json).
vulndb() {
  local out="$CACHE/vulndb-$VULNDB_VERSION"
  if [ ! -f "$out/index/db.json" ]; then
    echo "--- building the vulnerability database $VULNDB_VERSION" >&2
    local dir indexdb
    dir=$(cd "$CACHE" && GOFLAGS=-mod=mod "$GO" mod download -json "golang.org/x/vulndb@$VULNDB_VERSION" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -d "$dir/data/osv" ] || { echo "golang.org/x/vulndb@$VULNDB_VERSION has no data/osv" >&2; return 1; }
    indexdb=$(tool indexdb golang.org/x/vulndb/cmd/indexdb "$VULNDB_VERSION")
    rm -rf "$out.tmp"
    "$indexdb" -vulns "$dir/data/osv" -out "$out.tmp" >&2
    mv "$out.tmp" "$out"
  fi
  echo "$out"
}

run_vuln() {
  local exe db
  exe=$(tool govulncheck golang.org/x/vuln/cmd/govulncheck "$GOVULNCHECK_VERSION")
  db=$(vulndb)
  echo "--- govulncheck (database golang.org/x/vulndb@$VULNDB_VERSION)"
  # Fails on vulnerabilities in code the module reaches (govulncheck's
  # default); imported-but-unreached ones are listed with -show verbose.
  "$exe" -db "file://$db" ./...
}

# ours: the packages that have a non-generated, non-test Go file. ent's
# models and gqlgen's executor and models are generated ("Code generated
# ... DO NOT EDIT."): loading them into gosec's SSA was most of its time,
# and -exclude-generated would throw their findings away afterwards anyway.
# Hand-written ent/schema stays in.
ours() {
  "$GO" list -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}' ./... |
    xargs grep -L '^// Code generated .* DO NOT EDIT\.$' |
    xargs -n1 dirname | sort -u | sed "s|^$PWD|.|"
}

run_gosec() {
  local exe pkgs
  exe=$(tool gosec github.com/securego/gosec/v2/cmd/gosec "$GOSEC_VERSION")
  mapfile -t pkgs < <(ours)
  echo "--- gosec (config .gosec.json, ${#pkgs[@]} packages)"
  # Any finding fails the run; generated files that share a package with
  # ours are still skipped.
  "$exe" -quiet -conf .gosec.json -exclude-generated "${pkgs[@]}"
}

# npm audit of what ships (the SPA's runtime dependencies): the report is
# printed; high or critical advisories fail the run, low and moderate are
# reported only (the SPA's production dependencies are bundled static
# code, so a moderate advisory in them rarely reaches a user; they are
# fixed in the normal dependency updates). When the registry's audit
# endpoint cannot be reached, the script says so and goes on.
run_npm() {
  echo "--- npm audit --omit=dev"
  local out rc=0
  out=$(mktemp)
  "$NPM" audit --omit=dev --json >"$out" 2>/dev/null || rc=$?
  node - "$out" "$rc" <<'EOF'
const fs = require('fs');
const [file, rc] = process.argv.slice(2);
let r;
try { r = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { r = null; }
if (!r || r.error) {
  const why = (r && r.error && (r.error.summary || r.error.detail || r.error.code)) || `no audit answer, npm exited ${rc}`;
  console.log(`npm audit: the registry's audit endpoint could not be used (${String(why).split('\n')[0]}); not checked`);
  process.exit(0);
}
const v = (r.metadata && r.metadata.vulnerabilities) || {};
for (const [name, x] of Object.entries(r.vulnerabilities || {})) {
  const via = (x.via || []).map((y) => (typeof y === 'string' ? y : y.title || y.url)).join('; ');
  console.log(`  ${x.severity.padEnd(8)} ${name} ${x.range || ''} ${via}${x.fixAvailable ? ' (fix available)' : ''}`);
}
console.log(`npm audit (production dependencies): ${['critical', 'high', 'moderate', 'low', 'info'].map((s) => `${v[s] || 0} ${s}`).join(', ')}`);
if ((v.critical || 0) + (v.high || 0) > 0) {
  console.log('npm audit: high or critical advisories in production dependencies');
  process.exit(1);
}
EOF
  local status=$?
  rm -f "$out"
  return $status
}

checks=("$@")
[ ${#checks[@]} -gt 0 ] || checks=(vuln gosec npm)
failed=()
for c in "${checks[@]}"; do
  start=$SECONDS
  case "$c" in
    vuln) run_vuln || failed+=(govulncheck) ;;
    gosec) run_gosec || failed+=(gosec) ;;
    npm) run_npm || failed+=("npm audit") ;;
    *) echo "unknown check $c (vuln, gosec, npm)" >&2; exit 2 ;;
  esac
  echo "    ($c: $((SECONDS - start)) s)"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "security checks failed: ${failed[*]}"
  exit 1
fi
echo "security checks passed"
