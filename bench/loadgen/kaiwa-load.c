/* SPDX-License-Identifier: MIT */
/*
 * kaiwa-load: single-threaded epoll WebSocket load generator for the Django
 * Channels tutorial chat protocol (ws://HOST:PORT/ws/chat/<room>/, client
 * sends {"message": "..."}, every member of the room receives a JSON text
 * frame carrying "message").
 *
 * Modes:
 *   echo   each sender sends its next message as soon as its own previous
 *          one came back (--pipeline K outstanding messages per sender)
 *   paced  each sender sends --rate messages per second
 *   idle   connect, stay idle for --duration seconds (RSS per connection)
 * --connect-burst starts every connect() at once (instead of at most
 * --connect-concurrency in flight) and reports the time until all upgraded.
 * Several --url (daemons on one host) take the connections in turn, so each
 * room spans them; several --source addresses (127.0.0.2, ...) widen the
 * ephemeral port space; --wait-go holds the run after connecting until a byte
 * (or EOF) arrives on stdin, so several load processes start sending at once.
 *
 * Every message text is "k<run>:s<sender>:n<seq>:t<ns>:xxxx..." so receivers
 * can measure latency (same host, CLOCK_MONOTONIC), losses, duplicates and
 * per-sender order. Frames without this run's token (history replay, other
 * events) are ignored. One JSON line is printed on stdout at the end, a
 * human-readable summary on stderr.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "../common/wsutil.h"

#define MAX_URLS 64
#define MAX_SOURCES 64

enum {
    ST_IDLE,
    ST_CONNECTING,
    ST_UPGRADING,
    ST_OPEN,
    ST_CLOSED,
    ST_FAILED
};
enum {
    MODE_ECHO,
    MODE_PACED,
    MODE_IDLE
};

typedef struct {
    uint64_t last;  /* highest sequence number seen */
    uint64_t *bits; /* seen bitmap, bit n = seq n */
    uint32_t words;
} pairstate;

typedef struct {
    int fd;
    int state;
    int room;
    int sender; /* global sender id, or -1 */
    bool want_out;
    bool upgraded_once;
    char *wbuf;
    size_t wlen, wcap;
    char *rbuf;
    size_t rlen;
    char *frag;
    size_t fraglen, fragcap;
    int fragop;
    pairstate *pairs; /* one per sender of the room */
    char key[32];
} conn;

typedef struct {
    int conn;
    uint64_t sent;   /* last sequence number sent (seq starts at 1) */
    uint64_t echoed; /* own messages that came back */
    int64_t next_due;
    int64_t last_progress;
} senderstate;

/* ---- options ---- */
static struct {
    char host[64];
    int ports[MAX_URLS]; /* --url (and --url2): daemons on the same host, taken in turn by each room's members */
    int nports;
    struct in_addr sources[MAX_SOURCES]; /* --source: local addresses, in turn per daemon round */
    int nsources;
    char prefix[128];
    int rooms, cpr, spr;
    int mode;
    double rate, duration, warmup, drain, settle, connect_timeout, echo_timeout;
    int message_bytes;
    int pipeline;
    int server_pids[MAX_URLS]; /* --server-pid (and --server-pid2): CPU and RSS figures are their sum */
    int nserver_pids;
    int aux_pids[MAX_URLS]; /* --aux-pid: helpers such as Redis or PostgreSQL, reported apart as aux_cpu_s */
    int naux;
    bool burst;
    int concurrency;
    char run[16];
    char label[64];
    bool quiet;
    bool wait_go;
    bool hist;
} opt;

/* ---- state ---- */
static conn *conns;
static int nconns;
static senderstate *senders;
static int nsenders;
static int *room_open;
static int epfd;
static char *scratch;
static size_t scratch_cap;
static uint64_t rng_state = 88172645463325252ULL;

static struct {
    uint64_t connect_ok, connect_fail, closed_by_server, http_fail;
    uint64_t sent, expected, delivered, dup, ooo, misrouted, bogus, foreign, stalls;
    uint64_t window_deliveries, window_sent;
    uint64_t lat_samples;
    int64_t lat_max;
    int64_t t_connect_start, t_last_upgrade;
} st;

static int64_t t_send_start, t_measure_start, t_send_end, t_deadline;
static bool sending;

/* latency histogram in microseconds: exact below 256, then 128 sub-buckets per power of two */
#define HIST_N (256 + 56 * 128)
static uint64_t hist[HIST_N];

static void hist_add(int64_t ns)
{
    uint64_t v = ns < 0 ? 0 : (uint64_t)ns / 1000;
    size_t idx;
    if (v < 256)
        idx = v;
    else {
        int msb = 63 - __builtin_clzll(v);
        int shift = msb - 7;
        idx = 256 + (size_t)(msb - 8) * 128 + ((v >> shift) - 128);
        if (idx >= HIST_N)
            idx = HIST_N - 1;
    }
    hist[idx]++;
    st.lat_samples++;
    if (ns > st.lat_max)
        st.lat_max = ns;
}

static double hist_value_ms(size_t idx)
{
    if (idx < 256)
        return (double)idx / 1000.0;
    size_t k = idx - 256;
    int msb = (int)(k / 128) + 8, shift = msb - 7;
    uint64_t lo = ((uint64_t)(k % 128) + 128) << shift;
    return ((double)lo + (double)(1ULL << shift) / 2.0) / 1000.0;
}

static double hist_pct(double p)
{
    if (st.lat_samples == 0)
        return 0;
    uint64_t target = (uint64_t)(p * (double)st.lat_samples);
    if (target >= st.lat_samples)
        target = st.lat_samples - 1;
    uint64_t acc = 0;
    for (size_t i = 0; i < HIST_N; i++) {
        acc += hist[i];
        if (acc > target) {
            double v = hist_value_ms(i), mx = (double)st.lat_max / 1e6;
            return v > mx ? mx : v;
        }
    }
    return (double)st.lat_max / 1e6;
}

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "kaiwa-load: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    exit(2);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "kaiwa-load: out of memory\n");
        exit(3);
    }
    return q;
}

/* ---- /proc readers ---- */
static long read_rss_kib(int pid)
{
    char path[64], line[256];
    if (pid <= 0)
        return -1;
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long v = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) {
            v = strtol(line + 6, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

static double read_cpu_s(int pid);

/* VmRSS of every --server-pid together; -1 when none or unknown. */
static long servers_rss_kib(void)
{
    long total = opt.nserver_pids ? 0 : -1;
    for (int i = 0; i < opt.nserver_pids; i++) {
        const long v = read_rss_kib(opt.server_pids[i]);
        if (v < 0)
            return -1;
        total += v;
    }
    return total;
}

/* CPU seconds of the server (both daemons with --server-pid2); -1 when unknown. */
static double servers_cpu_s(void);

static double read_cpu_s(int pid)
{
    char path[64], buf[2048];
    if (pid <= 0)
        return -1;
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    if (!p)
        return -1;
    p += 2; /* field 3 (state) */
    unsigned long long ut = 0, stt = 0;
    /* fields 3..13 skipped, 14 utime, 15 stime */
    for (int field = 3; field < 14 && p; field++) {
        p = strchr(p, ' ');
        if (p)
            p++;
    }
    if (!p || sscanf(p, "%llu %llu", &ut, &stt) != 2)
        return -1;
    return (double)(ut + stt) / (double)sysconf(_SC_CLK_TCK);
}

static double self_cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec
           + ru.ru_stime.tv_usec / 1e6;
}

/* ---- connection plumbing ---- */
static void set_events(conn *c, bool out)
{
    struct epoll_event ev = {.events = EPOLLIN | (out ? EPOLLOUT : 0), .data.u32 = (uint32_t)(c - conns)};
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev) == 0)
        c->want_out = out;
}

static void conn_drop(conn *c, int newstate)
{
    if (c->fd >= 0) {
        struct linger lg = {1, 0}; /* RST: no TIME_WAIT pile-up across runs */
        setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
        c->fd = -1;
    }
    if (c->state == ST_OPEN && room_open)
        room_open[c->room]--;
    if (c->state == ST_CONNECTING || c->state == ST_UPGRADING || c->state == ST_IDLE) {
        if (newstate == ST_FAILED)
            st.connect_fail++;
    }
    c->state = newstate;
    free(c->wbuf);
    c->wbuf = NULL;
    c->wlen = c->wcap = 0;
    free(c->rbuf);
    c->rbuf = NULL;
    c->rlen = 0;
    free(c->frag);
    c->frag = NULL;
    c->fraglen = c->fragcap = 0;
}

static void conn_flush(conn *c)
{
    while (c->wlen > 0) {
        ssize_t n = send(c->fd, c->wbuf, c->wlen, MSG_NOSIGNAL);
        if (n > 0) {
            memmove(c->wbuf, c->wbuf + n, c->wlen - (size_t)n);
            c->wlen -= (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!c->want_out)
                set_events(c, true);
            return;
        } else {
            if (c->state == ST_OPEN)
                st.closed_by_server++;
            conn_drop(c, c->state == ST_OPEN ? ST_CLOSED : ST_FAILED);
            return;
        }
    }
    if (c->want_out)
        set_events(c, false);
}

/* Queue bytes and try to send them right away. */
static void conn_write(conn *c, const void *data, size_t n)
{
    if (c->fd < 0)
        return;
    if (c->wlen == 0) {
        ssize_t w = send(c->fd, data, n, MSG_NOSIGNAL);
        if (w == (ssize_t)n)
            return;
        if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            if (c->state == ST_OPEN)
                st.closed_by_server++;
            conn_drop(c, c->state == ST_OPEN ? ST_CLOSED : ST_FAILED);
            return;
        }
        if (w > 0) {
            data = (const char *)data + w;
            n -= (size_t)w;
        }
    }
    if (c->wlen + n > c->wcap) {
        c->wcap = (c->wlen + n) * 2;
        c->wbuf = xrealloc(c->wbuf, c->wcap);
    }
    memcpy(c->wbuf + c->wlen, data, n);
    c->wlen += n;
    if (!c->want_out)
        set_events(c, true);
}

/* Sends one masked client frame. */
static void ws_send_frame(conn *c, int opcode, const char *payload, size_t n)
{
    unsigned char stackbuf[1024];
    size_t hdr = 2 + (n >= 126 ? (n > 65535 ? 8 : 2) : 0) + 4;
    unsigned char *f = hdr + n <= sizeof stackbuf ? stackbuf : xrealloc(NULL, hdr + n);
    size_t i = 0;
    f[i++] = (unsigned char)(0x80 | opcode);
    if (n < 126)
        f[i++] = (unsigned char)(0x80 | n);
    else if (n <= 65535) {
        f[i++] = 0x80 | 126;
        f[i++] = (unsigned char)(n >> 8);
        f[i++] = (unsigned char)n;
    } else {
        f[i++] = 0x80 | 127;
        for (int k = 7; k >= 0; k--)
            f[i++] = (unsigned char)((uint64_t)n >> (8 * k));
    }
    uint32_t m = (uint32_t)rnd();
    unsigned char mask[4] = {(unsigned char)m, (unsigned char)(m >> 8), (unsigned char)(m >> 16),
                             (unsigned char)(m >> 24)};
    memcpy(f + i, mask, 4);
    i += 4;
    for (size_t k = 0; k < n; k++)
        f[i + k] = (unsigned char)payload[k] ^ mask[k & 3];
    conn_write(c, f, hdr + n);
    if (f != stackbuf)
        free(f);
}

/* With several --url, the members of each room take the daemons in turn (member k of room r goes
 * to daemon (r + k) mod n), so every room spans them whatever the number of rooms. */
static int conn_port(const conn *c)
{
    const int member = (int)(c - conns) / opt.rooms;
    return opt.ports[(c->room + member) % opt.nports];
}

static int conn_start(conn *c)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        c->state = ST_FAILED;
        st.connect_fail++;
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)conn_port(c))};
    inet_pton(AF_INET, opt.host, &sa.sin_addr);
    if (opt.nsources) {
        /* The port is chosen at connect() for the whole 4-tuple (IP_BIND_ADDRESS_NO_PORT), not at bind()
         * for the address alone: each source address and daemon port has its own ephemeral range. */
        struct sockaddr_in src = {.sin_family = AF_INET, .sin_port = 0};
        src.sin_addr = opt.sources[(c - conns) % opt.nsources];
        setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        if (bind(fd, (struct sockaddr *)&src, sizeof src) != 0) {
            static int reported;
            if (reported++ < 3)
                fprintf(stderr, "kaiwa-load: bind to the source address failed: %s\n", strerror(errno));
            close(fd);
            c->state = ST_FAILED;
            st.connect_fail++;
            return -1;
        }
    }
    c->fd = fd;
    c->state = ST_CONNECTING;
    struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = (uint32_t)(c - conns)};
    c->want_out = true;
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
        conn_drop(c, ST_FAILED);
        return -1;
    }
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0 && errno != EINPROGRESS) {
        conn_drop(c, ST_FAILED);
        return -1;
    }
    return 0;
}

static void send_upgrade(conn *c)
{
    unsigned char raw[16];
    for (int i = 0; i < 16; i++)
        raw[i] = (unsigned char)rnd();
    ws_base64(raw, 16, c->key);
    char req[512];
    int n = snprintf(req, sizeof req,
                     "GET %sb%sr%d/ HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\nUser-Agent: kaiwa-load\r\n\r\n",
                     opt.prefix, opt.run, c->room, opt.host, conn_port(c), c->key);
    c->state = ST_UPGRADING;
    set_events(c, false);
    conn_write(c, req, (size_t)n);
}

/* ---- message handling ---- */
static int make_text(senderstate *s, int sid, uint64_t seq, int64_t now, char *out, size_t cap)
{
    (void)s;
    int n = snprintf(out, cap, "{\"message\":\"k%s:s%d:n%" PRIu64 ":t%" PRId64 ":", opt.run, sid, seq, now);
    int body = n - 12; /* length of the message text so far */
    while (body < opt.message_bytes && (size_t)n + 3 < cap) {
        out[n++] = 'x';
        body++;
    }
    out[n++] = '"';
    out[n++] = '}';
    out[n] = 0;
    return n;
}

static void sender_send(int sid, int64_t now)
{
    senderstate *s = &senders[sid];
    conn *c = &conns[s->conn];
    if (c->state != ST_OPEN)
        return;
    static char *buf;
    static size_t cap;
    if (!buf) {
        cap = (size_t)opt.message_bytes + 256;
        buf = xrealloc(NULL, cap);
    }
    s->sent++;
    int n = make_text(s, sid, s->sent, now, buf, cap);
    ws_send_frame(c, 1, buf, (size_t)n);
    st.sent++;
    st.expected += (uint64_t)room_open[c->room];
    if (now >= t_measure_start && now < t_send_end)
        st.window_sent++;
}

static bool parse_u64(const char **pp, const char *end, uint64_t *out)
{
    const char *p = *pp;
    uint64_t v = 0;
    if (p >= end || *p < '0' || *p > '9')
        return false;
    while (p < end && *p >= '0' && *p <= '9')
        v = v * 10 + (uint64_t)(*p++ - '0');
    *pp = p;
    *out = v;
    return true;
}

static void handle_message(conn *c, const char *p, size_t n, int64_t now)
{
    char token[24];
    int tl = snprintf(token, sizeof token, "k%s:s", opt.run);
    const char *hit = memmem(p, n, token, (size_t)tl);
    if (!hit) {
        st.foreign++;
        return;
    }
    const char *q = hit + tl, *end = p + n;
    uint64_t sid, seq, ts;
    if (!parse_u64(&q, end, &sid) || end - q < 2 || q[0] != ':' || q[1] != 'n') {
        st.bogus++;
        return;
    }
    q += 2;
    if (!parse_u64(&q, end, &seq) || end - q < 2 || q[0] != ':' || q[1] != 't') {
        st.bogus++;
        return;
    }
    q += 2;
    if (!parse_u64(&q, end, &ts)) {
        st.bogus++;
        return;
    }
    if (sid >= (uint64_t)nsenders || seq == 0 || seq > senders[sid].sent) {
        st.bogus++;
        return;
    }
    int sroom = (int)(sid / (uint64_t)opt.spr);
    if (sroom != c->room) {
        st.misrouted++;
        return;
    }
    pairstate *ps = &c->pairs[sid % (uint64_t)opt.spr];
    uint64_t w = seq >> 6;
    if (w >= ps->words) {
        uint32_t nw = ps->words ? ps->words : 16;
        while (nw <= w)
            nw *= 2;
        ps->bits = xrealloc(ps->bits, nw * sizeof(uint64_t));
        memset(ps->bits + ps->words, 0, (nw - ps->words) * sizeof(uint64_t));
        ps->words = nw;
    }
    uint64_t bit = 1ULL << (seq & 63);
    if (ps->bits[w] & bit) {
        st.dup++;
        return;
    }
    ps->bits[w] |= bit;
    st.delivered++;
    if (seq < ps->last)
        st.ooo++;
    else
        ps->last = seq;
    if ((int64_t)ts >= t_measure_start && (int64_t)ts < t_send_end)
        hist_add(now - (int64_t)ts);
    if (now >= t_measure_start && now < t_send_end)
        st.window_deliveries++;
    if (c->sender == (int)sid) {
        senderstate *s = &senders[sid];
        s->echoed++;
        s->last_progress = now;
        if (opt.mode == MODE_ECHO && sending && now < t_send_end)
            while ((s->echoed >= s->sent ? 0 : s->sent - s->echoed) < (uint64_t)opt.pipeline
                   && conns[s->conn].state == ST_OPEN)
                sender_send((int)sid, now);
    }
}

/* Parses server frames in buf[0..len); returns bytes consumed. */
static size_t parse_frames(conn *c, char *buf, size_t len, int64_t now)
{
    size_t off = 0;
    while (c->state == ST_OPEN && len - off >= 2) {
        unsigned char *b = (unsigned char *)buf + off;
        int fin = b[0] & 0x80, op = b[0] & 0x0f, masked = b[1] & 0x80;
        uint64_t plen = b[1] & 0x7f;
        size_t hdr = 2;
        if (plen == 126) {
            if (len - off < 4)
                break;
            plen = (uint64_t)b[2] << 8 | b[3];
            hdr = 4;
        } else if (plen == 127) {
            if (len - off < 10)
                break;
            plen = 0;
            for (int k = 0; k < 8; k++)
                plen = plen << 8 | b[2 + k];
            hdr = 10;
        }
        if (masked)
            hdr += 4;
        if (plen > (1ULL << 30)) {
            st.closed_by_server++;
            conn_drop(c, ST_CLOSED);
            return len;
        }
        if (len - off < hdr + plen) {
            if (hdr + plen > scratch_cap) { /* make room for a big frame */
                scratch_cap = (hdr + (size_t)plen) * 2;
            }
            break;
        }
        char *payload = buf + off + hdr;
        if (masked) {
            unsigned char *mk = b + hdr - 4;
            for (uint64_t k = 0; k < plen; k++)
                payload[k] ^= (char)mk[k & 3];
        }
        off += hdr + (size_t)plen;
        if (op >= 8) {
            if (op == 9)
                ws_send_frame(c, 10, payload, (size_t)plen);
            else if (op == 8) {
                ws_send_frame(c, 8, payload, plen >= 2 ? 2 : 0);
                st.closed_by_server++;
                conn_drop(c, ST_CLOSED);
                return len;
            }
            continue;
        }
        if (op == 0) {
            if (c->fragop == 0) {
                st.bogus++;
                continue;
            }
        } else {
            c->fragop = op;
            c->fraglen = 0;
        }
        if (fin && c->fraglen == 0) {
            if (c->fragop == 1)
                handle_message(c, payload, (size_t)plen, now);
            c->fragop = 0;
            continue;
        }
        if (c->fraglen + plen > c->fragcap) {
            c->fragcap = (c->fraglen + (size_t)plen) * 2;
            c->frag = xrealloc(c->frag, c->fragcap);
        }
        memcpy(c->frag + c->fraglen, payload, (size_t)plen);
        c->fraglen += (size_t)plen;
        if (fin) {
            if (c->fragop == 1)
                handle_message(c, c->frag, c->fraglen, now);
            c->fragop = 0;
            c->fraglen = 0;
        }
    }
    return off;
}

static bool header_value(const char *hdrs, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    for (const char *p = strstr(hdrs, "\r\n"); p; p = strstr(p + 2, "\r\n")) {
        const char *line = p + 2;
        if (strncasecmp(line, name, nl) == 0 && line[nl] == ':') {
            const char *v = line + nl + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            const char *e = strstr(v, "\r\n");
            if (!e)
                e = v + strlen(v);
            while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
                e--;
            size_t n = (size_t)(e - v);
            if (n >= cap)
                n = cap - 1;
            memcpy(out, v, n);
            out[n] = 0;
            return true;
        }
    }
    return false;
}

static void on_readable(conn *c, int64_t now)
{
    size_t have = c->rlen;
    if (scratch_cap < have + 65536)
        scratch_cap = have + 65536;
    static size_t alloc_cap;
    if (alloc_cap < scratch_cap) {
        scratch = xrealloc(scratch, scratch_cap);
        alloc_cap = scratch_cap;
    }
    if (have)
        memcpy(scratch, c->rbuf, have);
    ssize_t n = recv(c->fd, scratch + have, alloc_cap - have - 1, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        if (c->state == ST_OPEN) {
            st.closed_by_server++;
            conn_drop(c, ST_CLOSED);
        } else
            conn_drop(c, ST_FAILED);
        return;
    }
    if (n < 0)
        return;
    size_t len = have + (size_t)n, off = 0;
    if (c->state == ST_UPGRADING) {
        scratch[len] = 0;
        char *eoh = strstr(scratch, "\r\n\r\n");
        if (!eoh) {
            if (len > 16384) {
                st.http_fail++;
                conn_drop(c, ST_FAILED);
                return;
            }
            c->rbuf = xrealloc(c->rbuf, len);
            memcpy(c->rbuf, scratch, len);
            c->rlen = len;
            return;
        }
        eoh[2] = 0;
        char accept[64], want[29];
        ws_accept_key(c->key, strlen(c->key), want);
        if (strncmp(scratch, "HTTP/1.1 101", 12) != 0
            || !header_value(scratch, "Sec-WebSocket-Accept", accept, sizeof accept) || strcmp(accept, want) != 0) {
            if (st.http_fail++ < 3) {
                char *eol = strstr(scratch, "\r\n");
                if (eol)
                    *eol = 0;
                fprintf(stderr, "kaiwa-load: upgrade refused: %s\n", scratch);
            }
            conn_drop(c, ST_FAILED);
            return;
        }
        off = (size_t)(eoh + 4 - scratch);
        c->state = ST_OPEN;
        room_open[c->room]++;
        st.connect_ok++;
        st.t_last_upgrade = now;
    }
    if (c->state == ST_OPEN)
        off += parse_frames(c, scratch + off, len - off, now);
    if (c->state != ST_OPEN)
        return;
    size_t left = len - off;
    if (left) {
        c->rbuf = xrealloc(c->rbuf, left);
        memcpy(c->rbuf, scratch + off, left);
    } else {
        free(c->rbuf);
        c->rbuf = NULL;
    }
    c->rlen = left;
}

static void on_event(conn *c, uint32_t events, int64_t now)
{
    if (c->fd < 0)
        return;
    if (c->state == ST_CONNECTING) {
        int err = 0;
        socklen_t el = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el);
        if (err || (events & (EPOLLERR | EPOLLHUP))) {
            static int reported;
            if (reported++ < 3)
                fprintf(stderr, "kaiwa-load: connect failed: %s\n", strerror(err ? err : ECONNRESET));
            conn_drop(c, ST_FAILED);
            return;
        }
        if (events & EPOLLOUT)
            send_upgrade(c);
        return;
    }
    if (events & EPOLLOUT)
        conn_flush(c);
    if (c->fd >= 0 && (events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
        on_readable(c, now);
}

/* --wait-go: says "ready" on stdout, then serves the connections (pings, closes) until stdin has a
 * byte or is closed. */
static void wait_for_go(struct epoll_event *evs)
{
    printf("ready %" PRIu64 " connected %" PRIu64 " failed\n", st.connect_ok, st.connect_fail);
    fflush(stdout);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, STDIN_FILENO, &ev) != 0)
        return; /* not a pipe or terminal: go at once */
    for (bool go = false; !go;) {
        int n = epoll_wait(epfd, evs, 1024, 1000);
        int64_t now = ws_now_ns();
        for (int k = 0; k < n; k++) {
            if (evs[k].data.u32 == UINT32_MAX)
                go = true;
            else
                on_event(&conns[evs[k].data.u32], evs[k].events, now);
        }
    }
    char byte;
    if (read(STDIN_FILENO, &byte, 1) < 0) { /* EOF or a byte: either means go */
    }
    epoll_ctl(epfd, EPOLL_CTL_DEL, STDIN_FILENO, NULL);
}

static double servers_cpu_s(void)
{
    double total = opt.nserver_pids ? 0 : -1;
    for (int i = 0; i < opt.nserver_pids; i++) {
        const double v = read_cpu_s(opt.server_pids[i]);
        if (v < 0)
            return -1;
        total += v;
    }
    return total;
}

/* CPU seconds of the --aux-pid processes together; -1 when none or unknown. */
static double aux_cpu_s(void)
{
    double total = opt.naux ? 0 : -1;
    for (int i = 0; i < opt.naux; i++) {
        const double v = read_cpu_s(opt.aux_pids[i]);
        if (v < 0)
            return -1;
        total += v;
    }
    return total;
}

/* ---- options ---- */
static void usage(void)
{
    fprintf(stderr,
            "usage: kaiwa-load --url ws://127.0.0.1:PORT [options]\n"
            "  --path PREFIX            WebSocket path prefix (default /ws/chat/), room names are b<run>r<i>\n"
            "  --rooms R                rooms (default 1)\n"
            "  --clients-per-room C     connections per room (default 10)\n"
            "  --senders-per-room S     senders per room, S <= C (default 1)\n"
            "  --mode echo|paced|idle   workload (default echo)\n"
            "  --rate M                 messages/s per sender in paced mode (default 10)\n"
            "  --pipeline K             outstanding messages per sender in echo mode (default 1)\n"
            "  --duration SEC           measured sending (or idle) time (default 10)\n"
            "  --warmup SEC             sending before measuring (default 1)\n"
            "  --drain SEC              max wait for deliveries after sending stops (default 3)\n"
            "  --settle SEC             wait after all connected, before sending / reading RSS (default 0.5)\n"
            "  --message-bytes N        message text length (default 60)\n"
            "  --connect-burst          start every connect at once (W4)\n"
            "  --connect-concurrency N  in-flight connects otherwise (default 200)\n"
            "  --connect-timeout SEC    connection phase limit (default 60)\n"
            "  --echo-timeout SEC       echo mode: resend after this long without an echo (default 2)\n"
            "  --server-pid PID         server process for RSS and CPU figures; repeat it for several daemons\n"
            "                           (the figures are their sum)\n"
            "  --url ws://127.0.0.1:P   repeat for several daemons on the same host: each room's members take\n"
            "                           them in turn, so every room spans them (--url2 = a second --url)\n"
            "  --server-pid2 PID        the same as a second --server-pid\n"
            "  --source 127.0.0.N       local address to connect from (loopback only); repeat to use several:\n"
            "                           each address has its own ephemeral ports for each daemon port\n"
            "  --wait-go                after connecting, print a \"ready\" line on stdout and wait for a byte\n"
            "                           (or EOF) on stdin before the settle time starts (several load processes)\n"
            "  --hist                   add the latency histogram to the JSON line (\"hist\": [[ms, count], ...])\n"
            "  --aux-pid PID            a helper process (e.g. Redis; repeatable): its CPU in the window is\n"
            "                           reported apart as aux_cpu_s\n"
            "  --run-id ID              run token (default random hex)\n"
            "  --label TEXT             copied into the JSON line\n"
            "  --quiet                  no progress on stderr\n");
    exit(2);
}

static double dbl_arg(const char *v)
{
    char *e;
    double d = strtod(v, &e);
    if (*e || d < 0)
        die("bad number: %s", v);
    return d;
}
static int int_arg(const char *v)
{
    char *e;
    long d = strtol(v, &e, 10);
    if (*e || d < 0 || d > INT_MAX)
        die("bad integer: %s", v);
    return (int)d;
}

/* Parses ws://HOST:PORT into opt.host (every URL must name the same host) and returns PORT. */
static int parse_url(const char *url)
{
    const char *p = url;
    if (strncmp(p, "ws://", 5) == 0)
        p += 5;
    else if (strncmp(p, "http://", 7) == 0)
        p += 7;
    const char *colon = strchr(p, ':');
    if (!colon)
        die("url needs a port: %s", url);
    size_t hl = (size_t)(colon - p);
    char host[sizeof opt.host];
    if (hl >= sizeof host)
        die("bad url: %s", url);
    memcpy(host, p, hl);
    host[hl] = 0;
    if (strcmp(host, "localhost") == 0)
        strcpy(host, "127.0.0.1");
    struct in_addr a;
    if (inet_pton(AF_INET, host, &a) != 1)
        die("host must be a numeric IPv4 address: %s", host);
    if ((ntohl(a.s_addr) >> 24) != 127)
        die("refusing a non-loopback address: %s", host);
    if (opt.host[0] && strcmp(opt.host, host))
        die("every --url must name the same host (%s)", opt.host);
    strcpy(opt.host, host);
    const int port = atoi(colon + 1);
    if (port <= 0 || port > 65535)
        die("bad port in %s", url);
    return port;
}

static void add_port(const char *url)
{
    if (opt.nports >= MAX_URLS)
        die("%s", "too many --url");
    opt.ports[opt.nports++] = parse_url(url);
}

static void add_server_pid(const char *v)
{
    if (opt.nserver_pids >= MAX_URLS)
        die("%s", "too many --server-pid");
    opt.server_pids[opt.nserver_pids++] = int_arg(v);
}

static void add_source(const char *v)
{
    if (opt.nsources >= MAX_SOURCES)
        die("%s", "too many --source");
    struct in_addr a;
    if (inet_pton(AF_INET, v, &a) != 1 || (ntohl(a.s_addr) >> 24) != 127)
        die("--source must be a loopback address: %s", v);
    opt.sources[opt.nsources++] = a;
}

int main(int argc, char **argv)
{
    opt.rooms = 1;
    opt.cpr = 10;
    opt.spr = 1;
    opt.mode = MODE_ECHO;
    opt.rate = 10;
    opt.duration = 10;
    opt.warmup = 1;
    opt.drain = 3;
    opt.settle = 0.5;
    opt.message_bytes = 60;
    opt.pipeline = 1;
    opt.concurrency = 200;
    opt.connect_timeout = 60;
    opt.echo_timeout = 2;
    strcpy(opt.prefix, "/ws/chat/");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV()                                                                                                        \
    do {                                                                                                               \
        if (!v)                                                                                                        \
            die("missing value for %s", a);                                                                            \
        i++;                                                                                                           \
    } while (0)
        if (!strcmp(a, "--url") || !strcmp(a, "--url2")) {
            NEEDV();
            add_port(v);
        } else if (!strcmp(a, "--path")) {
            NEEDV();
            snprintf(opt.prefix, sizeof opt.prefix, "%s", v);
        } else if (!strcmp(a, "--rooms")) {
            NEEDV();
            opt.rooms = int_arg(v);
        } else if (!strcmp(a, "--clients-per-room")) {
            NEEDV();
            opt.cpr = int_arg(v);
        } else if (!strcmp(a, "--senders-per-room")) {
            NEEDV();
            opt.spr = int_arg(v);
        } else if (!strcmp(a, "--mode")) {
            NEEDV();
            if (!strcmp(v, "echo"))
                opt.mode = MODE_ECHO;
            else if (!strcmp(v, "paced"))
                opt.mode = MODE_PACED;
            else if (!strcmp(v, "idle"))
                opt.mode = MODE_IDLE;
            else
                die("unknown mode %s", v);
        } else if (!strcmp(a, "--rate")) {
            NEEDV();
            opt.rate = dbl_arg(v);
        } else if (!strcmp(a, "--pipeline")) {
            NEEDV();
            opt.pipeline = int_arg(v);
        } else if (!strcmp(a, "--duration")) {
            NEEDV();
            opt.duration = dbl_arg(v);
        } else if (!strcmp(a, "--warmup")) {
            NEEDV();
            opt.warmup = dbl_arg(v);
        } else if (!strcmp(a, "--drain")) {
            NEEDV();
            opt.drain = dbl_arg(v);
        } else if (!strcmp(a, "--settle")) {
            NEEDV();
            opt.settle = dbl_arg(v);
        } else if (!strcmp(a, "--message-bytes")) {
            NEEDV();
            opt.message_bytes = int_arg(v);
        } else if (!strcmp(a, "--connect-burst"))
            opt.burst = true;
        else if (!strcmp(a, "--connect-concurrency")) {
            NEEDV();
            opt.concurrency = int_arg(v);
        } else if (!strcmp(a, "--connect-timeout")) {
            NEEDV();
            opt.connect_timeout = dbl_arg(v);
        } else if (!strcmp(a, "--echo-timeout")) {
            NEEDV();
            opt.echo_timeout = dbl_arg(v);
        } else if (!strcmp(a, "--server-pid") || !strcmp(a, "--server-pid2")) {
            NEEDV();
            add_server_pid(v);
        } else if (!strcmp(a, "--source")) {
            NEEDV();
            add_source(v);
        } else if (!strcmp(a, "--wait-go"))
            opt.wait_go = true;
        else if (!strcmp(a, "--hist"))
            opt.hist = true;
        else if (!strcmp(a, "--aux-pid")) {
            NEEDV();
            if (opt.naux >= MAX_URLS)
                die("%s", "too many --aux-pid");
            opt.aux_pids[opt.naux++] = int_arg(v);
        } else if (!strcmp(a, "--run-id")) {
            NEEDV();
            snprintf(opt.run, sizeof opt.run, "%s", v);
        } else if (!strcmp(a, "--label")) {
            NEEDV();
            snprintf(opt.label, sizeof opt.label, "%s", v);
        } else if (!strcmp(a, "--quiet"))
            opt.quiet = true;
        else if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            usage();
        else
            die("unknown option %s (see --help)", a);
#undef NEEDV
    }
    if (!opt.nports)
        usage();
    if (opt.rooms < 1 || opt.cpr < 1)
        die("%s", "need at least one room and one client");
    if (opt.mode == MODE_IDLE)
        opt.spr = 0;
    if (opt.mode != MODE_IDLE && (opt.spr < 1 || opt.spr > opt.cpr))
        die("%s", "need 1 <= senders-per-room <= clients-per-room");
    if (opt.message_bytes > (1 << 20))
        die("%s", "--message-bytes at most 1048576");
    if (opt.pipeline < 1)
        opt.pipeline = 1;
    if (opt.concurrency < 1)
        opt.concurrency = 1;
    for (char *p = opt.label; *p; p++)
        if (*p == '"' || *p == '\\' || (unsigned char)*p < 32)
            *p = '_';

    uint64_t seed = (uint64_t)ws_now_ns() ^ ((uint64_t)getpid() << 32);
    int ur = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (ur >= 0) {
        if (read(ur, &seed, sizeof seed) != (ssize_t)sizeof seed)
            seed ^= 0x9E3779B97F4A7C15ULL;
        close(ur);
    }
    rng_state = seed | 1;
    if (!opt.run[0])
        snprintf(opt.run, sizeof opt.run, "%08x", (unsigned)(rnd() & 0xffffffffu));
    for (char *p = opt.run; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            die("%s", "--run-id must be alphanumeric");

    signal(SIGPIPE, SIG_IGN);
    nconns = opt.rooms * opt.cpr;
    long lim = ws_raise_nofile();
    if (lim < (long)nconns + 16) {
        fprintf(stderr, "kaiwa-load: %d connections need more than RLIMIT_NOFILE %ld\n", nconns, lim);
        return 2;
    }
    conns = calloc((size_t)nconns, sizeof *conns);
    room_open = calloc((size_t)opt.rooms, sizeof *room_open);
    nsenders = opt.rooms * opt.spr;
    senders = calloc((size_t)(nsenders ? nsenders : 1), sizeof *senders);
    if (!conns || !room_open || !senders)
        die("%s", "out of memory");
    /* Connection order interleaves rooms so every room fills up gradually. */
    for (int i = 0; i < nconns; i++) {
        conn *c = &conns[i];
        c->fd = -1;
        c->room = i % opt.rooms;
        int member = i / opt.rooms;
        c->sender = member < opt.spr ? c->room * opt.spr + member : -1;
        if (c->sender >= 0)
            senders[c->sender].conn = i;
        if (opt.spr)
            c->pairs = calloc((size_t)opt.spr, sizeof(pairstate));
    }
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) {
        perror("epoll_create1");
        return 2;
    }

    long rss_before = servers_rss_kib();
    double cpu_connect0 = servers_cpu_s();
    st.t_connect_start = ws_now_ns();
    int next_start = 0;
    int64_t connect_deadline = st.t_connect_start + (int64_t)(opt.connect_timeout * 1e9);
    struct epoll_event evs[1024];
    int64_t last_progress_print = st.t_connect_start;

    /* ---- phase 1: connect ---- */
    if (opt.burst) {
        for (; next_start < nconns; next_start++)
            conn_start(&conns[next_start]);
    }
    for (;;) {
        int64_t now = ws_now_ns();
        int inflight = 0;
        if (!opt.burst) {
            /* count in-flight lazily: started - finished */
            inflight = next_start - (int)(st.connect_ok + st.connect_fail);
            while (next_start < nconns && inflight < opt.concurrency) {
                conn_start(&conns[next_start++]);
                inflight = next_start - (int)(st.connect_ok + st.connect_fail);
            }
        }
        if (st.connect_ok + st.connect_fail >= (uint64_t)nconns)
            break;
        if (now > connect_deadline) {
            fprintf(stderr, "kaiwa-load: connect phase timed out\n");
            for (int i = 0; i < nconns; i++)
                if (conns[i].state == ST_CONNECTING || conns[i].state == ST_UPGRADING || conns[i].state == ST_IDLE) {
                    if (conns[i].state == ST_IDLE) {
                        conns[i].state = ST_FAILED;
                        st.connect_fail++;
                    } else
                        conn_drop(&conns[i], ST_FAILED);
                }
            break;
        }
        if (!opt.quiet && now - last_progress_print > 2000000000LL) {
            fprintf(stderr, "kaiwa-load: %" PRIu64 "/%d connected, %" PRIu64 " failed\n", st.connect_ok, nconns,
                    st.connect_fail);
            last_progress_print = now;
        }
        int n = epoll_wait(epfd, evs, 1024, 100);
        now = ws_now_ns();
        for (int k = 0; k < n; k++)
            on_event(&conns[evs[k].data.u32], evs[k].events, now);
    }
    double connect_s = st.connect_ok ? (double)(st.t_last_upgrade - st.t_connect_start) / 1e9 : 0;
    double cpu_connect1 = servers_cpu_s();
    if (opt.wait_go)
        wait_for_go(evs);
    int64_t t_connected = ws_now_ns();

    /* ---- phase 2: settle / run / drain ---- */
    t_send_start = t_connected + (int64_t)(opt.settle * 1e9);
    t_measure_start = t_send_start + (opt.mode == MODE_IDLE ? 0 : (int64_t)(opt.warmup * 1e9));
    t_send_end = t_measure_start + (int64_t)(opt.duration * 1e9);
    t_deadline = t_send_end + (opt.mode == MODE_IDLE ? 0 : (int64_t)(opt.drain * 1e9));
    int64_t period = opt.rate > 0 ? (int64_t)(1e9 / opt.rate) : 0;
    for (int s = 0; s < nsenders; s++) {
        senders[s].next_due = t_send_start + (nsenders ? period * s / nsenders : 0);
        senders[s].last_progress = t_send_start;
    }
    double cpu0 = -1, cpu1 = -1, aux0 = -1, aux1 = -1, load_cpu0 = 0, load_cpu1 = 0;
    bool measuring = false, measured = false;
    long rss_after = -1;
    while (1) {
        int64_t now = ws_now_ns();
        if (!measuring && !measured && now >= t_measure_start) {
            measuring = true;
            cpu0 = servers_cpu_s();
            aux0 = aux_cpu_s();
            load_cpu0 = self_cpu_s();
        }
        if (measuring && now >= t_send_end) {
            measuring = false;
            measured = true;
            cpu1 = servers_cpu_s();
            aux1 = aux_cpu_s();
            load_cpu1 = self_cpu_s();
            if (opt.mode == MODE_IDLE)
                rss_after = servers_rss_kib();
        }
        if (opt.mode != MODE_IDLE) {
            if (!sending && now >= t_send_start && now < t_send_end) {
                sending = true;
                if (opt.mode == MODE_ECHO)
                    for (int s = 0; s < nsenders; s++)
                        for (int k = 0; k < opt.pipeline; k++)
                            sender_send(s, now);
            }
            if (sending && now >= t_send_end)
                sending = false;
        }
        int64_t wake = now + 50000000LL;
        if (sending) {
            for (int s = 0; s < nsenders; s++) {
                senderstate *ss = &senders[s];
                if (opt.mode == MODE_PACED) {
                    int burst = 0;
                    while (ss->next_due <= now && burst++ < 16) {
                        sender_send(s, now);
                        ss->next_due += period;
                    }
                    if (ss->next_due + 16 * period < now)
                        ss->next_due = now + period; /* hopelessly behind: skip */
                    if (ss->next_due < wake)
                        wake = ss->next_due;
                } else if (now - ss->last_progress > (int64_t)(opt.echo_timeout * 1e9)) {
                    st.stalls++;
                    ss->last_progress = now;
                    ss->echoed = ss->sent; /* give up on the outstanding ones */
                    for (int k = 0; k < opt.pipeline; k++)
                        sender_send(s, now);
                }
            }
        }
        if (!sending && now >= t_send_end) {
            if (opt.mode == MODE_IDLE || st.delivered >= st.expected || now >= t_deadline)
                break;
        }
        int64_t targets[3] = {t_send_start, t_measure_start, t_send_end};
        for (int k = 0; k < 3; k++)
            if (targets[k] > now && targets[k] < wake)
                wake = targets[k];
        if (t_deadline > now && t_deadline < wake)
            wake = t_deadline;
        int timeout_ms = (int)((wake - now + 999999) / 1000000);
        if (timeout_ms < 0)
            timeout_ms = 0;
        int n = epoll_wait(epfd, evs, 1024, timeout_ms);
        now = ws_now_ns();
        for (int k = 0; k < n; k++)
            on_event(&conns[evs[k].data.u32], evs[k].events, now);
    }
    int64_t t_end = ws_now_ns();
    if (rss_after < 0 && opt.mode == MODE_IDLE)
        rss_after = servers_rss_kib();
    int still_open = 0;
    for (int i = 0; i < nconns; i++)
        if (conns[i].state == ST_OPEN)
            still_open++;

    /* ---- report ---- */
    double window = (double)(t_send_end - t_measure_start) / 1e9;
    uint64_t lost = st.expected > st.delivered ? st.expected - st.delivered : 0;
    double rss_per = (rss_before >= 0 && rss_after >= 0 && st.connect_ok)
                         ? (double)(rss_after - rss_before) / (double)st.connect_ok
                         : -1;
    double scpu = (cpu0 >= 0 && cpu1 >= 0) ? cpu1 - cpu0 : -1;
    double acpu = (aux0 >= 0 && aux1 >= 0) ? aux1 - aux0 : -1;
    double ccpu = (cpu_connect0 >= 0 && cpu_connect1 >= 0) ? cpu_connect1 - cpu_connect0 : -1;
    const char *mname = opt.mode == MODE_ECHO ? "echo" : opt.mode == MODE_PACED ? "paced" : "idle";
    double dps = window > 0 ? (double)st.window_deliveries / window : 0;
    double mps = window > 0 ? (double)st.window_sent / window : 0;
    printf(
        "{\"tool\":\"kaiwa-load\",\"label\":\"%s\",\"run_id\":\"%s\",\"mode\":\"%s\",\"rooms\":%d,"
        "\"clients_per_room\":%d,\"senders_per_room\":%d,\"connections\":%d,\"connected\":%" PRIu64 ","
        "\"connect_failures\":%" PRIu64 ",\"http_failures\":%" PRIu64 ",\"connect_seconds\":%.4f,\"burst\":%s,"
        "\"closed_by_server\":%" PRIu64 ",\"open_at_end\":%d,"
        "\"window_s\":%.3f,\"sent\":%" PRIu64 ",\"expected\":%" PRIu64 ",\"delivered\":%" PRIu64 ",\"lost\":%" PRIu64
        ","
        "\"duplicated\":%" PRIu64 ",\"out_of_order\":%" PRIu64 ",\"misrouted\":%" PRIu64 ",\"bogus\":%" PRIu64 ","
        "\"foreign_frames\":%" PRIu64 ",\"echo_stalls\":%" PRIu64 ","
        "\"deliveries_per_s\":%.1f,\"msgs_per_s\":%.1f,\"lat_samples\":%" PRIu64 ","
        "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
        "\"rss_before_kib\":%ld,\"rss_after_kib\":%ld,\"rss_kib_per_conn\":%.3f,"
        "\"server_cpu_s\":%.3f,\"server_cpu_connect_s\":%.3f,\"aux_cpu_s\":%.3f,\"load_cpu_s\":%.3f,\"elapsed_s\":%.3f",
        opt.label, opt.run, mname, opt.rooms, opt.cpr, opt.spr, nconns, st.connect_ok, st.connect_fail, st.http_fail,
        connect_s, opt.burst ? "true" : "false", st.closed_by_server, still_open, window, st.sent, st.expected,
        st.delivered, lost, st.dup, st.ooo, st.misrouted, st.bogus, st.foreign, st.stalls, dps, mps, st.lat_samples,
        hist_pct(0.50), hist_pct(0.90), hist_pct(0.99), (double)st.lat_max / 1e6, rss_before, rss_after, rss_per, scpu,
        ccpu, acpu, load_cpu1 - load_cpu0, (double)(t_end - st.t_connect_start) / 1e9);
    if (opt.hist) { /* for a driver that merges several load processes' percentiles */
        printf(",\"hist\":[");
        bool first = true;
        for (size_t i = 0; i < HIST_N; i++) {
            if (!hist[i])
                continue;
            printf("%s[%.4f,%" PRIu64 "]", first ? "" : ",", hist_value_ms(i), hist[i]);
            first = false;
        }
        printf("]");
    }
    printf("}\n");
    fflush(stdout);
    fprintf(stderr,
            "kaiwa-load %s [%s] run %s: %d rooms x %d clients (%d senders/room)\n"
            "  connections: %" PRIu64 " ok, %" PRIu64 " failed, %.3f s to connect%s, %" PRIu64 " closed by server\n",
            mname, opt.label, opt.run, opt.rooms, opt.cpr, opt.spr, st.connect_ok, st.connect_fail, connect_s,
            opt.burst ? " (burst)" : "", st.closed_by_server);
    if (opt.mode != MODE_IDLE)
        fprintf(
            stderr,
            "  messages: sent %" PRIu64 ", expected deliveries %" PRIu64 ", delivered %" PRIu64 ", lost %" PRIu64
            ", duplicated %" PRIu64 ", out of order %" PRIu64 ", misrouted %" PRIu64 "\n"
            "  throughput: %.0f deliveries/s, %.1f msgs/s over %.2f s; latency p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
            st.sent, st.expected, st.delivered, lost, st.dup, st.ooo, st.misrouted, dps, mps, window, hist_pct(0.5),
            hist_pct(0.99), (double)st.lat_max / 1e6);
    if (opt.nserver_pids)
        fprintf(stderr,
                "  server: cpu %.2f s in window (%.2f s while connecting), rss %ld -> %ld KiB (%.2f KiB/conn)\n", scpu,
                ccpu, rss_before, rss_after, rss_per);
    for (int i = 0; i < nconns; i++)
        if (conns[i].fd >= 0)
            conn_drop(&conns[i], ST_CLOSED);
    return 0;
}
