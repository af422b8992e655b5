#pragma once
// Each command registers itself on the root CLI11 app; one file per command.

#include <CLI/CLI.hpp>

#include "context.hpp"

namespace cairn::cli {

void add_values_command(CLI::App& root, Context& context);
void add_log_command(CLI::App& root, Context& context);
void add_journal_command(CLI::App& root, Context& context);
void add_runs_command(CLI::App& root, Context& context);
void add_experiment_command(CLI::App& root, Context& context);
void add_checkin_command(CLI::App& root, Context& context);
void add_review_command(CLI::App& root, Context& context);
void add_export_command(CLI::App& root, Context& context);
void add_import_json_command(CLI::App& root, Context& context);
void add_backup_command(CLI::App& root, Context& context);
void add_settings_command(CLI::App& root, Context& context);
void add_insights_command(CLI::App& root, Context& context);
void add_demo_command(CLI::App& root, Context& context);
void add_serve_command(CLI::App& root, Context& context);
/// Commands whose exit status says how a batch went (some files failed) set `exit_status`.
void add_import_command(CLI::App& root, Context& context, int& exit_status);
void add_inspect_command(CLI::App& root, Context& context, int& exit_status);

/// `cairn log` asking every question (used by the guided start).
void log_run_interactively(Context& context);

/// `cairn` alone: where the runner is, and a guided start on a terminal.
void run_start(Context& context);

}  // namespace cairn::cli
