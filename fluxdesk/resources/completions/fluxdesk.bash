# bash completion for fluxdesk                                  -*- shell-script -*-
# Generated from fluxdesk's argument parser by `fluxdesk --print-completion bash`; do not edit.
# Install: copy to ~/.local/share/bash-completion/completions/fluxdesk (or /usr/share/bash-completion/...).

_fluxdesk_commands() {
    case "$1" in
        "") echo "generate edit credits history resume retry export inspect library sim" ;;
        "history") echo "show delete restore empty-trash" ;;
        "library") echo "check rebuild" ;;
    esac
}

_fluxdesk_options() {
    case "$1" in
        "") echo "--help -h --version --print-completion" ;;
        "generate") echo "--help -h --model -m --count -n --out -o --json --dry-run --max-cost --width --height --image-prompt --seed --safety --format --no-upsample --upsample --webhook-url --webhook-secret --aspect-ratio --no-raw --raw --image-prompt-strength --steps --guidance --input-image --input-image-2 --input-image-3 --input-image-4 --input-image-5 --input-image-6 --input-image-7 --input-image-8 --image --mask --top --bottom --left --right --interval --control-image --canny-low-threshold --canny-high-threshold" ;;
        "edit") echo "--help -h --model -m --reference -r --mask --expand --count -n --out -o --json --dry-run --max-cost --width --height --seed --safety --format --no-upsample --upsample --webhook-url --webhook-secret --aspect-ratio --no-raw --raw --image-prompt-strength --steps --guidance --interval --canny-low-threshold --canny-high-threshold" ;;
        "credits") echo "--help -h --json" ;;
        "history") echo "--help -h --search --model --favorites --since --until --sort --trash --family --all --limit --json" ;;
        "history show") echo "--help -h --json" ;;
        "history delete") echo "--help -h" ;;
        "history restore") echo "--help -h" ;;
        "history empty-trash") echo "--help -h" ;;
        "resume") echo "--help -h --json" ;;
        "retry") echo "--help -h --all --resend --json" ;;
        "export") echo "--help -h --to --format --quality --lossless --max-size --name --metadata --sidecar --json" ;;
        "inspect") echo "--help -h --json" ;;
        "library") echo "--help -h" ;;
        "library check") echo "--help -h --json --no-hashes" ;;
        "library rebuild") echo "--help -h --json" ;;
        "sim") echo "--help -h --host --port --latency --url-ttl --faults --max-active --credits --state --polling-base --ignore-unknown-fields" ;;
    esac
}

# how the value of option $2 of command "$1" completes; fails for a switch (no value)
_fluxdesk_value() {
    case "$1 $2" in
        " --print-completion") echo "choices:bash zsh fish" ;;
        "generate --model"|"generate -m") echo "choices:flux-pro-1.1 flux-pro-1.1-ultra flux-dev flux-kontext-pro flux-kontext-max flux-2-pro flux-2-max flux-2-flex flux-2-klein-4b flux-2-klein-9b flux-pro-1.0-fill flux-pro-1.0-expand flux-pro flux-pro-1.0-canny flux-pro-1.0-depth" ;;
        "generate --count"|"generate -n") echo "any" ;;
        "generate --out"|"generate -o") echo "file" ;;
        "generate --max-cost") echo "any" ;;
        "generate --width") echo "any" ;;
        "generate --height") echo "any" ;;
        "generate --image-prompt") echo "file" ;;
        "generate --seed") echo "any" ;;
        "generate --safety") echo "any" ;;
        "generate --format") echo "choices:jpeg png jpg" ;;
        "generate --webhook-url") echo "any" ;;
        "generate --webhook-secret") echo "any" ;;
        "generate --aspect-ratio") echo "any" ;;
        "generate --image-prompt-strength") echo "any" ;;
        "generate --steps") echo "any" ;;
        "generate --guidance") echo "any" ;;
        "generate --input-image") echo "file" ;;
        "generate --input-image-2") echo "file" ;;
        "generate --input-image-3") echo "file" ;;
        "generate --input-image-4") echo "file" ;;
        "generate --input-image-5") echo "file" ;;
        "generate --input-image-6") echo "file" ;;
        "generate --input-image-7") echo "file" ;;
        "generate --input-image-8") echo "file" ;;
        "generate --image") echo "file" ;;
        "generate --mask") echo "file" ;;
        "generate --top") echo "any" ;;
        "generate --bottom") echo "any" ;;
        "generate --left") echo "any" ;;
        "generate --right") echo "any" ;;
        "generate --interval") echo "any" ;;
        "generate --control-image") echo "file" ;;
        "generate --canny-low-threshold") echo "any" ;;
        "generate --canny-high-threshold") echo "any" ;;
        "edit --model"|"edit -m") echo "choices:flux-pro-1.1 flux-pro-1.1-ultra flux-dev flux-kontext-pro flux-kontext-max flux-2-pro flux-2-max flux-2-flex flux-2-klein-4b flux-2-klein-9b flux-pro-1.0-fill flux-pro-1.0-expand flux-pro flux-pro-1.0-canny flux-pro-1.0-depth" ;;
        "edit --reference"|"edit -r") echo "any" ;;
        "edit --mask") echo "file" ;;
        "edit --expand") echo "any" ;;
        "edit --count"|"edit -n") echo "any" ;;
        "edit --out"|"edit -o") echo "file" ;;
        "edit --max-cost") echo "any" ;;
        "edit --width") echo "any" ;;
        "edit --height") echo "any" ;;
        "edit --seed") echo "any" ;;
        "edit --safety") echo "any" ;;
        "edit --format") echo "choices:jpeg png jpg" ;;
        "edit --webhook-url") echo "any" ;;
        "edit --webhook-secret") echo "any" ;;
        "edit --aspect-ratio") echo "any" ;;
        "edit --image-prompt-strength") echo "any" ;;
        "edit --steps") echo "any" ;;
        "edit --guidance") echo "any" ;;
        "edit --interval") echo "any" ;;
        "edit --canny-low-threshold") echo "any" ;;
        "edit --canny-high-threshold") echo "any" ;;
        "history --search") echo "any" ;;
        "history --model") echo "choices:flux-pro-1.1 flux-pro-1.1-ultra flux-dev flux-kontext-pro flux-kontext-max flux-2-pro flux-2-max flux-2-flex flux-2-klein-4b flux-2-klein-9b flux-pro-1.0-fill flux-pro-1.0-expand flux-pro flux-pro-1.0-canny flux-pro-1.0-depth" ;;
        "history --since") echo "any" ;;
        "history --until") echo "any" ;;
        "history --sort") echo "choices:newest oldest prompt" ;;
        "history --family") echo "any" ;;
        "history --limit") echo "any" ;;
        "export --to") echo "dir" ;;
        "export --format") echo "choices:original png jpeg webp jpg" ;;
        "export --quality") echo "any" ;;
        "export --max-size") echo "any" ;;
        "export --name") echo "any" ;;
        "export --metadata") echo "choices:full minimal none" ;;
        "sim --host") echo "any" ;;
        "sim --port") echo "any" ;;
        "sim --latency") echo "any" ;;
        "sim --url-ttl") echo "any" ;;
        "sim --faults") echo "any" ;;
        "sim --max-active") echo "any" ;;
        "sim --credits") echo "any" ;;
        "sim --state") echo "file" ;;
        "sim --polling-base") echo "any" ;;
        *) return 1 ;;
    esac
}

_fluxdesk_positional() {
    case "$1" in
        "") echo "suffix:\.(png|jpg|jpeg|webp)$" ;;
        "inspect") echo "file" ;;
    esac
}

_fluxdesk() {
    local cur="${COMP_WORDS[COMP_CWORD]}" path="" i w kind
    COMPREPLY=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${COMP_WORDS[i]}"
        if [[ $w == -* ]]; then
            [[ $w == *=* ]] && continue
            if kind=$(_fluxdesk_value "$path" "$w"); then i=$((i + 1)); fi
            continue
        fi
        if [[ " $(_fluxdesk_commands "$path") " == *" $w "* ]]; then
            path="${path:+$path }$w"
        fi
    done
    if ((COMP_CWORD > 1)); then
        local prev="${COMP_WORDS[COMP_CWORD - 1]}"
        if [[ $prev == -* ]] && kind=$(_fluxdesk_value "$path" "$prev"); then
            case "$kind" in
                choices:*) mapfile -t COMPREPLY < <(compgen -W "${kind#choices:}" -- "$cur") ;;
                file) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
                dir) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
            esac
            return 0
        fi
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_fluxdesk_options "$path")" -- "$cur")
        return 0
    fi
    local subs
    subs="$(_fluxdesk_commands "$path")"
    if [[ -n $subs ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$subs" -- "$cur")
        [[ ${#COMPREPLY[@]} -gt 0 || -n $path ]] && return 0
    fi
    kind="$(_fluxdesk_positional "$path")"
    if [[ $kind == file ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    elif [[ $kind == suffix:* ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$cur"; compgen -f -- "$cur" | grep -iE "${kind#suffix:}")
    fi
    return 0
}
complete -F _fluxdesk fluxdesk
