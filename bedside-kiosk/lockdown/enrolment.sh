# shellcheck shell=sh disable=SC2153,SC2154
# Enrolment and renewal of a bedside tablet's certificate, loaded by lucarne-kiosk for its enrol and renew
# commands (docs/kiosk.md; the server's side: docs/api.md, "Tablet enrolment"). It uses what lucarne-kiosk
# defines: say, die, usage_error, parse_origin, find_chromium, need_tool, same_key, not_after, finish_swap,
# conf_value and the state files (STATE_DIR, KEY, CERT, ID_FILE, NICK_FILE, CONF_FILE, CA_FILE).

# Renewal starts this many days before the certificate expires (the server's own rule).
RENEW_DAYS=30
# Polling for the staff's answer: 1 s, doubled up to this many seconds.
MAX_POLL=10
WORK=
PAIR_PID=

cleanup() {
    if [ -n "$PAIR_PID" ]; then kill "$PAIR_PID" 2>/dev/null || true; wait "$PAIR_PID" 2>/dev/null || true; fi
    PAIR_PID=
    if [ -n "$WORK" ]; then rm -rf "$WORK"; fi
}

# A private working directory in the state directory (same file system: its files are renamed into place).
start_work() {
    need_tool openssl openssl
    need_tool curl curl
    need_tool certutil libnss3-tools
    need_tool pk12util libnss3-tools
    umask 077
    mkdir -p "$STATE_DIR" || die "cannot create $STATE_DIR (set LUCARNE_KIOSK_STATE_DIR, or create it for this user)"
    WORK=$(mktemp -d "$STATE_DIR/.work.XXXXXX") || die "cannot write in $STATE_DIR"
    trap cleanup EXIT
    trap 'exit 1' TERM INT HUP
}

# The value of a top-level field of the JSON in file $2 (strings unescaped; numbers as written), or nothing.
json_field() {
    awk -v name="$1" '
        function field(s, name,    key, n, p, i, c, out) {
            key = "\"" name "\""; n = length(s); p = 1
            while ((i = index(substr(s, p), key)) > 0) {
                p += i - 1
                if (p > 1 && substr(s, p - 1, 1) == "\\") { p += length(key); continue }
                p += length(key)
                while (substr(s, p, 1) ~ /[ \t]/) p++
                if (substr(s, p, 1) != ":") continue
                p++
                while (substr(s, p, 1) ~ /[ \t]/) p++
                out = ""
                if (substr(s, p, 1) != "\"") {
                    while (p <= n && substr(s, p, 1) !~ /[],} \t]/) { out = out substr(s, p, 1); p++ }
                    return out
                }
                for (p++; p <= n; p++) {
                    c = substr(s, p, 1)
                    if (c == "\"") return out
                    if (c == "\\") {
                        p++; c = substr(s, p, 1)
                        if (c == "n") c = "\n"; else if (c == "t") c = "\t"; else if (c == "r") c = ""
                        else if (c == "u") { c = "?"; p += 4 }
                    }
                    out = out c
                }
                return ""
            }
            return ""
        }
        { text = text $0 }
        END { printf "%s", field(text, name) }' "$2"
}

# HTTP with curl: http METHOD URL BODY_FILE [curl options]. Sets STATUS (000: no answer, and CURL_ERROR
# says why) and leaves the answer in $WORK/answer. Secrets go in files, never on the command line.
http() {
    method=$1 url=$2 body=$3
    shift 3
    if [ -n "$CA_FILE" ]; then set -- "$@" --cacert "$CA_FILE"; fi
    if [ -n "$body" ]; then set -- "$@" -H 'Content-Type: application/json' --data-binary "@$body"; fi
    CURL_ERROR=
    STATUS=$(curl --silent --show-error --proto '=https' --tlsv1.2 --connect-timeout 10 --max-time 30 \
        -X "$method" -H 'Accept: application/json' -o "$WORK/answer" -w '%{http_code}' "$@" "$url" 2>"$WORK/curl.err") \
        || { STATUS=000; CURL_ERROR=$(head -c 300 "$WORK/curl.err"); }
    if [ "$STATUS" = 000 ] && [ -z "$CURL_ERROR" ]; then CURL_ERROR="no answer"; fi
    if [ ! -f "$WORK/answer" ]; then : >"$WORK/answer"; fi
}

# The server's refusal in words: its message, else its error code.
server_said() {
    said=$(json_field message "$WORK/answer")
    code=$(json_field error "$WORK/answer")
    if [ -z "$code" ]; then code=$(json_field code "$WORK/answer"); fi
    printf '%s' "${said:-${code:-HTTP $STATUS}}${code:+ ($code)}"
}

# A new EC P-256 key (never leaves the tablet) and its certificate request, in $WORK.
new_key_and_csr() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/tablet.key" 2>"$WORK/openssl.err" \
        || die "openssl could not make a key: $(head -c 300 "$WORK/openssl.err")"
    chmod 0600 "$WORK/tablet.key"
    openssl req -new -key "$WORK/tablet.key" -subj "/CN=lucarne-kiosk" -out "$WORK/tablet.csr" 2>"$WORK/openssl.err" \
        || die "openssl could not make the certificate request: $(head -c 300 "$WORK/openssl.err")"
    csr=$(awk '{ printf "%s\\n", $0 }' "$WORK/tablet.csr")
    extra=
    if [ $# -ge 1 ]; then extra=",\"device\":\"$1\""; fi
    printf '{"csr":"%s"%s}' "$csr" "$extra" >"$WORK/request.json"
}

# Writes the PEM chain field of the answer to $WORK/tablet.crt and checks it certifies the new key.
take_certificate() {
    json_field certificate "$WORK/answer" >"$WORK/tablet.crt"
    openssl x509 -noout -in "$WORK/tablet.crt" 2>/dev/null || die "the server's answer holds no certificate"
    same_key "$WORK/tablet.key" "$WORK/tablet.crt" || die "the certificate the server sent is not for this tablet's key; nothing was changed"
}

nss_db() {
    NSS_DB=${LUCARNE_KIOSK_NSS_DB:-${HOME:?HOME is not set}/.pki/nssdb}
    mkdir -p "$NSS_DB" || die "cannot create Chromium's certificate database $NSS_DB (set LUCARNE_KIOSK_NSS_DB)"
    if [ ! -f "$NSS_DB/cert9.db" ]; then
        certutil -N -d "sql:$NSS_DB" --empty-password || die "certutil could not create $NSS_DB"
    fi
}

# Puts $WORK/tablet.key with $WORK/tablet.crt into Chromium's NSS database as nickname $1.
nss_import() {
    nss_db
    openssl rand -hex 24 >"$WORK/p12.pass"
    openssl pkcs12 -export -inkey "$WORK/tablet.key" -in "$WORK/tablet.crt" -name "$1" \
        -passout "file:$WORK/p12.pass" -out "$WORK/tablet.p12" 2>"$WORK/openssl.err" \
        || die "openssl could not package the certificate: $(head -c 300 "$WORK/openssl.err")"
    pk12util -d "sql:$NSS_DB" -i "$WORK/tablet.p12" -w "$WORK/p12.pass" -K "" >/dev/null 2>"$WORK/nss.err" \
        || die "pk12util could not import the certificate into $NSS_DB: $(head -c 300 "$WORK/nss.err")"
}

# Removes nickname $1's certificate and key from the NSS database (each copy of it).
nss_remove() {
    [ -n "$1" ] || return 0
    for _ in 1 2 3 4 5; do certutil -F -d "sql:$NSS_DB" -n "$1" >/dev/null 2>&1 || break; done
}

nickname_of() { # tablet id, certificate file
    serial=$(openssl x509 -in "$2" -noout -serial | sed 's/^serial=//')
    printf 'lucarne-tablet-%s-%s' "$1" "$serial"
}

# Moves the new key and certificate into place; an interrupted swap is finished by finish_swap.
swap_in() {
    cp "$WORK/tablet.crt" "$CERT.new"
    mv -f "$WORK/tablet.key" "$KEY"
    mv -f "$CERT.new" "$CERT"
}

# LUCARNE_PUBLIC_ORIGIN=$1 and LUCARNE_ORIGIN=$2 in the conf file, the other lines kept.
write_conf_origins() {
    if [ -f "$CONF_FILE" ]; then
        sed -e "/^[[:space:]]*LUCARNE_ORIGIN=/d" -e "/^[[:space:]]*LUCARNE_PUBLIC_ORIGIN=/d" "$CONF_FILE" >"$WORK/conf"
    else
        printf '# Lucarne kiosk settings (see lucarne-kiosk.conf.sample).\n' >"$WORK/conf"
    fi
    printf 'LUCARNE_PUBLIC_ORIGIN=%s\nLUCARNE_ORIGIN=%s\n' "$1" "$2" >>"$WORK/conf"
    chmod 0644 "$WORK/conf"
    tmp="$CONF_FILE.new.$$"
    if cp "$WORK/conf" "$tmp" 2>/dev/null; then
        chmod 0644 "$tmp"
        mv -f "$tmp" "$CONF_FILE" || die "cannot replace $CONF_FILE"
    else
        cat "$WORK/conf" >"$CONF_FILE" 2>/dev/null || die "cannot write $CONF_FILE: give this user write access to it, or set LUCARNE_KIOSK_CONF"
    fi
}

show_pairing() { # URL
    if [ "${LUCARNE_KIOSK_NO_DISPLAY:-}" = 1 ]; then return 0; fi
    find_chromium
    "$CHROMIUM" --kiosk --noerrdialogs --no-first-run --no-default-browser-check --password-store=basic \
        --user-data-dir="$WORK/chromium" "$1" >/dev/null 2>&1 &
    PAIR_PID=$!
}

enrol() {
    public=$ORIGIN
    if [ -f "$KEY" ] && [ -f "$CERT" ] && [ "$AGAIN" = 0 ]; then
        say "this tablet is already enrolled as tablet $(cat "$ID_FILE" 2>/dev/null || echo '?'), its certificate valid until $(not_after "$CERT"); nothing done ($PROG enrol --again $ORIGIN_ARG enrols it anew)"
        exit 0
    fi
    # The pairing screen needs Chromium: known missing before anything is asked of the server.
    if [ "${LUCARNE_KIOSK_NO_DISPLAY:-}" != 1 ]; then find_chromium; fi
    start_work
    device=$(uname -n | tr -cd 'A-Za-z0-9._-' | cut -c1-64)
    new_key_and_csr "${device:-tablet}"
    http POST "$public/enrol" "$WORK/request.json"
    case $STATUS in
        201) ;;
        000) die "cannot reach $public: $CURL_ERROR" ;;
        503) say "the server does not enrol tablets: $(server_said)"; exit 3 ;;
        429) say "the server has too many enrolments waiting; try again in a few minutes: $(server_said)"; exit 3 ;;
        4??) say "the server refused the request: $(server_said)"; exit 3 ;;
        *) die "unexpected answer from $public/enrol: $(server_said)" ;;
    esac
    request=$(json_field request "$WORK/answer")
    code=$(json_field code "$WORK/answer")
    expires=$(json_field expiresAt "$WORK/answer")
    json_field pollToken "$WORK/answer" | awk '{ printf "Authorization: Bearer %s\n", $0 }' >"$WORK/poll.header"
    printf '%s\n' "$request" | grep -Eqx '[A-Za-z0-9_-]{1,128}' || die "the server sent no valid request id"
    printf '%s\n' "$code" | grep -Eqx '[0-9]{4}-[0-9]{4}' || die "the server sent no valid enrolment code"
    case $expires in '' | *[!0-9]*) die "the server sent no valid expiry" ;; esac
    deadline=$((${expires%???} + 60))
    until=$(date -d "@${expires%???}" '+%H:%M' 2>/dev/null || echo "${expires%???}")
    if [ "${LUCARNE_KIOSK_NO_DISPLAY:-}" = 1 ]; then
        say "enrolment code $code (until $until): ask the ward staff to enter it in the Lucarne console (Tablets, Enrol a tablet)"
    else
        say "showing the enrolment code on the screen (until $until); waiting for the ward staff to approve it"
    fi
    show_pairing "$public/enrol/pair#code=$code"
    delay=1
    while :; do
        sleep "$delay"
        delay=$((delay * 2))
        if [ "$delay" -gt "$MAX_POLL" ]; then delay=$MAX_POLL; fi
        http GET "$public/enrol/$request" "" -H "@$WORK/poll.header"
        case $STATUS in
            200) state=$(json_field state "$WORK/answer") ;;
            404) say "the server no longer knows this request (restarted, or the request was removed): run $PROG enrol again"; exit 5 ;;
            000) say "cannot reach $public ($CURL_ERROR); trying again"; state=pending ;;
            *) say "unexpected answer while waiting ($(server_said)); trying again"; state=pending ;;
        esac
        case $state in
            approved) break ;;
            refused) say "the ward staff refused this enrolment; nothing was changed"; exit 4 ;;
            expired) say "the code expired before anyone approved it: run $PROG enrol again for a new code"; exit 5 ;;
            pending) ;;
            *) die "unexpected state \"$state\" from the server" ;;
        esac
        if [ "$(date +%s)" -gt "$deadline" ]; then
            say "the code expired before anyone approved it: run $PROG enrol again for a new code"
            exit 5
        fi
    done
    tablet=$(json_field tablet "$WORK/answer")
    kiosk=$(json_field kioskOrigin "$WORK/answer")
    printf '%s\n' "$tablet" | grep -Eqx '[A-Za-z0-9_.:-]{1,128}' || die "the server sent no valid tablet id"
    parse_origin "$kiosk" "the server sent no valid kiosk origin"
    take_certificate
    if [ -n "$CA_FILE" ]; then
        nss_db
        certutil -A -d "sql:$NSS_DB" -t "C,," -n "Lucarne server CA" -i "$CA_FILE" || die "certutil could not trust $CA_FILE"
    fi
    old=$(cat "$NICK_FILE" 2>/dev/null || true)
    nick=$(nickname_of "$tablet" "$WORK/tablet.crt")
    nss_import "$nick"
    swap_in
    printf '%s\n' "$tablet" >"$ID_FILE"
    printf '%s\n' "$nick" >"$NICK_FILE"
    if [ "$old" != "$nick" ]; then nss_remove "$old"; fi
    write_conf_origins "$public" "$ORIGIN"
    say "enrolled as tablet $tablet, certificate valid until $(not_after "$CERT"); $CONF_FILE now says LUCARNE_ORIGIN=$ORIGIN ($PROG run opens $ORIGIN/kiosk) and LUCARNE_PUBLIC_ORIGIN=$public"
}

# The kiosk origin for renew: LUCARNE_ORIGIN from the environment (the systemd unit's EnvironmentFile), else the conf file.
kiosk_origin() {
    origin=${LUCARNE_ORIGIN:-$(conf_value LUCARNE_ORIGIN)}
    [ -n "$origin" ] || die "no LUCARNE_ORIGIN in $CONF_FILE: enrol this tablet first ($PROG enrol https://HOST)"
    parse_origin "$origin"
}

renew() {
    if [ ! -f "$KEY" ] || [ ! -f "$CERT" ]; then die "this tablet is not enrolled yet: run $PROG enrol https://HOST first"; fi
    need_tool openssl openssl
    finish_swap
    kiosk_origin
    tablet=$(cat "$ID_FILE" 2>/dev/null || echo '?')
    if [ "$NOW" = 0 ] && openssl x509 -in "$CERT" -noout -checkend $((RENEW_DAYS * 86400)) >/dev/null; then
        say "not_due: the certificate of tablet $tablet is valid until $(not_after "$CERT"); it is renewed in its last $RENEW_DAYS days"
        exit 0
    fi
    if ! openssl x509 -in "$CERT" -noout -checkend 0 >/dev/null; then
        say "the certificate of tablet $tablet expired on $(not_after "$CERT"): enrol the tablet again ($PROG enrol --again https://HOST)"
        exit 1
    fi
    start_work
    new_key_and_csr
    http POST "$ORIGIN/kiosk/renew" "$WORK/request.json" --cert "$CERT" --key "$KEY"
    case $STATUS in
        200) ;;
        409)
            after=$(json_field renewAfter "$WORK/answer")
            when=$(date -d "@${after%???}" 2>/dev/null || echo "$after")
            say "not_due: the server renews the certificate of tablet $tablet from $when"
            exit 0 ;;
        403) say "the server refused to renew tablet $tablet: it is revoked ($(server_said)); ask the ward staff to enrol it again"; exit 6 ;;
        000) die "cannot reach $ORIGIN: $CURL_ERROR" ;;
        4?? | 503) say "the server refused to renew: $(server_said)"; exit 3 ;;
        *) die "unexpected answer from $ORIGIN/kiosk/renew: $(server_said)" ;;
    esac
    take_certificate
    old=$(cat "$NICK_FILE" 2>/dev/null || true)
    nick=$(nickname_of "$tablet" "$WORK/tablet.crt")
    nss_import "$nick"
    swap_in
    printf '%s\n' "$nick" >"$NICK_FILE"
    if [ "$old" != "$nick" ]; then nss_remove "$old"; fi
    say "renewed: the certificate of tablet $tablet is valid until $(not_after "$CERT")"
}
