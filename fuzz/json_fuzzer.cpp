// Fuzz target: `cairn import-json` parsing, import_json on any text: the nesting check, the
// JSON library and every reader of the export's shape. Only cairn::Error may leave it; a
// stack overflow on deep nesting (issue 15) or any other crash is a bug.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cairn/core/error.hpp"
#include "cairn/exchange/exchange.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto journal = cairn::exchange::import_json(text);
    // What was read exports again without failing.
    static_cast<void>(cairn::exchange::export_json(journal));
  } catch (const cairn::Error&) {
  }
  return 0;
}
