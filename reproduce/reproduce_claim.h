// The claim registry of `convcert reproduce`: each claim of the paper (MATH.md numbers) is a
// name, a reference, a list of independent instances (each seeded from the suite seed and its
// own index, never from the thread that runs it) and a report writer. Running an instance
// produces certificates in the output directory, re-checked from disk by the independent
// checker, plus numbers for the tables and plots. Claims and instances: reproduce_claims.cpp.
#pragma once

#include "report/report_document.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace convcert::regularizer {
struct CollapseResult;
}

namespace convcert::reproduce {

struct SuiteOptions {
    std::uint64_t seed = 1;
    bool full = false;
};

/// What one instance did. A certificate counts as certified only when the file written to
/// the output directory, read back and parsed, passes checker::check_certificate.
struct InstanceResult {
    std::string label;                     ///< e.g. "m = 2, K = 16, integer"
    std::vector<std::string> certificates; ///< paths relative to the output directory
    int certified = 0;                     ///< certificates that passed the re-check
    int failed = 0;                        ///< certificates that failed it
    std::vector<std::string> failures;     ///< one line per failure (file: reason)
    bool generator_error = false;          ///< no certificate could be built
    std::string error;                     ///< the generator's message
    bool exact_only = false; ///< proven by a direct exact computation, no certificate file
    double gap = -1;         ///< worst certified relative gap; -1 when not applicable
    double seconds = 0;      ///< wall time (timing file only, never report.md)
    std::map<std::string, double> values;      ///< numbers for the claim's tables and plots
    std::map<std::string, std::string> fields; ///< text for the claim's tables
};

/// Where an instance writes: the output directory and its certificate subdirectory.
struct InstanceContext {
    std::filesystem::path out_dir;
    std::string cert_dir;   ///< relative to out_dir, e.g. "certificates/1-lemma"
    std::uint64_t seed = 0; ///< derived: reproduce_seed_mix(suite seed ^ claim salt, index)
    bool full = false;
};

struct InstanceSpec {
    std::string id; ///< unique within the claim, used in file names
    std::function<InstanceResult(const InstanceContext&)> run;
};

struct Claim {
    std::string id;        ///< short and file-name safe: "1-lemma", "4d-conjecture"
    std::string name;      ///< for the tables: "Lemma instances"
    std::string math_ref;  ///< "MATH.md §2"
    std::string proven;    ///< what the certificates prove (one paragraph)
    std::string empirical; ///< what is measured but not proven ("" if nothing)
    std::function<std::vector<InstanceSpec>(const SuiteOptions&)> instances;
    /// Adds the claim's own tables and plots (plots are written into out_dir) to doc.
    std::function<void(const std::vector<InstanceResult>&, const std::filesystem::path& out_dir,
                       report::ReportDocument& doc)>
        report;
};

/// Writes cert_json to out_dir/rel atomically, reads it back, parses and checks it, and
/// records the outcome in result (certificates, certified or failed/failures).
void reproduce_write_and_check(const InstanceContext& ctx, const std::string& rel,
                               const std::string& cert_json, InstanceResult& result);

/// Records a collapse's outcome in result: values cost_in, cost_out; fields slack (the
/// certificate's, "-" without one) and source ("<source>, <bits> bits" when rounded). Defined in
/// claim_collapse.cpp; claims 5 and 4d use it.
void reproduce_collapse_record(const regularizer::CollapseResult& res, InstanceResult& result);

/// A file name for rel paths: ctx.cert_dir + "/" + name.
std::string reproduce_cert_path(const InstanceContext& ctx, const std::string& name);

/// The claims of the suite in report order (reproduce_claims.cpp). A new claim is one more
/// factory in that list.
std::vector<Claim> reproduce_claim_registry();

// The factories, one per claim (claim_*.cpp).
Claim reproduce_claim_lemma();
Claim reproduce_claim_theorem();
Claim reproduce_claim_closed_forms();
Claim reproduce_claim_multi_realizability();
Claim reproduce_claim_multi_bracket();
Claim reproduce_claim_multi_closed_forms();
Claim reproduce_claim_multi_conjecture();
Claim reproduce_claim_collapse();
Claim reproduce_claim_gd();
Claim reproduce_claim_separation_2d();
Claim reproduce_claim_candidates_2d();
Claim reproduce_claim_paper_mnist();

} // namespace convcert::reproduce
