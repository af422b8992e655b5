#pragma once
// `--json` output: the same JSON shapes as the export, one document per command.

#include <ostream>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cairn/app/journal_service.hpp"

namespace cairn::cli {

using Json = nlohmann::ordered_json;

void print_json(std::ostream& out, const Json& json);

Json value_json(const Value& value);
Json values_json(std::span<const Value> values);
Json catalogue_json();
Json value_event_json(const ValueEvent& event);
Json value_history_json(std::span<const ValueEvent> history);
Json runs_json(std::span<const Run> runs);
Json logged_run_json(const app::LoggedRun& logged);
Json entry_json(const JournalEntry& entry);
Json entries_json(std::span<const JournalEntry> entries);
Json experiment_json(const Experiment& experiment);
Json experiments_json(std::span<const Experiment> experiments);
Json checkin_json(const CheckIn& checkin);
Json checkins_json(std::span<const CheckIn> checkins);
Json review_json(const Review& review);
Json reviews_json(std::span<const Review> reviews);
Json strings_json(const std::vector<std::string>& strings);

}  // namespace cairn::cli
