// The certificates of the paper's grid (see paper_mnist_certify.h).
#include "experiment/paper_mnist_certify.h"

#include "certify/certificate.h"
#include "certify/check_files.h"
#include "certify/file_read_bounded.h"
#include "data/dataset_grid.h"
#include "experiment/paper_mnist_report.h"
#include "maxmargin/denominator.h"
#include "maxmargin/margin.h"
#include "regularizer/bracket.h"
#include "support/atomic_file.h"
#include "support/flint_raii.h"
#include "support/grid_input.h"
#include "support/rational_convert.h"
#include "support/stopwatch.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <stdexcept>

namespace convcert::experiment {

namespace fs = std::filesystem;
using Outcome = PaperCertifyItem::Outcome;

namespace {

bool paper_kernel_listed(const std::vector<long>& list, long K) {
    return list.empty() || std::find(list.begin(), list.end(), K) != list.end();
}

// True when the claim's samples x / x_denominator and labels are d's, exactly.
bool paper_claim_samples_match(const nlohmann::json& claim, const data::Dataset& d) {
    const __int128 den = claim.contains("x_denominator")
                             ? std::stoll(claim.at("x_denominator").get<std::string>())
                             : 1;
    const auto& x = claim.at("x");
    if (x.size() != static_cast<std::size_t>(d.n()) || claim.at("y").size() != x.size())
        return false;
    for (long i = 0; i < d.n(); ++i) {
        const auto& row = x.at(static_cast<std::size_t>(i));
        const auto& ours = d.x[static_cast<std::size_t>(i)];
        const auto& y = claim.at("y").at(static_cast<std::size_t>(i));
        if ((y.is_string() ? std::stol(y.get<std::string>()) : y.get<long>()) !=
                d.y[static_cast<std::size_t>(i)] ||
            row.size() != ours.size())
            return false;
        for (std::size_t k = 0; k < ours.size(); ++k)
            if (static_cast<__int128>(std::stoll(row.at(k).get<std::string>())) * d.x_den !=
                static_cast<__int128>(ours[k]) * den)
                return false;
    }
    return true;
}

// The existing certificate of the item as the report reads it; a valid max-margin one must also
// be about d's samples.
PaperCertificate paper_certify_existing(const PaperCertifyItem& item, const data::Dataset& d,
                                        const std::string& dir) {
    if (!item.maxmargin) return paper_regularizer_certificate(dir, paper_run_read(item.run_path));
    PaperCertificate c = paper_maxmargin_certificate(dir, item.K, d.D, d.shape.size() == 2);
    if (c.status != PaperCertificate::Status::Valid) return c;
    bool same = false;
    try {
        const auto j = nlohmann::json::parse(file_read_bounded(item.path, kCheckMaxFileBytes));
        same = paper_claim_samples_match(j.at("claim"), d);
    } catch (const std::exception&) {
    }
    if (!same) {
        c.status = PaperCertificate::Status::Failed;
        c.reason = "valid, but about other samples";
    }
    return c;
}

// The max-margin certificate of the item's K on d.
Certificate paper_certify_maxmargin(const PaperCertifyItem& item, const data::Dataset& d) {
    const Grid g =
        data::data_dataset_grid(d, support::kernel_spec_parse(std::to_string(item.K), "--kernel"));
    maxmargin::MaxmarginReport rep;
    return maxmargin::maxmargin_certificate_denominated(d, g, &rep);
}

// The regularizer certificate of the run's predictor at unit margin; Skipped when the run does
// not separate d (item.note set, no certificate).
std::optional<Certificate> paper_certify_regularizer(PaperCertifyItem& item,
                                                     const data::Dataset& d) {
    const PaperRun run = paper_run_read(item.run_path);
    if (run.R != d.R || run.D != d.D)
        throw std::invalid_argument(run.file + ": another signal size than the dataset");
    support::FmpqMat w(d.R, d.D);
    for (long k = 0; k < d.R * d.D; ++k)
        support::fmpq_set_double(w.at(k / d.D, k % d.D), run.W[static_cast<std::size_t>(k)]);
    support::Fmpq m;
    maxmargin::maxmargin_min_margin_exact(m.x, d, w); // on the numerators: divide by x_den
    support::Fmpz den;
    fmpz_set_si(den.x, d.x_den);
    fmpq_div_fmpz(m.x, m.x, den.x);
    if (fmpq_sgn(m.x) <= 0) {
        item.outcome = Outcome::Skipped;
        item.note = "the run does not separate the data";
        return std::nullopt;
    }
    fmpq_mat_scalar_div_fmpz(w.m, w.m, fmpq_numref(m.x)); // w = W · den(m) / num(m)
    fmpq_mat_scalar_mul_fmpz(w.m, w.m, fmpq_denref(m.x));
    const Grid g =
        data::data_dataset_grid(d, support::kernel_spec_parse(std::to_string(item.K), "--kernel"));
    const regularizer::RegularizerBracket b = regularizer::regularizer_bracket(w, g);
    return regularizer::regularizer_bracket_certificate(b, w);
}

void paper_certify_take(PaperCertifyItem& item, const PaperCertificate& c, Outcome valid) {
    if (c.status == PaperCertificate::Status::Valid) {
        item.outcome = valid;
        item.lower = c.lower, item.upper = c.upper;
    } else {
        item.outcome = Outcome::Failed;
        item.note = c.status == PaperCertificate::Status::Absent ? "not written" : c.reason;
    }
}

} // namespace

std::vector<PaperCertifyItem> paper_certify_items(const data::Dataset& d, const PaperGridOptions& o,
                                                  const PaperCertifyOptions& c) {
    const std::vector<PaperCell> cells = paper_grid_cells(d, o, nullptr); // checks o
    const fs::path certs = fs::path(o.out) / "certificates";
    std::vector<PaperCertifyItem> out;
    long j = 0;
    for (long K : paper_grid_kernels(d, o, nullptr)) {
        if (!paper_kernel_listed(c.maxmargin_kernels, K)) continue;
        if (j++ % o.shards != o.shard - 1) continue;
        PaperCertifyItem it;
        it.maxmargin = true, it.K = K;
        it.path = (certs / ("maxmargin-K" + std::to_string(K) + ".json")).string();
        out.push_back(it);
    }
    for (const PaperCell& cell : cells) {
        if (!paper_kernel_listed(c.regularizer_kernels, cell.K)) continue;
        PaperCertifyItem it;
        it.K = cell.K, it.C = cell.C, it.seed = cell.seed, it.run_path = cell.path;
        it.path = (certs / ("regularizer-K" + std::to_string(cell.K) + "-C" +
                            std::to_string(cell.C) + "-seed" + std::to_string(cell.seed) + ".json"))
                      .string();
        out.push_back(it);
    }
    return out;
}

void paper_certify_item_run(PaperCertifyItem& item, const data::Dataset& d,
                            const std::string& dir) {
    item.note.clear();
    support::Stopwatch clock;
    try {
        const PaperCertificate existing = paper_certify_existing(item, d, dir);
        if (existing.status == PaperCertificate::Status::Valid) {
            paper_certify_take(item, existing, Outcome::Cached);
            return;
        }
        clock.restart();
        const std::optional<Certificate> cert =
            item.maxmargin ? paper_certify_maxmargin(item, d) : paper_certify_regularizer(item, d);
        if (!cert) return; // skipped
        support::file_write_atomic(item.path, certificate_to_json(*cert));
    } catch (const std::exception& e) {
        item.outcome = Outcome::Failed;
        item.note = e.what();
        item.seconds = clock.seconds();
        return;
    }
    item.seconds = clock.seconds();
    paper_certify_take(item, paper_certify_existing(item, d, dir), Outcome::Written);
}

std::vector<PaperCertifyItem>
paper_certify_run(const data::Dataset& d, const PaperGridOptions& o, const PaperCertifyOptions& c,
                  const std::function<void(const PaperCertifyItem&)>& progress) {
    std::vector<PaperCertifyItem> items = paper_certify_items(d, o, c);
    std::error_code ec;
    fs::create_directories(fs::path(o.out) / "certificates", ec);
    if (ec) throw std::runtime_error(o.out + "/certificates: " + ec.message());
    for (PaperCertifyItem& it : items) {
        paper_certify_item_run(it, d, o.out);
        if (progress) progress(it);
    }
    return items;
}

std::string paper_certify_outcome_text(const PaperCertifyItem& item) {
    switch (item.outcome) {
    case Outcome::Cached:
        return "cached";
    case Outcome::Written:
        return "new";
    case Outcome::Skipped:
        return "skipped: " + item.note;
    case Outcome::Failed:
        return "FAILED: " + item.note;
    case Outcome::Pending:
        break;
    }
    return "pending";
}

} // namespace convcert::experiment
