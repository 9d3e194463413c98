#!/usr/bin/env bash
# One video with its sound for Listen and Move (sound-to-video). The paper's clips are YouTube videos and a
# MEAD talking head; neither is a plain download the kit may script, so the user places the clip(s).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ds_init sound-video "Single-video sound-to-video: each clip in raw/ is one experiment (20 fps frames + 64-band log-mel; first 80% train, last 20% val)."
howto="put one or more videos with an audio track in $DS_TARGET/ (mp4, mkv, webm, mov). The paper's clips, named as
\`dino reproduce lam-table1 --preset paper\` expects them (the reference's crops assume their frame sizes):
cello.mp4 https://www.youtube.com/watch?v=zah9B0toTBQ, quintet.mp4 https://www.youtube.com/watch?v=R-Tk7-Ytes4,
drums.mp4 https://www.youtube.com/watch?v=7H4hrsb_0tE (from 0:59), talking-head.mp4: MEAD speaker M31, right view
(https://wywu.github.io/projects/MEAD/MEAD.html, by agreement). Fetch them in a way the sites' terms allow."

clips() { find "$DS_TARGET" -maxdepth 1 -type f \( -iname '*.mp4' -o -iname '*.mkv' -o -iname '*.webm' -o -iname '*.mov' \) | LC_ALL=C sort; }

# A clip without sound cannot drive the generator: check both streams where ffprobe is installed.
has_audio_and_video() {
    command -v ffprobe >/dev/null || return 0
    local kinds; kinds="$(ffprobe -v error -show_entries stream=codec_type -of csv=p=0 "$1" 2>/dev/null | sort -u | tr '\n' ' ')"
    [[ "$kinds" == *audio* && "$kinds" == *video* ]]
}

ds_check_unpacked() {
    local clip n=0
    while IFS= read -r clip; do
        [ -n "$clip" ] || continue
        has_audio_and_video "$clip" || ds_die "$DS_EXIT_CHECKSUM" "$clip lacks an audio or a video stream (ffprobe)"
        n=$((n + 1))
    done < <(clips)
    [ "$n" -gt 0 ] || ds_manual_folder_missing "$howto"
    ds_say "found $n clip(s) with audio and video"
    ds_pin_manifest "$DS_TARGET"
}
ds_plan_extra() {
    echo "  [manual]   $howto" | sed '2,$s/^/             /'
    echo "  checks: each clip has audio + video streams (ffprobe); a manifest pinned on the first run"
}

ds_main "$@"
