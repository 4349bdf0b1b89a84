#include "receiver_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include "support/test_paths.hpp"

extern char** environ;

namespace deploysim::live::testing {
namespace {

using Clock = std::chrono::steady_clock;

int connect_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

ReceiverProcess::ReceiverProcess(const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  std::vector<std::string> argv_text;
  argv_text.push_back(test_paths::live_receiver());
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int spawned =
      ::posix_spawn(&pid_, argv_text.front().c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  out_ = pipe_fds[0];
  if (spawned != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start " + test_paths::live_receiver());
  }
  const auto limit = Clock::now() + std::chrono::seconds(10);
  while (!first_line_read_ && Clock::now() < limit && out_ >= 0) read_available(100);
  const std::string prefix = "listening on ";
  if (!first_line_read_ || url_.rfind(prefix, 0) != 0) {
    throw std::runtime_error("the receiver did not say where it listens: '" + url_ + "'");
  }
  url_ = url_.substr(prefix.size());
  port_ = static_cast<std::uint16_t>(std::stoi(url_.substr(url_.rfind(':') + 1)));
}

ReceiverProcess::~ReceiverProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_ >= 0) ::close(out_);
}

void ReceiverProcess::read_available(int timeout_ms) {
  if (out_ < 0) {
    ::usleep(static_cast<useconds_t>(timeout_ms) * 1000);
    return;
  }
  pollfd p{out_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return;
  char buffer[4096];
  const ssize_t n = ::read(out_, buffer, sizeof buffer);
  if (n <= 0) {
    ::close(out_);
    out_ = -1;
  } else {
    pending_.append(buffer, static_cast<std::size_t>(n));
  }
  for (std::size_t eol; (eol = pending_.find('\n')) != std::string::npos;) {
    std::string line = pending_.substr(0, eol);
    pending_.erase(0, eol + 1);
    if (!first_line_read_) {
      url_ = line;
      first_line_read_ = true;
    } else {
      lines_.push_back(std::move(line));
    }
  }
}

bool ReceiverProcess::exited() {
  if (reaped_) return true;
  if (pid_ <= 0) return false;
  read_available(0);
  if (::waitpid(pid_, &status_, WNOHANG) != pid_) return false;
  reaped_ = true;
  pid_ = -1;
  while (out_ >= 0) read_available(1000);  // the rest, up to EOF
  return true;
}

int ReceiverProcess::wait_exit(std::chrono::milliseconds limit) {
  const auto until = Clock::now() + limit;
  while (!exited()) {
    if (pid_ <= 0) return -1000;
    if (Clock::now() >= until) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
      return -1000;
    }
    read_available(10);
  }
  if (WIFEXITED(status_)) return WEXITSTATUS(status_);
  if (WIFSIGNALED(status_)) return -WTERMSIG(status_);
  return -1000;
}

std::vector<std::string> ReceiverProcess::lines_of(const std::string& prefix) const {
  std::vector<std::string> out;
  for (const std::string& line : lines_) {
    if (line.rfind(prefix + " ", 0) == 0) out.push_back(line.substr(prefix.size() + 1));
  }
  return out;
}

int open_connection(std::uint16_t port) { return connect_loopback(port); }

bool port_accepts(std::uint16_t port) {
  const int fd = connect_loopback(port);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

std::string raw_exchange(std::uint16_t port, const std::string& request) {
  const int fd = connect_loopback(port);
  if (fd < 0) return "";
  std::string answer;
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
      static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    for (;;) {
      pollfd p{fd, POLLIN, 0};
      // The harness answers only while its owner runs its loop: the test
      // calls raw_exchange from a second thread in that case.
      if (::poll(&p, 1, 5000) <= 0) break;
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      answer.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return answer;
}

}  // namespace deploysim::live::testing
