// Line and point plots drawn by gnuplot (Debian package gnuplot-nox) to PNG files, for the
// reports of convcert reproduce and experiment gd. Next to PLOT.png it leaves PLOT.dat (the
// data, %.17g) and PLOT.gp (the script) so a reader can re-draw or restyle the figure. The
// output is deterministic: the same Plot gives byte-identical .dat, .gp and .png files (the
// pngcairo terminal embeds no timestamp).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace convcert::report {

struct PlotSeries {
    std::string title;     ///< legend entry ("" for none)
    std::vector<double> x; ///< same length as y; non-finite points are left out of the line
    std::vector<double> y;
    std::string style = "linespoints"; ///< gnuplot "with" style: lines, points, linespoints
};

struct Plot {
    std::string title, xlabel, ylabel;
    bool logx = false, logy = false;
    std::vector<PlotSeries> series; ///< at least one, each with at least one point
    int width = 800, height = 500;  ///< pixels, 100..4000
    /// Extra gnuplot commands inserted before `plot` (e.g. "set key left top"); the caller is
    /// responsible for them being valid gnuplot.
    std::vector<std::string> extra;
};

/// A heat map of a rows × cols grid of values (row 0 drawn at the top), e.g. an image.
struct HeatMap {
    std::string title;
    long rows = 1, cols = 1;
    std::vector<double> z; ///< rows·cols values, row-major; non-finite ones are drawn as missing
    bool logz = false;     ///< logarithmic colour scale (values <= 0 drawn as missing)
    std::string zlabel;    ///< the colour box's label
    int width = 520, height = 460; ///< pixels, 100..4000
};

/// gnuplot is missing, failed, or produced no valid PNG; what() is one line.
class PlotError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// True when a `gnuplot` executable can be started from PATH.
bool plot_gnuplot_available();

/// The gnuplot script for plot, reading data_file and writing output_png (exposed for tests).
std::string plot_gnuplot_script(const Plot& plot, const std::string& data_file,
                                const std::string& output_png);

/// The data file: one block per series (x y per line, "?" for non-finite values), blocks
/// separated by two blank lines (gnuplot's `index`).
std::string plot_gnuplot_data(const Plot& plot);

/// Writes stem.dat and stem.gp for png_path = stem.png (the path must end in ".png"), runs
/// gnuplot, and renames its output into place, so png_path is either a complete PNG or absent.
/// Throws std::invalid_argument on a malformed plot (no series, x/y length mismatch, bad size)
/// and PlotError when gnuplot is not installed ("gnuplot not found on PATH (install
/// gnuplot-nox)") or fails (its first stderr line is quoted).
void plot_gnuplot_png(const Plot& plot, const std::string& png_path);

/// The heat map's data file: "col row z" per line, rows separated by one blank line.
std::string plot_heatmap_data(const HeatMap& map);

/// The heat map's gnuplot script (`with image`), reading data_file and writing output_png.
std::string plot_heatmap_script(const HeatMap& map, const std::string& data_file,
                                const std::string& output_png);

/// Writes stem.dat, stem.gp and png_path as plot_gnuplot_png does, for a heat map. Throws
/// std::invalid_argument when rows, cols < 1, z.size() != rows·cols or the size is out of range,
/// PlotError as plot_gnuplot_png.
void plot_heatmap_png(const HeatMap& map, const std::string& png_path);

} // namespace convcert::report
