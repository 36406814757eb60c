// Test helper for the checker tests: a certificate file shipped with the project (examples/,
// tests/data/), read through the model. Reading it REQUIREs that the model accepts the file
// and writes it back byte-identically (the shipped files are the model's own output), so a
// test that starts from an example also pins the format.
#pragma once

#include "certify/certificate.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace convcert::tests {

/// The certificate in CONVCERT_SOURCE_DIR/PATH (e.g. "examples/rank-bound.json").
inline Certificate example_certificate(const std::string& path) {
    std::ifstream in(std::string(CONVCERT_SOURCE_DIR) + "/" + path);
    INFO(path);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    const CertificateReadResult read = certificate_from_json(text.str());
    INFO(read.error);
    REQUIRE(read.certificate);
    CHECK(certificate_to_json(*read.certificate) == text.str());
    return *read.certificate;
}

} // namespace convcert::tests
