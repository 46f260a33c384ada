# shotmask의 한국어 메시지. 사용자가 읽는 문장은 모두 여기에 있습니다.
# 영어 카탈로그(../en/shotmask.ftl)와 메시지 id, 변수가 같아야 합니다.
# id는 메시지가 나오는 곳별로 묶었습니다. 중괄호 글자 자체는 `{"{"}`로 씁니다.
# 용어: 마스킹, 모자이크, 흐림, 채우기, 용량 제한, 원본, 결과, 영역, 표시,
# 마커 색, 형광펜, 설정 파일, 사이드카 파일, 경고, 오류. 변수 뒤에는 받침에
# 따라 바뀌는 조사(은/는, 이/가, 을/를)를 붙이지 않습니다.

## 입력한 값 (옵션, 설정 파일, 사이드카 파일)

value-not-a-box = `{ $text }`: 상자 형식이 아닙니다. X,Y,W,H 형식으로 쓰세요(예: 0,0,100%,4% 또는 -30%,-12%,25%,8%)
value-not-a-length = `{ $text }`: 길이가 아닙니다. 픽셀 수, `%` 또는 `dp`로 쓰세요
value-over-hundred-percent = `{ $text }`: 100%를 넘습니다. 100% 이하로 쓰세요
value-not-positive-width = 상자 너비 `{ $text }`: 0보다 커야 합니다
value-not-positive-height = 상자 높이 `{ $text }`: 0보다 커야 합니다
value-not-a-size = `{ $text }`: 용량 값이 아닙니다. 바이트 수 또는 단위를 붙여 쓰세요(예: 500KB, 1.5MB, 800KiB, 2MiB)
value-zero-size = `{ $text }`: 0바이트입니다. 0보다 큰 용량을 쓰세요
value-not-a-colour = `{ $text }`: 색이 아닙니다. #RRGGBB, #RGB 또는 black 같은 색 이름으로 쓰세요
value-not-a-marker-colour = `{ $text }`: 마커 색이 아닙니다. #RRGGBB 또는 다음 중 하나로 쓰세요: { $names }
value-marker-too-grey = 마커 색 { $colour }: 회색에 너무 가까워 글자와 구별할 수 없습니다. magenta처럼 선명한 색을 고르세요
value-not-a-number = `{ $text }`: 숫자가 아닙니다
value-scale-out-of-range = `{ $text }`: 0.1에서 1 사이의 값이어야 합니다
value-not-a-style = `{ $text }`: 마스킹 방식이 아닙니다. fill, mosaic 또는 blur로 쓰세요
value-not-a-format = `{ $text }`: 형식이 아닙니다. auto, jpeg, png 또는 keep으로 쓰세요
value-not-a-language = `{ $text }`: shotmask가 지원하는 언어가 아닙니다. ko 또는 en으로 쓰세요
value-not-a-shard = `{ $text }`: K/N 형식이 아닙니다. N개로 나눈 분할 중 K번째를 뜻하며, K는 0부터 셉니다(예: 0/4)
value-shard-count-zero = `{ $text }`: N은 1 이상이어야 합니다
value-shard-index-too-large = `{ $text }`: K는 0부터 세므로 N보다 작아야 합니다(0부터 { $last }까지)
value-not-a-range = `{ $text }`: 범위가 아닙니다. MIN..MAX(둘 중 하나는 생략 가능) 또는 숫자 하나로 쓰세요
value-empty-range = `{ $text }`: 빈 범위입니다. 최솟값({ $min })이 최댓값({ $max })보다 큽니다
value-not-an-aspect = `{ $text }`: 화면 비율이 아닙니다. portrait, landscape 또는 1.9..2.4 같은 높이÷너비 범위로 쓰세요
value-not-an-anchor = `{ $text }`: 기준 위치가 아닙니다. top-left, top, top-right, left, center, right, bottom-left, bottom, bottom-right 중 하나로 쓰세요
value-not-a-detector = `{ $text }`: 검출기가 아닙니다. 쓸 수 있는 검출기는 qr뿐입니다
value-not-a-preset = `{ $text }`: 프리셋이 아닙니다. 다음 중 하나를 쓰세요: { $names }
value-not-a-regex = 올바른 정규식이 아닙니다: { $detail }
value-unknown-token = 이름 형식에 알 수 없는 항목이 있습니다: `{"{"}{ $name }{"}"}`. 쓸 수 있는 항목: { $known }
value-unmatched-brace = 이름 형식 `{ $text }`: 짝이 없는 `{"}"}` 기호가 있습니다(중괄호 글자 자체는 `{"}}"}`로 씁니다)
value-unclosed-brace = 이름 형식 `{ $text }`: 닫히지 않은 `{"{"}` 기호가 있습니다(중괄호 글자 자체는 `{"{{"}`로 씁니다)
value-empty-template = 이름 형식이 비어 있습니다
value-not-a-boolean = `{ $text }`: true 또는 false로 쓰세요

## 파일 하나가 실패한 이유

error-read = 파일을 읽을 수 없습니다: { $detail }
error-too-large = 파일이 너무 큽니다: { $size }바이트(입력 파일은 최대 { $limit }바이트)
error-empty = 빈 파일입니다
error-not-a-file = 일반 파일이 아닙니다(장치, 파이프 또는 소켓)
error-unknown-format = 지원하지 않는 이미지입니다(PNG, JPEG, WebP, GIF, BMP만 처리합니다)
error-too-many-pixels = 이미지가 너무 큽니다: { $width }×{ $height }({ $megapixels }메가픽셀), 최대 { $limit }메가픽셀
error-no-pixels = 이미지를 열 수 없습니다: 이미지 크기가 { $width }×{ $height }입니다
error-jpeg-too-short = 이미지를 열 수 없습니다: { $width }×{ $height } JPEG는 최소 { $least }바이트인데 이 파일은 { $actual }바이트입니다. 파일이 중간에 잘렸습니다
error-decode = 이미지를 열 수 없습니다: { $detail }
error-truncated = 파일이 중간에 잘렸습니다. 이미지가 끝나기 전에 파일이 끝납니다({ $detail }). 휴대전화나 컴퓨터에서 다시 복사하세요
error-box-outside = 상자 { $spec }의 위치가 { $width }×{ $height } 이미지 밖입니다
error-rule-box-outside = 규칙 { $rule }: 상자 { $spec }의 위치가 { $width }×{ $height } 이미지 밖입니다
error-sidecar-unusable = { $file }: { $reason }. 고치거나 지운 뒤 다시 실행하세요. 사이드카 파일을 쓰지 않으려면 --no-sidecars로 실행하세요
error-sidecar = { $file }: { $problem }
error-cannot-fit = { $limit } 안에 맞출 수 없습니다. 가장 작게 만들어도 { $smallest }입니다({ $attempt }). --max-size를 늘리거나 --min-scale을 낮추세요(지금 { $min_scale })
error-cannot-fit-nothing = { $limit } 안에 맞출 수 없습니다. 어떤 형식으로도 만들 수 없었습니다. --max-size를 늘리세요
error-encode = 결과 이미지를 만들 수 없습니다: { $detail }
error-verify = 결과 파일 검증에 실패했습니다: { $detail }
error-write = { $path }에 저장할 수 없습니다: { $detail }
error-missing = 그런 파일이나 폴더가 없습니다
error-cannot-list = 폴더 내용을 읽을 수 없습니다: { $detail }
error-strict = --strict 옵션에 따라 저장하지 않았습니다: { $warning }
error-internal = 이 파일을 처리하다가 내부 오류가 났습니다: { $detail }

attempt-lossless = 무손실 PNG
attempt-palette = { $colors }색 PNG
attempt-jpeg = JPEG 화질 { $quality }
attempt-scaled = { $attempt }, { $percent } 크기
attempt-over = { $size } 초과

sidecar-not-text = UTF-8 텍스트가 아닙니다
sidecar-box-line = { $line }번째 줄: { $error }
sidecar-box-outside = { $line }번째 줄: 상자 { $spec }의 위치가 { $width }×{ $height } 이미지 밖입니다
sidecar-not-json = 올바른 JSON이 아닙니다: { $detail }
sidecar-field = { $path }: { $detail }
sidecar-size-mismatch = { $field } 값은 { $declared }인데 이미지는 { $width }×{ $height }입니다. 다른 이미지나, 크기가 다른 같은 이미지용으로 만든 주석입니다
sidecar-too-many-points = 점이 { $points }개로, shotmask가 이미지 하나에서 마스킹할 수 있는 최대 { $max }개보다 많습니다
sidecar-unknown-shape = shapes[{ $index }].shape_type `{ $kind }`: LabelMe 도형 종류가 아닙니다(rectangle, polygon, oriented_rectangle, circle, mask, line, linestrip, point, points)
sidecar-shape = shapes[{ $index }] ({ $kind }): { $problem }

shape-too-few-points = 점이 최소 { $least }개 필요한데 { $has }개뿐입니다
shape-corners = 모서리 점 2개가 필요한데 { $has }개입니다
shape-circle = 중심과 원 위의 점 하나가 필요한데 점이 { $has }개입니다
shape-no-area = 넓이가 없습니다
shape-outside = 전체가 { $width }×{ $height } 이미지 밖에 있습니다

own-not-a-file = 파일이 아니라 { $kind }입니다
own-kind-folder = 폴더
own-kind-pipe = 파이프
own-kind-device = 장치
own-kind-socket = 소켓
own-kind-other = 특수 파일
own-dangling = 존재하지 않는 파일을 가리키는 링크입니다
own-too-large = 크기가 { $size }바이트로, 이런 파일에 허용되는 { $limit }바이트보다 큽니다
own-io = 읽을 수 없습니다: { $detail }

skip-not-an-image = 이미지가 아닙니다
skip-not-started = 실행을 중단해서 처리하지 않았습니다

## 경고: 파일은 저장했지만 꼭 읽어 보세요

warning-no-region = 이 파일에는 마스킹한 영역이 없습니다. 개인 정보가 보이지 않는지 확인하세요(가릴 곳은 휴대전화에서 표시하거나 상자로 지정하고, 이런 파일을 저장하지 않으려면 --strict를 쓰세요)
warning-marker-colour = x={ $x } y={ $y }({ $w }×{ $h })의 { $colour } 표시는 마스킹하지 않았습니다. { $colour } 색은 마커 색이 아닙니다. 이 표시도 가리려면 --marker { $colour } 옵션을 붙여 다시 실행하세요
warning-residual-ink = 마스킹한 영역 밖인 x={ $x } y={ $y }({ $w }×{ $h })에 마커 자국이 아직 보입니다. 결과를 확인하거나 표시를 다시 그리세요
warning-missing-end = 파일 끝을 알리는 부분이 없습니다(이미지 데이터는 모두 있습니다). 파일이 중간에 잘렸을 수 있습니다
warning-trailing-bytes = 입력 파일에는 이미지가 끝난 뒤에도 { $size }의 데이터가 남아 있습니다. 파일의 이전 버전에서 남은 것입니다(aCropalypse 유출). 결과 파일에는 들어 있지 않습니다
warning-scaled = 용량 제한에 맞추려고 { $percent }로 줄였습니다
warning-labelme-shape-skipped = shapes[{ $index }]: 넓이가 없는 도형({ $kind })이라 마스킹하지 않았습니다
warning-not-labelme = { $file }: LabelMe 주석이 아니라서(`shapes` 항목이 없음) 무시했습니다

## 잘못된 사용법 (종료 상태 2)

usage-value = { $flag } 값이 잘못되었습니다: { $error }
usage-color-needs-fill = --color는 --style fill과 함께 쓸 때만 적용됩니다
usage-would-replace = { $flag } { $path }: 같은 이름의 파일이나 폴더가 이미 있습니다. shotmask는 파일을 덮어쓰지 않으니 새 이름을 쓰세요
usage-no-such-folder = { $flag } { $path }: { $folder } 폴더가 없습니다
usage-out-is-input = -o { $out }: 입력 파일이 있는 폴더입니다({ $input }). 여기에 저장하면 다음에 실행할 때 결과를 다시 입력으로 읽게 됩니다. 다른 폴더를 고르세요(-o 없이 실행하면 결과는 입력 파일 옆의 `masked` 폴더에 저장됩니다)
usage-output-folder = 결과 폴더 { $folder }에 저장할 수 없습니다: { $problem }
output-is-a-file = 폴더가 아니라 파일입니다
output-under-a-file = { $path }: 폴더가 아니라 파일입니다
output-io = 폴더나 그 안의 파일을 만들 수 없습니다: { $detail }
usage-files-from = --files-from { $list }: { $problem }
list-stdin = 표준 입력
list-is-a-folder = 경로 목록이 아니라 폴더입니다
list-not-text = { $line }번째 줄이 UTF-8이 아닙니다
list-bad-utf16 = 올바른 UTF-16이 아닙니다
usage-no-such-preset = --preset { $name }: 그런 프리셋이 없습니다. 다음 중 하나를 쓰세요: { $names }. `--preset list`로 설명을 볼 수 있습니다
usage-completions-ambiguous = `completions`는 여기 있는 파일이나 폴더의 이름이면서 명령이기도 합니다. 그 경로를 처리하려면 `./completions`로, 자동 완성 스크립트가 필요하면 `--completions SHELL`로 쓰세요
usage-no-images = 주어진 경로에서 이미지를 찾지 못했습니다
usage-init-exists = { $path } 파일이 이미 있어서 그대로 두었습니다
usage-init-failed = { $path } 파일을 만들 수 없습니다: { $detail }
usage-man = 매뉴얼 페이지를 만들 수 없습니다: { $detail }
usage-more = 자세한 내용은 '--help'로 확인하세요.

clap-unknown-argument = 알 수 없는 인수입니다: '{ $arg }'
clap-missing-value = '{ $arg }'에 값이 필요한데 주어지지 않았습니다
clap-conflict = '{ $arg }' 옵션은 '{ $other }' 옵션과 함께 쓸 수 없습니다
clap-repeated = '{ $arg }' 옵션을 두 번 이상 썼습니다
clap-invalid-value = '{ $arg }' 값이 잘못되었습니다: '{ $value }'
clap-too-many = '{ $arg }'에 값을 더 줄 수 없습니다: '{ $value }'
clap-no-equals = '{ $arg }'에 값을 줄 때는 등호(=)를 써야 합니다

config-file-missing = 설정 파일이 없습니다: { $path }
config-file-unreadable = 설정 파일 { $path }: { $reason }
config-file-not-text = { $path }: 설정 파일이 UTF-8 텍스트가 아닙니다. UTF-8로 다시 저장하세요
config-different-files = 입력 파일들이 서로 다른 설정 파일이 있는 폴더에 있습니다({ $first }, { $second }). 폴더마다 따로 실행하거나 --config FILE로 하나를 고르세요
config-syntax = { $detail }
config-rule-name = 규칙 이름 `{ $name }`: 공백이 없는 한 단어여야 합니다
config-rule-kind = 규칙 `{ $name }`: `box`, `find`, `detect` 중 정확히 하나가 있어야 합니다
config-only-for-find = `{ $key }` 항목은 `find` 규칙에만 쓸 수 있습니다
config-anchor-only-for-box = `anchor` 항목은 `box` 규칙에만 쓸 수 있습니다
config-color-only-for-fill = `color` 항목은 style이 `fill`일 때만 쓸 수 있습니다
config-duplicate-rule = 이름이 `{ $name }`인 규칙이 또 있습니다(첫 번째 규칙은 { $line }번째 줄)
config-picture = 찾을 그림을 읽을 수 없습니다: { $path }: { $error }
config-picture-too-small = { $path }: 그림이 { $width }×{ $height }픽셀입니다. 찾을 그림은 3×3 이상이어야 합니다
config-picture-flat = { $path }: 그림 전체가 한 가지 색이라서 단색인 곳이면 어디와도 일치합니다
config-threshold = threshold { $value }: 0보다 크고 1 이하여야 합니다
config-find-density = find_density { $value }: 0.5에서 8 사이여야 합니다
config-one-side = right_of, left_of, below, above 중 하나만 쓰세요
config-size-not-positive = 크기 `{ $size }`: 0보다 커야 합니다

## --print-config, --init-config, --preset list

print-config-header = # 이 인수로 실행할 때 쓰는 설정과, 각 설정을 정한 곳입니다.
print-config-file = # 설정 파일: { $path } ({ $how })
print-config-no-config = # 설정 파일: 없음(--no-config)
print-config-none = # 설정 파일: 찾지 못함
print-config-rules = # 규칙(이 순서대로 적용, 자세한 내용은 설정 파일 참고):
config-level-flag = --config로 지정
config-level-input-folder = 입력 폴더에서 찾음
config-level-beside-executable = 실행 파일 옆에서 찾음
config-level-user = 사용자 설정 폴더에서 찾음
origin-default = 기본값
origin-implied = color에 따라 정해짐
origin-locale = 시스템 언어 설정
origin-not-set-total = 기본값: 전체 제한 없음
origin-not-set-label = 기본값: 폴더 이름, 없으면 앱 이름
print-config-not-set = (설정 안 됨)
init-config-written = { $path } 파일을 만들었습니다. 내용을 고친 뒤 `shotmask --print-config`로 확인하세요
preset-android-status-bar = 위쪽 48 dp, 전체 너비: 가장 높은 Android 상태 표시줄(노치, 펀치 홀)
preset-android-nav-bar = 아래쪽 48 dp, 전체 너비: Android 3버튼 또는 제스처 내비게이션 바
preset-ios-status-bar = 위쪽 59 pt, 전체 너비: Dynamic Island 모델까지의 iPhone 상태 표시줄
preset-ios-home-indicator = 아래쪽 34 pt, 전체 너비: iPhone 홈 인디케이터
preset-qr-codes = 모든 QR 코드와 1차원 바코드(결제, 친구 추가, 멤버십 코드에는 신원 정보가 담겨 있습니다)

## 콘솔

label-fallback = 스크린샷
line-error = 오류:
line-warning = 경고:
line-skipped = 건너뜀:
line-already-there = (이미 있음)
# 한국어에는 복수형이 없습니다: 1개 파일, 3개 파일.
files = { $count }개 파일
summary-written = 저장
summary-would-write = 저장 예정
summary-failed = 실패
summary-listed-above = (위 목록 참고)
summary-listed-below = (아래 목록 참고)
summary-skipped = 건너뜀
# 변수 $count는 영어와 맞추려고 둡니다(한국어는 개수에 따라 바뀌지 않음).
summary-not-images = { $count ->
   *[other] (이미지 아님)
}
summary-unchanged = 변경 없음
summary-unchanged-value = { $files }은 결과 폴더에 이미 똑같이 있어서 다시 저장하지 않았습니다
summary-earlier = 이전 결과
summary-earlier-value = 이전에 실행해서 만든 { $files }이 이 결과와 같은 폴더에 있습니다
summary-size = 용량
summary-each-at-most = 파일마다 최대 { $limit }
summary-regions = 영역
summary-regions-value = { $count }곳 마스킹
summary-unmasked = 마스킹 없음
summary-unmasked-value = { $files }은 마스킹한 영역 없이 저장했습니다. 보내기 전에 확인하세요
summary-no-source-value = 아무것도 마스킹하지 않았습니다. 가릴 영역을 정하는 방법이 하나도 없습니다(마커 꺼짐, 상자·사이드카 파일·규칙 없음)
summary-warnings = 확인 필요
summary-warnings-value = { $files }에 위와 같은 경고가 있습니다. 보내기 전에 읽어 보세요
summary-strict = 엄격 모드
summary-strict-value = --strict: 이런 경고가 있는 파일은 저장하지 않았습니다
summary-outputs = 결과 폴더
summary-outputs-many = 입력 파일 옆의 `masked` 폴더 { $count }개
summary-preview = 미리 보기
summary-preview-warning = (원본이 가려지지 않은 채 보입니다. 보내지 마세요)
summary-shard = 분할
summary-time = 시간
summary-seconds = { $seconds }초
summary-stopped = 중단
summary-stopped-value = 중단 신호를 받아 { $files }을 처리하지 않았습니다
progress-files = 파일
progress-failed = { $count }개 실패
progress-eta = 남은 시간
progress-stopping = 중단하는 중: 처리 중인 파일을 마무리합니다(바로 끝내려면 Ctrl-C를 한 번 더 누르세요)
plan-title = 계획(시험 실행, 아무것도 저장하지 않음):
plan-original = 원본
plan-new-name = 새 이름
plan-format = 형식
plan-size = 용량
plan-regions = 영역
encoding-lossless = 무손실
encoding-colours = { $count }색
pause-prompt = Enter 키를 누르면 창이 닫힙니다.
short-help =
    shotmask: 스크린샷을 안심하고 보낼 수 있게 만듭니다.

    표시한 곳(상자, 사이드카 파일, 마커로 그은 표시)을 가리고, 메타데이터를
    모두 지우고, 파일마다 용량 제한에 맞추고, 날짜와 앱 이름으로 이름을
    붙입니다. 결과는 스크린샷 옆의 `masked` 폴더에 저장되며, 어떤 파일도
    덮어쓰지 않습니다.

    사용법:
      shotmask [OPTIONS] FILE|FOLDER...
      shotmask --box 0,0,100%,4% Screenshots/      상태 표시줄 가리기
      shotmask --max-size 500KB --label 결제오류 *.png

    Windows에서는 스크린샷이나 폴더를 shotmask.exe 위에 끌어다 놓아도 됩니다.
    창은 Enter 키를 누를 때까지 열려 있습니다.
    옵션을 주지 않으면 결과 파일은 하나에 최대 1 MB입니다(메일과 문의 양식에
    알맞은 크기). 다른 제한은 --max-size로 정하세요.

    모든 옵션은 `shotmask --help`로 볼 수 있습니다.

## --help

help-about = 스크린샷을 안심하고 보낼 수 있게 만듭니다: 마스킹, 메타데이터 삭제, 용량 제한 맞추기, 이름 바꾸기.
help-usage = 사용법:
help-usage-line = shotmask [옵션] [경로]...
help-heading-inputs = 입력
help-heading-output = 결과
help-heading-regions = 영역
help-heading-masking = 마스킹
help-heading-size = 용량과 형식
help-heading-naming = 이름
help-heading-run = 실행
help-heading-config = 설정
help-heading-scale = 분산 처리
help-heading-shell = 셸
help-paths = 이미지 파일과 폴더(섞어도 됩니다). 폴더를 주면 그 폴더 바로 안의 이미지를 처리합니다
help-help = 도움말 보기(--help로 더 자세히)
help-version = 버전 보기
help-out = 결과를 저장할 곳 [기본값: 입력 폴더마다 그 안의 `masked` 폴더, 따로 준 파일은 그 파일 옆의 `masked` 폴더]
help-recursive = 하위 폴더까지 처리합니다(결과도 같은 폴더 구조로 저장)
help-box = 모든 이미지에서 가릴 사각형(px 또는 %, 여러 번 쓸 수 있음)
help-keep = 이 사각형 밖을 모두 가립니다(여러 번 쓸 수 있음)
help-pad = 모든 영역을 PX 픽셀만큼 넓힙니다 [기본값: 2]
help-marker = 마커 색: 스크린샷에 가릴 곳을 표시할 때 쓴 색. #RRGGBB 또는 색 이름(red, yellow, blue 등, README 참고)을 쉼표로 구분해 쓰고, 끄려면 `off` [기본값: magenta]
help-no-sidecars = 사이드카 파일(IMAGE.boxes, LabelMe STEM.json)을 무시합니다
help-preset = 기본 제공 규칙 묶음(프리셋)을 추가합니다. 예: android-status-bar(여러 번 쓸 수 있음). `--preset list`로 모두 볼 수 있습니다
help-style = 영역을 가리는 방식: mosaic(모자이크), blur(흐림), fill(채우기) [기본값: mosaic]
help-color = `fill`에 쓸 색: #RRGGBB, 색 이름, 또는 `auto`(영역 주변의 색) [기본값: black]
help-strict = 개인 정보가 남아 있을 수 있는 파일은 저장하지 않습니다: 마스킹한 영역 없음, 마커 색이 아닌 색의 표시, 남은 마커 자국, 중간에 잘린 파일
help-max-size = 결과 파일 하나하나의 최대 용량(SIZE 바이트), 제한이 없으면 `none` [기본값: 1MB]
help-total-size = 이번 실행의 결과 파일 전체 용량을 SIZE 바이트 이하로 맞춥니다
help-format = 결과 형식: auto(제한 안에서 가장 잘 보이는 형식), jpeg, png, keep(원본 형식) [기본값: auto]
help-min-scale = 용량에 맞추려고 이미지를 줄일 때 허용하는 최소 배율, 0.1–1 [기본값: 0.5]
help-name = 결과 파일 이름 형식: {"{"}label{"}"} {"{"}app{"}"} {"{"}date{"}"} {"{"}time{"}"} {"{"}datetime{"}"} {"{"}stem{"}"} {"{"}folder{"}"} {"{"}⁠n{"}"} {"{"}w{"}"} {"{"}h{"}"} [기본값: {"{"}label{"}"}_{"{"}date{"}"}_{"{"}⁠n{"}"}]
help-label = {"{"}label{"}"}에 넣을 글자 [기본값: 폴더 이름, 없으면 앱 이름, 그것도 없으면 `screenshot`]
help-jobs = 작업 스레드 수 [기본값: 모든 코어]
help-dry-run = 이름, 형식, 정확한 용량까지 모두 정하지만 이미지는 저장하지 않습니다
help-report = JSON 보고서를 FILE에 저장합니다(새 파일)
help-quiet = 오류만 출력합니다
help-verbose = 파일마다 한 줄씩 출력합니다
help-lang = 모든 메시지의 언어: ko 또는 en [기본값: 로캘(LC_ALL / LC_MESSAGES / LANG) 또는 Windows 표시 언어]
help-no-pause = 끝날 때 Enter 키를 기다리지 않습니다(shotmask.exe에 파일을 끌어다 놓아 열린 창은 결과를 읽을 수 있도록 기다립니다)
help-preview = 원본과 결과를 나란히 놓고 모든 영역에 테두리를 그린 HTML 페이지도 만들어, 보내기 전에 확인할 수 있게 합니다. 이 페이지에는 원본이 가려지지 않은 채 들어 있으므로 결과 폴더가 아니라 원본 옆에 저장합니다 [기본값: shotmask-preview-UNMASKED-do-not-send.html]
help-config = FILE에서 설정과 규칙을 읽습니다 [기본값: 입력 폴더, 실행 파일 옆, 사용자 설정 폴더 순으로 처음 찾은 shotmask.toml]
help-no-config = 설정 파일을 쓰지 않고, 옵션과 기본값만 씁니다
help-print-config = 적용되는 설정과 각 설정을 정한 곳을 보여 주고 끝냅니다
help-init-config = 설명이 달린 설정 파일을 PATH에 만들고 끝냅니다(이미 있는 파일은 덮어쓰지 않음) [기본값: shotmask.toml]
help-files-from = FILE에서도 경로를 한 줄에 하나씩 읽습니다(`-`: 표준 입력)
help-shard = N개로 나눈 분할 중 K번째(K는 0부터 N-1)만 처리합니다. 경로로 나누므로 어느 컴퓨터에서나, 인수 순서와 관계없이 똑같이 나뉩니다
help-completions = SHELL(bash, elvish, fish, powershell, zsh)용 자동 완성 스크립트를 출력하고 끝냅니다(`shotmask completions SHELL`도 됩니다)
help-man = 매뉴얼 페이지(roff)를 출력하고 끝냅니다: `shotmask --man > shotmask.1`
help-after =
    예:
      shotmask Screenshots/                        표시한 곳을 마스킹, 파일마다 최대 1 MB
      shotmask --max-size 500KB --label 결제오류 *.png
      shotmask --box 0,0,100%,4% --preset android-nav-bar shots/
      shotmask --marker red,yellow --strict shots/  빨강·노랑 표시를 마스킹, 마스킹 안 된 파일은 거부
      shotmask --dry-run --preview shots/           계획과 확인용 페이지를 먼저 보기

    용량: 500KB, 1.5MB(1000 단위), 800KiB, 2MiB(1024 단위) 또는 바이트 수.
    상자: X,Y,W,H를 px 또는 변 길이의 %로 씁니다. X/Y가 음수이면 오른쪽이나
    아래쪽 끝에서 셉니다(--box -30%,-12%,25%,8%). 사이드카 파일 IMAGE.boxes에는
    한 줄에 상자 하나를 적습니다. 이미지 옆의 LabelMe STEM.json도 읽습니다.
    스크린샷에 자홍색(magenta)으로 그린 표시(펜, 채우거나 테두리만 그린 네모,
    형광펜)는 마스킹됩니다. 다른 색을 쓰려면 --marker COLOR, 끄려면 --marker off.
    규칙과 기본값은 shotmask.toml에 둡니다(스크린샷 폴더, 실행 파일 옆, 또는
    사용자 설정 폴더). `--init-config`는 설명이 달린 설정 파일을 만들고,
    `--print-config`는 적용되는 설정을, `--preset list`는 프리셋을 보여 줍니다.

    마스킹 방식은 모두 되돌릴 수 없습니다. 영역 안에 새로 칠하는 내용은 그
    주변 픽셀로만 정해지며, 원래 있던 내용과는 관계가 없습니다.

    종료 상태: 0 모든 입력 저장, 1 일부 실패(나머지는 저장), 2 잘못된 사용법이나
    설정(아무것도 저장하지 않음), 130/143 Ctrl-C/SIGTERM으로 중단.

## 미리 보기 페이지

preview-title = shotmask 미리 보기: 가리지 않은 원본이 들어 있습니다. 보내지 마세요
preview-warning = <strong>본인 확인용입니다.</strong> 왼쪽 열에는 원본 스크린샷이 <em>가려지지 않은 채</em> 나옵니다. 이 페이지를 보내거나 공유하지 마세요. 보낼 것은 결과 폴더에 있는 파일입니다. 가린 영역마다 테두리를 그리고 어디서 정한 영역인지 적어 두었으며, 경고가 있는 파일이 먼저 나옵니다.
preview-totals = 저장 { $written }개{ $dry } · 실패 { $failed }개 · 건너뜀 { $skipped }개 · 마스킹 { $regions }곳 · { $before } → { $after }
preview-dry = { " " }(시험 실행: 아무것도 저장하지 않음)
preview-failed = 실패: { $error }
preview-skipped = 건너뜀: { $reason }
preview-original = 원본(가려지지 않음)
preview-result = 결과(보낼 파일)
preview-meta = { $width }×{ $height } · { $format } { $encoding } · { $before } → { $after } · 마스킹 { $regions }곳
preview-quality = 화질 { $quality }
preview-not-written = 시험 실행: 아무것도 저장하지 않았습니다
preview-cannot-read = { $path } 파일을 읽을 수 없습니다: { $detail }
preview-cannot-show = 원본을 보여 줄 수 없습니다: { $detail }
preview-warnings = 경고
