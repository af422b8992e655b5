// Getting data in and out: imports of uploaded files (going on after the answer, with their
// progress to poll), inspecting files, the export downloads, the backup and the restore.

#include <atomic>
#include <chrono>

#include <fmt/format.h>

#include "cairn/app/inspector.hpp"
#include "cairn/app/journal_transfer.hpp"
#include "cairn/core/error.hpp"
#include "cairn/exchange/json.hpp"
#include "cairn/store/sqlite_store.hpp"

#include "call.hpp"
#include "import_jobs.hpp"

namespace cairn::api {
namespace {

std::string_view extension_of(app::ExportFormat format) {
  switch (format) {
    case app::ExportFormat::json:
      return "json";
    case app::ExportFormat::csv:
      return "csv";
    case app::ExportFormat::markdown:
      return "md";
  }
  return "txt";
}

std::string content_type_of(app::ExportFormat format) {
  switch (format) {
    case app::ExportFormat::json:
      return "application/json";
    case app::ExportFormat::csv:
      return "text/csv; charset=utf-8";
    case app::ExportFormat::markdown:
      return "text/markdown; charset=utf-8";
  }
  return "text/plain; charset=utf-8";
}

void require_files(const Call& call) {
  if (call.request.files.empty())
    throw Error(Errc::invalid_input, "the upload holds no file", "files");
}

}  // namespace

Response start_import(Call& call) {
  require_files(call);
  const bool wait = call.query_flag("wait");
  const std::int64_t id =
      call.imports.start(call.request.files, call.user, call.service.zone(), call.slot);
  if (wait) return json_response(call.imports.wait(id, call.user));
  Response response = json_response(*call.imports.status(id, call.user), 202);
  response.headers.push_back({"Location", fmt::format("/api/imports/{}", id)});
  return response;
}

Response show_import(Call& call) {
  const std::int64_t id = call.id_number(0, "import");
  const auto status = call.imports.status(id, call.user);
  if (!status) throw Error(Errc::not_found, fmt::format("no import {}", id), "id");
  return json_response(*status);
}

Response inspect_files(Call& call) {
  require_files(call);
  Json files = Json::array();
  for (const auto& file : call.request.files) {
    FileInspection inspection =
        app::inspect_file(file.path, call.service.zone(), call.service.now());
    inspection.path = file.name;
    files.push_back(exchange::to_json(inspection));
  }
  return json_response(Json{{"files", std::move(files)}});
}

Response export_journal(Call& call) {
  const auto format_name = call.request.query_value("format").value_or("json");
  app::ExportFormat format{};
  try {
    format = app::parse_export_format(format_name);
  } catch (const Error& error) {
    throw Error(Errc::invalid_input, error.what(), "format");
  }
  app::JournalExport exported =
      app::export_journal(call.store, call.user, format, call.service.units());
  return download(
      std::move(exported.text), content_type_of(format),
      fmt::format("cairn-export-{}.{}", format_date(call.service.today()), extension_of(format)));
}

Response backup_journal(Call& call) {
  static std::atomic<std::uint64_t> counter{0};
  const auto path =
      call.options.spool_folder /
      fmt::format("backup-{}-{}.db", std::chrono::steady_clock::now().time_since_epoch().count(),
                  counter.fetch_add(1));
  store::backup_sqlite_store(call.store, path);
  Response response;
  response.content_type = "application/vnd.sqlite3";
  response.body_file = path;
  response.headers.push_back(
      {"Content-Disposition", fmt::format("attachment; filename=\"cairn-backup-{}.db\"",
                                          format_date(call.service.today()))});
  return response;
}

Response restore_journal(Call& call) {
  require_files(call);
  if (call.request.files.size() != 1) {
    throw Error(Errc::invalid_input, "a restore takes one export file", "files");
  }
  const UploadedFile& file = call.request.files.front();
  JournalData data;
  try {
    data = app::parse_export(app::read_export_file(file.path));
  } catch (const Error& error) {
    // The runner's name for the file, never where it waited on the server's disk.
    std::string message = error.what();
    const std::string spooled = file.path.string();
    if (const auto at = message.find(spooled); at != std::string::npos) {
      message.replace(at, spooled.size(), file.name);
    }
    throw Error(error.code(), message, error.field().empty() ? "files" : error.field());
  }
  // Said here in the page's words; the store says it again, naming its database file (the
  // server's business), should a write come in between.
  if (!call.store.is_empty(call.user)) {
    throw Error(Errc::conflict,
                "the journal already holds data: a restore goes only into an empty journal, so "
                "nothing was written");
  }
  const app::RestoredJournal restored = app::restore_export(call.store, call.user, data);
  Json out = Json::object();
  out["values"] = restored.values;
  out["runs"] = restored.runs;
  out["tracks"] = restored.tracks;
  out["entries"] = restored.entries;
  out["experiments"] = restored.experiments;
  out["checkins"] = restored.checkins;
  out["imported_files"] = restored.imported_files;
  return json_response(out, 201);
}

}  // namespace cairn::api
