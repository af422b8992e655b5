#include "strict_json.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn::exchange::detail {

using Json = nlohmann::ordered_json;

Json parse_without_repeated_members(std::string_view text) {
  // The objects and arrays open while parsing: each object with the members seen in it and
  // the one being read, each array with how many elements it has begun, so that a repeated
  // member's path can be named.
  struct Open {
    bool object = true;
    std::set<std::string> members{};
    std::string member{};
    std::size_t elements = 0;
  };
  std::vector<Open> open;
  const auto path_to = [&open](const std::string& member) {
    std::string path;
    for (std::size_t i = 0; i + 1 < open.size(); ++i) {
      if (open[i].object) {
        path += (path.empty() ? "" : ".") + open[i].member;
      } else {
        path += fmt::format("[{}]", open[i].elements - 1);
      }
    }
    return path.empty() ? member : fmt::format("{}.{}", path, member);
  };
  const auto refuse_repeated_members = [&](int /*depth*/, Json::parse_event_t event, Json& parsed) {
    using Event = Json::parse_event_t;
    // nlohmann reports a nested object or array by its start, anything else as a value.
    const bool begins_element =
        event == Event::object_start || event == Event::array_start || event == Event::value;
    if (begins_element && !open.empty() && !open.back().object) ++open.back().elements;
    if (event == Event::object_start || event == Event::array_start) {
      open.push_back(Open{.object = event == Event::object_start});
    } else if (event == Event::object_end || event == Event::array_end) {
      open.pop_back();
    } else if (event == Event::key && !open.empty()) {
      const auto& member = parsed.get_ref<const std::string&>();
      if (!open.back().members.insert(member).second) {
        const std::string path = path_to(member);
        throw Error(Errc::invalid_input,
                    fmt::format("{}: given twice in one object: give it once", path), path);
      }
      open.back().member = member;
    }
    return true;
  };
  return Json::parse(text.begin(), text.end(), refuse_repeated_members);
}

}  // namespace cairn::exchange::detail
