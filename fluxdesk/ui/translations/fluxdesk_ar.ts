<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
    <context>
        <name>About</name>
        <message>
            <location filename="../dialogs/about.py" line="+46" />
            <source>&lt;p&gt;fluxdesk uses &lt;b&gt;Qt {qt}&lt;/b&gt; through &lt;b&gt;PySide6 {pyside}&lt;/b&gt; (Qt for Python), used under the &lt;a href="{lgpl}"&gt;GNU Lesser General Public License v3&lt;/a&gt; (LGPL-3.0-only). Qt and PySide6 are linked dynamically: they are separate shared libraries (here: &lt;code&gt;{libs}&lt;/code&gt;) that you may replace with your own build of a compatible version. Qt's source code is at &lt;a href="{source}"&gt;{source}&lt;/a&gt;; see also &lt;a href="{licensing}"&gt;Qt's LGPL obligations&lt;/a&gt;.&lt;/p&gt;</source>
            <translation>&lt;p&gt;يستخدم fluxdesk &lt;b&gt;Qt {qt}&lt;/b&gt; عبر &lt;b&gt;PySide6 {pyside}&lt;/b&gt; (Qt for Python)، بموجب رخصة &lt;a href="{lgpl}"&gt;GNU Lesser General Public License v3&lt;/a&gt; (LGPL-3.0-only). يرتبط Qt وPySide6 ارتباطًا ديناميكيًا: فهما مكتبتان مشتركتان منفصلتان (هنا: &lt;code&gt;{libs}&lt;/code&gt;) يمكنك استبدالهما ببناء خاص بك من إصدار متوافق. الشيفرة المصدرية لـ Qt متاحة في &lt;a href="{source}"&gt;{source}&lt;/a&gt;؛ وانظر أيضًا &lt;a href="{licensing}"&gt;التزامات LGPL الخاصة بـ Qt&lt;/a&gt;.&lt;/p&gt;</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Package</source>
            <translation>الحزمة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Version</source>
            <translation>الإصدار</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Licence</source>
            <translation>الترخيص</translation>
        </message>
        <message>
            <location line="+1" />
            <source>What it is</source>
            <translation>نبذة</translation>
        </message>
        <message>
            <location line="+9" />
            <source>About {app}</source>
            <translation>حول {app}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>A desktop studio for making images with the Flux models.</source>
            <translation>استوديو مكتبي لإنشاء الصور بنماذج Flux.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>&lt;p&gt;&lt;b&gt;Library:&lt;/b&gt; {library}&lt;br&gt;&lt;b&gt;Thumbnails:&lt;/b&gt; {thumbnails}&lt;br&gt;&lt;b&gt;Settings:&lt;/b&gt; {settings}&lt;br&gt;&lt;b&gt;Log:&lt;/b&gt; {log}&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;المكتبة:&lt;/b&gt; {library}&lt;br&gt;&lt;b&gt;الصور المصغّرة:&lt;/b&gt; {thumbnails}&lt;br&gt;&lt;b&gt;الإعدادات:&lt;/b&gt; {settings}&lt;br&gt;&lt;b&gt;السجل:&lt;/b&gt; {log}&lt;/p&gt;</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Copyright (c) 2026 the fluxdesk authors</source>
            <translation>حقوق النشر (c) 2026 لمؤلفي fluxdesk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;p&gt;&lt;b&gt;Licence:&lt;/b&gt; {licence}. {copyright}. fluxdesk is free software: see the Licence tab for its terms and Third-party for what it runs on.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;الترخيص:&lt;/b&gt; {licence}. {copyright}. fluxdesk برنامج حر: راجع تبويب «الترخيص» لمعرفة شروطه، وتبويب «مكونات خارجية» لمعرفة ما يعمل عليه.&lt;/p&gt;</translation>
        </message>
        <message>
            <location line="+8" />
            <source>{licence} licence. {copyright}.</source>
            <translation>ترخيص {licence}. {copyright}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reading the installed packages…</source>
            <translation>جارٍ قراءة الحزم المثبّتة…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;About</source>
            <translation>&amp;حول</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Licence</source>
            <translation>ال&amp;ترخيص</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Third-party</source>
            <translation>م&amp;كونات خارجية</translation>
        </message>
        <message>
            <location line="+24" />
            <source>&lt;p&gt;fluxdesk's runtime dependencies, as installed here (from their own metadata):&lt;/p&gt;</source>
            <translation>&lt;p&gt;ما يعتمد عليه fluxdesk وقت التشغيل، كما هو مثبّت هنا (من البيانات الوصفية لكل حزمة):&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <location filename="../app.py" line="+229" />
            <source>{problem} Until a key that works is saved in Settings, fluxdesk runs in demo mode.</source>
            <translation>{problem} سيعمل fluxdesk في الوضع التجريبي إلى أن يُحفظ مفتاح صالح في الإعدادات.</translation>
        </message>
        <message>
            <location line="+166" />
            <source>fluxdesk could not connect: {error} Quit and start it again; the log has details.</source>
            <translation>تعذّر على fluxdesk الاتصال: {error} أنهِ fluxdesk وشغّله مجددًا؛ التفاصيل في السجل.</translation>
        </message>
    </context>
    <context>
        <name>Canvas</name>
        <message>
            <location filename="../viewer/canvas.py" line="+71" />
            <source>Paint mask</source>
            <translation>رسم القناع</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Paint what Fill repaints</source>
            <translation>ارسم ما سيعيد «الملء» رسمه</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Expand</source>
            <translation>توسيع</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drag the edges outwards for Expand</source>
            <translation>اسحب الحواف إلى الخارج من أجل «التوسيع»</translation>
        </message>
    </context>
    <context>
        <name>CanvasBinding</name>
        <message>
            <location filename="../stage/canvas_binding.py" line="+122" />
            <source>The image is a link: fluxdesk does not fetch it, so there is nothing to paint on here.</source>
            <translation>الصورة رابط: لا يجلبها fluxdesk، لذا لا يوجد هنا ما يُرسم عليه.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Loading…</source>
            <translation>جارٍ التحميل…</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Could not read {name}.</source>
            <translation>تعذّرت قراءة {name}.</translation>
        </message>
    </context>
    <context>
        <name>CanvasTools</name>
        <message>
            <location filename="../viewer/canvas_tools.py" line="+52" />
            <source>Brush</source>
            <translation>الفرشاة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Paint what is to be repainted (B)</source>
            <translation>ارسم ما سيُعاد رسمه (B)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Eraser</source>
            <translation>الممحاة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Erase from the mask (X swaps)</source>
            <translation>امحُ من القناع (X للتبديل)</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Size</source>
            <translation>الحجم</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Brush diameter in image pixels ([ and ])</source>
            <translation>قطر الفرشاة ببكسلات الصورة ([ و ])</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Hardness</source>
            <translation>الصلابة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Hardness: 100% is a crisp edge, less fades it out</source>
            <translation>الصلابة: 100% حافة حادة، وما دونها يجعل الحافة متدرّجة</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Show mask</source>
            <translation>أظهر القناع</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show or hide the mask (H)</source>
            <translation>أظهر القناع أو أخفِه (H)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Invert</source>
            <translation>اعكس</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Repaint what is not painted, keep what is (Ctrl+I)</source>
            <translation>أعد رسم ما لم يُرسم، واحتفظ بما رُسم (Ctrl+I)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Clear</source>
            <translation>امسح</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Clear the mask (Delete)</source>
            <translation>امسح القناع (Delete)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Undo</source>
            <translation>تراجع</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Undo the last stroke (Ctrl+Z)</source>
            <translation>تراجع عن آخر ضربة فرشاة (Ctrl+Z)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Redo</source>
            <translation>إعادة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Redo (Ctrl+Shift+Z or Ctrl+Y)</source>
            <translation>أعد ما تراجعت عنه (Ctrl+Shift+Z أو Ctrl+Y)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Nothing painted</source>
            <translation>لم يُرسم شيء</translation>
        </message>
        <message>
            <location line="+50" />
            <source>Reset</source>
            <translation>أعد الضبط</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Add nothing on any side</source>
            <translation>لا تُضف شيئًا على أي جانب</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The expanded image's size</source>
            <translation>حجم الصورة بعد التوسيع</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Top</source>
            <translation>أعلى</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Right</source>
            <translation>يمين</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bottom</source>
            <translation>أسفل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Left</source>
            <translation>يسار</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Pixels to add at the top ({minimum}..{maximum})</source>
            <translation>البكسلات المضافة في الأعلى ({minimum}..{maximum})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pixels to add at the right ({minimum}..{maximum})</source>
            <translation>البكسلات المضافة في اليمين ({minimum}..{maximum})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pixels to add at the bottom ({minimum}..{maximum})</source>
            <translation>البكسلات المضافة في الأسفل ({minimum}..{maximum})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pixels to add at the left ({minimum}..{maximum})</source>
            <translation>البكسلات المضافة في اليسار ({minimum}..{maximum})</translation>
        </message>
    </context>
    <context>
        <name>ChoiceFields</name>
        <message>
            <location filename="../compose/choice_fields.py" line="+38" />
            <source>auto</source>
            <translation>تلقائي</translation>
        </message>
    </context>
    <context>
        <name>Compare</name>
        <message>
            <location filename="../viewer/compare_parent.py" line="+25" />
            <source>This image was not made from another one, so there is nothing to compare it with.</source>
            <translation>لم تُصنع هذه الصورة من صورة أخرى، لذا لا يوجد ما تُقارن به.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The image this one was made from is no longer in the library.</source>
            <translation>الصورة التي صُنعت منها هذه الصورة لم تعد في المكتبة.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Select an image first.</source>
            <translation>حدّد صورة أولًا.</translation>
        </message>
    </context>
    <context>
        <name>Compose</name>
        <message>
            <location filename="../compose/room.py" line="+32" />
            <location line="+44" />
            <source>Generate</source>
            <translation>أنشئ</translation>
        </message>
        <message>
            <location line="-43" />
            <source>Generate {count}</source>
            <translation>أنشئ {count}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{action} · ≈ {credits} credits</source>
            <translation>{action} · ≈ {credits} وحدة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{action} · ≥ {credits} credits</source>
            <translation>{action} · ≥ {credits} وحدة</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Make images from the prompt</source>
            <translation>أنشئ صورًا من الوصف</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Prompt</source>
            <translation>الوصف</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Model</source>
            <translation>النموذج</translation>
        </message>
        <message>
            <location line="+71" />
            <source>Wait until the image is read.</source>
            <translation>انتظر حتى تُقرأ الصورة.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Fix the marked fields first; nothing was sent.</source>
            <translation>صحّح الحقول المعلَّمة أولًا؛ لم يُرسل شيء.</translation>
        </message>
    </context>
    <context>
        <name>DemoBanner</name>
        <message>
            <location filename="../demo_banner.py" line="+19" />
            <source>Demo mode: images are synthetic, made by the built-in simulator. Add an API key for real ones.</source>
            <translation>الوضع التجريبي: الصور اصطناعية يصنعها المحاكي المدمج. أضف مفتاح API للحصول على صور حقيقية.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Enter API key…</source>
            <translation>أدخل مفتاح API…</translation>
        </message>
    </context>
    <context>
        <name>Details</name>
        <message>
            <location filename="../details/panel.py" line="+54" />
            <source>library image {id}</source>
            <translation>صورة المكتبة {id}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>(image)</source>
            <translation>(صورة)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Yes</source>
            <translation>نعم</translation>
        </message>
        <message>
            <location line="+0" />
            <source>No</source>
            <translation>لا</translation>
        </message>
        <message>
            <location line="+5" />
            <source>(data)</source>
            <translation>(بيانات)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Not reported by the provider</source>
            <translation>لم يُبلغ عنها المزوّد</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{credits} credits ({dollars})</source>
            <translation>{credits} وحدة ({dollars})</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{credits} credits</source>
            <translation>{credits} وحدة</translation>
        </message>
        <message>
            <location line="+8" />
            <source>in {megapixels}</source>
            <translation>الإدخال {megapixels}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>out {megapixels}</source>
            <translation>الإخراج {megapixels}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>{seconds} s</source>
            <translation>{seconds} ث</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{minutes} min {seconds} s</source>
            <translation>{minutes} د {seconds} ث</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Details</source>
            <translation>التفاصيل</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Select an image to see how it was made.</source>
            <translation>حدّد صورة لترى كيف صُنعت.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Use this prompt</source>
            <translation>استخدم هذا الوصف</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put the provider's prompt in the editor</source>
            <translation>ضع وصف المزوّد في المحرر</translation>
        </message>
        <message>
            <location line="+11" />
            <source>What the provider said it charged</source>
            <translation>ما أفاد المزوّد بأنه احتسبه</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Megapixels (of 2^20 pixels) the provider counted: input and output</source>
            <translation>الميغابكسل (2^20 بكسل) الذي احتسبه المزوّد: الإدخال والإخراج</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Copy</source>
            <translation>انسخ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copy the seed to the clipboard</source>
            <translation>انسخ البذرة إلى الحافظة</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The images this one was made from; click one to select it</source>
            <translation>الصور التي صُنعت منها هذه الصورة؛ انقر إحداها لتحديدها</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The images made from this one; click one to select it</source>
            <translation>الصور المصنوعة من هذه الصورة؛ انقر إحداها لتحديدها</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Prompt</source>
            <translation>الوصف</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Provider's prompt</source>
            <translation>وصف المزوّد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Model</source>
            <translation>النموذج</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Seed</source>
            <translation>البذرة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Provider's seed</source>
            <translation>بذرة المزوّد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Size</source>
            <translation>الحجم</translation>
        </message>
        <message>
            <location line="+1" />
            <source>File type</source>
            <translation>نوع الملف</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cost</source>
            <translation>التكلفة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Megapixels</source>
            <translation>ميغابكسل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Time taken</source>
            <translation>المدة المستغرقة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Created</source>
            <translation>تاريخ الإنشاء</translation>
        </message>
        <message>
            <location line="+1" />
            <source>File</source>
            <translation>الملف</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Made from</source>
            <translation>صُنعت من</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Edits of this image</source>
            <translation>تعديلات هذه الصورة</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Edit…</source>
            <translation>عدّل…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Change this image with words, a mask or new borders (E in the gallery)</source>
            <translation>غيّر هذه الصورة بالكلمات أو بقناع أو بحواف جديدة (E في المعرض)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Use these settings</source>
            <translation>استخدم هذه الإعدادات</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put this image's prompt, model and parameters in the editor</source>
            <translation>ضع وصف هذه الصورة ونموذجها ومعاملاتها في المحرر</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Generate variations</source>
            <translation>أنشئ تنويعات</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Same prompt and settings with new seeds</source>
            <translation>الوصف والإعدادات نفسها ببذور جديدة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export…</source>
            <translation>صدّر…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export this image with its metadata</source>
            <translation>صدّر هذه الصورة مع بياناتها الوصفية</translation>
        </message>
        <message>
            <location line="+74" />
            <source>{width} × {height} (asked)</source>
            <translation>{width} × {height} (المطلوب)</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Imported from {origin}</source>
            <translation>مستوردة من {origin}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Imported from a file</source>
            <translation>مستوردة من ملف</translation>
        </message>
    </context>
    <context>
        <name>EditFlow</name>
        <message>
            <location filename="../edit_flow.py" line="+71" />
            <source>This image has no file, so it cannot be edited.</source>
            <translation>لا ملف لهذه الصورة، لذا لا يمكن تعديلها.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Editing the image with {model}: describe the change (the old prompt is in Recent prompts).</source>
            <translation>تعديل الصورة باستخدام {model}: صِف التغيير (الوصف القديم في «الأوصاف الأخيرة»).</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Choose the image first (E on an image in the gallery edits it).</source>
            <translation>اختر الصورة أولًا (الضغط على E فوق صورة في المعرض يعدّلها).</translation>
        </message>
        <message>
            <location line="+11" />
            <source>{model}: {task}.</source>
            <translation>{model}: {task}.</translation>
        </message>
    </context>
    <context>
        <name>Export</name>
        <message>
            <location filename="../dialogs/export.py" line="+49" />
            <source>Full: prompt and every parameter</source>
            <translation>كاملة: الوصف وكل المعاملات</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Minimal: only the AI-generated label</source>
            <translation>دنيا: وسم «مُنشأة بالذكاء الاصطناعي» فقط</translation>
        </message>
        <message>
            <location line="+1" />
            <source>None: strip everything</source>
            <translation>بلا: أزل كل شيء</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Export 1 image</source>
            <translation>تصدير صورة واحدة</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Export %n images</source>
            <translation>
                <numerusform>لا صور للتصدير</numerusform>
                <numerusform>تصدير صورة واحدة</numerusform>
                <numerusform>تصدير صورتين</numerusform>
                <numerusform>تصدير %n صور</numerusform>
                <numerusform>تصدير %n صورة</numerusform>
                <numerusform>تصدير %n صورة</numerusform>
            </translation>
        </message>
        <message>
            <location line="+13" />
            <source>Browse…</source>
            <translation>استعرض…</translation>
        </message>
        <message>
            <location line="+10" />
            <source>original</source>
            <comment>format: each file as it is</comment>
            <translation>الأصلية</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Lossless (WebP)</source>
            <translation>بلا فقدان (WebP)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No limit</source>
            <translation>بلا حد</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Fields: {fields}</source>
            <translation>الحقول: {fields}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Also write a .json file with the settings beside each image</source>
            <translation>اكتب أيضًا ملف JSON بالإعدادات بجانب كل صورة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Folder</source>
            <translation>المجلد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Format</source>
            <translation>الصيغة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Quality</source>
            <translation>الجودة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Longest side</source>
            <translation>الضلع الأطول</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Names</source>
            <translation>الأسماء</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Metadata</source>
            <translation>البيانات الوصفية</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Export</source>
            <translation>صدّر</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+98" />
            <source>Cancel</source>
            <translation>ألغِ</translation>
        </message>
        <message>
            <location line="-32" />
            <source>First file: {name}</source>
            <translation>الملف الأول: {name}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Export to folder</source>
            <translation>التصدير إلى مجلد</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Exporting…</source>
            <translation>جارٍ التصدير…</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Close</source>
            <translation>أغلق</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Cancelling after the current file…</source>
            <translation>سيُلغى التصدير بعد الملف الحالي…</translation>
        </message>
    </context>
    <context>
        <name>Fonts</name>
        <message>
            <location filename="../locale_fonts.py" line="+32" />
            <source>Arabic</source>
            <translation>العربية</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Korean</source>
            <translation>الكورية</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Chinese and Japanese</source>
            <translation>الصينية واليابانية</translation>
        </message>
        <message>
            <location line="+7" />
            <source>No installed font can show {script} text, so it is drawn as boxes: install {debian} (Debian, Ubuntu) or {fedora} (Fedora), then restart fluxdesk.</source>
            <translation>لا يوجد خط مثبّت يعرض نصوص {script}، لذا تظهر مربعات: ثبّت {debian} (Debian، Ubuntu) أو {fedora} (Fedora)، ثم أعد تشغيل fluxdesk.</translation>
        </message>
    </context>
    <context>
        <name>Gallery</name>
        <message>
            <location filename="../gallery/bar.py" line="+36" />
            <source>Newest first</source>
            <translation>الأحدث أولًا</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Oldest first</source>
            <translation>الأقدم أولًا</translation>
        </message>
        <message>
            <location line="+1" />
            <source>By prompt</source>
            <translation>حسب الوصف</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Any time</source>
            <translation>أي وقت</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Today</source>
            <translation>اليوم</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last 7 days</source>
            <translation>آخر 7 أيام</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last 30 days</source>
            <translation>آخر 30 يومًا</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This year</source>
            <translation>هذا العام</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Search prompts…</source>
            <translation>ابحث في الأوصاف…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search the prompts of every image: every word must match, also inside a longer word</source>
            <translation>ابحث في أوصاف كل الصور: يجب أن تتطابق كل كلمة، ولو داخل كلمة أطول</translation>
        </message>
        <message>
            <location line="+7" />
            <source>All models</source>
            <translation>كل النماذج</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show images of one model only</source>
            <translation>أظهر صور نموذج واحد فقط</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Show images made in this period only</source>
            <translation>أظهر الصور المصنوعة في هذه الفترة فقط</translation>
        </message>
        <message>
            <location line="+2" />
            <source>★ Favorites</source>
            <translation>★ المفضلة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show favorites only</source>
            <translation>أظهر المفضلة فقط</translation>
        </message>
        <message>
            <location line="+2" />
            <location filename="../gallery/delegate.py" line="+115" />
            <source>Trash</source>
            <translation>سلة المهملات</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Show the images in the trash (restore them, or empty the trash)</source>
            <translation>أظهر الصور في سلة المهملات (لاستعادتها أو لإفراغ السلة)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Order of the gallery</source>
            <translation>ترتيب المعرض</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Showing one image's family: click to show every image again</source>
            <translation>تُعرض عائلة صورة واحدة: انقر لعرض كل الصور مجددًا</translation>
        </message>
        <message>
            <location line="+96" />
            <source>Family of {id}  ✕</source>
            <translation>عائلة {id}  ✕</translation>
        </message>
        <message>
            <location line="+26" />
            <source>The trash is empty.</source>
            <translation>سلة المهملات فارغة.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No match</source>
            <translation>لا نتائج</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No images yet</source>
            <translation>لا صور بعد</translation>
        </message>
        <message>
            <location line="+2" />
            <source>1 image</source>
            <translation>صورة واحدة</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n images</source>
            <translation>
                <numerusform>لا صور</numerusform>
                <numerusform>صورة واحدة</numerusform>
                <numerusform>صورتان</numerusform>
                <numerusform>%n صور</numerusform>
                <numerusform>%n صورة</numerusform>
                <numerusform>%n صورة</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../gallery/panel.py" line="+241" />
            <source>That image is not shown in the gallery (it may be in the trash).</source>
            <translation>هذه الصورة غير معروضة في المعرض (ربما هي في سلة المهملات).</translation>
        </message>
    </context>
    <context>
        <name>GalleryMenu</name>
        <message>
            <location filename="../gallery/menu.py" line="+47" />
            <source>Use these settings</source>
            <translation>استخدم هذه الإعدادات</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Edit…</source>
            <translation>عدّل…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Vary seed</source>
            <translation>غيّر البذرة</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Copy prompt</source>
            <translation>انسخ الوصف</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Copy seed</source>
            <translation>انسخ البذرة</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Copy image</source>
            <translation>انسخ الصورة</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Favorite</source>
            <translation>مفضّلة</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Reveal in folder</source>
            <translation>أظهر في المجلد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open</source>
            <translation>افتح</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Compare side by side</source>
            <translation>قارن جنبًا إلى جنب</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Compare with parent</source>
            <translation>قارن بالأصل</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show family</source>
            <translation>أظهر العائلة</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Export…</source>
            <translation>صدّر…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Restore</source>
            <translation>استعد</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Restore %n images</source>
            <translation>
                <numerusform>لا صور للاستعادة</numerusform>
                <numerusform>استعد صورة واحدة</numerusform>
                <numerusform>استعد صورتين</numerusform>
                <numerusform>استعد %n صور</numerusform>
                <numerusform>استعد %n صورة</numerusform>
                <numerusform>استعد %n صورة</numerusform>
            </translation>
        </message>
        <message>
            <location line="+3" />
            <source>Empty trash…</source>
            <translation>أفرغ سلة المهملات…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Delete</source>
            <translation>احذف</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Delete %n images</source>
            <translation>
                <numerusform>لا صور للحذف</numerusform>
                <numerusform>احذف صورة واحدة</numerusform>
                <numerusform>احذف صورتين</numerusform>
                <numerusform>احذف %n صور</numerusform>
                <numerusform>احذف %n صورة</numerusform>
                <numerusform>احذف %n صورة</numerusform>
            </translation>
        </message>
        <message>
            <location line="+15" />
            <source>Select an image to edit first.</source>
            <translation>حدّد صورة لتعديلها أولًا.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This image has no file, so it cannot be edited.</source>
            <translation>لا ملف لهذه الصورة، لذا لا يمكن تعديلها.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Copied to the clipboard.</source>
            <translation>نُسخ إلى الحافظة.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Could not read {file}.</source>
            <translation>تعذّرت قراءة {file}.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Image copied to the clipboard.</source>
            <translation>نُسخت الصورة إلى الحافظة.</translation>
        </message>
    </context>
    <context>
        <name>ImageField</name>
        <message>
            <location filename="../compose/image_field.py" line="+30" />
            <source>Images ({patterns})</source>
            <translation>الصور ({patterns})</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Drop an image file here, or choose one.</source>
            <translation>أفلت ملف صورة هنا، أو اختر ملفًا.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Choose…</source>
            <translation>اختر…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Choose the {image} from a file</source>
            <translation>اختر {image} من ملف</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Remove the {image}</source>
            <translation>أزل {image}</translation>
        </message>
        <message>
            <location line="+31" />
            <source>drop
image</source>
            <translation>أفلت
صورة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>No image</source>
            <translation>لا صورة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>link</source>
            <translation>رابط</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reading {name}…</source>
            <translation>جارٍ قراءة {name}…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>an image</source>
            <translation>صورة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>an image (no preview)</source>
            <translation>صورة (بلا معاينة)</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Choose the {image}</source>
            <translation>اختر {image}</translation>
        </message>
    </context>
    <context>
        <name>LibraryBanner</name>
        <message>
            <location filename="../library_banner.py" line="+45" />
            <source>Rebuild library…</source>
            <translation>أعد بناء المكتبة…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Recreate the history from the images folder; the old database is kept aside</source>
            <translation>أعد بناء السجلات من مجلد الصور؛ تُحفظ قاعدة البيانات القديمة جانبًا</translation>
        </message>
        <message>
            <location line="+46" />
            <source>Checking the library (every image is read once)…</source>
            <translation>جارٍ فحص المكتبة (تُقرأ كل صورة مرة واحدة)…</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Library check</source>
            <translation>فحص المكتبة</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The library check found problems: {problems}</source>
            <translation>وجد فحص المكتبة مشكلات: {problems}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Rebuild library</source>
            <translation>إعادة بناء المكتبة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recreate the history from the images folder?</source>
            <translation>أتريد إعادة بناء السجلات من مجلد الصور؟</translation>
        </message>
        <message>
            <location line="+3" />
            <source>A fresh database is built from what can still be read of the current one and from each image's sidecar; the current database is kept aside, nothing is deleted.</source>
            <translation>ستُبنى قاعدة بيانات جديدة مما يمكن قراءته من الحالية ومن الملف المرافق لكل صورة؛ وتُحفظ قاعدة البيانات الحالية جانبًا، ولا يُحذف شيء.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Rebuild</source>
            <translation>أعد البناء</translation>
        </message>
        <message>
            <location line="+12" />
            <location line="+69" />
            <source>Rebuilding the history from the images folder…</source>
            <translation>جارٍ إعادة بناء السجلات من مجلد الصور…</translation>
        </message>
        <message>
            <location line="-64" />
            <location line="+69" />
            <source>The rebuild did not work: {reason}</source>
            <translation>لم تنجح إعادة البناء: {reason}</translation>
        </message>
        <message>
            <location line="-48" />
            <source>fluxdesk: the library cannot be opened</source>
            <translation>fluxdesk: تعذّر فتح المكتبة</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The details are in the log file: {path}.</source>
            <translation>التفاصيل في ملف السجل: {path}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Try again</source>
            <translation>أعد المحاولة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open log file</source>
            <translation>افتح ملف السجل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Quit</source>
            <translation>إنهاء</translation>
        </message>
    </context>
    <context>
        <name>LibraryMove</name>
        <message>
            <location filename="../library_move.py" line="+66" />
            <source>Library folder</source>
            <translation>مجلد المكتبة</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{folder} already holds a fluxdesk library. Use it from the next start? The library in {old} stays as it is.</source>
            <translation>يحتوي {folder} على مكتبة fluxdesk بالفعل. أتريد استخدامها من التشغيل التالي؟ تبقى المكتبة في {old} كما هي.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Use that library</source>
            <translation>ا&amp;ستخدم تلك المكتبة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Move the library from {old} to {folder}, copy it there, or start a new, empty library there? Moving or copying closes the window, copies every image and checks each copy, then opens the window again on the new folder.</source>
            <translation>أتريد نقل المكتبة من {old} إلى {folder}، أم نسخها إليه، أم بدء مكتبة جديدة فارغة فيه؟ يُغلق النقل أو النسخ النافذة، وينسخ كل صورة ويتحقق من كل نسخة، ثم يعيد فتح النافذة على المجلد الجديد.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Move it there</source>
            <translation>ا&amp;نقلها إليه</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Copy it there</source>
            <translation>انس&amp;خها إليه</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Start an &amp;empty library</source>
            <translation>ابدأ مكتبة &amp;فارغة</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Some jobs were never sent: wait until they are, or discard them, then move or copy the library.</source>
            <translation>بعض المهام لم تُرسل بعد: انتظر حتى تُرسل أو تخلّص منها، ثم انقل المكتبة أو انسخها.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The setting could not be saved ({reason}).</source>
            <translation>تعذّر حفظ الإعداد ({reason}).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>From the next start fluxdesk uses the library in {folder}; the one in {old} stays as it is.</source>
            <translation>من التشغيل التالي يستخدم fluxdesk المكتبة في {folder}؛ وتبقى التي في {old} كما هي.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Moving the library</source>
            <translation>جارٍ نقل المكتبة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copying the library</source>
            <translation>جارٍ نسخ المكتبة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copying {old} to {folder} and checking every file…</source>
            <translation>جارٍ نسخ {old} إلى {folder} والتحقق من كل ملف…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Cancel</source>
            <translation>ألغِ</translation>
        </message>
        <message>
            <location line="+36" />
            <source>{done} But the setting could not be saved ({reason}): choose {folder} in Settings.</source>
            <translation>{done} لكن تعذّر حفظ الإعداد ({reason}): اختر {folder} في الإعدادات.</translation>
        </message>
    </context>
    <context>
        <name>Lineage</name>
        <message>
            <location filename="../details/lineage.py" line="+37" />
            <source>Imported: {origin}</source>
            <translation>مستوردة: {origin}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{prompt} · {model}</source>
            <translation>{prompt} · {model}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>(no prompt)</source>
            <translation>(بلا وصف)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{image} (in the trash)</source>
            <translation>{image} (في سلة المهملات)</translation>
        </message>
        <message numerus="yes">
            <location line="+55" />
            <source>+%n more</source>
            <translation>
                <numerusform>+%n أخرى</numerusform>
                <numerusform>+%n أخرى</numerusform>
                <numerusform>+%n أخرى</numerusform>
                <numerusform>+%n أخرى</numerusform>
                <numerusform>+%n أخرى</numerusform>
                <numerusform>+%n أخرى</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LogFile</name>
        <message>
            <location filename="../platform/logfile.py" line="+26" />
            <source>The log file {path} cannot be opened ({reason}).</source>
            <translation>تعذّر فتح ملف السجل {path} ({reason}).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>No program opens the log file; it is {path}.</source>
            <translation>لا يوجد برنامج يفتح ملف السجل؛ مساره {path}.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Opened the log file {path}.</source>
            <translation>فُتح ملف السجل {path}.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../main_window.py" line="+242" />
            <source>Demo (simulator)</source>
            <translation>تجريبي (المحاكي)</translation>
        </message>
        <message numerus="yes">
            <location line="+41" />
            <source>Following %n job(s) left from the last session.</source>
            <translation>
                <numerusform>لا مهام متبقية من الجلسة السابقة.</numerusform>
                <numerusform>تجري متابعة مهمة واحدة متبقية من الجلسة السابقة.</numerusform>
                <numerusform>تجري متابعة مهمتين متبقيتين من الجلسة السابقة.</numerusform>
                <numerusform>تجري متابعة %n مهام متبقية من الجلسة السابقة.</numerusform>
                <numerusform>تجري متابعة %n مهمة متبقية من الجلسة السابقة.</numerusform>
                <numerusform>تجري متابعة %n مهمة متبقية من الجلسة السابقة.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n job(s) run in another fluxdesk process; they are left to it.</source>
            <translation>
                <numerusform>لا مهام تعمل في عملية fluxdesk أخرى.</numerusform>
                <numerusform>تعمل مهمة واحدة في عملية fluxdesk أخرى، فتُركت لها.</numerusform>
                <numerusform>تعمل مهمتان في عملية fluxdesk أخرى، فتُركتا لها.</numerusform>
                <numerusform>تعمل %n مهام في عملية fluxdesk أخرى، فتُركت لها.</numerusform>
                <numerusform>تعمل %n مهمة في عملية fluxdesk أخرى، فتُركت لها.</numerusform>
                <numerusform>تعمل %n مهمة في عملية fluxdesk أخرى، فتُركت لها.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+113" />
            <source>Sent 1 image to {model}.</source>
            <translation>أُرسلت صورة واحدة إلى {model}.</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Sent %n images to {model}.</source>
            <translation>
                <numerusform>لم تُرسل أي صورة إلى {model}.</numerusform>
                <numerusform>أُرسلت صورة واحدة إلى {model}.</numerusform>
                <numerusform>أُرسلت صورتان إلى {model}.</numerusform>
                <numerusform>أُرسلت %n صور إلى {model}.</numerusform>
                <numerusform>أُرسلت %n صورة إلى {model}.</numerusform>
                <numerusform>أُرسلت %n صورة إلى {model}.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+7" />
            <source>Settings loaded from the selected image; its seed is locked (Random frees it).</source>
            <translation>حُمّلت الإعدادات من الصورة المحددة؛ بذرتها مثبّتة (زر «عشوائية» يحرّرها).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{model} is not a model fluxdesk knows any more.</source>
            <translation>لم يعد fluxdesk يعرف النموذج {model}.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>No variations: {reason}</source>
            <translation>لا تنويعات: {reason}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The provider's prompt is in the editor.</source>
            <translation>وصف المزوّد في المحرر الآن.</translation>
        </message>
        <message>
            <location line="+6" />
            <location line="+14" />
            <source>Select an image first.</source>
            <translation>حدّد صورة أولًا.</translation>
        </message>
        <message>
            <location line="-7" />
            <source>Select an image to edit first.</source>
            <translation>حدّد صورة لتعديلها أولًا.</translation>
        </message>
        <message>
            <location line="+54" />
            <source>Idle</source>
            <translation>خامل</translation>
        </message>
        <message>
            <location line="+7" />
            <source>{task} failed: {reason}</source>
            <translation>فشل {task}: {reason}</translation>
        </message>
        <message>
            <location filename="../window_dialogs.py" line="+77" />
            <source>Settings saved.</source>
            <translation>حُفظت الإعدادات.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Settings applied (demo mode).</source>
            <translation>طُبّقت الإعدادات (الوضع التجريبي).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Settings applied.</source>
            <translation>طُبّقت الإعدادات.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Select the images to export first.</source>
            <translation>حدّد الصور المراد تصديرها أولًا.</translation>
        </message>
        <message>
            <location filename="../engine_gate.py" line="+40" />
            <source>Starting, one moment: this goes ahead as soon as fluxdesk is connected.</source>
            <translation>جارٍ البدء، لحظة من فضلك: يُنفَّذ هذا فور اتصال fluxdesk.</translation>
        </message>
    </context>
    <context>
        <name>Menus</name>
        <message>
            <location filename="../window_actions.py" line="+29" />
            <location line="+201" />
            <source>&amp;Generate</source>
            <translation>&amp;إنشاء</translation>
        </message>
        <message>
            <location line="-199" />
            <location line="+172" />
            <source>Make images from the prompt</source>
            <translation>أنشئ صورًا من الوصف</translation>
        </message>
        <message>
            <location line="-167" />
            <source>Generate &amp;variations</source>
            <translation>أنشئ &amp;تنويعات</translation>
        </message>
        <message>
            <location line="+2" />
            <source>New seeds for the selected image's settings (batch count images)</source>
            <translation>بذور جديدة لإعدادات الصورة المحددة (بعدد صور الدفعة)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Use these settings</source>
            <translation>ا&amp;ستخدم هذه الإعدادات</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fill the prompt, model and parameters from the selected image</source>
            <translation>املأ الوصف والنموذج والمعاملات من الصورة المحددة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Edit selected image…</source>
            <translation>&amp;عدّل الصورة المحددة…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Change the selected image with words, a mask or new borders (E in the gallery)</source>
            <translation>غيّر الصورة المحددة بالكلمات أو بقناع أو بحواف جديدة (E في المعرض)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Random seed</source>
            <translation>بذرة ع&amp;شوائية</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A new random seed for every batch</source>
            <translation>بذرة عشوائية جديدة لكل دفعة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Lock seed</source>
            <translation>&amp;ثبّت البذرة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Use the seed in the field for every batch</source>
            <translation>استخدم البذرة الموجودة في الحقل لكل دفعة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Reuse &amp;last seed</source>
            <translation>أعد استخدام آ&amp;خر بذرة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Make the next batch from the last one's seed</source>
            <translation>أنشئ الدفعة التالية من بذرة الدفعة السابقة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Recent &amp;prompts…</source>
            <translation>الأو&amp;صاف الأخيرة…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Choose one of the recent prompts</source>
            <translation>اختر أحد الأوصاف الأخيرة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Settings…</source>
            <translation>الإ&amp;عدادات…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Provider, API key, library folder and defaults</source>
            <translation>المزوّد ومفتاح API ومجلد المكتبة والقيم الافتراضية</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Export selected…</source>
            <translation>&amp;صدّر المحدد…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export the selected images</source>
            <translation>صدّر الصور المحددة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Open settings from image…</source>
            <translation>ا&amp;فتح الإعدادات من صورة…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fill the prompt and parameters from an image made by fluxdesk or carrying A1111 parameters (or drop the image on the window)</source>
            <translation>املأ الوصف والمعاملات من صورة أنشأها fluxdesk أو تحمل معاملات A1111 (أو أفلت الصورة على النافذة)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Quit</source>
            <translation>إ&amp;نهاء</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Quit fluxdesk (jobs in flight resume next start)</source>
            <translation>أنهِ fluxdesk (تُستأنف المهام الجارية عند التشغيل التالي)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Focus &amp;prompt</source>
            <translation>انتقل إلى ال&amp;وصف</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put the cursor in the prompt</source>
            <translation>ضع المؤشر في الوصف</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Choose &amp;model</source>
            <translation>اختر ال&amp;نموذج</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Open the model list</source>
            <translation>افتح قائمة النماذج</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Search the gallery</source>
            <translation>ا&amp;بحث في المعرض</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search the prompts of every image</source>
            <translation>ابحث في أوصاف كل الصور</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Focus &amp;queue</source>
            <translation>انتقل إلى &amp;قائمة الانتظار</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Move to the job list</source>
            <translation>انتقل إلى قائمة المهام</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Show &amp;details</source>
            <translation>أظهر ال&amp;تفاصيل</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show or hide the details panel</source>
            <translation>أظهر لوحة التفاصيل أو أخفِها</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show q&amp;ueue</source>
            <translation>أظهر قائمة الانت&amp;ظار</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show or hide the queue</source>
            <translation>أظهر قائمة الانتظار أو أخفِها</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show &amp;large view</source>
            <translation>أظهر العرض ال&amp;كبير</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show or hide the large view over the gallery</source>
            <translation>أظهر العرض الكبير فوق المعرض أو أخفِه</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show &amp;trash</source>
            <translation>أظهر &amp;سلة المهملات</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show the images in the trash (Del restores them)</source>
            <translation>أظهر الصور في سلة المهملات (Del يستعيدها)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Empty t&amp;rash…</source>
            <translation>أفرغ &amp;سلة المهملات…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Delete the images in the trash from the disk</source>
            <translation>احذف صور سلة المهملات من القرص</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Reset layout</source>
            <translation>أعد &amp;ضبط التخطيط</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put the panels back to their first sizes</source>
            <translation>أعد اللوحات إلى أحجامها الأولى</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;About fluxdesk</source>
            <translation>&amp;حول fluxdesk</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Version and where things are kept</source>
            <translation>الإصدار وأماكن حفظ البيانات</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Open &amp;log file</source>
            <translation>افتح ملف ال&amp;سجل</translation>
        </message>
        <message>
            <location line="+2" />
            <source>What fluxdesk did and what went wrong, with details</source>
            <translation>ما فعله fluxdesk وما حدث من أخطاء، مع التفاصيل</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Check library</source>
            <translation>اف&amp;حص المكتبة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Look for records without files, files without records and changed files</source>
            <translation>ابحث عن سجلات بلا ملفات، وملفات بلا سجلات، وملفات تغيّرت</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Re&amp;build library…</source>
            <translation>أعد &amp;بناء المكتبة…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Recreate the history from the images folder (the old database is kept)</source>
            <translation>أعد بناء السجلات من مجلد الصور (تُحفظ قاعدة البيانات القديمة)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Open the settings to enter an API key</source>
            <translation>افتح الإعدادات لإدخال مفتاح API</translation>
        </message>
        <message>
            <location line="+16" />
            <source>&amp;File</source>
            <translation>&amp;ملف</translation>
        </message>
        <message>
            <location line="+16" />
            <source>&amp;Queue</source>
            <translation>&amp;قائمة الانتظار</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;View</source>
            <translation>&amp;عرض</translation>
        </message>
        <message>
            <location line="+12" />
            <source>&amp;Help</source>
            <translation>م&amp;ساعدة</translation>
        </message>
    </context>
    <context>
        <name>ModelPicker</name>
        <message>
            <location filename="../compose/model_picker.py" line="+26" />
            <source>The model that makes the image (Ctrl+M)</source>
            <translation>النموذج الذي يصنع الصورة (Ctrl+M)</translation>
        </message>
    </context>
    <context>
        <name>Money</name>
        <message>
            <location filename="../money.py" line="+120" />
            <source>Balance: unavailable</source>
            <translation>الرصيد: غير متاح</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Balance: {amount} credits</source>
            <translation>الرصيد: {amount} وحدة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>${usd} at {provider}, as it said at {time}; updated after each batch</source>
            <translation>${usd} لدى {provider}، بحسب ما أفاد في {time}؛ يُحدَّث بعد كل دفعة</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Spent today {today} · this month {month} credits</source>
            <translation>أُنفق اليوم {today} · هذا الشهر {month} وحدة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>What the provider reported charging, from the library</source>
            <translation>ما أفاد المزوّد باحتسابه، من المكتبة</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Nothing was sent.</source>
            <translation>لم يُرسل شيء.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Send this batch?</source>
            <translation>أتريد إرسال هذه الدفعة؟</translation>
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <location filename="../platform/freedesktop.py" line="+106" />
            <source>Show</source>
            <translation>اعرض</translation>
        </message>
        <message numerus="yes">
            <location filename="../platform/notify.py" line="+46" />
            <source>%n images ready.</source>
            <translation>
                <numerusform>لا صور جاهزة.</numerusform>
                <numerusform>صورة واحدة جاهزة.</numerusform>
                <numerusform>صورتان جاهزتان.</numerusform>
                <numerusform>%n صور جاهزة.</numerusform>
                <numerusform>%n صورة جاهزة.</numerusform>
                <numerusform>%n صورة جاهزة.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>Your image is ready.</source>
            <translation>صورتك جاهزة.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The batch of 1 image did not finish: see the queue.</source>
            <translation>لم تكتمل الدفعة المكوّنة من صورة واحدة: راجع قائمة الانتظار.</translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>The batch of %n images did not finish: see the queue.</source>
            <translation>
                <numerusform>لم تكتمل الدفعة: راجع قائمة الانتظار.</numerusform>
                <numerusform>لم تكتمل الدفعة المكوّنة من صورة واحدة: راجع قائمة الانتظار.</numerusform>
                <numerusform>لم تكتمل الدفعة المكوّنة من صورتين: راجع قائمة الانتظار.</numerusform>
                <numerusform>لم تكتمل الدفعة المكوّنة من %n صور: راجع قائمة الانتظار.</numerusform>
                <numerusform>لم تكتمل الدفعة المكوّنة من %n صورة: راجع قائمة الانتظار.</numerusform>
                <numerusform>لم تكتمل الدفعة المكوّنة من %n صورة: راجع قائمة الانتظار.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>{done} of %n images ready; {failed} did not finish (see the queue).</source>
            <translation>
                <numerusform>{done} من %n صورة جاهزة؛ ولم تكتمل {failed} (راجع قائمة الانتظار).</numerusform>
                <numerusform>{done} من صورة واحدة جاهزة؛ ولم تكتمل {failed} (راجع قائمة الانتظار).</numerusform>
                <numerusform>{done} من صورتين جاهزة؛ ولم تكتمل {failed} (راجع قائمة الانتظار).</numerusform>
                <numerusform>{done} من %n صور جاهزة؛ ولم تكتمل {failed} (راجع قائمة الانتظار).</numerusform>
                <numerusform>{done} من %n صورة جاهزة؛ ولم تكتمل {failed} (راجع قائمة الانتظار).</numerusform>
                <numerusform>{done} من %n صورة جاهزة؛ ولم تكتمل {failed} (راجع قائمة الانتظار).</numerusform>
            </translation>
        </message>
        <message>
            <location line="+196" />
            <source>The batch's images are in the gallery (clear the search to see them).</source>
            <translation>صور الدفعة في المعرض (امسح البحث لرؤيتها).</translation>
        </message>
    </context>
    <context>
        <name>Parameters</name>
        <message>
            <location filename="../compose/param_panel.py" line="+112" />
            <source>How many images to make (1 to {most}): seeds s, s+1, ... from the seed of the first</source>
            <translation>عدد الصور المراد إنشاؤها (من 1 إلى {most}): البذور s وs+1 و... بدءًا من بذرة الأولى</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Batch</source>
            <translation>الدفعة</translation>
        </message>
        <message>
            <location line="+38" />
            <source>Size</source>
            <translation>الحجم</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Width × height in pixels</source>
            <translation>العرض × الارتفاع بالبكسل</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Paint…</source>
            <translation>ارسم…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Paint the mask on the image</source>
            <translation>ارسم القناع على الصورة</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Drag the image's edges outwards in the large view</source>
            <translation>اسحب حواف الصورة إلى الخارج في العرض الكبير</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drag the edges…</source>
            <translation>اسحب الحواف…</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Image and references</source>
            <translation>الصورة والمراجع</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Images</source>
            <translation>الصور</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The image to edit first, then references (image 1, image 2, … in the prompt)</source>
            <translation>الصورة المراد تعديلها أولًا، ثم الصور المرجعية (image 1، image 2، … في الوصف)</translation>
        </message>
        <message>
            <location line="+37" />
            <source>https://…  (off when empty)</source>
            <translation>https://…  (معطّل إن كان فارغًا)</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Advanced · webhook on</source>
            <translation>متقدم · Webhook مفعّل</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Advanced</source>
            <translation>متقدم</translation>
        </message>
        <message>
            <location line="+52" />
            <source>The image keeps the input image's size ({width} × {height}); no size is sent.</source>
            <translation>تحتفظ الصورة بحجم الصورة المُدخلة ({width} × {height})؛ لا يُرسل أي حجم.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The image keeps the input image's size; no size is sent.</source>
            <translation>تحتفظ الصورة بحجم الصورة المُدخلة؛ لا يُرسل أي حجم.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No input image: {width} × {height}. With one, its size is kept.</source>
            <translation>لا صورة مُدخلة: {width} × {height}. وإن وُجدت، يُحتفظ بحجمها.</translation>
        </message>
    </context>
    <context>
        <name>PromptEditor</name>
        <message>
            <location filename="../compose/prompt_editor.py" line="+31" />
            <source>{change}… (Ctrl+Enter generates)</source>
            <translation>{change}… (Ctrl+Enter للإنشاء)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Describe the image… (Ctrl+Enter generates)</source>
            <translation>صِف الصورة… (Ctrl+Enter للإنشاء)</translation>
        </message>
        <message>
            <location line="+35" />
            <source>The prompt (Ctrl+L to focus; Ctrl+Enter generates)</source>
            <translation>الوصف (Ctrl+L للانتقال إليه؛ Ctrl+Enter للإنشاء)</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Recent</source>
            <translation>الأخيرة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recent prompts (Ctrl+Shift+P)</source>
            <translation>الأوصاف الأخيرة (Ctrl+Shift+P)</translation>
        </message>
        <message numerus="yes">
            <location line="+54" />
            <source>{count} / %Ln characters</source>
            <translation>
                <numerusform>{count} / %Ln حرف</numerusform>
                <numerusform>{count} / %Ln حرف</numerusform>
                <numerusform>{count} / %Ln حرف</numerusform>
                <numerusform>{count} / %Ln أحرف</numerusform>
                <numerusform>{count} / %Ln حرفًا</numerusform>
                <numerusform>{count} / %Ln حرف</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%Ln characters</source>
            <translation>
                <numerusform>%Ln حرف</numerusform>
                <numerusform>حرف واحد</numerusform>
                <numerusform>حرفان</numerusform>
                <numerusform>%Ln أحرف</numerusform>
                <numerusform>%Ln حرفًا</numerusform>
                <numerusform>%Ln حرف</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Queue</name>
        <message>
            <location filename="../queue/model.py" line="+34" />
            <source>Model</source>
            <translation>النموذج</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Prompt</source>
            <translation>الوصف</translation>
        </message>
        <message>
            <location line="+1" />
            <source>State</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Elapsed</source>
            <translation>المدة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cost</source>
            <translation>التكلفة</translation>
        </message>
        <message numerus="yes">
            <location line="+63" />
            <source>%n running</source>
            <translation>
                <numerusform>لا مهام قيد التنفيذ</numerusform>
                <numerusform>مهمة واحدة قيد التنفيذ</numerusform>
                <numerusform>مهمتان قيد التنفيذ</numerusform>
                <numerusform>%n مهام قيد التنفيذ</numerusform>
                <numerusform>%n مهمة قيد التنفيذ</numerusform>
                <numerusform>%n مهمة قيد التنفيذ</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n waiting</source>
            <translation>
                <numerusform>لا مهام في الانتظار</numerusform>
                <numerusform>مهمة واحدة في الانتظار</numerusform>
                <numerusform>مهمتان في الانتظار</numerusform>
                <numerusform>%n مهام في الانتظار</numerusform>
                <numerusform>%n مهمة في الانتظار</numerusform>
                <numerusform>%n مهمة في الانتظار</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>{running}, {waiting}</source>
            <translation>{running}، {waiting}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>{amount} cr</source>
            <translation>{amount} وحدة</translation>
        </message>
        <message>
            <location line="+65" />
            <source>Credits the provider said this job cost</source>
            <translation>الوحدات التي أفاد المزوّد بأن هذه المهمة كلّفتها</translation>
        </message>
        <message>
            <location filename="../queue/panel.py" line="+100" />
            <location line="+191" />
            <source>Queue</source>
            <translation>قائمة الانتظار</translation>
        </message>
        <message>
            <location line="-188" />
            <source>&amp;Cancel job</source>
            <translation>أ&amp;لغِ المهمة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Retry job</source>
            <translation>&amp;أعد محاولة المهمة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>C&amp;lear finished</source>
            <translation>ا&amp;مسح المكتملة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Cancel the selected jobs</source>
            <translation>ألغِ المهام المحددة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Run the selected jobs again (same settings and seed)</source>
            <translation>شغّل المهام المحددة مجددًا (بالإعدادات والبذرة نفسها)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Remove finished jobs from the queue (the images stay in the library)</source>
            <translation>أزل المهام المكتملة من قائمة الانتظار (تبقى الصور في المكتبة)</translation>
        </message>
        <message>
            <location line="+103" />
            <source>This job may have reached the provider, so sending it again may bill it twice.</source>
            <translation>ربما وصلت هذه المهمة إلى المزوّد، لذا قد تُحتسب تكلفتها مرتين إن أُرسلت مجددًا.</translation>
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>These %n jobs may have reached the provider, so sending them again may bill them twice.</source>
            <translation>
                <numerusform>ربما وصلت هذه المهام إلى المزوّد، لذا قد تُحتسب تكلفتها مرتين إن أُرسلت مجددًا.</numerusform>
                <numerusform>ربما وصلت هذه المهمة إلى المزوّد، لذا قد تُحتسب تكلفتها مرتين إن أُرسلت مجددًا.</numerusform>
                <numerusform>ربما وصلت هاتان المهمتان إلى المزوّد، لذا قد تُحتسب تكلفتهما مرتين إن أُرسلتا مجددًا.</numerusform>
                <numerusform>ربما وصلت هذه المهام الـ%n إلى المزوّد، لذا قد تُحتسب تكلفتها مرتين إن أُرسلت مجددًا.</numerusform>
                <numerusform>ربما وصلت هذه المهام الـ%n إلى المزوّد، لذا قد تُحتسب تكلفتها مرتين إن أُرسلت مجددًا.</numerusform>
                <numerusform>ربما وصلت هذه المهام الـ%n إلى المزوّد، لذا قد تُحتسب تكلفتها مرتين إن أُرسلت مجددًا.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+8" />
            <source>Send again?</source>
            <translation>أتريد الإرسال مجددًا؟</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Send again</source>
            <translation>أرسل مجددًا</translation>
        </message>
        <message>
            <location line="+55" />
            <source>Queue — {activity}</source>
            <translation>قائمة الانتظار — {activity}</translation>
        </message>
    </context>
    <context>
        <name>QuitQuestion</name>
        <message>
            <location filename="../quit_question.py" line="+35" />
            <source>1 job was never sent, so nothing was charged for it; it is sent when fluxdesk starts again.</source>
            <translation>لم تُرسل مهمة واحدة قط، فلم يُحتسب عنها شيء؛ وستُرسل عند تشغيل fluxdesk مجددًا.</translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n jobs were never sent, so nothing was charged for them; they are sent when fluxdesk starts again.</source>
            <translation>
                <numerusform>لا مهام لم تُرسل.</numerusform>
                <numerusform>لم تُرسل مهمة واحدة قط، فلم يُحتسب عنها شيء؛ وستُرسل عند تشغيل fluxdesk مجددًا.</numerusform>
                <numerusform>لم تُرسل مهمتان قط، فلم يُحتسب عنهما شيء؛ وستُرسلان عند تشغيل fluxdesk مجددًا.</numerusform>
                <numerusform>لم تُرسل %n مهام قط، فلم يُحتسب عنها شيء؛ وستُرسل عند تشغيل fluxdesk مجددًا.</numerusform>
                <numerusform>لم تُرسل %n مهمة قط، فلم يُحتسب عنها شيء؛ وستُرسل عند تشغيل fluxdesk مجددًا.</numerusform>
                <numerusform>لم تُرسل %n مهمة قط، فلم يُحتسب عنها شيء؛ وستُرسل عند تشغيل fluxdesk مجددًا.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+9" />
            <source>Quit fluxdesk</source>
            <translation>إنهاء fluxdesk</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Quit</source>
            <translation>إنهاء</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Discard and quit</source>
            <translation>تجاهل وإنهاء</translation>
        </message>
    </context>
    <context>
        <name>Recall</name>
        <message>
            <location filename="../recall.py" line="+63" />
            <source>Open settings from an image</source>
            <translation>فتح الإعدادات من صورة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Images ({patterns})</source>
            <translation>الصور ({patterns})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fluxdesk sidecar ({patterns})</source>
            <translation>ملف fluxdesk المرافق ({patterns})</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Could not read {name}: {reason}.</source>
            <translation>تعذّرت قراءة {name}: {reason}.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Settings of {name} taken from the library; its seed is locked (Random frees it).</source>
            <translation>أُخذت إعدادات {name} من المكتبة؛ بذرتها مثبّتة (زر «عشوائية» يحرّرها).</translation>
        </message>
    </context>
    <context>
        <name>ReferenceStrip</name>
        <message>
            <location filename="../compose/reference_strip.py" line="+64" />
            <source>could not write {name}</source>
            <translation>تعذّرت كتابة {name}</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Drop images from the gallery or files here; drag a thumbnail to reorder</source>
            <translation>أفلت هنا صورًا من المعرض أو ملفات؛ اسحب صورة مصغّرة لإعادة الترتيب</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Add…</source>
            <translation>أضف…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Add an image file</source>
            <translation>أضف ملف صورة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Paste</source>
            <translation>الصق</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Add the image (or image file) on the clipboard</source>
            <translation>أضف الصورة (أو ملف الصورة) الموجودة في الحافظة</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Drop images
here</source>
            <translation>أفلت الصور
هنا</translation>
        </message>
        <message>
            <location line="+96" />
            <source>Add images</source>
            <translation>أضف صورًا</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The clipboard holds no image.</source>
            <translation>لا تحوي الحافظة صورة.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The pasted image could not be kept: {reason}.</source>
            <translation>تعذّر الاحتفاظ بالصورة الملصقة: {reason}.</translation>
        </message>
    </context>
    <context>
        <name>ReferenceTile</name>
        <message>
            <location filename="../compose/reference_tile.py" line="+56" />
            <source>Image {number} of the prompt</source>
            <translation>الصورة {number} في الوصف</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Remove this image</source>
            <translation>أزل هذه الصورة</translation>
        </message>
        <message>
            <location line="+12" />
            <source>label</source>
            <translation>تسمية</translation>
        </message>
        <message>
            <location line="+2" />
            <source>An optional name for this image, kept with the draft</source>
            <translation>اسم اختياري لهذه الصورة، يُحفظ مع المسودة</translation>
        </message>
        <message>
            <location line="+22" />
            <source>cannot
read</source>
            <translation>تتعذّر
القراءة</translation>
        </message>
        <message>
            <location line="+4" />
            <source>link</source>
            <translation>رابط</translation>
        </message>
        <message>
            <location line="+2" />
            <source>image</source>
            <translation>صورة</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Drag to reorder</source>
            <translation>اسحب لإعادة الترتيب</translation>
        </message>
    </context>
    <context>
        <name>SeedField</name>
        <message>
            <location filename="../compose/seed_field.py" line="+39" />
            <location line="+29" />
            <source>Random</source>
            <translation>عشوائية</translation>
        </message>
        <message>
            <location line="-26" />
            <source>A new random seed for every batch (Ctrl+Shift+R)</source>
            <translation>بذرة عشوائية جديدة لكل دفعة (Ctrl+Shift+R)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Locked</source>
            <translation>مثبّتة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Use this seed; a batch takes the seeds after it (Ctrl+Shift+L)</source>
            <translation>استخدم هذه البذرة؛ تأخذ الدفعة البذور التي تليها (Ctrl+Shift+L)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Last</source>
            <translation>الأخيرة</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Make the next batch from the seed of the last one (Ctrl+Shift+E)</source>
            <translation>أنشئ الدفعة التالية من بذرة الدفعة السابقة (Ctrl+Shift+E)</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Back to a new random seed for every batch (Ctrl+Shift+R)</source>
            <translation>عُد إلى بذرة عشوائية جديدة لكل دفعة (Ctrl+Shift+R)</translation>
        </message>
        <message>
            <location line="+39" />
            <source>random</source>
            <translation>عشوائية</translation>
        </message>
        <message>
            <location line="+1" />
            <source>random (last: {seed})</source>
            <translation>عشوائية (الأخيرة: {seed})</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Locked to {seed} —</source>
            <translation>مثبّتة على {seed} —</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Reusing the last seed, {seed} —</source>
            <translation>إعادة استخدام آخر بذرة، {seed} —</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The seed of the last batch ({seed}), locked.</source>
            <translation>بذرة الدفعة الأخيرة ({seed})، مثبّتة.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Locked: every Generate starts from this seed.</source>
            <translation>مثبّتة: كل إنشاء يبدأ من هذه البذرة.</translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <location filename="../dialogs/language_settings.py" line="+24" />
            <location filename="../dialogs/settings.py" line="+148" />
            <source>System</source>
            <translation>النظام</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The language of fluxdesk's window and command line</source>
            <translation>لغة نافذة fluxdesk وسطر أوامره</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Western (0-9)</source>
            <translation>غربية (0-9)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The language's own</source>
            <translation>أرقام اللغة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The digits number fields show and accept</source>
            <translation>الأرقام التي تعرضها حقول الأعداد وتقبلها</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Takes effect at the next start.</source>
            <translation>يسري عند التشغيل التالي.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Lan&amp;guage</source>
            <translation>ال&amp;لغة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Digit&amp;s</source>
            <translation>الأ&amp;رقام</translation>
        </message>
        <message>
            <location filename="../dialogs/settings.py" line="-80" />
            <source>fluxdesk settings</source>
            <translation>إعدادات fluxdesk</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Who runs the models and bills you</source>
            <translation>الجهة التي تشغّل النماذج وتحاسبك</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Leave empty for the provider's own address; set it for a proxy or gateway</source>
            <translation>اتركه فارغًا لاستخدام عنوان المزوّد نفسه؛ أو عيّنه لوكيل أو بوابة</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Kept in the system keychain (or a private 0600 file); never shown again</source>
            <translation>يُحفظ في سلسلة مفاتيح النظام (أو في ملف خاص بصلاحيات 0600)؛ ولا يُعرض مجددًا</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Forget key</source>
            <translation>انسَ المفتاح</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete the saved key of this provider</source>
            <translation>احذف المفتاح المحفوظ لهذا المزوّد</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Where images and their history are kept (used from the next start)</source>
            <translation>مكان حفظ الصور وسجلاتها (يُستخدم من التشغيل التالي)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Browse…</source>
            <translation>استعرض…</translation>
        </message>
        <message>
            <location line="+12" />
            <source>At most this many generations at once; below it fluxdesk finds what the provider accepts (Black Forest Labs allows 24)</source>
            <translation>الحد الأقصى لعمليات الإنشاء المتزامنة؛ وفي حدوده يكتشف fluxdesk ما يقبله المزوّد (تسمح Black Forest Labs بـ 24)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Ask before sending a batch estimated at more than this many credits (Off: never)</source>
            <translation>اسأل قبل إرسال دفعة تُقدَّر تكلفتها بأكثر من هذا العدد من الوحدات (معطّل: لا تسأل أبدًا)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Refuse a batch that would take today's spend over this many credits (Off: no budget). Counts what Black Forest Labs reports charging; CometAPI reports no cost, so it is not checked</source>
            <translation>ارفض أي دفعة تجعل إنفاق اليوم يتجاوز هذا العدد من الوحدات (معطّل: بلا ميزانية). يُحتسب ما تُفيد Black Forest Labs بأنها تقاضته؛ أما CometAPI فلا تُفيد بأي تكلفة، لذا لا يُتحقق منها</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The model selected when fluxdesk starts</source>
            <translation>النموذج المحدد عند بدء fluxdesk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show an icon in the system &amp;tray</source>
            <translation>أظهر أي&amp;قونة في علبة النظام</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Finished batches are announced from it; off: no icon, notifications</source>
            <translation>تُعلَن منها الدفعات المكتملة؛ عند التعطيل: لا أيقونة، بل إشعارات</translation>
        </message>
        <message>
            <location line="+4" />
            <source>No system tray here: finished batches are announced in notifications</source>
            <translation>لا توجد علبة نظام هنا: تُعلَن الدفعات المكتملة في إشعارات</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Light</source>
            <translation>فاتح</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Dark</source>
            <translation>داكن</translation>
        </message>
        <message>
            <location line="+1" />
            <source>System: as the desktop is set; Light or Dark: the same everywhere</source>
            <translation>النظام: كما ضُبط سطح المكتب؛ فاتح أو داكن: المظهر نفسه في كل مكان</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Provider</source>
            <translation>ال&amp;مزوّد</translation>
        </message>
        <message>
            <location line="+1" />
            <source>API &amp;address</source>
            <translation>&amp;عنوان API</translation>
        </message>
        <message>
            <location line="+3" />
            <source>API &amp;key</source>
            <translation>مفتاح API</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Library folder</source>
            <translation>مجلد المكتبة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Concurrent jobs</source>
            <translation>المهام المت&amp;زامنة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>As&amp;k before a batch over</source>
            <translation>ا&amp;سأل قبل دفعة تتجاوز</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Daily &amp;budget</source>
            <translation>الميزانية ال&amp;يومية</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Default model</source>
            <translation>ال&amp;نموذج الافتراضي</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Theme</source>
            <translation>المظ&amp;هر</translation>
        </message>
        <message>
            <location line="+48" />
            <source> credits</source>
            <translation> وحدة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Off</source>
            <translation>معطّل</translation>
        </message>
        <message>
            <location line="+18" />
            <source>FLUXDESK_HOME is set ({folder}), so the library is there and this setting is not used; unset it to choose the folder here.</source>
            <translation>FLUXDESK_HOME معيّن ({folder})، لذا فالمكتبة هناك ولا يُستخدم هذا الإعداد؛ ألغِ تعيينه لتختار المجلد من هنا.</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Set by ${variable}</source>
            <translation>معيّن عبر ${variable}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>${variable} holds a key, and it wins over the saved one.</source>
            <translation>يحمل ${variable} مفتاحًا، وله الأولوية على المفتاح المحفوظ.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>A key is saved (hidden). Type a new one to replace it.</source>
            <translation>يوجد مفتاح محفوظ (مخفي). اكتب مفتاحًا جديدًا لاستبداله.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The key is kept {where}.</source>
            <translation>يُحفظ المفتاح {where}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No key: fluxdesk runs in demo mode</source>
            <translation>لا مفتاح: يعمل fluxdesk في الوضع التجريبي</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Library folder</source>
            <translation>مجلد المكتبة</translation>
        </message>
        <message>
            <location line="+15" />
            <source>The API address must start with https:// (plain http only to this computer).</source>
            <translation>يجب أن يبدأ عنوان API بـ https:// (ولا يُسمح بـ http العادي إلا لهذا الحاسوب).</translation>
        </message>
        <message>
            <location line="+36" />
            <source>The settings could not be saved ({reason}).</source>
            <translation>تعذّر حفظ الإعدادات ({reason}).</translation>
        </message>
        <message>
            <location line="+35" />
            <source>The key could not be saved ({reason}).</source>
            <translation>تعذّر حفظ المفتاح ({reason}).</translation>
        </message>
    </context>
    <context>
        <name>SizeField</name>
        <message>
            <location filename="../compose/number_fields.py" line="+140" />
            <source>Match the input image</source>
            <translation>طابِق الصورة المُدخلة</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Send no size: the provider keeps the input image's size (without one, the default applies)</source>
            <translation>لا تُرسل حجمًا: يحتفظ المزوّد بحجم الصورة المُدخلة (ومن دونها يُطبَّق الحجم الافتراضي)</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Custom</source>
            <translation>مخصّص</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Aspect ratio: snaps width and height to allowed multiples</source>
            <translation>نسبة الأبعاد: تضبط العرض والارتفاع على المضاعفات المسموح بها</translation>
        </message>
    </context>
    <context>
        <name>Stage</name>
        <message>
            <location filename="../stage/pane.py" line="+40" />
            <source>Paint over what Fill repaints</source>
            <translation>ارسم فوق ما يعيد «الملء» رسمه</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drag the image's edges outwards</source>
            <translation>اسحب حواف الصورة إلى الخارج</translation>
        </message>
        <message>
            <location line="+44" />
            <source>Result</source>
            <translation>النتيجة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Show the image chosen in the gallery</source>
            <translation>اعرض الصورة المختارة في المعرض</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Canvas</source>
            <translation>اللوحة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Back to the mask or the edges of the edit</source>
            <translation>عُد إلى القناع أو حواف التعديل</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Fit</source>
            <translation>ملاءمة</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Fit to the pane</source>
            <translation>لائم الصورة مع المساحة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Actual size</source>
            <translation>الحجم الفعلي</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Zoom out (Ctrl+wheel)</source>
            <translation>صغّر (Ctrl+عجلة الفأرة)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Zoom in (Ctrl+wheel)</source>
            <translation>كبّر (Ctrl+عجلة الفأرة)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Edit…</source>
            <translation>عدّل…</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Edit this image (E in the gallery)</source>
            <translation>عدّل هذه الصورة (E في المعرض)</translation>
        </message>
        <message>
            <location line="+57" />
            <source>Select an image to see it large; new results show here as they arrive.</source>
            <translation>حدّد صورة لرؤيتها بحجم كبير؛ تظهر النتائج الجديدة هنا فور وصولها.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Large view</source>
            <translation>العرض الكبير</translation>
        </message>
        <message>
            <location line="+4" />
            <source>(no prompt)</source>
            <translation>(بلا وصف)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Edit, beside the image it was made from · {prompt}</source>
            <translation>تعديل، بجانب الصورة التي صُنع منها · {prompt}</translation>
        </message>
        <message>
            <location line="+60" />
            <source>Fit ({zoom})</source>
            <translation>ملاءمة ({zoom})</translation>
        </message>
        <message>
            <location line="+16" />
            <source>{model}  ·  seed {seed}  ·  {size}</source>
            <translation>{model}  ·  البذرة {seed}  ·  {size}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Edit</source>
            <translation>التعديل</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Made from</source>
            <translation>الأصل</translation>
        </message>
        <message>
            <location line="+8" />
            <source>This image has no file.</source>
            <translation>لا ملف لهذه الصورة.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Loading…</source>
            <translation>جارٍ التحميل…</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Could not read {name}.</source>
            <translation>تعذّرت قراءة {name}.</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../main_window.py" line="-286" />
            <source>Connecting…</source>
            <translation>جارٍ الاتصال…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fluxdesk is reading the key and starting its engine; type and browse meanwhile.</source>
            <translation>يقرأ fluxdesk المفتاح ويشغّل محرّكه؛ يمكنك الكتابة والتصفح في أثناء ذلك.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Not connected</source>
            <translation>غير متصل</translation>
        </message>
    </context>
    <context>
        <name>Tasks</name>
        <message>
            <location filename="../tasks.py" line="+68" />
            <source>Something went wrong ({kind}): {reason}</source>
            <translation>حدث خطأ ما ({kind}): {reason}</translation>
        </message>
    </context>
    <context>
        <name>Trash</name>
        <message>
            <location filename="../gallery/trash.py" line="+34" />
            <source>Undo delete</source>
            <translation>تراجع عن الحذف</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Moved 1 image to the trash. Press Ctrl+Z to undo.</source>
            <translation>نُقلت صورة واحدة إلى سلة المهملات. اضغط Ctrl+Z للتراجع.</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Moved %n images to the trash. Press Ctrl+Z to undo.</source>
            <translation>
                <numerusform>لم تُنقل أي صورة إلى سلة المهملات.</numerusform>
                <numerusform>نُقلت صورة واحدة إلى سلة المهملات. اضغط Ctrl+Z للتراجع.</numerusform>
                <numerusform>نُقلت صورتان إلى سلة المهملات. اضغط Ctrl+Z للتراجع.</numerusform>
                <numerusform>نُقلت %n صور إلى سلة المهملات. اضغط Ctrl+Z للتراجع.</numerusform>
                <numerusform>نُقلت %n صورة إلى سلة المهملات. اضغط Ctrl+Z للتراجع.</numerusform>
                <numerusform>نُقلت %n صورة إلى سلة المهملات. اضغط Ctrl+Z للتراجع.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+15" />
            <source>Nothing to undo.</source>
            <translation>لا شيء للتراجع عنه.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Restored 1 image.</source>
            <translation>استُعيدت صورة واحدة.</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Restored %n images.</source>
            <translation>
                <numerusform>لم تُستعد أي صورة.</numerusform>
                <numerusform>استُعيدت صورة واحدة.</numerusform>
                <numerusform>استُعيدت صورتان.</numerusform>
                <numerusform>استُعيدت %n صور.</numerusform>
                <numerusform>استُعيدت %n صورة.</numerusform>
                <numerusform>استُعيدت %n صورة.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+5" />
            <source>Empty the trash</source>
            <translation>إفراغ سلة المهملات</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete every image in the trash from the disk? This cannot be undone.</source>
            <translation>أتريد حذف كل صور سلة المهملات من القرص؟ لا يمكن التراجع عن ذلك.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Empty trash</source>
            <translation>أفرغ السلة</translation>
        </message>
        <message>
            <location line="+16" />
            <source>The trash was already empty.</source>
            <translation>سلة المهملات فارغة أصلًا.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Deleted 1 image for good.</source>
            <translation>حُذفت صورة واحدة نهائيًا.</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Deleted %n images for good.</source>
            <translation>
                <numerusform>لم تُحذف أي صورة.</numerusform>
                <numerusform>حُذفت صورة واحدة نهائيًا.</numerusform>
                <numerusform>حُذفت صورتان نهائيًا.</numerusform>
                <numerusform>حُذفت %n صور نهائيًا.</numerusform>
                <numerusform>حُذفت %n صورة نهائيًا.</numerusform>
                <numerusform>حُذفت %n صورة نهائيًا.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Viewer</name>
        <message>
            <location filename="../viewer/window.py" line="+96" />
            <source>Previous image (Left)</source>
            <translation>الصورة السابقة (السهم الأيسر)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next image (Right)</source>
            <translation>الصورة التالية (السهم الأيمن)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fit to the window ({key})</source>
            <translation>ملاءمة مع النافذة ({key})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fit</source>
            <translation>ملاءمة</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Actual size ({key})</source>
            <translation>الحجم الفعلي ({key})</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Zoom out (-, Ctrl+wheel)</source>
            <translation>صغّر (-، Ctrl+عجلة الفأرة)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Zoom in (+, Ctrl+wheel)</source>
            <translation>كبّر (+، Ctrl+عجلة الفأرة)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Edit…</source>
            <translation>عدّل…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Edit this image: change it with words, a mask or new borders</source>
            <translation>عدّل هذه الصورة: غيّرها بالكلمات أو بقناع أو بحواف جديدة</translation>
        </message>
        <message>
            <location line="+91" />
            <source>Compare — {before} | {after}</source>
            <translation>مقارنة — {before} | {after}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>{number}/{count} — {prompt}</source>
            <translation>{number}/{count} — {prompt}</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Loading…</source>
            <translation>جارٍ التحميل…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{model}  ·  seed {seed}  ·  {size}</source>
            <translation>{model}  ·  البذرة {seed}  ·  {size}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This image has no file.</source>
            <translation>لا ملف لهذه الصورة.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Could not read {name}.</source>
            <translation>تعذّرت قراءة {name}.</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Fit ({zoom})</source>
            <translation>ملاءمة ({zoom})</translation>
        </message>
    </context>
</TS>
