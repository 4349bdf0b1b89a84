// Test helpers for sim/live: the live_receiver program as a child process,
// and plain POSIX sockets to talk to a port directly (loopback only).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace deploysim::live::testing {

// Starts live_receiver with `args` and reads its first line ("listening on
// URL", at most 10 s). The destructor kills it (SIGKILL) if it is still
// running and reaps it, so no test leaves it behind.
class ReceiverProcess {
 public:
  explicit ReceiverProcess(const std::vector<std::string>& args);
  ~ReceiverProcess();
  ReceiverProcess(const ReceiverProcess&) = delete;
  ReceiverProcess& operator=(const ReceiverProcess&) = delete;

  const std::string& url() const { return url_; }  // "http://127.0.0.1:PORT" (or https)
  std::uint16_t port() const { return port_; }

  // True once the process has exited (it is then reaped; wait_exit() returns
  // its status at once). Never blocks.
  bool exited();

  // Waits up to `limit` for the process to exit by itself. Returns its exit
  // status, or -SIGNAL when a signal ended it, or -1000 when it was still
  // running at the limit (then it is killed).
  int wait_exit(std::chrono::milliseconds limit = std::chrono::seconds(10));

  // What it printed after the first line (complete once wait_exit returned).
  const std::vector<std::string>& lines() const { return lines_; }
  // The lines that start with `prefix` + " ", without that prefix.
  std::vector<std::string> lines_of(const std::string& prefix) const;

 private:
  void read_available(int timeout_ms);

  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
  int out_ = -1;  // read end of its stdout
  std::string pending_;
  bool first_line_read_ = false;
  std::string url_;
  std::uint16_t port_ = 0;
  std::vector<std::string> lines_;
};

// A connected socket to 127.0.0.1:port (close it with ::close), -1 when refused.
int open_connection(std::uint16_t port);

// True when something accepts a TCP connection on 127.0.0.1:port.
bool port_accepts(std::uint16_t port);

// Sends `request` (raw HTTP, it should say "Connection: close") to
// 127.0.0.1:port and returns the whole answer; "" when nothing answered.
std::string raw_exchange(std::uint16_t port, const std::string& request);

}  // namespace deploysim::live::testing
