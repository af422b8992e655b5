#include "cairn/app/inspector.hpp"

#include <fmt/format.h>

#include "cairn/app/file_bytes.hpp"
#include "cairn/app/importer.hpp"
#include "cairn/core/error.hpp"
#include "cairn/formats/activity.hpp"

namespace cairn::app {

FileInspection inspect_file(const std::filesystem::path& path, const std::string& home_zone,
                            Timestamp now) {
  FileInspection inspection;
  inspection.path = path.string();
  formats::FileContent content;
  try {
    const ImportOptions options;  // the importer's limits: inspect reads what import reads
    content = formats::read_activity_file(read_file_bytes(path, options.max_file_bytes),
                                          {.max_bytes = options.max_file_bytes});
  } catch (const Error& error) {
    inspection.error = error.what();
    return inspection;
  }
  inspection.format = content.file.format;
  inspection.type = content.file.type;
  inspection.manufacturer = content.file.manufacturer;
  inspection.product = content.file.product;
  inspection.creator = content.file.creator;
  if (content.activities.empty()) {
    inspection.no_activity_reason = formats::no_activity_reason(content.file);
  }
  inspection.warnings = std::move(content.warnings);
  for (const auto& activity : content.activities) {
    InspectedActivity item;
    item.sport = activity.session.sport;
    item.sub_sport = activity.session.sub_sport;
    item.points = activity.samples.size();
    item.laps = activity.laps.size();
    item.device = fmt::format("{} {}", activity.device_manufacturer, activity.device_product);
    const auto where = zone_of_activity(activity, home_zone);
    auto outcome = formats::make_outcome(
        activity, {.zone = where.zone, .zone_from_position = where.from_position, .now = now});
    if (outcome.draft) {
      item.run = std::move(outcome.draft->run);
      item.notes = std::move(outcome.draft->notes);
    } else {
      item.not_a_run = std::move(outcome.skipped_because);
    }
    for (const auto& [name, series] : activity.developer_fields) {
      item.developer_fields.push_back({.name = name, .units = series.units, .count = series.count});
    }
    inspection.activities.push_back(std::move(item));
  }
  return inspection;
}

}  // namespace cairn::app
