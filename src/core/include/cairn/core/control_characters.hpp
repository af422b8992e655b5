#pragma once
// Which text holds a control character: one rule for a value's name and a request's address,
// neither of which has any use for one (and a NUL would cut a message that names it short).

#include <algorithm>
#include <string_view>

namespace cairn {

/// True when `text` holds a C0 control character (below 0x20, tab and newline too) or DEL.
[[nodiscard]] inline bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

}  // namespace cairn
