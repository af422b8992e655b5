#pragma once
/// \file
/// Test helpers for the FIT reader: a sink that records every event, and a tiny FIT writer
/// that builds synthetic files (header, definitions, data messages, CRCs) byte by byte.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "cairn/formats/activity_sink.hpp"

#include "fit_crc.hpp"
#include "fit_profile.hpp"

namespace cairn::formats::fit_test {

/// Everything a reader reported, in order.
class RecordingSink : public ActivitySink {
 public:
  struct DeveloperValue {
    std::string name;
    std::string units;
    double value = 0.0;
    std::size_t record = 0;  ///< index of the record it came before
  };

  void file_info(const FileInfo& info) override { files.push_back(info); }
  void device(std::string_view manufacturer, std::string_view product) override {
    devices.emplace_back(manufacturer, product);
  }
  void record(const Sample& sample) override { records.push_back(sample); }
  void developer_value(std::string_view name, std::string_view units, double value) override {
    developer.push_back({std::string(name), std::string(units), value, records.size()});
  }
  void lap(const LapSummary& lap) override { laps.push_back(lap); }
  void session(const SessionSummary& session) override { sessions.push_back(session); }
  void timer(Instant when, TimerEvent event) override { timers.emplace_back(when, event); }
  void warning(std::string_view message) override { warnings.emplace_back(message); }

  std::vector<FileInfo> files;
  std::vector<std::pair<std::string, std::string>> devices;
  std::vector<Sample> records;
  std::vector<DeveloperValue> developer;
  std::vector<LapSummary> laps;
  std::vector<SessionSummary> sessions;
  std::vector<std::pair<Instant, TimerEvent>> timers;
  std::vector<std::string> warnings;
};

/// A field of a definition message.
struct FieldDef {
  std::uint8_t number = 0;
  std::uint8_t size = 0;
  std::uint8_t base_type = 0;  ///< the base type byte, e.g. 0x84 for uint16
};

/// A developer field of a definition message.
struct DevFieldDef {
  std::uint8_t number = 0;
  std::uint8_t size = 0;
  std::uint8_t developer_index = 0;
};

/// The value of one field in a data message: numbers (one per array element; missing
/// elements are written as the base type's invalid value) or a string.
struct Value {
  template <typename T>
  requires std::is_integral_v<T> Value(T number)
      : numbers{static_cast<std::uint64_t>(number)} {}  // NOLINT: implicit on purpose
  Value(std::initializer_list<std::uint64_t> list) : numbers(list) {}
  Value(const char* string) : text(string), is_text(true) {}  // NOLINT: implicit on purpose
  std::vector<std::uint64_t> numbers;
  std::string text;
  bool is_text = false;
};

/// Two's complement of a negative number, as a FIT writer stores it.
[[nodiscard]] inline std::uint64_t signed_value(std::int64_t value) {
  return static_cast<std::uint64_t>(value);
}

/// FIT seconds of a Unix time.
[[nodiscard]] constexpr std::uint32_t fit_time(std::int64_t unix_seconds) {
  return static_cast<std::uint32_t>(unix_seconds - fit::fit_epoch_unix_s);
}

/// Builds a FIT file message by message.
class FitWriter {
 public:
  explicit FitWriter(std::uint8_t header_size = 14) : header_size_(header_size) {}

  FitWriter& define(std::uint8_t local, std::uint16_t global, std::vector<FieldDef> fields,
                    bool big_endian = false, std::vector<DevFieldDef> dev_fields = {}) {
    const bool developer = !dev_fields.empty();
    put(static_cast<std::uint8_t>(0x40U | (developer ? 0x20U : 0U) | (local & 0x0FU)));
    put(0);
    put(big_endian ? 1 : 0);
    put_int(global, 2, big_endian);
    put(static_cast<std::uint8_t>(fields.size()));
    for (const FieldDef& field : fields) {
      put(field.number);
      put(field.size);
      put(field.base_type);
    }
    if (developer) {
      put(static_cast<std::uint8_t>(dev_fields.size()));
      for (const DevFieldDef& field : dev_fields) {
        put(field.number);
        put(field.size);
        put(field.developer_index);
      }
    }
    locals_[local & 0x0FU] = Local{std::move(fields), std::move(dev_fields), big_endian};
    return *this;
  }

  /// A data message with a normal header; `dev_values` are the developer fields' raw values
  /// (written in their size, as unsigned).
  FitWriter& data(std::uint8_t local, const std::vector<Value>& values,
                  const std::vector<std::uint64_t>& dev_values = {}) {
    put(local & 0x0FU);
    put_values(locals_[local & 0x0FU], values, dev_values);
    return *this;
  }

  /// A data message with a compressed-timestamp header (local types 0-3).
  FitWriter& compressed(std::uint8_t local, std::uint8_t time_offset,
                        const std::vector<Value>& values) {
    put(static_cast<std::uint8_t>(0x80U | ((local & 0x03U) << 5U) | (time_offset & 0x1FU)));
    put_values(locals_[local & 0x03U], values, {});
    return *this;
  }

  FitWriter& raw(std::initializer_list<std::uint8_t> bytes) {
    for (const std::uint8_t b : bytes) put(b);
    return *this;
  }

  /// The whole file: header (with its CRC when 14 bytes), data, file CRC.
  [[nodiscard]] std::vector<std::byte> bytes() const {
    std::vector<std::byte> out;
    out.push_back(std::byte{header_size_});
    out.push_back(std::byte{0x20});  // protocol 2.0
    append_int(out, 2132, 2);        // profile version
    append_int(out, data_.size(), 4);
    for (const char c : std::string_view(".FIT")) out.push_back(static_cast<std::byte>(c));
    if (header_size_ >= 14) {
      append_int(out, fit::crc16(out), 2);
      out.resize(header_size_, std::byte{0});
    }
    out.insert(out.end(), data_.begin(), data_.end());
    append_int(out, fit::crc16(out), 2);
    return out;
  }

 private:
  struct Local {
    std::vector<FieldDef> fields;
    std::vector<DevFieldDef> dev_fields;
    bool big_endian = false;
  };

  void put(std::uint8_t byte) { data_.push_back(std::byte{byte}); }

  void put_int(std::uint64_t value, std::size_t size, bool big_endian) {
    for (std::size_t i = 0; i < size; ++i) {
      const std::size_t shift = 8 * (big_endian ? size - 1 - i : i);
      put(static_cast<std::uint8_t>((value >> shift) & 0xFFU));
    }
  }

  static void append_int(std::vector<std::byte>& out, std::uint64_t value, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      out.push_back(static_cast<std::byte>((value >> (8 * i)) & 0xFFU));
    }
  }

  void put_values(const Local& local, const std::vector<Value>& values,
                  const std::vector<std::uint64_t>& dev_values) {
    for (std::size_t i = 0; i < local.fields.size(); ++i) {
      const FieldDef& field = local.fields[i];
      const fit::BaseType type = fit::base_type_of(field.base_type);
      if (i < values.size() && values[i].is_text) {
        for (std::size_t k = 0; k < field.size; ++k) {
          put(k < values[i].text.size() ? static_cast<std::uint8_t>(values[i].text[k]) : 0);
        }
        continue;
      }
      const std::size_t element = type.size == 0 ? 1 : type.size;
      const std::size_t count = field.size / element;
      for (std::size_t k = 0; k < count; ++k) {
        const bool given = i < values.size() && k < values[i].numbers.size();
        put_int(given ? values[i].numbers[k] : type.invalid, element, local.big_endian);
      }
      for (std::size_t k = count * element; k < field.size; ++k) put(0xFF);
    }
    for (std::size_t i = 0; i < local.dev_fields.size(); ++i) {
      put_int(i < dev_values.size() ? dev_values[i] : 0, local.dev_fields[i].size,
              local.big_endian);
    }
  }

  std::uint8_t header_size_;
  std::vector<std::byte> data_;
  Local locals_[16];
};

/// A file's bytes, or nothing when it cannot be opened.
[[nodiscard]] inline std::optional<std::vector<std::byte>> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  const std::vector<char> chars((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  std::vector<std::byte> bytes(chars.size());
  for (std::size_t i = 0; i < chars.size(); ++i) bytes[i] = static_cast<std::byte>(chars[i]);
  return bytes;
}

}  // namespace cairn::formats::fit_test
