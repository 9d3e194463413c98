#!/usr/bin/env bash
# YouTubers faces for speech-conditioned face generation (Wav2Pix). The authors' collection (62 Spanish
# youtubers, last 15 videos each) comes from YouTube and is not a plain public download, so the user
# places talking-head videos, one folder per identity; the kit's reader cuts speech windows and faces.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ds_init youtubers "YouTubers talking-head videos for Wav2Pix: one folder per identity, any container ffmpeg reads."
howto="put talking-head videos (with their sound) under $DS_TARGET/videos/<identity>/ (at least 2 identities;
mp4, mkv, webm, avi, mov). The paper's set: 62 Spanish youtubers (29 m, 33 f), the last 15 videos of each
channel — ask the Wav2Pix authors (https://github.com/imatge-upc/wav2pix) for their release, or collect your
own videos whose licence allows it. Folder names become the identity labels."

video_count() { ds_count_files "$DS_TARGET/videos" \( -iname '*.mp4' -o -iname '*.mkv' -o -iname '*.webm' -o -iname '*.avi' -o -iname '*.mov' \); }
identity_count() { [ -d "$DS_TARGET/videos" ] || { echo 0; return; }; find "$DS_TARGET/videos" -mindepth 1 -maxdepth 1 -type d | wc -l; }

ds_check_unpacked() {
    local ids videos
    ids="$(identity_count)"; videos="$(video_count)"
    if [ "$ids" -lt 2 ] || [ "$videos" -lt 2 ]; then
        ds_manual_folder_missing "$howto
(found $ids identity folders and $videos videos)"
    fi
    ds_say "found $videos videos of $ids identities"
    ds_pin_manifest "$DS_TARGET/videos"
}
ds_plan_extra() {
    echo "  [manual]   $howto" | sed '2,$s/^/             /'
    echo "  checks: >= 2 identity folders with videos; a manifest (size + sha256) pinned on the first run"
}

ds_main "$@"
