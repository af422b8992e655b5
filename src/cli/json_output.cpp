#include "json_output.hpp"

#include "cairn/exchange/json.hpp"

namespace cairn::cli {
namespace {

template <class T>
Json array_of(std::span<const T> items) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(exchange::to_json(item));
  return out;
}

}  // namespace

void print_json(std::ostream& out, const Json& json) {
  out << json.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

Json value_json(const Value& value) { return exchange::to_json(value); }
Json values_json(std::span<const Value> values) { return array_of(values); }

Json catalogue_json() { return array_of(value_catalogue()); }

Json value_event_json(const ValueEvent& event) { return exchange::to_json(event); }
Json value_history_json(std::span<const ValueEvent> history) { return array_of(history); }
Json runs_json(std::span<const Run> runs) { return array_of(runs); }

Json logged_run_json(const app::LoggedRun& logged) {
  return exchange::to_json(logged.run, logged.entry ? &*logged.entry : nullptr);
}

Json entry_json(const JournalEntry& entry) { return exchange::to_json(entry); }
Json entries_json(std::span<const JournalEntry> entries) { return array_of(entries); }
Json experiment_json(const Experiment& experiment) { return exchange::to_json(experiment); }
Json experiments_json(std::span<const Experiment> experiments) { return array_of(experiments); }
Json checkin_json(const CheckIn& checkin) { return exchange::to_json(checkin); }
Json checkins_json(std::span<const CheckIn> checkins) { return array_of(checkins); }
Json review_json(const Review& review) { return exchange::to_json(review); }
Json reviews_json(std::span<const Review> reviews) { return array_of(reviews); }

Json strings_json(const std::vector<std::string>& strings) {
  Json out = Json::array();
  for (const auto& text : strings) out.push_back(text);
  return out;
}

}  // namespace cairn::cli
