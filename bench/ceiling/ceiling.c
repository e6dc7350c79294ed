/* SPDX-License-Identifier: MIT */
/*
 * kaiwa-ceiling: the "C ceiling" of the bench. A minimal single-threaded
 * epoll WebSocket broadcast server for the Django Channels tutorial chat
 * protocol: ws://127.0.0.1:PORT/ws/chat/<room>/, each client text frame
 * {"message": X} becomes the frame {"message":X} (X copied as raw JSON
 * bytes), built once and appended to every room member's output buffer.
 * Output buffers are written with one send() per socket per loop iteration.
 * No history, no persistence, no validation beyond what is needed.
 *
 * usage: kaiwa-ceiling [--port N] (0 = any free port)
 * First stdout line: "ceiling listening on http://127.0.0.1:PORT/chat/".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../common/wsutil.h"

#define MAX_OUT (64u << 20) /* slow reader limit */
#define MAX_IN (1u << 20)   /* max message */

typedef struct room room;

typedef struct client {
    int fd;
    bool ws;          /* upgraded */
    bool dirty;       /* in the flush list */
    bool want_out;
    bool closing;     /* close after flushing */
    bool busy;        /* being handled: a close must not free it */
    room *room;
    size_t slot;      /* index in room->members */
    unsigned char *in; size_t inlen, incap;
    unsigned char *out; size_t outoff, outlen, outcap;
    unsigned char *msg; size_t msglen, msgcap; int msgop;
} client;

struct room {
    char *name;
    client **members;
    size_t n, cap;
    room *next;
};

#define ROOM_BUCKETS 4096
static room *rooms[ROOM_BUCKETS];
static int epfd;
static client **dirty;
static size_t ndirty, dirtycap;
static volatile sig_atomic_t stop;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) { fprintf(stderr, "kaiwa-ceiling: out of memory\n"); exit(3); }
    return q;
}

static unsigned hash(const char *s, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static room *room_get(const char *name, size_t n)
{
    unsigned b = hash(name, n) % ROOM_BUCKETS;
    for (room *r = rooms[b]; r; r = r->next)
        if (strlen(r->name) == n && memcmp(r->name, name, n) == 0) return r;
    room *r = calloc(1, sizeof *r);
    if (!r) exit(3);
    r->name = strndup(name, n);
    r->next = rooms[b];
    rooms[b] = r;
    return r;
}

static void room_leave(client *c)
{
    room *r = c->room;
    if (!r) return;
    r->members[c->slot] = r->members[--r->n];
    r->members[c->slot]->slot = c->slot;
    c->room = NULL;
}

static void set_out(client *c, bool on)
{
    if (c->want_out == on) return;
    struct epoll_event ev = { .events = EPOLLIN | (on ? EPOLLOUT : 0), .data.ptr = c };
    epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
    c->want_out = on;
}

static void client_close(client *c)
{
    room_leave(c);
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
    free(c->in); free(c->out); free(c->msg);
    c->in = c->out = c->msg = NULL;
    c->inlen = c->outlen = c->outoff = c->msglen = 0;
    /* freed at the end of the loop iteration (it may be in the dirty list) */
    if (!c->dirty && !c->busy) free(c);
}

static void mark_dirty(client *c)
{
    if (c->dirty) return;
    if (ndirty == dirtycap) {
        dirtycap = dirtycap ? dirtycap * 2 : 1024;
        dirty = xrealloc(dirty, dirtycap * sizeof *dirty);
    }
    dirty[ndirty++] = c;
    c->dirty = true;
}

static void out_append(client *c, const void *data, size_t n)
{
    if (c->fd < 0 || c->closing) return;
    if (c->outlen - c->outoff + n > MAX_OUT) { c->closing = true; mark_dirty(c); return; }
    if (c->outoff && c->outlen + n > c->outcap) { /* compact */
        memmove(c->out, c->out + c->outoff, c->outlen - c->outoff);
        c->outlen -= c->outoff;
        c->outoff = 0;
    }
    if (c->outlen + n > c->outcap) {
        size_t nc = c->outcap ? c->outcap : 4096;
        while (nc < c->outlen + n) nc *= 2;
        c->out = xrealloc(c->out, nc);
        c->outcap = nc;
    }
    memcpy(c->out + c->outlen, data, n);
    c->outlen += n;
    mark_dirty(c);
}

/* one send() per socket per loop iteration */
static void flush(client *c)
{
    if (c->fd < 0) return;
    size_t pending = c->outlen - c->outoff;
    if (pending) {
        ssize_t n = send(c->fd, c->out + c->outoff, pending, MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) { client_close(c); return; }
        if (n > 0) c->outoff += (size_t)n;
        if (c->outoff == c->outlen) {
            c->outoff = c->outlen = 0;
            free(c->out); /* idle connections hold no buffer */
            c->out = NULL;
            c->outcap = 0;
        }
    }
    if (c->outlen == c->outoff && c->closing) { client_close(c); return; }
    set_out(c, c->outlen != c->outoff);
}

static size_t frame_header(unsigned char *h, int op, size_t n)
{
    h[0] = (unsigned char)(0x80 | op);
    if (n < 126) { h[1] = (unsigned char)n; return 2; }
    if (n <= 65535) { h[1] = 126; h[2] = (unsigned char)(n >> 8); h[3] = (unsigned char)n; return 4; }
    h[1] = 127;
    for (int k = 0; k < 8; k++) h[2 + k] = (unsigned char)((uint64_t)n >> (56 - 8 * k));
    return 10;
}

/* ---- minimal JSON: find the raw value of the top-level "message" key ---- */
static const unsigned char *skip_ws(const unsigned char *p, const unsigned char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

static const unsigned char *skip_string(const unsigned char *p, const unsigned char *e)
{
    /* p at the opening quote; returns just past the closing quote or NULL */
    for (p++; p < e; p++) {
        if (*p == '\\') { p++; continue; }
        if (*p == '"') return p + 1;
    }
    return NULL;
}

static const unsigned char *skip_value(const unsigned char *p, const unsigned char *e)
{
    if (p >= e) return NULL;
    if (*p == '"') return skip_string(p, e);
    if (*p == '{' || *p == '[') {
        int depth = 0;
        while (p < e) {
            if (*p == '"') { p = skip_string(p, e); if (!p) return NULL; continue; }
            if (*p == '{' || *p == '[') depth++;
            else if (*p == '}' || *p == ']') { if (--depth == 0) return p + 1; }
            p++;
        }
        return NULL;
    }
    while (p < e && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') p++;
    return p;
}

static bool find_message(const unsigned char *p, size_t n, const unsigned char **vs, const unsigned char **ve)
{
    const unsigned char *e = p + n;
    p = skip_ws(p, e);
    if (p >= e || *p != '{') return false;
    p++;
    for (;;) {
        p = skip_ws(p, e);
        if (p >= e || *p != '"') return false;
        const unsigned char *ks = p + 1, *kend = skip_string(p, e);
        if (!kend) return false;
        bool is_msg = kend - 1 - ks == 7 && memcmp(ks, "message", 7) == 0;
        p = skip_ws(kend, e);
        if (p >= e || *p != ':') return false;
        p = skip_ws(p + 1, e);
        const unsigned char *v = skip_value(p, e);
        if (!v || v == p) return false;
        if (is_msg) { *vs = p; *ve = v; return true; }
        p = skip_ws(v, e);
        if (p < e && *p == ',') { p++; continue; }
        return false;
    }
}

static void broadcast(client *c, const unsigned char *data, size_t n)
{
    const unsigned char *vs, *ve;
    if (!c->room || !find_message(data, n, &vs, &ve)) return;
    size_t vlen = (size_t)(ve - vs), plen = 12 + vlen;
    unsigned char stackbuf[4096], *f = plen + 10 <= sizeof stackbuf ? stackbuf : xrealloc(NULL, plen + 10);
    size_t h = frame_header(f, 1, plen);
    memcpy(f + h, "{\"message\":", 11);
    memcpy(f + h + 11, vs, vlen);
    f[h + 11 + vlen] = '}';
    room *r = c->room;
    for (size_t i = 0; i < r->n; i++) out_append(r->members[i], f, h + plen);
    if (f != stackbuf) free(f);
}

static void send_control(client *c, int op, const unsigned char *p, size_t n)
{
    unsigned char f[2 + 125];
    if (n > 125) n = 125;
    size_t h = frame_header(f, op, n);
    memcpy(f + h, p, n);
    out_append(c, f, h + n);
}

/* returns bytes consumed, or (size_t)-1 to close */
static size_t parse_frames(client *c, unsigned char *buf, size_t len)
{
    size_t off = 0;
    while (len - off >= 2) {
        unsigned char *b = buf + off;
        int fin = b[0] & 0x80, op = b[0] & 0x0f;
        uint64_t plen = b[1] & 0x7f;
        size_t hdr = 2;
        if (!(b[1] & 0x80)) return (size_t)-1; /* client frames must be masked */
        if (plen == 126) { if (len - off < 4) break; plen = (uint64_t)b[2] << 8 | b[3]; hdr = 4; }
        else if (plen == 127) {
            if (len - off < 10) break;
            plen = 0;
            for (int k = 0; k < 8; k++) plen = plen << 8 | b[2 + k];
            hdr = 10;
        }
        if (plen > MAX_IN) return (size_t)-1;
        hdr += 4;
        if (len - off < hdr + plen) break;
        unsigned char *mk = b + hdr - 4, *pl = b + hdr;
        for (size_t k = 0; k < plen; k++) pl[k] ^= mk[k & 3];
        off += hdr + (size_t)plen;
        if (op >= 8) {
            if (op == 9) send_control(c, 10, pl, (size_t)plen);
            else if (op == 8) { send_control(c, 8, pl, plen >= 2 ? 2 : 0); c->closing = true; room_leave(c); return len; }
            continue;
        }
        if (op != 0) { c->msgop = op; c->msglen = 0; }
        else if (!c->msgop) return (size_t)-1;
        if (fin && c->msglen == 0) {
            if (c->msgop == 1) broadcast(c, pl, (size_t)plen);
            c->msgop = 0;
            continue;
        }
        if (c->msglen + plen > MAX_IN) return (size_t)-1;
        if (c->msglen + plen > c->msgcap) { c->msgcap = (c->msglen + (size_t)plen) * 2; c->msg = xrealloc(c->msg, c->msgcap); }
        memcpy(c->msg + c->msglen, pl, (size_t)plen);
        c->msglen += (size_t)plen;
        if (fin) {
            if (c->msgop == 1) broadcast(c, c->msg, c->msglen);
            c->msgop = 0;
            c->msglen = 0;
        }
    }
    return off;
}

static void http_reply(client *c, const char *status)
{
    char buf[256];
    int n = snprintf(buf, sizeof buf, "HTTP/1.1 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", status);
    out_append(c, buf, (size_t)n);
    c->closing = true;
}

/* returns bytes consumed by the request, 0 if incomplete */
static size_t handle_upgrade(client *c, unsigned char *buf, size_t len)
{
    buf[len] = 0;
    char *eoh = strstr((char *)buf, "\r\n\r\n");
    if (!eoh) {
        if (len > 16384) http_reply(c, "431 Request Header Fields Too Large");
        return 0;
    }
    size_t used = (size_t)(eoh + 4 - (char *)buf);
    eoh[2] = 0;
    char *req = (char *)buf;
    static const char prefix[] = "GET /ws/chat/";
    if (strncmp(req, prefix, sizeof prefix - 1) != 0) { http_reply(c, "404 Not Found"); return used; }
    char *room_s = req + sizeof prefix - 1, *sp = strchr(room_s, ' ');
    if (!sp) { http_reply(c, "400 Bad Request"); return used; }
    char *q = memchr(room_s, '?', (size_t)(sp - room_s));
    char *end = q ? q : sp;
    if (end - room_s < 2 || end[-1] != '/') { http_reply(c, "404 Not Found"); return used; }
    size_t rlen = (size_t)(end - 1 - room_s);
    if (memchr(room_s, '/', rlen)) { http_reply(c, "404 Not Found"); return used; }
    const char *key = NULL;
    size_t keylen = 0;
    for (char *line = strstr(req, "\r\n"); line && line[2]; line = strstr(line + 2, "\r\n")) {
        char *l = line + 2;
        if (strncasecmp(l, "Sec-WebSocket-Key:", 18) == 0) {
            key = l + 18;
            while (*key == ' ' || *key == '\t') key++;
            const char *ke = strstr(key, "\r\n");
            if (!ke) ke = key + strlen(key);
            while (ke > key && (ke[-1] == ' ' || ke[-1] == '\t')) ke--;
            keylen = (size_t)(ke - key);
        }
    }
    if (!key || keylen == 0 || keylen > 64) { http_reply(c, "400 Bad Request"); return used; }
    char accept[29], resp[256];
    ws_accept_key(key, keylen, accept);
    int n = snprintf(resp, sizeof resp,
                     "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Accept: %s\r\n\r\n", accept);
    room *r = room_get(room_s, rlen);
    out_append(c, resp, (size_t)n);
    if (r->n == r->cap) { r->cap = r->cap ? r->cap * 2 : 16; r->members = xrealloc(r->members, r->cap * sizeof *r->members); }
    c->slot = r->n;
    r->members[r->n++] = c;
    c->room = r;
    c->ws = true;
    return used;
}

static unsigned char *rscratch;
static size_t rscratch_cap;

static void on_readable(client *c)
{
    size_t have = c->inlen;
    size_t want = have + 65536 + 1;
    if (rscratch_cap < want) { rscratch = xrealloc(rscratch, want); rscratch_cap = want; }
    if (have) memcpy(rscratch, c->in, have);
    ssize_t n = recv(c->fd, rscratch + have, rscratch_cap - have - 1, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) { client_close(c); return; }
    if (n < 0) return;
    if (c->closing) return; /* discard input while closing */
    size_t len = have + (size_t)n, off = 0;
    if (!c->ws) {
        off = handle_upgrade(c, rscratch, len);
        if (off == 0 && !c->closing) goto keep;
        if (c->closing) { c->inlen = 0; return; }
    }
    size_t used = parse_frames(c, rscratch + off, len - off);
    if (used == (size_t)-1) { client_close(c); return; }
    off += used;
keep:
    if (c->closing) { c->inlen = 0; return; }
    {
        size_t left = len - off;
        if (left > c->incap) { c->incap = left * 2; c->in = xrealloc(c->in, c->incap); }
        if (left) memcpy(c->in, rscratch + off, left);
        c->inlen = left;
        if (!left && c->incap > 4096) { free(c->in); c->in = NULL; c->incap = 0; }
    }
}

static void on_signal(int sig) { (void)sig; stop = 1; }

int main(int argc, char **argv)
{
    int port = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--port") && i + 1 < argc) port = atoi(argv[++i]);
        else { fprintf(stderr, "usage: kaiwa-ceiling [--port N]\n"); return 2; }
    }
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = { .sa_handler = on_signal };
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    ws_raise_nofile();
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(lfd, 65535) != 0) { perror("kaiwa-ceiling: bind/listen"); return 1; }
    socklen_t al = sizeof addr;
    getsockname(lfd, (struct sockaddr *)&addr, &al);
    printf("ceiling listening on http://127.0.0.1:%d/chat/\n", ntohs(addr.sin_port));
    fflush(stdout);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event lev = { .events = EPOLLIN, .data.ptr = NULL };
    epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &lev);
    struct epoll_event evs[1024];
    while (!stop) {
        int n = epoll_wait(epfd, evs, 1024, 1000);
        if (n < 0 && errno != EINTR) { perror("epoll_wait"); return 1; }
        for (int i = 0; i < n; i++) {
            client *c = evs[i].data.ptr;
            if (!c) {
                for (int k = 0; k < 256; k++) {
                    int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (fd < 0) break;
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    client *nc = calloc(1, sizeof *nc);
                    if (!nc) { close(fd); continue; }
                    nc->fd = fd;
                    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = nc };
                    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) { close(fd); free(nc); }
                }
                continue;
            }
            if (c->fd < 0) continue;
            if (evs[i].events & EPOLLOUT) mark_dirty(c);
            if (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
                c->busy = true; /* keep c alive through a close inside on_readable */
                on_readable(c);
                c->busy = false;
                if (c->fd < 0 && !c->dirty) { free(c); evs[i].data.ptr = NULL; continue; }
                if (c->fd < 0) continue;
            }
        }
        /* flush: one send() per dirty socket */
        for (size_t i = 0; i < ndirty; i++) {
            client *c = dirty[i];
            c->busy = true; /* a close inside flush must not free c */
            if (c->fd >= 0) flush(c);
            c->busy = false;
            c->dirty = false;
            if (c->fd < 0) free(c);
        }
        ndirty = 0;
    }
    return 0;
}
