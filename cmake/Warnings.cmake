# Warnings for the project's own code (not for third-party sources), as errors in every preset:
# a warning nobody is made to read is a warning nobody reads. AA_WERROR=OFF lets a local build
# with another compiler go on while its new warnings are fixed.
option(AA_WERROR "Treat warnings in the project's own code as errors" ON)
add_library(aa_warnings INTERFACE)
target_compile_options(aa_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
if(AA_WERROR)
  target_compile_options(aa_warnings INTERFACE -Werror)
endif()
# GCC 12's -Wrestrict fires inside libstdc++'s std::string operator+ when inlined at -O2/-O3
# (GCC bug 105329, a false positive: "accessing 9223372036854775810 or more bytes"); clang has
# no such warning. Keep it a warning there, never an error that stops the release build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(aa_warnings INTERFACE -Wno-error=restrict)
endif()
