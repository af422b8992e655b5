#include "cairn/core/import_report.hpp"

#include <algorithm>

#include "enum_names.hpp"

namespace cairn {
namespace {

constexpr detail::NameTable<ImportOutcome, 4> outcome_names{{
    {ImportOutcome::imported, "imported"},
    {ImportOutcome::already_there, "already_there"},
    {ImportOutcome::skipped, "skipped"},
    {ImportOutcome::failed, "failed"},
}};

}  // namespace

std::string_view import_outcome_name(ImportOutcome outcome) {
  return detail::name_in(outcome_names, outcome);
}

std::size_t ImportSummary::count(ImportOutcome outcome) const {
  return static_cast<std::size_t>(std::count_if(
      files.begin(), files.end(), [&](const FileReport& file) { return file.outcome == outcome; }));
}

}  // namespace cairn
