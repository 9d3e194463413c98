# shellcheck shell=bash
# Shared by every data-scripts/<corpus>.sh and evaluators.sh: argument parsing, the plan printed by
# --dry-run, downloads that fail fast, checksum verification (official, overridden or pinned on first
# download), unpacking into the data root and the hand-off to `dino corpus prepare`.
# Sourced, never run. The calling script declares items with ds_auto / ds_manual, then calls ds_main.
#
# Exit codes (the same in every script, so callers and tests can tell the failures apart):
#   0 done (or nothing to do)   1 other failure (unpack, prepare)   2 usage error
#   3 network: host unreachable, offline, or an HTTP error          4 checksum or file-count mismatch
#   5 a manual step is needed: a file the licence makes you fetch yourself is not in place yet
set -euo pipefail

readonly DS_EXIT_FAILURE=1 DS_EXIT_USAGE=2 DS_EXIT_NETWORK=3 DS_EXIT_CHECKSUM=4 DS_EXIT_MANUAL=5

DS_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DS_REPO="$(cd "$DS_SCRIPT_DIR/.." && pwd)"
DS_DATA_ROOT="${DINO_DATA:-$DS_REPO/data}"

# Filled by ds_init / ds_auto / ds_manual.
DS_NAME="" DS_SUMMARY="" DS_TARGET="" DS_DOWNLOADS="" DS_DRY_RUN=0 DS_PREPARE=1
DS_ITEMS=()          # file names, in order
declare -A DS_URL=() DS_HOWTO=() DS_UNPACK=() DS_ALT=()
DS_EXTRA_USAGE=""    # script-specific options for --help
DS_OVERRIDE_USED=0   # a checksum override was honoured: the archive is not the official one

ds_say() { printf '%s: %s\n' "$DS_NAME" "$*"; }
ds_err() { printf '%s: error: %s\n' "$DS_NAME" "$*" >&2; }
ds_die() { local code="$1"; shift; ds_err "$*"; exit "$code"; }

# ds_init NAME SUMMARY [--no-raw]: where this corpus lives. Corpora unpack into <root>/<name>/raw and
# keep their archives in <root>/<name>/downloads, so a rerun finds both; --no-raw keeps files as they
# are (evaluator networks are used as downloaded).
ds_init() {
    DS_NAME="$1" DS_SUMMARY="$2"
    if [ "${3:-}" = "--no-raw" ]; then
        DS_TARGET="$DS_DATA_ROOT/$DS_NAME" DS_DOWNLOADS="$DS_DATA_ROOT/$DS_NAME"
    else
        DS_TARGET="$DS_DATA_ROOT/$DS_NAME/raw" DS_DOWNLOADS="$DS_DATA_ROOT/$DS_NAME/downloads"
    fi
}

# ds_auto FILE URL [unpack|unpack:SUB|keep] [ALTERNATIVE-TEXT]: a file with a plain official download.
ds_auto() {
    DS_ITEMS+=("$1"); DS_URL[$1]="$2"; DS_UNPACK[$1]="${3:-unpack}"; DS_ALT[$1]="${4:-}"
}

# ds_manual FILE HOWTO [unpack|unpack:SUB|keep]: a file behind a login or licence agreement; HOWTO says where to get it.
ds_manual() {
    DS_ITEMS+=("$1"); DS_HOWTO[$1]="$2"; DS_UNPACK[$1]="${3:-unpack}"
}

ds_usage() {
    cat <<EOF
usage: data-scripts/$DS_NAME.sh [--dry-run] [--no-prepare] [--help]$( [ -n "$DS_EXTRA_USAGE" ] && printf ' [options]')

$DS_SUMMARY

  --dry-run      print the plan (URLs, manual steps, checksums, target folder) and exit; no network
  --no-prepare   stop after verify + unpack; do not run \`./dino corpus prepare $DS_NAME\`
  --help         this text
$DS_EXTRA_USAGE
Data root: \${DINO_DATA:-<repo>/data} (now $DS_DATA_ROOT); files go to $DS_TARGET,
archives are kept in $DS_DOWNLOADS (put hand-fetched files there).

Environment:
  DINO_DATA                         the data root
  DINO_CHECKSUM_OVERRIDE_<FILE>     expected checksum for FILE, as sha256:<hex>, md5:<hex> or a bare sha256;
                                    <FILE> is the file name upper-cased, every other character '_'
                                    (CUB_200_2011.tgz -> DINO_CHECKSUM_OVERRIDE_CUB_200_2011_TGZ). For
                                    mirrors and tests; file-count checks are skipped while one is in effect.
  DINO_PIN_DIR                      where first-download pins are written (default data-scripts/checksums/pinned)
  DINO_CONNECT_TIMEOUT              seconds curl waits for a connection (default 8; one retry)
  DINO_IN_CORPUS_PREPARE=1          set by \`dino corpus prepare\` when it runs this script: no call back

Exit codes: 0 done, 1 failure, 2 usage, 3 network (offline, unreachable, HTTP error),
            4 checksum or file-count mismatch, 5 manual step needed (file not in place yet).
EOF
}

# ds_parse_args "$@": the common flags. A script with its own options sets DS_OPTION_HOOK to a function
# that is given each unknown argument (and the next one) and sets DS_OPTION_USED to how many it consumed
# (0 = unknown). It runs in this shell, not a subshell, so that it can set the script's variables.
DS_OPTION_HOOK="" DS_OPTION_USED=0
ds_parse_args() {
    while [ $# -gt 0 ]; do
        case "$1" in
            --help|-h) ds_usage; exit 0 ;;
            --dry-run) DS_DRY_RUN=1; shift ;;
            --no-prepare) DS_PREPARE=0; shift ;;
            *)
                DS_OPTION_USED=0
                if [ -n "$DS_OPTION_HOOK" ]; then "$DS_OPTION_HOOK" "$1" "${2-}"; fi
                [ "$DS_OPTION_USED" -gt 0 ] || { ds_usage >&2; ds_die "$DS_EXIT_USAGE" "unknown argument '$1'"; }
                shift "$DS_OPTION_USED" ;;
        esac
    done
}

# --- checksums ---------------------------------------------------------------------------------------
# data-scripts/checksums/<name>.txt lines: "<algo> <hex|pin> <file>  # where the value comes from".
# "pin" means no checksum is published: the first download computes a sha256 and writes it to the pin
# file, and every later run must match it.

ds_override_var() { local k; k="$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]' | tr -c 'A-Z0-9' '_')"; printf 'DINO_CHECKSUM_OVERRIDE_%s' "$k"; }
ds_pin_file() { printf '%s/%s.sha256' "${DINO_PIN_DIR:-$DS_SCRIPT_DIR/checksums/pinned}" "$DS_NAME"; }

# ds_expected FILE -> "algo hex source" (source: override | official | pinned | pin).
ds_expected() {
    local file="$1" var value line
    var="$(ds_override_var "$file")"
    value="${!var:-}"
    if [ -n "$value" ]; then
        case "$value" in
            sha256:*|md5:*) printf '%s %s override\n' "${value%%:*}" "${value#*:}" ;;
            *) printf 'sha256 %s override\n' "$value" ;;
        esac
        return
    fi
    line="$(awk -v f="$file" '$1 !~ /^#/ && $3 == f { print $1, $2; exit }' "$DS_SCRIPT_DIR/checksums/$DS_NAME.txt" 2>/dev/null || true)"
    if [ -n "$line" ] && [ "${line#* }" != "pin" ]; then printf '%s official\n' "$line"; return; fi
    line="$(awk -v f="$file" '$3 == f { print $1, $2; exit }' "$(ds_pin_file)" 2>/dev/null || true)"
    if [ -n "$line" ]; then printf '%s pinned\n' "$line"; return; fi
    printf 'sha256 - pin\n'
}

ds_hash() { "${1}sum" "$2" | awk '{print $1}'; }

# ds_verify FILE PATH: 0 when PATH matches; pins an unknown checksum; exits 4 on a mismatch.
ds_verify() {
    local file="$1" path="$2" algo want source got
    read -r algo want source < <(ds_expected "$file")
    got="$(ds_hash "$algo" "$path")"
    if [ "$source" = "pin" ]; then
        local pins; pins="$(ds_pin_file)"
        mkdir -p "$(dirname "$pins")"
        printf 'sha256 %s %s\n' "$got" "$file" >> "$pins"
        ds_say "PINNED $file sha256 $got (no official checksum is published; first download pins it in $pins — commit it to share)"
        return 0
    fi
    # A shorter expected value is a published prefix (torchvision file names carry 8 hex of the sha256).
    if [ "${got:0:${#want}}" != "$want" ]; then
        ds_die "$DS_EXIT_CHECKSUM" "checksum mismatch for $path: $algo is $got, expected $want ($source). The file is corrupt, truncated or not the official one: delete it and rerun."
    fi
    [ "$source" = "override" ] && DS_OVERRIDE_USED=1
    ds_say "verified $file ($algo $source)"
}

# --- network ---------------------------------------------------------------------------------------

# ds_download URL DEST: curl with a short connect timeout and one retry, so that offline fails in seconds
# rather than hanging; a partial file is resumed, and only a complete one is renamed into place.
ds_download() {
    local url="$1" dest="$2" alt="${3:-}" rc=0
    mkdir -p "$(dirname "$dest")"
    ds_say "downloading $url"
    curl --fail --location --silent --show-error \
         --connect-timeout "${DINO_CONNECT_TIMEOUT:-8}" --retry 1 --retry-delay 1 \
         --speed-limit 1024 --speed-time 60 --continue-at - \
         --output "$dest.part" "$url" || rc=$?
    if [ "$rc" -ne 0 ]; then
        [ -s "$dest.part" ] || rm -f "$dest.part"   # keep a partial file only when there is something to resume
        local why="the host could not be reached (offline, DNS, proxy or firewall)"
        [ "$rc" -eq 22 ] && why="the host answered with an HTTP error (the file may have moved)"
        [ "$rc" -eq 28 ] && why="the connection timed out"
        ds_err "download failed: $url"
        ds_err "  $why (curl exit $rc)."
        ds_err "  What to do: check the connection (HTTPS_PROXY for a proxy) and rerun, or fetch the URL by hand"
        ds_err "  and put it at $dest, then rerun (it is verified and used without network)."
        [ -n "$alt" ] && ds_err "  Alternative source: $alt"
        exit "$DS_EXIT_NETWORK"
    fi
    mv "$dest.part" "$dest"
}

# --- unpacking -------------------------------------------------------------------------------------

# ds_unpack FILE: archives are extracted into the target (or the sub-folder named by "unpack:SUB"), other
# files copied; a marker remembers it so a rerun does not unpack again.
ds_unpack() {
    local file="$1" src="$DS_DOWNLOADS/$1" marker="$DS_TARGET/.dino-unpacked/$1" mode="${DS_UNPACK[$1]}" dest="$DS_TARGET"
    [ "$mode" = "keep" ] && return 0
    [[ "$mode" == unpack:* ]] && dest="$DS_TARGET/${mode#unpack:}"
    if [ -f "$marker" ]; then ds_say "$file already unpacked into $dest"; return 0; fi
    mkdir -p "$DS_TARGET/.dino-unpacked" "$dest"
    ds_say "unpacking $file into $dest"
    case "$file" in
        *.tar|*.tgz|*.tar.gz|*.tar.bz2|*.tar.xz) tar -xf "$src" -C "$dest" || ds_die "$DS_EXIT_FAILURE" "cannot unpack $src" ;;
        *.zip) unzip -q -o "$src" -d "$dest" || ds_die "$DS_EXIT_FAILURE" "cannot unpack $src (is unzip installed?)" ;;
        *) cp "$src" "$dest/$file" ;;
    esac
    date -u +%FT%TZ > "$marker"
}

# ds_count_files DIR FIND-TESTS...: how many files match; 0 when DIR does not exist (not an error).
ds_count_files() {
    local dir="$1"; shift
    [ -d "$dir" ] || { echo 0; return; }
    find "$dir" -type f "$@" | wc -l
}

# ds_expect_count DIR NAME-PATTERN N: after unpacking, the corpus must have exactly N such files. This is
# the check that still works where a checksum had to be pinned.
ds_expect_count() {
    local dir="$1" pattern="$2" want="$3" got
    if [ "$DS_OVERRIDE_USED" -eq 1 ]; then
        ds_say "file-count check of $dir skipped (a checksum override is in effect: not the official archive)"
        return 0
    fi
    got="$(ds_count_files "$dir" -name "$pattern")"
    [ "$got" -eq "$want" ] || ds_die "$DS_EXIT_CHECKSUM" "$dir has $got files named $pattern, expected $want: the unpacked corpus is incomplete"
    ds_say "counted $got $pattern files in $dir (expected $want)"
}

# --- the plan --------------------------------------------------------------------------------------

ds_print_plan() {
    local file algo want source
    ds_say "plan (dry run: no network, nothing written)"
    printf '  target folder: %s\n  archives in:   %s\n' "$DS_TARGET" "$DS_DOWNLOADS"
    for file in "${DS_ITEMS[@]}"; do
        read -r algo want source < <(ds_expected "$file")
        if [ -n "${DS_URL[$file]:-}" ]; then
            printf '  [download] %s\n             from %s\n' "$file" "${DS_URL[$file]}"
            [ -n "${DS_ALT[$file]}" ] && printf '             alternative: %s\n' "${DS_ALT[$file]}"
        else
            printf '  [manual]   %s -> put it at %s/%s\n' "$file" "$DS_DOWNLOADS" "$file"
            printf '%s\n' "${DS_HOWTO[$file]}" | sed 's/^/             /'
        fi
        if [ "$source" = "pin" ]; then printf '             checksum: none published; first download pins its sha256\n'
        else printf '             checksum: %s %s (%s)\n' "$algo" "$want" "$source"; fi
        [ -f "$DS_DOWNLOADS/$file" ] && printf '             already present (verified on a real run)\n'
    done
    if declare -F ds_plan_extra >/dev/null; then ds_plan_extra; fi
    printf '  then: %s\n' "$(ds_prepare_plan)"
}

# --- the kit's preparation step -----------------------------------------------------------------------

# The kit has the step when some CLI source declares a `corpus` verb with `prepare` (checked in the
# sources, because running ./dino here would build the kit just to find out).
ds_kit_has_prepare() {
    local f
    for f in "$DS_REPO"/lib/App/Cli/*.cs; do
        [ -f "$f" ] || continue
        grep -q '"corpus"' "$f" && grep -q '"prepare"' "$f" && return 0
    done
    return 1
}

ds_prepare_plan() {
    if [ "$DS_PREPARE" -eq 0 ]; then echo "prepare step skipped (--no-prepare)"
    elif [ -n "${DINO_IN_CORPUS_PREPARE:-}" ]; then echo "prepare step left to the running \`dino corpus prepare\`"
    elif ds_kit_has_prepare; then echo "./dino corpus prepare $DS_NAME"
    else echo "prepare step skipped: this kit has no \`dino corpus prepare\` yet (the raw files are in place for its readers)"; fi
}

ds_prepare() {
    local plan; plan="$(ds_prepare_plan)"
    if [ "$plan" != "./dino corpus prepare $DS_NAME" ]; then ds_say "$plan"; return 0; fi
    ds_say "running ./dino corpus prepare $DS_NAME"
    DINO_IN_CORPUS_PREPARE=1 DINO_DATA="$DS_DATA_ROOT" "$DS_REPO/dino" corpus prepare "$DS_NAME" \
        || ds_die "$DS_EXIT_FAILURE" "\`./dino corpus prepare $DS_NAME\` failed (see above)"
}

# --- main ------------------------------------------------------------------------------------------

# ds_obtain FILE: present + verified -> skip; absent + automatic -> download + verify; absent + manual
# -> returns 1 so that every missing manual file is listed together.
ds_obtain() {
    local file="$1" path="$DS_DOWNLOADS/$1"
    if [ -f "$path" ]; then
        ds_say "$file is present; verifying (no download)"
        ds_verify "$file" "$path"
        return 0
    fi
    [ -n "${DS_URL[$file]:-}" ] || return 1
    ds_download "${DS_URL[$file]}" "$path" "${DS_ALT[$file]}"
    ds_verify "$file" "$path"
}

# A repo-local data root must never be committed: it gets its own .gitignore.
ds_guard_repo_data() {
    if [ "$DS_DATA_ROOT" = "$DS_REPO/data" ] && [ ! -f "$DS_DATA_ROOT/.gitignore" ]; then
        mkdir -p "$DS_DATA_ROOT"; printf '*\n' > "$DS_DATA_ROOT/.gitignore"
    fi
}

ds_main() {
    ds_parse_args "$@"
    if [ "$DS_DRY_RUN" -eq 1 ]; then ds_print_plan; exit 0; fi
    command -v curl >/dev/null || ds_die "$DS_EXIT_FAILURE" "curl is required (apt-get install curl)"
    ds_guard_repo_data
    mkdir -p "$DS_DOWNLOADS" "$DS_TARGET"
    local file missing=()
    for file in "${DS_ITEMS[@]}"; do
        ds_obtain "$file" || missing+=("$file")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        ds_err "manual step needed: the licence requires you to fetch these yourself:"
        for file in "${missing[@]}"; do
            ds_err "  $file -> put it at $DS_DOWNLOADS/$file"
            printf '%s\n' "${DS_HOWTO[$file]}" | sed 's/^/      /' >&2
        done
        ds_err "then rerun data-scripts/$DS_NAME.sh (files already here are kept and not downloaded again)."
        exit "$DS_EXIT_MANUAL"
    fi
    for file in "${DS_ITEMS[@]}"; do ds_unpack "$file"; done
    if declare -F ds_check_unpacked >/dev/null; then ds_check_unpacked; fi
    ds_prepare
    ds_say "done: $DS_TARGET"
}

# --- corpora that are folders the user fills (no archive to checksum) ------------------------------------

# ds_manual_folder_missing HOWTO: exit 5 with the instructions.
ds_manual_folder_missing() {
    ds_err "manual step needed: $1"
    ds_err "then rerun data-scripts/$DS_NAME.sh"
    exit "$DS_EXIT_MANUAL"
}

# ds_pin_manifest DIR: the first run records size + sha256 of every file under DIR (first run pins it);
# later runs compare names and sizes (fast, catches truncated or swapped files) and exit 4 on a change.
ds_pin_manifest() {
    local dir="$1" manifest="$DS_DATA_ROOT/$DS_NAME/manifest.tsv" now
    now="$(cd "$dir" && find . -type f -not -path './.dino-unpacked/*' -printf '%s\t%P\n' | LC_ALL=C sort -k2)"
    if [ ! -f "$manifest" ]; then
        (cd "$dir" && printf '%s\n' "$now" | while IFS=$'\t' read -r size rel; do
            printf '%s\t%s\t%s\n' "$size" "$(sha256sum "$rel" | awk '{print $1}')" "$rel"
        done) > "$manifest"
        ds_say "PINNED $(wc -l < "$manifest") files in $manifest (first run pins it; later runs compare against it)"
        return 0
    fi
    if [ "$(cut -f1,3 "$manifest")" != "$now" ]; then
        ds_die "$DS_EXIT_CHECKSUM" "files under $dir differ from $manifest (added, removed or resized). Delete the manifest to accept the new set."
    fi
    ds_say "verified $(wc -l < "$manifest") files against $manifest (names and sizes)"
}
