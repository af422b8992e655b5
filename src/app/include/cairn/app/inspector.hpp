#pragma once
/// \file
/// What activity files hold, read the way the importer reads them, without storing
/// anything: `cairn inspect` and (later) the API's inspect route render this.

#include <filesystem>
#include <string>

#include "cairn/core/inspection.hpp"
#include "cairn/core/time.hpp"

namespace cairn::app {

/// Reads the file at `path` within the importer's limits (ImportOptions) and judges each
/// activity as an import would, placing it in the zone of its first position or in
/// `home_zone`; `now` dates the plausibility checks. Never throws for a file that cannot
/// be read: that is FileInspection::error.
[[nodiscard]] FileInspection inspect_file(const std::filesystem::path& path,
                                          const std::string& home_zone, Timestamp now);

}  // namespace cairn::app
