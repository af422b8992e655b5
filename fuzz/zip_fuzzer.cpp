// Fuzz target: a zip archive as the import reads it (a Strava export): the directory, every
// entry's safety checks, each entry read under a small size cap, activities.csv parsed and
// each activity entry read as an activity file. libzip reads from a path, so the input is
// written to a private temporary file first. Only cairn::Error may leave it.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "cairn/core/error.hpp"
#include "cairn/formats/activity.hpp"
#include "cairn/formats/csv.hpp"
#include "cairn/formats/zip_archive.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/cairn-zip-fuzz-" + std::to_string(getpid()) + ".zip";
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    const auto archive = cairn::formats::ZipArchive::open(
        path, {.max_entries = 1000, .max_entry_bytes = std::size_t{4} * 1024 * 1024});
    for (const auto& entry : archive.entries()) {
      if (entry.is_directory || !entry.refused.empty()) continue;
      try {
        const auto bytes = archive.read(entry);
        if (entry.name == "activities.csv") {
          static_cast<void>(cairn::formats::CsvTable::parse(
              std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())));
        } else {
          static_cast<void>(cairn::formats::read_activity_file(bytes, cairn::fuzz::fuzz_limits));
        }
      } catch (const cairn::Error&) {
      }
    }
  } catch (const cairn::Error&) {
  }
  return 0;
}
