// Our own decoder of the FIT protocol (no FIT SDK is packaged), reporting to an ActivitySink.
//
// How a file is read:
// - A FIT file is a header (12 or 14 bytes), data messages and a 2-byte CRC; several such
//   files may follow one another (chained FIT). Each part starts afresh: definitions,
//   developer field descriptions and the last timestamp do not carry over.
// - One pass of scanning first: definitions are read and data messages are skipped by size
//   except session, sport and hr messages. It tells which sport each record belongs to
//   (FIT cadence of a run counts one leg, so steps per minute are twice the value; a ride's
//   is not doubled) even when the summary comes at the end, and it collects the heart rate
//   that chest straps store in file-id-less parts appended after the activity, which then
//   fills in records that have none. The reporting pass decodes everything else.
// - Definitions are turned once into a table of the fields we use (offset, size, base type),
//   so a data message costs one bounds check and a few loads; no allocation per message.
//
// When to warn and when to throw (cairn::Error, Errc::corrupt_file):
// - Not a FIT file (too short, no ".FIT" signature, a header size below 12): throw.
// - A bad header or file CRC: warning, reading goes on.
// - The data stops before a message ends (a truncated or unterminated file, or a last
//   message running past the size the header announces): when at least one data message
//   was read before, a warning and the read ends normally with what was read (the rest of
//   a chained part is skipped); when none was, throw.
// - A data message whose local type has no definition: throw (its size is unknown, so
//   nothing after it can be read). The sink keeps what it got before.
// - Bytes after a complete FIT file that are not another FIT file: warning.
// - Odd fields (a size that is not a multiple of the base type's, an unknown base type, an
//   unknown byte order): warning once per file, the field is skipped.
// - Records past ReadLimits::max_samples: warning once, the records are dropped, everything
//   else is still read. Inputs larger than ReadLimits::max_fit_bytes (or max_bytes): throw
//   Errc::unsupported.

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/formats/readers.hpp"

#include "byte_cursor.hpp"
#include "fit_crc.hpp"
#include "fit_profile.hpp"

namespace cairn::formats {
namespace {

// What the decoder does with the data messages of one global message number.
enum class Kind : std::uint8_t {
  ignore,  // skipped by size, nothing read (scan pass)
  skip,    // only the timestamp is read, for compressed-timestamp headers that follow
  file_id,
  file_creator,
  device_info,
  sport,
  record,
  lap,
  session,
  event,
  hr,
  timestamp_correlation,
  field_description,
  activity,
};

enum class Pass : std::uint8_t { scan, report };

// Fields of a message we use get a slot; slot 0 is always the timestamp (field 253).
constexpr std::size_t max_slots = 16;
constexpr std::uint8_t no_slot = 0xFF;
constexpr std::uint8_t timestamp_slot = 0;
constexpr std::size_t max_descriptions = 1024;

struct SlotOf {
  std::uint8_t field;
  std::uint8_t slot;
};

namespace file_id_slot {
enum : std::uint8_t {
  timestamp,
  type,
  manufacturer,
  product,
  serial_number,
  time_created,
  product_name
};
}
namespace file_creator_slot {
enum : std::uint8_t { timestamp, software_version };
}
namespace device_info_slot {
enum : std::uint8_t {
  timestamp,
  device_index,
  manufacturer,
  product,
  software_version,
  product_name
};
}
namespace sport_slot {
enum : std::uint8_t { timestamp, sport };
}
namespace record_slot {
enum : std::uint8_t {
  timestamp,
  lat,
  lon,
  altitude,
  enhanced_altitude,
  heart_rate,
  cadence,
  fractional_cadence,
  distance,
  speed,
  enhanced_speed,
  power,
  temperature,
  compressed_speed_distance,
};
}
namespace lap_slot {
enum : std::uint8_t {
  timestamp,
  start_time,
  elapsed,
  timer,
  distance,
  avg_heart_rate,
  max_heart_rate,
  avg_cadence,
  avg_fractional_cadence,
  sport,
};
}
namespace session_slot {
enum : std::uint8_t {
  timestamp,
  start_time,
  sport,
  sub_sport,
  elapsed,
  timer,
  distance,
  ascent,
  avg_heart_rate,
  max_heart_rate,
  avg_cadence,
  avg_fractional_cadence,
  feel,
  rpe,
};
}
namespace event_slot {
enum : std::uint8_t { timestamp, event, event_type };
}
namespace hr_slot {
enum : std::uint8_t {
  timestamp,
  fractional_timestamp,
  filtered_bpm,
  event_timestamp,
  event_timestamp_12
};
}
namespace activity_slot {
enum : std::uint8_t { timestamp, local_timestamp };
}
namespace correlation_slot {
enum : std::uint8_t { timestamp, system_timestamp };
}
namespace description_slot {
enum : std::uint8_t { timestamp, developer_index, number, base_type, name, scale, offset, units };
}

constexpr SlotOf ts{fit::timestamp_field, timestamp_slot};

constexpr std::array file_id_slots{
    ts,
    SlotOf{fit::file_id_field::type, file_id_slot::type},
    SlotOf{fit::file_id_field::manufacturer, file_id_slot::manufacturer},
    SlotOf{fit::file_id_field::product, file_id_slot::product},
    SlotOf{fit::file_id_field::serial_number, file_id_slot::serial_number},
    SlotOf{fit::file_id_field::time_created, file_id_slot::time_created},
    SlotOf{fit::file_id_field::product_name, file_id_slot::product_name},
};
constexpr std::array file_creator_slots{
    ts, SlotOf{fit::file_creator_field::software_version, file_creator_slot::software_version}};
constexpr std::array device_info_slots{
    ts,
    SlotOf{fit::device_info_field::device_index, device_info_slot::device_index},
    SlotOf{fit::device_info_field::manufacturer, device_info_slot::manufacturer},
    SlotOf{fit::device_info_field::product, device_info_slot::product},
    SlotOf{fit::device_info_field::software_version, device_info_slot::software_version},
    SlotOf{fit::device_info_field::product_name, device_info_slot::product_name},
};
constexpr std::array sport_slots{ts, SlotOf{fit::sport_field::sport, sport_slot::sport}};
constexpr std::array record_slots{
    ts,
    SlotOf{fit::record_field::position_lat, record_slot::lat},
    SlotOf{fit::record_field::position_long, record_slot::lon},
    SlotOf{fit::record_field::altitude, record_slot::altitude},
    SlotOf{fit::record_field::enhanced_altitude, record_slot::enhanced_altitude},
    SlotOf{fit::record_field::heart_rate, record_slot::heart_rate},
    SlotOf{fit::record_field::cadence, record_slot::cadence},
    SlotOf{fit::record_field::fractional_cadence, record_slot::fractional_cadence},
    SlotOf{fit::record_field::distance, record_slot::distance},
    SlotOf{fit::record_field::speed, record_slot::speed},
    SlotOf{fit::record_field::enhanced_speed, record_slot::enhanced_speed},
    SlotOf{fit::record_field::power, record_slot::power},
    SlotOf{fit::record_field::temperature, record_slot::temperature},
    SlotOf{fit::record_field::compressed_speed_distance, record_slot::compressed_speed_distance},
};
constexpr std::array lap_slots{
    ts,
    SlotOf{fit::lap_field::start_time, lap_slot::start_time},
    SlotOf{fit::lap_field::total_elapsed_time, lap_slot::elapsed},
    SlotOf{fit::lap_field::total_timer_time, lap_slot::timer},
    SlotOf{fit::lap_field::total_distance, lap_slot::distance},
    SlotOf{fit::lap_field::avg_heart_rate, lap_slot::avg_heart_rate},
    SlotOf{fit::lap_field::max_heart_rate, lap_slot::max_heart_rate},
    SlotOf{fit::lap_field::avg_cadence, lap_slot::avg_cadence},
    SlotOf{fit::lap_field::avg_fractional_cadence, lap_slot::avg_fractional_cadence},
    SlotOf{fit::lap_field::sport, lap_slot::sport},
};
constexpr std::array session_slots{
    ts,
    SlotOf{fit::session_field::start_time, session_slot::start_time},
    SlotOf{fit::session_field::sport, session_slot::sport},
    SlotOf{fit::session_field::sub_sport, session_slot::sub_sport},
    SlotOf{fit::session_field::total_elapsed_time, session_slot::elapsed},
    SlotOf{fit::session_field::total_timer_time, session_slot::timer},
    SlotOf{fit::session_field::total_distance, session_slot::distance},
    SlotOf{fit::session_field::total_ascent, session_slot::ascent},
    SlotOf{fit::session_field::avg_heart_rate, session_slot::avg_heart_rate},
    SlotOf{fit::session_field::max_heart_rate, session_slot::max_heart_rate},
    SlotOf{fit::session_field::avg_cadence, session_slot::avg_cadence},
    SlotOf{fit::session_field::avg_fractional_cadence, session_slot::avg_fractional_cadence},
    SlotOf{fit::session_field::workout_feel, session_slot::feel},
    SlotOf{fit::session_field::workout_rpe, session_slot::rpe},
};
constexpr std::array event_slots{
    ts,
    SlotOf{fit::event_field::event, event_slot::event},
    SlotOf{fit::event_field::event_type, event_slot::event_type},
};
constexpr std::array hr_slots{
    ts,
    SlotOf{fit::hr_field::fractional_timestamp, hr_slot::fractional_timestamp},
    SlotOf{fit::hr_field::filtered_bpm, hr_slot::filtered_bpm},
    SlotOf{fit::hr_field::event_timestamp, hr_slot::event_timestamp},
    SlotOf{fit::hr_field::event_timestamp_12, hr_slot::event_timestamp_12},
};
constexpr std::array activity_slots{
    ts, SlotOf{fit::activity_field::local_timestamp, activity_slot::local_timestamp}};
constexpr std::array correlation_slots{
    ts,
    SlotOf{fit::timestamp_correlation_field::system_timestamp, correlation_slot::system_timestamp}};
constexpr std::array description_slots{
    ts,
    SlotOf{fit::field_description_field::developer_data_index, description_slot::developer_index},
    SlotOf{fit::field_description_field::field_definition_number, description_slot::number},
    SlotOf{fit::field_description_field::fit_base_type_id, description_slot::base_type},
    SlotOf{fit::field_description_field::field_name, description_slot::name},
    SlotOf{fit::field_description_field::scale, description_slot::scale},
    SlotOf{fit::field_description_field::offset, description_slot::offset},
    SlotOf{fit::field_description_field::units, description_slot::units},
};

template <std::size_t N>
constexpr std::uint8_t find_slot(const std::array<SlotOf, N>& slots, std::uint8_t field) {
  for (const SlotOf& entry : slots) {
    if (entry.field == field) return entry.slot;
  }
  return no_slot;
}

constexpr std::uint8_t slot_of(Kind kind, std::uint8_t field) {
  switch (kind) {
    case Kind::ignore:
      return no_slot;
    case Kind::skip:
      return field == fit::timestamp_field ? timestamp_slot : no_slot;
    case Kind::file_id:
      return find_slot(file_id_slots, field);
    case Kind::file_creator:
      return find_slot(file_creator_slots, field);
    case Kind::device_info:
      return find_slot(device_info_slots, field);
    case Kind::sport:
      return find_slot(sport_slots, field);
    case Kind::record:
      return find_slot(record_slots, field);
    case Kind::lap:
      return find_slot(lap_slots, field);
    case Kind::session:
      return find_slot(session_slots, field);
    case Kind::event:
      return find_slot(event_slots, field);
    case Kind::hr:
      return find_slot(hr_slots, field);
    case Kind::timestamp_correlation:
      return find_slot(correlation_slots, field);
    case Kind::field_description:
      return find_slot(description_slots, field);
    case Kind::activity:
      return find_slot(activity_slots, field);
  }
  return no_slot;
}

Kind kind_of(Pass pass, std::uint16_t global) {
  if (pass == Pass::scan) {
    switch (global) {
      case fit::mesg::sport:
        return Kind::sport;
      case fit::mesg::session:
        return Kind::session;
      case fit::mesg::hr:
        return Kind::hr;
      case fit::mesg::timestamp_correlation:
        return Kind::timestamp_correlation;
      default:
        return Kind::ignore;
    }
  }
  switch (global) {
    case fit::mesg::file_id:
      return Kind::file_id;
    case fit::mesg::file_creator:
      return Kind::file_creator;
    case fit::mesg::device_info:
      return Kind::device_info;
    case fit::mesg::record:
      return Kind::record;
    case fit::mesg::lap:
      return Kind::lap;
    case fit::mesg::session:
      return Kind::session;
    case fit::mesg::event:
      return Kind::event;
    case fit::mesg::field_description:
      return Kind::field_description;
    case fit::mesg::activity:
      return Kind::activity;
    default:
      return Kind::skip;
  }
}

// How a numeric field's first element is read: its base type's size, signedness, float-ness
// and invalid value folded into one code when the definition is read, so each field of a
// data message costs one jump, one load and one compare.
enum class Load : std::uint8_t {
  none,  // a string or an unknown base type: no number
  u8,
  s8,
  u8z,
  u16,
  s16,
  u16z,
  u32,
  s32,
  u32z,
  u64,
  s64,
  u64z,
  f32,
  f64,
};

constexpr Load load_of(std::uint8_t base_type_byte) {
  switch (base_type_byte & 0x1FU) {
    case fit::base::enumeration:
    case fit::base::uint8:
    case fit::base::byte:
      return Load::u8;
    case fit::base::sint8:
      return Load::s8;
    case fit::base::uint8z:
      return Load::u8z;
    case fit::base::uint16:
      return Load::u16;
    case fit::base::sint16:
      return Load::s16;
    case fit::base::uint16z:
      return Load::u16z;
    case fit::base::uint32:
      return Load::u32;
    case fit::base::sint32:
      return Load::s32;
    case fit::base::uint32z:
      return Load::u32z;
    case fit::base::uint64:
      return Load::u64;
    case fit::base::sint64:
      return Load::s64;
    case fit::base::uint64z:
      return Load::u64z;
    case fit::base::float32:
      return Load::f32;
    case fit::base::float64:
      return Load::f64;
    default:
      return Load::none;
  }
}

// Reads a `Raw` at p; false when it is the invalid value, else the value as `Value` in out.
template <typename Raw, typename Value, Raw invalid>
bool load_valid(const std::byte* p, bool big_endian, double& out) noexcept {
  const Raw raw = load_as<Raw>(p, big_endian);
  if (raw == invalid) return false;
  out = static_cast<double>(std::bit_cast<Value>(raw));
  if constexpr (std::is_floating_point_v<Value>) return std::isfinite(out);
  return true;
}

// The first element of a numeric field; false for its base type's invalid value, a
// non-finite float or a field that holds no number.
[[gnu::always_inline]] inline bool load_number(const std::byte* p, Load load, bool big_endian,
                                               double& out) noexcept {
  using std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t;
  switch (load) {
    case Load::none:
      return false;
    case Load::u8:
      return load_valid<uint8_t, uint8_t, 0xFF>(p, big_endian, out);
    case Load::s8:
      return load_valid<uint8_t, std::int8_t, 0x7F>(p, big_endian, out);
    case Load::u8z:
      return load_valid<uint8_t, uint8_t, 0>(p, big_endian, out);
    case Load::u16:
      return load_valid<uint16_t, uint16_t, 0xFFFF>(p, big_endian, out);
    case Load::s16:
      return load_valid<uint16_t, std::int16_t, 0x7FFF>(p, big_endian, out);
    case Load::u16z:
      return load_valid<uint16_t, uint16_t, 0>(p, big_endian, out);
    case Load::u32:
      return load_valid<uint32_t, uint32_t, 0xFFFFFFFFU>(p, big_endian, out);
    case Load::s32:
      return load_valid<uint32_t, std::int32_t, 0x7FFFFFFFU>(p, big_endian, out);
    case Load::u32z:
      return load_valid<uint32_t, uint32_t, 0>(p, big_endian, out);
    case Load::u64:
      return load_valid<uint64_t, uint64_t, ~uint64_t{0}>(p, big_endian, out);
    case Load::s64:
      return load_valid<uint64_t, std::int64_t, 0x7FFFFFFFFFFFFFFFU>(p, big_endian, out);
    case Load::u64z:
      return load_valid<uint64_t, uint64_t, 0>(p, big_endian, out);
    case Load::f32:
      return load_valid<uint32_t, float, 0xFFFFFFFFU>(p, big_endian, out);
    case Load::f64:
      return load_valid<uint64_t, double, ~uint64_t{0}>(p, big_endian, out);
  }
  return false;
}

// The first element of an integer field when it is valid and not negative (enums, counts,
// times); floats are not integers.
bool load_integer(const std::byte* p, Load load, bool big_endian, std::uint64_t& out) noexcept {
  switch (load) {
    case Load::none:
    case Load::f32:
    case Load::f64:
      return false;
    case Load::u64:
    case Load::u64z: {
      // Exactly, not through a double (53 bits).
      const auto raw = load_as<std::uint64_t>(p, big_endian);
      if (raw == (load == Load::u64 ? ~std::uint64_t{0} : 0)) return false;
      out = raw;
      return true;
    }
    case Load::s64: {
      const auto value = std::bit_cast<std::int64_t>(load_as<std::uint64_t>(p, big_endian));
      if (value == std::numeric_limits<std::int64_t>::max() || value < 0) return false;
      out = static_cast<std::uint64_t>(value);
      return true;
    }
    default: {
      double value = 0.0;
      if (!load_number(p, load, big_endian, value) || value < 0.0) return false;
      out = static_cast<std::uint64_t>(value);
      return true;
    }
  }
}

struct FieldRef {
  std::uint16_t offset = 0;
  std::uint8_t size = 0;
  std::uint8_t base_type = 0;
  Load load = Load::none;
};

struct DevFieldRef {
  std::uint32_t offset = 0;
  std::uint8_t size = 0;
  std::uint8_t developer_index = 0;
  std::uint8_t number = 0;
  int description = -1;  // index into the decoder's descriptions, -1 while unknown
};

// A definition message turned into what data messages of its local type need.
struct Definition {
  bool defined = false;
  bool big_endian = false;
  Kind kind = Kind::ignore;
  std::uint16_t global = 0;
  std::uint32_t size = 0;     // bytes of each data message
  std::uint32_t present = 0;  // bit per slot that the definition has
  std::array<FieldRef, max_slots> slots{};
  // The numeric fields we use, in one list: a record (most of a file) decodes in one loop.
  std::array<std::uint8_t, max_slots> number_slots{};
  std::uint8_t number_count = 0;
  std::vector<DevFieldRef> dev_fields;  // records only
  std::size_t descriptions_known = 0;   // descriptions when dev_fields were last resolved
};

// A developer field description (field_description message).
struct DevDescription {
  std::uint8_t developer_index = 0;
  std::uint8_t number = 0;
  std::uint8_t base_type = 0;
  double scale = 1.0;
  double offset = 0.0;
  std::string name;
  std::string units;
};

// The fields of one data message, read lazily through its definition's slots.
class Fields {
 public:
  Fields(const Definition& definition, const std::byte* data) noexcept
      : definition_(definition), data_(data) {}

  [[nodiscard]] bool has(std::uint8_t slot) const noexcept {
    return ((definition_.present >> slot) & 1U) != 0;
  }

  [[nodiscard]] std::optional<double> number(std::uint8_t slot) const {
    if (!has(slot)) return std::nullopt;
    const FieldRef& field = definition_.slots[slot];
    double value = 0.0;
    if (!load_number(data_ + field.offset, field.load, definition_.big_endian, value)) {
      return std::nullopt;
    }
    return value;
  }

  // A non-negative integer (enums, counts, times); nothing when invalid or negative.
  [[nodiscard]] std::optional<std::uint64_t> integer(std::uint8_t slot) const {
    if (!has(slot)) return std::nullopt;
    const FieldRef& field = definition_.slots[slot];
    std::uint64_t value = 0;
    if (!load_integer(data_ + field.offset, field.load, definition_.big_endian, value)) {
      return std::nullopt;
    }
    return value;
  }

  // raw / scale - offset, the FIT convention.
  [[nodiscard]] std::optional<double> scaled(std::uint8_t slot, double scale,
                                             double offset = 0.0) const {
    const auto value = number(slot);
    if (!value) return std::nullopt;
    return *value / scale - offset;
  }

  // A string field up to its first NUL, or all of it when it has none.
  [[nodiscard]] std::string_view text(std::uint8_t slot) const {
    if (!has(slot)) return {};
    const FieldRef& field = definition_.slots[slot];
    if (!fit::base_type_of(field.base_type).is_text) return {};
    std::string_view value(reinterpret_cast<const char*>(data_ + field.offset), field.size);
    if (const auto nul = value.find('\0'); nul != std::string_view::npos)
      value = value.substr(0, nul);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    return value;
  }

  [[nodiscard]] std::span<const std::byte> bytes(std::uint8_t slot) const {
    if (!has(slot)) return {};
    const FieldRef& field = definition_.slots[slot];
    return {data_ + field.offset, field.size};
  }

  [[nodiscard]] bool big_endian() const noexcept { return definition_.big_endian; }
  [[nodiscard]] std::uint8_t base_type(std::uint8_t slot) const noexcept {
    return definition_.slots[slot].base_type;
  }

 private:
  const Definition& definition_;
  const std::byte* data_;
};

Instant to_instant(std::int64_t fit_seconds) {
  return Instant{std::chrono::milliseconds{(fit_seconds + fit::fit_epoch_unix_s) * 1000}};
}

std::optional<int> whole(const std::optional<std::uint64_t>& value) {
  if (!value) return std::nullopt;
  return static_cast<int>(std::min<std::uint64_t>(*value, 1'000'000));
}

std::string manufacturer_text(std::uint16_t id) {
  const std::string_view name = fit::manufacturer_name(id);
  return name.empty() ? fmt::format("manufacturer {}", id) : std::string(name);
}

bool garmin_family(std::uint16_t manufacturer) {
  return manufacturer == fit::manufacturer_id::garmin ||
         manufacturer == fit::manufacturer_id::dynastream ||
         manufacturer == fit::manufacturer_id::dynastream_oem ||
         manufacturer == fit::manufacturer_id::tacx;
}

// The product's name from its product_name string, the Garmin product table, or its number.
std::string product_text(std::optional<std::uint16_t> manufacturer,
                         std::optional<std::uint64_t> product, std::string_view product_name) {
  if (!product_name.empty()) return std::string(product_name);
  if (!product) return {};
  const auto number = static_cast<std::uint16_t>(*product);
  if (manufacturer && garmin_family(*manufacturer)) {
    const std::string_view name = fit::garmin_product_name(number);
    if (!name.empty()) return std::string(name);
  }
  return fmt::format("product {}", number);
}

// What the scan pass learns for the reporting pass.
struct Scan {
  struct SportSpan {
    std::int64_t start_s = 0;  // FIT seconds
    std::int64_t end_s = 0;
    bool strides = true;
  };
  struct HeartRate {
    std::int64_t time_ms = 0;  // FIT milliseconds
    int bpm = 0;
  };
  std::vector<SportSpan> sessions;     // sorted by start
  std::optional<bool> sport_strides;   // from the first sport message
  std::vector<HeartRate> heart_rates;  // sorted by time
  std::size_t record_count = 0;
  // Add to a time relative to the device's power-on to make it absolute (from the first
  // timestamp_correlation message).
  std::optional<std::int64_t> system_time_offset_s;

  // Whether record cadence at FIT time `t` counts strides of one leg.
  [[nodiscard]] bool strides_at(std::optional<std::int64_t> t) const {
    if (sessions.empty()) return sport_strides.value_or(true);
    if (!t) return sessions.front().strides;
    const SportSpan* best = &sessions.front();
    for (const SportSpan& span : sessions) {
      if (span.start_s <= *t) best = &span;
    }
    return best->strides;
  }

  // Mean heart rate stored in hr messages for the interval (from_ms, to_ms].
  [[nodiscard]] std::optional<int> heart_rate_between(std::int64_t from_ms,
                                                      std::int64_t to_ms) const {
    const auto first =
        std::upper_bound(heart_rates.begin(), heart_rates.end(), from_ms,
                         [](std::int64_t t, const HeartRate& hr) { return t < hr.time_ms; });
    int sum = 0;
    int count = 0;
    for (auto it = first; it != heart_rates.end() && it->time_ms <= to_ms; ++it) {
      sum += it->bpm;
      ++count;
    }
    if (count == 0) return std::nullopt;
    return (sum + count / 2) / count;
  }
};

class Decoder {
 public:
  Decoder(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits, Pass pass,
          const Scan* scan)
      : bytes_(bytes), sink_(sink), limits_(limits), pass_(pass), scan_(scan) {}

  void run() {
    if (bytes_.empty()) throw Error(Errc::corrupt_file, "not a FIT file: it is empty");
    std::size_t pos = 0;
    int part = 0;
    while (pos < bytes_.size() && !stopped_) {
      if (part > 0 && !looks_like_header(pos)) {
        warn(
            fmt::format("FIT data has {} bytes after the file that ends at byte {} that are not "
                        "another FIT file; ignored",
                        bytes_.size() - pos, pos));
        break;
      }
      pos = read_part(pos);
      ++part;
    }
  }

  [[nodiscard]] Scan take_scan() { return std::move(found_); }

 private:
  [[nodiscard]] bool looks_like_header(std::size_t pos) const {
    if (bytes_.size() - pos < 12) return false;
    const auto header_size = static_cast<std::uint8_t>(bytes_[pos]);
    return header_size >= 12 && static_cast<char>(bytes_[pos + 8]) == '.' &&
           static_cast<char>(bytes_[pos + 9]) == 'F' &&
           static_cast<char>(bytes_[pos + 10]) == 'I' && static_cast<char>(bytes_[pos + 11]) == 'T';
  }

  void warn(std::string_view message) {
    if (pass_ == Pass::report) sink_.warning(message);
  }

  // Reads one FIT file of a chain starting at `start`; returns where the next one starts.
  std::size_t read_part(std::size_t start) {
    const std::size_t left = bytes_.size() - start;
    if (start == 0) {
      if (left < 12) {
        throw Error(Errc::corrupt_file,
                    fmt::format("not a FIT file: {} bytes, shorter than a FIT header", left));
      }
      if (!looks_like_header(start)) {
        throw Error(Errc::corrupt_file, static_cast<std::uint8_t>(bytes_[0]) < 12
                                            ? "not a FIT file: header size below 12"
                                            : "not a FIT file: no .FIT signature");
      }
    }
    const std::size_t header_size = static_cast<std::uint8_t>(bytes_[start]);
    if (header_size > left) {
      if (start == 0) {
        throw Error(Errc::corrupt_file,
                    fmt::format("FIT data corrupt at byte 0: header of {} bytes, file of {}",
                                header_size, left));
      }
      warn(fmt::format("FIT header at byte {} runs past the end of the data; ignored", start));
      return bytes_.size();
    }
    if (header_size >= 14 && pass_ == Pass::report) {
      const std::uint16_t stored = load_u16(bytes_.data() + start + 12, false);
      const std::uint16_t computed = fit::crc16(bytes_.subspan(start, 12));
      if (stored != 0 && stored != computed) {
        warn(fmt::format("FIT header CRC mismatch at byte {}: stored {:#06x}, computed {:#06x}",
                         start, stored, computed));
      }
    }
    const std::uint32_t data_size = load_u32(bytes_.data() + start + 4, false);
    const std::size_t data_start = start + header_size;
    const std::size_t available = bytes_.size() - data_start;
    std::size_t data_end = 0;
    bool check_crc = false;
    if (data_size == 0) {
      warn(
          fmt::format("FIT header at byte {} gives no data size (the file was not closed); "
                      "reading to the end",
                      start));
      data_end = bytes_.size();
    } else if (data_size > available) {
      warn(
          fmt::format("FIT data truncated: the header at byte {} announces {} bytes of data, {} "
                      "are there",
                      start, data_size, available));
      data_end = bytes_.size();
    } else {
      data_end = data_start + data_size;
      check_crc = bytes_.size() - data_end >= 2;
      if (!check_crc) warn(fmt::format("FIT file CRC missing at byte {}", data_end));
    }

    const bool complete = read_messages(data_start, data_end);
    flush_file_info();
    // The CRC only gives a warning, and only the reporting pass reports: the scan skips it.
    if (check_crc && complete && pass_ == Pass::report) {
      const std::uint16_t stored = load_u16(bytes_.data() + data_end, false);
      const std::uint16_t computed = fit::crc16(bytes_.subspan(start, data_end - start));
      if (stored != computed) {
        warn(fmt::format("FIT file CRC mismatch at byte {}: stored {:#06x}, computed {:#06x}",
                         data_end, stored, computed));
      }
    }
    return check_crc ? data_end + 2 : data_end;
  }

  void start_part() {
    for (Definition& definition : definitions_) {
      definition.defined = false;
      definition.dev_fields.clear();
    }
    descriptions_.clear();
    last_timestamp_.reset();
    creator_reported_ = false;
    file_manufacturer_.reset();
    previous_record_ms_.reset();
    distance_accumulator_ = 0;
    last_distance12_.reset();
    hr_event_time_.reset();
    hr_reference_ms_.reset();
  }

  // Decodes the messages of one part; false when the data stopped inside a message.
  bool read_messages(std::size_t data_start, std::size_t data_end) {
    start_part();
    ByteCursor cursor(bytes_.first(data_end), "FIT data");
    cursor.seek(data_start);
    while (!cursor.at_end()) {
      const std::size_t at = cursor.position();
      const std::uint8_t header = cursor.u8();
      bool ok = true;
      if ((header & 0x80U) != 0) {
        const auto local = static_cast<std::uint8_t>((header >> 5U) & 0x03U);
        ok = data_message(cursor, at, local, static_cast<std::uint8_t>(header & 0x1FU));
      } else if ((header & 0x40U) != 0) {
        ok = definition_message(cursor, at, static_cast<std::uint8_t>(header & 0x0FU),
                                (header & 0x20U) != 0);
      } else {
        ok = data_message(cursor, at, static_cast<std::uint8_t>(header & 0x0FU), std::nullopt);
      }
      if (!ok) return false;
    }
    return true;
  }

  // Whether `need` bytes are left; when not, the truncation rule of the header comment.
  bool fits(const ByteCursor& cursor, std::size_t at, std::size_t need, std::string_view what) {
    if (need <= cursor.remaining()) return true;
    if (messages_read_ == 0) {
      throw Error(Errc::corrupt_file,
                  fmt::format("FIT data corrupt at byte {}: {} needs {} bytes, {} left", at, what,
                              need, cursor.remaining()));
    }
    warn(
        fmt::format("FIT data truncated at byte {}: {} needs {} bytes, {} left; kept the {} "
                    "messages read before",
                    at, what, need, cursor.remaining(), messages_read_));
    if (cursor.size() == bytes_.size()) stopped_ = true;
    return false;
  }

  void warn_once(bool& warned, std::string_view message) {
    if (warned) return;
    warned = true;
    warn(message);
  }

  bool definition_message(ByteCursor& cursor, std::size_t at, std::uint8_t local, bool developer) {
    if (!fits(cursor, at, 5, "a definition message")) return false;
    cursor.skip(1);  // reserved
    const std::uint8_t architecture = cursor.u8();
    if (architecture > 1) {
      warn_once(
          warned_architecture_,
          fmt::format("FIT definition at byte {} declares byte order {}; read as little-endian", at,
                      architecture));
    }
    const bool big_endian = architecture == 1;
    const std::uint16_t global = cursor.u16(big_endian);
    const std::size_t field_count = cursor.u8();
    if (!fits(cursor, at, field_count * 3 + (developer ? 1 : 0), "a definition message"))
      return false;
    const auto fields = cursor.take(field_count * 3);
    std::span<const std::byte> dev_fields;
    if (developer) {
      const std::size_t dev_count = cursor.u8();
      if (!fits(cursor, at, dev_count * 3, "a definition message")) return false;
      dev_fields = cursor.take(dev_count * 3);
    }

    Definition& definition = definitions_[local];
    definition.defined = true;
    definition.big_endian = big_endian;
    definition.global = global;
    definition.kind = kind_of(pass_, global);
    definition.present = 0;
    definition.number_count = 0;
    definition.dev_fields.clear();
    std::uint32_t offset = 0;
    for (std::size_t i = 0; i < field_count; ++i) {
      const auto number = static_cast<std::uint8_t>(fields[i * 3]);
      const auto size = static_cast<std::uint8_t>(fields[i * 3 + 1]);
      const auto base_type = static_cast<std::uint8_t>(fields[i * 3 + 2]);
      const std::uint8_t slot = slot_of(definition.kind, number);
      if (slot != no_slot) add_field(definition, at, slot, number, offset, size, base_type);
      offset += size;
    }
    for (std::size_t i = 0; i < dev_fields.size() / 3; ++i) {
      const auto size = static_cast<std::uint8_t>(dev_fields[i * 3 + 1]);
      if (definition.kind == Kind::record) {
        definition.dev_fields.push_back(DevFieldRef{
            .offset = offset,
            .size = size,
            .developer_index = static_cast<std::uint8_t>(dev_fields[i * 3 + 2]),
            .number = static_cast<std::uint8_t>(dev_fields[i * 3]),
            .description = -1,
        });
      }
      offset += size;
    }
    definition.size = offset;
    definition.descriptions_known = static_cast<std::size_t>(-1);
    return true;
  }

  void add_field(Definition& definition, std::size_t at, std::uint8_t slot, std::uint8_t number,
                 std::uint32_t offset, std::uint8_t size, std::uint8_t base_type) {
    const fit::BaseType type = fit::base_type_of(base_type);
    if (type.size == 0) {
      warn_once(
          warned_base_type_,
          fmt::format("FIT definition at byte {}: field {} of message {} has unknown base type "
                      "{:#04x}; skipped",
                      at, number, definition.global, base_type));
      return;
    }
    if (size < type.size || size % type.size != 0) {
      warn_once(warned_field_size_,
                fmt::format("FIT definition at byte {}: field {} of message {} is {} bytes, not a "
                            "multiple of its base type's {}; skipped",
                            at, number, definition.global, size, type.size));
      return;
    }
    // Offsets of fields we use fit in 16 bits: at most 255 fields of 255 bytes come first.
    definition.slots[slot] = FieldRef{.offset = static_cast<std::uint16_t>(offset),
                                      .size = size,
                                      .base_type = base_type,
                                      .load = load_of(base_type)};
    // A damaged definition may list a field twice: the last one wins, as in the slot table,
    // and the slot is listed once (number_slots has room for each slot once).
    const bool listed = ((definition.present >> slot) & 1U) != 0;
    definition.present |= 1U << slot;
    if (!listed && definition.slots[slot].load != Load::none) {
      assert(definition.number_count < max_slots);
      definition.number_slots[definition.number_count++] = slot;
    }
  }

  bool data_message(ByteCursor& cursor, std::size_t at, std::uint8_t local,
                    std::optional<std::uint8_t> time_offset) {
    Definition& definition = definitions_[local];
    if (!definition.defined) {
      throw Error(Errc::corrupt_file,
                  fmt::format("FIT data message at byte {} uses local type {}, which has no "
                              "definition",
                              at, local));
    }
    if (!fits(cursor, at, definition.size, "a data message")) return false;
    const std::byte* data = cursor.take(definition.size).data();
    ++messages_read_;
    if (definition.kind == Kind::ignore) {
      if (definition.global == fit::mesg::record) ++found_.record_count;
      return true;
    }

    const Fields fields(definition, data);
    std::optional<std::int64_t> time;
    // A timestamp is 32 bits; a damaged definition can give the field more, which is no time.
    if (const auto stamp = fields.integer(timestamp_slot); stamp && *stamp <= 0xFFFFFFFFU) {
      last_timestamp_ = static_cast<std::uint32_t>(*stamp);
      time = *stamp;
    } else if (time_offset && last_timestamp_) {
      // The offset is the low 5 bits of the time; it rolls over every 32 s.
      const std::uint32_t last = *last_timestamp_;
      std::uint32_t stamp32 = (last & ~0x1FU) + *time_offset;
      if (*time_offset < (last & 0x1FU)) stamp32 += 0x20U;
      last_timestamp_ = stamp32;
      time = stamp32;
    }

    // The handlers of the other, rarer messages are out of line ([[gnu::noinline]]): inlined,
    // their strings and summaries made this function's frame large for every record.
    switch (definition.kind) {
      case Kind::ignore:
      case Kind::skip:
        break;
      case Kind::file_id:
        on_file_id(fields);
        break;
      case Kind::file_creator:
        on_file_creator(fields);
        break;
      case Kind::device_info:
        on_device_info(fields);
        break;
      case Kind::sport:
        on_sport(fields);
        break;
      case Kind::record:
        on_record(definition, fields, data, time);
        break;
      case Kind::lap:
        on_lap(fields, time);
        break;
      case Kind::session:
        if (pass_ == Pass::scan) {
          on_session_scan(fields, time);
        } else {
          on_session(fields);
        }
        break;
      case Kind::event:
        on_event(fields, time);
        break;
      case Kind::hr:
        on_hr(fields);
        break;
      case Kind::timestamp_correlation:
        on_timestamp_correlation(fields);
        break;
      case Kind::field_description:
        on_field_description(fields);
        break;
      case Kind::activity:
        on_activity(fields);
        break;
    }
    return true;
  }

  void flush_file_info() {
    if (pending_info_) {
      sink_.file_info(*pending_info_);
      pending_info_.reset();
    }
  }

  [[gnu::noinline]] void on_file_id(const Fields& fields) {
    flush_file_info();
    FileInfo info;
    info.format = "fit";
    if (const auto type = fields.integer(file_id_slot::type)) {
      const std::string_view name = fit::file_type_name(static_cast<std::uint8_t>(*type));
      info.type = name.empty() ? fmt::format("file type {}", *type) : std::string(name);
    }
    if (const auto manufacturer = fields.integer(file_id_slot::manufacturer)) {
      file_manufacturer_ = static_cast<std::uint16_t>(*manufacturer);
      info.manufacturer = manufacturer_text(*file_manufacturer_);
    }
    info.product = product_text(file_manufacturer_, fields.integer(file_id_slot::product),
                                fields.text(file_id_slot::product_name));
    if (const auto serial = fields.integer(file_id_slot::serial_number)) {
      info.serial_number = static_cast<std::uint32_t>(*serial);
    }
    info.created = date_time(fields, file_id_slot::time_created);
    pending_info_ = std::move(info);
  }

  [[gnu::noinline]] void on_file_creator(const Fields& fields) {
    const auto version = fields.integer(file_creator_slot::software_version);
    if (pending_info_ && pending_info_->creator.empty() && version && *version != 0) {
      pending_info_->creator = fmt::format("{:.2f}", static_cast<double>(*version) / 100.0);
    }
  }

  [[gnu::noinline]] void on_device_info(const Fields& fields) {
    const auto index = fields.integer(device_info_slot::device_index);
    if (!index || *index != 0 || creator_reported_) return;
    creator_reported_ = true;
    const auto version = fields.scaled(device_info_slot::software_version, 100.0);
    if (pending_info_ && pending_info_->creator.empty() && version && *version > 0) {
      pending_info_->creator = fmt::format("{:.2f}", *version);
    }
    flush_file_info();
    std::optional<std::uint16_t> manufacturer = file_manufacturer_;
    if (const auto value = fields.integer(device_info_slot::manufacturer)) {
      manufacturer = static_cast<std::uint16_t>(*value);
    }
    const std::string manufacturer_name = manufacturer ? manufacturer_text(*manufacturer) : "";
    const std::string product =
        product_text(manufacturer, fields.integer(device_info_slot::product),
                     fields.text(device_info_slot::product_name));
    sink_.device(manufacturer_name, product);
  }

  [[gnu::noinline]] void on_sport(const Fields& fields) {
    const auto sport = fields.integer(sport_slot::sport);
    if (sport && !found_.sport_strides) {
      found_.sport_strides = fit::counts_strides(static_cast<std::uint8_t>(*sport));
    }
  }

  [[nodiscard]] bool strides_at(std::optional<std::int64_t> time) const {
    return scan_ == nullptr || scan_->strides_at(time);
  }

  void on_record(Definition& definition, const Fields& fields, const std::byte* data,
                 std::optional<std::int64_t> time) {
    if (records_ >= limits_.max_samples) {
      warn_once(warned_samples_,
                fmt::format("FIT file holds more than {} records; the rest are skipped",
                            limits_.max_samples));
      return;
    }
    flush_file_info();
    // Every numeric field once, into value[slot] with a bit in `valid`; only slots with the
    // bit set are read, so the array is left uninitialised (zeroing it showed in profiles).
    std::array<double, max_slots> value;  // NOLINT(cppcoreguidelines-pro-type-member-init)
    std::uint32_t valid = 0;
    for (std::size_t i = 0; i < definition.number_count; ++i) {
      const std::uint8_t slot = definition.number_slots[i];
      const FieldRef& field = definition.slots[slot];
      if (load_number(data + field.offset, field.load, definition.big_endian, value[slot])) {
        valid |= 1U << slot;
      }
    }
    const auto has = [valid](std::uint8_t slot) { return ((valid >> slot) & 1U) != 0; };
    const auto scaled = [&](std::uint8_t slot, double scale,
                            double offset = 0.0) -> std::optional<double> {
      if (!has(slot)) return std::nullopt;
      return value[slot] / scale - offset;
    };

    Sample sample;
    if (time) sample.time = instant_of(*time);
    if (has(record_slot::lat) && has(record_slot::lon)) {
      constexpr double degrees_per_semicircle = 180.0 / 2147483648.0;
      sample.latitude_deg = value[record_slot::lat] * degrees_per_semicircle;
      sample.longitude_deg = value[record_slot::lon] * degrees_per_semicircle;
    }
    sample.altitude_m = has(record_slot::enhanced_altitude)
                            ? scaled(record_slot::enhanced_altitude, 5.0, 500.0)
                            : scaled(record_slot::altitude, 5.0, 500.0);
    if (has(record_slot::heart_rate) && value[record_slot::heart_rate] >= 0.0) {
      sample.heart_rate_bpm = static_cast<int>(std::min(value[record_slot::heart_rate], 1e6));
    }
    if (has(record_slot::cadence)) {
      double cadence = value[record_slot::cadence];
      if (has(record_slot::fractional_cadence)) {
        cadence += value[record_slot::fractional_cadence] / 128.0;
      }
      sample.cadence_spm = strides_at(time) ? cadence * 2.0 : cadence;
    }
    sample.distance_m = scaled(record_slot::distance, 100.0);
    sample.speed_mps = has(record_slot::enhanced_speed)
                           ? scaled(record_slot::enhanced_speed, 1000.0)
                           : scaled(record_slot::speed, 1000.0);
    if (!sample.distance_m || !sample.speed_mps) compressed_speed_distance(fields, sample);
    sample.power_w = scaled(record_slot::power, 1.0);
    sample.temperature_c = scaled(record_slot::temperature, 1.0);

    if (scan_ != nullptr && !scan_->heart_rates.empty() && !sample.heart_rate_bpm && time) {
      const std::int64_t to_ms = *time * 1000;
      const std::int64_t from_ms =
          previous_record_ms_ && *previous_record_ms_ < to_ms ? *previous_record_ms_ : to_ms - 1000;
      sample.heart_rate_bpm = scan_->heart_rate_between(from_ms, to_ms);
    }
    if (time) previous_record_ms_ = *time * 1000;

    if (!definition.dev_fields.empty()) developer_values(definition, data);
    sink_.record(sample);
    ++records_;
  }

  // FR70, Zwift and older devices pack speed (12 bits, 1/100 m/s) and a rolling distance
  // (12 bits, 1/16 m) into three bytes.
  void compressed_speed_distance(const Fields& fields, Sample& sample) {
    const auto bytes = fields.bytes(record_slot::compressed_speed_distance);
    if (bytes.size() < 3) return;
    const auto b0 = static_cast<std::uint32_t>(bytes[0]);
    const auto b1 = static_cast<std::uint32_t>(bytes[1]);
    const auto b2 = static_cast<std::uint32_t>(bytes[2]);
    if (b0 == 0xFF && b1 == 0xFF && b2 == 0xFF) return;
    const std::uint32_t speed = b0 | ((b1 & 0x0FU) << 8U);
    const std::uint32_t distance = (b1 >> 4U) | (b2 << 4U);
    if (!sample.speed_mps) sample.speed_mps = static_cast<double>(speed) / 100.0;
    if (last_distance12_) distance_accumulator_ += (distance - *last_distance12_) & 0xFFFU;
    last_distance12_ = distance;
    if (!sample.distance_m) sample.distance_m = static_cast<double>(distance_accumulator_) / 16.0;
  }

  int find_description(std::uint8_t developer_index, std::uint8_t number) const {
    for (std::size_t i = 0; i < descriptions_.size(); ++i) {
      if (descriptions_[i].developer_index == developer_index &&
          descriptions_[i].number == number) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  void developer_values(Definition& definition, const std::byte* data) {
    if (definition.descriptions_known != descriptions_.size()) {
      for (DevFieldRef& field : definition.dev_fields) {
        field.description = find_description(field.developer_index, field.number);
      }
      definition.descriptions_known = descriptions_.size();
    }
    for (const DevFieldRef& field : definition.dev_fields) {
      if (field.description < 0) continue;
      const DevDescription& description =
          descriptions_[static_cast<std::size_t>(field.description)];
      const fit::BaseType type = fit::base_type_of(description.base_type);
      // Numbers only, and one of them: arrays and strings have no single value to report.
      if (type.size == 0 || type.is_text || field.size != type.size) continue;
      double value = 0.0;
      if (!load_number(data + field.offset, load_of(description.base_type), definition.big_endian,
                       value)) {
        continue;
      }
      sink_.developer_value(description.name, description.units,
                            value / description.scale - description.offset);
    }
  }

  [[gnu::noinline]] void on_field_description(const Fields& fields) {
    const auto developer_index = fields.integer(description_slot::developer_index);
    const auto number = fields.integer(description_slot::number);
    const auto base_type = fields.integer(description_slot::base_type);
    if (!developer_index || !number || !base_type) return;
    DevDescription description;
    description.developer_index = static_cast<std::uint8_t>(*developer_index);
    description.number = static_cast<std::uint8_t>(*number);
    description.base_type = static_cast<std::uint8_t>(*base_type);
    if (const auto scale = fields.number(description_slot::scale); scale && *scale != 0) {
      description.scale = *scale;
    }
    description.offset = fields.number(description_slot::offset).value_or(0.0);
    description.name = fields.text(description_slot::name);
    description.units = fields.text(description_slot::units);
    const int existing = find_description(description.developer_index, description.number);
    if (existing >= 0) {
      descriptions_[static_cast<std::size_t>(existing)] = std::move(description);
      // Definitions that resolved to it keep the same index: nothing to redo.
    } else if (descriptions_.size() < max_descriptions) {
      descriptions_.push_back(std::move(description));
    } else {
      // Real files hold a few dozen; a hostile one must not make every lookup slow.
      warn_once(warned_descriptions_,
                fmt::format("FIT file describes more than {} developer fields; the rest are "
                            "ignored",
                            max_descriptions));
    }
  }

  static std::optional<double> cadence_of(const Fields& fields, std::uint8_t whole_slot,
                                          std::uint8_t fraction_slot, bool strides) {
    auto cadence = fields.number(whole_slot);
    if (!cadence) return std::nullopt;
    if (const auto fraction = fields.scaled(fraction_slot, 128.0)) *cadence += *fraction;
    return strides ? *cadence * 2.0 : *cadence;
  }

  [[gnu::noinline]] void on_lap(const Fields& fields, std::optional<std::int64_t> time) {
    flush_file_info();
    LapSummary lap;
    lap.start = date_time(fields, lap_slot::start_time);
    lap.elapsed_s = fields.scaled(lap_slot::elapsed, 1000.0);
    lap.timer_s = fields.scaled(lap_slot::timer, 1000.0);
    lap.distance_m = fields.scaled(lap_slot::distance, 100.0);
    lap.avg_heart_rate_bpm = whole(fields.integer(lap_slot::avg_heart_rate));
    lap.max_heart_rate_bpm = whole(fields.integer(lap_slot::max_heart_rate));
    const auto sport = fields.integer(lap_slot::sport);
    const auto start = fields.integer(lap_slot::start_time);
    const bool strides = sport ? fit::counts_strides(static_cast<std::uint8_t>(*sport))
                               : strides_at(start ? std::optional<std::int64_t>(*start) : time);
    lap.avg_cadence_spm =
        cadence_of(fields, lap_slot::avg_cadence, lap_slot::avg_fractional_cadence, strides);
    sink_.lap(lap);
  }

  [[gnu::noinline]] void on_session(const Fields& fields) {
    flush_file_info();
    SessionSummary session;
    const auto sport = fields.integer(session_slot::sport);
    if (sport) {
      const std::string_view name = fit::sport_name(static_cast<std::uint8_t>(*sport));
      session.sport = name.empty() ? fmt::format("sport {}", *sport) : std::string(name);
    }
    if (const auto sub_sport = fields.integer(session_slot::sub_sport);
        sub_sport && *sub_sport != 0) {
      const std::string_view name = fit::sub_sport_name(static_cast<std::uint8_t>(*sub_sport));
      session.sub_sport =
          name.empty() ? fmt::format("sub_sport {}", *sub_sport) : std::string(name);
    }
    session.start = date_time(fields, session_slot::start_time);
    session.elapsed_s = fields.scaled(session_slot::elapsed, 1000.0);
    session.timer_s = fields.scaled(session_slot::timer, 1000.0);
    session.distance_m = fields.scaled(session_slot::distance, 100.0);
    session.ascent_m = fields.number(session_slot::ascent);
    session.avg_heart_rate_bpm = whole(fields.integer(session_slot::avg_heart_rate));
    session.max_heart_rate_bpm = whole(fields.integer(session_slot::max_heart_rate));
    const bool strides = sport ? fit::counts_strides(static_cast<std::uint8_t>(*sport)) : true;
    session.avg_cadence_spm = cadence_of(fields, session_slot::avg_cadence,
                                         session_slot::avg_fractional_cadence, strides);
    session.feel = whole(fields.integer(session_slot::feel));
    session.perceived_effort = whole(fields.integer(session_slot::rpe));
    sink_.session(session);
  }

  [[gnu::noinline]] void on_session_scan(const Fields& fields, std::optional<std::int64_t> time) {
    const auto sport = fields.integer(session_slot::sport);
    if (!sport) return;
    const auto start = fields.integer(session_slot::start_time);
    const auto elapsed = fields.scaled(session_slot::elapsed, 1000.0);
    Scan::SportSpan span;
    span.strides = fit::counts_strides(static_cast<std::uint8_t>(*sport));
    if (start) {
      span.start_s = static_cast<std::int64_t>(*start);
    } else if (time && elapsed) {
      span.start_s = *time - static_cast<std::int64_t>(*elapsed);
    } else {
      span.start_s = time.value_or(0);
    }
    span.end_s =
        elapsed ? span.start_s + static_cast<std::int64_t>(*elapsed) : time.value_or(span.start_s);
    const auto at = std::upper_bound(
        found_.sessions.begin(), found_.sessions.end(), span.start_s,
        [](std::int64_t start_s, const Scan::SportSpan& other) { return start_s < other.start_s; });
    found_.sessions.insert(at, span);
  }

  [[gnu::noinline]] void on_event(const Fields& fields, std::optional<std::int64_t> time) {
    const auto event = fields.integer(event_slot::event);
    const auto type = fields.integer(event_slot::event_type);
    if (event && time &&
        (*event == fit::event_field::event_front_gear_change ||
         *event == fit::event_field::event_rear_gear_change)) {
      if (const auto when = instant_of(*time)) {
        flush_file_info();
        sink_.gear_change(*when);
      }
      return;
    }
    if (!event || *event != fit::event_field::event_timer || !type || !time) return;
    std::optional<TimerEvent> timer;
    switch (*type) {
      case fit::event_field::type_start:
        timer = TimerEvent::start;
        break;
      case fit::event_field::type_stop:
      case fit::event_field::type_stop_all:
      case fit::event_field::type_stop_disable:
      case fit::event_field::type_stop_disable_all:
        timer = TimerEvent::stop;
        break;
      default:
        break;
    }
    const auto when = instant_of(*time);
    if (!timer || !when) return;
    flush_file_info();
    sink_.timer(*when, *timer);
  }

  // HRM-stored heart rate: each hr message holds up to 8 beats' filtered bpm and their
  // event times in 1/1024 s of the strap's clock, the first in full, later ones as 12-bit
  // rolling values. A message with a timestamp ties the strap's clock to FIT time.
  [[gnu::noinline]] void on_hr(const Fields& fields) {
    std::array<std::uint32_t, 32> events{};
    std::size_t event_count = 0;
    if (const auto full = fields.bytes(hr_slot::event_timestamp);
        !full.empty() && fit::base_type_of(fields.base_type(hr_slot::event_timestamp)).size == 4) {
      for (std::size_t i = 0; i + 4 <= full.size() && event_count < events.size(); i += 4) {
        const std::uint32_t value = load_u32(full.data() + i, fields.big_endian());
        if (value == 0xFFFFFFFFU) break;
        events[event_count++] = value;
      }
    } else if (const auto packed = fields.bytes(hr_slot::event_timestamp_12);
               !packed.empty() && hr_event_time_) {
      std::uint32_t last = *hr_event_time_;
      for (std::size_t bit = 0; bit + 12 <= packed.size() * 8 && event_count < events.size();
           bit += 12) {
        const std::size_t byte = bit / 8;
        const std::uint32_t pair =
            static_cast<std::uint32_t>(packed[byte]) |
            (byte + 1 < packed.size() ? static_cast<std::uint32_t>(packed[byte + 1]) << 8U : 0U);
        const std::uint32_t value = (pair >> (bit % 8)) & 0xFFFU;
        last += (value - last) & 0xFFFU;
        events[event_count++] = last;
      }
    }
    if (event_count == 0) return;
    hr_event_time_ = events[event_count - 1];

    if (const auto stamp = fields.integer(hr_slot::timestamp); stamp && *stamp <= 0xFFFFFFFFU) {
      const double fraction = fields.scaled(hr_slot::fractional_timestamp, 32768.0).value_or(0.0);
      hr_reference_ms_ = static_cast<std::int64_t>(*stamp) * 1000 +
                         static_cast<std::int64_t>(std::lround(fraction * 1000.0));
      hr_reference_event_ = events[0];
    }
    if (!hr_reference_ms_) return;
    const auto bpm = fields.bytes(hr_slot::filtered_bpm);
    if (fit::base_type_of(fields.base_type(hr_slot::filtered_bpm)).size != 1) return;
    // One beat a second for max_samples seconds is plenty; this bounds memory.
    const std::size_t room =
        limits_.max_samples - std::min(limits_.max_samples, found_.heart_rates.size());
    for (std::size_t i = 0; i < std::min({event_count, bpm.size(), room}); ++i) {
      const auto beats = static_cast<std::uint8_t>(bpm[i]);
      if (beats == 0 || beats == 0xFF) continue;
      const std::int64_t ticks =
          static_cast<std::int64_t>(events[i]) - static_cast<std::int64_t>(hr_reference_event_);
      found_.heart_rates.push_back(
          Scan::HeartRate{.time_ms = *hr_reference_ms_ + ticks * 1000 / 1024, .bpm = beats});
    }
  }

  // The activity message's local time minus its UTC time is the offset where the runner
  // was. Only a plausible one is reported: within -12 h to +14 h, in quarter hours.
  [[gnu::noinline]] void on_activity(const Fields& fields) {
    const auto utc = fields.integer(activity_slot::timestamp);
    const auto local = fields.integer(activity_slot::local_timestamp);
    if (!utc || !local || *utc < fit::min_absolute_date_time) return;
    const std::int64_t offset = static_cast<std::int64_t>(*local) - static_cast<std::int64_t>(*utc);
    constexpr std::int64_t hour = 3600;
    constexpr std::int64_t quarter_hour = hour / 4;
    if (offset < -12 * hour || offset > 14 * hour || offset % quarter_hour != 0) {
      warn_once(warned_offset_,
                "the watch's local time is not a whole time zone away from UTC (its clock was "
                "off): the run is shown in your home zone");
      return;
    }
    flush_file_info();
    sink_.utc_offset(std::chrono::seconds{offset});
  }

  [[gnu::noinline]] void on_timestamp_correlation(const Fields& fields) {
    const auto stamp = fields.integer(correlation_slot::timestamp);
    const auto system = fields.integer(correlation_slot::system_timestamp);
    if (stamp && system && !found_.system_time_offset_s) {
      found_.system_time_offset_s =
          static_cast<std::int64_t>(*stamp) - static_cast<std::int64_t>(*system);
    }
  }

  // A FIT date_time as an instant: times below 0x10000000 count from the device's power-on
  // and become absolute through the file's timestamp correlation, or are left out.
  std::optional<Instant> instant_of(std::int64_t fit_time) {
    // The usual case first, kept small enough to inline: an absolute 32-bit time.
    if (fit_time >= fit::min_absolute_date_time && fit_time <= 0xFFFFFFFF) {
      return to_instant(fit_time);
    }
    return unusual_instant_of(fit_time);
  }

  [[gnu::noinline]] std::optional<Instant> unusual_instant_of(std::int64_t fit_time) {
    // A FIT date_time is a 32-bit count of seconds; anything outside that (a damaged
    // definition giving the field 8 bytes, a wild correlation) is no time at all, and would
    // overflow the conversion to milliseconds.
    constexpr std::int64_t max_date_time = 0xFFFFFFFF;
    const auto plausible = [&](std::int64_t t) -> std::optional<Instant> {
      if (t < 0 || t > max_date_time) {
        warn_once(warned_time_range_, "FIT time outside the 32-bit range of the format; left out");
        return std::nullopt;
      }
      return to_instant(t);
    };
    if (fit_time >= fit::min_absolute_date_time) return plausible(fit_time);
    if (fit_time >= 0 && scan_ != nullptr && scan_->system_time_offset_s) {
      const std::int64_t offset = *scan_->system_time_offset_s;
      if (offset < -max_date_time || offset > max_date_time) return plausible(-1);
      return plausible(fit_time + offset);
    }
    warn_once(warned_relative_time_,
              "FIT times count from the device's power-on and the file has no timestamp "
              "correlation; they are left out");
    return std::nullopt;
  }

  std::optional<Instant> date_time(const Fields& fields, std::uint8_t slot) {
    const auto value = fields.integer(slot);
    if (!value) return std::nullopt;
    return instant_of(static_cast<std::int64_t>(*value));
  }

  std::span<const std::byte> bytes_;
  ActivitySink& sink_;
  const ReadLimits& limits_;
  Pass pass_;
  const Scan* scan_;  // the scan pass's findings, in the report pass
  Scan found_;        // what the scan pass finds

  std::array<Definition, 16> definitions_{};
  std::vector<DevDescription> descriptions_;
  std::optional<std::uint32_t> last_timestamp_;
  std::optional<FileInfo> pending_info_;  // reported with the software version, if any
  std::optional<std::uint16_t> file_manufacturer_;
  bool creator_reported_ = false;
  std::optional<std::int64_t> previous_record_ms_;
  std::uint32_t distance_accumulator_ = 0;
  std::optional<std::uint32_t> last_distance12_;
  std::optional<std::uint32_t> hr_event_time_;   // last hr event time, 1/1024 s
  std::optional<std::int64_t> hr_reference_ms_;  // FIT ms of hr_reference_event_
  std::uint32_t hr_reference_event_ = 0;

  std::size_t messages_read_ = 0;
  std::size_t records_ = 0;
  bool stopped_ = false;
  bool warned_architecture_ = false;
  bool warned_base_type_ = false;
  bool warned_field_size_ = false;
  bool warned_samples_ = false;
  bool warned_relative_time_ = false;
  bool warned_time_range_ = false;
  bool warned_descriptions_ = false;
  bool warned_offset_ = false;
};

}  // namespace

void read_fit(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits) {
  // FIT is held whole and read twice, so it has its own, smaller limit.
  const std::size_t max_bytes = std::min(limits.max_bytes, limits.max_fit_bytes);
  if (bytes.size() > max_bytes) {
    throw Error(Errc::unsupported,
                fmt::format("FIT file of {} bytes is larger than the limit of {}", bytes.size(),
                            max_bytes));
  }
  Scan scan;
  {
    ActivitySink quiet;
    Decoder scanner(bytes, quiet, limits, Pass::scan, nullptr);
    try {
      scanner.run();
    } catch (const Error&) {
      // The reporting pass meets the same problem and reports it; the scan keeps what it found.
    }
    scan = scanner.take_scan();
    std::sort(
        scan.heart_rates.begin(), scan.heart_rates.end(),
        [](const Scan::HeartRate& a, const Scan::HeartRate& b) { return a.time_ms < b.time_ms; });
  }
  sink.expect_records(std::min(scan.record_count, limits.max_samples));
  Decoder decoder(bytes, sink, limits, Pass::report, &scan);
  decoder.run();
}

}  // namespace cairn::formats
