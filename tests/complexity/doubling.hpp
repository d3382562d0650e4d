// The complexity tests' one measure (issue 12 item 4): a run at n and at 2n, each the fastest of 3,
// and the ratio of the two times checked. Linear gives 2, n log n a little more, quadratic 4.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

namespace aa::complexity {

// The fastest of `reps` runs of `run(n)`, in seconds.
inline double fastest(const std::function<void(size_t)>& run, size_t n, int reps = 3) {
    double best = 1e9;
    for (int i = 0; i < reps; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        run(n);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

// Linear gives 2, n log n a little more, quadratic 4: 3 separates them with room for noise.
constexpr double kMaxRatio = 3.0;

inline void check_doubling(const char* what, size_t n, const std::function<void(size_t)>& run) {
    run(n / 4);  // warm up the allocator and caches
    const double small = fastest(run, n), large = fastest(run, 2 * n);
    const double ratio = large / small;
    std::printf("%-44s n=%-7zu %8.1f ms   2n %8.1f ms   ratio %.2f\n", what, n, small * 1e3, large * 1e3, ratio);
    CHECK_MESSAGE(ratio < kMaxRatio, what << ": doubling the input multiplied the time by " << ratio);
}

}  // namespace aa::complexity
