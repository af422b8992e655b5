#pragma once
// The OpenAPI 3.1 document of the API (openapi.json beside this file, built into the
// program so that the server needs no file to describe itself).

#include <string_view>

namespace cairn::api {

[[nodiscard]] std::string_view openapi_document();

}  // namespace cairn::api
