// JSON reading and writing of certificates (see certificate.h and docs/certificates.md): one
// reader and one writer per kind, and the table of kinds that dispatches on the "kind" name.
// Field order is fixed by nlohmann::ordered_json, so output is deterministic.
#include "certify/certificate.h"

#include "certify/json_read_limited.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <cmath>
#include <iterator>
#include <stdexcept>

namespace convcert {

using Json = nlohmann::ordered_json;

namespace {

// A structural problem in a certificate; turned into CertificateReadResult::error.
struct StructureError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

const Json& field(const Json& obj, const char* name, const std::string& where) {
    if (!obj.is_object()) throw StructureError(where + " is not a JSON object");
    auto it = obj.find(name);
    if (it == obj.end()) throw StructureError(where + " has no field '" + name + "'");
    return *it;
}

std::string string_of(const Json& v, const std::string& where) {
    if (!v.is_string()) throw StructureError(where + " is not a string");
    return v.get<std::string>();
}

// A JSON integer that fits a long. nlohmann reads integers in [2^63, 2^64) as unsigned and
// larger ones (or below -2^63) as floating point: both are out of range, never wrapped.
long integer_of(const Json& v, const std::string& where) {
    const std::string range = " is out of range (integers here are below 2^63 in magnitude)";
    if (v.is_number_unsigned()) {
        if (v.get<unsigned long long>() > static_cast<unsigned long long>(LONG_MAX))
            throw StructureError(where + " = " + v.dump() + range);
    } else if (v.is_number_float()) {
        const double x = v.get<double>();
        if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) >= 0x1p63)
            throw StructureError(where + range);
    }
    if (!v.is_number_integer()) throw StructureError(where + " is not an integer");
    return v.get<long>();
}

std::vector<std::string> strings_of(const Json& v, const std::string& where) {
    if (!v.is_array()) throw StructureError(where + " is not an array");
    std::vector<std::string> out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(string_of(v[i], where + "[" + std::to_string(i) + "]"));
    return out;
}

std::vector<std::vector<std::string>> string_arrays_of(const Json& v, const std::string& where) {
    if (!v.is_array()) throw StructureError(where + " is not an array");
    std::vector<std::vector<std::string>> out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(strings_of(v[i], where + "[" + std::to_string(i) + "]"));
    return out;
}

/// Per-channel rows: exactly a flat list of strings when R == 1, a list of lists otherwise.
std::vector<std::vector<std::string>> rows_of(const Json& v, long R, const std::string& where) {
    if (!v.is_array()) throw StructureError(where + " is not an array");
    const bool flat = R == 1;
    for (const Json& x : v)
        if (x.is_array() == flat)
            throw StructureError(where + (flat ? " must be a flat list of rationals when R = 1"
                                               : " must be a list of R lists when R > 1"));
    if (flat) return {strings_of(v, where)};
    return string_arrays_of(v, where);
}

// Per-channel rows: a flat list when R == 1, R lists otherwise (docs/certificates.md).
Json rows_to_json(const std::vector<std::vector<std::string>>& rows, long R) {
    if (R == 1 && rows.size() == 1) return rows[0];
    return rows;
}

// {"u": [C kernels, each as rows], "v": [C vectors]}, the evidence's network.
Json network_to_json(const std::vector<std::vector<std::vector<std::string>>>& u,
                     const std::vector<std::vector<std::string>>& v, long R) {
    Json ju = Json::array();
    for (const auto& kernel : u)
        ju.push_back(rows_to_json(kernel, R));
    Json net;
    net["u"] = ju;
    net["v"] = v;
    return net;
}

// The certificate's claim and evidence objects (each reader fetches them in its fixed order).
const Json& claim_of(const Json& cert) {
    return field(cert, "claim", "certificate");
}
const Json& evidence_of(const Json& cert) {
    return field(cert, "evidence", "certificate");
}

// evidence.network into u (C kernels of R rows) and v.
void network_from_json(const Json& ev, long R,
                       std::vector<std::vector<std::vector<std::string>>>& u,
                       std::vector<std::vector<std::string>>& v) {
    const Json& net = field(ev, "network", "evidence");
    const Json& ju = field(net, "u", "evidence.network");
    if (!ju.is_array()) throw StructureError("evidence.network.u is not an array");
    for (std::size_t c = 0; c < ju.size(); ++c)
        u.push_back(rows_of(ju[c], R, "evidence.network.u[" + std::to_string(c) + "]"));
    v = string_arrays_of(field(net, "v", "evidence.network"), "evidence.network.v");
}

// The claim's sizes D, K, R (in this order, the order of the file), then, for a 2-D claim only,
// "shape": [D1, D2] and "kernel_shape": [K1, K2] (1-D files carry neither).
void sizes_to_json(Json& claim, long D, long K, long R, const std::vector<long>& shape,
                   const std::vector<long>& kernel_shape) {
    claim["D"] = D;
    claim["K"] = K;
    claim["R"] = R;
    if (!shape.empty()) claim["shape"] = shape;
    if (!kernel_shape.empty()) claim["kernel_shape"] = kernel_shape;
}

std::vector<long> integers_of(const Json& j, const std::string& where) {
    if (!j.is_array()) throw StructureError(where + " is not an array");
    std::vector<long> out;
    for (std::size_t i = 0; i < j.size(); ++i)
        out.push_back(integer_of(j[i], where + "[" + std::to_string(i) + "]"));
    return out;
}

void sizes_from_json(const Json& claim, long& D, long& K, long& R, std::vector<long>& shape,
                     std::vector<long>& kernel_shape) {
    D = integer_of(field(claim, "D", "claim"), "claim.D");
    K = integer_of(field(claim, "K", "claim"), "claim.K");
    R = integer_of(field(claim, "R", "claim"), "claim.R");
    if (claim.contains("shape")) shape = integers_of(claim.at("shape"), "claim.shape");
    if (claim.contains("kernel_shape"))
        kernel_shape = integers_of(claim.at("kernel_shape"), "claim.kernel_shape");
}

// The JSON parts a writer fills in; `generator` already holds program and method.
struct JsonParts {
    Json claim, evidence, generator;
};

// ---- the lemma kinds ----

Json lemma_claim_to_json(const LemmaClaim& claim) {
    Json j;
    j["K"] = claim.K;
    j["vectors"] = claim.vectors;
    j["target"] = claim.target;
    return j;
}

LemmaClaim lemma_claim_from_json(const Json& j) {
    LemmaClaim claim;
    claim.K = integer_of(field(j, "K", "claim"), "claim.K");
    claim.vectors = string_arrays_of(field(j, "vectors", "claim"), "claim.vectors");
    claim.target = strings_of(field(j, "target", "claim"), "claim.target");
    return claim;
}

LemmaExactBody lemma_exact_read(const Json& cert) {
    LemmaExactBody b;
    b.claim = lemma_claim_from_json(claim_of(cert));
    const Json& ev = evidence_of(cert);
    LemmaExactEvidence& e = b.evidence;
    e.minpoly = strings_of(field(ev, "minpoly", "evidence"), "evidence.minpoly");
    auto interval = strings_of(field(ev, "interval", "evidence"), "evidence.interval");
    if (interval.size() != 2) throw StructureError("evidence.interval must have exactly two ends");
    e.interval_lo = interval[0];
    e.interval_hi = interval[1];
    e.c = string_arrays_of(field(ev, "c", "evidence"), "evidence.c");
    e.digits = integer_of(field(ev, "digits", "evidence"), "evidence.digits");
    e.c_decimal = strings_of(field(ev, "c_decimal", "evidence"), "evidence.c_decimal");
    return b;
}

void lemma_exact_write(const LemmaExactBody& b, JsonParts& out) {
    const LemmaExactEvidence& e = b.evidence;
    out.claim = lemma_claim_to_json(b.claim);
    out.evidence["minpoly"] = e.minpoly;
    out.evidence["interval"] = Json::array({e.interval_lo, e.interval_hi});
    out.evidence["c"] = e.c;
    out.evidence["digits"] = e.digits;
    out.evidence["c_decimal"] = e.c_decimal;
    out.generator["digits"] = e.digits;
}

LemmaEnclosureBody lemma_enclosure_read(const Json& cert) {
    LemmaEnclosureBody b;
    b.claim = lemma_claim_from_json(claim_of(cert));
    const Json& ev = evidence_of(cert);
    LemmaEnclosureEvidence& e = b.evidence;
    e.center = strings_of(field(ev, "center", "evidence"), "evidence.center");
    e.radius = string_of(field(ev, "radius", "evidence"), "evidence.radius");
    e.digits = integer_of(field(ev, "digits", "evidence"), "evidence.digits");
    e.c_decimal = strings_of(field(ev, "c_decimal", "evidence"), "evidence.c_decimal");
    return b;
}

void lemma_enclosure_write(const LemmaEnclosureBody& b, JsonParts& out) {
    const LemmaEnclosureEvidence& e = b.evidence;
    out.claim = lemma_claim_to_json(b.claim);
    out.evidence["center"] = e.center;
    out.evidence["radius"] = e.radius;
    out.evidence["digits"] = e.digits;
    out.evidence["c_decimal"] = e.c_decimal;
    out.generator["digits"] = e.digits;
}

// ---- regularizer-bracket ----

RegularizerBody regularizer_read(const Json& cert) {
    const Json& j = claim_of(cert);
    const Json& ev = evidence_of(cert);
    RegularizerBody b;
    RegularizerClaim& c = b.claim;
    sizes_from_json(j, c.D, c.K, c.R, c.shape, c.kernel_shape);
    c.w = rows_of(field(j, "w", "claim"), c.R, "claim.w");
    c.lower = string_of(field(j, "lower", "claim"), "claim.lower");
    c.upper = string_of(field(j, "upper", "claim"), "claim.upper");
    b.evidence.lambda = rows_of(field(ev, "lambda", "evidence"), c.R, "evidence.lambda");
    network_from_json(ev, c.R, b.evidence.u, b.evidence.v);
    return b;
}

void regularizer_write(const RegularizerBody& b, JsonParts& out) {
    const RegularizerClaim& c = b.claim;
    sizes_to_json(out.claim, c.D, c.K, c.R, c.shape, c.kernel_shape);
    out.claim["w"] = rows_to_json(c.w, c.R);
    out.claim["lower"] = c.lower;
    out.claim["upper"] = c.upper;
    out.evidence["lambda"] = rows_to_json(b.evidence.lambda, c.R);
    out.evidence["network"] = network_to_json(b.evidence.u, b.evidence.v, c.R);
}

// ---- network-collapse ----

Json collapse_network_to_json(const CollapseNetwork& net, long R) {
    return network_to_json(net.u, net.v, R);
}

CollapseNetwork collapse_network_from_json(const Json& j, long R, const std::string& where) {
    CollapseNetwork net;
    const Json& ju = field(j, "u", where);
    if (!ju.is_array()) throw StructureError(where + ".u is not an array");
    for (std::size_t c = 0; c < ju.size(); ++c)
        net.u.push_back(rows_of(ju[c], R, where + ".u[" + std::to_string(c) + "]"));
    net.v = string_arrays_of(field(j, "v", where), where + ".v");
    return net;
}

CollapseBody collapse_read(const Json& cert) {
    const Json& j = claim_of(cert);
    const Json& ev = evidence_of(cert);
    if (!ev.is_object() || !ev.empty())
        throw StructureError("network-collapse evidence must be the empty object {}");
    CollapseBody b;
    CollapseClaim& c = b.claim;
    sizes_from_json(j, c.D, c.K, c.R, c.shape, c.kernel_shape);
    c.w = rows_of(field(j, "w", "claim"), c.R, "claim.w");
    c.input = collapse_network_from_json(field(j, "input", "claim"), c.R, "claim.input");
    c.output = collapse_network_from_json(field(j, "output", "claim"), c.R, "claim.output");
    c.cost_in = string_of(field(j, "cost_in", "claim"), "claim.cost_in");
    c.cost_out = string_of(field(j, "cost_out", "claim"), "claim.cost_out");
    c.slack = string_of(field(j, "slack", "claim"), "claim.slack");
    return b;
}

void collapse_write(const CollapseBody& b, JsonParts& out) {
    const CollapseClaim& c = b.claim;
    sizes_to_json(out.claim, c.D, c.K, c.R, c.shape, c.kernel_shape);
    out.claim["w"] = rows_to_json(c.w, c.R);
    out.claim["input"] = collapse_network_to_json(c.input, c.R);
    out.claim["output"] = collapse_network_to_json(c.output, c.R);
    out.claim["cost_in"] = c.cost_in;
    out.claim["cost_out"] = c.cost_out;
    out.claim["slack"] = c.slack;
    out.evidence = Json::object();
}

// ---- rank-bound ----

RankBody rank_read(const Json& cert) {
    const Json& j = claim_of(cert);
    const Json& ev = evidence_of(cert);
    RankBody b;
    sizes_from_json(j, b.claim.D, b.claim.K, b.claim.R, b.claim.shape, b.claim.kernel_shape);
    b.claim.w = string_arrays_of(field(j, "w", "claim"), "claim.w");
    b.claim.rank = integer_of(field(j, "rank", "claim"), "claim.rank");
    b.evidence.rows = integers_of(field(ev, "rows", "evidence"), "evidence.rows");
    b.evidence.columns = integers_of(field(ev, "columns", "evidence"), "evidence.columns");
    return b;
}

void rank_write(const RankBody& b, JsonParts& out) {
    sizes_to_json(out.claim, b.claim.D, b.claim.K, b.claim.R, b.claim.shape, b.claim.kernel_shape);
    out.claim["w"] = b.claim.w;
    out.claim["rank"] = b.claim.rank;
    out.evidence["rows"] = b.evidence.rows;
    out.evidence["columns"] = b.evidence.columns;
}

// ---- maxmargin-bracket ----

MaxmarginBody maxmargin_read(const Json& cert) {
    const Json& j = claim_of(cert);
    const Json& ev = evidence_of(cert);
    MaxmarginBody b;
    MaxmarginClaim& c = b.claim;
    sizes_from_json(j, c.D, c.K, c.R, c.shape, c.kernel_shape);
    c.x = string_arrays_of(field(j, "x", "claim"), "claim.x");
    c.y = strings_of(field(j, "y", "claim"), "claim.y");
    c.lower = string_of(field(j, "lower", "claim"), "claim.lower");
    c.upper = string_of(field(j, "upper", "claim"), "claim.upper");
    if (j.contains("x_denominator")) {
        c.x_denominator = string_of(j.at("x_denominator"), "claim.x_denominator");
        if (c.x_denominator.empty()) throw StructureError("claim.x_denominator is empty");
    }
    MaxmarginEvidence& e = b.evidence;
    e.alpha = strings_of(field(ev, "alpha", "evidence"), "evidence.alpha");
    e.w = rows_of(field(ev, "w", "evidence"), c.R, "evidence.w");
    network_from_json(ev, c.R, e.u, e.v);
    return b;
}

void maxmargin_write(const MaxmarginBody& b, JsonParts& out) {
    const MaxmarginClaim& c = b.claim;
    sizes_to_json(out.claim, c.D, c.K, c.R, c.shape, c.kernel_shape);
    out.claim["x"] = c.x;
    out.claim["y"] = c.y;
    out.claim["lower"] = c.lower;
    out.claim["upper"] = c.upper;
    if (!c.x_denominator.empty()) out.claim["x_denominator"] = c.x_denominator;
    out.evidence["alpha"] = b.evidence.alpha;
    out.evidence["w"] = rows_to_json(b.evidence.w, c.R);
    out.evidence["network"] = network_to_json(b.evidence.u, b.evidence.v, c.R);
}

// ---- channel-separation ----

Json leaf_to_json(const OneChannelBoundLeaf& leaf) {
    Json j;
    j["face"] = leaf.face;
    j["lo"] = leaf.lo;
    j["hi"] = leaf.hi;
    j["bound"] = leaf.bound;
    return j;
}

std::vector<OneChannelBoundLeaf> leaves_from_json(const Json& ev) {
    const Json& jl = field(ev, "leaves", "evidence");
    if (!jl.is_array()) throw StructureError("evidence.leaves is not an array");
    std::vector<OneChannelBoundLeaf> leaves(jl.size());
    for (std::size_t i = 0; i < jl.size(); ++i) {
        const std::string where = "evidence.leaves[" + std::to_string(i) + "]";
        leaves[i].face = integer_of(field(jl[i], "face", where), where + ".face");
        leaves[i].lo = strings_of(field(jl[i], "lo", where), where + ".lo");
        leaves[i].hi = strings_of(field(jl[i], "hi", where), where + ".hi");
        leaves[i].bound = string_of(field(jl[i], "bound", where), where + ".bound");
    }
    return leaves;
}

ChannelSeparationBody separation_read(const Json& cert) {
    const Json& j = claim_of(cert);
    const Json& ev = evidence_of(cert);
    ChannelSeparationBody b;
    ChannelSeparationClaim& c = b.claim;
    sizes_from_json(j, c.D, c.K, c.R, c.shape, c.kernel_shape);
    c.w = rows_of(field(j, "w", "claim"), c.R, "claim.w");
    c.lower_c1 = string_of(field(j, "lower_c1", "claim"), "claim.lower_c1");
    c.upper_c2 = string_of(field(j, "upper_c2", "claim"), "claim.upper_c2");
    b.evidence.leaves = leaves_from_json(ev);
    network_from_json(ev, c.R, b.evidence.u, b.evidence.v);
    return b;
}

void separation_write(const ChannelSeparationBody& b, JsonParts& out) {
    const ChannelSeparationClaim& c = b.claim;
    sizes_to_json(out.claim, c.D, c.K, c.R, c.shape, c.kernel_shape);
    out.claim["w"] = rows_to_json(c.w, c.R);
    out.claim["lower_c1"] = c.lower_c1;
    out.claim["upper_c2"] = c.upper_c2;
    Json leaves = Json::array();
    for (const OneChannelBoundLeaf& leaf : b.evidence.leaves)
        leaves.push_back(leaf_to_json(leaf));
    out.evidence["leaves"] = std::move(leaves);
    out.evidence["network"] = network_to_json(b.evidence.u, b.evidence.v, c.R);
}

// ---- the table of kinds ----

// One kind: its name and its body's JSON reader and writer.
struct KindJson {
    CertificateKind kind;
    const char* name;
    CertificateBody (*read)(const Json& cert);
    void (*write)(const CertificateBody& body, JsonParts& out);
};

// The row of the kind whose body is `Body`; the typed reader and writer must match it.
template <class Body, Body (*Read)(const Json&), void (*Write)(const Body&, JsonParts&)>
constexpr KindJson kind_json(const char* name) {
    return {certificate_kind_of<Body>(), name,
            [](const Json& cert) -> CertificateBody { return Read(cert); },
            [](const CertificateBody& body, JsonParts& out) { Write(std::get<Body>(body), out); }};
}

// One row per kind, in CertificateKind order (checked below).
constexpr KindJson kKinds[] = {
    kind_json<LemmaExactBody, lemma_exact_read, lemma_exact_write>("lemma-exact"),
    kind_json<LemmaEnclosureBody, lemma_enclosure_read, lemma_enclosure_write>("lemma-enclosure"),
    kind_json<RegularizerBody, regularizer_read, regularizer_write>("regularizer-bracket"),
    kind_json<CollapseBody, collapse_read, collapse_write>("network-collapse"),
    kind_json<RankBody, rank_read, rank_write>("rank-bound"),
    kind_json<MaxmarginBody, maxmargin_read, maxmargin_write>("maxmargin-bracket"),
    kind_json<ChannelSeparationBody, separation_read, separation_write>("channel-separation"),
};

constexpr bool kinds_complete() {
    if (std::size(kKinds) != kCertificateKindCount) return false;
    for (std::size_t i = 0; i < std::size(kKinds); ++i)
        if (kKinds[i].kind != CertificateKind(i)) return false;
    return true;
}
static_assert(kinds_complete(), "kKinds has one row per CertificateKind, in order");

// The row named `name`, or null.
const KindJson* kind_json_find(const std::string& name) {
    for (const KindJson& row : kKinds)
        if (name == row.name) return &row;
    return nullptr;
}

// The body of a certificate whose format and version are checked; throws StructureError.
CertificateBody body_from_json(const Json& j) {
    const std::string kind = string_of(field(j, "kind", "certificate"), "kind");
    claim_of(j);
    const KindJson* row = kind_json_find(kind);
    if (!row) {
        evidence_of(j);
        throw StructureError("unknown certificate kind '" + kind + "'");
    }
    return row->read(j);
}

} // namespace

const char* certificate_kind_name(CertificateKind kind) {
    return kKinds[std::size_t(kind)].name;
}

std::string certificate_to_json(const Certificate& cert) {
    const KindJson& row = kKinds[cert.body.index()];
    JsonParts parts;
    parts.generator["program"] = "convcert";
    parts.generator["method"] = cert.generator_method;
    row.write(cert.body, parts);
    Json j;
    j["format"] = kCertificateFormat;
    j["version"] = kCertificateVersion;
    j["kind"] = row.name;
    j["claim"] = std::move(parts.claim);
    j["evidence"] = std::move(parts.evidence);
    j["generator"] = std::move(parts.generator);
    return j.dump(1) + "\n";
}

CertificateReadResult certificate_from_json(const std::string& text) {
    CertificateReadResult result;
    std::optional<JsonTree> tree;
    try {
        tree.emplace(json_parse_limited(text));
    } catch (const Json::parse_error& e) {
        result.syntax_error = true;
        result.error = std::string("not valid JSON: ") + e.what();
        return result;
    } catch (const JsonLimitError& e) {
        result.syntax_error = true;
        result.error = e.what();
        return result;
    } catch (const JsonDuplicateKey& e) {
        result.error = e.what();
        return result;
    }
    const Json& j = tree->root();
    try {
        if (string_of(field(j, "format", "certificate"), "format") != kCertificateFormat)
            throw StructureError("format is not \"" + std::string(kCertificateFormat) + "\"");
        if (integer_of(field(j, "version", "certificate"), "version") != kCertificateVersion)
            throw StructureError("unsupported version (this checker reads version 1)");
        Certificate cert{body_from_json(j), {}};
        if (auto it = j.find("generator"); it != j.end() && it->is_object()) {
            if (auto m = it->find("method"); m != it->end() && m->is_string())
                cert.generator_method = m->get<std::string>();
        }
        result.certificate = std::move(cert);
    } catch (const StructureError& e) {
        result.error = e.what();
    } catch (const Json::exception& e) {
        result.error = std::string("malformed certificate: ") + e.what();
    }
    return result;
}

} // namespace convcert
