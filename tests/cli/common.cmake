# What the CLI test scripts share (include()d by them; not a test itself).
# run(EXPECT_RC ARGS...): runs the annotator with ARGS, stops the test unless it exits EXPECT_RC;
# leaves its standard output and error in `out` and `err`.
function(run expect_rc)
  execute_process(COMMAND ${ANNOTATOR} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "annotator ${ARGN}: exit ${rc}, expected ${expect_rc}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()
