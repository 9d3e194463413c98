#!/usr/bin/env bash
# GRID audio-visual corpus for DINO's video-to-speech experiment: per speaker the video (normal quality
# MPEG), the audio and the word alignments, from the corpus's official host at Sheffield. Free for research.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ds_init grid "GRID: 34 speakers x 1000 sentences ('put red at G9 now'); speaker 21 has no video, so 33 with video."
DS_EXTRA_USAGE="  --speakers LIST  comma-separated speaker numbers (default: all of 1-34 but 21, which has no video)
"
speakers="1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,22,23,24,25,26,27,28,29,30,31,32,33,34"
grid_option() {
    case "$1" in
        --speakers)
            [[ "$2" =~ ^[0-9]+(,[0-9]+)*$ ]] || ds_die "$DS_EXIT_USAGE" "--speakers wants numbers like 1,2,3"
            speakers="$2"; DS_OPTION_USED=2 ;;
        *) DS_OPTION_USED=0 ;;
    esac
}
DS_OPTION_HOOK=grid_option
ds_parse_args "$@"   # read --speakers before the items are declared; ds_main parses the rest again

host="http://spandh.dcs.shef.ac.uk/gridcorpus"
zenodo="the same corpus (CC BY 4.0) is on Zenodo: https://zenodo.org/record/3625687 (different file layout)"
IFS=, read -r -a chosen <<< "$speakers"
for s in "${chosen[@]}"; do
    if [ "$s" -lt 1 ] || [ "$s" -gt 34 ]; then ds_die "$DS_EXIT_USAGE" "speaker $s is not in 1-34"; fi
    # The layout GridCorpus reads (lib/Data/Grid/GridLayout.cs): the video zip and the audio tar each hold a
    # folder s<N>/ (<id>.mpg, <id>.wav); the alignment tar holds align/<id>.align, unpacked into s<N>/ because
    # every speaker's tar uses the same folder name and ids repeat across speakers.
    [ "$s" -eq 21 ] || ds_auto "s$s-video.zip" "$host/s$s/video/s$s.mpg_vcd.zip" "unpack" "$zenodo"
    ds_auto "s$s-audio.tar" "$host/s$s/audio/s$s.tar" "unpack" "$zenodo"
    ds_auto "s$s-align.tar" "$host/s$s/align/s$s.tar" "unpack:s$s" "$zenodo"
done

ds_plan_extra() {
    echo "  speakers: $speakers (the speaker-independent split is the reader's, lib/Data/Grid/GridSplit.cs)"
    echo "  layout: s<N>/<id>.mpg, s<N>/<id>.wav, s<N>/align/<id>.align"
    echo "  checksums: Sheffield publishes none; each archive is pinned on first download"
}

ds_main "$@"
