// JSON reading and writing of certificates (see certificate.h and docs/certificates.md).
// Field order is fixed by nlohmann::ordered_json, so output is deterministic.
#include "certify/certificate.h"

#include "certify/json_read_limited.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <cmath>
#include <stdexcept>

namespace convcert {

using Json = nlohmann::ordered_json;

namespace {

Json claim_to_json(const LemmaClaim& claim) {
    Json j;
    j["K"] = claim.K;
    j["vectors"] = claim.vectors;
    j["target"] = claim.target;
    return j;
}

// Per-channel rows: a flat list when R == 1, R lists otherwise (docs/certificates.md).
Json rows_to_json(const std::vector<std::vector<std::string>>& rows, long R) {
    if (R == 1 && rows.size() == 1) return rows[0];
    return rows;
}

Json regularizer_claim_to_json(const RegularizerClaim& claim) {
    Json j;
    j["D"] = claim.D;
    j["K"] = claim.K;
    j["R"] = claim.R;
    j["w"] = rows_to_json(claim.w, claim.R);
    j["lower"] = claim.lower;
    j["upper"] = claim.upper;
    return j;
}

Json bracket_to_json(const RegularizerBracketEvidence& e, long R) {
    Json ev;
    ev["lambda"] = rows_to_json(e.lambda, R);
    Json u = Json::array();
    for (const auto& kernel : e.u)
        u.push_back(rows_to_json(kernel, R));
    ev["network"]["u"] = u;
    ev["network"]["v"] = e.v;
    return ev;
}

Json maxmargin_claim_to_json(const MaxmarginClaim& claim) {
    Json j;
    j["D"] = claim.D;
    j["K"] = claim.K;
    j["R"] = claim.R;
    j["x"] = claim.x;
    j["y"] = claim.y;
    j["lower"] = claim.lower;
    j["upper"] = claim.upper;
    return j;
}

Json maxmargin_evidence_to_json(const MaxmarginEvidence& e, long R) {
    Json ev;
    ev["alpha"] = e.alpha;
    ev["w"] = rows_to_json(e.w, R);
    Json u = Json::array();
    for (const auto& kernel : e.u)
        u.push_back(rows_to_json(kernel, R));
    ev["network"]["u"] = u;
    ev["network"]["v"] = e.v;
    return ev;
}

Json collapse_network_to_json(const CollapseNetwork& net) {
    Json j;
    j["u"] = net.u;
    j["v"] = net.v;
    return j;
}

Json collapse_claim_to_json(const CollapseClaim& claim) {
    Json j;
    j["D"] = claim.D;
    j["K"] = claim.K;
    j["R"] = claim.R;
    j["w"] = claim.w;
    j["input"] = collapse_network_to_json(claim.input);
    j["output"] = collapse_network_to_json(claim.output);
    j["cost_in"] = claim.cost_in;
    j["cost_out"] = claim.cost_out;
    j["slack"] = claim.slack;
    return j;
}

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

RegularizerClaim regularizer_claim_from_json(const Json& j) {
    RegularizerClaim claim;
    claim.D = integer_of(field(j, "D", "claim"), "claim.D");
    claim.K = integer_of(field(j, "K", "claim"), "claim.K");
    claim.R = integer_of(field(j, "R", "claim"), "claim.R");
    claim.w = rows_of(field(j, "w", "claim"), claim.R, "claim.w");
    claim.lower = string_of(field(j, "lower", "claim"), "claim.lower");
    claim.upper = string_of(field(j, "upper", "claim"), "claim.upper");
    return claim;
}

RegularizerBracketEvidence bracket_from_json(const Json& ev, long R) {
    RegularizerBracketEvidence e;
    e.lambda = rows_of(field(ev, "lambda", "evidence"), R, "evidence.lambda");
    const Json& net = field(ev, "network", "evidence");
    const Json& u = field(net, "u", "evidence.network");
    if (!u.is_array()) throw StructureError("evidence.network.u is not an array");
    for (std::size_t c = 0; c < u.size(); ++c)
        e.u.push_back(rows_of(u[c], R, "evidence.network.u[" + std::to_string(c) + "]"));
    e.v = string_arrays_of(field(net, "v", "evidence.network"), "evidence.network.v");
    return e;
}

MaxmarginClaim maxmargin_claim_from_json(const Json& j) {
    MaxmarginClaim claim;
    claim.D = integer_of(field(j, "D", "claim"), "claim.D");
    claim.K = integer_of(field(j, "K", "claim"), "claim.K");
    claim.R = integer_of(field(j, "R", "claim"), "claim.R");
    claim.x = string_arrays_of(field(j, "x", "claim"), "claim.x");
    claim.y = strings_of(field(j, "y", "claim"), "claim.y");
    claim.lower = string_of(field(j, "lower", "claim"), "claim.lower");
    claim.upper = string_of(field(j, "upper", "claim"), "claim.upper");
    return claim;
}

MaxmarginEvidence maxmargin_evidence_from_json(const Json& ev, long R) {
    MaxmarginEvidence e;
    e.alpha = strings_of(field(ev, "alpha", "evidence"), "evidence.alpha");
    e.w = rows_of(field(ev, "w", "evidence"), R, "evidence.w");
    const Json& net = field(ev, "network", "evidence");
    const Json& u = field(net, "u", "evidence.network");
    if (!u.is_array()) throw StructureError("evidence.network.u is not an array");
    for (std::size_t c = 0; c < u.size(); ++c)
        e.u.push_back(rows_of(u[c], R, "evidence.network.u[" + std::to_string(c) + "]"));
    e.v = string_arrays_of(field(net, "v", "evidence.network"), "evidence.network.v");
    return e;
}

CollapseNetwork collapse_network_from_json(const Json& j, const std::string& where) {
    CollapseNetwork net;
    net.u = string_arrays_of(field(j, "u", where), where + ".u");
    net.v = string_arrays_of(field(j, "v", where), where + ".v");
    return net;
}

CollapseClaim collapse_claim_from_json(const Json& j) {
    CollapseClaim claim;
    claim.D = integer_of(field(j, "D", "claim"), "claim.D");
    claim.K = integer_of(field(j, "K", "claim"), "claim.K");
    claim.R = integer_of(field(j, "R", "claim"), "claim.R");
    claim.w = strings_of(field(j, "w", "claim"), "claim.w");
    claim.input = collapse_network_from_json(field(j, "input", "claim"), "claim.input");
    claim.output = collapse_network_from_json(field(j, "output", "claim"), "claim.output");
    claim.cost_in = string_of(field(j, "cost_in", "claim"), "claim.cost_in");
    claim.cost_out = string_of(field(j, "cost_out", "claim"), "claim.cost_out");
    claim.slack = string_of(field(j, "slack", "claim"), "claim.slack");
    return claim;
}

std::vector<long> integers_of(const Json& j, const std::string& where) {
    if (!j.is_array()) throw StructureError(where + " is not an array");
    std::vector<long> out;
    for (std::size_t i = 0; i < j.size(); ++i)
        out.push_back(integer_of(j[i], where + "[" + std::to_string(i) + "]"));
    return out;
}

RankClaim rank_claim_from_json(const Json& j) {
    RankClaim claim;
    claim.D = integer_of(field(j, "D", "claim"), "claim.D");
    claim.K = integer_of(field(j, "K", "claim"), "claim.K");
    claim.R = integer_of(field(j, "R", "claim"), "claim.R");
    claim.w = string_arrays_of(field(j, "w", "claim"), "claim.w");
    claim.rank = integer_of(field(j, "rank", "claim"), "claim.rank");
    return claim;
}

RankEvidence rank_evidence_from_json(const Json& j) {
    RankEvidence e;
    e.rows = integers_of(field(j, "rows", "evidence"), "evidence.rows");
    e.columns = integers_of(field(j, "columns", "evidence"), "evidence.columns");
    return e;
}

LemmaClaim claim_from_json(const Json& j) {
    LemmaClaim claim;
    claim.K = integer_of(field(j, "K", "claim"), "claim.K");
    claim.vectors = string_arrays_of(field(j, "vectors", "claim"), "claim.vectors");
    claim.target = strings_of(field(j, "target", "claim"), "claim.target");
    return claim;
}

} // namespace

std::string certificate_to_json(const Certificate& cert) {
    Json j;
    j["format"] = kCertificateFormat;
    j["version"] = kCertificateVersion;
    j["kind"] = cert.kind;
    if (cert.rank_claim) {
        const RankClaim& c = *cert.rank_claim;
        j["claim"] = {{"D", c.D}, {"K", c.K}, {"R", c.R}, {"w", c.w}, {"rank", c.rank}};
        Json ev = Json::object();
        if (cert.rank_evidence) {
            ev["rows"] = cert.rank_evidence->rows;
            ev["columns"] = cert.rank_evidence->columns;
        }
        j["evidence"] = ev;
        j["generator"] = {{"program", "convcert"}, {"method", cert.generator_method}};
        return j.dump(1) + "\n";
    }
    if (cert.collapse) {
        j["claim"] = collapse_claim_to_json(*cert.collapse);
        j["evidence"] = Json::object();
        j["generator"] = {{"program", "convcert"}, {"method", cert.generator_method}};
        return j.dump(1) + "\n";
    }
    if (cert.maxmargin_claim) {
        const long R = cert.maxmargin_claim->R;
        j["claim"] = maxmargin_claim_to_json(*cert.maxmargin_claim);
        j["evidence"] =
            cert.maxmargin ? maxmargin_evidence_to_json(*cert.maxmargin, R) : Json::object();
        j["generator"] = {{"program", "convcert"}, {"method", cert.generator_method}};
        return j.dump(1) + "\n";
    }
    if (cert.regularizer_claim) {
        const long R = cert.regularizer_claim->R;
        j["claim"] = regularizer_claim_to_json(*cert.regularizer_claim);
        j["evidence"] = cert.bracket ? bracket_to_json(*cert.bracket, R) : Json::object();
        j["generator"] = {{"program", "convcert"}, {"method", cert.generator_method}};
        return j.dump(1) + "\n";
    }
    j["claim"] = claim_to_json(cert.claim);
    Json ev;
    long digits = 0;
    if (cert.exact) {
        const auto& e = *cert.exact;
        ev["minpoly"] = e.minpoly;
        ev["interval"] = Json::array({e.interval_lo, e.interval_hi});
        ev["c"] = e.c;
        ev["digits"] = e.digits;
        ev["c_decimal"] = e.c_decimal;
        digits = e.digits;
    } else if (cert.enclosure) {
        const auto& e = *cert.enclosure;
        ev["center"] = e.center;
        ev["radius"] = e.radius;
        ev["digits"] = e.digits;
        ev["c_decimal"] = e.c_decimal;
        digits = e.digits;
    }
    j["evidence"] = ev;
    Json gen;
    gen["program"] = "convcert";
    gen["method"] = cert.generator_method;
    gen["digits"] = digits;
    j["generator"] = gen;
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
        Certificate cert;
        cert.kind = string_of(field(j, "kind", "certificate"), "kind");
        const Json& claim = field(j, "claim", "certificate");
        const bool lemma_kind = cert.kind == kKindLemmaExact || cert.kind == kKindLemmaEnclosure;
        if (lemma_kind) cert.claim = claim_from_json(claim);
        const Json& ev = field(j, "evidence", "certificate");
        if (cert.kind == kKindNetworkCollapse) {
            if (!ev.is_object() || !ev.empty())
                throw StructureError("network-collapse evidence must be the empty object {}");
            cert.collapse = collapse_claim_from_json(claim);
        } else if (cert.kind == kKindRankBound) {
            cert.rank_claim = rank_claim_from_json(claim);
            cert.rank_evidence = rank_evidence_from_json(ev);
        } else if (cert.kind == kKindRegularizerBracket) {
            cert.regularizer_claim = regularizer_claim_from_json(claim);
            cert.bracket = bracket_from_json(ev, cert.regularizer_claim->R);
        } else if (cert.kind == kKindMaxmarginBracket) {
            cert.maxmargin_claim = maxmargin_claim_from_json(claim);
            cert.maxmargin = maxmargin_evidence_from_json(ev, cert.maxmargin_claim->R);
        } else if (cert.kind == kKindLemmaExact) {
            LemmaExactEvidence e;
            e.minpoly = strings_of(field(ev, "minpoly", "evidence"), "evidence.minpoly");
            auto interval = strings_of(field(ev, "interval", "evidence"), "evidence.interval");
            if (interval.size() != 2)
                throw StructureError("evidence.interval must have exactly two ends");
            e.interval_lo = interval[0];
            e.interval_hi = interval[1];
            e.c = string_arrays_of(field(ev, "c", "evidence"), "evidence.c");
            e.digits = integer_of(field(ev, "digits", "evidence"), "evidence.digits");
            e.c_decimal = strings_of(field(ev, "c_decimal", "evidence"), "evidence.c_decimal");
            cert.exact = std::move(e);
        } else if (cert.kind == kKindLemmaEnclosure) {
            LemmaEnclosureEvidence e;
            e.center = strings_of(field(ev, "center", "evidence"), "evidence.center");
            e.radius = string_of(field(ev, "radius", "evidence"), "evidence.radius");
            e.digits = integer_of(field(ev, "digits", "evidence"), "evidence.digits");
            e.c_decimal = strings_of(field(ev, "c_decimal", "evidence"), "evidence.c_decimal");
            cert.enclosure = std::move(e);
        } else {
            throw StructureError("unknown certificate kind '" + cert.kind + "'");
        }
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
