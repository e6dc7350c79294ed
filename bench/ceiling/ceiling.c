/* SPDX-License-Identifier: MIT */
/*
 * kaiwa-ceiling: the "C ceiling" of the bench, a careful single-threaded
 * epoll WebSocket broadcast server for the Django Channels tutorial chat
 * protocol: ws://127.0.0.1:PORT/ws/chat/<room>/, each client text frame
 * {"message": X} becomes the frame {"message":X} (X copied as raw JSON bytes)
 * and goes to every member of the room, the sender included.
 *
 * It is meant to be at least as strong as kaiwa-server's transport
 * (server/transport: SocketStream, EpollEventDispatcher), so that a ratio
 * against it is a ratio against what one core can do:
 *   - one JSON scan and one frame encoding per broadcast; the frame is a
 *     reference-counted buffer queued (by pointer) on every member;
 *   - every frame queued for a socket during a loop turn leaves in one
 *     sendmsg() at the end of the turn (an iovec of the shared frames, up to
 *     IOV_MAX), MSG_NOSIGNAL; EPOLLOUT only while the kernel refuses bytes;
 *   - no allocation per delivery: frames and clients come from free lists,
 *     a member's queue is an inline ring that grows only for slow readers;
 *   - reads go to one shared 64 KiB buffer, a client keeps only a partial frame;
 *   - TCP_NODELAY, listen backlog 65535 (capped by net.core.somaxconn),
 *     accept4() in a loop until EAGAIN.
 * Slow readers are bounded: a client with more than MAX_OUT bytes queued is
 * closed at once. No history, no persistence, no validation beyond what the
 * protocol needs.
 *
 * usage: kaiwa-ceiling [--port N] (0 = any free port)
 * First stdout line: "ceiling listening on http://127.0.0.1:PORT/chat/".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
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
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../common/wsutil.h"

#define MAX_OUT (4u << 20) /* bytes queued for one client before it is closed (kaiwa's --max-send-queue) */
#define MAX_IN (1u << 20)  /* largest message */
#define READ_CHUNK 65536   /* one recv() per readiness, as kaiwa's SocketStream */
#define QUEUE_INLINE 8     /* frames a member can hold without a heap ring */
#ifndef IOV_MAX
#define IOV_MAX 1024
#endif

/* ---- shared, reference-counted frames from size-class free lists ---- */
typedef struct frame {
    struct frame *next_free;
    unsigned refs;
    unsigned cls; /* size class, or NCLASSES for an oversized frame (malloc/free) */
    size_t len;
    unsigned char data[];
} frame;

#define NCLASSES 4
static const size_t class_cap[NCLASSES] = {256, 1024, 4096, 16384};
static frame *free_frames[NCLASSES];

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "kaiwa-ceiling: out of memory\n");
        exit(3);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "kaiwa-ceiling: out of memory\n");
        exit(3);
    }
    return q;
}

/* A frame of len bytes with one reference (the caller's). */
static frame *frame_new(size_t len)
{
    unsigned cls = 0;
    while (cls < NCLASSES && class_cap[cls] < len)
        cls++;
    frame *f;
    if (cls < NCLASSES && free_frames[cls]) {
        f = free_frames[cls];
        free_frames[cls] = f->next_free;
    } else {
        f = xmalloc(sizeof *f + (cls < NCLASSES ? class_cap[cls] : len));
    }
    f->refs = 1;
    f->cls = cls;
    f->len = len;
    return f;
}

static void frame_unref(frame *f)
{
    if (--f->refs)
        return;
    if (f->cls == NCLASSES) {
        free(f);
        return;
    }
    f->next_free = free_frames[f->cls];
    free_frames[f->cls] = f;
}

/* ---- clients and rooms ---- */
typedef struct room room;

typedef struct client {
    int fd;
    bool ws;       /* upgraded */
    bool dirty;    /* in the flush list */
    bool want_out; /* EPOLLOUT registered: the kernel refused bytes */
    bool closing;  /* close after flushing */
    bool overflow; /* slow reader: close at the next flush, dropping the queue */
    room *room;
    size_t slot; /* index in room->members */
    /* outgoing: a ring of frame pointers (inline until a slow reader needs more) */
    frame **q;
    unsigned qhead, qlen, qcap; /* qcap is a power of two */
    size_t headoff;             /* bytes of the head frame already sent */
    size_t queued;              /* bytes not yet sent */
    frame *qinline[QUEUE_INLINE];
    /* incoming: a partial frame left by the last read, a fragmented message */
    unsigned char *in;
    size_t inlen, incap;
    unsigned char *msg;
    size_t msglen, msgcap;
    int msgop;
    struct client *next; /* free list / closed in this turn */
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
static client *free_clients;
static client *closed_clients; /* recycled at the end of the turn: later events of this turn may name them */
static volatile sig_atomic_t stop;

static unsigned hash(const char *s, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static room *room_get(const char *name, size_t n)
{
    unsigned b = hash(name, n) % ROOM_BUCKETS;
    for (room *r = rooms[b]; r; r = r->next)
        if (strlen(r->name) == n && memcmp(r->name, name, n) == 0)
            return r;
    room *r = calloc(1, sizeof *r);
    if (!r)
        exit(3);
    r->name = strndup(name, n);
    r->next = rooms[b];
    rooms[b] = r;
    return r;
}

static void room_leave(client *c)
{
    room *r = c->room;
    if (!r)
        return;
    r->members[c->slot] = r->members[--r->n];
    r->members[c->slot]->slot = c->slot;
    c->room = NULL;
}

static client *client_new(int fd)
{
    client *c = free_clients;
    if (c)
        free_clients = c->next;
    else
        c = xmalloc(sizeof *c);
    memset(c, 0, sizeof *c);
    c->fd = fd;
    c->q = c->qinline;
    c->qcap = QUEUE_INLINE;
    return c;
}

static void set_out(client *c, bool on)
{
    if (c->want_out == on)
        return;
    struct epoll_event ev = {.events = EPOLLIN | (on ? EPOLLOUT : 0), .data.ptr = c};
    epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
    c->want_out = on;
}

static void queue_drop(client *c)
{
    for (unsigned i = 0; i < c->qlen; i++)
        frame_unref(c->q[(c->qhead + i) & (c->qcap - 1)]);
    if (c->q != c->qinline)
        free(c->q);
    c->q = c->qinline;
    c->qcap = QUEUE_INLINE;
    c->qhead = c->qlen = 0;
    c->headoff = c->queued = 0;
}

static void client_close(client *c)
{
    if (c->fd < 0)
        return;
    room_leave(c);
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
    queue_drop(c);
    free(c->in);
    free(c->msg);
    c->in = c->msg = NULL;
    c->inlen = c->incap = c->msglen = c->msgcap = 0;
    c->next = closed_clients;
    closed_clients = c;
}

static void mark_dirty(client *c)
{
    if (c->dirty)
        return;
    if (ndirty == dirtycap) {
        dirtycap = dirtycap ? dirtycap * 2 : 1024;
        dirty = xrealloc(dirty, dirtycap * sizeof *dirty);
    }
    dirty[ndirty++] = c;
    c->dirty = true;
}

/* Queues a reference to f for c (sent at the end of the turn). */
static void queue_frame(client *c, frame *f)
{
    if (c->fd < 0 || c->closing || c->overflow)
        return;
    if (c->queued + f->len > MAX_OUT) {
        c->overflow = true;
        mark_dirty(c);
        return;
    }
    if (c->qlen == c->qcap) { /* a slow reader (or a burst): a bigger ring, kept until drained */
        unsigned ncap = c->qcap * 2;
        frame **nq = xmalloc(ncap * sizeof *nq);
        for (unsigned i = 0; i < c->qlen; i++)
            nq[i] = c->q[(c->qhead + i) & (c->qcap - 1)];
        if (c->q != c->qinline)
            free(c->q);
        c->q = nq;
        c->qcap = ncap;
        c->qhead = 0;
    }
    f->refs++;
    c->q[(c->qhead + c->qlen) & (c->qcap - 1)] = f;
    c->qlen++;
    c->queued += f->len;
    mark_dirty(c);
}

/* Sends what is queued: one sendmsg() of every queued frame (up to IOV_MAX). */
static void flush(client *c)
{
    if (c->overflow) {
        client_close(c);
        return;
    }
    while (c->qlen) {
        struct iovec iov[IOV_MAX];
        unsigned n = 0;
        size_t offered = 0;
        for (; n < c->qlen && n < IOV_MAX; n++) {
            frame *f = c->q[(c->qhead + n) & (c->qcap - 1)];
            size_t skip = n == 0 ? c->headoff : 0;
            iov[n].iov_base = f->data + skip;
            iov[n].iov_len = f->len - skip;
            offered += f->len - skip;
        }
        struct msghdr mh = {.msg_iov = iov, .msg_iovlen = n};
        ssize_t w = sendmsg(c->fd, &mh, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                set_out(c, true);
                return;
            }
            client_close(c);
            return;
        }
        size_t left = (size_t)w;
        c->queued -= left;
        left += c->headoff;
        while (c->qlen) {
            frame *f = c->q[c->qhead];
            if (left < f->len)
                break;
            left -= f->len;
            frame_unref(f);
            c->qhead = (c->qhead + 1) & (c->qcap - 1);
            c->qlen--;
        }
        c->headoff = left;
        if ((size_t)w < offered) {
            set_out(c, true);
            return;
        } /* kernel buffer full: wait for EPOLLOUT */
    }
    if (c->q != c->qinline) { /* drained: give the slow reader's ring back */
        free(c->q);
        c->q = c->qinline;
        c->qcap = QUEUE_INLINE;
        c->qhead = 0;
    }
    if (c->closing) {
        client_close(c);
        return;
    }
    set_out(c, false);
}

static size_t frame_header(unsigned char *h, int op, size_t n)
{
    h[0] = (unsigned char)(0x80 | op);
    if (n < 126) {
        h[1] = (unsigned char)n;
        return 2;
    }
    if (n <= 65535) {
        h[1] = 126;
        h[2] = (unsigned char)(n >> 8);
        h[3] = (unsigned char)n;
        return 4;
    }
    h[1] = 127;
    for (int k = 0; k < 8; k++)
        h[2 + k] = (unsigned char)((uint64_t)n >> (56 - 8 * k));
    return 10;
}

static size_t header_size(size_t n)
{
    return n < 126 ? 2 : n <= 65535 ? 4 : 10;
}

/* ---- minimal JSON: find the raw value of the top-level "message" key ---- */
static const unsigned char *skip_ws(const unsigned char *p, const unsigned char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static const unsigned char *skip_string(const unsigned char *p, const unsigned char *e)
{
    /* p at the opening quote; returns just past the closing quote or NULL */
    for (p++; p < e; p++) {
        if (*p == '\\') {
            p++;
            continue;
        }
        if (*p == '"')
            return p + 1;
    }
    return NULL;
}

static const unsigned char *skip_value(const unsigned char *p, const unsigned char *e)
{
    if (p >= e)
        return NULL;
    if (*p == '"')
        return skip_string(p, e);
    if (*p == '{' || *p == '[') {
        int depth = 0;
        while (p < e) {
            if (*p == '"') {
                p = skip_string(p, e);
                if (!p)
                    return NULL;
                continue;
            }
            if (*p == '{' || *p == '[')
                depth++;
            else if (*p == '}' || *p == ']') {
                if (--depth == 0)
                    return p + 1;
            }
            p++;
        }
        return NULL;
    }
    while (p < e && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
        p++;
    return p;
}

static bool find_message(const unsigned char *p, size_t n, const unsigned char **vs, const unsigned char **ve)
{
    const unsigned char *e = p + n;
    p = skip_ws(p, e);
    if (p >= e || *p != '{')
        return false;
    p++;
    for (;;) {
        p = skip_ws(p, e);
        if (p >= e || *p != '"')
            return false;
        const unsigned char *ks = p + 1, *kend = skip_string(p, e);
        if (!kend)
            return false;
        bool is_msg = kend - 1 - ks == 7 && memcmp(ks, "message", 7) == 0;
        p = skip_ws(kend, e);
        if (p >= e || *p != ':')
            return false;
        p = skip_ws(p + 1, e);
        const unsigned char *v = skip_value(p, e);
        if (!v || v == p)
            return false;
        if (is_msg) {
            *vs = p;
            *ve = v;
            return true;
        }
        p = skip_ws(v, e);
        if (p < e && *p == ',') {
            p++;
            continue;
        }
        return false;
    }
}

/* One scan, one encoded frame, one reference queued per member. */
static void broadcast(client *c, const unsigned char *data, size_t n)
{
    const unsigned char *vs, *ve;
    if (!c->room || !find_message(data, n, &vs, &ve))
        return;
    size_t vlen = (size_t)(ve - vs), plen = 12 + vlen, h = header_size(plen);
    frame *f = frame_new(h + plen);
    frame_header(f->data, 1, plen);
    memcpy(f->data + h, "{\"message\":", 11);
    memcpy(f->data + h + 11, vs, vlen);
    f->data[h + 11 + vlen] = '}';
    room *r = c->room;
    for (size_t i = 0; i < r->n; i++)
        queue_frame(r->members[i], f);
    frame_unref(f);
}

static void send_bytes(client *c, const void *p, size_t n)
{
    frame *f = frame_new(n);
    memcpy(f->data, p, n);
    queue_frame(c, f);
    frame_unref(f);
}

static void send_control(client *c, int op, const unsigned char *p, size_t n)
{
    unsigned char f[2 + 125];
    if (n > 125)
        n = 125;
    size_t h = frame_header(f, op, n);
    memcpy(f + h, p, n);
    send_bytes(c, f, h + n);
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
        if (!(b[1] & 0x80))
            return (size_t)-1; /* client frames must be masked */
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
        if (plen > MAX_IN)
            return (size_t)-1;
        hdr += 4;
        if (len - off < hdr + plen)
            break;
        unsigned char *mk = b + hdr - 4, *pl = b + hdr;
        for (size_t k = 0; k < plen; k++)
            pl[k] ^= mk[k & 3];
        off += hdr + (size_t)plen;
        if (op >= 8) {
            if (op == 9)
                send_control(c, 10, pl, (size_t)plen);
            else if (op == 8) {
                send_control(c, 8, pl, plen >= 2 ? 2 : 0);
                c->closing = true;
                room_leave(c);
                return len;
            }
            continue;
        }
        if (op != 0) {
            c->msgop = op;
            c->msglen = 0;
        } else if (!c->msgop)
            return (size_t)-1;
        if (fin && c->msglen == 0) {
            if (c->msgop == 1)
                broadcast(c, pl, (size_t)plen);
            c->msgop = 0;
            continue;
        }
        if (c->msglen + plen > MAX_IN)
            return (size_t)-1;
        if (c->msglen + plen > c->msgcap) {
            c->msgcap = (c->msglen + (size_t)plen) * 2;
            c->msg = xrealloc(c->msg, c->msgcap);
        }
        memcpy(c->msg + c->msglen, pl, (size_t)plen);
        c->msglen += (size_t)plen;
        if (fin) {
            if (c->msgop == 1)
                broadcast(c, c->msg, c->msglen);
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
    send_bytes(c, buf, (size_t)n);
    c->closing = true;
}

/* returns bytes consumed by the request, 0 if incomplete */
static size_t handle_upgrade(client *c, unsigned char *buf, size_t len)
{
    buf[len] = 0;
    char *eoh = strstr((char *)buf, "\r\n\r\n");
    if (!eoh) {
        if (len > 16384)
            http_reply(c, "431 Request Header Fields Too Large");
        return 0;
    }
    size_t used = (size_t)(eoh + 4 - (char *)buf);
    eoh[2] = 0;
    char *req = (char *)buf;
    static const char prefix[] = "GET /ws/chat/";
    if (strncmp(req, prefix, sizeof prefix - 1) != 0) {
        http_reply(c, "404 Not Found");
        return used;
    }
    char *room_s = req + sizeof prefix - 1, *sp = strchr(room_s, ' ');
    if (!sp) {
        http_reply(c, "400 Bad Request");
        return used;
    }
    char *q = memchr(room_s, '?', (size_t)(sp - room_s));
    char *end = q ? q : sp;
    if (end - room_s < 2 || end[-1] != '/') {
        http_reply(c, "404 Not Found");
        return used;
    }
    size_t rlen = (size_t)(end - 1 - room_s);
    if (memchr(room_s, '/', rlen)) {
        http_reply(c, "404 Not Found");
        return used;
    }
    const char *key = NULL;
    size_t keylen = 0;
    for (char *line = strstr(req, "\r\n"); line && line[2]; line = strstr(line + 2, "\r\n")) {
        char *l = line + 2;
        if (strncasecmp(l, "Sec-WebSocket-Key:", 18) == 0) {
            key = l + 18;
            while (*key == ' ' || *key == '\t')
                key++;
            const char *ke = strstr(key, "\r\n");
            if (!ke)
                ke = key + strlen(key);
            while (ke > key && (ke[-1] == ' ' || ke[-1] == '\t'))
                ke--;
            keylen = (size_t)(ke - key);
        }
    }
    if (!key || keylen == 0 || keylen > 64) {
        http_reply(c, "400 Bad Request");
        return used;
    }
    char accept[29], resp[256];
    ws_accept_key(key, keylen, accept);
    int n = snprintf(resp, sizeof resp,
                     "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Accept: %s\r\n\r\n",
                     accept);
    room *r = room_get(room_s, rlen);
    send_bytes(c, resp, (size_t)n);
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->members = xrealloc(r->members, r->cap * sizeof *r->members);
    }
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
    size_t want = have + READ_CHUNK + 1;
    if (rscratch_cap < want) {
        rscratch = xrealloc(rscratch, want);
        rscratch_cap = want;
    }
    if (have)
        memcpy(rscratch, c->in, have);
    ssize_t n = recv(c->fd, rscratch + have, READ_CHUNK, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        client_close(c);
        return;
    }
    if (n < 0)
        return;
    if (c->closing)
        return; /* discard input while closing */
    size_t len = have + (size_t)n, off = 0;
    if (!c->ws) {
        off = handle_upgrade(c, rscratch, len);
        if (off == 0 && !c->closing)
            goto keep;
        if (c->closing) {
            c->inlen = 0;
            return;
        }
    }
    size_t used = parse_frames(c, rscratch + off, len - off);
    if (used == (size_t)-1) {
        client_close(c);
        return;
    }
    off += used;
keep:
    if (c->closing) {
        c->inlen = 0;
        return;
    }
    {
        size_t left = len - off;
        if (left > c->incap) {
            c->incap = left * 2;
            c->in = xrealloc(c->in, c->incap);
        }
        if (left)
            memcpy(c->in, rscratch + off, left);
        c->inlen = left;
        if (!left && c->incap > 4096) {
            free(c->in);
            c->in = NULL;
            c->incap = 0;
        }
    }
}

static void accept_all(int lfd)
{
    static const int one = 1;
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                perror("kaiwa-ceiling: accept4");
            return; /* EAGAIN: the backlog is empty; EMFILE and the like: retried next turn */
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        client *c = client_new(fd);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
            close(fd);
            c->next = free_clients;
            free_clients = c;
        }
    }
}

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

int main(int argc, char **argv)
{
    int port = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--port") && i + 1 < argc)
            port = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: kaiwa-ceiling [--port N]\n");
            return 2;
        }
    }
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    ws_raise_nofile();
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(lfd, 65535) != 0) {
        perror("kaiwa-ceiling: bind/listen");
        return 1;
    }
    socklen_t al = sizeof addr;
    getsockname(lfd, (struct sockaddr *)&addr, &al);
    printf("ceiling listening on http://127.0.0.1:%d/chat/\n", ntohs(addr.sin_port));
    fflush(stdout);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event lev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &lev);
    struct epoll_event evs[1024];
    while (!stop) {
        int n = epoll_wait(epfd, evs, 1024, 1000);
        if (n < 0 && errno != EINTR) {
            perror("epoll_wait");
            return 1;
        }
        for (int i = 0; i < n; i++) {
            client *c = evs[i].data.ptr;
            if (!c) {
                accept_all(lfd);
                continue;
            }
            if (c->fd < 0)
                continue; /* closed earlier in this turn */
            if (evs[i].events & EPOLLOUT)
                mark_dirty(c);
            if (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP))
                on_readable(c);
        }
        /* end of the turn: one sendmsg() per socket written to */
        for (size_t i = 0; i < ndirty; i++) {
            client *c = dirty[i];
            c->dirty = false;
            if (c->fd >= 0)
                flush(c);
        }
        ndirty = 0;
        while (closed_clients) {
            client *c = closed_clients;
            closed_clients = c->next;
            c->next = free_clients;
            free_clients = c;
        }
    }
    return 0;
}
