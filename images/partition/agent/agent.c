/*
 * nestbed partition agent: a small static program started by the guest's /init.
 * It is how nestbed sees the truth from inside a partition: a 10 ms heartbeat,
 * a memory workload with a set working set and dirty rate, a checksum that
 * proves no memory was lost, and onlining of hot-added CPUs and memory.
 *
 * Protocol (one line each way, '\n' terminated, '\r' tolerated): see
 * images/partition/README.md. The channel is a serial port (default /dev/ttyS1)
 * whose host side (a QEMU pty that nestbed opens through libvirt) may connect late.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define AGENT_VERSION "1.0"
#define PAGE 4096u
#define WORDS_PER_PAGE (PAGE / 8u)
/* Heartbeat period: 10 ms unless nestbed.hb=<ms> says otherwise (an L2 under
 * nested TCG beats every 100 ms: each beat is emulated serial-port work). */
static int64_t hb_period_ns = 10000000LL;
#define SLICE_NS 10000000LL        /* dirtier works in 10 ms slices */
#define MAX_CATCHUP_NS 100000000LL /* after a pause, dirty at most 100 ms worth */
#define ONLINE_PERIOD_US 100000    /* onlining scan every 100 ms */
#define WRITE_BUDGET_NS 5000000LL  /* time we may spend finishing a half-written line */

static int chan = -1;
static pthread_mutex_t out_lock;   /* one line at a time on the channel */
static int out_broken;             /* last line was cut: start the next one on a fresh line */

/* Working set: word i of the area holds pattern(i, gen[i / WORDS_PER_PAGE]). */
static pthread_mutex_t ws_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t *ws_mem;
static uint32_t *ws_gen;
static size_t ws_bytes;            /* written under ws_lock, read atomically for status */
static uint64_t dirty_rate;        /* bytes per second, same */
static size_t dirty_cursor;
static uint64_t hb_seq;
static uint64_t dirtied;            /* bytes the workload has written since the agent began */

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_until(int64_t deadline)
{
    struct timespec ts = { deadline / 1000000000LL, deadline % 1000000000LL };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

static void console(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("nestbed-agent: ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    fflush(stdout);
    va_end(ap);
}

/* Sends one line. Never blocks for long: a full buffer (host not reading) drops
 * the line, because a late heartbeat is worse than a missing one. */
static void send_line(const char *fmt, ...)
{
    char buf[600];
    int n = 0;
    va_list ap;
    va_start(ap, fmt);
    pthread_mutex_lock(&out_lock);
    if (out_broken)
        buf[n++] = '\n';
    n += vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
    if (n > (int)sizeof buf - 2)
        n = (int)sizeof buf - 2;
    buf[n++] = '\n';
    size_t off = 0;
    int64_t give_up = now_ns() + WRITE_BUDGET_NS;
    while (off < (size_t)n) {
        ssize_t w = write(chan, buf + off, (size_t)n - off);
        if (w > 0) { off += (size_t)w; continue; }
        if (w < 0 && errno == EINTR) continue;
        if (off == 0 || now_ns() >= give_up) break;
        struct pollfd p = { chan, POLLOUT, 0 };
        poll(&p, 1, 1);
    }
    out_broken = off > 0 && off < (size_t)n;
    pthread_mutex_unlock(&out_lock);
    va_end(ap);
}

/* A cheap mix (splitmix64 finalizer) so that any lost, zeroed, stale or
 * misplaced page shows up as bad words. */
static uint64_t pattern(uint64_t word_index, uint32_t gen)
{
    uint64_t x = word_index ^ ((uint64_t)gen << 40) ^ 0x6e65737462656421ULL;
    x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27; x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static void fill_page(size_t page)
{
    uint64_t *w = ws_mem + page * WORDS_PER_PAGE;
    uint64_t base = (uint64_t)page * WORDS_PER_PAGE;
    for (unsigned i = 0; i < WORDS_PER_PAGE; i++)
        w[i] = pattern(base + i, ws_gen[page]);
}

static long meminfo_kib(const char *key)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[128];
    long v = -1;
    size_t kl = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, kl) == 0 && line[kl] == ':') { v = atol(line + kl + 1); break; }
    if (f) fclose(f);
    return v;
}

/* Replaces the working set. Holds ws_lock throughout so the dirtier and a
 * checksum never see a half-built area; the heartbeat does not need the lock. */
static int set_workload(uint64_t ws, uint64_t dirty, char *err, size_t errlen)
{
    ws = (ws + PAGE - 1) / PAGE * PAGE;
    pthread_mutex_lock(&ws_lock);
    if (ws != ws_bytes) {
        long avail = meminfo_kib("MemAvailable");
        /* Refuse rather than let the OOM killer take the agent (and the guest). */
        if (avail >= 0 && ws > ws_bytes && ws + (16u << 20) > (uint64_t)avail * 1024 + ws_bytes) {
            snprintf(err, errlen, "ws=%" PRIu64 " exceeds available memory (%ld KiB)", ws, avail);
            pthread_mutex_unlock(&ws_lock);
            return -1;
        }
        if (ws_mem) munmap(ws_mem, ws_bytes);
        free(ws_gen);
        ws_mem = NULL; ws_gen = NULL;
        __atomic_store_n(&ws_bytes, 0, __ATOMIC_RELAXED);
        dirty_cursor = 0;
        if (ws) {
            void *m = mmap(NULL, ws, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            ws_gen = calloc(ws / PAGE, sizeof *ws_gen);
            if (m == MAP_FAILED || !ws_gen) {
                snprintf(err, errlen, "cannot allocate ws=%" PRIu64 ": %s", ws, strerror(errno));
                if (m != MAP_FAILED) munmap(m, ws);
                free(ws_gen); ws_gen = NULL;
                pthread_mutex_unlock(&ws_lock);
                return -1;
            }
            ws_mem = m;
            for (size_t p = 0; p < ws / PAGE; p++)
                fill_page(p);
        }
        __atomic_store_n(&ws_bytes, (size_t)ws, __ATOMIC_RELAXED);
    }
    __atomic_store_n(&dirty_rate, dirty, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&ws_lock);
    return 0;
}

static void *heartbeat_main(void *arg)
{
    (void)arg;
    /* Real-time priority so a checksum or the dirtier cannot delay a beat on a
     * single vCPU. Best effort: without it the beat still runs. */
    struct sched_param sp = { .sched_priority = 10 };
    pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
    int64_t deadline = now_ns();
    for (;;) {
        deadline += hb_period_ns;
        int64_t now = now_ns();
        /* Missed one or more beats (guest paused, e.g. migration downtime):
         * skip them instead of bursting; the host sees the gap in mono_ns. */
        if (now - deadline >= hb_period_ns)
            deadline += (now - deadline) / hb_period_ns * hb_period_ns;
        sleep_until(deadline);
        uint64_t seq = __atomic_add_fetch(&hb_seq, 1, __ATOMIC_RELAXED);
        send_line("HB %" PRIu64 " %" PRId64, seq, now_ns());
    }
    return NULL;
}

static void *dirtier_main(void *arg)
{
    (void)arg;
    unsigned __int128 credit = 0;          /* bytes * ns still owed */
    int64_t last = now_ns(), deadline = last;
    for (;;) {
        deadline += SLICE_NS;
        int64_t now = now_ns();
        if (now - deadline >= SLICE_NS)
            deadline = now;
        sleep_until(deadline);
        now = now_ns();
        int64_t elapsed = now - last;
        last = now;
        if (elapsed > MAX_CATCHUP_NS)
            elapsed = MAX_CATCHUP_NS;
        pthread_mutex_lock(&ws_lock);
        size_t pages = ws_bytes / PAGE;
        uint64_t rate = dirty_rate;
        if (pages == 0 || rate == 0) {
            credit = 0;
        } else {
            credit += (unsigned __int128)rate * (uint64_t)elapsed;
            uint64_t n = (uint64_t)(credit / ((unsigned __int128)PAGE * 1000000000u));
            credit -= (unsigned __int128)n * PAGE * 1000000000u;
            if (n > pages) n = pages;   /* once per slice is all a page can be dirtied */
            __atomic_add_fetch(&dirtied, n * PAGE, __ATOMIC_RELAXED);
            while (n--) {
                ws_gen[dirty_cursor]++;
                fill_page(dirty_cursor);
                dirty_cursor = (dirty_cursor + 1) % pages;
            }
        }
        pthread_mutex_unlock(&ws_lock);
    }
    return NULL;
}

/* Writes `on` into DIR/<prefix>N/FILE wherever it reads `off`. Hot-added CPUs
 * and memory blocks arrive offline in this kernel (no udev rules here). */
static void online_all(const char *dir, const char *prefix, const char *file,
                       const char *off, const char *on)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t pl = strlen(prefix);
    while (d && (e = readdir(d))) {
        if (strncmp(e->d_name, prefix, pl) != 0 || !isdigit((unsigned char)e->d_name[pl]))
            continue;
        char path[300], buf[32] = "";
        snprintf(path, sizeof path, "%s/%s/%s", dir, e->d_name, file);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;   /* e.g. cpu0 has no online file */
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0) continue;
        buf[strcspn(buf, "\n")] = 0;
        if (strcmp(buf, off) != 0) continue;
        fd = open(path, O_WRONLY | O_CLOEXEC);
        int ok = fd >= 0 && write(fd, on, strlen(on)) == (ssize_t)strlen(on);
        int saved = errno;
        if (fd >= 0) close(fd);
        console("%s %s: %s", ok ? "onlined" : "failed to online", e->d_name, ok ? on : strerror(saved));
    }
    if (d) closedir(d);
}

static void *onliner_main(void *arg)
{
    (void)arg;
    for (;;) {
        online_all("/sys/devices/system/cpu", "cpu", "online", "0", "1");
        online_all("/sys/devices/system/memory", "memory", "state", "offline", "online");
        usleep(ONLINE_PERIOD_US);
    }
    return NULL;
}

/* "0-1,3" -> 3 */
static int count_cpus(const char *list)
{
    int n = 0;
    while (*list) {
        char *end;
        long a = strtol(list, &end, 10), b = a;
        if (end == list) break;
        if (*end == '-') b = strtol(end + 1, &end, 10);
        n += (int)(b - a + 1);
        list = *end == ',' ? end + 1 : end;
        if (*end != ',') break;
    }
    return n;
}

static void online_cpus(char *buf, size_t len)
{
    FILE *f = fopen("/sys/devices/system/cpu/online", "r");
    buf[0] = 0;
    if (f) { if (!fgets(buf, (int)len, f)) buf[0] = 0; fclose(f); }
    buf[strcspn(buf, "\n")] = 0;
}

/* "64M" -> 67108864; suffixes K, M, G are powers of two. */
static int parse_size(const char *s, uint64_t *out)
{
    char *end;
    if (!isdigit((unsigned char)*s)) return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    int shift = 0;
    switch (toupper((unsigned char)*end)) {
    case 'K': shift = 10; end++; break;
    case 'M': shift = 20; end++; break;
    case 'G': shift = 30; end++; break;
    }
    if (errno || *end || v > (UINT64_MAX >> shift)) return -1;
    *out = (uint64_t)v << shift;
    return 0;
}

static void cmd_status(void)
{
    char cpus[128];
    online_cpus(cpus, sizeof cpus);
    send_line("ST cpus_online=%d online=%s mem_total_kib=%ld mem_free_kib=%ld ws=%zu dirty=%" PRIu64
              " hb_seq=%" PRIu64 " dirtied=%" PRIu64, count_cpus(cpus), cpus, meminfo_kib("MemTotal"),
              meminfo_kib("MemFree"), __atomic_load_n(&ws_bytes, __ATOMIC_RELAXED),
              __atomic_load_n(&dirty_rate, __ATOMIC_RELAXED), __atomic_load_n(&hb_seq, __ATOMIC_RELAXED),
              __atomic_load_n(&dirtied, __ATOMIC_RELAXED));
}

/* FNV-1a 64 over 64-bit words, while verifying each word against the pattern.
 * The dirtier is held off (ws_lock) so the result describes one instant. */
static void cmd_checksum(void)
{
    uint64_t h = 0xcbf29ce484222325ULL, bad = 0;
    pthread_mutex_lock(&ws_lock);
    size_t pages = ws_bytes / PAGE;
    for (size_t p = 0; p < pages; p++) {
        const uint64_t *w = ws_mem + p * WORDS_PER_PAGE;
        uint64_t base = (uint64_t)p * WORDS_PER_PAGE;
        for (unsigned i = 0; i < WORDS_PER_PAGE; i++) {
            h = (h ^ w[i]) * 0x100000001b3ULL;
            bad += w[i] != pattern(base + i, ws_gen[p]);
        }
    }
    size_t bytes = ws_bytes;
    pthread_mutex_unlock(&ws_lock);
    send_line("CK %016" PRIx64 " bytes=%zu bad_words=%" PRIu64, h, bytes, bad);
}

static void cmd_workload(char *args)
{
    uint64_t ws = __atomic_load_n(&ws_bytes, __ATOMIC_RELAXED);
    uint64_t dirty = __atomic_load_n(&dirty_rate, __ATOMIC_RELAXED);
    char err[160];
    for (char *tok = strtok(args, " \t"); tok; tok = strtok(NULL, " \t")) {
        if (strncmp(tok, "ws=", 3) == 0 && parse_size(tok + 3, &ws) == 0) continue;
        if (strncmp(tok, "dirty=", 6) == 0 && parse_size(tok + 6, &dirty) == 0) continue;
        send_line("ERR workload: bad argument: %s", tok);
        return;
    }
    if (set_workload(ws, dirty, err, sizeof err) != 0) {
        send_line("ERR workload: %s", err);
        return;
    }
    send_line("OK workload ws=%zu dirty=%" PRIu64, __atomic_load_n(&ws_bytes, __ATOMIC_RELAXED), dirty);
}

static void handle_command(char *line)
{
    line[strcspn(line, "\r")] = 0;
    char *cmd = line + strspn(line, " \t");
    if (!*cmd) return;
    char *rest = cmd + strcspn(cmd, " \t");
    if (*rest) *rest++ = 0;
    if (strcmp(cmd, "ping") == 0) send_line("PONG");
    else if (strcmp(cmd, "status") == 0) cmd_status();
    else if (strcmp(cmd, "checksum") == 0) cmd_checksum();
    else if (strcmp(cmd, "workload") == 0) cmd_workload(rest);
    else send_line("ERR unknown command: %s", cmd);
}

static int open_channel(const char *path)
{
    /* O_NONBLOCK: writes to a port nobody drains must fail, not hang. */
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return -1;
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        t.c_cflag |= CLOCAL | CREAD;   /* no modem lines: a host (re)connect is no hangup */
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        cfsetspeed(&t, B115200);
        tcsetattr(fd, TCSANOW, &t);
        tcflush(fd, TCIOFLUSH);
    }
    return fd;
}

int main(int argc, char **argv)
{
    uint64_t ws = 0, dirty = 0;
    const char *chan_path = "/dev/ttyS1";
    char cmdline[4096] = "", err[160], *args[256];
    int nargs = 0;
    for (int i = 1; i < argc && nargs < 256; i++)
        args[nargs++] = argv[i];
    /* /init passes the kernel command line as arguments; read it ourselves if not. */
    if (argc < 2) {
        FILE *f = fopen("/proc/cmdline", "r");
        if (f) { if (!fgets(cmdline, sizeof cmdline, f)) cmdline[0] = 0; fclose(f); }
        for (char *tok = strtok(cmdline, " \t\n"); tok && nargs < 256; tok = strtok(NULL, " \t\n"))
            args[nargs++] = tok;
    }
    for (int i = 0; i < nargs; i++) {
        const char *a = args[i];
        if (strncmp(a, "nestbed.ws=", 11) == 0 && parse_size(a + 11, &ws) != 0)
            console("ignoring bad %s", a);
        if (strncmp(a, "nestbed.dirty=", 14) == 0 && parse_size(a + 14, &dirty) != 0)
            console("ignoring bad %s", a);
        if (strncmp(a, "nestbed.chan=", 13) == 0)
            chan_path = a + 13;
        if (strncmp(a, "nestbed.hb=", 11) == 0) {
            long ms = atol(a + 11);
            if (ms >= 1 && ms <= 1000) hb_period_ns = ms * 1000000LL;
            else console("ignoring bad %s (1 to 1000 ms)", a);
        }
    }
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);

    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setprotocol(&ma, PTHREAD_PRIO_INHERIT); /* the RT heartbeat shares it */
    pthread_mutex_init(&out_lock, &ma);

    if ((chan = open_channel(chan_path)) < 0) {
        console("cannot open channel %s: %s", chan_path, strerror(errno));
        return 1;
    }
    pthread_t t;
    if (pthread_create(&t, NULL, heartbeat_main, NULL) != 0) { console("cannot start heartbeat"); return 1; }
    if (set_workload(ws, dirty, err, sizeof err) != 0) {
        console("workload not started: %s", err);
        send_line("ERR workload: %s", err);
        set_workload(0, dirty, err, sizeof err);
    }
    if (pthread_create(&t, NULL, dirtier_main, NULL) != 0 || pthread_create(&t, NULL, onliner_main, NULL) != 0) {
        console("cannot start threads");
        return 1;
    }
    char cpus[128];
    online_cpus(cpus, sizeof cpus);
    char ready[300];
    snprintf(ready, sizeof ready, "READY agent=%s cpus_online=%d mem_total_kib=%ld ws=%zu dirty=%" PRIu64,
             AGENT_VERSION, count_cpus(cpus), meminfo_kib("MemTotal"), ws_bytes, dirty_rate);
    send_line("%s", ready);
    console("%s (channel %s)", ready, chan_path);

    char line[512];
    size_t len = 0;
    int overlong = 0;
    for (;;) {
        char buf[256];
        ssize_t n = read(chan, buf, sizeof buf);
        if (n <= 0) {
            if (n < 0 && errno != EAGAIN && errno != EINTR) { console("channel read: %s", strerror(errno)); return 1; }
            struct pollfd p = { chan, POLLIN, 0 };
            poll(&p, 1, 1000);
            continue;
        }
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != '\n') {
                if (len < sizeof line - 1) line[len++] = buf[i];
                else overlong = 1;
                continue;
            }
            line[len] = 0;
            if (overlong) send_line("ERR line too long");
            else handle_command(line);
            len = 0;
            overlong = 0;
        }
    }
}
