// Reading a native JSON file a slice at a time, for an import that cannot fit in a frame (10 MB):
// the same checks, the same document and the same messages as io::read("native", ...), with the
// work cut into steps of about a given number of bytes. Nothing is handed over before the end.
#pragma once
#include <memory>
#include <string>

#include "io/format.hpp"

namespace aa::io {

class NativeReadRun {
public:
    explicit NativeReadRun(std::string input, ReadOptions options = {});
    ~NativeReadRun();
    NativeReadRun(const NativeReadRun&) = delete;
    NativeReadRun& operator=(const NativeReadRun&) = delete;

    // Works through about `budget_bytes` of the input (at least one piece); true once the read is
    // done and result() holds what io::read would have returned.
    bool step(size_t budget_bytes);
    bool done() const;
    double progress() const;  // 0 to 1, never going back
    ReadResult& result();
    // Whether the run fell back to one whole-file read (a syntax error, a duplicate key, members in
    // an order it does not slice): the messages are then the whole-file reader's own.
    bool fell_back() const;
    size_t input_size() const;
    // Bytes of the input still held: given back before the document's room is taken when nothing was
    // reported and nothing left can report (no message then needs a position in it).
    size_t input_held() const;

private:
    struct State;
    std::unique_ptr<State> s_;
};

}  // namespace aa::io
