// The arc layout (arc_layout.hpp): tags, anchors on the tags, levels in each line's band, lanes in
// the margin for arcs between lines, stubs for ends off screen.
#include "ui/arc_layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aa::ui::arcs {
namespace {

constexpr float kGap = 3;  // between two runs on one level

// A run along a band, to be given a level: [a, b] holds the run and its label or badge.
struct Run {
    size_t line = 0;
    float a = 0, b = 0;
    int level = 0;
};

// What is attached to a tag, sorted by where it goes so that the runs leave the tag in order.
struct Attachment {
    float toward = 0;  // x of where the run goes (the other tag, the margin, the stub's badge)
    float* anchor = nullptr;
};

float level_y(const Line& l, const Params& p, int level) {
    return l.tag_top - 2 - p.step * static_cast<float>(level) - p.step * 0.5f;
}

// Levels per line: shorter runs lower (brat's rule, so that nested arcs read inside out); a run
// goes to the lowest level where it meets no other run, else to the top level.
void assign_levels(std::vector<Run>& runs, const Params& p) {
    std::vector<size_t> order(runs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
        if (runs[x].line != runs[y].line) return runs[x].line < runs[y].line;
        return runs[x].b - runs[x].a < runs[y].b - runs[y].a;
    });
    std::vector<std::vector<std::pair<float, float>>> taken;
    size_t line = std::numeric_limits<size_t>::max();
    for (size_t i : order) {
        Run& r = runs[i];
        if (r.line != line) {
            line = r.line;
            taken.assign(static_cast<size_t>(std::max(1, p.levels)), {});
        }
        int level = static_cast<int>(taken.size()) - 1;
        for (size_t k = 0; k < taken.size(); ++k) {
            const bool free = std::none_of(taken[k].begin(), taken[k].end(), [&](const auto& t) {
                return r.a < t.second + kGap && t.first < r.b + kGap;
            });
            if (free) {
                level = static_cast<int>(k);
                break;
            }
        }
        r.level = level;
        taken[static_cast<size_t>(level)].emplace_back(r.a, r.b);
    }
}

// Lanes in the margin for the vertical runs of arcs between lines: runs over the same lines get
// different lanes, as far as the margin has room.
std::vector<int> assign_lanes(const std::vector<std::pair<size_t, size_t>>& spans, int max_lanes) {
    std::vector<int> lane(spans.size(), 0);
    std::vector<std::vector<std::pair<size_t, size_t>>> used;
    for (size_t i = 0; i < spans.size(); ++i) {
        int chosen = -1;
        for (size_t k = 0; k < used.size() && chosen < 0; ++k) {
            const bool free = std::none_of(used[k].begin(), used[k].end(), [&](const auto& u) {
                return spans[i].first <= u.second && u.first <= spans[i].second;
            });
            if (free) chosen = static_cast<int>(k);
        }
        if (chosen < 0) {
            if (static_cast<int>(used.size()) < max_lanes) {
                used.emplace_back();
                chosen = static_cast<int>(used.size()) - 1;
            } else {
                chosen = max_lanes - 1;
            }
        }
        used[static_cast<size_t>(chosen)].push_back(spans[i]);
        lane[i] = chosen;
    }
    return lane;
}

RectF box_at(float x0, float x1, float y, const Params& p) {
    return RectF{x0, y - p.step * 0.5f + 1, x1, y + p.step * 0.5f - 1};
}

}  // namespace

int digits(size_t n) {
    int d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}

namespace {

// One layout, step by step (each step reads what the ones before it found).
struct Layouter {
    const std::vector<Line>& lines;
    const std::vector<TagRequest>& tags;
    const std::vector<Request>& requests;
    const Params& p;
    Layout out;
    float right_base = 0, left_base = 0;  // the margin's first lane on each side
    struct Pending {                      // a relation with both ends on screen
        size_t request, upper, lower;     // tags; upper is on the earlier line (or the left one)
        bool source_upper;
        bool routed, right_side;
        float xu = 0, xl = 0;  // anchors
    };
    std::vector<Pending> pend;
    std::vector<int> lane_of;  // per pending arc
    std::vector<float> stub_anchor;
    std::vector<Run> runs;
    std::vector<size_t> first_run, second_run, stub_run;

    float centre(size_t tag) const { return (out.tags[tag].x0 + out.tags[tag].x1) * 0.5f; }
    float margin_x(size_t i) const {
        const float d = static_cast<float>(lane_of[i]) * p.lane;
        return pend[i].right_side ? right_base + d : left_base - d;
    }

    // Tags: left to right on each line (by the x they ask for: in right-to-left text the entities of
    // a line come right to left), never overlapping the one at their left.
    void place_tags() {
        out.tags.resize(tags.size());
        std::vector<float> min_x(lines.size(), -std::numeric_limits<float>::max());
        right_base = p.right;
        left_base = p.left;
        std::vector<size_t> order(tags.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return tags[a].line != tags[b].line ? tags[a].line < tags[b].line : tags[a].x < tags[b].x;
        });
        for (const size_t i : order) {
            const TagRequest& t = tags[i];
            if (t.line >= lines.size()) continue;
            const float x = std::max(t.x, min_x[t.line]);
            const float y = lines[t.line].tag_top;
            out.tags[i] = RectF{x, y, x + t.width, y + t.height};
            min_x[t.line] = x + t.width + 2;
            right_base = std::max(right_base, x + t.width);
            left_base = std::min(left_base, x);
        }
        right_base += p.lane;
        left_base -= p.lane;
    }

    // Which relations become arcs (and whether round the margin) and which stubs.
    void classify() {
        auto stub_for = [&](size_t tag, int dir) -> Stub& {
            for (Stub& s : out.stubs)
                if (s.tag == tag && s.dir == dir) return s;
            out.stubs.push_back(Stub{tag, dir, {}, {}, {}});
            return out.stubs.back();
        };
        for (size_t r = 0; r < requests.size(); ++r) {
            const End& f = requests[r].from;
            const End& t = requests[r].to;
            const bool ft = f.kind == End::Kind::Tag && f.tag < tags.size() && tags[f.tag].line < lines.size();
            const bool tt = t.kind == End::Kind::Tag && t.tag < tags.size() && tags[t.tag].line < lines.size();
            if (ft && tt) {
                if (f.tag == t.tag) continue;
                Pending q{r, f.tag, t.tag, true, false, false};
                const bool swap = tags[t.tag].line < tags[f.tag].line ||
                                  (tags[t.tag].line == tags[f.tag].line && centre(t.tag) < centre(f.tag));
                if (swap) {
                    std::swap(q.upper, q.lower);
                    q.source_upper = false;
                }
                q.routed = tags[q.upper].line != tags[q.lower].line;
                q.right_side = centre(q.upper) + centre(q.lower) >= p.left + p.right;
                pend.push_back(q);
            } else if (ft || tt) {
                const End& other = ft ? t : f;
                stub_for(ft ? f.tag : t.tag, other.kind == End::Kind::Below ? +1 : -1).requests.push_back(r);
            }
        }
    }

    // Lanes in the margin, per side.
    void lanes() {
        lane_of.assign(pend.size(), 0);
        const int max_lanes = std::max(1, static_cast<int>(p.gutter / p.lane));
        for (const bool right : {true, false}) {
            std::vector<std::pair<size_t, size_t>> spans;
            std::vector<size_t> which;
            for (size_t i = 0; i < pend.size(); ++i)
                if (pend[i].routed && pend[i].right_side == right) {
                    spans.emplace_back(tags[pend[i].upper].line, tags[pend[i].lower].line);
                    which.push_back(i);
                }
            const std::vector<int> l = assign_lanes(spans, max_lanes);
            for (size_t k = 0; k < which.size(); ++k) lane_of[which[k]] = l[k];
        }
    }

    // Anchors: each tag's runs leave it spread over its width, in the order of where they go.
    void anchors() {
        std::vector<std::vector<Attachment>> at(tags.size());
        stub_anchor.assign(out.stubs.size(), 0);
        for (size_t i = 0; i < pend.size(); ++i) {
            Pending& q = pend[i];
            at[q.upper].push_back({q.routed ? margin_x(i) : centre(q.lower), &q.xu});
            at[q.lower].push_back({q.routed ? margin_x(i) : centre(q.upper), &q.xl});
        }
        for (size_t s = 0; s < out.stubs.size(); ++s)
            at[out.stubs[s].tag].push_back({std::numeric_limits<float>::max() / 2, &stub_anchor[s]});
        for (size_t t = 0; t < at.size(); ++t) {
            std::vector<Attachment>& list = at[t];
            std::stable_sort(list.begin(), list.end(),
                             [](const Attachment& a, const Attachment& b) { return a.toward < b.toward; });
            const float w = out.tags[t].x1 - out.tags[t].x0;
            for (size_t k = 0; k < list.size(); ++k)
                *list[k].anchor = out.tags[t].x0 + w * static_cast<float>(k + 1) / static_cast<float>(list.size() + 1);
        }
    }

    // Runs along the bands, given levels: an arc's first run carries its label, a stub's its badge.
    void level_runs() {
        first_run.assign(pend.size(), 0);
        second_run.assign(pend.size(), 0);
        stub_run.assign(out.stubs.size(), 0);
        for (size_t i = 0; i < pend.size(); ++i) {
            const Pending& q = pend[i];
            const float lw = requests[q.request].label_w;
            const float xa = q.xu, xb = q.routed ? margin_x(i) : q.xl;
            const float mid = (xa + xb) * 0.5f;
            first_run[i] = runs.size();
            runs.push_back(
                Run{tags[q.upper].line, std::min({xa, xb, mid - lw * 0.5f}), std::max({xa, xb, mid + lw * 0.5f}), 0});
            second_run[i] = runs.size();
            if (q.routed) runs.push_back(Run{tags[q.lower].line, std::min(q.xl, xb), std::max(q.xl, xb), 0});
        }
        for (size_t s = 0; s < out.stubs.size(); ++s) {
            const float bw = 10 + p.digit_w * static_cast<float>(digits(out.stubs[s].requests.size())) + 4;
            stub_run[s] = runs.size();
            runs.push_back(Run{tags[out.stubs[s].tag].line, stub_anchor[s], stub_anchor[s] + p.stub_len + bw, 0});
        }
        assign_levels(runs, p);
    }

    // The polylines: up from the source's tag, along its level (round the margin to the other
    // line's level), down onto the target's tag.
    void emit() {
        for (size_t i = 0; i < pend.size(); ++i) {
            const Pending& q = pend[i];
            const Line& lu = lines[tags[q.upper].line];
            const Line& ll = lines[tags[q.lower].line];
            const int level = runs[first_run[i]].level;
            const float yu = level_y(lu, p, level);
            Arc a;
            a.request = q.request;
            a.level = level;
            a.routed = q.routed;
            a.points.push_back({q.xu, lu.tag_top});
            a.points.push_back({q.xu, yu});
            const float xb = q.routed ? margin_x(i) : q.xl;
            if (q.routed) {
                const float yl = level_y(ll, p, runs[second_run[i]].level);
                a.points.push_back({xb, yu});
                a.points.push_back({xb, yl});
                a.points.push_back({q.xl, yl});
            } else {
                a.points.push_back({q.xl, yu});
            }
            a.points.push_back({q.xl, ll.tag_top});
            if (!q.source_upper) std::reverse(a.points.begin(), a.points.end());
            const float lw = requests[q.request].label_w, mid = (q.xu + xb) * 0.5f;
            a.label = box_at(mid - lw * 0.5f, mid + lw * 0.5f, yu, p);
            out.arcs.push_back(std::move(a));
        }
        for (size_t s = 0; s < out.stubs.size(); ++s) {
            Stub& st = out.stubs[s];
            const Line& l = lines[tags[st.tag].line];
            const float x = stub_anchor[s], y = level_y(l, p, runs[stub_run[s]].level);
            st.points = {{x, l.tag_top}, {x, y}, {x + p.stub_len, y}};
            st.badge = box_at(x + p.stub_len, runs[stub_run[s]].b, y, p);
        }
    }
};

}  // namespace

Layout layout(const std::vector<Line>& lines, const std::vector<TagRequest>& tags, const std::vector<Request>& requests,
              const Params& p) {
    Layouter l{lines, tags, requests, p, {}, 0, 0, {}, {}, {}, {}, {}, {}, {}};
    l.place_tags();
    l.classify();
    l.lanes();
    l.anchors();
    l.level_runs();
    l.emit();
    return std::move(l.out);
}

}  // namespace aa::ui::arcs
