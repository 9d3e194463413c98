#!/usr/bin/env bash
# FSD50K's development audio (Fonseca et al., Zenodo record 4060432, CC licences per clip): the unheard sounds that
# drive Listen and Move's generators in its Table 2 (the reference's eval_FSD50K.py reads FSD50K.dev_audio). Zenodo
# serves the audio as one zip split in six parts; they are joined with `zip -s 0` and unpacked (about 24 GB in all).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ds_init fsd50k "FSD50K development audio (40,966 clips, .wav) for Listen and Move's out-of-distribution FID (Table 2)."
zenodo="https://zenodo.org/records/4060432/files"
parts=(FSD50K.dev_audio.z01 FSD50K.dev_audio.z02 FSD50K.dev_audio.z03 FSD50K.dev_audio.z04 FSD50K.dev_audio.z05 FSD50K.dev_audio.zip)
for part in "${parts[@]}"; do
    ds_auto "$part" "$zenodo/$part?download=1" keep "the record's page https://zenodo.org/records/4060432 lists the same files"
done

# A split zip unpacks only once joined; the joined archive is deleted after unpacking (the parts stay, verified).
ds_check_unpacked() {
    local audio="$DS_TARGET/FSD50K.dev_audio" joined="$DS_DOWNLOADS/FSD50K.dev_audio.joined.zip"
    if [ ! -f "$DS_TARGET/.dino-unpacked/FSD50K.dev_audio" ]; then
        command -v zip >/dev/null || ds_die "$DS_EXIT_FAILURE" "zip is needed to join the split archive (environment/setup.sh installs it)"
        ds_say "joining the split archive into $joined"
        zip -q -s 0 "$DS_DOWNLOADS/FSD50K.dev_audio.zip" --out "$joined" || ds_die "$DS_EXIT_FAILURE" "cannot join $DS_DOWNLOADS/FSD50K.dev_audio.z01…zip"
        ds_say "unpacking into $DS_TARGET"
        unzip -q -o "$joined" -d "$DS_TARGET" || ds_die "$DS_EXIT_FAILURE" "cannot unpack $joined"
        rm -f "$joined"
        mkdir -p "$DS_TARGET/.dino-unpacked" && date -u +%FT%TZ > "$DS_TARGET/.dino-unpacked/FSD50K.dev_audio"
    fi
    ds_expect_count "$audio" '*.wav' 40966
}
ds_plan_extra() { echo "  then: join the six parts (zip -s 0), unpack FSD50K.dev_audio/, check it holds 40,966 .wav clips"; }

ds_main "$@"
