#!/usr/bin/env bash
# Compare shotmask with peer tools on the job it exists for: "this
# screenshot, this many bytes, as legible as possible".
#
#   benches/compare.sh [JOBS]          (default JOBS=2; RUNS=N times each, default 3)
#
# Corpus: real screenshots from Debian documentation packages (GnuCash,
# GNOME and GIMP manuals) plus the bundled demo screenshots. For each limit
# (100 KB, 300 KB, 1 MB) every tool turns every image into one file under
# the limit, with the same number of parallel jobs; then each output is
# scored against its input (SSIM on luma, benches/score.py).
# Peers: ImageMagick (jpeg:extent), jpegoptim (--size, from a q95 JPEG),
# caesiumclt (--max-size). They are installed when missing (apt, cargo, pip).
# Prints a Markdown table; BENCHMARKS.md holds a copy.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${COMPARE_DIR:-$root/target/compare}
jobs=${1:-2}
runs=${RUNS:-3}
limits=(100000 300000 1000000)
mkdir -p "$work"

need() { command -v "$1" >/dev/null 2>&1; }
export DEBIAN_FRONTEND=noninteractive
sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
if ! need /usr/bin/convert || ! need jpegoptim; then
  $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq imagemagick jpegoptim >/dev/null
fi
export PATH="$HOME/.cargo/bin:$PATH"
need caesiumclt || cargo install caesiumclt --version 1.5.0 --locked
python3 -c 'import skimage, PIL, numpy' 2>/dev/null || python3 -m pip install -q pillow numpy scikit-image

# --- corpus -----------------------------------------------------------------
corpus=$work/corpus
if [ ! -f "$corpus/.complete" ]; then
  rm -rf "$corpus" "$work/debs"
  mkdir -p "$corpus" "$work/debs"
  (cd "$work/debs" && apt-get download gnucash-docs gnome-user-docs gimp-help-en >/dev/null)
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/debs/x"; done
  x=$work/debs/x
  # The 36 largest English screenshots (PNG, over 50 KB), name-sorted on ties.
  find "$x/usr/share/doc/gnucash-docs/gnucash-help-en/figures" \
       "$x/usr/share/doc/gnucash-docs/gnucash-guide-en/figures" \
       "$x/usr/share/help/C/gnome-help/figures" \
       "$x/usr/share/gimp/2.0/help/en/images/dialogs" \
       -name '*.png' -size +50k -printf '%s %p\n' | sort -k1,1nr -k2 | head -36 |
    while read -r _ p; do
      pkg=$(echo "$p" | sed -E 's#.*/(gnucash-help-en|gnucash-guide-en|gnome-help|dialogs)/.*#\1#')
      cp "$p" "$corpus/$pkg-$(basename "$p")"
    done
  # Photographic content that shows up in screenshots: the GIMP tutorial JPEGs.
  find "$x/usr/share/gimp/2.0/help/en/images/tutorials" -name '*.jpg' -size +100k | sort | head -4 |
    while read -r p; do cp "$p" "$corpus/gimp-$(basename "$p")"; done
  cp "$root"/fixtures/demo/*.png "$root"/fixtures/demo/*.jpg "$corpus/"
  touch "$corpus/.complete"
fi
mapfile -t files < <(find "$corpus" -maxdepth 1 -type f ! -name '.*' | sort)
n=${#files[@]}

# --- build --------------------------------------------------------------------
(cd "$root" && cargo build --release -q && cargo build --release -q --example floor)
shotmask=$root/target/release/shotmask

# Counting encodes of the libjpeg-based peers (see count_encodes.c).
gcc -shared -fPIC -O2 -o "$work/count_encodes.so" "$root/benches/count_encodes.c" -ldl
# encodes_per_image COUNT_FILE: total encodes / images.
encodes_per_image() { python3 -c "import sys; v=[int(l) for l in open('$1')] if __import__('os').path.exists('$1') else []; print(f'{sum(v)/$n:.1f}')"; }

# Bash's own clock: starting a program to read the time would add its start-up
# to every measurement.
seconds() { echo "$EPOCHREALTIME"; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
# run_each OUTDIR CMD...: runs CMD once per input with {in} and {out} filled, $jobs at a time.
run_each() {
  local out=$1; shift
  printf '%s\0' "${files[@]}" | OUT="$out" xargs -0 -P "$jobs" -n 1 sh -c "$*" sh
}

# row LIMIT TOOL WALL ENCODES SCORE_JSON: one table row.
row() {
  python3 - "$@" <<'PY'
import json, sys
lim, tool, wall, enc, s = sys.argv[1:6]
s = json.loads(s)
done = s["files"] - s["missing"]
over = f"{100 * s['over'] / done:.0f}%" if done else "-"
bytes_ = f"{s['median_bytes']:.0f}" if s["median_bytes"] is not None else "-"
print(f"| {lim} | {tool} | {wall} | {enc} | {over} | {s['missing']} | {bytes_} | {s['median_ssim']} |")
PY
}

# round: runs every tool once, in turn, each into a fresh folder, and adds
# its wall time to times_TOOL. Taking turns means a slow spell of this shared
# machine (it varies by ±20% from minute to minute) does not fall on one
# tool only.
tools=(shotmask imagemagick jpegoptim caesium)
round() {
  local tool t0 t1
  for tool in "${tools[@]}"; do
    rm -rf "${res:?}/$tool"; mkdir -p "$res/$tool"; rm -f "$res/$tool.count" "$res/$tool.json"
    t0=$(seconds)
    "run_$tool"
    t1=$(seconds)
    eval "times_$tool+=(\"$(elapsed "$t0" "$t1")\")"
  done
}
median() { python3 -c 'import statistics, sys; print(f"{statistics.median(map(float, sys.argv[1:])):.2f}")' "$@"; }

run_shotmask() {
  "$shotmask" -q -j "$jobs" --max-size "$limit" --marker off --no-sidecars --name '{stem}' \
    -o "$res/shotmask" --report "$res/shotmask.json" "$corpus" || true
}
run_imagemagick() {
  COUNT_FILE=$res/imagemagick.count LD_PRELOAD=$work/count_encodes.so \
  run_each "$res/imagemagick" 'f=$1; b=$(basename "${f%.*}"); /usr/bin/convert "$f" -strip -define jpeg:extent='"$limit"' "$OUT/$b.jpg" 2>/dev/null || true'
}
run_jpegoptim() {
  COUNT_FILE=$res/jpegoptim.count LD_PRELOAD=$work/count_encodes.so \
  run_each "$res/jpegoptim" 'f=$1; b=$(basename "${f%.*}"); /usr/bin/convert "$f" -strip -quality 95 "$OUT/$b.jpg" 2>/dev/null && jpegoptim -q --strip-all --size='"$((limit / 1024))"' "$OUT/$b.jpg" >/dev/null 2>&1 || true'
}
run_caesium() {
  caesiumclt -Q --max-size "$limit" --format jpeg --threads "$jobs" -o "$res/caesium" "${files[@]}" >/dev/null 2>&1 || true
}

echo "| limit | tool | wall s | encodes / image | over limit | no output | median bytes | median SSIM |"
echo "|---|---|---|---|---|---|---|---|"
for limit in "${limits[@]}"; do
  kb=$((limit / 1000))
  res=$work/out-$kb
  rm -rf "$res"; mkdir -p "$res"
  times_shotmask=(); times_imagemagick=(); times_jpegoptim=(); times_caesium=()
  round  # warm-up: file caches, binaries; not counted
  times_shotmask=(); times_imagemagick=(); times_jpegoptim=(); times_caesium=()
  for _ in $(seq "$runs"); do round; done
  score() { python3 "$root/benches/score.py" "$limit" "$corpus" "$res/$1"; }

  # shotmask: masking off (no regions), so every tool does the same job.
  encodes=$(python3 -c "import json; r=json.load(open('$res/shotmask.json')); print(f\"{r['totals']['encodes']/max(1,len(r['files'])):.1f}\")")
  row "$kb KB" shotmask "$(median "${times_shotmask[@]}")" "$encodes" "$(score shotmask)"
  # ImageMagick: JPEG with jpeg:extent (its own quality search).
  row "$kb KB" ImageMagick "$(median "${times_imagemagick[@]}")" "$(encodes_per_image "$res/imagemagick.count")" \
    "$(score imagemagick)"
  # jpegoptim: JPEG input only, so each image is first saved as a q95 JPEG.
  row "$kb KB" jpegoptim "$(median "${times_jpegoptim[@]}")" "$(encodes_per_image "$res/jpegoptim.count")" \
    "$(score jpegoptim)"
  # caesiumclt: its own --max-size search, JPEG output.
  row "$kb KB" caesiumclt "$(median "${times_caesium[@]}")" "n/a" "$(score caesium)"
done

floor_times=()
for _ in $(seq "$runs"); do
  t0=$(seconds)
  "$root/target/release/examples/floor" -j "$jobs" "${files[@]}" >/dev/null
  t1=$(seconds)
  floor_times+=("$(elapsed "$t0" "$t1")")
done
floor=$(median "${floor_times[@]}")
echo
echo "Floor (decode + one jpeg-encoder q85 encode per image, $jobs threads): $floor s for $n images."
echo "Wall times are the median of $runs runs, the tools taking turns, after one warm-up run each."
