// Rendering of report tables to terminal text, Markdown and HTML (report_table.h).
#include "report/report_table.h"

#include <algorithm>
#include <stdexcept>

namespace convcert::report {

namespace {

// Number of code points (UTF-8 continuation bytes do not count): the display width of the
// text this project writes (ASCII plus symbols like ≤, ², λ).
std::size_t report_display_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char ch : s)
        n += (ch & 0xC0) != 0x80;
    return n;
}

bool report_right(const ReportTable& t, std::size_t col) {
    return col < t.right_align.size() && t.right_align[col];
}

std::string report_markdown_escape(const std::string& s) {
    std::string out;
    for (char ch : s) {
        if (ch == '|')
            out += "\\|";
        else if (ch == '\n')
            out += "<br>";
        else
            out += ch;
    }
    return out;
}

void report_check_width(const ReportTable& t, std::size_t n) {
    if (n != t.header.size())
        throw std::invalid_argument("report table '" + t.title + "': a row has " +
                                    std::to_string(n) + " cells, the header " +
                                    std::to_string(t.header.size()));
}

} // namespace

ReportCell report_cell(const std::string& text, const std::string& link) {
    return {text, link};
}

void report_table_add_row(ReportTable& table, const std::vector<std::string>& cells) {
    report_check_width(table, cells.size());
    std::vector<ReportCell> row;
    for (const auto& c : cells)
        row.push_back({c, ""});
    table.rows.push_back(std::move(row));
}

void report_table_add_cells(ReportTable& table, const std::vector<ReportCell>& cells) {
    report_check_width(table, cells.size());
    table.rows.push_back(cells);
}

std::string report_table_to_text(const ReportTable& table) {
    const std::size_t n = table.header.size();
    std::vector<std::size_t> width(n, 0);
    for (std::size_t c = 0; c < n; ++c)
        width[c] = report_display_width(table.header[c]);
    for (const auto& row : table.rows)
        for (std::size_t c = 0; c < n && c < row.size(); ++c)
            width[c] = std::max(width[c], report_display_width(row[c].text));
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < n; ++c) {
            const std::string& s = c < cells.size() ? cells[c] : std::string();
            const std::string pad(width[c] - report_display_width(s), ' ');
            if (c > 0) out += "  ";
            out += report_right(table, c) ? pad + s : s + (c + 1 < n ? pad : "");
        }
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
        return out + "\n";
    };
    std::string out;
    if (!table.title.empty()) out += table.title + "\n";
    out += line(table.header);
    std::string rule;
    for (std::size_t c = 0; c < n; ++c)
        rule += (c > 0 ? "  " : "") + std::string(width[c], '-');
    out += rule + "\n";
    for (const auto& row : table.rows) {
        std::vector<std::string> cells;
        for (const auto& cell : row)
            cells.push_back(cell.text);
        out += line(cells);
    }
    return out;
}

std::string report_table_to_markdown(const ReportTable& table) {
    std::string out;
    if (!table.title.empty()) out += "**" + report_markdown_escape(table.title) + "**\n\n";
    out += "|";
    for (const auto& h : table.header)
        out += " " + report_markdown_escape(h) + " |";
    out += "\n|";
    for (std::size_t c = 0; c < table.header.size(); ++c)
        out += report_right(table, c) ? "---:|" : "---|";
    out += "\n";
    for (const auto& row : table.rows) {
        out += "|";
        for (const auto& cell : row) {
            const std::string t = report_markdown_escape(cell.text);
            out += " " + (cell.link.empty() ? t : "[" + t + "](" + cell.link + ")") + " |";
        }
        out += "\n";
    }
    return out;
}

std::string report_html_escape(const std::string& text) {
    std::string out;
    for (char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

std::string report_table_to_html(const ReportTable& table) {
    std::string out = "<table>\n";
    if (!table.title.empty()) out += "<caption>" + report_html_escape(table.title) + "</caption>\n";
    out += "<thead><tr>";
    for (std::size_t c = 0; c < table.header.size(); ++c)
        out += std::string(report_right(table, c) ? "<th class=\"num\">" : "<th>") +
               report_html_escape(table.header[c]) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::string t = report_html_escape(row[c].text);
            out += std::string(report_right(table, c) ? "<td class=\"num\">" : "<td>") +
                   (row[c].link.empty()
                        ? t
                        : "<a href=\"" + report_html_escape(row[c].link) + "\">" + t + "</a>") +
                   "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    return out;
}

} // namespace convcert::report
