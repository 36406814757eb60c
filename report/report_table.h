// A table model for readable reports (convcert reproduce, experiment gd): a title, a header
// row and rows of cells, each cell optionally a relative link, rendered to aligned terminal
// text, GitHub Markdown and HTML. No arithmetic here; callers format their numbers.
#pragma once

#include <string>
#include <vector>

namespace convcert::report {

struct ReportCell {
    std::string text;
    std::string link; ///< relative path or URL; empty for plain text
};

struct ReportTable {
    std::string title;               ///< rendered as a caption; may be empty
    std::vector<std::string> header; ///< column names (defines the number of columns)
    std::vector<std::vector<ReportCell>> rows;
    std::vector<bool> right_align; ///< per column, missing entries mean left-aligned
};

/// A cell from text (and an optional link).
ReportCell report_cell(const std::string& text, const std::string& link = "");

/// Appends a row of plain-text cells. Precondition: cells.size() == table.header.size();
/// throws std::invalid_argument otherwise (report_table_add_cells likewise).
void report_table_add_row(ReportTable& table, const std::vector<std::string>& cells);
void report_table_add_cells(ReportTable& table, const std::vector<ReportCell>& cells);

/// Aligned plain text for a terminal (columns padded by display width, UTF-8 aware; links
/// are dropped, the title is printed on its own line when not empty).
std::string report_table_to_text(const ReportTable& table);

/// A GitHub-flavoured Markdown table ('|' and newlines in cells escaped, links as [t](l)),
/// preceded by "**title**" and a blank line when the title is not empty.
std::string report_table_to_markdown(const ReportTable& table);

/// An HTML <table> (with <caption> when titled); all text is HTML-escaped.
std::string report_table_to_html(const ReportTable& table);

/// &, <, >, " and ' escaped for HTML text and attribute values.
std::string report_html_escape(const std::string& text);

} // namespace convcert::report
