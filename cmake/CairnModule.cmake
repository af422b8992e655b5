# cairn_add_module(NAME <m> SOURCES ... [TESTS ...] [DEPS ...] [PRIVATE_DEPS ...])
#
# Creates library cairn_<m> with alias cairn::<m>, its public headers (a file set under
# include/), C++20 as a PUBLIC requirement, and, when TESTS are given, one GoogleTest
# binary cairn_<m>_tests registered with CTest. A module can include only what it links,
# which keeps the dependency direction core <- formats, store, insights <- api <- server.
function(cairn_add_module)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;TESTS;DEPS;PRIVATE_DEPS;TEST_DEPS" ${ARGN})
  set(target cairn_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SOURCES})
  add_library(cairn::${ARG_NAME} ALIAS ${target})
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/include/*.hpp")
  target_sources(${target} PUBLIC FILE_SET HEADERS
    BASE_DIRS "${CMAKE_CURRENT_SOURCE_DIR}/include" FILES ${headers})
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS} PRIVATE cairn::options ${ARG_PRIVATE_DEPS})

  if(CAIRN_BUILD_TESTS AND ARG_TESTS)
    add_executable(${target}_tests ${ARG_TESTS})
    target_link_libraries(${target}_tests PRIVATE ${target} ${ARG_TEST_DEPS} cairn::options
      GTest::gtest GTest::gtest_main GTest::gmock)
    # The timeout guards against hangs and quadratic work on hostile input; it is far above
    # any test's time under the sanitizers, so it never measures speed.
    gtest_discover_tests(${target}_tests DISCOVERY_MODE PRE_TEST
      PROPERTIES LABELS "unit;${ARG_NAME}" TIMEOUT 300)
  endif()
endfunction()
