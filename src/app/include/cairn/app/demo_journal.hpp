#pragma once
/// \file
/// Writing a generated demo journal (cairn::demo) into a runner's empty journal, to try
/// Cairn with: the CLI's `cairn demo`, later the HTTP API's.

#include "cairn/core/demo_report.hpp"
#include "cairn/core/ids.hpp"
#include "cairn/demo/demo_journal.hpp"
#include "cairn/store/store.hpp"

namespace cairn::app {

/// Generates the journal `options` describe and writes it into the user's journal the way a
/// restored export is written (restore_export), in one transaction. Refuses with
/// Error(conflict) when the user's journal already holds data (Store::is_empty: values,
/// runs, entries, ...; settings alone do not count), and with Error(invalid_input) naming
/// the option (demo::check_demo_options) before the store is touched; nothing is written
/// then. Returns what was written.
DemoReport create_demo_journal(store::Store& store, UserId user, const demo::DemoOptions& options);

}  // namespace cairn::app
