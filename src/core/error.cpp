#include "cairn/core/error.hpp"

namespace cairn {

std::string_view errc_name(Errc code) noexcept {
  switch (code) {
    case Errc::invalid_input:
      return "invalid_input";
    case Errc::not_found:
      return "not_found";
    case Errc::conflict:
      return "conflict";
    case Errc::corrupt_file:
      return "corrupt_file";
    case Errc::unsupported:
      return "unsupported";
    case Errc::storage:
      return "storage";
  }
  return "unknown";
}

}  // namespace cairn
