#pragma once
/// \file
/// The one error model of Cairn: an operation that cannot go on throws cairn::Error.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cairn {

/// What kind of failure an Error reports; each edge (CLI, HTTP) maps these to its own codes.
enum class Errc : std::uint8_t {
  invalid_input,  ///< the caller gave something impossible (a bad date, a rating out of range)
  not_found,      ///< a referenced thing (run, value, entry) does not exist for this user
  conflict,       ///< the request contradicts stored state (a name already taken, a non-empty db)
  corrupt_file,   ///< a file's bytes cannot be decoded
  unsupported,    ///< valid but not handled here (a database from a newer Cairn)
  storage,        ///< the database cannot be read or written (locked, corrupt, disk full)
};

/// Short stable name of an error kind, e.g. "invalid_input" (used in JSON problem responses).
[[nodiscard]] std::string_view errc_name(Errc code) noexcept;

/// An operation that cannot go on. Messages say what and where, lower case, no final period.
class Error : public std::runtime_error {
 public:
  Error(Errc code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] Errc code() const noexcept { return code_; }

 private:
  Errc code_;
};

}  // namespace cairn
