#pragma once
/// \file
/// Reading a whole activity file into memory, for the importer and `cairn inspect`.

#include <cstddef>
#include <filesystem>
#include <vector>

namespace cairn::app {

/// The bytes of the file at `path`: a regular file, or a stream such as a pipe or
/// /dev/stdin, read to its end. Throws Error(not_found) when it cannot be opened or is a
/// folder, Error(invalid_input) when it holds more than `limit` bytes (a stream is read no
/// further than that), Error(corrupt_file) when a regular file changes size while read.
[[nodiscard]] std::vector<std::byte> read_file_bytes(const std::filesystem::path& path,
                                                     std::size_t limit);

}  // namespace cairn::app
