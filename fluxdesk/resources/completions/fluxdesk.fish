# fish completion for fluxdesk. Generated from fluxdesk's argument parser by
# `fluxdesk --print-completion fish`; do not edit.
# Install: copy to ~/.config/fish/completions/fluxdesk.fish

set -g __fluxdesk_commands 'generate' 'edit' 'credits' 'history' 'history show' 'history delete' 'history restore' 'history empty-trash' 'resume' 'retry' 'export' 'inspect' 'library' 'library check' 'library rebuild' 'sim'
set -g __fluxdesk_valued '--print-completion' 'generate --model' 'generate -m' 'generate --count' 'generate -n' 'generate --out' 'generate -o' 'generate --max-cost' 'generate --width' 'generate --height' 'generate --image-prompt' 'generate --seed' 'generate --safety' 'generate --format' 'generate --webhook-url' 'generate --webhook-secret' 'generate --aspect-ratio' 'generate --image-prompt-strength' 'generate --steps' 'generate --guidance' 'generate --input-image' 'generate --input-image-2' 'generate --input-image-3' 'generate --input-image-4' 'generate --input-image-5' 'generate --input-image-6' 'generate --input-image-7' 'generate --input-image-8' 'generate --image' 'generate --mask' 'generate --top' 'generate --bottom' 'generate --left' 'generate --right' 'generate --interval' 'generate --control-image' 'generate --canny-low-threshold' 'generate --canny-high-threshold' 'edit --model' 'edit -m' 'edit --reference' 'edit -r' 'edit --mask' 'edit --expand' 'edit --count' 'edit -n' 'edit --out' 'edit -o' 'edit --max-cost' 'edit --width' 'edit --height' 'edit --seed' 'edit --safety' 'edit --format' 'edit --webhook-url' 'edit --webhook-secret' 'edit --aspect-ratio' 'edit --image-prompt-strength' 'edit --steps' 'edit --guidance' 'edit --interval' 'edit --canny-low-threshold' 'edit --canny-high-threshold' 'history --search' 'history --model' 'history --since' 'history --until' 'history --sort' 'history --family' 'history --limit' 'export --to' 'export --format' 'export --quality' 'export --max-size' 'export --name' 'export --metadata' 'sim --host' 'sim --port' 'sim --latency' 'sim --url-ttl' 'sim --faults' 'sim --max-active' 'sim --credits' 'sim --state' 'sim --polling-base'

# the subcommand the command line is in ('' for fluxdesk itself, 'history show'...)
function __fluxdesk_path
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l path ''
    set -l skip 0
    for t in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case '-*'
                if contains -- (string trim -- "$path $t") $__fluxdesk_valued
                    set skip 1
                end
            case '*'
                set -l next (string trim -- "$path $t")
                if contains -- $next $__fluxdesk_commands
                    set path $next
                end
        end
    end
    echo $path
end

# folders, and the files whose names end in one of $argv (case does not matter)
function __fluxdesk_files
    set -l pattern (string join '|' -- (string replace -- . '' $argv))
    for f in (commandline -ct)*
        if test -d $f
            echo $f/
        else if string match -qir -- "\\.($pattern)\$" $f
            echo $f
        end
    end
end

function __fluxdesk_in
    test (__fluxdesk_path) = "$argv[1]"
end

complete -c fluxdesk -f
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a 'generate' -d 'make images from a prompt'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a 'edit' -d 'edit an image of the library, or a file'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a 'credits' -d 'show the account\'s balance'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a 'history' -d 'list, search and manage what was made'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a 'resume' -d 'finish the jobs earlier runs left unfinished'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a 'retry' -d 'try jobs that ended without their image again'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a 'export' -d 'export images from the library'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a 'inspect' -d 'show the settings stored in an image'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a 'library' -d 'check the library, or rebuild its history from the images'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a 'sim' -d 'run the built-in Flux-compatible simulator'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -l version -d 'show program\'s version number and exit'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -l print-completion -x -a 'bash zsh fish' -d 'print the completion script for bash, zsh or fish, and exit'
complete -c fluxdesk -n '__fluxdesk_in \'\'' -a '(__fluxdesk_files .png .jpg .jpeg .webp)'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l model -s m -x -a 'flux-pro-1.1 flux-pro-1.1-ultra flux-dev flux-kontext-pro flux-kontext-max flux-2-pro flux-2-max flux-2-flex flux-2-klein-4b flux-2-klein-9b flux-pro-1.0-fill flux-pro-1.0-expand flux-pro flux-pro-1.0-canny flux-pro-1.0-depth' -d 'one of: flux-pro-1.1, flux-pro-1.1-ultra, flux-dev, flux-kontext-pro, flux-kontext-max, f…'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l count -s n -x -d 'how many images, at once, with seeds s, s+1, ... (1..24)'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l out -s o -r -F -d 'also copy each image into this folder (checked first)'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l json -d 'print one JSON object per finished job'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l dry-run -d 'print the requests (JSON, image data elided, no secret) and the estimate; send nothing'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l max-cost -x -d 'refuse the batch, before anything is sent, when its estimate is over CREDITS (BFL credits…'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l width -x -d 'Width'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l height -x -d 'Height'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l image-prompt -r -F -d 'A reference image that steers the composition'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l seed -x -d 'Seed'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l safety -x -d 'Safety tolerance'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l format -x -a 'jpeg png jpg' -d 'File format of the delivered image'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l no-upsample -l upsample -d 'Let the model expand the prompt for more detail (less literal)'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l webhook-url -x -d 'An https address the provider calls when the task ends (fluxdesk still polls for the imag…'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l webhook-secret -x -d 'Sent back with the webhook call, so your server can tell it came from the provider'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l aspect-ratio -x -d 'Width:height, between 21:9 and 9:21'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l no-raw -l raw -d 'Less processed, more natural-looking images'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l image-prompt-strength -x -d 'How much the image prompt weighs (only with an image prompt)'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l steps -x -d 'More steps: more detail, slower'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l guidance -x -d 'How closely the image follows the prompt'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l input-image -r -F -d 'Reference image'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l input-image-2 -r -F -d 'Reference 2'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l input-image-3 -r -F -d 'Reference 3'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l input-image-4 -r -F -d 'Reference 4'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l input-image-5 -r -F -d 'An image to edit or to take a subject, style or product from'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l input-image-6 -r -F -d 'An image to edit or to take a subject, style or product from'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l input-image-7 -r -F -d 'An image to edit or to take a subject, style or product from'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l input-image-8 -r -F -d 'An image to edit or to take a subject, style or product from'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l image -r -F -d 'Image'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l mask -r -F -d 'White where the image is repainted; or the image\'s alpha channel'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l top -x -d 'Pixels to add at the top'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l bottom -x -d 'Pixels to add at the bottom'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l left -x -d 'Pixels to add at the left'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l right -x -d 'Pixels to add at the right'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l interval -x -d 'Higher: more varied output, less faithful to the prompt'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l control-image -r -F -d 'Control image'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l canny-low-threshold -x -d 'Canny low'
complete -c fluxdesk -n '__fluxdesk_in \'generate\'' -l canny-high-threshold -x -d 'Canny high'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l model -s m -x -a 'flux-pro-1.1 flux-pro-1.1-ultra flux-dev flux-kontext-pro flux-kontext-max flux-2-pro flux-2-max flux-2-flex flux-2-klein-4b flux-2-klein-9b flux-pro-1.0-fill flux-pro-1.0-expand flux-pro flux-pro-1.0-canny flux-pro-1.0-depth' -d 'one of: flux-kontext-pro, flux-kontext-max, flux-2-pro, flux-2-max, flux-2-flex, flux-2-k…'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l reference -s r -x -d 'a further image the model is given (FLUX.2 takes 7, Kontext 3); repeat for more'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l mask -r -F -d 'white where the image is repainted, of the image\'s size (implies Fill)'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l expand -x -d 'pixels to add on each side, e.g. 0,256,0,256 (implies Expand)'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l count -s n -x -d 'how many images, at once, with seeds s, s+1, ... (1..24)'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l out -s o -r -F -d 'also copy each image into this folder (checked first)'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l json -d 'print one JSON object per finished job'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l dry-run -d 'print the requests (JSON, image data elided, no secret) and the estimate; send nothing'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l max-cost -x -d 'refuse the batch, before anything is sent, when its estimate is over CREDITS (BFL credits…'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l width -x -d 'Width'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l height -x -d 'Height'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l seed -x -d 'Seed'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l safety -x -d 'Safety tolerance'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l format -x -a 'jpeg png jpg' -d 'File format of the delivered image'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l no-upsample -l upsample -d 'Let the model expand the prompt for more detail (less literal)'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l webhook-url -x -d 'An https address the provider calls when the task ends (fluxdesk still polls for the imag…'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l webhook-secret -x -d 'Sent back with the webhook call, so your server can tell it came from the provider'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l aspect-ratio -x -d 'Width:height, between 21:9 and 9:21'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l no-raw -l raw -d 'Less processed, more natural-looking images'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l image-prompt-strength -x -d 'How much the image prompt weighs (only with an image prompt)'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l steps -x -d 'More steps: more detail, slower'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l guidance -x -d 'How closely the image follows the prompt'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l interval -x -d 'Higher: more varied output, less faithful to the prompt'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l canny-low-threshold -x -d 'Canny low'
complete -c fluxdesk -n '__fluxdesk_in \'edit\'' -l canny-high-threshold -x -d 'Canny high'
complete -c fluxdesk -n '__fluxdesk_in \'credits\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'credits\'' -l json -d 'print {"provider", "credits", "usd", "message"}'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -a 'show' -d 'every detail of one generation'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -a 'delete' -d 'move generations to the trash (undo: restore)'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -a 'restore' -d 'take generations back out of the trash'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -a 'empty-trash' -d 'delete the trashed generations and their files for good'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l search -x -d 'words in the prompt, each also found inside longer words'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l model -x -a 'flux-pro-1.1 flux-pro-1.1-ultra flux-dev flux-kontext-pro flux-kontext-max flux-2-pro flux-2-max flux-2-flex flux-2-klein-4b flux-2-klein-9b flux-pro-1.0-fill flux-pro-1.0-expand flux-pro flux-pro-1.0-canny flux-pro-1.0-depth' -d 'only this model'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l favorites -d 'only favorites'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l since -x -d 'made since: 2026-11-23, 2026-11-23T14:30, today, 7d'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l until -x -d 'made until: a date (that day included), or 12h (ago)'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l sort -x -a 'newest oldest prompt' -d 'SORT'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l trash -d 'list what is in the trash'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l family -x -d 'only this image, what it was made from and what was made from it (id or prefix)'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l all -d 'also jobs that did not finish (failed, pending...)'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l limit -x -d 'at most N rows (default 50)'
complete -c fluxdesk -n '__fluxdesk_in \'history\'' -l json -d 'print a JSON array'
complete -c fluxdesk -n '__fluxdesk_in \'history show\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'history show\'' -l json -d 'print a JSON object'
complete -c fluxdesk -n '__fluxdesk_in \'history delete\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'history restore\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'history empty-trash\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'resume\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'resume\'' -l json -d 'print one JSON object per job'
complete -c fluxdesk -n '__fluxdesk_in \'retry\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'retry\'' -l all -d 'every failed, interrupted, unsent or unsaved job'
complete -c fluxdesk -n '__fluxdesk_in \'retry\'' -l resend -d 'also send again jobs that may have reached the provider (they may be billed twice)'
complete -c fluxdesk -n '__fluxdesk_in \'retry\'' -l json -d 'print one JSON object per job'
complete -c fluxdesk -n '__fluxdesk_in \'export\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'export\'' -l to -r -F -d 'the folder to write to'
complete -c fluxdesk -n '__fluxdesk_in \'export\'' -l format -x -a 'original png jpeg webp jpg' -d 'FORMAT'
complete -c fluxdesk -n '__fluxdesk_in \'export\'' -l quality -x -d 'jpeg/webp quality 1..100'
complete -c fluxdesk -n '__fluxdesk_in \'export\'' -l lossless -d 'lossless webp'
complete -c fluxdesk -n '__fluxdesk_in \'export\'' -l max-size -x -d 'scale the longest side down to PX (never up)'
complete -c fluxdesk -n '__fluxdesk_in \'export\'' -l name -x -d 'file names; fields: {date} {time} {model} {seed} {prompt} {id} {n}'
complete -c fluxdesk -n '__fluxdesk_in \'export\'' -l metadata -x -a 'full minimal none' -d 'full: prompt and every parameter; minimal: only the AI-generated label; none: nothing'
complete -c fluxdesk -n '__fluxdesk_in \'export\'' -l sidecar -d 'also write NAME.json (the full request and parameters) beside each image'
complete -c fluxdesk -n '__fluxdesk_in \'export\'' -l json -d 'print the result as JSON'
complete -c fluxdesk -n '__fluxdesk_in \'inspect\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'inspect\'' -l json -d 'print the settings as JSON'
complete -c fluxdesk -n '__fluxdesk_in \'inspect\'' -F
complete -c fluxdesk -n '__fluxdesk_in \'library\'' -a 'check' -d 'report records without files, files without records, bad hashes'
complete -c fluxdesk -n '__fluxdesk_in \'library\'' -a 'rebuild' -d 'recreate the history from the images folder (the old database is kept aside)'
complete -c fluxdesk -n '__fluxdesk_in \'library\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'library check\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'library check\'' -l json -d 'print the report as JSON'
complete -c fluxdesk -n '__fluxdesk_in \'library check\'' -l no-hashes -d 'skip reading every image to hash it'
complete -c fluxdesk -n '__fluxdesk_in \'library rebuild\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'library rebuild\'' -l json -d 'print the report as JSON'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l help -s h -d 'show this help message and exit'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l host -x -d 'address to listen on (default 127.0.0.1)'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l port -x -d 'port (default 0: any free port)'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l latency -x -d 'seconds from submit to Ready (default 3)'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l url-ttl -x -d 'seconds a delivery link lives after Ready (default 600)'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l faults -x -d 'fault spec, e.g. \'poll500:3,submit429:1:retry=2\' (see fluxdesk/sim/faults.py)'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l max-active -x -d 'active tasks per key (default 24)'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l credits -x -d 'each key\'s starting balance in BFL credits (402 once spent)'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l state -r -F -d 'keep tasks and balances in this JSON file across restarts'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l polling-base -x -d 'base of BFL polling URLs, e.g. http://localhost:{port} (default: its own)'
complete -c fluxdesk -n '__fluxdesk_in \'sim\'' -l ignore-unknown-fields -d 'accept fields a model does not take (as most BFL endpoints do) instead of 422'
