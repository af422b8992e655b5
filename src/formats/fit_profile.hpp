#pragma once
/// \file
/// The part of the FIT profile (Garmin's FIT SDK Profile.xlsx) the reader uses, written once
/// in the code: base types and their invalid values, the message and field numbers read,
/// and the names of sports, sub-sports, manufacturers, Garmin products and file types.
/// Everything not listed here is skipped by size.

#include <array>
#include <cstdint>
#include <string_view>

namespace cairn::formats::fit {

/// A FIT base type, by the number in the low 5 bits of a field definition's base type byte.
struct BaseType {
  std::uint8_t size = 0;      ///< bytes of one element; 0 for an unknown base type
  std::uint64_t invalid = 0;  ///< the raw value that means "no value"
  bool is_signed = false;
  bool is_float = false;
  bool is_text = false;  ///< string: NUL-terminated (or filling the field)
};

/// Base type numbers (low 5 bits of the base type byte).
namespace base {
inline constexpr std::uint8_t enumeration = 0;  // FIT calls it "enum"
inline constexpr std::uint8_t sint8 = 1;
inline constexpr std::uint8_t uint8 = 2;
inline constexpr std::uint8_t sint16 = 3;
inline constexpr std::uint8_t uint16 = 4;
inline constexpr std::uint8_t sint32 = 5;
inline constexpr std::uint8_t uint32 = 6;
inline constexpr std::uint8_t string = 7;
inline constexpr std::uint8_t float32 = 8;
inline constexpr std::uint8_t float64 = 9;
inline constexpr std::uint8_t uint8z = 10;
inline constexpr std::uint8_t uint16z = 11;
inline constexpr std::uint8_t uint32z = 12;
inline constexpr std::uint8_t byte = 13;
inline constexpr std::uint8_t sint64 = 14;
inline constexpr std::uint8_t uint64 = 15;
inline constexpr std::uint8_t uint64z = 16;
}  // namespace base

inline constexpr std::array<BaseType, 17> base_types{{
    {.size = 1, .invalid = 0xFF},                                   // enum
    {.size = 1, .invalid = 0x7F, .is_signed = true},                // sint8
    {.size = 1, .invalid = 0xFF},                                   // uint8
    {.size = 2, .invalid = 0x7FFF, .is_signed = true},              // sint16
    {.size = 2, .invalid = 0xFFFF},                                 // uint16
    {.size = 4, .invalid = 0x7FFFFFFF, .is_signed = true},          // sint32
    {.size = 4, .invalid = 0xFFFFFFFF},                             // uint32
    {.size = 1, .invalid = 0x00, .is_text = true},                  // string
    {.size = 4, .invalid = 0xFFFFFFFF, .is_float = true},           // float32
    {.size = 8, .invalid = 0xFFFFFFFFFFFFFFFF, .is_float = true},   // float64
    {.size = 1, .invalid = 0x00},                                   // uint8z
    {.size = 2, .invalid = 0x0000},                                 // uint16z
    {.size = 4, .invalid = 0x00000000},                             // uint32z
    {.size = 1, .invalid = 0xFF},                                   // byte
    {.size = 8, .invalid = 0x7FFFFFFFFFFFFFFF, .is_signed = true},  // sint64
    {.size = 8, .invalid = 0xFFFFFFFFFFFFFFFF},                     // uint64
    {.size = 8, .invalid = 0x0000000000000000},                     // uint64z
}};

/// The base type of a base type byte; size 0 when the number is not a FIT base type.
[[nodiscard]] constexpr BaseType base_type_of(std::uint8_t base_type_byte) noexcept {
  const auto number = static_cast<std::uint8_t>(base_type_byte & 0x1FU);
  return number < base_types.size() ? base_types[number] : BaseType{};
}

/// Seconds from the Unix epoch to the FIT epoch, 1989-12-31T00:00:00Z.
inline constexpr std::int64_t fit_epoch_unix_s = 631065600;
/// date_time values below this are seconds since the device powered on, not since the epoch.
inline constexpr std::uint32_t min_absolute_date_time = 0x10000000;

/// Global message numbers.
namespace mesg {
inline constexpr std::uint16_t file_id = 0;
inline constexpr std::uint16_t sport = 12;
inline constexpr std::uint16_t session = 18;
inline constexpr std::uint16_t activity = 34;
inline constexpr std::uint16_t lap = 19;
inline constexpr std::uint16_t record = 20;
inline constexpr std::uint16_t event = 21;
inline constexpr std::uint16_t device_info = 23;
inline constexpr std::uint16_t file_creator = 49;
inline constexpr std::uint16_t hr = 132;
inline constexpr std::uint16_t timestamp_correlation = 162;
inline constexpr std::uint16_t field_description = 206;
inline constexpr std::uint16_t developer_data_id = 207;
}  // namespace mesg

/// Field 253 of every message that has a time.
inline constexpr std::uint8_t timestamp_field = 253;

namespace file_id_field {
inline constexpr std::uint8_t type = 0;
inline constexpr std::uint8_t manufacturer = 1;
inline constexpr std::uint8_t product = 2;
inline constexpr std::uint8_t serial_number = 3;
inline constexpr std::uint8_t time_created = 4;
inline constexpr std::uint8_t product_name = 8;
}  // namespace file_id_field

namespace file_creator_field {
inline constexpr std::uint8_t software_version = 0;
}  // namespace file_creator_field

namespace device_info_field {
inline constexpr std::uint8_t device_index = 0;
inline constexpr std::uint8_t manufacturer = 2;
inline constexpr std::uint8_t product = 4;
inline constexpr std::uint8_t software_version = 5;  ///< scale 100
inline constexpr std::uint8_t product_name = 27;
}  // namespace device_info_field

namespace sport_field {
inline constexpr std::uint8_t sport = 0;
inline constexpr std::uint8_t sub_sport = 1;
}  // namespace sport_field

namespace record_field {
inline constexpr std::uint8_t position_lat = 0;   ///< semicircles
inline constexpr std::uint8_t position_long = 1;  ///< semicircles
inline constexpr std::uint8_t altitude = 2;       ///< scale 5, offset 500, m
inline constexpr std::uint8_t heart_rate = 3;     ///< bpm
inline constexpr std::uint8_t cadence = 4;        ///< rpm
inline constexpr std::uint8_t distance = 5;       ///< scale 100, m
inline constexpr std::uint8_t speed = 6;          ///< scale 1000, m/s
inline constexpr std::uint8_t power = 7;          ///< W
inline constexpr std::uint8_t compressed_speed_distance =
    8;                                                  ///< 3 bytes: 12-bit speed, 12-bit distance
inline constexpr std::uint8_t temperature = 13;         ///< C
inline constexpr std::uint8_t fractional_cadence = 53;  ///< scale 128, rpm
inline constexpr std::uint8_t enhanced_speed = 73;      ///< scale 1000, m/s
inline constexpr std::uint8_t enhanced_altitude = 78;   ///< scale 5, offset 500, m
}  // namespace record_field

namespace lap_field {
inline constexpr std::uint8_t start_time = 2;
inline constexpr std::uint8_t total_elapsed_time = 7;  ///< scale 1000, s
inline constexpr std::uint8_t total_timer_time = 8;    ///< scale 1000, s
inline constexpr std::uint8_t total_distance = 9;      ///< scale 100, m
inline constexpr std::uint8_t avg_heart_rate = 15;
inline constexpr std::uint8_t max_heart_rate = 16;
inline constexpr std::uint8_t avg_cadence = 17;
inline constexpr std::uint8_t sport = 25;
inline constexpr std::uint8_t avg_fractional_cadence = 35;  ///< scale 128
}  // namespace lap_field

namespace session_field {
inline constexpr std::uint8_t start_time = 2;
inline constexpr std::uint8_t sport = 5;
inline constexpr std::uint8_t sub_sport = 6;
inline constexpr std::uint8_t total_elapsed_time = 7;  ///< scale 1000, s
inline constexpr std::uint8_t total_timer_time = 8;    ///< scale 1000, s
inline constexpr std::uint8_t total_distance = 9;      ///< scale 100, m
inline constexpr std::uint8_t avg_heart_rate = 16;
inline constexpr std::uint8_t max_heart_rate = 17;
inline constexpr std::uint8_t avg_cadence = 18;
inline constexpr std::uint8_t total_ascent = 22;            ///< m
inline constexpr std::uint8_t avg_fractional_cadence = 41;  ///< scale 128
inline constexpr std::uint8_t workout_feel = 192;           ///< 0-100
inline constexpr std::uint8_t workout_rpe = 193;            ///< RPE x 10
}  // namespace session_field

namespace event_field {
inline constexpr std::uint8_t event = 0;
inline constexpr std::uint8_t event_type = 1;
inline constexpr std::uint8_t event_timer = 0;               ///< value of `event`
inline constexpr std::uint8_t event_front_gear_change = 42;  ///< a bicycle's front derailleur
inline constexpr std::uint8_t event_rear_gear_change = 43;   ///< a bicycle's rear derailleur
inline constexpr std::uint8_t type_start = 0;
inline constexpr std::uint8_t type_stop = 1;
inline constexpr std::uint8_t type_stop_all = 4;
inline constexpr std::uint8_t type_stop_disable = 8;
inline constexpr std::uint8_t type_stop_disable_all = 9;
}  // namespace event_field

namespace hr_field {
inline constexpr std::uint8_t fractional_timestamp = 0;  ///< scale 32768, s
inline constexpr std::uint8_t filtered_bpm = 6;          ///< uint8 array
inline constexpr std::uint8_t event_timestamp = 9;       ///< uint32 array, scale 1024, s
inline constexpr std::uint8_t event_timestamp_12 = 10;   ///< packed 12-bit event_timestamp
}  // namespace hr_field

namespace activity_field {
/// The local wall-clock time at `timestamp` (253), as a date_time: its difference from the
/// timestamp is the offset from UTC where the activity was recorded.
inline constexpr std::uint8_t local_timestamp = 5;
}  // namespace activity_field

namespace timestamp_correlation_field {
inline constexpr std::uint8_t system_timestamp = 1;  ///< the device's relative time at `timestamp`
}  // namespace timestamp_correlation_field

namespace field_description_field {
inline constexpr std::uint8_t developer_data_index = 0;
inline constexpr std::uint8_t field_definition_number = 1;
inline constexpr std::uint8_t fit_base_type_id = 2;
inline constexpr std::uint8_t field_name = 3;
inline constexpr std::uint8_t scale = 6;
inline constexpr std::uint8_t offset = 7;
inline constexpr std::uint8_t units = 8;
}  // namespace field_description_field

namespace manufacturer_id {
inline constexpr std::uint16_t garmin = 1;
inline constexpr std::uint16_t dynastream_oem = 13;
inline constexpr std::uint16_t dynastream = 15;
inline constexpr std::uint16_t tacx = 89;
inline constexpr std::uint16_t development = 255;
}  // namespace manufacturer_id

/// Lower-case profile name of a sport, e.g. "running"; empty when not in the table.
[[nodiscard]] std::string_view sport_name(std::uint8_t sport) noexcept;
/// Lower-case profile name of a sub-sport, e.g. "trail"; empty when not in the table.
[[nodiscard]] std::string_view sub_sport_name(std::uint8_t sub_sport) noexcept;
/// Profile name of a manufacturer, e.g. "garmin", "wahoo_fitness"; empty when unknown.
[[nodiscard]] std::string_view manufacturer_name(std::uint16_t manufacturer) noexcept;
/// Profile name of a Garmin product, e.g. "fr955"; empty when not in the table.
[[nodiscard]] std::string_view garmin_product_name(std::uint16_t product) noexcept;
/// Profile name of a file type, e.g. "activity", "course"; empty when unknown.
[[nodiscard]] std::string_view file_type_name(std::uint8_t type) noexcept;
/// Whether cadence of this sport counts strides of one leg, so that steps are twice the
/// FIT value: running, walking, hiking and the like (not cycling, swimming, rowing).
[[nodiscard]] bool counts_strides(std::uint8_t sport) noexcept;

}  // namespace cairn::formats::fit
