# shotmask's messages in English. Every sentence a user reads is here; the
# Korean catalogue (../ko/shotmask.ftl) has the same ids and variables.
# Ids are grouped by where they appear. Keep `{"{"}` for a literal brace.

## Values as typed (flags, config file, sidecars)

value-not-a-box = `{ $text }` is not a box: expected X,Y,W,H (e.g. 0,0,100%,4% or -30%,-12%,25%,8%)
value-not-a-length = `{ $text }` is not a number of pixels, `%` or `dp`
value-over-hundred-percent = `{ $text }` is more than 100%
value-not-positive-width = box width `{ $text }` must be more than 0
value-not-positive-height = box height `{ $text }` must be more than 0
value-not-a-size = `{ $text }` is not a size: use bytes or a unit, e.g. 500KB, 1.5MB, 800KiB, 2MiB
value-zero-size = `{ $text }` is zero bytes
value-not-a-colour = `{ $text }` is not a colour: use #RRGGBB, #RGB or a name such as black
value-not-a-marker-colour = `{ $text }` is not a marker colour: use #RRGGBB or one of { $names }
value-marker-too-grey = marker colour { $colour } is too grey to be told apart from text: pick a vivid colour such as magenta
value-not-a-number = `{ $text }` is not a number
value-scale-out-of-range = `{ $text }` is not between 0.1 and 1
value-not-a-style = `{ $text }` is not a style: use fill, mosaic or blur
value-not-a-format = `{ $text }` is not a format: use auto, jpeg, png or keep
value-not-a-language = `{ $text }` is not a language shotmask speaks: use ko or en
value-not-a-shard = `{ $text }` is not K/N (shard K of N, K counting from 0, e.g. 0/4)
value-shard-count-zero = `{ $text }`: N must be at least 1
value-shard-index-too-large = `{ $text }`: K counts from 0, so it must be below N (0 to { $last })
value-not-a-range = `{ $text }` is not a range: use MIN..MAX (either may be left out) or a number
value-empty-range = `{ $text }` is an empty range: { $min } is more than { $max }
value-not-an-aspect = `{ $text }` is not an aspect: use portrait, landscape or a height÷width range such as 1.9..2.4
value-not-an-anchor = `{ $text }` is not an anchor: use top-left, top, top-right, left, center, right, bottom-left, bottom or bottom-right
value-not-a-detector = `{ $text }` is not a detector: use qr
value-not-a-preset = `{ $text }` is not a preset: use one of { $names }
value-not-a-regex = not a valid regular expression: { $detail }
value-unknown-token = unknown token `{"{"}{ $name }{"}"}` in name template; known: { $known }
value-unmatched-brace = unmatched `{"}"}` in name template `{ $text }` (write `{"}}"}` for a literal brace)
value-unclosed-brace = unclosed `{"{"}` in name template `{ $text }` (write `{"{{"}` for a literal brace)
value-empty-template = the name template is empty
value-not-a-boolean = `{ $text }` is not true or false

## Why one file failed

error-read = cannot read the file: { $detail }
error-too-large = file is { $size } bytes, above the { $limit }-byte input limit
error-empty = file is empty
error-not-a-file = not a regular file (a device, pipe or socket)
error-unknown-format = not a supported image (PNG, JPEG, WebP, GIF or BMP)
error-too-many-pixels = image is { $width }×{ $height } ({ $megapixels } megapixels), above the { $limit }-megapixel limit
error-no-pixels = cannot decode the image: image is { $width }×{ $height }
error-jpeg-too-short = cannot decode the image: a { $width }×{ $height } JPEG takes at least { $least } bytes, this file has { $actual }: it is truncated
error-decode = cannot decode the image: { $detail }
error-truncated = the file is cut short: it ends before the end of the image ({ $detail }); copy it again from the phone or computer
error-box-outside = box { $spec } lies outside the { $width }×{ $height } image
error-rule-box-outside = rule { $rule }: box { $spec } lies outside the { $width }×{ $height } image
error-sidecar-unusable = { $file } { $reason }: fix or remove it, or run with --no-sidecars
error-sidecar = { $file }: { $problem }
error-cannot-fit = cannot fit under { $limit }: the smallest acceptable encoding is { $smallest } ({ $attempt }); raise --max-size, lower --min-scale (now { $min_scale }) or hide less detail
error-cannot-fit-nothing = cannot fit under { $limit }: no encoding was possible; raise --max-size
error-encode = cannot encode: { $detail }
error-verify = output failed verification: { $detail }
error-write = cannot write { $path }: { $detail }
error-missing = no such file or folder
error-cannot-list = cannot list: { $detail }
error-strict = not written because of --strict: { $warning }
error-internal = internal error while processing this file: { $detail }

attempt-lossless = lossless PNG
attempt-palette = { $colors }-colour PNG
attempt-jpeg = JPEG quality { $quality }
attempt-scaled = { $attempt } at { $percent } scale
attempt-over = over { $size }

sidecar-not-text = not UTF-8 text
sidecar-box-line = line { $line }: { $error }
sidecar-box-outside = line { $line }: box { $spec } lies outside the { $width }×{ $height } image
sidecar-not-json = not valid JSON: { $detail }
sidecar-field = { $path }: { $detail }
sidecar-size-mismatch = { $field } is { $declared } but the image is { $width }×{ $height }: the annotation was made for another image or another size of it
sidecar-too-many-points = has { $points } points, more than the { $max } shotmask masks in one image
sidecar-unknown-shape = shapes[{ $index }].shape_type: `{ $kind }` is not a LabelMe shape type (rectangle, polygon, oriented_rectangle, circle, mask, line, linestrip, point, points)
sidecar-shape = shapes[{ $index }] ({ $kind }): { $problem }

shape-too-few-points = needs at least { $least } points, has { $has }
shape-corners = needs 2 corner points, has { $has }
shape-circle = needs a centre and a point on the circle, has { $has } points
shape-no-area = has no area
shape-outside = lies entirely outside the { $width }×{ $height } image

own-not-a-file = is a { $kind }, not a file
own-kind-folder = folder
own-kind-pipe = pipe
own-kind-device = device
own-kind-socket = socket
own-kind-other = special file
own-dangling = is a link to a file that does not exist
own-too-large = is { $size } bytes, more than the { $limit } bytes such a file may have
own-io = cannot be read: { $detail }

skip-not-an-image = not an image
skip-not-started = not processed: the run was stopped

## Warnings: the file was written, but read this

warning-no-region = nothing was masked in this file: check that it shows nothing private (mark it on the phone, add a box, or --strict to refuse such files)
warning-marker-colour = marks in { $colour } at x={ $x } y={ $y } ({ $w }×{ $h }) were not masked: { $colour } is not a marker colour; run again with --marker { $colour } to mask them
warning-residual-ink = marker ink is still visible at x={ $x } y={ $y } ({ $w }×{ $h }), outside every masked region: check the result, or draw the mark again
warning-missing-end = the file ends without its end marker (the image data is all there): it may have been cut short
warning-trailing-bytes = the input has { $size } after the end of the image, left over from an earlier version of the file (the aCropalypse leak); the output does not
warning-scaled = scaled to { $percent } to fit the size limit
warning-labelme-shape-skipped = shapes[{ $index }] is a { $kind }, which encloses no area; not masked
warning-not-labelme = { $file } is not a LabelMe annotation (it has no `shapes`); ignored

## Bad usage (exit status 2)

usage-value = invalid value for { $flag }: { $error }
usage-color-needs-fill = --color only applies to --style fill
usage-would-replace = { $flag } { $path }: something is already there, and shotmask never replaces a file; name a new file
usage-no-such-folder = { $flag } { $path }: the folder { $folder } does not exist
usage-out-is-input = -o { $out }: that is where the inputs are ({ $input }), so the results would be read back as inputs on the next run; choose another folder (without -o, results go to a folder `masked` beside the inputs)
usage-output-folder = the output folder { $folder } cannot be used: { $problem }
output-is-a-file = it is a file, not a folder
output-under-a-file = { $path } is a file, not a folder
output-io = cannot create it or a file in it: { $detail }
usage-files-from = --files-from { $list }: { $problem }
list-stdin = standard input
list-is-a-folder = is a folder, not a list of paths
list-not-text = line { $line } is not UTF-8
list-bad-utf16 = not valid UTF-16
usage-no-such-preset = --preset { $name }: no such preset; use one of { $names } (`--preset list` describes them)
usage-completions-ambiguous = `completions` is both a file or folder here and a command: write `./completions` to process the path, or `--completions SHELL` for a completion script
usage-no-images = no images found in the given paths
usage-init-exists = { $path } already exists; it was left as it is
usage-init-failed = cannot create { $path }: { $detail }
usage-man = cannot render the manual page: { $detail }
usage-more = For more information, try '--help'.

clap-unknown-argument = unexpected argument '{ $arg }' found
clap-missing-value = a value is required for '{ $arg }' but none was supplied
clap-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-repeated = '{ $arg }' was given more than once
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-too-many = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'

config-file-missing = the config file { $path } does not exist
config-file-unreadable = the config file { $path } { $reason }
config-file-not-text = { $path }: the config file is not UTF-8 text
config-different-files = the inputs are in folders with different config files ({ $first } and { $second }); run once per folder, or choose one with --config FILE
config-syntax = { $detail }
config-rule-name = rule name `{ $name }` must be one word without spaces
config-rule-kind = rule `{ $name }` needs exactly one of `box`, `find` or `detect`
config-only-for-find = `{ $key }` only applies to a `find` rule
config-anchor-only-for-box = `anchor` only applies to a `box` rule
config-color-only-for-fill = `color` only applies to style `fill`
config-duplicate-rule = a second rule named `{ $name }` (the first is on line { $line })
config-picture = cannot read the template picture { $path }: { $error }
config-picture-too-small = { $path }: the picture is { $width }×{ $height } pixels; a template needs at least 3×3
config-picture-flat = { $path }: the picture is one flat colour, which would match any flat area
config-threshold = threshold { $value } must be more than 0 and at most 1
config-find-density = find_density { $value } must be between 0.5 and 8
config-one-side = give only one of right_of, left_of, below and above
config-size-not-positive = size `{ $size }` must be more than 0

## --print-config, --init-config, --preset list

print-config-header = # The settings a run with these arguments uses, and where each comes from.
print-config-file = # Config file: { $path } ({ $how })
print-config-no-config = # Config file: none (--no-config)
print-config-none = # Config file: none found
print-config-rules = # Rules, applied in this order (see the file for their details):
config-level-flag = given with --config
config-level-input-folder = found in the input folder
config-level-beside-executable = found beside the executable
config-level-user = found in the user config folder
origin-default = built-in default
origin-implied = implied by color
origin-locale = the locale
origin-not-set-total = built-in default: no total limit
origin-not-set-label = built-in default: the folder's name, else the app
print-config-not-set = (not set)
init-config-written = wrote { $path }; edit it, then run `shotmask --print-config` to check
preset-android-status-bar = top 48 dp, full width: the tallest Android status bar (notch, punch hole)
preset-android-nav-bar = bottom 48 dp, full width: Android three-button or gesture navigation bar
preset-ios-status-bar = top 59 pt, full width: the iPhone status bar up to Dynamic Island models
preset-ios-home-indicator = bottom 34 pt, full width: the iPhone home indicator
preset-qr-codes = every QR code and 1D barcode (payment, friend-add and membership codes carry identities)

## The console

label-fallback = screenshot

line-error = error:
line-warning = warning:
line-skipped = skipped:
line-already-there = (already there)
files = { $count ->
    [one] { $count } file
   *[other] { $count } files
}
summary-written = written
summary-would-write = would write
summary-failed = failed
summary-listed-above = (listed above)
summary-listed-below = (listed below)
summary-skipped = skipped
summary-not-images = { $count ->
    [one] (not an image)
   *[other] (not images)
}
summary-unchanged = unchanged
summary-unchanged-value = { $files } already in the output folder, byte for byte (not written again)
summary-earlier = earlier
summary-earlier-value = { $files } from earlier runs are beside these results
summary-size = size
summary-each-at-most = each at most { $limit }
summary-regions = regions
summary-regions-value = { $count } masked
summary-unmasked = unmasked
summary-unmasked-value = { $files } written with nothing masked: check them before sending
summary-no-source-value = nothing was masked: no region source is on (markers are off, and no boxes, sidecars or rules)
summary-warnings = check
summary-warnings-value = { $files } with warnings listed above: read them before sending
summary-strict = strict
summary-strict-value = --strict: files with such warnings were not written
summary-outputs = outputs
summary-outputs-many = { $count } folders named `masked`, beside the inputs
summary-preview = preview
summary-preview-warning = (shows the originals unmasked: do not send)
summary-shard = shard
summary-time = time
summary-seconds = { $seconds } s
summary-stopped = stopped
summary-stopped-value = by a signal: { $files } not processed
progress-files = files
progress-failed = { $count } failed
progress-eta = ETA
progress-stopping = stopping: finishing the files in progress (press Ctrl-C again to quit now)
plan-title = Plan (dry run, nothing written):
plan-original = original
plan-new-name = new name
plan-format = format
plan-size = size
plan-regions = regions
encoding-lossless = lossless
encoding-colours = { $count } colours
pause-prompt = Press Enter to close.
short-help =
    shotmask: make screenshots safe to send.

    It hides what you mark (boxes, sidecar files, marker strokes), strips all
    metadata, fits each file under a size limit and names it by date and app.
    Results go to a folder `masked` next to your screenshots; nothing is
    overwritten.

    Usage:
      shotmask [OPTIONS] FILE|FOLDER...
      shotmask --box 0,0,100%,4% Screenshots/      hide the status bar
      shotmask --max-size 500KB --label 결제오류 *.png

    On Windows you can also drop screenshots or a folder onto shotmask.exe;
    the window stays open until you press Enter.
    With no options, each result is at most 1 MB (fine for e-mail and support
    forms); choose another limit with --max-size.

    Run `shotmask --help` for every option.

## --help

help-about = Make screenshots safe to send: mask, strip metadata, fit under a size limit, rename.
help-usage = Usage:
help-usage-line = shotmask [OPTIONS] [PATH]...
help-heading-inputs = Inputs
help-heading-output = Output
help-heading-regions = Regions
help-heading-masking = Masking
help-heading-size = Size and format
help-heading-naming = Naming
help-heading-run = Run
help-heading-config = Config
help-heading-scale = Scale-out
help-heading-shell = Shell
help-paths = Image files and folders, in any mix. A folder means the images directly in it
help-help = Print help (more with --help)
help-version = Print version
help-out = Where results go [default: a folder `masked` inside each input folder, or beside loose files]
help-recursive = Descend into subfolders (their outputs mirror the folder structure)
help-box = A rectangle to hide on every image, in px or % (repeatable)
help-keep = Hide everything outside these rectangles (repeatable)
help-pad = Grow every region by PX pixels [default: 2]
help-marker = Colours of marks drawn on the screenshots to say what to hide: #RRGGBB or a name (red, yellow, blue, ...; see the README), comma-separated, or `off` [default: magenta]
help-no-sidecars = Ignore sidecar files (IMAGE.boxes, LabelMe STEM.json)
help-preset = Add a built-in rule set, e.g. android-status-bar (repeatable); `--preset list` describes them all
help-style = How regions are hidden: mosaic, blur or fill [default: mosaic]
help-color = Colour for `fill`: #RRGGBB, a name, or `auto` (the colour around the region) [default: black]
help-strict = Refuse to write a file that may still show something private: nothing masked, marks in a colour that is not a marker, marker ink left, a file cut short
help-max-size = Every output file is at most SIZE bytes; `none` for no limit [default: 1MB]
help-total-size = All outputs of the run together are at most SIZE bytes
help-format = Output format: auto (the most legible that fits), jpeg, png or keep [default: auto]
help-min-scale = Smallest scale allowed when an image must shrink to fit, 0.1–1 [default: 0.5]
help-name = Output name template: {"{"}label{"}"} {"{"}app{"}"} {"{"}date{"}"} {"{"}time{"}"} {"{"}datetime{"}"} {"{"}stem{"}"} {"{"}folder{"}"} {"{"}⁠n{"}"} {"{"}w{"}"} {"{"}h{"}"} [default: {"{"}label{"}"}_{"{"}date{"}"}_{"{"}⁠n{"}"}]
help-label = Text for {"{"}label{"}"} [default: the folder's name, else the app, else `screenshot`]
help-jobs = Worker threads [default: all cores]
help-dry-run = Decide everything (names, formats, exact sizes) but write no image
help-report = Write a JSON report to FILE (a new file)
help-quiet = Print only errors
help-verbose = Print a line per file
help-lang = Language of every message: ko or en [default: from the locale, LC_ALL / LC_MESSAGES / LANG, or the Windows display language]
help-no-pause = Never wait for Enter at the end (a window opened by dropping files onto shotmask.exe waits, so it can be read)
help-preview = Also write an HTML page with each original beside its result and every region outlined, to check before sending. It shows the originals UNMASKED, so it goes beside them, never into the output folder [default: shotmask-preview-UNMASKED-do-not-send.html]
help-config = Read settings and rules from FILE [default: the first shotmask.toml in the input folder, beside the executable, or in the user config folder]
help-no-config = Use no config file: only the flags and built-in defaults
help-print-config = Print the settings in effect and where each comes from, then exit
help-init-config = Write a commented starter config to PATH (never over an existing file), then exit [default: shotmask.toml]
help-files-from = Also read paths from FILE, one per line (`-`: standard input)
help-shard = Process only shard K of N, K from 0 to N-1: a split by path that is the same on every machine and in any argument order
help-completions = Print the completion script for SHELL (bash, elvish, fish, powershell, zsh) and exit (`shotmask completions SHELL` works too)
help-man = Print the manual page (roff) and exit: `shotmask --man > shotmask.1`
help-after =
    Examples:
      shotmask Screenshots/                        mask what is marked, each file at most 1 MB
      shotmask --max-size 500KB --label 결제오류 *.png
      shotmask --box 0,0,100%,4% --preset android-nav-bar shots/
      shotmask --marker red,yellow --strict shots/  red and yellow marks; refuse unmasked files
      shotmask --dry-run --preview shots/           see the plan and a page to check first

    Sizes: 500KB, 1.5MB (1000-based), 800KiB, 2MiB (1024-based) or bytes.
    Boxes: X,Y,W,H in px or % of the side; negative X/Y count from the right or
    bottom edge (--box -30%,-12%,25%,8%). A sidecar IMAGE.boxes holds one box per line;
    a LabelMe STEM.json next to the image is read too.
    Marks drawn on a screenshot in magenta (pen, filled or outlined box, highlighter)
    are masked: --marker COLOR to use another colour, --marker off to stop.
    Rules and defaults live in shotmask.toml (in the screenshots' folder, beside
    the executable or in your config folder): `--init-config` writes a starter,
    `--print-config` shows what is in effect, `--preset list` the built-in rules.

    Every style is irreversible: what is painted inside a region depends only on
    the pixels around it, never on what was there.

    Exit status: 0 every input written; 1 some failed (the rest were written);
    2 bad usage or config (nothing written); 130/143 stopped by Ctrl-C/SIGTERM.

## The preview page

preview-title = shotmask preview: originals UNMASKED, do not send
preview-warning = <strong>For your eyes only.</strong> The left column shows your original screenshots <em>unmasked</em>. Do not send or share this page: send the files in the output folder. Every region that was hidden is outlined and labelled with where it came from; warnings come first.
preview-totals = { $written } written{ $dry } · { $failed } failed · { $skipped } skipped · { $regions } regions masked · { $before } → { $after }
preview-dry = { " " }(dry run: nothing was written)
preview-failed = failed: { $error }
preview-skipped = skipped: { $reason }
preview-original = Original (UNMASKED)
preview-result = Result (what you send)
preview-meta = { $width }×{ $height } · { $format } { $encoding } · { $before } → { $after } · { $regions } regions
preview-quality = quality { $quality }
preview-not-written = dry run: nothing was written
preview-cannot-read = cannot read { $path }: { $detail }
preview-cannot-show = cannot show the original: { $detail }
preview-warnings = Warnings
