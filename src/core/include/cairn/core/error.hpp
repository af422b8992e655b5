#pragma once
/// \file
/// The one error model of Cairn: an operation that cannot go on throws cairn::Error.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

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

/// An operation that cannot go on. Messages say what and where, lower case, no final period,
/// and never speak of one surface's commands or flags (the CLI and the HTTP API both show
/// them). `field` names what the error is about, so a form can show the message beside its
/// input: the member's path in the JSON shapes of cairn/exchange (`distance_m`,
/// `before.mood`, `value_alignments[2].rating`), or `byte 1024` in a file; empty when the
/// error is about no one field.
class Error : public std::runtime_error {
 public:
  Error(Errc code, const std::string& message, std::string field = {})
      : std::runtime_error(message), code_(code), field_(std::move(field)) {}
  [[nodiscard]] Errc code() const noexcept { return code_; }
  [[nodiscard]] const std::string& field() const noexcept { return field_; }

 private:
  Errc code_;
  std::string field_;
};

}  // namespace cairn
