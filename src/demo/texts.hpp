#pragma once
// The words of the demo runner: journal notes, check-in notes, weather, names of new routes.
// Our own, written for the demo.

#include <array>
#include <string_view>

namespace cairn::demo::texts {

inline constexpr std::array<std::string_view, 6> quiet_familiar{
    "The river was flat and grey; by the second bridge my head had emptied.",
    "No music, no watch-checking. Thought through the meeting and then stopped thinking.",
    "Same loop as always, and that was the point. Came home calm.",
    "Fog on the water. Nobody about. Best start to a day in weeks.",
    "Counted my breaths for a kilometre, then just ran. Lighter afterwards.",
    "Worried about work on the way out, forgot about it on the way back.",
};

inline constexpr std::array<std::string_view, 6> new_route{
    "Took a wrong turn twice and kept checking the map. Nice views, but I never settled.",
    "New path past the allotments. Interesting, though I spent the run wondering where it went.",
    "Explored the woods north of the ring road. Good to see, tiring to navigate.",
    "Tried the hill route someone posted. Pretty at the top, stressful at the crossings.",
    "A new loop: fun to plan, and I came home more wound up than I left.",
    "Found a lovely stretch by the canal, then a dead end. Walked a bit to find the way.",
};

inline constexpr std::array<std::string_view, 6> company{
    "Club night: talked the whole way and forgot the pace.",
    "Ran with Jo. The kilometres went by without my noticing.",
    "Big group tonight; someone brought cake for the finish.",
    "Caught up with Martin on the long run. Two hours gone in a blink.",
    "Chatted about everything and nothing. Laughed up the hill.",
    "The club's new members set off too fast; we reeled them in at the bridge.",
};

inline constexpr std::array<std::string_view, 4> family{
    "The kids on their bikes, me jogging behind. Slow and lovely.",
    "Lena raced me to the pond and won. Sam laughed the whole way.",
    "Family loop in the park. More stopping than running; no complaints.",
    "Ben asked why I run. Told him it makes me happy; he wants to come every week.",
};

inline constexpr std::array<std::string_view, 5> hard{
    "Legs heavy from the start. Got it done.",
    "Long one. The last five kilometres were a grind.",
    "Tempo felt hard today; held the pace anyway.",
    "Windy on the way back. Glad to be home.",
    "Sore calves from Tuesday; kept it honest.",
};

inline constexpr std::array<std::string_view, 6> fading{
    "Had to drag myself out. Legs fine, head not in it.",
    "Went because I felt I should. Not much joy in it.",
    "Cut it short. Couldn't find a reason to keep going.",
    "Three days since the last one. Told myself it doesn't matter. It does, a bit.",
    "Ran the loop on autopilot. Relieved when it was over.",
    "Guilt got me out of the door, not wanting to.",
};

inline constexpr std::array<std::string_view, 5> everyday{
    "Easy run, nothing special, felt good.",
    "Nice to be out. Back in time for breakfast.",
    "A plain run on a plain day. Glad I went.",
    "Podcast about bridges; ran further than planned.",
    "Quick one before dinner.",
};

inline constexpr std::array<std::string_view, 4> checkin_notes{
    "Busy week at work; running kept me sane.",
    "Slept badly, but the weekend helped.",
    "Good week. Saw friends twice.",
    "Long days. Not much time for anything but work.",
};

inline constexpr std::array<std::string_view, 3> fading_checkin_notes{
    "I keep skipping runs and feeling bad about it.",
    "Running feels like another thing on the list.",
    "Not sure why I'm not enjoying it at the moment.",
};

// Weather by season: winter, spring, summer, autumn.
inline constexpr std::array<std::array<std::string_view, 4>, 4> weather{{
    {"cold and clear", "frost on the paths", "sleet", "grey and damp"},
    {"mild, light rain", "sunny and fresh", "windy", "first warm day"},
    {"hot and humid", "warm evening", "thunder in the air", "perfect, 18 degrees"},
    {"crisp and sunny", "drizzle", "stormy", "foggy"},
}};

inline constexpr std::array<std::string_view, 8> route_names{
    "Quarry trail", "Old railway path", "Canal to the mill", "Vineyard hill",
    "North woods",  "Ridge path",       "Allotment loop",    "Reservoir circuit",
};

}  // namespace cairn::demo::texts
