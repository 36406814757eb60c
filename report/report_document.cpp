// Rendering of report documents to Markdown and HTML (report_document.h).
#include "report/report_document.h"

#include <cctype>

namespace convcert::report {

namespace {

ReportBlock& report_push(ReportDocument& doc, ReportBlockKind kind) {
    doc.blocks.emplace_back();
    doc.blocks.back().kind = kind;
    return doc.blocks.back();
}

} // namespace

void report_add_heading(ReportDocument& doc, int level, const std::string& text,
                        const std::string& anchor) {
    ReportBlock& b = report_push(doc, ReportBlockKind::Heading);
    for (char ch : anchor)
        if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_') b.anchor += ch;
    b.level = level < 1 ? 1 : (level > 4 ? 4 : level);
    b.text = text;
}

void report_add_paragraph(ReportDocument& doc, const std::string& text) {
    report_push(doc, ReportBlockKind::Paragraph).text = text;
}

void report_add_bullets(ReportDocument& doc, const std::vector<std::string>& items) {
    report_push(doc, ReportBlockKind::Bullets).items = items;
}

void report_add_preformatted(ReportDocument& doc, const std::string& text) {
    report_push(doc, ReportBlockKind::Preformatted).text = text;
}

void report_add_table(ReportDocument& doc, const ReportTable& table) {
    report_push(doc, ReportBlockKind::Table).table = table;
}

void report_add_image(ReportDocument& doc, const std::string& path, const std::string& alt) {
    ReportBlock& b = report_push(doc, ReportBlockKind::Image);
    b.path = path;
    b.text = alt;
}

std::string report_inline_to_html(const std::string& text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '`') {
            const std::size_t end = text.find('`', i + 1);
            if (end != std::string::npos) {
                out += "<code>" + report_html_escape(text.substr(i + 1, end - i - 1)) + "</code>";
                i = end + 1;
                continue;
            }
        }
        if (text.compare(i, 2, "**") == 0) {
            const std::size_t end = text.find("**", i + 2);
            if (end != std::string::npos) {
                out += "<strong>" + report_inline_to_html(text.substr(i + 2, end - i - 2)) +
                       "</strong>";
                i = end + 2;
                continue;
            }
        }
        if (text[i] == '[') {
            const std::size_t close = text.find("](", i + 1);
            const std::size_t end = close == std::string::npos ? close : text.find(')', close);
            if (close != std::string::npos && end != std::string::npos &&
                text.find('\n', i) > end) {
                out += "<a href=\"" + report_html_escape(text.substr(close + 2, end - close - 2)) +
                       "\">" + report_html_escape(text.substr(i + 1, close - i - 1)) + "</a>";
                i = end + 1;
                continue;
            }
        }
        out += report_html_escape(std::string(1, text[i]));
        ++i;
    }
    return out;
}

std::string report_document_to_markdown(const ReportDocument& doc) {
    std::string out = "# " + doc.title + "\n";
    for (const auto& b : doc.blocks) {
        out += "\n";
        switch (b.kind) {
        case ReportBlockKind::Heading:
            if (!b.anchor.empty()) out += "<a id=\"" + b.anchor + "\"></a>\n\n";
            out += std::string(static_cast<std::size_t>(b.level + 1), '#') + " " + b.text + "\n";
            break;
        case ReportBlockKind::Paragraph:
            out += b.text + "\n";
            break;
        case ReportBlockKind::Bullets:
            for (const auto& item : b.items)
                out += "- " + item + "\n";
            break;
        case ReportBlockKind::Preformatted:
            out +=
                "```\n" + b.text + (b.text.empty() || b.text.back() != '\n' ? "\n" : "") + "```\n";
            break;
        case ReportBlockKind::Table:
            out += report_table_to_markdown(b.table);
            break;
        case ReportBlockKind::Image:
            out += "![" + b.text + "](" + b.path + ")\n";
            break;
        }
    }
    return out;
}

std::string report_document_to_html(const ReportDocument& doc) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
        report_html_escape(doc.title) +
        "</title>\n<style>\n"
        "body { font-family: sans-serif; max-width: 72em; margin: 2em auto; padding: 0 1em; }\n"
        "table { border-collapse: collapse; margin: 1em 0; }\n"
        "th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; }\n"
        "th { background: #eee; } td.num, th.num { text-align: right; }\n"
        "caption { font-weight: bold; text-align: left; padding: 0.3em 0; }\n"
        "pre { background: #f4f4f4; padding: 0.6em; overflow-x: auto; }\n"
        "img { max-width: 100%; }\n"
        "</style>\n</head>\n<body>\n<h1>" +
        report_html_escape(doc.title) + "</h1>\n";
    for (const auto& b : doc.blocks) {
        switch (b.kind) {
        case ReportBlockKind::Heading: {
            const std::string tag = "h" + std::to_string(b.level + 1);
            out += "<" + tag + (b.anchor.empty() ? "" : " id=\"" + b.anchor + "\"") + ">" +
                   report_inline_to_html(b.text) + "</" + tag + ">\n";
            break;
        }
        case ReportBlockKind::Paragraph:
            out += "<p>" + report_inline_to_html(b.text) + "</p>\n";
            break;
        case ReportBlockKind::Bullets:
            out += "<ul>\n";
            for (const auto& item : b.items)
                out += "<li>" + report_inline_to_html(item) + "</li>\n";
            out += "</ul>\n";
            break;
        case ReportBlockKind::Preformatted:
            out += "<pre>" + report_html_escape(b.text) + "</pre>\n";
            break;
        case ReportBlockKind::Table:
            out += report_table_to_html(b.table);
            break;
        case ReportBlockKind::Image:
            out += "<p><img src=\"" + report_html_escape(b.path) + "\" alt=\"" +
                   report_html_escape(b.text) + "\"></p>\n";
            break;
        }
    }
    out += "</body>\n</html>\n";
    return out;
}

} // namespace convcert::report
