# Run after annotator_fuzz_format is built (cmake -DFUZZER=<path> -P link_formats.cmake): asks the
# binary for the registry's readable formats and makes annotator_fuzz_<id> -> annotator_fuzz_format
# for each, removing links of formats that left the registry.
get_filename_component(dir "${FUZZER}" DIRECTORY)
get_filename_component(exe "${FUZZER}" NAME)
execute_process(COMMAND ${CMAKE_COMMAND} -E env AA_FUZZ_LIST_FORMATS=1 ASAN_OPTIONS=detect_leaks=0 "${FUZZER}"
                OUTPUT_VARIABLE ids RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${FUZZER} could not list its formats (exit ${rc}): ${err}")
endif()
string(REGEX MATCHALL "[^\n]+" ids "${ids}")
file(GLOB old "${dir}/annotator_fuzz_*")
foreach(f ${old})
  if(IS_SYMLINK "${f}")
    file(REMOVE "${f}")
  endif()
endforeach()
foreach(id ${ids})
  file(CREATE_LINK "${exe}" "${dir}/annotator_fuzz_${id}" SYMBOLIC)
endforeach()
list(JOIN ids ", " shown)
message(STATUS "fuzz targets for formats: ${shown}")
