# Warnings for the project's own code (not for third-party sources).
add_library(aa_warnings INTERFACE)
target_compile_options(aa_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
