// The suite runner and the report's common parts (reproduce_run.h).
#include "reproduce/reproduce_run.h"
#include "certify/file_read_bounded.h"

#include "certify/certificate.h"
#include "certify/checker/checker.h"
#include "report/report_table.h"
#include "reproduce/local_opt.h"
#include "support/atomic_file.h"
#include "support/stopwatch.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace convcert::reproduce {

namespace fs = std::filesystem;

namespace {

std::uint64_t reproduce_claim_salt(const std::string& id) {
    std::uint64_t h = 1469598103934665603ull; // FNV-1a
    for (unsigned char ch : id) {
        h ^= ch;
        h *= 1099511628211ull;
    }
    return h;
}

std::string reproduce_seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, s < 10 ? "%.2f s" : "%.0f s", s);
    return buf;
}

struct Job {
    std::size_t claim, index;
    InstanceSpec spec;
    InstanceContext ctx;
};

} // namespace

std::string reproduce_format(double x, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    return buf;
}

std::string reproduce_format_gap(double gap) {
    if (gap < 0) return "-";
    if (gap == 0) return "0";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1e", gap);
    return buf;
}

std::string reproduce_cert_path(const InstanceContext& ctx, const std::string& name) {
    return ctx.cert_dir + "/" + name;
}

void reproduce_write_and_check(const InstanceContext& ctx, const std::string& rel,
                               const std::string& cert_json, InstanceResult& result) {
    const fs::path path = ctx.out_dir / rel;
    support::file_write_atomic(path.string(), cert_json);
    result.certificates.push_back(rel);
    std::string text;
    try {
        text = file_read_bounded(path.string(), std::size_t(1) << 31);
    } catch (const std::exception& e) {
        ++result.failed;
        result.failures.push_back(rel + ": " + e.what());
        return;
    }
    const CertificateReadResult read = certificate_from_json(text);
    if (!read.certificate) {
        ++result.failed;
        result.failures.push_back(rel + ": " + read.error);
        return;
    }
    const checker::Verdict v = checker::check_certificate(*read.certificate);
    if (v.valid)
        ++result.certified;
    else {
        ++result.failed;
        result.failures.push_back(rel + ": " + v.reason);
    }
}

namespace {

// The claims selected by --only that have instances in this suite, with their instances.
struct Selection {
    std::vector<Claim> claims;
    std::vector<std::vector<InstanceSpec>> specs;
};

// Claims with no instances in this mode (e.g. a --full-only claim in the quick suite) are left
// out of the run and of the report.
Selection claims_select(const RunOptions& options) {
    Selection sel;
    for (Claim& c : reproduce_claim_registry())
        if (options.only.empty() ||
            std::find(options.only.begin(), options.only.end(), c.id) != options.only.end()) {
            std::vector<InstanceSpec> specs = c.instances(options.suite);
            if (specs.empty()) continue;
            sel.claims.push_back(std::move(c));
            sel.specs.push_back(std::move(specs));
        }
    return sel;
}

// One job per instance (specs are moved out of sel), seeded by claim and index; creates the
// certificate directories and sizes results.
std::vector<Job> jobs_build(const RunOptions& options, Selection& sel,
                            std::vector<std::vector<InstanceResult>>& results) {
    std::vector<Job> jobs;
    results.assign(sel.claims.size(), std::vector<InstanceResult>());
    for (std::size_t ci = 0; ci < sel.claims.size(); ++ci) {
        const std::string cert_dir = "certificates/" + sel.claims[ci].id;
        fs::create_directories(options.out_dir / cert_dir);
        std::vector<InstanceSpec>& specs = sel.specs[ci];
        results[ci].resize(specs.size());
        for (std::size_t i = 0; i < specs.size(); ++i) {
            InstanceContext ctx;
            ctx.out_dir = options.out_dir;
            ctx.cert_dir = cert_dir;
            ctx.full = options.suite.full;
            ctx.seed =
                reproduce_seed_mix(options.suite.seed ^ reproduce_claim_salt(sel.claims[ci].id), i);
            jobs.push_back({ci, i, std::move(specs[i]), ctx});
        }
    }
    return jobs;
}

// Runs one job; a generator exception becomes a generator error of the result.
InstanceResult job_run(Job& job) {
    const support::Stopwatch clock;
    InstanceResult r;
    try {
        r = job.spec.run(job.ctx);
    } catch (const std::exception& e) {
        r.generator_error = true;
        r.error = e.what();
    }
    if (r.label.empty()) r.label = job.spec.id;
    r.seconds = clock.seconds();
    return r;
}

// The shared state of the worker threads: the next job, the results, the progress lines.
struct JobQueue {
    std::vector<Job>& jobs;
    std::vector<std::vector<InstanceResult>>& results;
    const std::vector<Claim>& claims;
    const RunOptions& options;
    const support::Stopwatch& clock;
    std::atomic<std::size_t> next{0};
    std::mutex mutex{};
    std::size_t done = 0;
    double last_print = -10; // seconds on clock

    // Stores a finished job's result and prints progress at most every 0.5 s (and at the end).
    void finish(const Job& job, InstanceResult r) {
        std::lock_guard<std::mutex> lock(mutex);
        results[job.claim][job.index] = std::move(r);
        ++done;
        const double elapsed = clock.seconds();
        if (!options.progress || !(elapsed - last_print > 0.5 || done == jobs.size())) return;
        last_print = elapsed;
        const double left =
            elapsed / static_cast<double>(done) * static_cast<double>(jobs.size() - done);
        std::cerr << "convcert reproduce: " << done << "/" << jobs.size() << " done ("
                  << claims[job.claim].id << " " << job.spec.id << "), "
                  << reproduce_seconds(elapsed) << " elapsed, about " << reproduce_seconds(left)
                  << " left\n";
    }

    void work() {
        for (;;) {
            const std::size_t j = next.fetch_add(1);
            if (j >= jobs.size()) return;
            finish(jobs[j], job_run(jobs[j]));
        }
    }
};

// Runs every job on J = clamp(options.jobs, 1, 64) threads (this one included); returns J.
int jobs_run(JobQueue& queue) {
    const int J = std::max(1, std::min(queue.options.jobs, 64));
    std::vector<std::thread> pool;
    for (int t = 1; t < J; ++t)
        pool.emplace_back([&queue] { queue.work(); });
    queue.work();
    for (auto& t : pool)
        t.join();
    return J;
}

// The totals of one claim over its instances; appends its certificates to the manifest.
ClaimSummary claim_summarize(const Claim& claim, const std::vector<InstanceResult>& results,
                             std::string& manifest) {
    ClaimSummary s;
    s.id = claim.id;
    s.name = claim.name;
    s.math_ref = claim.math_ref;
    for (const auto& r : results) {
        ++s.instances;
        s.certificates += static_cast<int>(r.certificates.size());
        s.certified += r.certified;
        s.failed += r.failed;
        s.errors += r.generator_error;
        s.exact += r.exact_only;
        s.worst_gap = std::max(s.worst_gap, r.gap);
        s.seconds += r.seconds;
        for (const auto& c : r.certificates)
            manifest += c + "\n";
    }
    return s;
}

// The summary table (report) and its text twin with times (terminal), plus the manifest.
struct Summaries {
    report::ReportTable table, text_table;
    std::string manifest;
};

Summaries summaries_build(const std::vector<Claim>& claims,
                          const std::vector<std::vector<InstanceResult>>& results,
                          RunSummary& summary) {
    Summaries out;
    out.table.header = {"claim",     "MATH.md", "instances", "certificates",
                        "certified", "failed",  "errors",    "worst certified gap"};
    out.table.right_align = {false, false, true, true, true, true, true, true};
    out.text_table = out.table;
    out.text_table.header.push_back("time");
    out.text_table.right_align.push_back(true);
    for (std::size_t ci = 0; ci < claims.size(); ++ci) {
        const ClaimSummary s = claim_summarize(claims[ci], results[ci], out.manifest);
        summary.any_failed |= s.failed > 0;
        summary.any_error |= s.errors > 0;
        std::vector<std::string> row = {s.id,
                                        s.math_ref,
                                        std::to_string(s.instances),
                                        std::to_string(s.certificates),
                                        std::to_string(s.certified),
                                        std::to_string(s.failed),
                                        std::to_string(s.errors),
                                        reproduce_format_gap(s.worst_gap)};
        std::vector<report::ReportCell> cells;
        for (std::size_t k = 0; k < row.size(); ++k)
            cells.push_back(report::report_cell(k == 0 ? s.id + " " + s.name : row[k],
                                                k == 0 ? "#claim-" + s.id : ""));
        report::report_table_add_cells(out.table, cells);
        row.push_back(reproduce_seconds(s.seconds));
        report::report_table_add_row(out.text_table, row);
        summary.claims.push_back(s);
    }
    return out;
}

// The report's opening: suite, seed, how the certificates were checked, the summary table.
void report_intro(report::ReportDocument& doc, const RunOptions& options,
                  const report::ReportTable& table) {
    doc.title = "convcert reproduce: the claims of Jagadeesan, Razenshteyn, Gunasekar (COLT 2022)";
    report::report_add_paragraph(
        doc, std::string("Suite: ") + (options.suite.full ? "full" : "quick") + ", seed " +
                 std::to_string(options.suite.seed) +
                 ". Every certificate below was written to this directory, read back, and "
                 "re-verified by the independent checker (`certify/checker/`, exact arithmetic, "
                 "no generator library). Re-check them all with `convcert reproduce --recheck "
                 "DIR` or one by one with `convcert check FILE`. Wall-clock times are in "
                 "[timing.md](timing.md), kept out of this file so that it is byte-identical for "
                 "a given seed whatever `--jobs` is.");
    report::report_add_heading(doc, 1, "Summary");
    report::report_add_table(doc, table);
    report::report_add_paragraph(
        doc, "Gaps are relative, (upper - lower)/upper, of the certified brackets; exact "
             "identities (Lemma, collapse) have no gap. \"errors\": instances for which the "
             "generator built no certificate (nothing was claimed).");
}

// One section per claim: its failures and generator errors, then the claim's own report.
void report_claims(report::ReportDocument& doc, const RunOptions& options,
                   const std::vector<Claim>& claims,
                   const std::vector<std::vector<InstanceResult>>& results) {
    report::report_add_heading(doc, 1, "What is proven and what is empirical");
    std::vector<std::string> items;
    for (const auto& c : claims) {
        items.push_back("**" + c.id + " " + c.name + "** (" + c.math_ref + "). Proven: " +
                        c.proven + (c.empirical.empty() ? "" : " Empirical: " + c.empirical));
    }
    report::report_add_bullets(doc, items);
    for (std::size_t ci = 0; ci < claims.size(); ++ci) {
        report::report_add_heading(doc, 1,
                                   "Claim " + claims[ci].id + ": " + claims[ci].name + " (" +
                                       claims[ci].math_ref + ")",
                                   "claim-" + claims[ci].id);
        std::vector<std::string> failures;
        for (const auto& r : results[ci]) {
            for (const auto& f : r.failures)
                failures.push_back("check FAILED: " + f);
            if (r.generator_error)
                failures.push_back("generator error (" + r.label + "): " + r.error);
        }
        if (!failures.empty()) report::report_add_bullets(doc, failures);
        claims[ci].report(results[ci], options.out_dir, doc);
    }
}

// Certificates of an earlier run in the same directory that this run did not write (other
// seed or suite) are removed from the directories of the claims that ran, so that the
// directory matches the manifest and the report.
void stale_certificates_remove(const RunOptions& options, const std::vector<Claim>& claims,
                               const std::string& manifest) {
    std::set<std::string> listed;
    std::istringstream in(manifest);
    std::string line;
    while (std::getline(in, line))
        listed.insert(line);
    for (const auto& c : claims) {
        const fs::path d = options.out_dir / "certificates" / c.id;
        std::vector<fs::path> stale;
        for (const auto& e : fs::directory_iterator(d))
            if (e.is_regular_file() && e.path().extension() == ".json" &&
                !listed.count("certificates/" + c.id + "/" + e.path().filename().string()))
                stale.push_back(e.path());
        for (const auto& p : stale)
            fs::remove(p);
    }
}

// timing.md: the only file with times.
void timing_write(const RunOptions& options, const std::vector<Claim>& claims,
                  const std::vector<std::vector<InstanceResult>>& results, int J, double seconds) {
    std::string timing = "# convcert reproduce: wall-clock times\n\nSuite " +
                         std::string(options.suite.full ? "full" : "quick") + ", seed " +
                         std::to_string(options.suite.seed) + ", " + std::to_string(J) +
                         " job(s), total " + reproduce_seconds(seconds) + ".\n\n";
    report::ReportTable t;
    t.header = {"claim", "instance", "time"};
    t.right_align = {false, false, true};
    for (std::size_t ci = 0; ci < claims.size(); ++ci)
        for (std::size_t i = 0; i < results[ci].size(); ++i)
            report::report_table_add_row(t, {claims[ci].id, results[ci][i].label,
                                             reproduce_seconds(results[ci][i].seconds)});
    timing += report::report_table_to_markdown(t);
    support::file_write_atomic((options.out_dir / "timing.md").string(), timing);
}

} // namespace

RunSummary reproduce_run(const RunOptions& options) {
    const support::Stopwatch clock;
    Selection sel = claims_select(options);
    fs::create_directories(options.out_dir);
    std::vector<std::vector<InstanceResult>> results;
    std::vector<Job> jobs = jobs_build(options, sel, results);
    JobQueue queue{jobs, results, sel.claims, options, clock};
    const int J = jobs_run(queue);

    RunSummary summary;
    const Summaries sums = summaries_build(sel.claims, results, summary);
    summary.seconds = clock.seconds();
    summary.table_text = report::report_table_to_text(sums.text_table);

    // The report has no wall-clock times: it is byte-identical for a seed, any --jobs.
    report::ReportDocument doc;
    report_intro(doc, options, sums.table);
    report_claims(doc, options, sel.claims, results);
    support::file_write_atomic((options.out_dir / "report.md").string(),
                               report::report_document_to_markdown(doc));
    support::file_write_atomic((options.out_dir / "report.html").string(),
                               report::report_document_to_html(doc));
    support::file_write_atomic((options.out_dir / "certificates.txt").string(), sums.manifest);
    stale_certificates_remove(options, sel.claims, sums.manifest);
    timing_write(options, sel.claims, results, J, summary.seconds);
    return summary;
}

int reproduce_recheck(const fs::path& dir, std::ostream& out) {
    const fs::path manifest = dir / "certificates.txt";
    std::ifstream in(manifest);
    if (!in) throw std::runtime_error("no manifest " + manifest.string());
    int bad = 0;
    std::string rel;
    while (std::getline(in, rel)) {
        if (rel.empty()) continue;
        const fs::path p = dir / rel;
        std::string text;
        try {
            text = file_read_bounded(p.string(), std::size_t(1) << 31);
        } catch (const std::exception& e) {
            out << rel << ": INVALID: " << e.what() << "\n";
            ++bad;
            continue;
        }
        const CertificateReadResult read = certificate_from_json(text);
        if (!read.certificate) {
            out << rel << ": INVALID: " << read.error << "\n";
            ++bad;
            continue;
        }
        const checker::Verdict v = checker::check_certificate(*read.certificate);
        if (v.valid)
            out << rel << ": valid (" << certificate_kind_name(*read.certificate) << ")\n";
        else {
            out << rel << ": INVALID: " << v.reason << "\n";
            ++bad;
        }
    }
    return bad;
}

} // namespace convcert::reproduce
