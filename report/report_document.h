// A small document model for reports (convcert reproduce, experiment gd): a sequence of
// headings, paragraphs, bullet lists, preformatted blocks, tables and images, rendered to
// Markdown (report.md) and to a self-contained HTML page (report.html) with the same content.
// Inline markup in paragraph and bullet text: `code` spans, **bold** and [text](relative-link)
// only;
// Markdown keeps them verbatim, HTML converts them (everything else is escaped).
#pragma once

#include "report/report_table.h"

#include <string>
#include <vector>

namespace convcert::report {

enum class ReportBlockKind { Heading, Paragraph, Bullets, Preformatted, Table, Image };

struct ReportBlock {
    ReportBlockKind kind = ReportBlockKind::Paragraph;
    int level = 1;                  ///< Heading: 1..4
    std::string text;               ///< Heading, Paragraph, Preformatted; Image: alt text
    std::vector<std::string> items; ///< Bullets
    ReportTable table;              ///< Table
    std::string path;               ///< Image: relative path of the PNG
    std::string anchor;             ///< Heading: an id for in-page links ("#anchor"), optional
};

struct ReportDocument {
    std::string title; ///< the HTML <title> and the first heading
    std::vector<ReportBlock> blocks;
};

/// anchor: [A-Za-z0-9_-] characters, emitted as <a id="..."></a> in Markdown (GitHub keeps
/// it) and as the heading's id in HTML.
void report_add_heading(ReportDocument& doc, int level, const std::string& text,
                        const std::string& anchor = "");
void report_add_paragraph(ReportDocument& doc, const std::string& text);
void report_add_bullets(ReportDocument& doc, const std::vector<std::string>& items);
void report_add_preformatted(ReportDocument& doc, const std::string& text);
void report_add_table(ReportDocument& doc, const ReportTable& table);
void report_add_image(ReportDocument& doc, const std::string& path, const std::string& alt);

/// Markdown: "# title", then the blocks separated by blank lines. Deterministic.
std::string report_document_to_markdown(const ReportDocument& doc);

/// A complete HTML5 page (inline CSS, no scripts, no external resources but the images).
std::string report_document_to_html(const ReportDocument& doc);

/// The HTML of one line of inline markup (`code`, **bold**, [text](link)); the rest escaped.
std::string report_inline_to_html(const std::string& text);

} // namespace convcert::report
