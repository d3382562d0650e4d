// The team-project commands of the CLI (publish, push, pull) against a CouchDB database URL.
#pragma once

namespace aa::cli {

// True for "publish", "push" and "pull".
bool is_team_command(const char* command);
// Runs one of them; argv[0] is the command. Exit status as main's: 0, 1 (failure), 2 (usage).
int team_main(int argc, char** argv);

}  // namespace aa::cli
