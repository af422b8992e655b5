#pragma once
// One table per enumeration maps each enumerator to the stable name used in the CLI, JSON
// and the database; these helpers look both ways and list the choices for messages.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "text.hpp"

namespace cairn::detail {

template <class E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

template <class E, std::size_t N>
std::string_view name_in(const NameTable<E, N>& table, E value) {
  for (const auto& [known, name] : table) {
    if (known == value) return name;
  }
  return "unknown";
}

template <class E, std::size_t N>
std::string choices_of(const NameTable<E, N>& table) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += table[i].second;
  }
  return out;
}

// Parses a name (ignoring case and surrounding spaces); throws Error(invalid_input) saying
// what `what` was expected and listing the choices.
template <class E, std::size_t N>
E parse_in(const NameTable<E, N>& table, std::string_view text, std::string_view what) {
  const std::string lower = to_lower(trim(text));
  for (const auto& [value, name] : table) {
    if (name == lower) return value;
  }
  throw Error(Errc::invalid_input, fmt::format("unknown {} '{}': expected {}", what,
                                               std::string(text), choices_of(table)));
}

}  // namespace cairn::detail
