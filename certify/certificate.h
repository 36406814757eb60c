// The certificate model: what a certificate file holds, as plain strings, and its JSON
// reading and writing. No arithmetic happens here; the generator fills these structs and
// the checker reads them. Format: docs/certificates.md.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace convcert {

inline constexpr const char* kCertificateFormat = "convcert-certificate";
inline constexpr int kCertificateVersion = 1;

/// "there is c in R^K with c ⋆ c = target", target = sum_i a_i ⋆ a_i.
struct LemmaClaim {
    long K = 0;
    std::vector<std::vector<std::string>> vectors; // canonical rationals
    std::vector<std::string> target;               // canonical rationals
};

/// c_k = P_k(α), α the real root of minpoly in (lo, hi).
struct LemmaExactEvidence {
    std::vector<std::string> minpoly; // integers, ascending powers
    std::string interval_lo, interval_hi;
    std::vector<std::vector<std::string>> c; // K rational polynomials, ascending
    long digits = 30;
    std::vector<std::string> c_decimal;
};

/// The max-norm box center ± radius holds exactly one c with c ⋆ c = target.
struct LemmaEnclosureEvidence {
    std::vector<std::string> center;
    std::string radius;
    long digits = 30;
    std::vector<std::string> c_decimal;
};

/// "lower <= R_{K,C}(w) <= upper": w has R input channels of length D, kernels have size K.
struct RegularizerClaim {
    long D = 0, K = 0, R = 0;
    std::vector<long> shape, kernel_shape;   // 2-D claims: [D1, D2], [K1, K2]; empty in 1-D
    std::vector<std::vector<std::string>> w; // R rows of D canonical rationals
    std::string lower, upper;
};

/// The dual point λ (lower bound) and a rational network realizing w (upper bound).
struct RegularizerBracketEvidence {
    std::vector<std::vector<std::string>> lambda;         // R rows of D
    std::vector<std::vector<std::vector<std::string>>> u; // C0 kernels, each R rows of K
    std::vector<std::vector<std::string>> v;              // C0 vectors of D
};

/// A network with R input channels: C kernels of R rows of K entries, C vectors of D (the layout
/// of RegularizerBracketEvidence).
struct CollapseNetwork {
    std::vector<std::vector<std::vector<std::string>>> u; // C kernels, each R rows of K
    std::vector<std::vector<std::string>> v;              // C vectors of D canonical rationals
};

/// "output (at most R channels) realizes the same w as input, and cost_out <= cost_in + slack".
/// The claim is its own evidence: the checker recomputes everything from the two networks.
struct CollapseClaim {
    long D = 0, K = 0, R = 1;
    std::vector<long> shape, kernel_shape;   // as in RegularizerClaim
    std::vector<std::vector<std::string>> w; // R rows of D canonical rationals
    CollapseNetwork input, output;
    std::string cost_in, cost_out, slack;
};

/// "rank W >= rank" for W (R rows of D): at K = 1 no network with C < rank channels realizes W.
struct RankClaim {
    long D = 0, K = 1, R = 0;
    std::vector<long> shape, kernel_shape;   // as in RegularizerClaim
    std::vector<std::vector<std::string>> w; // R rows of D canonical rationals
    long rank = 0;
};

/// An invertible rank×rank minor of W: its row and column indices, strictly increasing.
struct RankEvidence {
    std::vector<long> rows, columns;
};

/// "lower <= min { R_{K,C}(W) : y_i <W, x_i> >= 1 for all i } <= upper" (MATH.md §9): n samples
/// x_i (R·D integers each, channel-major), labels y_i = "1" or "-1".
struct MaxmarginClaim {
    long D = 0, K = 0, R = 0;
    std::vector<long> shape, kernel_shape;   // as in RegularizerClaim
    std::vector<std::vector<std::string>> x; // n rows of R·D canonical integers
    std::vector<std::string> y;              // n labels "1" / "-1"
    std::string lower, upper;
    /// The samples are x / x_denominator (a canonical integer >= 1); empty: absent, which means
    /// 1 (written only when set, so certificates of integer data are unchanged).
    std::string x_denominator;
};

/// Multipliers α >= 0 (λ = sum_i α_i y_i x_i is dual feasible), a margin-feasible W (R rows of D)
/// and a rational network realizing W (the same layout as RegularizerBracketEvidence).
struct MaxmarginEvidence {
    std::vector<std::string> alpha;
    std::vector<std::vector<std::string>> w;
    std::vector<std::vector<std::vector<std::string>>> u;
    std::vector<std::vector<std::string>> v;
};

/// One leaf of the one-channel bound (docs/certificates.md, "channel-separation"): the box
/// lo <= u <= hi (K canonical rationals each) of the face u_face = 1, so lo[face] = hi[face] = 1,
/// and bound, a claimed lower bound of the scale-invariant one-channel cost φ on it.
struct OneChannelBoundLeaf {
    long face = 0;
    std::vector<std::string> lo, hi;
    std::string bound;
};

/// "R_{K,1}(w) >= lower_c1 > upper_c2 >= R_{K,C0}(w)" for one input channel (R = 1): no
/// one-channel network realizing w costs less than lower_c1, a C0-channel one costs upper_c2.
struct ChannelSeparationClaim {
    long D = 0, K = 0, R = 1;
    std::vector<long> shape, kernel_shape;   // as in RegularizerClaim
    std::vector<std::vector<std::string>> w; // 1 row of D canonical rationals
    std::string lower_c1, upper_c2;
};

/// The leaves of the bisection trees of the faces (docs/separation.md) and a rational network
/// realizing w with C0 >= 2 channels (the layout of RegularizerBracketEvidence, R = 1).
struct ChannelSeparationEvidence {
    std::vector<OneChannelBoundLeaf> leaves;
    std::vector<std::vector<std::vector<std::string>>> u; // C0 kernels, each 1 row of K
    std::vector<std::vector<std::string>> v;              // C0 vectors of D
};

/// The kinds, in the order of CertificateBody's alternatives. Names (the JSON "kind" strings):
/// certificate_kind_name; adding a kind: docs/certificates.md, "Adding a kind".
enum class CertificateKind {
    LemmaExact,
    LemmaEnclosure,
    RegularizerBracket,
    NetworkCollapse,
    RankBound,
    MaxmarginBracket,
    ChannelSeparation
};

/// One body per kind: its claim and its evidence (a collapse claim is its own evidence).
struct LemmaExactBody {
    LemmaClaim claim;
    LemmaExactEvidence evidence;
};
struct LemmaEnclosureBody {
    LemmaClaim claim;
    LemmaEnclosureEvidence evidence;
};
struct RegularizerBody {
    RegularizerClaim claim;
    RegularizerBracketEvidence evidence;
};
struct CollapseBody {
    CollapseClaim claim;
};
struct RankBody {
    RankClaim claim;
    RankEvidence evidence;
};
struct MaxmarginBody {
    MaxmarginClaim claim;
    MaxmarginEvidence evidence;
};
struct ChannelSeparationBody {
    ChannelSeparationClaim claim;
    ChannelSeparationEvidence evidence;
};

/// Alternative i is the body of CertificateKind(i).
using CertificateBody = std::variant<LemmaExactBody, LemmaEnclosureBody, RegularizerBody,
                                     CollapseBody, RankBody, MaxmarginBody, ChannelSeparationBody>;
inline constexpr std::size_t kCertificateKindCount = std::variant_size_v<CertificateBody>;
static_assert(kCertificateKindCount == std::size_t(CertificateKind::ChannelSeparation) + 1,
              "one CertificateBody alternative per CertificateKind");

/// A certificate is exactly one kind's body: it cannot carry parts of two kinds. (Default
/// constructed, it holds an empty lemma-exact body.)
struct Certificate {
    CertificateBody body;
    std::string generator_method; // informational only
};

namespace detail {
template <class Body, class... Bodies>
constexpr std::size_t body_index(const std::variant<Bodies...>*) {
    constexpr bool is[] = {std::is_same_v<Body, Bodies>...};
    std::size_t i = 0;
    while (i < sizeof...(Bodies) && !is[i])
        ++i;
    return i;
}
} // namespace detail

/// The kind whose body `Body` is (a compile error if Body is not an alternative).
template <class Body> constexpr CertificateKind certificate_kind_of() {
    constexpr std::size_t i =
        detail::body_index<Body>(static_cast<const CertificateBody*>(nullptr));
    static_assert(i < kCertificateKindCount, "not a CertificateBody alternative");
    return CertificateKind(i);
}

/// The kind of `cert`: the alternative its body holds.
inline CertificateKind certificate_kind(const Certificate& cert) {
    return CertificateKind(cert.body.index());
}

/// The kind's name, as written in a certificate's "kind" field ("lemma-exact", ...).
const char* certificate_kind_name(CertificateKind kind);

/// certificate_kind_name(certificate_kind(cert)).
inline std::string certificate_kind_name(const Certificate& cert) {
    return certificate_kind_name(certificate_kind(cert));
}

/// Serializes deterministically (fixed field order, one-space indent, trailing newline).
std::string certificate_to_json(const Certificate& cert);

/// Reading limits (docs/certificates.md, "Reading limits"): beyond them a text is refused as
/// malformed before it costs memory. Real certificates stay far inside (nesting depth 6).
inline constexpr int kJsonMaxDepth = 16;                                 // nested arrays/objects
inline constexpr std::size_t kJsonMaxValues = std::size_t(1) << 24;      // values, keys included
inline constexpr std::size_t kJsonMaxStringBytes = std::size_t(1) << 20; // one string or key
inline constexpr std::size_t kJsonMaxObjectKeys = 256;                   // keys of one object

/// Result of reading: either a certificate or a one-line reason.
struct CertificateReadResult {
    std::optional<Certificate> certificate;
    bool syntax_error = false; // not JSON, or beyond a reading limit (exit code 2 territory)
    std::string error;
};

/// Parses JSON text within the reading limits above. Structural problems (missing fields,
/// wrong types, integers beyond 64 bits, duplicate keys, unknown kind) are reported in `error`;
/// rationals are kept verbatim, their canonical form is the checker's job. Allocation failures
/// (std::bad_alloc) propagate to the caller.
CertificateReadResult certificate_from_json(const std::string& text);

} // namespace convcert
