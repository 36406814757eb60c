// Tests of the reporting module (report/): table rendering, document rendering, the PNG
// checker (against hand-built bytes and corruptions), and gnuplot plots end to end.
#include "report/plot_gnuplot.h"
#include "report/png_check.h"
#include "report/report_document.h"
#include "report/report_table.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace convcert::report;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

fs::path report_scratch() {
    static fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("convcert-report-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

void be32(std::string& s, std::uint32_t x) {
    for (int sh = 24; sh >= 0; sh -= 8)
        s += static_cast<char>((x >> sh) & 0xFF);
}

// A minimal PNG skeleton (signature, IHDR with a correct CRC, IEND); no IDAT, which the
// structural check does not require.
std::string png_skeleton(std::uint32_t w, std::uint32_t h) {
    std::string s("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr = "IHDR";
    be32(ihdr, w);
    be32(ihdr, h);
    ihdr += std::string("\x08\x02\x00\x00\x00", 5);
    be32(s, 13);
    s += ihdr;
    be32(s, png_crc32(reinterpret_cast<const unsigned char*>(ihdr.data()), ihdr.size()));
    be32(s, 0);
    s += "IEND";
    be32(s, png_crc32(reinterpret_cast<const unsigned char*>("IEND"), 4));
    return s;
}

} // namespace

TEST_CASE("report table renders text, Markdown and HTML", "[report]") {
    ReportTable t;
    t.title = "Claims";
    t.header = {"claim", "n", "gap ≤"};
    t.right_align = {false, true, true};
    report_table_add_row(t, {"lemma", "12", "0"});
    report_table_add_cells(
        t, {report_cell("a|b<c", "certs/x.json"), report_cell("3"), report_cell("1e-9")});
    CHECK_THROWS_AS(report_table_add_row(t, {"too", "few"}), std::invalid_argument);

    const std::string text = report_table_to_text(t);
    CHECK(text == "Claims\n"
                  "claim   n  gap ≤\n"
                  "-----  --  -----\n"
                  "lemma  12      0\n"
                  "a|b<c   3   1e-9\n");
    const std::string md = report_table_to_markdown(t);
    CHECK(md == "**Claims**\n\n| claim | n | gap ≤ |\n|---|---:|---:|\n| lemma | 12 | 0 |\n"
                "| [a\\|b<c](certs/x.json) | 3 | 1e-9 |\n");
    const std::string html = report_table_to_html(t);
    CHECK(html.find("<caption>Claims</caption>") != std::string::npos);
    CHECK(html.find("<a href=\"certs/x.json\">a|b&lt;c</a>") != std::string::npos);
    CHECK(html.find("<td class=\"num\">12</td>") != std::string::npos);
    CHECK(report_html_escape("<&\"'>") == "&lt;&amp;&quot;&#39;&gt;");
}

TEST_CASE("report document renders inline code and links", "[report]") {
    ReportDocument doc;
    doc.title = "T";
    report_add_heading(doc, 1, "Section", "sec-1 <x>");
    report_add_paragraph(doc, "run `a<b` then see [the file](d/f.json) & more");
    report_add_bullets(doc, {"one", "two"});
    report_add_image(doc, "p.png", "a plot");
    const std::string md = report_document_to_markdown(doc);
    CHECK(md == "# T\n\n<a id=\"sec-1x\"></a>\n\n## Section\n\nrun `a<b` then see [the "
                "file](d/f.json) & more\n\n- one\n"
                "- two\n\n![a plot](p.png)\n");
    const std::string html = report_document_to_html(doc);
    CHECK(html.find("<p>run <code>a&lt;b</code> then see <a href=\"d/f.json\">the file</a> "
                    "&amp; more</p>") != std::string::npos);
    CHECK(html.find("<img src=\"p.png\" alt=\"a plot\">") != std::string::npos);
    CHECK(html.find("<h2 id=\"sec-1x\">Section</h2>") != std::string::npos);
    CHECK(report_inline_to_html("[unclosed link") == "[unclosed link");
    CHECK(report_inline_to_html("**b** `x`") == "<strong>b</strong> <code>x</code>");
}

TEST_CASE("png check accepts a well-formed header and names corruptions", "[report]") {
    const std::string good = png_skeleton(640, 480);
    const PngInfo ok = png_bytes_check(good);
    CHECK(ok.valid);
    CHECK(ok.width == 640);
    CHECK(ok.height == 480);
    // CRC-32 of "123456789" is the standard check value 0xCBF43926.
    CHECK(png_crc32(reinterpret_cast<const unsigned char*>("123456789"), 9) == 0xCBF43926u);

    std::string bad_sig = good;
    bad_sig[1] = 'Q';
    CHECK(png_bytes_check(bad_sig).error == "no PNG signature");
    std::string bad_crc = good;
    bad_crc[17] ^= 1; // width byte: the IHDR CRC no longer matches
    CHECK(png_bytes_check(bad_crc).error == "IHDR CRC mismatch");
    CHECK(!png_bytes_check(good.substr(0, good.size() - 4)).valid);
    CHECK(!png_bytes_check(png_skeleton(0, 5)).valid);
    CHECK(!png_file_check((report_scratch() / "absent.png").string()).valid);
}

TEST_CASE("gnuplot draws a valid, deterministic PNG", "[report]") {
    if (!plot_gnuplot_available()) FAIL("gnuplot is not installed (Debian package gnuplot-nox)");
    Plot p;
    p.title = "test plot";
    p.xlabel = "K";
    p.ylabel = "value";
    p.width = 400;
    p.height = 300;
    PlotSeries a{"sin", {}, {}, "linespoints"};
    for (int i = 0; i < 20; ++i) {
        a.x.push_back(i);
        a.y.push_back(std::sin(0.3 * i));
    }
    PlotSeries b{"with a gap", {0, 1, 2}, {1, std::nan(""), 3}, "points"};
    p.series = {a, b};
    const fs::path one = report_scratch() / "one.png", two = report_scratch() / "two.png";
    plot_gnuplot_png(p, one.string());
    plot_gnuplot_png(p, two.string());
    const PngInfo info = png_file_check(one.string());
    CHECK(info.valid);
    CHECK(info.width == 400);
    CHECK(info.height == 300);
    CHECK(slurp(one) == slurp(two));
    CHECK(slurp(report_scratch() / "one.dat").find("2 3\n") != std::string::npos);
    CHECK(slurp(report_scratch() / "one.dat").find("1 ?\n") != std::string::npos);
    CHECK(fs::exists(report_scratch() / "one.gp"));
    for (const auto& e : fs::directory_iterator(report_scratch()))
        CHECK(e.path().extension() != ".tmp");

    Plot bad = p;
    bad.series[0].y.pop_back();
    CHECK_THROWS_AS(plot_gnuplot_png(bad, (report_scratch() / "bad.png").string()),
                    std::invalid_argument);
    CHECK_THROWS_AS(plot_gnuplot_png(p, (report_scratch() / "bad.svg").string()),
                    std::invalid_argument);
    Plot broken = p;
    broken.extra = {"set frobnicate"};
    CHECK_THROWS_AS(plot_gnuplot_png(broken, (report_scratch() / "broken.png").string()),
                    PlotError);
    CHECK(!fs::exists(report_scratch() / "broken.png"));
}

TEST_CASE("a missing gnuplot is a clear error", "[report]") {
    const char* old = std::getenv("PATH");
    const std::string saved = old ? old : "";
    ::setenv("PATH", (report_scratch() / "no-such-dir").c_str(), 1);
    Plot p;
    p.series = {PlotSeries{"s", {0, 1}, {0, 1}, "lines"}};
    std::string message;
    try {
        plot_gnuplot_png(p, (report_scratch() / "nognuplot.png").string());
    } catch (const PlotError& e) {
        message = e.what();
    }
    ::setenv("PATH", saved.c_str(), 1);
    CHECK(message.find("gnuplot not found on PATH (install gnuplot-nox)") != std::string::npos);
    CHECK(!fs::exists(report_scratch() / "nognuplot.png"));
}
