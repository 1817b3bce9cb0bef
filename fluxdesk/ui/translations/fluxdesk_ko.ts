<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
    <context>
        <name>About</name>
        <message>
            <location filename="../dialogs/about.py" line="+46" />
            <source>&lt;p&gt;fluxdesk uses &lt;b&gt;Qt {qt}&lt;/b&gt; through &lt;b&gt;PySide6 {pyside}&lt;/b&gt; (Qt for Python), used under the &lt;a href="{lgpl}"&gt;GNU Lesser General Public License v3&lt;/a&gt; (LGPL-3.0-only). Qt and PySide6 are linked dynamically: they are separate shared libraries (here: &lt;code&gt;{libs}&lt;/code&gt;) that you may replace with your own build of a compatible version. Qt's source code is at &lt;a href="{source}"&gt;{source}&lt;/a&gt;; see also &lt;a href="{licensing}"&gt;Qt's LGPL obligations&lt;/a&gt;.&lt;/p&gt;</source>
            <translation>&lt;p&gt;fluxdesk는 &lt;b&gt;Qt {qt}&lt;/b&gt; 라이브러리를 &lt;b&gt;PySide6 {pyside}&lt;/b&gt;(Qt for Python) 바인딩으로 사용하며, 이는 &lt;a href="{lgpl}"&gt;GNU Lesser General Public License v3&lt;/a&gt;(LGPL-3.0-only)에 따른 사용이에요. Qt와 PySide6는 동적으로 링크돼요. 즉 별도의 공유 라이브러리(여기서는 &lt;code&gt;{libs}&lt;/code&gt;)이므로, 호환되는 버전을 직접 빌드해 바꿔 쓸 수 있어요. Qt의 소스 코드는 &lt;a href="{source}"&gt;{source}&lt;/a&gt;에 있어요. &lt;a href="{licensing}"&gt;Qt의 LGPL 의무 사항&lt;/a&gt;도 참고하세요.&lt;/p&gt;</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Package</source>
            <translation>패키지</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Version</source>
            <translation>버전</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Licence</source>
            <translation>라이선스</translation>
        </message>
        <message>
            <location line="+1" />
            <source>What it is</source>
            <translation>설명</translation>
        </message>
        <message>
            <location line="+9" />
            <source>About {app}</source>
            <translation>{app} 정보</translation>
        </message>
        <message>
            <location line="+6" />
            <source>A desktop studio for making images with the Flux models.</source>
            <translation>Flux 모델로 이미지를 만드는 데스크톱 스튜디오예요.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>&lt;p&gt;&lt;b&gt;Library:&lt;/b&gt; {library}&lt;br&gt;&lt;b&gt;Thumbnails:&lt;/b&gt; {thumbnails}&lt;br&gt;&lt;b&gt;Settings:&lt;/b&gt; {settings}&lt;br&gt;&lt;b&gt;Log:&lt;/b&gt; {log}&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;라이브러리:&lt;/b&gt; {library}&lt;br&gt;&lt;b&gt;썸네일:&lt;/b&gt; {thumbnails}&lt;br&gt;&lt;b&gt;설정:&lt;/b&gt; {settings}&lt;br&gt;&lt;b&gt;로그:&lt;/b&gt; {log}&lt;/p&gt;</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Copyright (c) 2026 the fluxdesk authors</source>
            <translation>Copyright (c) 2026 fluxdesk 개발자</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;p&gt;&lt;b&gt;Licence:&lt;/b&gt; {licence}. {copyright}. fluxdesk is free software: see the Licence tab for its terms and Third-party for what it runs on.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;라이선스:&lt;/b&gt; {licence}. {copyright}. fluxdesk는 자유 소프트웨어예요. 사용 조건은 라이선스 탭에서, fluxdesk가 기반으로 하는 구성 요소는 서드파티 탭에서 확인하세요.&lt;/p&gt;</translation>
        </message>
        <message>
            <location line="+8" />
            <source>{licence} licence. {copyright}.</source>
            <translation>{licence} 라이선스. {copyright}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reading the installed packages…</source>
            <translation>설치된 패키지를 읽는 중…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;About</source>
            <translation>정보(&amp;A)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Licence</source>
            <translation>라이선스(&amp;L)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Third-party</source>
            <translation>서드파티(&amp;T)</translation>
        </message>
        <message>
            <location line="+24" />
            <source>&lt;p&gt;fluxdesk's runtime dependencies, as installed here (from their own metadata):&lt;/p&gt;</source>
            <translation>&lt;p&gt;이 컴퓨터에 설치된 fluxdesk의 런타임 의존성이에요 (각 패키지의 메타데이터 기준):&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <location filename="../app.py" line="+229" />
            <source>{problem} Until a key that works is saved in Settings, fluxdesk runs in demo mode.</source>
            <translation>{problem} 작동하는 키를 설정에 저장할 때까지 fluxdesk는 데모 모드로 실행돼요.</translation>
        </message>
        <message>
            <location line="+166" />
            <source>fluxdesk could not connect: {error} Quit and start it again; the log has details.</source>
            <translation>fluxdesk가 연결하지 못했어요: {error} 종료한 뒤 다시 시작하세요. 자세한 내용은 로그에 있어요.</translation>
        </message>
    </context>
    <context>
        <name>Canvas</name>
        <message>
            <location filename="../viewer/canvas.py" line="+71" />
            <source>Paint mask</source>
            <translation>마스크 칠하기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Paint what Fill repaints</source>
            <translation>채우기로 다시 그릴 부분 칠하기</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Expand</source>
            <translation>확장</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drag the edges outwards for Expand</source>
            <translation>확장하려면 가장자리를 바깥으로 끌기</translation>
        </message>
    </context>
    <context>
        <name>CanvasBinding</name>
        <message>
            <location filename="../stage/canvas_binding.py" line="+122" />
            <source>The image is a link: fluxdesk does not fetch it, so there is nothing to paint on here.</source>
            <translation>이 이미지는 링크예요. fluxdesk는 링크를 내려받지 않아서 여기에서 칠할 수 없어요.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Loading…</source>
            <translation>불러오는 중…</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Could not read {name}.</source>
            <translation>{name} 파일을 읽을 수 없어요.</translation>
        </message>
    </context>
    <context>
        <name>CanvasTools</name>
        <message>
            <location filename="../viewer/canvas_tools.py" line="+52" />
            <source>Brush</source>
            <translation>브러시</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Paint what is to be repainted (B)</source>
            <translation>다시 그릴 부분 칠하기 (B)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Eraser</source>
            <translation>지우개</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Erase from the mask (X swaps)</source>
            <translation>마스크에서 지우기 (X로 전환)</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Size</source>
            <translation>크기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Brush diameter in image pixels ([ and ])</source>
            <translation>브러시 지름, 이미지 픽셀 단위 ([ 및 ])</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Hardness</source>
            <translation>경도</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Hardness: 100% is a crisp edge, less fades it out</source>
            <translation>경도: 100%면 가장자리가 선명하고, 낮을수록 흐려져요</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Show mask</source>
            <translation>마스크 표시</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show or hide the mask (H)</source>
            <translation>마스크 표시/숨기기 (H)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Invert</source>
            <translation>반전</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Repaint what is not painted, keep what is (Ctrl+I)</source>
            <translation>칠하지 않은 부분을 다시 그리고 칠한 부분은 유지 (Ctrl+I)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Clear</source>
            <translation>지우기</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Clear the mask (Delete)</source>
            <translation>마스크 지우기 (Delete)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Undo</source>
            <translation>실행 취소</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Undo the last stroke (Ctrl+Z)</source>
            <translation>마지막 획 실행 취소 (Ctrl+Z)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Redo</source>
            <translation>다시 실행</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Redo (Ctrl+Shift+Z or Ctrl+Y)</source>
            <translation>다시 실행 (Ctrl+Shift+Z 또는 Ctrl+Y)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Nothing painted</source>
            <translation>칠한 부분 없음</translation>
        </message>
        <message>
            <location line="+50" />
            <source>Reset</source>
            <translation>초기화</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Add nothing on any side</source>
            <translation>어느 방향에도 추가하지 않기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The expanded image's size</source>
            <translation>확장된 이미지 크기</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Top</source>
            <translation>위</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Right</source>
            <translation>오른쪽</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bottom</source>
            <translation>아래</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Left</source>
            <translation>왼쪽</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Pixels to add at the top ({minimum}..{maximum})</source>
            <translation>위쪽에 추가할 픽셀 ({minimum}..{maximum})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pixels to add at the right ({minimum}..{maximum})</source>
            <translation>오른쪽에 추가할 픽셀 ({minimum}..{maximum})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pixels to add at the bottom ({minimum}..{maximum})</source>
            <translation>아래쪽에 추가할 픽셀 ({minimum}..{maximum})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pixels to add at the left ({minimum}..{maximum})</source>
            <translation>왼쪽에 추가할 픽셀 ({minimum}..{maximum})</translation>
        </message>
    </context>
    <context>
        <name>ChoiceFields</name>
        <message>
            <location filename="../compose/choice_fields.py" line="+38" />
            <source>auto</source>
            <translation>자동</translation>
        </message>
    </context>
    <context>
        <name>Compare</name>
        <message>
            <location filename="../viewer/compare_parent.py" line="+25" />
            <source>This image was not made from another one, so there is nothing to compare it with.</source>
            <translation>이 이미지는 다른 이미지로 만든 것이 아니라서 비교할 대상이 없어요.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The image this one was made from is no longer in the library.</source>
            <translation>이 이미지의 원본 이미지가 더 이상 라이브러리에 없어요.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Select an image first.</source>
            <translation>먼저 이미지를 선택하세요.</translation>
        </message>
    </context>
    <context>
        <name>Compose</name>
        <message>
            <location filename="../compose/room.py" line="+32" />
            <location line="+44" />
            <source>Generate</source>
            <translation>생성</translation>
        </message>
        <message>
            <location line="-43" />
            <source>Generate {count}</source>
            <translation>{count}개 생성</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{action} · ≈ {credits} credits</source>
            <translation>{action} · ≈ {credits} 크레딧</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{action} · ≥ {credits} credits</source>
            <translation>{action} · ≥ {credits} 크레딧</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Make images from the prompt</source>
            <translation>프롬프트로 이미지 생성</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Prompt</source>
            <translation>프롬프트</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <location line="+71" />
            <source>Wait until the image is read.</source>
            <translation>이미지를 다 읽을 때까지 기다려 주세요.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Fix the marked fields first; nothing was sent.</source>
            <translation>표시된 항목을 먼저 고쳐 주세요. 아무것도 보내지 않았어요.</translation>
        </message>
    </context>
    <context>
        <name>DemoBanner</name>
        <message>
            <location filename="../demo_banner.py" line="+19" />
            <source>Demo mode: images are synthetic, made by the built-in simulator. Add an API key for real ones.</source>
            <translation>데모 모드: 이미지는 내장 시뮬레이터가 만든 합성 이미지예요. 실제 이미지를 만들려면 API 키를 추가하세요.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Enter API key…</source>
            <translation>API 키 입력…</translation>
        </message>
    </context>
    <context>
        <name>Details</name>
        <message>
            <location filename="../details/panel.py" line="+54" />
            <source>library image {id}</source>
            <translation>라이브러리 이미지 {id}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>(image)</source>
            <translation>(이미지)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Yes</source>
            <translation>예</translation>
        </message>
        <message>
            <location line="+0" />
            <source>No</source>
            <translation>아니요</translation>
        </message>
        <message>
            <location line="+5" />
            <source>(data)</source>
            <translation>(데이터)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Not reported by the provider</source>
            <translation>제공업체가 알려 주지 않음</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{credits} credits ({dollars})</source>
            <translation>{credits} 크레딧 ({dollars})</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{credits} credits</source>
            <translation>{credits} 크레딧</translation>
        </message>
        <message>
            <location line="+8" />
            <source>in {megapixels}</source>
            <translation>입력 {megapixels}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>out {megapixels}</source>
            <translation>출력 {megapixels}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>{seconds} s</source>
            <translation>{seconds}초</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{minutes} min {seconds} s</source>
            <translation>{minutes}분 {seconds}초</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Details</source>
            <translation>세부 정보</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Select an image to see how it was made.</source>
            <translation>이미지를 선택하면 어떻게 만들어졌는지 보여요.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Use this prompt</source>
            <translation>이 프롬프트 사용</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put the provider's prompt in the editor</source>
            <translation>제공업체의 프롬프트를 편집기에 넣기</translation>
        </message>
        <message>
            <location line="+11" />
            <source>What the provider said it charged</source>
            <translation>제공업체가 알려 준 청구액</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Megapixels (of 2^20 pixels) the provider counted: input and output</source>
            <translation>제공업체가 집계한 메가픽셀(2^20 픽셀 단위): 입력과 출력</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Copy</source>
            <translation>복사</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copy the seed to the clipboard</source>
            <translation>시드를 클립보드에 복사</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The images this one was made from; click one to select it</source>
            <translation>이 이미지의 원본 이미지예요. 클릭하면 선택돼요</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The images made from this one; click one to select it</source>
            <translation>이 이미지로 만든 이미지예요. 클릭하면 선택돼요</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Prompt</source>
            <translation>프롬프트</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Provider's prompt</source>
            <translation>제공업체 프롬프트</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Provider's seed</source>
            <translation>제공업체 시드</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Size</source>
            <translation>크기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>File type</source>
            <translation>파일 형식</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cost</source>
            <translation>비용</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Megapixels</source>
            <translation>메가픽셀</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Time taken</source>
            <translation>소요 시간</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Created</source>
            <translation>생성 일시</translation>
        </message>
        <message>
            <location line="+1" />
            <source>File</source>
            <translation>파일</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Made from</source>
            <translation>원본 이미지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Edits of this image</source>
            <translation>이 이미지의 편집본</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Edit…</source>
            <translation>편집…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Change this image with words, a mask or new borders (E in the gallery)</source>
            <translation>설명, 마스크 또는 새 테두리로 이 이미지 바꾸기 (갤러리에서 E)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Use these settings</source>
            <translation>이 설정 사용</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put this image's prompt, model and parameters in the editor</source>
            <translation>이 이미지의 프롬프트, 모델, 매개변수를 편집기에 넣기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Generate variations</source>
            <translation>변형 생성</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Same prompt and settings with new seeds</source>
            <translation>같은 프롬프트와 설정에 새 시드로 생성</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export…</source>
            <translation>내보내기…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export this image with its metadata</source>
            <translation>이 이미지를 메타데이터와 함께 내보내기</translation>
        </message>
        <message>
            <location line="+74" />
            <source>{width} × {height} (asked)</source>
            <translation>{width} × {height} (요청값)</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Imported from {origin}</source>
            <translation>가져온 곳: {origin}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Imported from a file</source>
            <translation>파일에서 가져옴</translation>
        </message>
    </context>
    <context>
        <name>EditFlow</name>
        <message>
            <location filename="../edit_flow.py" line="+71" />
            <source>This image has no file, so it cannot be edited.</source>
            <translation>이 이미지에는 파일이 없어서 편집할 수 없어요.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Editing the image with {model}: describe the change (the old prompt is in Recent prompts).</source>
            <translation>{model} 모델로 이미지를 편집해요. 바꿀 내용을 설명해 주세요 (이전 프롬프트는 최근 프롬프트에 있어요).</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Choose the image first (E on an image in the gallery edits it).</source>
            <translation>먼저 이미지를 고르세요 (갤러리에서 이미지를 선택하고 E를 누르면 편집해요).</translation>
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
            <translation>전체: 프롬프트와 모든 매개변수</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Minimal: only the AI-generated label</source>
            <translation>최소: AI 생성 표시만</translation>
        </message>
        <message>
            <location line="+1" />
            <source>None: strip everything</source>
            <translation>없음: 모두 제거</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Export 1 image</source>
            <translation>이미지 1개 내보내기</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Export %n images</source>
            <translation>
                <numerusform>이미지 %n개 내보내기</numerusform>
            </translation>
        </message>
        <message>
            <location line="+13" />
            <source>Browse…</source>
            <translation>찾아보기…</translation>
        </message>
        <message>
            <location line="+10" />
            <source>original</source>
            <comment>format: each file as it is</comment>
            <translation>원본 그대로</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Lossless (WebP)</source>
            <translation>무손실 (WebP)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No limit</source>
            <translation>제한 없음</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Fields: {fields}</source>
            <translation>사용할 수 있는 필드: {fields}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Also write a .json file with the settings beside each image</source>
            <translation>각 이미지 옆에 설정을 담은 .json 파일도 저장</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Folder</source>
            <translation>폴더</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Format</source>
            <translation>형식</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Quality</source>
            <translation>품질</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Longest side</source>
            <translation>긴 변</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Names</source>
            <translation>파일 이름</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Metadata</source>
            <translation>메타데이터</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Export</source>
            <translation>내보내기</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+98" />
            <source>Cancel</source>
            <translation>취소</translation>
        </message>
        <message>
            <location line="-32" />
            <source>First file: {name}</source>
            <translation>첫 파일: {name}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Export to folder</source>
            <translation>내보낼 폴더</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Exporting…</source>
            <translation>내보내는 중…</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Close</source>
            <translation>닫기</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Cancelling after the current file…</source>
            <translation>현재 파일을 마친 뒤 취소하는 중…</translation>
        </message>
    </context>
    <context>
        <name>Fonts</name>
        <message>
            <location filename="../locale_fonts.py" line="+32" />
            <source>Arabic</source>
            <translation>아랍어</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Korean</source>
            <translation>한국어</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Chinese and Japanese</source>
            <translation>중국어와 일본어</translation>
        </message>
        <message>
            <location line="+7" />
            <source>No installed font can show {script} text, so it is drawn as boxes: install {debian} (Debian, Ubuntu) or {fedora} (Fedora), then restart fluxdesk.</source>
            <translation>설치된 글꼴 중에 {script} 글자를 표시할 수 있는 글꼴이 없어서 네모로 보여요. {debian} 패키지(Debian, Ubuntu) 또는 {fedora} 패키지(Fedora)를 설치한 뒤 fluxdesk를 다시 시작하세요.</translation>
        </message>
    </context>
    <context>
        <name>Gallery</name>
        <message>
            <location filename="../gallery/bar.py" line="+36" />
            <source>Newest first</source>
            <translation>최신순</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Oldest first</source>
            <translation>오래된 순</translation>
        </message>
        <message>
            <location line="+1" />
            <source>By prompt</source>
            <translation>프롬프트순</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Any time</source>
            <translation>전체 기간</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Today</source>
            <translation>오늘</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last 7 days</source>
            <translation>최근 7일</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last 30 days</source>
            <translation>최근 30일</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This year</source>
            <translation>올해</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Search prompts…</source>
            <translation>프롬프트 검색…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search the prompts of every image: every word must match, also inside a longer word</source>
            <translation>모든 이미지의 프롬프트 검색: 모든 단어가 일치해야 하며, 더 긴 단어의 일부여도 돼요</translation>
        </message>
        <message>
            <location line="+7" />
            <source>All models</source>
            <translation>모든 모델</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show images of one model only</source>
            <translation>한 모델의 이미지만 보기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Show images made in this period only</source>
            <translation>이 기간에 만든 이미지만 보기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>★ Favorites</source>
            <translation>★ 즐겨찾기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show favorites only</source>
            <translation>즐겨찾기만 보기</translation>
        </message>
        <message>
            <location line="+2" />
            <location filename="../gallery/delegate.py" line="+115" />
            <source>Trash</source>
            <translation>휴지통</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Show the images in the trash (restore them, or empty the trash)</source>
            <translation>휴지통의 이미지 보기 (복원하거나 휴지통 비우기)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Order of the gallery</source>
            <translation>갤러리 정렬 순서</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Showing one image's family: click to show every image again</source>
            <translation>이미지 하나의 계보만 보는 중이에요. 클릭하면 모든 이미지를 다시 보여요</translation>
        </message>
        <message>
            <location line="+96" />
            <source>Family of {id}  ✕</source>
            <translation>계보: {id}  ✕</translation>
        </message>
        <message>
            <location line="+26" />
            <source>The trash is empty.</source>
            <translation>휴지통이 비어 있어요.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No match</source>
            <translation>일치하는 이미지 없음</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No images yet</source>
            <translation>아직 이미지 없음</translation>
        </message>
        <message>
            <location line="+2" />
            <source>1 image</source>
            <translation>이미지 1개</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n images</source>
            <translation>
                <numerusform>이미지 %n개</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../gallery/panel.py" line="+241" />
            <source>That image is not shown in the gallery (it may be in the trash).</source>
            <translation>그 이미지는 갤러리에 보이지 않아요 (휴지통에 있을 수 있어요).</translation>
        </message>
    </context>
    <context>
        <name>GalleryMenu</name>
        <message>
            <location filename="../gallery/menu.py" line="+47" />
            <source>Use these settings</source>
            <translation>이 설정 사용</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Edit…</source>
            <translation>편집…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Vary seed</source>
            <translation>새 시드로 변형</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Copy prompt</source>
            <translation>프롬프트 복사</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Copy seed</source>
            <translation>시드 복사</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Copy image</source>
            <translation>이미지 복사</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Favorite</source>
            <translation>즐겨찾기</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Reveal in folder</source>
            <translation>폴더에서 보기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open</source>
            <translation>열기</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Compare side by side</source>
            <translation>나란히 비교</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Compare with parent</source>
            <translation>원본 이미지와 비교</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show family</source>
            <translation>계보 보기</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Export…</source>
            <translation>내보내기…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Restore</source>
            <translation>복원</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Restore %n images</source>
            <translation>
                <numerusform>이미지 %n개 복원</numerusform>
            </translation>
        </message>
        <message>
            <location line="+3" />
            <source>Empty trash…</source>
            <translation>휴지통 비우기…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Delete</source>
            <translation>삭제</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Delete %n images</source>
            <translation>
                <numerusform>이미지 %n개 삭제</numerusform>
            </translation>
        </message>
        <message>
            <location line="+15" />
            <source>Select an image to edit first.</source>
            <translation>먼저 편집할 이미지를 선택하세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This image has no file, so it cannot be edited.</source>
            <translation>이 이미지에는 파일이 없어서 편집할 수 없어요.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Copied to the clipboard.</source>
            <translation>클립보드에 복사했어요.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Could not read {file}.</source>
            <translation>{file} 파일을 읽을 수 없어요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Image copied to the clipboard.</source>
            <translation>이미지를 클립보드에 복사했어요.</translation>
        </message>
    </context>
    <context>
        <name>ImageField</name>
        <message>
            <location filename="../compose/image_field.py" line="+30" />
            <source>Images ({patterns})</source>
            <translation>이미지 ({patterns})</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Drop an image file here, or choose one.</source>
            <translation>이미지 파일을 여기에 끌어다 놓거나 선택하세요.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Choose…</source>
            <translation>선택…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Choose the {image} from a file</source>
            <translation>파일에서 {image} 선택</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Remove the {image}</source>
            <translation>{image} 제거</translation>
        </message>
        <message>
            <location line="+31" />
            <source>drop
image</source>
            <translation>이미지
놓기</translation>
        </message>
        <message>
            <location line="+0" />
            <source>No image</source>
            <translation>이미지 없음</translation>
        </message>
        <message>
            <location line="+2" />
            <source>link</source>
            <translation>링크</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reading {name}…</source>
            <translation>{name} 읽는 중…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>an image</source>
            <translation>이미지</translation>
        </message>
        <message>
            <location line="+3" />
            <source>an image (no preview)</source>
            <translation>이미지 (미리 보기 없음)</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Choose the {image}</source>
            <translation>{image} 선택</translation>
        </message>
    </context>
    <context>
        <name>LibraryBanner</name>
        <message>
            <location filename="../library_banner.py" line="+45" />
            <source>Rebuild library…</source>
            <translation>라이브러리 재구성…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Recreate the history from the images folder; the old database is kept aside</source>
            <translation>이미지 폴더로 기록을 다시 만들어요. 기존 데이터베이스는 따로 보관돼요</translation>
        </message>
        <message>
            <location line="+46" />
            <source>Checking the library (every image is read once)…</source>
            <translation>라이브러리 검사 중 (모든 이미지를 한 번씩 읽어요)…</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Library check</source>
            <translation>라이브러리 검사</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The library check found problems: {problems}</source>
            <translation>라이브러리 검사에서 문제를 찾았어요: {problems}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Rebuild library</source>
            <translation>라이브러리 재구성</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recreate the history from the images folder?</source>
            <translation>이미지 폴더로 기록을 다시 만들까요?</translation>
        </message>
        <message>
            <location line="+3" />
            <source>A fresh database is built from what can still be read of the current one and from each image's sidecar; the current database is kept aside, nothing is deleted.</source>
            <translation>현재 데이터베이스에서 아직 읽을 수 있는 내용과 각 이미지의 사이드카 파일로 새 데이터베이스를 만들어요. 현재 데이터베이스는 따로 보관되고, 아무것도 삭제되지 않아요.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Rebuild</source>
            <translation>재구성</translation>
        </message>
        <message>
            <location line="+12" />
            <location line="+69" />
            <source>Rebuilding the history from the images folder…</source>
            <translation>이미지 폴더로 기록을 다시 만드는 중…</translation>
        </message>
        <message>
            <location line="-64" />
            <location line="+69" />
            <source>The rebuild did not work: {reason}</source>
            <translation>재구성하지 못했어요: {reason}</translation>
        </message>
        <message>
            <location line="-48" />
            <source>fluxdesk: the library cannot be opened</source>
            <translation>fluxdesk: 라이브러리를 열 수 없어요</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The details are in the log file: {path}.</source>
            <translation>자세한 내용은 로그 파일에 있어요: {path}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Try again</source>
            <translation>다시 시도</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open log file</source>
            <translation>로그 파일 열기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Quit</source>
            <translation>종료</translation>
        </message>
    </context>
    <context>
        <name>LibraryMove</name>
        <message>
            <location filename="../library_move.py" line="+66" />
            <source>Library folder</source>
            <translation>라이브러리 폴더</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{folder} already holds a fluxdesk library. Use it from the next start? The library in {old} stays as it is.</source>
            <translation>{folder}에 이미 fluxdesk 라이브러리가 있어요. 다음에 시작할 때부터 이 라이브러리를 사용할까요? {old}의 라이브러리는 그대로 남아요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Use that library</source>
            <translation>그 라이브러리 사용(&amp;U)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Move the library from {old} to {folder}, copy it there, or start a new, empty library there? Moving or copying closes the window, copies every image and checks each copy, then opens the window again on the new folder.</source>
            <translation>{old}의 라이브러리를 {folder}에 옮길까요, 복사할까요, 아니면 그곳에서 비어 있는 새 라이브러리를 시작할까요? 옮기거나 복사하면 창이 닫히고, 모든 이미지를 복사해 사본을 하나하나 확인한 뒤 새 폴더로 창이 다시 열려요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Move it there</source>
            <translation>그곳으로 이동(&amp;M)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Copy it there</source>
            <translation>그곳에 복사(&amp;C)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Start an &amp;empty library</source>
            <translation>빈 라이브러리 시작(&amp;E)</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Some jobs were never sent: wait until they are, or discard them, then move or copy the library.</source>
            <translation>아직 전송되지 않은 작업이 있어요. 전송될 때까지 기다리거나 작업을 버린 뒤 라이브러리를 옮기거나 복사하세요.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The setting could not be saved ({reason}).</source>
            <translation>설정을 저장할 수 없어요 ({reason}).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>From the next start fluxdesk uses the library in {folder}; the one in {old} stays as it is.</source>
            <translation>다음에 시작할 때부터 fluxdesk는 {folder}의 라이브러리를 사용해요. {old}의 라이브러리는 그대로 남아요.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Moving the library</source>
            <translation>라이브러리 이동 중</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copying the library</source>
            <translation>라이브러리 복사 중</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copying {old} to {folder} and checking every file…</source>
            <translation>{old}의 내용을 {folder}에 복사하고 모든 파일을 확인하는 중…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Cancel</source>
            <translation>취소</translation>
        </message>
        <message>
            <location line="+36" />
            <source>{done} But the setting could not be saved ({reason}): choose {folder} in Settings.</source>
            <translation>{done} 하지만 설정을 저장할 수 없어요 ({reason}). 설정의 라이브러리 폴더에서 {folder} 폴더를 선택하세요.</translation>
        </message>
    </context>
    <context>
        <name>Lineage</name>
        <message>
            <location filename="../details/lineage.py" line="+37" />
            <source>Imported: {origin}</source>
            <translation>가져옴: {origin}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{prompt} · {model}</source>
            <translation>{prompt} · {model}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>(no prompt)</source>
            <translation>(프롬프트 없음)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{image} (in the trash)</source>
            <translation>{image} (휴지통에 있음)</translation>
        </message>
        <message numerus="yes">
            <location line="+55" />
            <source>+%n more</source>
            <translation>
                <numerusform>+%n개 더</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LogFile</name>
        <message>
            <location filename="../platform/logfile.py" line="+26" />
            <source>The log file {path} cannot be opened ({reason}).</source>
            <translation>로그 파일을 열 수 없어요: {path} ({reason}).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>No program opens the log file; it is {path}.</source>
            <translation>로그 파일을 열 프로그램이 없어요. 로그 파일 위치: {path}.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Opened the log file {path}.</source>
            <translation>로그 파일을 열었어요: {path}.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../main_window.py" line="+242" />
            <source>Demo (simulator)</source>
            <translation>데모 (시뮬레이터)</translation>
        </message>
        <message numerus="yes">
            <location line="+41" />
            <source>Following %n job(s) left from the last session.</source>
            <translation>
                <numerusform>지난 세션에서 남은 작업 %n개를 이어서 처리해요.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n job(s) run in another fluxdesk process; they are left to it.</source>
            <translation>
                <numerusform>작업 %n개가 다른 fluxdesk 프로세스에서 실행 중이라 그쪽에 맡겨요.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+113" />
            <source>Sent 1 image to {model}.</source>
            <translation>{model} 모델에 이미지 1개를 보냈어요.</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Sent %n images to {model}.</source>
            <translation>
                <numerusform>{model} 모델에 이미지 %n개를 보냈어요.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+7" />
            <source>Settings loaded from the selected image; its seed is locked (Random frees it).</source>
            <translation>선택한 이미지의 설정을 불러왔어요. 시드는 고정돼요 (무작위를 누르면 풀려요).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{model} is not a model fluxdesk knows any more.</source>
            <translation>{model} 모델은 이제 fluxdesk에서 지원하지 않아요.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>No variations: {reason}</source>
            <translation>변형을 만들 수 없어요: {reason}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The provider's prompt is in the editor.</source>
            <translation>제공업체의 프롬프트를 편집기에 넣었어요.</translation>
        </message>
        <message>
            <location line="+6" />
            <location line="+14" />
            <source>Select an image first.</source>
            <translation>먼저 이미지를 선택하세요.</translation>
        </message>
        <message>
            <location line="-7" />
            <source>Select an image to edit first.</source>
            <translation>먼저 편집할 이미지를 선택하세요.</translation>
        </message>
        <message>
            <location line="+54" />
            <source>Idle</source>
            <translation>실행 중인 작업 없음</translation>
        </message>
        <message>
            <location line="+7" />
            <source>{task} failed: {reason}</source>
            <translation>{task} 실패: {reason}</translation>
        </message>
        <message>
            <location filename="../window_dialogs.py" line="+77" />
            <source>Settings saved.</source>
            <translation>설정을 저장했어요.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Settings applied (demo mode).</source>
            <translation>설정을 적용했어요 (데모 모드).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Settings applied.</source>
            <translation>설정을 적용했어요.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Select the images to export first.</source>
            <translation>먼저 내보낼 이미지를 선택하세요.</translation>
        </message>
        <message>
            <location filename="../engine_gate.py" line="+40" />
            <source>Starting, one moment: this goes ahead as soon as fluxdesk is connected.</source>
            <translation>시작하는 중이에요. 잠시만 기다리세요. fluxdesk가 연결되는 대로 진행돼요.</translation>
        </message>
    </context>
    <context>
        <name>Menus</name>
        <message>
            <location filename="../window_actions.py" line="+29" />
            <location line="+201" />
            <source>&amp;Generate</source>
            <translation>생성(&amp;G)</translation>
        </message>
        <message>
            <location line="-199" />
            <location line="+172" />
            <source>Make images from the prompt</source>
            <translation>프롬프트로 이미지 생성</translation>
        </message>
        <message>
            <location line="-167" />
            <source>Generate &amp;variations</source>
            <translation>변형 생성(&amp;V)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>New seeds for the selected image's settings (batch count images)</source>
            <translation>선택한 이미지의 설정에 새 시드로 생성 (배치 수만큼)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Use these settings</source>
            <translation>이 설정 사용(&amp;U)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fill the prompt, model and parameters from the selected image</source>
            <translation>선택한 이미지의 프롬프트, 모델, 매개변수로 채우기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Edit selected image…</source>
            <translation>선택한 이미지 편집(&amp;E)…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Change the selected image with words, a mask or new borders (E in the gallery)</source>
            <translation>설명, 마스크 또는 새 테두리로 선택한 이미지 바꾸기 (갤러리에서 E)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Random seed</source>
            <translation>무작위 시드(&amp;R)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A new random seed for every batch</source>
            <translation>배치마다 새 무작위 시드 사용</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Lock seed</source>
            <translation>시드 고정(&amp;L)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Use the seed in the field for every batch</source>
            <translation>모든 배치에 입력란의 시드 사용</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Reuse &amp;last seed</source>
            <translation>마지막 시드 재사용(&amp;L)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Make the next batch from the last one's seed</source>
            <translation>다음 배치를 직전 배치의 시드로 생성</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Recent &amp;prompts…</source>
            <translation>최근 프롬프트(&amp;P)…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Choose one of the recent prompts</source>
            <translation>최근 프롬프트 중 하나 선택</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Settings…</source>
            <translation>설정(&amp;S)…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Provider, API key, library folder and defaults</source>
            <translation>제공업체, API 키, 라이브러리 폴더, 기본값</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Export selected…</source>
            <translation>선택 항목 내보내기(&amp;E)…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export the selected images</source>
            <translation>선택한 이미지 내보내기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Open settings from image…</source>
            <translation>이미지에서 설정 열기(&amp;O)…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fill the prompt and parameters from an image made by fluxdesk or carrying A1111 parameters (or drop the image on the window)</source>
            <translation>fluxdesk로 만들었거나 A1111 매개변수가 담긴 이미지에서 프롬프트와 매개변수 가져오기 (이미지를 창에 끌어다 놓아도 돼요)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Quit</source>
            <translation>종료(&amp;Q)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Quit fluxdesk (jobs in flight resume next start)</source>
            <translation>fluxdesk 종료 (진행 중인 작업은 다음에 시작할 때 재개)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Focus &amp;prompt</source>
            <translation>프롬프트로 이동(&amp;P)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put the cursor in the prompt</source>
            <translation>프롬프트에 커서 놓기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Choose &amp;model</source>
            <translation>모델 선택(&amp;M)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Open the model list</source>
            <translation>모델 목록 열기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Search the gallery</source>
            <translation>갤러리 검색(&amp;S)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search the prompts of every image</source>
            <translation>모든 이미지의 프롬프트 검색</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Focus &amp;queue</source>
            <translation>대기열로 이동(&amp;Q)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Move to the job list</source>
            <translation>작업 목록으로 이동</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Show &amp;details</source>
            <translation>세부 정보 표시(&amp;D)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show or hide the details panel</source>
            <translation>세부 정보 패널 표시/숨기기</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show q&amp;ueue</source>
            <translation>대기열 표시(&amp;U)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show or hide the queue</source>
            <translation>대기열 표시/숨기기</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show &amp;large view</source>
            <translation>큰 보기 표시(&amp;L)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show or hide the large view over the gallery</source>
            <translation>갤러리 위의 큰 보기 표시/숨기기</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show &amp;trash</source>
            <translation>휴지통 표시(&amp;T)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show the images in the trash (Del restores them)</source>
            <translation>휴지통의 이미지 보기 (Del 키로 복원)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Empty t&amp;rash…</source>
            <translation>휴지통 비우기(&amp;R)…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Delete the images in the trash from the disk</source>
            <translation>휴지통의 이미지를 디스크에서 삭제</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Reset layout</source>
            <translation>레이아웃 초기화(&amp;R)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put the panels back to their first sizes</source>
            <translation>패널을 처음 크기로 되돌리기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;About fluxdesk</source>
            <translation>fluxdesk 정보(&amp;A)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Version and where things are kept</source>
            <translation>버전과 데이터 보관 위치</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Open &amp;log file</source>
            <translation>로그 파일 열기(&amp;L)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>What fluxdesk did and what went wrong, with details</source>
            <translation>fluxdesk가 한 일과 발생한 문제의 자세한 기록</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Check library</source>
            <translation>라이브러리 검사(&amp;C)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Look for records without files, files without records and changed files</source>
            <translation>파일 없는 기록, 기록 없는 파일, 변경된 파일 찾기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Re&amp;build library…</source>
            <translation>라이브러리 재구성(&amp;B)…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Recreate the history from the images folder (the old database is kept)</source>
            <translation>이미지 폴더로 기록 다시 만들기 (기존 데이터베이스는 보관)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Open the settings to enter an API key</source>
            <translation>API 키를 입력할 수 있게 설정 열기</translation>
        </message>
        <message>
            <location line="+16" />
            <source>&amp;File</source>
            <translation>파일(&amp;F)</translation>
        </message>
        <message>
            <location line="+16" />
            <source>&amp;Queue</source>
            <translation>대기열(&amp;Q)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;View</source>
            <translation>보기(&amp;V)</translation>
        </message>
        <message>
            <location line="+12" />
            <source>&amp;Help</source>
            <translation>도움말(&amp;H)</translation>
        </message>
    </context>
    <context>
        <name>ModelPicker</name>
        <message>
            <location filename="../compose/model_picker.py" line="+26" />
            <source>The model that makes the image (Ctrl+M)</source>
            <translation>이미지를 만들 모델 (Ctrl+M)</translation>
        </message>
    </context>
    <context>
        <name>Money</name>
        <message>
            <location filename="../money.py" line="+120" />
            <source>Balance: unavailable</source>
            <translation>잔액: 확인 불가</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Balance: {amount} credits</source>
            <translation>잔액: {amount} 크레딧</translation>
        </message>
        <message>
            <location line="+3" />
            <source>${usd} at {provider}, as it said at {time}; updated after each batch</source>
            <translation>{provider} 기준 ${usd} ({time} 확인), 배치마다 갱신</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Spent today {today} · this month {month} credits</source>
            <translation>사용: 오늘 {today} · 이번 달 {month} 크레딧</translation>
        </message>
        <message>
            <location line="+3" />
            <source>What the provider reported charging, from the library</source>
            <translation>제공업체가 알려 준 청구액 (라이브러리 기록 기준)</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Nothing was sent.</source>
            <translation>아무것도 보내지 않았어요.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Send this batch?</source>
            <translation>이 배치를 보낼까요?</translation>
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <location filename="../platform/freedesktop.py" line="+106" />
            <source>Show</source>
            <translation>보기</translation>
        </message>
        <message numerus="yes">
            <location filename="../platform/notify.py" line="+46" />
            <source>%n images ready.</source>
            <translation>
                <numerusform>이미지 %n개가 준비됐어요.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>Your image is ready.</source>
            <translation>이미지가 준비됐어요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The batch of 1 image did not finish: see the queue.</source>
            <translation>이미지 1개 배치를 완료하지 못했어요. 대기열을 확인하세요.</translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>The batch of %n images did not finish: see the queue.</source>
            <translation>
                <numerusform>이미지 %n개 배치를 완료하지 못했어요. 대기열을 확인하세요.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>{done} of %n images ready; {failed} did not finish (see the queue).</source>
            <translation>
                <numerusform>이미지 %n개 중 {done}개가 준비됐고 {failed}개는 완료하지 못했어요 (대기열 참고).</numerusform>
            </translation>
        </message>
        <message>
            <location line="+196" />
            <source>The batch's images are in the gallery (clear the search to see them).</source>
            <translation>배치의 이미지는 갤러리에 있어요 (보려면 검색어를 지우세요).</translation>
        </message>
    </context>
    <context>
        <name>Parameters</name>
        <message>
            <location filename="../compose/param_panel.py" line="+112" />
            <source>How many images to make (1 to {most}): seeds s, s+1, ... from the seed of the first</source>
            <translation>만들 이미지 수 (1~{most}). 첫 이미지의 시드 s부터 s, s+1, ... 순서로 써요</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Batch</source>
            <translation>배치</translation>
        </message>
        <message>
            <location line="+38" />
            <source>Size</source>
            <translation>크기</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Width × height in pixels</source>
            <translation>너비 × 높이 (픽셀)</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Paint…</source>
            <translation>칠하기…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Paint the mask on the image</source>
            <translation>이미지에 마스크 칠하기</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Drag the image's edges outwards in the large view</source>
            <translation>큰 보기에서 이미지 가장자리를 바깥으로 끌기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drag the edges…</source>
            <translation>가장자리 끌기…</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Image and references</source>
            <translation>이미지와 참조</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Images</source>
            <translation>이미지</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The image to edit first, then references (image 1, image 2, … in the prompt)</source>
            <translation>편집할 이미지가 먼저, 그다음 참조 이미지 (프롬프트에서 image 1, image 2, …)</translation>
        </message>
        <message>
            <location line="+37" />
            <source>https://…  (off when empty)</source>
            <translation>https://…  (비우면 끔)</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Advanced · webhook on</source>
            <translation>고급 · 웹훅 켜짐</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Advanced</source>
            <translation>고급</translation>
        </message>
        <message>
            <location line="+52" />
            <source>The image keeps the input image's size ({width} × {height}); no size is sent.</source>
            <translation>입력 이미지 크기를 그대로 유지해요 ({width} × {height}). 크기는 보내지 않아요.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The image keeps the input image's size; no size is sent.</source>
            <translation>입력 이미지 크기를 그대로 유지해요. 크기는 보내지 않아요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No input image: {width} × {height}. With one, its size is kept.</source>
            <translation>입력 이미지 없음: {width} × {height}. 입력 이미지가 있으면 그 크기를 유지해요.</translation>
        </message>
    </context>
    <context>
        <name>PromptEditor</name>
        <message>
            <location filename="../compose/prompt_editor.py" line="+31" />
            <source>{change}… (Ctrl+Enter generates)</source>
            <translation>{change}… (Ctrl+Enter로 생성)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Describe the image… (Ctrl+Enter generates)</source>
            <translation>이미지를 설명하세요… (Ctrl+Enter로 생성)</translation>
        </message>
        <message>
            <location line="+35" />
            <source>The prompt (Ctrl+L to focus; Ctrl+Enter generates)</source>
            <translation>프롬프트 (Ctrl+L로 이동, Ctrl+Enter로 생성)</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Recent</source>
            <translation>최근</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recent prompts (Ctrl+Shift+P)</source>
            <translation>최근 프롬프트 (Ctrl+Shift+P)</translation>
        </message>
        <message numerus="yes">
            <location line="+54" />
            <source>{count} / %Ln characters</source>
            <translation>
                <numerusform>{count} / %Ln자</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%Ln characters</source>
            <translation>
                <numerusform>%Ln자</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Queue</name>
        <message>
            <location filename="../queue/model.py" line="+34" />
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Prompt</source>
            <translation>프롬프트</translation>
        </message>
        <message>
            <location line="+1" />
            <source>State</source>
            <translation>상태</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Elapsed</source>
            <translation>경과 시간</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cost</source>
            <translation>비용</translation>
        </message>
        <message numerus="yes">
            <location line="+63" />
            <source>%n running</source>
            <translation>
                <numerusform>%n개 실행 중</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n waiting</source>
            <translation>
                <numerusform>%n개 대기 중</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>{running}, {waiting}</source>
            <translation>{running}, {waiting}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>{amount} cr</source>
            <translation>{amount} 크레딧</translation>
        </message>
        <message>
            <location line="+65" />
            <source>Credits the provider said this job cost</source>
            <translation>제공업체가 알려 준 이 작업의 비용 (크레딧)</translation>
        </message>
        <message>
            <location filename="../queue/panel.py" line="+100" />
            <location line="+191" />
            <source>Queue</source>
            <translation>대기열</translation>
        </message>
        <message>
            <location line="-188" />
            <source>&amp;Cancel job</source>
            <translation>작업 취소(&amp;C)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Retry job</source>
            <translation>작업 다시 시도(&amp;R)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>C&amp;lear finished</source>
            <translation>끝난 작업 지우기(&amp;L)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Cancel the selected jobs</source>
            <translation>선택한 작업 취소</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Run the selected jobs again (same settings and seed)</source>
            <translation>선택한 작업 다시 실행 (같은 설정과 시드)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Remove finished jobs from the queue (the images stay in the library)</source>
            <translation>끝난 작업을 대기열에서 제거 (이미지는 라이브러리에 남아요)</translation>
        </message>
        <message>
            <location line="+103" />
            <source>This job may have reached the provider, so sending it again may bill it twice.</source>
            <translation>이 작업은 이미 제공업체에 도달했을 수 있어서, 다시 보내면 비용이 두 번 청구될 수 있어요.</translation>
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>These %n jobs may have reached the provider, so sending them again may bill them twice.</source>
            <translation>
                <numerusform>작업 %n개가 이미 제공업체에 도달했을 수 있어서, 다시 보내면 비용이 두 번 청구될 수 있어요.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+8" />
            <source>Send again?</source>
            <translation>다시 보낼까요?</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Send again</source>
            <translation>다시 보내기</translation>
        </message>
        <message>
            <location line="+55" />
            <source>Queue — {activity}</source>
            <translation>대기열 — {activity}</translation>
        </message>
    </context>
    <context>
        <name>QuitQuestion</name>
        <message>
            <location filename="../quit_question.py" line="+35" />
            <source>1 job was never sent, so nothing was charged for it; it is sent when fluxdesk starts again.</source>
            <translation>작업 1개는 아직 보내지 않아서 비용이 청구되지 않았어요. fluxdesk를 다시 시작하면 보내요.</translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n jobs were never sent, so nothing was charged for them; they are sent when fluxdesk starts again.</source>
            <translation>
                <numerusform>작업 %n개는 아직 보내지 않아서 비용이 청구되지 않았어요. fluxdesk를 다시 시작하면 보내요.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+9" />
            <source>Quit fluxdesk</source>
            <translation>fluxdesk 종료</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Quit</source>
            <translation>종료</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Discard and quit</source>
            <translation>버리고 종료</translation>
        </message>
    </context>
    <context>
        <name>Recall</name>
        <message>
            <location filename="../recall.py" line="+63" />
            <source>Open settings from an image</source>
            <translation>이미지에서 설정 열기</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Images ({patterns})</source>
            <translation>이미지 ({patterns})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fluxdesk sidecar ({patterns})</source>
            <translation>fluxdesk 사이드카 ({patterns})</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Could not read {name}: {reason}.</source>
            <translation>{name} 파일을 읽을 수 없어요: {reason}.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Settings of {name} taken from the library; its seed is locked (Random frees it).</source>
            <translation>라이브러리에서 {name} 파일의 설정을 가져왔어요. 시드는 고정돼요 (무작위를 누르면 풀려요).</translation>
        </message>
    </context>
    <context>
        <name>ReferenceStrip</name>
        <message>
            <location filename="../compose/reference_strip.py" line="+64" />
            <source>could not write {name}</source>
            <translation>{name} 파일을 쓸 수 없음</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Drop images from the gallery or files here; drag a thumbnail to reorder</source>
            <translation>갤러리의 이미지나 파일을 여기에 끌어다 놓으세요. 썸네일을 끌면 순서가 바뀌어요</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Add…</source>
            <translation>추가…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Add an image file</source>
            <translation>이미지 파일 추가</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Paste</source>
            <translation>붙여넣기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Add the image (or image file) on the clipboard</source>
            <translation>클립보드의 이미지(또는 이미지 파일) 추가</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Drop images
here</source>
            <translation>여기에
이미지 놓기</translation>
        </message>
        <message>
            <location line="+96" />
            <source>Add images</source>
            <translation>이미지 추가</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The clipboard holds no image.</source>
            <translation>클립보드에 이미지가 없어요.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The pasted image could not be kept: {reason}.</source>
            <translation>붙여넣은 이미지를 저장할 수 없어요: {reason}.</translation>
        </message>
    </context>
    <context>
        <name>ReferenceTile</name>
        <message>
            <location filename="../compose/reference_tile.py" line="+56" />
            <source>Image {number} of the prompt</source>
            <translation>프롬프트의 이미지 {number}</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Remove this image</source>
            <translation>이 이미지 제거</translation>
        </message>
        <message>
            <location line="+12" />
            <source>label</source>
            <translation>이름</translation>
        </message>
        <message>
            <location line="+2" />
            <source>An optional name for this image, kept with the draft</source>
            <translation>이 이미지의 이름 (선택 사항, 초안과 함께 보관)</translation>
        </message>
        <message>
            <location line="+22" />
            <source>cannot
read</source>
            <translation>읽을 수
없음</translation>
        </message>
        <message>
            <location line="+4" />
            <source>link</source>
            <translation>링크</translation>
        </message>
        <message>
            <location line="+2" />
            <source>image</source>
            <translation>이미지</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Drag to reorder</source>
            <translation>끌어서 순서 바꾸기</translation>
        </message>
    </context>
    <context>
        <name>SeedField</name>
        <message>
            <location filename="../compose/seed_field.py" line="+39" />
            <location line="+29" />
            <source>Random</source>
            <translation>무작위</translation>
        </message>
        <message>
            <location line="-26" />
            <source>A new random seed for every batch (Ctrl+Shift+R)</source>
            <translation>배치마다 새 무작위 시드 (Ctrl+Shift+R)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Locked</source>
            <translation>고정</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Use this seed; a batch takes the seeds after it (Ctrl+Shift+L)</source>
            <translation>이 시드 사용. 배치는 그다음 시드를 차례로 써요 (Ctrl+Shift+L)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Last</source>
            <translation>마지막</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Make the next batch from the seed of the last one (Ctrl+Shift+E)</source>
            <translation>다음 배치를 직전 배치의 시드로 생성 (Ctrl+Shift+E)</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Back to a new random seed for every batch (Ctrl+Shift+R)</source>
            <translation>배치마다 새 무작위 시드로 돌아가기 (Ctrl+Shift+R)</translation>
        </message>
        <message>
            <location line="+39" />
            <source>random</source>
            <translation>무작위</translation>
        </message>
        <message>
            <location line="+1" />
            <source>random (last: {seed})</source>
            <translation>무작위 (마지막: {seed})</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Locked to {seed} —</source>
            <translation>고정된 시드: {seed} —</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Reusing the last seed, {seed} —</source>
            <translation>마지막 시드 재사용: {seed} —</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The seed of the last batch ({seed}), locked.</source>
            <translation>직전 배치의 시드({seed})로 고정됐어요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Locked: every Generate starts from this seed.</source>
            <translation>고정: 생성할 때마다 이 시드부터 시작해요.</translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <location filename="../dialogs/language_settings.py" line="+24" />
            <location filename="../dialogs/settings.py" line="+148" />
            <source>System</source>
            <translation>시스템</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The language of fluxdesk's window and command line</source>
            <translation>fluxdesk 창과 명령줄의 언어</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Western (0-9)</source>
            <translation>서양식 (0-9)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The language's own</source>
            <translation>언어 고유 숫자</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The digits number fields show and accept</source>
            <translation>숫자 입력란에 표시하고 입력받는 숫자</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Takes effect at the next start.</source>
            <translation>다음에 시작할 때 적용돼요.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Lan&amp;guage</source>
            <translation>언어(&amp;G)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Digit&amp;s</source>
            <translation>숫자(&amp;S)</translation>
        </message>
        <message>
            <location filename="../dialogs/settings.py" line="-80" />
            <source>fluxdesk settings</source>
            <translation>fluxdesk 설정</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Who runs the models and bills you</source>
            <translation>모델을 실행하고 요금을 청구하는 곳</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Leave empty for the provider's own address; set it for a proxy or gateway</source>
            <translation>비워 두면 제공업체의 기본 주소를 써요. 프록시나 게이트웨이를 쓸 때 입력하세요</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Kept in the system keychain (or a private 0600 file); never shown again</source>
            <translation>시스템 키체인(또는 권한이 0600인 비공개 파일)에 보관되고 다시 표시되지 않아요</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Forget key</source>
            <translation>키 삭제</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete the saved key of this provider</source>
            <translation>이 제공업체의 저장된 키 삭제</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Where images and their history are kept (used from the next start)</source>
            <translation>이미지와 기록을 보관하는 곳 (다음에 시작할 때부터 적용)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Browse…</source>
            <translation>찾아보기…</translation>
        </message>
        <message>
            <location line="+12" />
            <source>At most this many generations at once; below it fluxdesk finds what the provider accepts (Black Forest Labs allows 24)</source>
            <translation>한 번에 실행할 최대 생성 수예요. 이 범위 안에서 fluxdesk가 제공업체가 받아 주는 수를 찾아요 (Black Forest Labs는 24개까지 허용)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Ask before sending a batch estimated at more than this many credits (Off: never)</source>
            <translation>예상 비용이 이 크레딧을 넘는 배치는 보내기 전에 확인 (끔: 확인 안 함)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Refuse a batch that would take today's spend over this many credits (Off: no budget). Counts what Black Forest Labs reports charging; CometAPI reports no cost, so it is not checked</source>
            <translation>오늘 사용액이 이 크레딧을 넘게 되는 배치는 거부 (끔: 예산 없음). Black Forest Labs가 알려 준 청구액으로 계산하며, CometAPI는 비용을 알려 주지 않아서 확인하지 않아요</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The model selected when fluxdesk starts</source>
            <translation>fluxdesk를 시작할 때 선택되는 모델</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show an icon in the system &amp;tray</source>
            <translation>시스템 트레이에 아이콘 표시(&amp;T)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Finished batches are announced from it; off: no icon, notifications</source>
            <translation>끝난 배치를 트레이 아이콘으로 알려요. 끄면 아이콘 없이 알림으로 알려요</translation>
        </message>
        <message>
            <location line="+4" />
            <source>No system tray here: finished batches are announced in notifications</source>
            <translation>이 환경에는 시스템 트레이가 없어요. 끝난 배치는 알림으로 알려요</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Light</source>
            <translation>밝게</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Dark</source>
            <translation>어둡게</translation>
        </message>
        <message>
            <location line="+1" />
            <source>System: as the desktop is set; Light or Dark: the same everywhere</source>
            <translation>시스템: 데스크톱 설정을 따라요. 밝게 또는 어둡게: 어디서나 같아요</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Provider</source>
            <translation>제공업체(&amp;P)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>API &amp;address</source>
            <translation>API 주소(&amp;A)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>API &amp;key</source>
            <translation>API 키(&amp;K)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Library folder</source>
            <translation>라이브러리 폴더(&amp;L)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Concurrent jobs</source>
            <translation>동시 작업 수(&amp;C)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>As&amp;k before a batch over</source>
            <translation>배치 확인 기준(&amp;K)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Daily &amp;budget</source>
            <translation>일일 예산(&amp;B)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Default model</source>
            <translation>기본 모델(&amp;D)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Theme</source>
            <translation>테마(&amp;T)</translation>
        </message>
        <message>
            <location line="+48" />
            <source> credits</source>
            <translation> 크레딧</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Off</source>
            <translation>끔</translation>
        </message>
        <message>
            <location line="+18" />
            <source>FLUXDESK_HOME is set ({folder}), so the library is there and this setting is not used; unset it to choose the folder here.</source>
            <translation>FLUXDESK_HOME 환경 변수가 설정되어 있어서 ({folder}) 라이브러리가 그곳에 있고 이 설정은 쓰이지 않아요. 여기서 폴더를 선택하려면 이 환경 변수를 해제하세요.</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Set by ${variable}</source>
            <translation>설정 출처: ${variable}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>${variable} holds a key, and it wins over the saved one.</source>
            <translation>${variable} 환경 변수에 키가 있어서 저장된 키보다 우선해요.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>A key is saved (hidden). Type a new one to replace it.</source>
            <translation>키가 저장되어 있어요 (숨김). 바꾸려면 새 키를 입력하세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The key is kept {where}.</source>
            <translation>키는 {where} 보관돼요.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No key: fluxdesk runs in demo mode</source>
            <translation>키 없음: fluxdesk가 데모 모드로 실행돼요</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Library folder</source>
            <translation>라이브러리 폴더</translation>
        </message>
        <message>
            <location line="+15" />
            <source>The API address must start with https:// (plain http only to this computer).</source>
            <translation>API 주소는 https://로 시작해야 해요 (일반 http는 이 컴퓨터에만 쓸 수 있어요).</translation>
        </message>
        <message>
            <location line="+36" />
            <source>The settings could not be saved ({reason}).</source>
            <translation>설정을 저장할 수 없어요 ({reason}).</translation>
        </message>
        <message>
            <location line="+35" />
            <source>The key could not be saved ({reason}).</source>
            <translation>키를 저장할 수 없어요 ({reason}).</translation>
        </message>
    </context>
    <context>
        <name>SizeField</name>
        <message>
            <location filename="../compose/number_fields.py" line="+140" />
            <source>Match the input image</source>
            <translation>입력 이미지에 맞춤</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Send no size: the provider keeps the input image's size (without one, the default applies)</source>
            <translation>크기를 보내지 않아요. 제공업체가 입력 이미지 크기를 유지해요 (입력 이미지가 없으면 기본값 적용)</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Custom</source>
            <translation>사용자 지정</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Aspect ratio: snaps width and height to allowed multiples</source>
            <translation>화면비: 너비와 높이를 허용된 배수에 맞춰요</translation>
        </message>
    </context>
    <context>
        <name>Stage</name>
        <message>
            <location filename="../stage/pane.py" line="+40" />
            <source>Paint over what Fill repaints</source>
            <translation>채우기로 다시 그릴 부분을 칠하세요</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drag the image's edges outwards</source>
            <translation>이미지 가장자리를 바깥으로 끌어 주세요</translation>
        </message>
        <message>
            <location line="+44" />
            <source>Result</source>
            <translation>결과</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Show the image chosen in the gallery</source>
            <translation>갤러리에서 고른 이미지 보기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Canvas</source>
            <translation>캔버스</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Back to the mask or the edges of the edit</source>
            <translation>편집 중인 마스크나 가장자리로 돌아가기</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Fit</source>
            <translation>맞춤</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Fit to the pane</source>
            <translation>패널 크기에 맞추기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Actual size</source>
            <translation>실제 크기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Zoom out (Ctrl+wheel)</source>
            <translation>축소 (Ctrl+휠)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Zoom in (Ctrl+wheel)</source>
            <translation>확대 (Ctrl+휠)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Edit…</source>
            <translation>편집…</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Edit this image (E in the gallery)</source>
            <translation>이 이미지 편집 (갤러리에서 E)</translation>
        </message>
        <message>
            <location line="+57" />
            <source>Select an image to see it large; new results show here as they arrive.</source>
            <translation>이미지를 선택하면 크게 보여요. 새 결과는 도착하는 대로 여기에 나타나요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Large view</source>
            <translation>큰 보기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>(no prompt)</source>
            <translation>(프롬프트 없음)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Edit, beside the image it was made from · {prompt}</source>
            <translation>편집본과 원본 이미지 · {prompt}</translation>
        </message>
        <message>
            <location line="+60" />
            <source>Fit ({zoom})</source>
            <translation>맞춤 ({zoom})</translation>
        </message>
        <message>
            <location line="+16" />
            <source>{model}  ·  seed {seed}  ·  {size}</source>
            <translation>{model}  ·  시드 {seed}  ·  {size}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Edit</source>
            <translation>편집본</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Made from</source>
            <translation>원본</translation>
        </message>
        <message>
            <location line="+8" />
            <source>This image has no file.</source>
            <translation>이 이미지에는 파일이 없어요.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Loading…</source>
            <translation>불러오는 중…</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Could not read {name}.</source>
            <translation>{name} 파일을 읽을 수 없어요.</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <location filename="../main_window.py" line="-286" />
            <source>Connecting…</source>
            <translation>연결 중…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fluxdesk is reading the key and starting its engine; type and browse meanwhile.</source>
            <translation>fluxdesk가 키를 읽고 엔진을 시작하는 중이에요. 그동안 입력하거나 둘러볼 수 있어요.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Not connected</source>
            <translation>연결 안 됨</translation>
        </message>
    </context>
    <context>
        <name>Tasks</name>
        <message>
            <location filename="../tasks.py" line="+68" />
            <source>Something went wrong ({kind}): {reason}</source>
            <translation>문제가 생겼어요 ({kind}): {reason}</translation>
        </message>
    </context>
    <context>
        <name>Trash</name>
        <message>
            <location filename="../gallery/trash.py" line="+34" />
            <source>Undo delete</source>
            <translation>삭제 취소</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Moved 1 image to the trash. Press Ctrl+Z to undo.</source>
            <translation>이미지 1개를 휴지통으로 옮겼어요. 되돌리려면 Ctrl+Z를 누르세요.</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Moved %n images to the trash. Press Ctrl+Z to undo.</source>
            <translation>
                <numerusform>이미지 %n개를 휴지통으로 옮겼어요. 되돌리려면 Ctrl+Z를 누르세요.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+15" />
            <source>Nothing to undo.</source>
            <translation>되돌릴 작업이 없어요.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Restored 1 image.</source>
            <translation>이미지 1개를 복원했어요.</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Restored %n images.</source>
            <translation>
                <numerusform>이미지 %n개를 복원했어요.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+5" />
            <source>Empty the trash</source>
            <translation>휴지통 비우기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete every image in the trash from the disk? This cannot be undone.</source>
            <translation>휴지통의 모든 이미지를 디스크에서 삭제할까요? 되돌릴 수 없어요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Empty trash</source>
            <translation>휴지통 비우기</translation>
        </message>
        <message>
            <location line="+16" />
            <source>The trash was already empty.</source>
            <translation>휴지통이 이미 비어 있어요.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Deleted 1 image for good.</source>
            <translation>이미지 1개를 영구 삭제했어요.</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>Deleted %n images for good.</source>
            <translation>
                <numerusform>이미지 %n개를 영구 삭제했어요.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Viewer</name>
        <message>
            <location filename="../viewer/window.py" line="+96" />
            <source>Previous image (Left)</source>
            <translation>이전 이미지 (←)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next image (Right)</source>
            <translation>다음 이미지 (→)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fit to the window ({key})</source>
            <translation>창 크기에 맞추기 ({key})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fit</source>
            <translation>맞춤</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Actual size ({key})</source>
            <translation>실제 크기 ({key})</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Zoom out (-, Ctrl+wheel)</source>
            <translation>축소 (-, Ctrl+휠)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Zoom in (+, Ctrl+wheel)</source>
            <translation>확대 (+, Ctrl+휠)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Edit…</source>
            <translation>편집…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Edit this image: change it with words, a mask or new borders</source>
            <translation>이 이미지 편집: 설명, 마스크 또는 새 테두리로 바꾸기</translation>
        </message>
        <message>
            <location line="+91" />
            <source>Compare — {before} | {after}</source>
            <translation>비교 — {before} | {after}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>{number}/{count} — {prompt}</source>
            <translation>{number}/{count} — {prompt}</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Loading…</source>
            <translation>불러오는 중…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{model}  ·  seed {seed}  ·  {size}</source>
            <translation>{model}  ·  시드 {seed}  ·  {size}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This image has no file.</source>
            <translation>이 이미지에는 파일이 없어요.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Could not read {name}.</source>
            <translation>{name} 파일을 읽을 수 없어요.</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Fit ({zoom})</source>
            <translation>맞춤 ({zoom})</translation>
        </message>
    </context>
</TS>
