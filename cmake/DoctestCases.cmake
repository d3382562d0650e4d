# One ctest test per doctest case, named "<prefix>: <case>", so that `ctest -N` lists the cases and
# `ctest -R` reruns a few. Like Debian's doctest_discover_tests (doctest.cmake), but a case name may
# hold any character (";" splits a CMake list: names such as "a; b" would become two tests that
# run nothing), and a test that runs no case fails instead of passing.
#
#   aa_doctest_cases(TARGET PREFIX)   after add_executable(TARGET ...), natively.
# At build time, the listing runs this file in script mode (cmake -P) to write the ctest file.

if(CMAKE_SCRIPT_MODE_FILE)
  # Script mode: EXE, PREFIX, OUT.
  execute_process(COMMAND "${EXE}" --list-test-cases --no-version=true
                  OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${EXE} --list-test-cases failed (${rc}):\n${listing}")
  endif()
  string(REPLACE ";" "<aa-semicolon>" listing "${listing}")
  string(REPLACE "\n" ";" lines "${listing}")
  set(script "")
  set(count 0)
  foreach(line IN LISTS lines)
    if(line STREQUAL "" OR line MATCHES "^\\[doctest\\]" OR line MATCHES "^=+$")
      continue()
    endif()
    string(REPLACE "<aa-semicolon>" ";" name "${line}")
    string(REPLACE "," "\\," filter "${name}")  # doctest splits its filters on commas
    string(APPEND script
      "add_test([==[${PREFIX}: ${name}]==] [==[${EXE}]==] [==[--test-case=${filter}]==])\n"
      "set_tests_properties([==[${PREFIX}: ${name}]==] PROPERTIES FAIL_REGULAR_EXPRESSION [==[test cases: +0 [|]]==])\n")
    math(EXPR count "${count} + 1")
  endforeach()
  if(count EQUAL 0)
    message(FATAL_ERROR "${EXE} lists no test case")
  endif()
  file(WRITE "${OUT}" "${script}")
  return()
endif()

set(AA_DOCTEST_CASES_SCRIPT ${CMAKE_CURRENT_LIST_FILE})

function(aa_doctest_cases target prefix)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}_cases.cmake)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:${target}> -DPREFIX=${prefix} -DOUT=${out}
            -P ${AA_DOCTEST_CASES_SCRIPT}
    VERBATIM)
  # Before the first build there is no list yet: ctest then reports the suite as not built.
  set(include ${CMAKE_CURRENT_BINARY_DIR}/${target}_include.cmake)
  file(WRITE ${include}
    "if(EXISTS \"${out}\")\n  include(\"${out}\")\nelse()\n  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include})
endfunction()
