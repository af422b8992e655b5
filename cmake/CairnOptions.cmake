# One INTERFACE target carries the project's warning and sanitizer flags, so every
# module and test binary is compiled the same way.
add_library(cairn_options INTERFACE)
add_library(cairn::options ALIAS cairn_options)

target_compile_options(cairn_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
  -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough)

if(CAIRN_WERROR)
  target_compile_options(cairn_options INTERFACE -Werror)
endif()

if(CAIRN_SANITIZE)
  target_compile_options(cairn_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(cairn_options INTERFACE -fsanitize=address,undefined)
endif()
if(CAIRN_SANITIZE_THREAD)
  target_compile_options(cairn_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(cairn_options INTERFACE -fsanitize=thread)
endif()

# Fuzzing (clang only): coverage instrumentation without libFuzzer's main on the libraries,
# so only the fuzz targets in fuzz/ link it (-fsanitize=fuzzer there). Asserts stay on.
if(CAIRN_FUZZ)
  target_compile_options(cairn_options INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(cairn_options INTERFACE -fsanitize=address,undefined)
endif()
if(CAIRN_SANITIZE_THREAD)
  target_compile_options(cairn_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(cairn_options INTERFACE -fsanitize=thread)
endif()
