// The arc layout (ui/arc_layout.hpp), headless: no arc or label crosses a label tag, runs on one
// level of a band do not overlap, arcs between lines go through the margin, ends off screen
// become stubs with their count.
#include <doctest/doctest.h>

#include <random>

#include "ui/arc_layout.hpp"

using namespace aa::ui::arcs;

namespace {

// Whether the segment a-b passes through the inside of r (its edges may be touched: an arc ends on
// its tag's top edge).
bool crosses(Pt a, Pt b, const RectF& r) {
    const RectF in{r.x0 + 0.5f, r.y0 + 0.5f, r.x1 - 0.5f, r.y1 - 0.5f};
    // Segments are axis-parallel.
    if (a.x == b.x) return a.x > in.x0 && a.x < in.x1 && std::max(a.y, b.y) > in.y0 && std::min(a.y, b.y) < in.y1;
    REQUIRE(a.y == b.y);
    return a.y > in.y0 && a.y < in.y1 && std::max(a.x, b.x) > in.x0 && std::min(a.x, b.x) < in.x1;
}

std::vector<Line> three_lines() {
    // Rows 100 px apart: a band of 3 x 16 px, then the tags.
    std::vector<Line> lines;
    for (int i = 0; i < 3; ++i) lines.push_back(Line{100.0f * i, 100.0f * i + 52});
    return lines;
}

Params params() {
    Params p;
    p.left = 30;
    p.right = 630;
    p.step = 16;
    p.levels = 3;
    return p;
}

void check_no_tag_crossed(const Layout& l) {
    for (const Arc& a : l.arcs) {
        for (size_t i = 0; i + 1 < a.points.size(); ++i)
            for (size_t t = 0; t < l.tags.size(); ++t) {
                INFO("arc of request " << a.request << ", segment " << i << ", tag " << t);
                CHECK_FALSE(crosses(a.points[i], a.points[i + 1], l.tags[t]));
            }
        for (const RectF& t : l.tags) CHECK_FALSE(a.label.meets(t));
    }
    for (const Stub& s : l.stubs) {
        for (size_t i = 0; i + 1 < s.points.size(); ++i)
            for (const RectF& t : l.tags) CHECK_FALSE(crosses(s.points[i], s.points[i + 1], t));
        for (const RectF& t : l.tags) CHECK_FALSE(s.badge.meets(t));
    }
}

}  // namespace

TEST_CASE("arc layout: tags of right-to-left text, given right to left, each stay at the x it asked for") {
    const std::vector<Line> lines = three_lines();
    // A right-to-left line: the entities (and their tags) come from the right; none is in the way of another.
    const std::vector<TagRequest> tags = {{0, 300, 30, 16}, {0, 200, 30, 16}, {0, 100, 30, 16}};
    const Layout l = layout(lines, tags, {}, params());
    REQUIRE(l.tags.size() == 3);
    CHECK(l.tags[0].x0 == 300);
    CHECK(l.tags[1].x0 == 200);
    CHECK(l.tags[2].x0 == 100);
    // Two asking for nearly the same place, the right one first: the right one is pushed right.
    const Layout m = layout(lines, {{0, 110, 30, 16}, {0, 100, 30, 16}}, {}, params());
    CHECK(m.tags[1].x0 == 100);
    CHECK(m.tags[0].x0 >= m.tags[1].x1);
}

TEST_CASE("arc layout: tags never overlap, arcs on one line go up, along a level and down onto the tags") {
    const std::vector<Line> lines = three_lines();
    // Two tags asking for the same place: the second is pushed right of the first.
    const std::vector<TagRequest> tags = {{0, 40, 30, 16}, {0, 50, 30, 16}, {0, 300, 30, 16}};
    const std::vector<Request> req = {{{End::Kind::Tag, 0}, {End::Kind::Tag, 2}, 60}};
    const Layout l = layout(lines, tags, req, params());
    REQUIRE(l.tags.size() == 3);
    CHECK(l.tags[1].x0 >= l.tags[0].x1);
    CHECK_FALSE(l.tags[0].meets(l.tags[1]));
    REQUIRE(l.arcs.size() == 1);
    const Arc& a = l.arcs[0];
    REQUIRE(a.points.size() == 4);
    CHECK(a.points.front().y == 52);  // leaves the source's tag at its top
    CHECK(a.points.front().x > l.tags[0].x0);
    CHECK(a.points.front().x < l.tags[0].x1);
    CHECK(a.points.back().y == 52);  // arrives on the target's tag
    CHECK(a.points.back().x > l.tags[2].x0);
    CHECK(a.points.back().x < l.tags[2].x1);
    CHECK(a.points[1].y < 52);  // along the band, above the tags
    CHECK(a.level == 0);
    CHECK(a.label.y1 <= 52);
    CHECK_FALSE(a.routed);
    check_no_tag_crossed(l);
}

TEST_CASE("arc layout: nested arcs take higher levels, the shorter one lowest") {
    const std::vector<Line> lines = three_lines();
    const std::vector<TagRequest> tags = {{0, 40, 30, 16}, {0, 200, 30, 16}, {0, 400, 30, 16}};
    const std::vector<Request> req = {{{End::Kind::Tag, 0}, {End::Kind::Tag, 2}, 50},
                                      {{End::Kind::Tag, 0}, {End::Kind::Tag, 1}, 50}};
    const Layout l = layout(lines, tags, req, params());
    REQUIRE(l.arcs.size() == 2);
    CHECK(l.arcs[0].level == 1);  // the long one over the short one
    CHECK(l.arcs[1].level == 0);
    CHECK_FALSE(l.arcs[0].label.meets(l.arcs[1].label));
    check_no_tag_crossed(l);
}

TEST_CASE("arc layout: an arc between lines goes round the text through the margin, its label on the upper line") {
    const std::vector<Line> lines = three_lines();
    const std::vector<TagRequest> tags = {{0, 500, 30, 16}, {1, 200, 30, 16}, {2, 560, 30, 16}, {1, 600, 60, 16}};
    // From the lower line to the upper one: the points still run source to target.
    const std::vector<Request> req = {{{End::Kind::Tag, 2}, {End::Kind::Tag, 0}, 50}};
    const Layout l = layout(lines, tags, req, params());
    REQUIRE(l.arcs.size() == 1);
    const Arc& a = l.arcs[0];
    CHECK(a.routed);
    REQUIRE(a.points.size() == 6);
    CHECK(a.points.front().y == 252);  // the source, on line 2
    CHECK(a.points.back().y == 52);    // the target, on line 0
    // The vertical run is right of the column and of every tag (line 1's tag sticks out).
    CHECK(a.points[2].x > 660);
    CHECK(a.points[2].x == a.points[3].x);
    CHECK(a.label.y1 <= 52);  // on line 0's band
    check_no_tag_crossed(l);
}

TEST_CASE("arc layout: ends off screen become one stub per tag and direction, with their count") {
    const std::vector<Line> lines = three_lines();
    const std::vector<TagRequest> tags = {{0, 40, 30, 16}, {1, 100, 30, 16}};
    const std::vector<Request> req = {{{End::Kind::Tag, 0}, {End::Kind::Above, 0}, 40},
                                      {{End::Kind::Below, 0}, {End::Kind::Tag, 0}, 40},
                                      {{End::Kind::Tag, 0}, {End::Kind::Below, 0}, 40},
                                      {{End::Kind::Tag, 1}, {End::Kind::Tag, 0}, 40},
                                      {{End::Kind::Above, 0}, {End::Kind::Below, 0}, 40}};  // neither end shown
    const Layout l = layout(lines, tags, req, params());
    REQUIRE(l.stubs.size() == 2);
    const Stub& up = l.stubs[0].dir < 0 ? l.stubs[0] : l.stubs[1];
    const Stub& down = l.stubs[0].dir < 0 ? l.stubs[1] : l.stubs[0];
    CHECK(up.tag == 0);
    CHECK(up.requests == std::vector<size_t>{0});
    CHECK(down.tag == 0);
    CHECK(down.requests == std::vector<size_t>{1, 2});
    CHECK_FALSE(up.badge.meets(down.badge));
    REQUIRE(l.arcs.size() == 1);  // the relation with both ends off screen is not drawn
    CHECK(l.arcs[0].request == 3);
    check_no_tag_crossed(l);
}

TEST_CASE("arc layout: many crossing relations over three lines never cross a tag, and a level's runs do not overlap") {
    std::mt19937 rng(16);
    for (int round = 0; round < 50; ++round) {
        const std::vector<Line> lines = three_lines();
        std::vector<TagRequest> tags;
        for (size_t line = 0; line < 3; ++line) {
            float x = 30;
            const int n = 2 + static_cast<int>(rng() % 5);
            for (int k = 0; k < n; ++k) {
                x += static_cast<float>(rng() % 120);
                tags.push_back({line, x, 20.0f + static_cast<float>(rng() % 30), 16});
            }
        }
        std::vector<Request> req;
        const int n = 1 + static_cast<int>(rng() % 12);
        for (int k = 0; k < n; ++k) {
            Request r;
            r.from = {End::Kind::Tag, rng() % tags.size()};
            const unsigned kind = rng() % 6;
            r.to = kind == 0   ? End{End::Kind::Above, 0}
                   : kind == 1 ? End{End::Kind::Below, 0}
                               : End{End::Kind::Tag, rng() % tags.size()};
            r.label_w = 30.0f + static_cast<float>(rng() % 40);
            req.push_back(r);
        }
        const Layout l = layout(lines, tags, req, params());
        INFO("round " << round);
        check_no_tag_crossed(l);
        // Labels of arcs on a level below the top one never overlap each other.
        for (size_t i = 0; i < l.arcs.size(); ++i)
            for (size_t j = i + 1; j < l.arcs.size(); ++j)
                if (l.arcs[i].level < 2 && l.arcs[j].level < 2) CHECK_FALSE(l.arcs[i].label.meets(l.arcs[j].label));
    }
}
