#pragma once
/// \file
/// Writing a file only its owner can read, in one piece: what `cairn export -o` writes.

#include <filesystem>
#include <string_view>

namespace cairn::app {

/// Writes `bytes` to `path` so that no one else can read it and no one sees half of it: a
/// new temporary file in the same folder, created exclusively with mode 0600 (mkstemp, so a
/// file or symlink someone planted there is never followed or reused), written, synced and
/// renamed over `path` (which it replaces; a symlink at `path` is replaced, not followed).
/// On any failure the temporary file is removed and `path` is left as it was. Throws
/// Error(invalid_input) when the folder cannot be written to, Error(storage) when writing
/// fails (disk full), both naming the path and the system's reason.
void write_private_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace cairn::app
