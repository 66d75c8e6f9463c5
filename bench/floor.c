/* The floor for a full build: a plain C program that writes the same bytes to the same paths as
 * phonec, with the same atomic discipline (temporary file, write, rename) and modes, and nothing
 * else. Two steps, so that the timed process does what phonec's I/O does and no more:
 *
 *   phonec_floor --pack SRC_TREE PACK   collect a finished tree into one file (not timed)
 *   phonec_floor PACK DST_TREE          read PACK (one read, like phonec's inventory) and write
 *                                       every file under DST_TREE; "floor: N files, B bytes, S s"
 *
 * The paths are SRC_TREE/manifest.json's "path" fields plus manifest.json itself: exactly the
 * files a build writes. PACK holds, per file, "PATH\tMODE\tSIZE\n" then SIZE bytes. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *size) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  struct stat st;
  if (fstat(fd, &st) != 0) { close(fd); return NULL; }
  char *buf = malloc((size_t)st.st_size + 1);
  size_t got = 0;
  while (buf && got < (size_t)st.st_size) {
    ssize_t k = read(fd, buf + got, (size_t)st.st_size - got);
    if (k <= 0) break;
    got += (size_t)k;
  }
  close(fd);
  if (buf) buf[got] = 0;
  *size = got;
  return buf;
}

static void die(const char *what, const char *path) {
  fprintf(stderr, "phonec_floor: %s %s: %s\n", what, path, strerror(errno));
  exit(1);
}

/* mkdir -p of the parent of rel under root, remembering the last directory made. */
static void make_parents(const char *root, const char *rel) {
  static char last[4096];
  char buf[4096];
  const char *slash = strrchr(rel, '/');
  if (!slash) return;
  int n = snprintf(buf, sizeof buf, "%s/%.*s", root, (int)(slash - rel), rel);
  if (n <= 0 || (size_t)n >= sizeof buf) die("path too long", rel);
  if (strcmp(buf, last) == 0) return;
  for (char *p = buf + strlen(root) + 1; *p; ++p)
    if (*p == '/') { *p = 0; if (mkdir(buf, 0755) != 0 && errno != EEXIST) die("mkdir", buf); *p = '/'; }
  if (mkdir(buf, 0755) != 0 && errno != EEXIST) die("mkdir", buf);
  memcpy(last, buf, (size_t)n + 1);
}

static int pack(const char *src, const char *out_path) {
  char path[4096];
  snprintf(path, sizeof path, "%s/manifest.json", src);
  size_t msize;
  char *manifest = slurp(path, &msize);
  if (!manifest) die("read", path);
  FILE *out = fopen(out_path, "wb");
  if (!out) die("create", out_path);
  size_t n = 0;
  /* Manifest paths are checked plain relative paths: no JSON escapes to undo. */
  for (char *p = manifest; (p = strstr(p, "\"path\": \"")) != NULL;) {
    p += 9;
    char *end = strchr(p, '"');
    if (!end) break;
    snprintf(path, sizeof path, "%s/%.*s", src, (int)(end - p), p);
    size_t size;
    char *bytes = slurp(path, &size);
    if (!bytes) die("read", path);
    struct stat st;
    if (stat(path, &st) != 0) die("stat", path);
    fprintf(out, "%.*s\t%o\t%zu\n", (int)(end - p), p, (unsigned)(st.st_mode & 0777), size);
    fwrite(bytes, 1, size, out);
    free(bytes);
    ++n;
    p = end;
  }
  fprintf(out, "manifest.json\t644\t%zu\n", msize);
  fwrite(manifest, 1, msize, out);
  if (fclose(out) != 0) die("write", out_path);
  if (n == 0) { fprintf(stderr, "phonec_floor: no paths in %s/manifest.json\n", src); return 1; }
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "--pack") == 0) return pack(argv[2], argv[3]);
  if (argc != 3) { fprintf(stderr, "usage: phonec_floor --pack SRC_TREE PACK | phonec_floor PACK DST_TREE\n"); return 2; }
  const char *dst = argv[2];
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  size_t size;
  char *buf = slurp(argv[1], &size);
  if (!buf) die("read", argv[1]);
  if (mkdir(dst, 0755) != 0 && errno != EEXIST) die("mkdir", dst);
  size_t n = 0, total = 0;
  char *p = buf, *end = buf + size;
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) break;
    *nl = 0;
    char *tab1 = strchr(p, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
    if (!tab2) { fprintf(stderr, "phonec_floor: bad pack\n"); return 1; }
    *tab1 = 0;
    unsigned mode = (unsigned)strtoul(tab1 + 1, NULL, 8);
    size_t len = strtoull(tab2 + 1, NULL, 10);
    const char *rel = p, *bytes = nl + 1;
    if (bytes + len > end) { fprintf(stderr, "phonec_floor: truncated pack\n"); return 1; }
    make_parents(dst, rel);
    char tmp[4200], fin[4096];
    snprintf(fin, sizeof fin, "%s/%s", dst, rel);
    snprintf(tmp, sizeof tmp, "%s.tmp", fin);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) die("open", tmp);
    size_t off = 0;
    while (off < len) {
      ssize_t k = write(fd, bytes + off, len - off);
      if (k < 0) die("write", tmp);
      off += (size_t)k;
    }
    if (close(fd) != 0) die("close", tmp);
    if (rename(tmp, fin) != 0) die("rename", fin);
    ++n;
    total += len;
    p = (char *)bytes + len;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  fprintf(stderr, "floor: %zu files, %zu bytes, %.3f s\n", n, total,
          (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  return 0;
}
