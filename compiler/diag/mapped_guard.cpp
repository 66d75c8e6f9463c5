#include "diag/mapped_guard.h"

#include <atomic>
#include <csignal>
#include <cstring>
#include <mutex>

#include <unistd.h>

namespace phonec::diag {

namespace {

// Read from the signal handler: fixed slots, each published by its `begin` (0 = free).
struct Slot {
  std::atomic<std::uintptr_t> begin{0};
  std::uintptr_t end = 0;
  char message[512] = {};
  std::size_t length = 0;
};
constexpr std::size_t kSlots = 64;
Slot slots[kSlots];
std::mutex mu;  // registration only
struct sigaction previous;
bool installed = false;

void write_all(const char* p, std::size_t n) {
  while (n) {
    ssize_t w = ::write(STDERR_FILENO, p, n);
    if (w <= 0) return;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

void on_sigbus(int sig, siginfo_t* info, void* context) {
  auto at = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (Slot& s : slots) {
    std::uintptr_t b = s.begin.load(std::memory_order_acquire);
    if (b && at >= b && at < s.end) {
      write_all(s.message, s.length);
      ::_exit(1);
    }
  }
  // Not ours: what would have happened without us.
  if (previous.sa_flags & SA_SIGINFO) {
    if (previous.sa_sigaction) return previous.sa_sigaction(sig, info, context);
  } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
    return previous.sa_handler(sig);
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

}  // namespace

void guard_mapping(const void* p, std::size_t size, const std::string& path) {
  std::lock_guard lock(mu);
  if (!installed) {
    struct sigaction sa {};
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGBUS, &sa, &previous);
    installed = true;
  }
  for (Slot& s : slots) {
    if (s.begin.load(std::memory_order_relaxed)) continue;
    std::string m = "phonec: error: '" + path + "' changed while it was being read (it is shorter now)\n";
    if (m.size() > sizeof s.message) m = "phonec: error: an input changed while it was being read\n";
    std::memcpy(s.message, m.data(), m.size());
    s.length = m.size();
    s.end = reinterpret_cast<std::uintptr_t>(p) + size;
    s.begin.store(reinterpret_cast<std::uintptr_t>(p), std::memory_order_release);
    return;
  }
}

void unguard_mapping(const void* p) {
  std::lock_guard lock(mu);
  for (Slot& s : slots)
    if (s.begin.load(std::memory_order_relaxed) == reinterpret_cast<std::uintptr_t>(p)) s.begin.store(0, std::memory_order_release);
}

}  // namespace phonec::diag
