# protozero (Debian's libprotozero-dev) is header-only and ships no CMake package or
# pkg-config file: find its headers and offer them as the target Protozero::protozero.
find_path(PROTOZERO_INCLUDE_DIR protozero/pbf_reader.hpp)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Protozero REQUIRED_VARS PROTOZERO_INCLUDE_DIR)
if(Protozero_FOUND AND NOT TARGET Protozero::protozero)
  add_library(Protozero::protozero INTERFACE IMPORTED)
  target_include_directories(Protozero::protozero SYSTEM INTERFACE "${PROTOZERO_INCLUDE_DIR}")
endif()
