// Test driver for coqgen/coq_export_lemma (stand-in for `convcert coq` in the coq tests):
//   coq_export_lemma CERT.json OUT.v [--tamper target|c|minpoly|interval|vectors]
// writes the Coq instance proof of a lemma-exact certificate, optionally after changing one
// field so that the claim or its evidence is wrong (the exported file must then fail to
// compile): target[0], c[K-1][0] and vectors[0][0] get a digit appended to their numerator,
// minpoly[0] has 1 added, and interval becomes [B, B + 1] with B = 1 + sum |m_i| beyond every
// real root (Cauchy), so there is no sign change. With vectors tampered, target and c still
// agree (all of the evidence is right) but target is no longer sum_i a_i * a_i. Exit 2 with a
// one-line message on a bad certificate.
#include "coqgen/coq_export_lemma.h"
#include "coqgen/coq_text.h"

#include <flint/fmpz.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

// "p/q" -> "p1/q", "p" -> "p1": a different rational (p = 0 gives 1).
std::string coq_tamper_rational(const std::string& s) {
    const std::size_t slash = s.find('/');
    if (slash == std::string::npos) return s + "1";
    return s.substr(0, slash) + "1" + s.substr(slash);
}

std::string coq_tamper_fmpz_string(const fmpz_t x) {
    char* c = fmpz_get_str(nullptr, 10, x);
    std::string s(c);
    flint_free(c);
    return s;
}

bool coq_tamper(convcert::Certificate& cert, const std::string& field) {
    auto* body = std::get_if<convcert::LemmaExactBody>(&cert.body);
    if (!body || body->claim.target.empty() || body->evidence.c.empty()) return false;
    convcert::LemmaExactEvidence& ev = body->evidence;
    convcert::LemmaClaim& claim = body->claim;
    if (field == "target") {
        claim.target[0] = coq_tamper_rational(claim.target[0]);
    } else if (field == "vectors") {
        if (claim.vectors.empty() || claim.vectors[0].empty()) return false;
        claim.vectors[0][0] = coq_tamper_rational(claim.vectors[0][0]);
    } else if (field == "c") {
        auto& p = ev.c.back();
        if (p.empty())
            p.push_back("1");
        else
            p[0] = coq_tamper_rational(p[0]);
    } else if (field == "minpoly") {
        fmpz_t x;
        fmpz_init(x);
        fmpz_set_str(x, ev.minpoly.at(0).c_str(), 10);
        fmpz_add_ui(x, x, 1);
        ev.minpoly[0] = coq_tamper_fmpz_string(x);
        fmpz_clear(x);
    } else if (field == "interval") {
        fmpz_t b, m;
        fmpz_init_set_ui(b, 1);
        fmpz_init(m);
        for (const std::string& s : ev.minpoly) {
            fmpz_set_str(m, s.c_str(), 10);
            fmpz_abs(m, m);
            fmpz_add(b, b, m);
        }
        ev.interval_lo = coq_tamper_fmpz_string(b);
        fmpz_add_ui(b, b, 1);
        ev.interval_hi = coq_tamper_fmpz_string(b);
        fmpz_clear(b);
        fmpz_clear(m);
    } else {
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3 && !(argc == 5 && std::string(argv[3]) == "--tamper")) {
        std::cerr << "usage: coq_export_lemma CERT.json OUT.v "
                     "[--tamper target|c|minpoly|interval|vectors]\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "coq_export_lemma: cannot read " << argv[1] << "\n";
        return 2;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    convcert::CertificateReadResult read = convcert::certificate_from_json(buffer.str());
    if (!read.certificate) {
        std::cerr << "coq_export_lemma: " << convcert::coqgen::coq_message_escape(read.error, 400)
                  << "\n";
        return 2;
    }
    if (argc == 5 && !coq_tamper(*read.certificate, argv[4])) {
        std::cerr << "coq_export_lemma: cannot tamper with '" << argv[4] << "'\n";
        return 2;
    }
    try {
        const std::string text = convcert::coqgen::coq_export_lemma_exact(*read.certificate);
        std::ofstream out(argv[2], std::ios::binary);
        out << text;
        out.close();
        if (!out) {
            std::cerr << "coq_export_lemma: cannot write " << argv[2] << "\n";
            return 2;
        }
    } catch (const convcert::coqgen::CoqExportError& e) {
        std::cerr << "coq_export_lemma: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
