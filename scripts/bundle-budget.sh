#!/usr/bin/env bash
# The size budget of what a candidate's browser downloads before a page is
# interactive, for the sign-in page and an application's pieces page: the
# stylesheet, the JavaScript glue, the main WASM, the splitter's loader, and
# the pieces of the WASM that screen needs (the split manifest lists them;
# `cargo leptos build --release --precompress --split`), as served (brotli).
# Sizes are deterministic: this is a test, not a timing. Fails above the
# budget of either page.
#   scripts/bundle-budget.sh [site folder, default target/site]
set -euo pipefail
SITE="${1:-target/site}"
# Issue 14 asks for 300 KB; the budgets hold what has been reached so far and
# go down whenever a stop cuts bytes (stop 22, one bundle for every screen:
# 1,180 KiB). They went up once, by what a feature measured: stop 25, the
# university's data shown read-only in the dossier's pages (issue 15), +15
# KiB on the pieces page (786 → 800.8 KiB; the Cursus interne screen itself
# is in the university's piece). Stop 28 (issue 17, English): the English
# strings and lists cost +13 KiB on the sign-in page and +19 KiB on the
# pieces page, and dropping leptos_i18n's unused cookie code (the server
# chooses the language) took 25 KiB off: 409 / 796 KiB, budgets 415 / 800.
python3 - "$SITE/pkg" <<'EOF'
import glob, json, os, sys

pkg = sys.argv[1]
# Each page: the split point its screen is behind (none: the main bundle),
# and its budget.
BUDGETS = {"sign-in page": (None, 415 * 1024), "pieces page": ("candidate_screen", 800 * 1024)}

def brotli(pattern):
    files = glob.glob(os.path.join(pkg, pattern))
    return [(os.path.basename(f), os.path.getsize(f)) for f in files]

first = brotli("sesame.*.wasm.br") + brotli("sesame.*.js.br") + brotli("sesame.*.css.br") + brotli("__wasm_split.*.js.br")
if len(first) < 4:
    sys.exit(f"bundle budget: no brotli copies of the split bundle in {pkg} (build with --release --precompress --split)")
manifests = glob.glob(os.path.join(pkg, "__wasm_split_manifest*.json"))
if not manifests:
    sys.exit(f"bundle budget: no split manifest in {pkg}")
manifest = json.load(open(manifests[0]))
for name, size in sorted(first):
    print(f"  {name:<52} {size:>9} bytes brotli")
base = sum(size for _, size in first)
failed = False
for screen, (split, budget) in BUDGETS.items():
    keys = [k for k in manifest if split and k.startswith(f"{split}_")]
    if split and len(keys) != 1:
        sys.exit(f"bundle budget: {split} is not in the split manifest ({len(keys)} entries)")
    chunks = manifest[keys[0]] if split else []
    extra = 0
    for chunk in chunks:
        found = brotli(f"{chunk}.wasm.br")
        if not found:
            sys.exit(f"bundle budget: {chunk}.wasm.br is missing")
        extra += found[0][1]
    total = base + extra
    print(f"{screen}: {total} bytes brotli ({total // 1024} KiB: {base} first + {extra} in {len(chunks)} pieces), budget {budget // 1024} KiB")
    if total > budget:
        print(f"bundle budget of {screen} exceeded by {total - budget} bytes", file=sys.stderr)
        failed = True
sys.exit(1 if failed else 0)
EOF
