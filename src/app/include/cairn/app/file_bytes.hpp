#pragma once
/// \file
/// Reading a whole activity file into memory, for the importer and `cairn inspect`.

#include <cstddef>
#include <filesystem>
#include <vector>

namespace cairn::app {

/// The bytes of the file at `path`: a regular file, or a stream this process was handed
/// (/dev/stdin, /dev/fd/N, /proc/self/fd/N), read to its end. Throws Error(not_found) when
/// it cannot be opened, is a folder or is any other kind of file (a FIFO, which would block
/// with no writer; a socket; a device such as /dev/zero), Error(invalid_input) when it holds more
/// than `limit` bytes (a stream is read no further than that), Error(corrupt_file) when a regular
/// file changes size while read.
[[nodiscard]] std::vector<std::byte> read_file_bytes(const std::filesystem::path& path,
                                                     std::size_t limit);

}  // namespace cairn::app
