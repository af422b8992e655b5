#pragma once
/// \file
/// Strongly typed row identifiers, so a run id can never be passed where a value id is meant.

#include <compare>
#include <cstdint>
#include <functional>

namespace cairn {

/// An identifier of one kind of thing; the Tag keeps kinds apart at compile time.
template <class Tag>
struct Id {
  std::int64_t value = 0;
  friend constexpr auto operator<=>(const Id&, const Id&) = default;
};

using UserId = Id<struct UserTag>;
using ValueId = Id<struct ValueTag>;
using ValueEventId = Id<struct ValueEventTag>;
using RunId = Id<struct RunTag>;
using JournalEntryId = Id<struct JournalEntryTag>;
using ExperimentId = Id<struct ExperimentTag>;
using CheckInId = Id<struct CheckInTag>;
using ReviewId = Id<struct ReviewTag>;

/// The single local runner of a one-person installation; hosted mode adds more users.
inline constexpr UserId local_user{1};

}  // namespace cairn

template <class Tag>
struct std::hash<cairn::Id<Tag>> {
  std::size_t operator()(const cairn::Id<Tag>& id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
