#pragma once
/// \file
/// Test helpers for the XML readers and gzip: a sink that records every event, byte views
/// of inline documents, instants, and access to the shared corpus of real files.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cairn/formats/activity_sink.hpp"

namespace cairn::formats::testing {

/// Remembers everything a reader reports, and the order of events in `events`
/// ("file_info", "device", "begin_session", "record", "lap", "session", "stop", "start").
class RecordingSink : public ActivitySink {
 public:
  void file_info(const FileInfo& info) override {
    infos.push_back(info);
    events.emplace_back("file_info");
  }
  void device(std::string_view manufacturer, std::string_view product) override {
    devices.emplace_back(manufacturer, product);
    events.emplace_back("device");
  }
  void begin_session() override {
    session_records.emplace_back();
    events.emplace_back("begin_session");
  }
  void record(const Sample& sample) override {
    records.push_back(sample);
    if (!session_records.empty()) session_records.back().push_back(sample);
    events.emplace_back("record");
  }
  void lap(const LapSummary& summary) override {
    laps.push_back(summary);
    events.emplace_back("lap");
  }
  void session(const SessionSummary& summary) override {
    sessions.push_back(summary);
    events.emplace_back("session");
  }
  void timer(Instant when, TimerEvent event) override {
    timers.emplace_back(when, event);
    events.emplace_back(event == TimerEvent::stop ? "stop" : "start");
  }
  void warning(std::string_view message) override { warnings.emplace_back(message); }

  /// The events without runs of "record": {"file_info", "begin_session", "record", ...}.
  [[nodiscard]] std::vector<std::string> outline() const {
    std::vector<std::string> out;
    for (const auto& event : events) {
      if (event == "record" && !out.empty() && out.back() == "record") continue;
      out.push_back(event);
    }
    return out;
  }

  std::vector<FileInfo> infos;
  std::vector<std::pair<std::string, std::string>> devices;
  std::vector<Sample> records;
  std::vector<std::vector<Sample>> session_records;
  std::vector<LapSummary> laps;
  std::vector<SessionSummary> sessions;
  std::vector<std::pair<Instant, TimerEvent>> timers;
  std::vector<std::string> warnings;
  std::vector<std::string> events;
};

inline std::span<const std::byte> bytes_of(std::string_view text) {
  return std::as_bytes(std::span<const char>(text.data(), text.size()));
}

/// An instant in UTC, written out so tests do not depend on the parser they check.
inline Instant utc(int y, unsigned mo, unsigned d, int h, int mi, int s, int ms = 0) {
  using namespace std::chrono;
  return Instant{sys_days{year{y} / month{mo} / day{d}}} + hours{h} + minutes{mi} + seconds{s} +
         milliseconds{ms};
}

inline std::filesystem::path corpus_dir() { return std::filesystem::path(CAIRN_CORPUS_DIR); }

inline bool has_corpus() { return std::filesystem::is_directory(corpus_dir() / "files"); }

inline constexpr std::string_view no_corpus_message =
    "the corpus of real files (" CAIRN_CORPUS_DIR ") is not there";

inline std::vector<std::byte> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> chars((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  std::vector<std::byte> out(chars.size());
  for (std::size_t i = 0; i < chars.size(); ++i) out[i] = static_cast<std::byte>(chars[i]);
  return out;
}

inline std::vector<std::byte> corpus_file(std::string_view relative) {
  return read_bytes(corpus_dir() / "files" / relative);
}

/// Every file in a corpus folder whose name ends with `suffix`, sorted.
inline std::vector<std::filesystem::path> corpus_files(std::string_view folder,
                                                       std::string_view suffix) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir() / "files" / folder)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.ends_with(suffix)) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace cairn::formats::testing
