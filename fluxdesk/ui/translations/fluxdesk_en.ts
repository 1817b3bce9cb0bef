<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>Export</name>
        <message numerus="yes">
            <location line="+2" />
            <source>Export %n images</source>
            <translation>
                <numerusform>Export %n images</numerusform>
                <numerusform>Export %n images</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Gallery</name>
        <message numerus="yes">
            <location line="+3" />
            <source>%n images</source>
            <translation>
                <numerusform>%n images</numerusform>
                <numerusform>%n images</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>GalleryMenu</name>
        <message numerus="yes">
            <location line="+2" />
            <source>Restore %n images</source>
            <translation>
                <numerusform>Restore %n images</numerusform>
                <numerusform>Restore %n images</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Delete %n images</source>
            <translation>
                <numerusform>Delete %n images</numerusform>
                <numerusform>Delete %n images</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Lineage</name>
        <message numerus="yes">
            <location line="+55" />
            <source>+%n more</source>
            <translation>
                <numerusform>+%n more</numerusform>
                <numerusform>+%n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <location line="+41" />
            <source>Following %n job(s) left from the last session.</source>
            <translation>
                <numerusform>Following %n job left from the last session.</numerusform>
                <numerusform>Following %n jobs left from the last session.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n job(s) run in another fluxdesk process; they are left to it.</source>
            <translation>
                <numerusform>%n job run in another fluxdesk process; they are left to it.</numerusform>
                <numerusform>%n jobs run in another fluxdesk process; they are left to it.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Sent %n images to {model}.</source>
            <translation>
                <numerusform>Sent %n images to {model}.</numerusform>
                <numerusform>Sent %n images to {model}.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message numerus="yes">
            <location filename="../platform/notify.py" line="+46" />
            <source>%n images ready.</source>
            <translation>
                <numerusform>%n images ready.</numerusform>
                <numerusform>%n images ready.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>The batch of %n images did not finish: see the queue.</source>
            <translation>
                <numerusform>The batch of %n images did not finish: see the queue.</numerusform>
                <numerusform>The batch of %n images did not finish: see the queue.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>{done} of %n images ready; {failed} did not finish (see the queue).</source>
            <translation>
                <numerusform>{done} of %n images ready; {failed} did not finish (see the queue).</numerusform>
                <numerusform>{done} of %n images ready; {failed} did not finish (see the queue).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PromptEditor</name>
        <message numerus="yes">
            <location line="+54" />
            <source>{count} / %Ln characters</source>
            <translation>
                <numerusform>{count} / %Ln characters</numerusform>
                <numerusform>{count} / %Ln characters</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%Ln characters</source>
            <translation>
                <numerusform>%Ln characters</numerusform>
                <numerusform>%Ln characters</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Queue</name>
        <message numerus="yes">
            <location line="+4" />
            <source>These %n jobs may have reached the provider, so sending them again may bill them twice.</source>
            <translation>
                <numerusform>These %n jobs may have reached the provider, so sending them again may bill them twice.</numerusform>
                <numerusform>These %n jobs may have reached the provider, so sending them again may bill them twice.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+63" />
            <source>%n running</source>
            <translation>
                <numerusform>%n running</numerusform>
                <numerusform>%n running</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n waiting</source>
            <translation>
                <numerusform>%n waiting</numerusform>
                <numerusform>%n waiting</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QuitQuestion</name>
        <message numerus="yes">
            <location line="+5" />
            <source>%n jobs were never sent, so nothing was charged for them; they are sent when fluxdesk starts again.</source>
            <translation>
                <numerusform>%n jobs were never sent, so nothing was charged for them; they are sent when fluxdesk starts again.</numerusform>
                <numerusform>%n jobs were never sent, so nothing was charged for them; they are sent when fluxdesk starts again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Trash</name>
        <message numerus="yes">
            <location line="+2" />
            <source>Moved %n images to the trash. Press Ctrl+Z to undo.</source>
            <translation>
                <numerusform>Moved %n images to the trash. Press Ctrl+Z to undo.</numerusform>
                <numerusform>Moved %n images to the trash. Press Ctrl+Z to undo.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Restored %n images.</source>
            <translation>
                <numerusform>Restored %n images.</numerusform>
                <numerusform>Restored %n images.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Deleted %n images for good.</source>
            <translation>
                <numerusform>Deleted %n images for good.</numerusform>
                <numerusform>Deleted %n images for good.</numerusform>
            </translation>
        </message>
    </context>
</TS>
