<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
    <context>
        <name>About</name>
        <message>
            <location filename="../dialogs/about.py" line="+45" />
            <source>&lt;p&gt;fluxdesk uses &lt;b&gt;Qt {qt}&lt;/b&gt; through &lt;b&gt;PySide6 {pyside}&lt;/b&gt; (Qt for Python), used under the &lt;a href="{lgpl}"&gt;GNU Lesser General Public License v3&lt;/a&gt; (LGPL-3.0-only). Qt and PySide6 are linked dynamically: they are separate shared libraries (here: &lt;code&gt;{libs}&lt;/code&gt;) that you may replace with your own build of a compatible version. Qt's source code is at &lt;a href="{source}"&gt;{source}&lt;/a&gt;; see also &lt;a href="{licensing}"&gt;Qt's LGPL obligations&lt;/a&gt;.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+25" />
            <source>Package</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Licence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>What it is</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>About {app}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>A desktop studio for making images with the Flux models.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>&lt;p&gt;&lt;b&gt;Library:&lt;/b&gt; {library}&lt;br&gt;&lt;b&gt;Thumbnails:&lt;/b&gt; {thumbnails}&lt;br&gt;&lt;b&gt;Settings:&lt;/b&gt; {settings}&lt;br&gt;&lt;b&gt;Log:&lt;/b&gt; {log}&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Copyright (c) 2026 the fluxdesk authors</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&lt;p&gt;&lt;b&gt;Licence:&lt;/b&gt; {licence}. {copyright}. fluxdesk is free software: see the Licence tab for its terms and Third-party for what it runs on.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>{licence} licence. {copyright}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Reading the installed packages…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;About</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Licence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Third-party</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+24" />
            <source>&lt;p&gt;fluxdesk's runtime dependencies, as installed here (from their own metadata):&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <location filename="../app.py" line="+181" />
            <source>{problem} Until a key that works is saved in Settings, fluxdesk runs in demo mode.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Canvas</name>
        <message>
            <location filename="../viewer/canvas.py" line="+71" />
            <source>Paint mask</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Paint what Fill repaints</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Expand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Drag the edges outwards for Expand</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CanvasBinding</name>
        <message>
            <location filename="../stage/canvas_binding.py" line="+122" />
            <source>The image is a link: fluxdesk does not fetch it, so there is nothing to paint on here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>Could not read {name}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CanvasTools</name>
        <message>
            <location filename="../viewer/canvas_tools.py" line="+52" />
            <source>Brush</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Paint what is to be repainted (B)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Eraser</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Erase from the mask (X swaps)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Brush diameter in image pixels ([ and ])</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Hardness</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Hardness: 100% is a crisp edge, less fades it out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Show mask</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Show or hide the mask (H)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Invert</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Repaint what is not painted, keep what is (Ctrl+I)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Clear</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Clear the mask (Delete)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Undo the last stroke (Ctrl+Z)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Redo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Redo (Ctrl+Shift+Z or Ctrl+Y)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Nothing painted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+50" />
            <source>Reset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Add nothing on any side</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>The expanded image's size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+28" />
            <source>Top</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Right</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Bottom</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Pixels to add at the top ({minimum}..{maximum})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Pixels to add at the right ({minimum}..{maximum})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Pixels to add at the bottom ({minimum}..{maximum})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Pixels to add at the left ({minimum}..{maximum})</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ChoiceFields</name>
        <message>
            <location filename="../compose/choice_fields.py" line="+38" />
            <source>auto</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Compare</name>
        <message>
            <location filename="../viewer/compare_parent.py" line="+25" />
            <source>This image was not made from another one, so there is nothing to compare it with.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>The image this one was made from is no longer in the library.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Select an image first.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Compose</name>
        <message>
            <location filename="../compose/room.py" line="+32" />
            <location line="+40" />
            <source>Generate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-39" />
            <source>Generate {count}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>{action} · ≈ {credits} credits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>{action} · ≥ {credits} credits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+27" />
            <source>Make images from the prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+70" />
            <source>Wait until the image is read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Fix the marked fields first; nothing was sent.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DemoBanner</name>
        <message>
            <location filename="../demo_banner.py" line="+19" />
            <source>Demo mode: images are synthetic, made by the built-in simulator. Add an API key for real ones.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Enter API key…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Details</name>
        <message>
            <location filename="../details/panel.py" line="+53" />
            <source>library image {id}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>(image)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>No</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>(data)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Not reported by the provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>{credits} credits ({dollars})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>{credits} credits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>in {megapixels}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>out {megapixels}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>{seconds} s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>{minutes} min {seconds} s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+39" />
            <source>Details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Select an image to see how it was made.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Use this prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Put the provider's prompt in the editor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>What the provider said it charged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Megapixels (of 2^20 pixels) the provider counted: input and output</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Copy the seed to the clipboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>The images this one was made from; click one to select it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>The images made from this one; click one to select it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Provider's prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Provider's seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>File type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Cost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Megapixels</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Time taken</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Made from</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Edits of this image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+18" />
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Change this image with words, a mask or new borders (E in the gallery)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Use these settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Put this image's prompt, model and parameters in the editor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Generate variations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Same prompt and settings with new seeds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Export this image with its metadata</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+74" />
            <source>{width} × {height} (asked)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Imported from {origin}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Imported from a file</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>EditFlow</name>
        <message>
            <location filename="../edit_flow.py" line="+70" />
            <source>This image has no file, so it cannot be edited.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>Editing the image with {model}: describe the change (the old prompt is in Recent prompts).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Choose the image first (E on an image in the gallery edits it).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>{model}: {task}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Export</name>
        <message>
            <location filename="../dialogs/export.py" line="+49" />
            <source>Full: prompt and every parameter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Minimal: only the AI-generated label</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>None: strip everything</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+26" />
            <source>Export 1 image</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Export %n images</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+13" />
            <source>Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>original</source>
            <comment>format: each file as it is</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Lossless (WebP)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>No limit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Fields: {fields}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Also write a .json file with the settings beside each image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Format</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Quality</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Longest side</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Names</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Metadata</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <location line="+98" />
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-32" />
            <source>First file: {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>Export to folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+21" />
            <source>Exporting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+29" />
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Cancelling after the current file…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Fonts</name>
        <message>
            <location filename="../locale_fonts.py" line="+32" />
            <source>Arabic</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Korean</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Chinese and Japanese</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>No installed font can show {script} text, so it is drawn as boxes: install {debian} (Debian, Ubuntu) or {fedora} (Fedora), then restart fluxdesk.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Gallery</name>
        <message>
            <location filename="../gallery/bar.py" line="+22" />
            <source>Newest first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Oldest first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>By prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Any time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Last 7 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Last 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>This year</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+21" />
            <source>Search prompts…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Search the prompts of every image: every word must match, also inside a longer word</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>All models</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Show images of one model only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Show images made in this period only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>★ Favorites</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Show favorites only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <location filename="../gallery/delegate.py" line="+101" />
            <source>Trash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Show the images in the trash (restore them, or empty the trash)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Order of the gallery</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Showing one image's family: click to show every image again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+53" />
            <source>Family of {id}  ✕</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+27" />
            <source>No match</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>No images yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>1 image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>{count} images</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../gallery/panel.py" line="+241" />
            <source>That image is not shown in the gallery (it may be in the trash).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>GalleryMenu</name>
        <message>
            <location filename="../gallery/menu.py" line="+47" />
            <source>Use these settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Vary seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Copy prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Copy seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Copy image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Favorite</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Reveal in folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Compare side by side</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Compare with parent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Show family</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Export…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Restore %n images</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+3" />
            <source>Empty trash…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Delete %n images</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+15" />
            <source>Select an image to edit first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>This image has no file, so it cannot be edited.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>Copied to the clipboard.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Could not read {file}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Image copied to the clipboard.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImageField</name>
        <message>
            <location filename="../compose/image_field.py" line="+30" />
            <source>Images ({patterns})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Drop an image file here, or choose one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Choose the {image} from a file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Remove the {image}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+31" />
            <source>drop
image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>No image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Reading {name}…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>an image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>an image (no preview)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+25" />
            <source>Choose the {image}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LibraryBanner</name>
        <message>
            <location filename="../library_banner.py" line="+45" />
            <source>Rebuild library…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Recreate the history from the images folder; the old database is kept aside</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+46" />
            <source>Checking the library (every image is read once)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Library check</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>The library check found problems: {problems}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Rebuild library</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Recreate the history from the images folder?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>A fresh database is built from what can still be read of the current one and from each image's sidecar; the current database is kept aside, nothing is deleted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Rebuild</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <location line="+69" />
            <source>Rebuilding the history from the images folder…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-64" />
            <location line="+69" />
            <source>The rebuild did not work: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-48" />
            <source>fluxdesk: the library cannot be opened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>The details are in the log file: {path}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Try again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Open log file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Lineage</name>
        <message>
            <location filename="../details/lineage.py" line="+37" />
            <source>Imported: {origin}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>{prompt} · {model}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>(no prompt)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>{image} (in the trash)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+55" />
            <source>+%n more</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>LogFile</name>
        <message>
            <location filename="../platform/logfile.py" line="+26" />
            <source>The log file {path} cannot be opened ({reason}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>No program opens the log file; it is {path}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Opened the log file {path}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../main_window.py" line="+185" />
            <source>Demo (simulator)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+40" />
            <source>Following %n job(s) left from the last session.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n job(s) run in another fluxdesk process; they are left to it.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+92" />
            <source>Sent 1 image to {model}.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Sent %n images to {model}.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+7" />
            <source>Settings loaded from the selected image; its seed is locked (Random frees it).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>{model} is not a model fluxdesk knows any more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>No variations: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>The provider's prompt is in the editor.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <location line="+14" />
            <source>Select an image first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-7" />
            <source>Select an image to edit first.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+43" />
            <source>%n running</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+0" />
            <source>Idle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>{task} failed: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../window_dialogs.py" line="+61" />
            <source>Settings saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>Settings applied (demo mode).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Settings applied.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Select the images to export first.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Menus</name>
        <message>
            <location filename="../window_actions.py" line="+29" />
            <location line="+201" />
            <source>&amp;Generate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-199" />
            <location line="+172" />
            <source>Make images from the prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-167" />
            <source>Generate &amp;variations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>New seeds for the selected image's settings (batch count images)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Use these settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Fill the prompt, model and parameters from the selected image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Edit selected image…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Change the selected image with words, a mask or new borders (E in the gallery)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Random seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>A new random seed for every batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Lock seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Use the seed in the field for every batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Reuse &amp;last seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Make the next batch from the last one's seed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Recent &amp;prompts…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Choose one of the recent prompts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Settings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Provider, API key, library folder and defaults</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Export selected…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Export the selected images</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Open settings from image…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Fill the prompt and parameters from an image made by fluxdesk or carrying A1111 parameters (or drop the image on the window)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Quit fluxdesk (jobs in flight resume next start)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Focus &amp;prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Put the cursor in the prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Choose &amp;model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Open the model list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Search the gallery</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Search the prompts of every image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Focus &amp;queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Move to the job list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Show &amp;details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Show or hide the details panel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Show q&amp;ueue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Show or hide the queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Show &amp;large view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Show or hide the large view over the gallery</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Show &amp;trash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Show the images in the trash (Del restores them)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Empty t&amp;rash…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Delete the images in the trash from the disk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Reset layout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Put the panels back to their first sizes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;About fluxdesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Version and where things are kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Open &amp;log file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>What fluxdesk did and what went wrong, with details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Check library</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Look for records without files, files without records and changed files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Re&amp;build library…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Recreate the history from the images folder (the old database is kept)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Open the settings to enter an API key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+16" />
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+16" />
            <source>&amp;Queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ModelPicker</name>
        <message>
            <location filename="../compose/model_picker.py" line="+26" />
            <source>The model that makes the image (Ctrl+M)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Money</name>
        <message>
            <location filename="../money.py" line="+112" />
            <source>Balance: unavailable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Balance: {amount} credits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>${usd} at {provider}, as it said at {time}; updated after each batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+20" />
            <source>Spent today {today} · this month {month} credits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>What the provider reported charging, from the library</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+31" />
            <source>Nothing was sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>Send this batch?</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <location filename="../platform/freedesktop.py" line="+106" />
            <source>Show</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../platform/notify.py" line="+46" />
            <source>%n images ready.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>Your image is ready.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>The batch of 1 image did not finish: see the queue.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>The batch of %n images did not finish: see the queue.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>{done} of %n images ready; {failed} did not finish (see the queue).</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+196" />
            <source>The batch's images are in the gallery (clear the search to see them).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Parameters</name>
        <message>
            <location filename="../compose/param_panel.py" line="+113" />
            <source>How many images to make (1 to {most}): seeds s, s+1, ... from the seed of the first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+41" />
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Width × height in pixels</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Paint…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Paint the mask on the image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Drag the image's edges outwards in the large view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Drag the edges…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+15" />
            <source>Image and references</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Images</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>The image to edit first, then references (image 1, image 2, … in the prompt)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+37" />
            <source>https://…  (off when empty)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+39" />
            <source>Advanced · webhook on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Advanced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+52" />
            <source>The image keeps the input image's size ({width} × {height}); no size is sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>The image keeps the input image's size; no size is sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>No input image: {width} × {height}. With one, its size is kept.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PromptEditor</name>
        <message>
            <location filename="../compose/prompt_editor.py" line="+31" />
            <source>{change}… (Ctrl+Enter generates)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Describe the image… (Ctrl+Enter generates)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+35" />
            <source>The prompt (Ctrl+L to focus; Ctrl+Enter generates)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>Recent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Recent prompts (Ctrl+Shift+P)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+54" />
            <source>{count} / %Ln characters</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%Ln characters</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>Queue</name>
        <message>
            <location filename="../queue/model.py" line="+34" />
            <source>Model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Elapsed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Cost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+60" />
            <source>{amount} cr</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+65" />
            <source>Credits the provider said this job cost</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../queue/panel.py" line="+100" />
            <location line="+190" />
            <source>Queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-187" />
            <source>&amp;Cancel job</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Retry job</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>C&amp;lear finished</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Cancel the selected jobs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Run the selected jobs again (same settings and seed)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Remove finished jobs from the queue (the images stay in the library)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+103" />
            <source>This job may have reached the provider, so sending it again may bill it twice.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>These %n jobs may have reached the provider, so sending them again may bill them twice.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+8" />
            <source>Send again?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Send again</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+55" />
            <source>Queue — %n running</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>QuitQuestion</name>
        <message>
            <location filename="../quit_question.py" line="+35" />
            <source>1 job was never sent, so nothing was charged for it; it is sent when fluxdesk starts again.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n jobs were never sent, so nothing was charged for them; they are sent when fluxdesk starts again.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+9" />
            <source>Quit fluxdesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Discard and quit</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Recall</name>
        <message>
            <location filename="../recall.py" line="+63" />
            <source>Open settings from an image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Images ({patterns})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>fluxdesk sidecar ({patterns})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+27" />
            <source>Could not read {name}: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Settings of {name} taken from the library; its seed is locked (Random frees it).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReferenceStrip</name>
        <message>
            <location filename="../compose/reference_strip.py" line="+64" />
            <source>could not write {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+18" />
            <source>Drop images from the gallery or files here; drag a thumbnail to reorder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>Add…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Add an image file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Paste</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Add the image (or image file) on the clipboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Drop images
here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+96" />
            <source>Add images</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+14" />
            <source>The clipboard holds no image.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>The pasted image could not be kept: {reason}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReferenceTile</name>
        <message>
            <location filename="../compose/reference_tile.py" line="+56" />
            <source>Image {number} of the prompt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Remove this image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+12" />
            <source>label</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>An optional name for this image, kept with the draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+22" />
            <source>cannot
read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Drag to reorder</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SeedField</name>
        <message>
            <location filename="../compose/seed_field.py" line="+39" />
            <location line="+29" />
            <source>Random</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="-26" />
            <source>A new random seed for every batch (Ctrl+Shift+R)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Use this seed; a batch takes the seeds after it (Ctrl+Shift+L)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Last</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Make the next batch from the seed of the last one (Ctrl+Shift+E)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+17" />
            <source>Back to a new random seed for every batch (Ctrl+Shift+R)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+39" />
            <source>random</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>random (last: {seed})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Locked to {seed} —</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Reusing the last seed, {seed} —</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>The seed of the last batch ({seed}), locked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Locked: every Generate starts from this seed.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <location filename="../dialogs/language_settings.py" line="+24" />
            <source>System</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>The language of fluxdesk's window and command line</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Western (0-9)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>The language's own</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>The digits number fields show and accept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Takes effect at the next start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Lan&amp;guage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Digit&amp;s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../dialogs/settings.py" line="+63" />
            <source>fluxdesk settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Who runs the models and bills you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Leave empty for the provider's own address; set it for a proxy or gateway</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Kept in the system keychain (or a private 0600 file); never shown again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Forget key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Delete the saved key of this provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+9" />
            <source>Where images and their history are kept (used from the next start)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>At most this many generations at once; below it fluxdesk finds what the provider accepts (Black Forest Labs allows 24)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>Ask before sending a batch estimated at more than this many credits (Off: never)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>Refuse a batch that would take today's spend over this many credits (Off: no budget). Counts what Black Forest Labs reports charging; CometAPI reports no cost, so it is not checked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+10" />
            <source>The model selected when fluxdesk starts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Show an icon in the system &amp;tray</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Finished batches are announced from it; off: no icon, notifications</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>No system tray here: finished batches are announced in notifications</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>API &amp;address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>API &amp;key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Library folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Concurrent jobs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>As&amp;k before a batch over</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Daily &amp;budget</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Default model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+32" />
            <source> credits</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+37" />
            <source>Set by ${variable}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>${variable} holds a key, and it wins over the saved one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>A key is saved (hidden). Type a new one to replace it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>The key is kept {where}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>No key: fluxdesk runs in demo mode</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+17" />
            <source>Library folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+15" />
            <source>The API address must start with https:// (plain http only to this computer).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+37" />
            <source>The settings could not be saved ({reason}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+30" />
            <source>The key could not be saved ({reason}).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SizeField</name>
        <message>
            <location filename="../compose/number_fields.py" line="+140" />
            <source>Match the input image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Send no size: the provider keeps the input image's size (without one, the default applies)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+18" />
            <source>Custom</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Aspect ratio: snaps width and height to allowed multiples</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Stage</name>
        <message>
            <location filename="../stage/pane.py" line="+39" />
            <source>Paint over what Fill repaints</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Drag the image's edges outwards</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+44" />
            <source>Result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Show the image chosen in the gallery</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Canvas</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Back to the mask or the edges of the edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Fit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Fit to the pane</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Actual size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Zoom out (Ctrl+wheel)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Zoom in (Ctrl+wheel)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Edit this image (E in the gallery)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+57" />
            <source>Select an image to see it large; new results show here as they arrive.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Large view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>(no prompt)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Edit, beside the image it was made from · {prompt}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+60" />
            <source>Fit ({zoom})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+15" />
            <source>{model}  ·  seed {seed}  ·  {size}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+4" />
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+0" />
            <source>Made from</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+8" />
            <source>This image has no file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+7" />
            <source>Loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+15" />
            <source>Could not read {name}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Tasks</name>
        <message>
            <location filename="../tasks.py" line="+68" />
            <source>Something went wrong ({kind}): {reason}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Trash</name>
        <message>
            <location filename="../gallery/trash.py" line="+34" />
            <source>Undo delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+16" />
            <source>Moved 1 image to the trash. Press Ctrl+Z to undo.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Moved %n images to the trash. Press Ctrl+Z to undo.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+15" />
            <source>Nothing to undo.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+19" />
            <source>Restored 1 image.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Restored %n images.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location line="+5" />
            <source>Empty the trash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Delete every image in the trash from the disk? This cannot be undone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+3" />
            <source>Empty trash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+16" />
            <source>The trash was already empty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Deleted 1 image for good.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Deleted %n images for good.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>Viewer</name>
        <message>
            <location filename="../viewer/window.py" line="+96" />
            <source>Previous image (Left)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Next image (Right)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Fit to the window ({key})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Fit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Actual size ({key})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>Zoom out (-, Ctrl+wheel)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Zoom in (+, Ctrl+wheel)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+5" />
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+1" />
            <source>Edit this image: change it with words, a mask or new borders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+91" />
            <source>Compare — {before} | {after}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>{number}/{count} — {prompt}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+13" />
            <source>Loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+2" />
            <source>{model}  ·  seed {seed}  ·  {size}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+6" />
            <source>This image has no file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+11" />
            <source>Could not read {name}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location line="+35" />
            <source>Fit ({zoom})</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
